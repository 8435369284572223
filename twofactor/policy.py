"""Who must use a second factor, and which devices a staff account has (django-otp).

Every account that can enter the Wagtail admin may enrol a TOTP authenticator (with
recovery codes). Under PORTAL_OTP_REQUIRED -- on in production, off in the `make run`
demo -- superusers and members of the 审批人 group must: the admin sends them to
enrolment until they have one, and asks for a code after every password login.
"""

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from pages.roles import APPROVERS

RECOVERY_CODES = 10
# Set in the session at password login for an account that has or needs a second factor,
# cleared once the code is given: the front end (the 审定 screens live there) reads this
# flag instead of querying devices on every request of every member.
PENDING = "twofactor_pending"
TOTP_NAME = "身份验证器"
STATIC_NAME = "恢复码"


def is_staff_account(user):
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def is_required(user):
    if not getattr(settings, "PORTAL_OTP_REQUIRED", True):
        return False
    return bool(user and user.is_authenticated
                and (user.is_superuser or user.groups.filter(name=APPROVERS).exists()))


def asks_for_code(user):
    return is_staff_account(user) and (is_enrolled(user) or is_required(user))


def authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_enrolled(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def new_recovery_codes(user):
    """Replace the account's recovery codes; returns the new ones (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=STATIC_NAME,
                                                   defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [device.token_set.create(token=device.token_set.model.random_token()).token
             for _ in range(RECOVERY_CODES)]
    return codes


def verify(user, code):
    """The device that accepts `code` (an authenticator code or an unused recovery
    code, which is then used up), or None."""
    code = "".join(str(code or "").split()).lower()
    if not code:
        return None
    device = authenticator(user)
    if device is not None and code.isdigit() and device.verify_is_allowed()[0] \
            and device.verify_token(code):
        return device
    for static in StaticDevice.objects.filter(user=user, confirmed=True):
        if static.verify_is_allowed()[0] and static.verify_token(code):
            return static
    return None


def remove(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
