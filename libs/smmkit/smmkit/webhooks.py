"""Outgoing webhooks, one scheme for every service: Standard Webhooks (https://www.standardwebhooks.com).

Every delivery is a ``POST`` of a JSON body with three headers, signed with the ``standardwebhooks`` library:

- ``webhook-id``: the delivery's id, the same on every retry and redelivery (receivers deduplicate on it);
- ``webhook-timestamp``: Unix seconds of this attempt (each attempt is signed anew, so a retry hours later
  still verifies, while a captured request replayed later does not: the receiver's replay window, five
  minutes in the library);
- ``webhook-signature``: ``v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">``, one per live secret,
  space-separated. After a rotation the old secret keeps signing until its overlap ends, so a receiver that
  still has the old secret, or already the new one, accepts the delivery.

Secrets are ``whsec_`` + base64 of 32 random bytes (``new_secret``), stored encrypted as a ring
(``{"secrets": [{"secret", "expires_at"}]}``: newest first, older ones with the end of their overlap).
An endpoint that fails ``disable_after`` attempts in a row is disabled and the service emits
``webhook.disabled`` (``WebhookDisabled``); the tenant re-enables it through the API.
"""
from __future__ import annotations

import base64
import secrets as _secrets
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from standardwebhooks import Webhook

from smmkit import events as ev
from smmkit.events import utcnow

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32
ERROR_MAX = 500


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(_secrets.token_bytes(SECRET_BYTES)).decode()


def is_secret(value: str) -> bool:
    """A Standard Webhooks secret: ``whsec_`` and the base64 of 24 to 64 bytes."""
    if not value.startswith(SECRET_PREFIX):
        return False
    try:
        raw = base64.b64decode(value[len(SECRET_PREFIX):], validate=True)
    except ValueError:
        return False
    return 24 <= len(raw) <= 64


def ring_of(stored: dict) -> list[dict]:
    """The secret ring of a decrypted record (a record written before rotation holds one ``secret``)."""
    if "secrets" in stored:
        return list(stored["secrets"])
    return [{"secret": stored["secret"], "expires_at": None}]


def live_secrets(stored: dict, now: datetime | None = None) -> list[str]:
    """The secrets that sign now: the newest, and older ones whose overlap has not ended."""
    now = now or utcnow()
    return [s["secret"] for s in ring_of(stored)
            if s["expires_at"] is None or datetime.fromisoformat(s["expires_at"]) > now]


def rotated(stored: dict, new: str, *, overlap: timedelta, now: datetime | None = None) -> dict:
    """The ring with ``new`` first; the secrets live now keep signing until ``now + overlap`` (not longer than
    they already would), expired ones are dropped."""
    now = now or utcnow()
    until = now + overlap
    kept = []
    for s in ring_of(stored):
        expires = datetime.fromisoformat(s["expires_at"]) if s["expires_at"] else None
        if expires is not None and expires <= now:
            continue
        end = until if expires is None else min(expires, until)
        if end > now:
            kept.append({"secret": s["secret"], "expires_at": end.isoformat()})
    return {"secrets": [{"secret": new, "expires_at": None}, *kept]}


def signed_headers(*, secrets: list[str], msg_id: str, body: bytes, at: datetime) -> dict[str, str]:
    """The three Standard Webhooks headers, one ``v1`` signature per secret."""
    text = body.decode()
    signatures = " ".join(Webhook(secret).sign(msg_id, at, text) for secret in secrets)
    return {"webhook-id": msg_id, "webhook-timestamp": str(int(at.timestamp())), "webhook-signature": signatures}


@dataclass(frozen=True)
class Attempt:
    """What one POST got: the answer's status, or what went wrong (never the secret); how long it took."""

    status_code: int | None
    error: str | None
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.error is None


async def send(http: httpx.AsyncClient, url: str, *, secrets: list[str], msg_id: str, body: bytes,
               at: datetime | None = None, event_type: str | None = None, timeout_s: float | None = None) -> Attempt:
    """POST one signed delivery; a 2xx answer is success, anything else (or no answer) a failure."""
    headers = {"content-type": "application/json",
               **signed_headers(secrets=secrets, msg_id=msg_id, body=body, at=at or utcnow())}
    if event_type:
        headers["webhook-event"] = event_type  # a convenience for routing; the body says it too
    started = time.perf_counter()
    extra = {"timeout": timeout_s} if timeout_s is not None else {}
    try:
        resp = await http.post(url, content=body, headers=headers, **extra)
    except Exception as exc:  # noqa: BLE001 - transport errors and the URL guard's refusals alike: retried
        return Attempt(None, f"{type(exc).__name__}: {exc}"[:ERROR_MAX], _ms(started))
    error = None if 200 <= resp.status_code < 300 else f"HTTP {resp.status_code}"
    return Attempt(resp.status_code, error, _ms(started))


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)


def should_disable(consecutive_failures: int, disable_after: int) -> bool:
    """``disable_after`` failed attempts in a row (0: never)."""
    return disable_after > 0 and consecutive_failures >= disable_after


def disabled_reason(consecutive_failures: int, error: str | None) -> str:
    return f"{consecutive_failures} failed attempts in a row; last: {error}"[:ERROR_MAX]


def disabled_notice(*, tenant_id: uuid.UUID, webhook_id: uuid.UUID, service: str, url: str,
                    consecutive_failures: int, error: str | None, now: datetime) -> ev.Envelope:
    """The ``webhook.disabled`` event a service emits (in the transaction that disables the endpoint)."""
    return ev.new_event(ev.WebhookDisabled(
        webhook_id=webhook_id, service=service, url=url, consecutive_failures=consecutive_failures,
        last_error=(error or "unknown")[:2000], disabled_at=now), tenant_id=tenant_id)
