"""Signed external review links: a reviewer without an account approves or rejects one post.

A token is ``base64url(json{t,p,r,e}) "." base64url(HMAC-SHA256)``, keyed by a key derived from the
service's secret keys; it names the tenant, the post, the reviewer and an expiry, and is only good while the
post is in review (a decision moves it on, so a link works once).
"""
from __future__ import annotations

import base64
import hmac
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from smmkit.crypto import hmac_sha256
from smmkit.problems import DomainError


class InvalidLink(DomainError):
    status = 404
    title = "Not found"


@dataclass(frozen=True)
class ReviewClaim:
    tenant_id: uuid.UUID
    post_id: uuid.UUID
    reviewer: str
    expires_at: datetime


def _key(secret_keys: str) -> bytes:
    return hmac_sha256(secret_keys.split(",")[0].strip(), b"planner review links v1")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(*, secret_keys: str, tenant_id: uuid.UUID, post_id: uuid.UUID, reviewer: str, now: datetime,
         expires_in: timedelta) -> tuple[str, datetime]:
    expires_at = now + expires_in
    body = _b64(json.dumps({"t": str(tenant_id), "p": str(post_id), "r": reviewer,
                            "e": int(expires_at.timestamp())}, separators=(",", ":")).encode())
    return f"{body}.{_b64(hmac_sha256(_key(secret_keys), body.encode()))}", expires_at


def verify(*, secret_keys: str, token: str, now: datetime) -> ReviewClaim:
    body, _, sig = token.partition(".")
    try:
        good = hmac.compare_digest(_unb64(sig), hmac_sha256(_key(secret_keys), body.encode()))
        data = json.loads(_unb64(body)) if good else None
    except (ValueError, TypeError):
        data = None
    if not data:
        raise InvalidLink("review link is invalid")
    expires_at = datetime.fromtimestamp(data["e"], tz=now.tzinfo)
    if expires_at <= now:
        raise InvalidLink("review link has expired")
    return ReviewClaim(uuid.UUID(data["t"]), uuid.UUID(data["p"]), data["r"], expires_at)
