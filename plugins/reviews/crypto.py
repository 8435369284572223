"""Contact phones: encrypted at rest (Fernet), keyed from settings, shown masked by default."""

import base64
import hashlib
import hmac
import re

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from . import conf


def _derive(info):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(
        conf.contact_key().encode())


def _fernet():
    return Fernet(base64.urlsafe_b64encode(_derive(b"reviews contact phone")))


def encrypt_phone(phone):
    return _fernet().encrypt(phone.encode()).decode()


def decrypt_phone(token):
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return ""


def mask_phone(phone):
    """138****1234 for a mobile number; other numbers keep only their last four digits."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) == 11:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) > 4:
        return "*" * (len(digits) - 4) + digits[-4:]
    return "****" if digits else ""


def identity_hash(campaign_id, channel, value):
    """A keyed hash that tells respondents apart without storing who they are."""
    key = hashlib.sha256(b"reviews identity:" + conf.contact_key().encode()).digest()
    message = f"{campaign_id}:{channel}:{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
