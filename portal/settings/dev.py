"""Local development: DEBUG on, demo accounts allowed, console e-mail."""

from .base import *  # noqa: F401,F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
ENABLE_DEMO_ACCOUNTS = True
INTERNAL_IPS = ["127.0.0.1"]
WHITENOISE_AUTOREFRESH = True
# The demo (`make run`): the second factor stays optional for the demo accounts, so the
# admin can be tried without a phone. Production requires it of superusers and 审批人.
PORTAL_OTP_REQUIRED = env_bool("PORTAL_OTP_REQUIRED", False)
# A fixed key derived from SECRET_KEY for the chains (production sets INTEGRITY_KEY).
INTEGRITY_KEY_DERIVED = True
