"""The key that links of every tamper-evident chain are keyed with (HMAC-SHA256).

Never stored in the database: someone who can rewrite rows cannot recompute a chain.
Read, in this order, from the environment variable INTEGRITY_KEY (hex or any text of 32+
characters) or from the file named by INTEGRITY_KEY_FILE (its first line). Tests and the
`make run` demo (INTEGRITY_KEY_DERIVED = True in dev/test settings) derive a fixed key
from SECRET_KEY; production refuses to seal or verify without a configured key.

Each link records the key's id (the first 16 hex digits of SHA-256 of the key), so after a
rotation the verifier knows which key a link was made with; INTEGRITY_OLD_KEYS (comma-
separated, environment or settings) keeps retired keys available for verification only.
"""

import hashlib
import hmac
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MIN_LENGTH = 32


def _from_text(text):
    text = text.strip()
    if len(text) < MIN_LENGTH:
        raise ImproperlyConfigured(f"完整性密钥太短：至少需要{MIN_LENGTH}个字符。")
    try:
        return bytes.fromhex(text)
    except ValueError:
        return text.encode("utf-8")


def current_key():
    value = os.environ.get("INTEGRITY_KEY") or getattr(settings, "INTEGRITY_KEY", "")
    if value:
        return _from_text(value)
    path = os.environ.get("INTEGRITY_KEY_FILE") or getattr(settings, "INTEGRITY_KEY_FILE", "")
    if path:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        return _from_text(lines[0] if lines else "")
    if getattr(settings, "INTEGRITY_KEY_DERIVED", False):
        return hashlib.sha256(b"portal-integrity-key:" + settings.SECRET_KEY.encode()).digest()
    raise ImproperlyConfigured(
        "未配置台账完整性密钥：请设置环境变量 INTEGRITY_KEY 或 INTEGRITY_KEY_FILE。")


def key_id(key):
    return hashlib.sha256(key).hexdigest()[:16]


def known_keys():
    """{key id: key} for the current key and every retired one."""
    keys = [current_key()]
    old = os.environ.get("INTEGRITY_OLD_KEYS") or getattr(settings, "INTEGRITY_OLD_KEYS", "")
    keys += [_from_text(text) for text in str(old).split(",") if text.strip()]
    return {key_id(key): key for key in keys}


def mac(key, message):
    return hmac.new(key, message, hashlib.sha256).hexdigest()
