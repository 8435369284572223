"""What a login leaves in the session for the pages a member then reads."""

from django.contrib.auth.signals import user_logged_in

# Whether the account could enter the Wagtail admin when it logged in. templates/base.html
# renders Wagtail's user bar -- which checks the permission itself, with two queries -- only
# for a session where this is not False, so a member's page views skip those queries. An
# account given admin access while logged in sees the bar from its next login.
ADMIN_ACCESS = "may_access_admin"


def remember_admin_access(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[ADMIN_ACCESS] = user.has_perm("wagtailadmin.access_admin")


def connect():
    user_logged_in.connect(remember_admin_access, dispatch_uid="members_admin_access")
