"""Payloads sealed for one recipient: how credentials cross Kafka without being readable on the way.

The publisher learns an account's tokens when the person connects it, and the metrics service needs its
read credentials. Rather than the metrics service calling the publisher (services talk only over Kafka),
the publisher puts them on ``credentials.issued`` *sealed* for the metrics service: an anonymous sealed
box (the libsodium construction, built from ``cryptography``): a fresh X25519 key pair per message,
its shared secret with the recipient's public key through HKDF-SHA256 into a ChaCha20-Poly1305 key.
Only the holder of the private key (``METRICS_SEAL_PRIVATE_KEY``) opens it; the broker, its logs, the
dead-letter topics and the publisher itself after sending cannot. Keys are 32 bytes, URL-safe base64.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import (
    X25519PrivateKey,
    X25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw
_INFO = b"smm sealed payload v1"
# Development and tests only (settings refuse it in production): a well-known key pair, so a fresh clone runs.
DEV_PRIVATE_KEY = base64.urlsafe_b64encode(hashlib.sha256(b"smm development seal key").digest()).decode()


class Unsealable(ValueError):
    """Not sealed for this key, or altered on the way."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode()


def public_key_of(private_key: str) -> str:
    key = X25519PrivateKey.from_private_bytes(base64.urlsafe_b64decode(private_key))
    return _b64(key.public_key().public_bytes(*_RAW))


def new_private_key() -> str:
    return _b64(os.urandom(32))


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=ephemeral + recipient, info=_INFO).derive(shared)


def seal(public_key: str, data: dict[str, Any]) -> str:
    recipient = base64.urlsafe_b64decode(public_key)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_pub = ephemeral.public_key().public_bytes(*_RAW)
    key = _key(ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient)), ephemeral_pub, recipient)
    nonce = os.urandom(12)
    return _b64(ephemeral_pub + nonce + ChaCha20Poly1305(key).encrypt(nonce, json.dumps(data).encode(), None))


def open_sealed(private_key: str, sealed: str) -> dict[str, Any]:
    me = X25519PrivateKey.from_private_bytes(base64.urlsafe_b64decode(private_key))
    try:
        raw = base64.urlsafe_b64decode(sealed)
        ephemeral_pub, nonce, box = raw[:32], raw[32:44], raw[44:]
        key = _key(me.exchange(X25519PublicKey.from_public_bytes(ephemeral_pub)), ephemeral_pub,
                   me.public_key().public_bytes(*_RAW))
        return json.loads(ChaCha20Poly1305(key).decrypt(nonce, box, None))
    except (InvalidTag, ValueError) as exc:
        raise Unsealable("the payload is not sealed for this key") from exc
