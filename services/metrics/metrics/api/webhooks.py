"""Push intake: Facebook page webhooks (``feed`` changes: reactions, comments, shares).

``GET`` answers the subscription handshake (``hub.challenge`` when ``hub.verify_token``
matches). ``POST`` verifies ``X-Hub-Signature-256`` (HMAC-SHA256 of the raw body with the app
secret, ``METRICS_FACEBOOK_APP_SECRET``) before reading anything: a bad or missing signature is
401 and nothing is stored. Pushes carry no tenant: the post id finds the tracked targets.
"""
import hmac
import json

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from metrics.engagement import service
from smmkit.bodylimit import MiB, body_limit
from smmkit.crypto import hmac_sha256
from smmkit.deps import RuntimeDep, UowDep
from smmkit.events import utcnow
from smmkit.problems import problem

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@router.get("/facebook")
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


@router.post("/facebook", openapi_extra=body_limit(1 * MiB))  # Facebook batches many entries
async def facebook_push(request: Request, runtime: RuntimeDep, uow: UowDep) -> Response:
    body = await request.body()
    if not signature_ok(runtime.service_settings.facebook_app_secret, body,
                        request.headers.get("X-Hub-Signature-256")):
        return problem(401, "Unauthorized", "X-Hub-Signature-256 does not match the body")
    try:
        push = json.loads(body)
    except ValueError:
        return problem(400, "Bad Request", "body is not JSON")
    applied = 0
    if push.get("object") == "page":
        for entry in push.get("entry", []):
            for change in entry.get("changes", []):
                value = change.get("value") or {}
                if change.get("field") != "feed" or not value.get("post_id"):
                    continue
                applied += await service.apply_push(uow=uow, network="facebook", external_id=str(value["post_id"]),
                                                    item=str(value.get("item", "")), verb=str(value.get("verb", "")),
                                                    now=utcnow())
    return Response(json.dumps({"applied": applied}), media_type="application/json")
