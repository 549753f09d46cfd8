"""Push intake: Facebook page webhooks (``feed`` changes: reactions, comments, shares).

``GET`` answers the subscription handshake (``hub.challenge`` when ``hub.verify_token``
matches). ``POST`` verifies ``X-Hub-Signature-256`` (HMAC-SHA256 of the raw body with the app
secret, ``METRICS_FACEBOOK_APP_SECRET``) before reading anything: a bad or missing signature is
401 and nothing is stored; a signed body that is not a page webhook is 422. Pushes carry no tenant: the post id finds the tracked targets.
"""
import hmac
import json

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from metrics.engagement import service
from smmkit.bodylimit import MiB, body_limit
from smmkit.crypto import hmac_sha256
from smmkit.deps import RuntimeDep, UowDep
from smmkit.events import utcnow
from smmkit.openapi import request_body
from smmkit.validation import Label, Ref
from smmkit.problems import problem

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@router.get("/facebook", summary="Facebook's webhook verification handshake")
async def facebook_handshake(request: Request, runtime: RuntimeDep) -> Response:
    q = request.query_params
    expected = runtime.service_settings.facebook_verify_token
    if q.get("hub.mode") == "subscribe" and expected and hmac.compare_digest(q.get("hub.verify_token", ""), expected):
        return PlainTextResponse(q.get("hub.challenge", ""))
    return problem(403, "Forbidden", "verify token does not match")


def signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    if not secret or not header or not header.startswith("sha256="):
        return False
    return hmac.compare_digest(hmac_sha256(secret, body).hex(), header.removeprefix("sha256=").strip())


class PushValue(BaseModel):
    model_config = ConfigDict(extra="ignore")

    post_id: Ref | None = None
    item: Label = ""  # reaction, comment, share ...
    verb: Label = ""  # add, remove, edited


class PushChange(BaseModel):
    model_config = ConfigDict(extra="ignore")

    field: Label
    value: PushValue = PushValue()


class PushEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: Ref | None = None
    changes: list[PushChange] = Field(default=[], max_length=1000)


class FacebookPush(BaseModel):
    """What we read of a Graph API page webhook; the rest is ignored."""

    model_config = ConfigDict(extra="ignore")

    object: Label
    entry: list[PushEntry] = Field(default=[], max_length=1000)


@router.post("/facebook", openapi_extra={**request_body({"application/json": FacebookPush}),
                                         **body_limit(1 * MiB)},
    summary="Facebook's signed engagement push")  # Facebook batches many entries
async def facebook_push(request: Request, runtime: RuntimeDep, uow: UowDep) -> Response:
    body = await request.body()
    if not signature_ok(runtime.service_settings.facebook_app_secret, body,
                        request.headers.get("X-Hub-Signature-256")):
        return problem(401, "Unauthorized", "X-Hub-Signature-256 does not match the body")
    try:
        push = FacebookPush.model_validate_json(body)
    except ValidationError as exc:  # signed, but not a page webhook: the shape names what is wrong
        first = exc.errors()[0]
        return problem(422, "Malformed webhook body",
                       f"{exc.error_count()} invalid field(s): {'.'.join(map(str, first['loc']))}: {first['msg']}")
    applied = 0
    if push.object == "page":
        for entry in push.entry:
            for change in entry.changes:
                if change.field != "feed" or not change.value.post_id:
                    continue
                applied += await service.apply_push(uow=uow, network="facebook", external_id=change.value.post_id,
                                                    item=change.value.item, verb=change.value.verb, now=utcnow(),
                                                    held=runtime.suspensions.ids)
    return Response(json.dumps({"applied": applied}), media_type="application/json")
