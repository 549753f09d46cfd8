"""Tracked links: ``<attribution public URL>/r/<token>``, signed by the publisher and verified by attribution.

The token carries the target id and the destination, so the redirect needs no
service call; the HMAC (shared ``TRACKING_SECRET``) makes a forged or altered
token worthless, which also rules out an open redirect.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SIG_BYTES = 16  # 128-bit tag: plenty against forgery, keeps links short


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_link(secret: str, target_id: uuid.UUID, destination: str) -> str:
    body = target_id.bytes + destination.encode()
    tag = hmac.new(secret.encode(), body, hashlib.sha256).digest()[:_SIG_BYTES]
    return _b64(tag + body)


def verify_link(secret: str, token: str) -> tuple[uuid.UUID, str] | None:
    """The (target id, destination) a token was signed for, or None if it is forged, altered or garbage."""
    try:
        raw = _unb64(token)
    except (ValueError, TypeError):
        return None
    if len(raw) <= _SIG_BYTES + 16:
        return None
    tag, body = raw[:_SIG_BYTES], raw[_SIG_BYTES:]
    expected = hmac.new(secret.encode(), body, hashlib.sha256).digest()[:_SIG_BYTES]
    if not hmac.compare_digest(tag, expected):
        return None
    try:
        return uuid.UUID(bytes=body[:16]), body[16:].decode()
    except UnicodeDecodeError:
        return None


def with_utm(url: str, *, source: str, campaign: str | None, content: str, medium: str = "social") -> str:
    """Add UTM tags (keeping the destination's own query); existing utm_* values are replaced."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")]
    query += [("utm_source", source), ("utm_medium", medium)]
    if campaign:
        query.append(("utm_campaign", campaign))
    query.append(("utm_content", content))
    return urlunsplit(parts._replace(query=urlencode(query)))


def tracked_url(public_base: str, secret: str, target_id: uuid.UUID, destination: str) -> str:
    return f"{public_base.rstrip('/')}/r/{sign_link(secret, target_id, destination)}"
