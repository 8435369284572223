"""The plugin's settings, with their defaults (see docs/reviews.md)."""

from django.conf import settings


def submit_rate():
    """django-ratelimit rate for form submissions per client address, e.g. "20/m"."""
    return getattr(settings, "REVIEWS_SUBMIT_RATE", "20/m")


def max_body_bytes():
    """Largest accepted form submission; anything bigger is refused with 413."""
    return getattr(settings, "REVIEWS_MAX_BODY_BYTES", 64 * 1024)


def contact_key():
    """Secret the contact-phone encryption key is derived from (SECRET_KEY unless set)."""
    return getattr(settings, "REVIEWS_CONTACT_KEY", "") or settings.SECRET_KEY


def contact_retention_days():
    return getattr(settings, "REVIEWS_CONTACT_RETENTION_DAYS", 180)


def device_cookie_name():
    return getattr(settings, "REVIEWS_DEVICE_COOKIE", "reviews_device")
