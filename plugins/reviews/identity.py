"""Who is answering: a member's account, a paper 评议码, or this device's token.

Each channel yields a keyed hash (crypto.identity_hash); the database's unique
constraint on (campaign, respondent_key) then allows one response per respondent.
"""

import secrets
from dataclasses import dataclass

from django.core import signing

from members.membership import is_party_member

from . import conf
from .constants import CHANNEL_ACCOUNT, CHANNEL_CODE, CHANNEL_DEVICE, MODE_CODE, MODE_DEVICE
from .crypto import identity_hash

DEVICE_SALT = "reviews.device"
DEVICE_MAX_AGE = 2 * 365 * 24 * 3600


@dataclass
class Respondent:
    channel: str  # account / code / device, or "" when the visitor cannot take part
    value: str = ""  # user id, normalised 评议码 or device token

    def key(self, campaign):
        return identity_hash(campaign.pk, self.channel, self.value)


def respondent_for(request, campaign, code=""):
    """The respondent this request speaks for; channel "" means not allowed to answer."""
    user = request.user
    if is_party_member(user):
        return Respondent(CHANNEL_ACCOUNT, str(user.pk))
    if campaign.public_mode == MODE_CODE:
        return Respondent(CHANNEL_CODE, code)
    if campaign.public_mode == MODE_DEVICE:
        token = read_device_token(request)
        return Respondent(CHANNEL_DEVICE, token) if token else Respondent(CHANNEL_DEVICE)
    return Respondent("")


def new_device_token():
    return secrets.token_urlsafe(24)


def read_device_token(request):
    raw = request.COOKIES.get(conf.device_cookie_name(), "")
    if not raw:
        return ""
    try:
        return signing.loads(raw, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return ""


def set_device_cookie(response, request, token):
    response.set_cookie(
        conf.device_cookie_name(), signing.dumps(token, salt=DEVICE_SALT),
        max_age=DEVICE_MAX_AGE, httponly=True, samesite="Lax", secure=request.is_secure(),
    )
