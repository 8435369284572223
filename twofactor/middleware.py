"""Keeps a staff session out of the Wagtail admin until its second factor is given.

Runs after django-otp's OTPMiddleware (which tells whether this session has been
verified). In the admin, an account with an authenticator that has not given a code
since its password login is sent to the code page; an account that must have one
(policy.is_required) and has none is sent to enrolment. Login, logout and the two
pages themselves stay open.
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import policy

ADMIN_PREFIX = "/admin/"
OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/jsi18n/", "/admin/twofactor/")


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = getattr(request, "user", None)
        if (path.startswith(ADMIN_PREFIX) and not path.startswith(OPEN_PATHS)
                and user is not None and user.is_authenticated
                and not user.is_verified()):
            target = None
            if policy.is_enrolled(user):
                target = "twofactor_verify"
            elif policy.is_required(user):
                target = "twofactor_setup"
            if target:
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
