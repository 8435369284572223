from wagtail import hooks

from .viewsets import CommitmentsViewSetGroup


@hooks.register("register_admin_viewset")
def register_commitments_viewsets():
    return CommitmentsViewSetGroup()
