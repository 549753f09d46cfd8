"""The sandbox's own API under ``/_sandbox``: faults, configuration, the engagement
clock, and queries that let tests count what the "networks" received.

    POST   /_sandbox/faults        {network, account ("*": all), kind, times? | for_s?, retry_after_s?, delay_ms?,
                                    on?, path_contains?, status?, body?}
    GET    /_sandbox/faults        -> {"faults": [...]}
    DELETE /_sandbox/faults        ?network=&account=  -> {"cleared": n}
    GET    /_sandbox/posts         ?network=&account=  -> {"posts": [...]}
    POST   /_sandbox/posts/delete  {network, external_id}  (the network then answers "not found")
    GET    /_sandbox/duplicates    -> {"duplicates": [{network, account, text, count, external_ids}]}
    GET    /_sandbox/refusals      -> {"rate_limited": {network: n}, "server_error": {network: n}, ...}: errors
                                    answered since the last reset, by kind (natural rate limits and faults alike)
    GET    /_sandbox/config, POST /_sandbox/config  {latency_ms?, rate_limit_scale?, hold_max_s?}
    POST   /_sandbox/engagement    {speed?, advance_s?}  -> {"speed", "clock_s"}
    POST   /_sandbox/reset
    GET    /_sandbox/media/<name>  ?size=&content_type=   sample media to publish from
    GET    /_sandbox/redirect      ?to=<url>   a 302, for testing media fetch redirects
    GET    /_sandbox/networks      -> {"control": url, "networks": {name: {"base_url", "read_url"}}}
    POST   /_sandbox/oauth/consent {network, decision: approve|deny, account?, scopes?}  what the next person
                                    signing in to that network does on its consent screen (``sandbox.oauth``)
"""

from __future__ import annotations

import base64
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from sandbox.faults import Applies, FaultKind
from sandbox.gate import StateDep
from sandbox.networks import NETWORKS

router = APIRouter(prefix="/_sandbox", tags=["sandbox control"])

# A valid 1x1 PNG; larger samples are padded after the image data.
_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "mp4": "video/mp4",
    "pdf": "application/pdf",
    "html": "text/html",
}


class FaultIn(BaseModel):
    network: str
    account: str
    kind: FaultKind
    times: int = Field(1, ge=1)
    retry_after_s: float = Field(30.0, ge=0)
    delay_ms: float = Field(0.0, ge=0)
    on: Applies = "write"
    path_contains: str | None = None
    status: int = Field(400, ge=100, le=599)  # kind "reply"
    body: Any = None  # kind "reply": the JSON answered
    for_s: float | None = Field(None, gt=0, le=3600)  # instead of ``times``: every matching request for a period


class ConfigIn(BaseModel):
    latency_ms: float | None = Field(None, ge=0)
    rate_limit_scale: float | None = Field(None, gt=0)
    hold_max_s: float | None = Field(None, gt=0)


class EngagementIn(BaseModel):
    speed: float | None = Field(None, ge=0)
    advance_s: float | None = Field(None, ge=0)


class PostRef(BaseModel):
    network: str
    external_id: str


@router.post("/faults", status_code=201)
def arm_fault(fault: FaultIn, state: StateDep) -> dict[str, Any]:
    if fault.network not in NETWORKS:
        raise HTTPException(422, f"unknown network {fault.network!r}; one of {', '.join(NETWORKS)}")
    return state.faults.arm(**fault.model_dump()).as_dict(state.faults.clock())


@router.get("/faults")
def list_faults(state: StateDep) -> dict[str, Any]:
    now = state.faults.clock()
    return {"faults": [f.as_dict(now) for f in state.faults.armed()]}


@router.delete("/faults")
def clear_faults(state: StateDep, network: str | None = None, account: str | None = None) -> dict[str, int]:
    return {"cleared": state.faults.clear(network, account)}


@router.get("/posts")
def list_posts(state: StateDep, network: str | None = None, account: str | None = None) -> dict[str, Any]:
    return {"posts": [p.summary() for p in state.query(network, account)]}


@router.post("/posts/delete")
def delete_post(ref: PostRef, state: StateDep) -> dict[str, bool]:
    post = state.post(ref.network, ref.external_id)
    if post is None:
        raise HTTPException(404, "no such live post")
    post.deleted = True
    return {"deleted": True}


@router.get("/duplicates")
def duplicates(state: StateDep) -> dict[str, Any]:
    return {"duplicates": state.duplicates()}


@router.get("/refusals")
def refusals(state: StateDep) -> dict[str, Any]:
    found: dict[str, dict[str, int]] = {}
    for (network, kind), count in sorted(state.refusals.items()):
        found.setdefault(kind, {})[network] = count
    return found


@router.get("/config")
def get_config(state: StateDep) -> dict[str, Any]:
    return asdict(state.config)


@router.post("/config")
def set_config(change: ConfigIn, state: StateDep) -> dict[str, Any]:
    for name, value in change.model_dump(exclude_none=True).items():
        setattr(state.config, name, value)
    return asdict(state.config)


@router.post("/engagement")
def engagement_clock(change: EngagementIn, state: StateDep) -> dict[str, float]:
    if change.speed is not None:
        state.engagement.set_speed(change.speed)
    if change.advance_s:
        state.engagement.advance(change.advance_s)
    return {"speed": state.engagement.speed, "clock_s": state.engagement.now_s()}


@router.post("/reset")
def reset(state: StateDep) -> dict[str, bool]:
    state.reset()
    return {"reset": True}


@router.get("/media/{name}")
def sample_media(
    name: str, size: int = Query(0, ge=0, le=64 * 1024 * 1024), content_type: str | None = None
) -> Response:
    media_type = content_type or _TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
    body = _PNG if media_type == "image/png" else f"sandbox sample {name}".encode()
    return Response(body + b"\0" * max(0, size - len(body)), media_type=media_type)


@router.get("/redirect")
def redirect(to: str) -> RedirectResponse:
    return RedirectResponse(to, status_code=302)


@router.get("/networks")
def networks(request: Request) -> dict[str, Any]:
    """Where each network is served, at the host name this request used (``sandbox`` in compose)."""
    return request.app.state.layout.at(request.url.hostname).urls()
