"""Push webhooks from the sandbox's networks, as Facebook sends page webhooks.

    POST   /_sandbox/push/subscriptions  {network, callback_url, verify_token, app_secret}
           The sandbox runs the handshake first, as Facebook does: ``GET callback_url?hub.mode=
           subscribe&hub.challenge=...&hub.verify_token=...`` must answer the challenge.
    GET    /_sandbox/push/subscriptions  -> {"subscriptions": [{network, callback_url}]}
    DELETE /_sandbox/push/subscriptions  -> {"cleared": n}
    POST   /_sandbox/push/facebook       {external_id, item: reaction|comment|share, verb: add|remove,
                                          app_secret?}  -> {"deliveries": [{callback_url, status}]}
           Sends one page ``feed`` change for a live post to every Facebook subscription, signed
           with ``X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`` using the app secret
           (``app_secret`` overrides it: a test can send a wrongly signed push).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any, Literal

import httpx
from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel

from sandbox.gate import StateDep

router = APIRouter(prefix="/_sandbox/push", tags=["sandbox push"])


@dataclass
class Subscription:
    network: str
    callback_url: str
    verify_token: str
    app_secret: str


class SubscriptionIn(BaseModel):
    network: Literal["facebook"] = "facebook"
    callback_url: str
    verify_token: str
    app_secret: str


class FeedChangeIn(BaseModel):
    external_id: str
    item: Literal["reaction", "comment", "share"] = "reaction"
    verb: Literal["add", "remove"] = "add"
    app_secret: str | None = None


def _subscriptions(request: Request) -> list[Subscription]:
    if not hasattr(request.app.state, "push_subscriptions"):
        request.app.state.push_subscriptions = []
    return request.app.state.push_subscriptions


def signature(app_secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


@router.post("/subscriptions", status_code=201)
async def subscribe(sub: SubscriptionIn, request: Request) -> dict[str, Any]:
    challenge = secrets.token_hex(8)
    try:
        async with httpx.AsyncClient(timeout=5) as http:
            answer = await http.get(sub.callback_url, params={
                "hub.mode": "subscribe", "hub.challenge": challenge, "hub.verify_token": sub.verify_token})
    except httpx.HTTPError as exc:
        raise HTTPException(400, f"callback unreachable: {type(exc).__name__}") from None
    if answer.status_code != 200 or answer.text.strip() != challenge:
        raise HTTPException(400, f"callback verification failed (HTTP {answer.status_code})")
    subs = _subscriptions(request)
    subs[:] = [s for s in subs if not (s.network == sub.network and s.callback_url == sub.callback_url)]
    subs.append(Subscription(**sub.model_dump()))
    return {"network": sub.network, "callback_url": sub.callback_url, "verified": True}


@router.get("/subscriptions")
def list_subscriptions(request: Request) -> dict[str, Any]:
    return {"subscriptions": [{"network": s.network, "callback_url": s.callback_url} for s in _subscriptions(request)]}


@router.delete("/subscriptions")
def clear_subscriptions(request: Request) -> dict[str, int]:
    subs = _subscriptions(request)
    cleared = len(subs)
    subs.clear()
    return {"cleared": cleared}


@router.post("/facebook")
async def push_facebook(change: FeedChangeIn, request: Request, state: StateDep) -> dict[str, Any]:
    post = state.post("facebook", change.external_id)
    if post is None:
        raise HTTPException(404, "no such live facebook post")
    now = int(time.time())
    value: dict[str, Any] = {
        "item": change.item, "verb": change.verb, "post_id": post.external_id, "parent_id": post.external_id,
        "created_time": now, "from": {"id": str(10_000 + state.next_id("facebook-fan")), "name": "Sandbox Fan"},
    }
    if change.item == "reaction":
        value["reaction_type"] = "like"
    if change.item == "comment":
        value["comment_id"] = f"{post.external_id}_{state.next_id('facebook-comment')}"
        value["message"] = "Love it"
    body = json.dumps({"object": "page", "entry": [
        {"id": post.account, "time": now, "changes": [{"field": "feed", "value": value}]}]}).encode()
    deliveries = []
    async with httpx.AsyncClient(timeout=5) as http:
        for sub in (s for s in _subscriptions(request) if s.network == "facebook"):
            headers = {"Content-Type": "application/json",
                       "X-Hub-Signature-256": signature(change.app_secret or sub.app_secret, body)}
            try:
                status = (await http.post(sub.callback_url, content=body, headers=headers)).status_code
            except httpx.HTTPError:
                status = None
            deliveries.append({"callback_url": sub.callback_url, "status": status})
    return {"deliveries": deliveries}
