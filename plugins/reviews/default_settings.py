"""Settings this plugin needs, with their defaults (read by portal/plugin_loader.py).

The public form uses django-simple-captcha (an offline image captcha, app `captcha`) and
django-ratelimit (per-client limits on the default cache, Redis in production); contact
phones are encrypted with a key derived from REVIEWS_CONTACT_KEY (SECRET_KEY when empty)
and purged after REVIEWS_CONTACT_RETENTION_DAYS. See docs/reviews.md.
"""

from portal.settings.env import env_int, env_str

INSTALLED_APPS = ["captcha"]

CAPTCHA_LENGTH = 4
CAPTCHA_FONT_SIZE = 36
CAPTCHA_TIMEOUT = 30  # minutes: filling in a whole review takes a while on a phone
CAPTCHA_LETTER_ROTATION = (-20, 20)
REVIEWS_SUBMIT_RATE = env_str("REVIEWS_SUBMIT_RATE", "20/m")
REVIEWS_CONTACT_KEY = env_str("REVIEWS_CONTACT_KEY", "")
REVIEWS_CONTACT_RETENTION_DAYS = env_int("REVIEWS_CONTACT_RETENTION_DAYS", 180)
# Submission rate limits live in the shared default cache (Redis when REDIS_URL is set);
# behind a proxy, name the header holding the client address.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY", "REMOTE_ADDR")
