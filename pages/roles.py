"""Groups, permissions and the publication workflow of 条例 Art. 15 (提出→审核→审批→实施).

Idempotent: run after every migrate and by load_demo, so a fresh database
always has the four roles, and a site's home page always has the workflow.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from portal.scope import ALL_MEMBERS_GROUP

EDITORS = "信息员"
REVIEWERS = "保密审查员"
APPROVERS = "审批人"
STAFF_GROUPS = (EDITORS, REVIEWERS, APPROVERS)
WORKFLOW_NAME = "党务公开审批（条例第十五条）"


_REQUIRED = [
    ("wagtailadmin", "access_admin"), ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]


def required_permissions_exist():
    from django.db.models import Q

    q = Q()
    for app, codename in _REQUIRED:
        q |= Q(content_type__app_label=app, codename=codename)
    return Permission.objects.filter(q).count() == len(_REQUIRED)


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_groups():
    from wagtail.models import Collection, GroupCollectionPermission

    groups = {name: Group.objects.get_or_create(name=name)[0]
              for name in (*STAFF_GROUPS, ALL_MEMBERS_GROUP)}
    access_admin = _perm("wagtailadmin", "access_admin")
    root_collection = Collection.get_first_root_node()
    for name in STAFF_GROUPS:
        groups[name].permissions.add(access_admin)
        if root_collection is None:
            continue
        for app, codename in [("wagtaildocs", "choose_document"), ("wagtailimages", "choose_image")]:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name], collection=root_collection, permission=_perm(app, codename))
    if root_collection is not None:
        for app, codename in [("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"),
                              ("wagtailimages", "add_image"), ("wagtailimages", "change_image")]:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[EDITORS], collection=root_collection, permission=_perm(app, codename))
    return groups


@transaction.atomic
def ensure_publication_workflow(home):
    """Give editors drafting rights under the home page and put the workflow on it."""
    from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

    from .models import SeparateApprovalTask

    groups = ensure_groups()
    for codename in ("add_page", "change_page", "lock_page"):
        GroupPagePermission.objects.get_or_create(
            group=groups[EDITORS], page=home, permission=_perm("wagtailcore", codename))
    # Reviewers and approvers may see the tree; their powers come from the tasks.
    for name in (REVIEWERS, APPROVERS):
        GroupPagePermission.objects.get_or_create(
            group=groups[name], page=home, permission=_perm("wagtailcore", "change_page"))

    review, _ = SeparateApprovalTask.objects.get_or_create(name="保密审查")
    review.groups.add(groups[REVIEWERS])
    approve, _ = SeparateApprovalTask.objects.get_or_create(name="审批")
    approve.groups.add(groups[APPROVERS])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for order, task in enumerate((review, approve)):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task,
                                              defaults={"sort_order": order})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
