"""Keeps a staff session away from the portal until its second factor is given.

Runs after django-otp's OTPMiddleware (which tells whether this session has been
verified). In the admin, an account with an authenticator that has not given a code
since its password login is sent to the code page; an account that must have one
(policy.is_required) and has none is sent to enrolment. Outside the admin the same
holds for a session flagged at login (receivers.py): the 审定 and record screens of
the front end are no softer a way in than the admin. Login, logout, static files and
the two pages themselves stay open.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import policy

ADMIN_PREFIX = "/admin/"
OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/jsi18n/", "/admin/twofactor/")
OPEN_FRONT_PATHS = ("/member/login/", "/member/logout/", "/favicon.ico",
                    settings.STATIC_URL, settings.MEDIA_URL)


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(ADMIN_PREFIX):
            held = not path.startswith(OPEN_PATHS)
        else:  # no session cookie, no session read: anonymous pages stay untouched
            held = (settings.SESSION_COOKIE_NAME in request.COOKIES
                    and not path.startswith(OPEN_FRONT_PATHS)
                    and request.session.get(policy.PENDING, False))
        user = getattr(request, "user", None)
        if held and user is not None and user.is_authenticated and not user.is_verified():
            target = None
            if policy.is_enrolled(user):
                target = "twofactor_verify"
            elif policy.is_required(user):
                target = "twofactor_setup"
            if target:
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        if held and not path.startswith(ADMIN_PREFIX):
            request.session.pop(policy.PENDING, None)  # verified, or no longer asked for one
        return self.get_response(request)
