"""Secrets at rest (Fernet with key rotation) and HMAC signing helpers."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


def is_fernet_key(key: str) -> bool:
    """A real Fernet key: 32 random bytes, URL-safe base64 (``Fernet.generate_key()``)."""
    try:
        return len(base64.urlsafe_b64decode(key.strip().encode())) == 32
    except ValueError:
        return False


def _as_fernet_key(key: str) -> bytes:
    """Real Fernet keys as they are; any other string derived into one (development and tests only:
    production settings refuse to start with such a key)."""
    raw = key.strip().encode()
    if is_fernet_key(key):
        return raw
    return base64.urlsafe_b64encode(hashlib.sha256(raw).digest())


class SecretBox:
    """Encrypts with the first key, decrypts with any: rotate by prepending a new key, then ``rotate()`` rows."""

    def __init__(self, keys: str):
        self._fernet = MultiFernet([Fernet(_as_fernet_key(k)) for k in keys.split(",") if k.strip()])

    def encrypt(self, data: dict[str, Any]) -> bytes:
        return self._fernet.encrypt(json.dumps(data).encode())

    def decrypt(self, token: bytes) -> dict[str, Any]:
        try:
            return json.loads(self._fernet.decrypt(token))
        except InvalidToken:
            raise ValueError("secret cannot be decrypted with the configured keys") from None

    def rotate(self, token: bytes) -> bytes:
        return self._fernet.rotate(token)


def hmac_sha256(secret: str | bytes, body: bytes) -> bytes:
    key = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(key, body, hashlib.sha256).digest()


def verify_hmac_b64(secret: str | bytes, body: bytes, signature_b64: str | None) -> bool:
    if not signature_b64:
        return False
    expected = base64.b64encode(hmac_sha256(secret, body)).decode()
    return hmac.compare_digest(expected, signature_b64.strip())


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()
