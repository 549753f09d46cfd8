"""The tracked-link redirect: public (no API key), the hot path of the service."""
import uuid

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from attribution.clicks import service
from smmkit.deps import RuntimeDep
from smmkit.links import verify_link
from smmkit.problems import NotFound
from smmkit.validation import Token

router = APIRouter(tags=["tracked links"])


@router.get("/r/{token}", status_code=302, response_class=RedirectResponse,
            responses={302: {"description": "To the destination, with utm_content and the click id"},
                       404: {"description": "Forged, altered or unknown token: no redirect"}})
async def follow_link(token: Token, request: Request, runtime: RuntimeDep):
    """Verify the signed token, buffer the click for Redis (never the database) and redirect.

    Link-preview crawlers get the same redirect without a click id, and no click is recorded.
    """
    verified = verify_link(runtime.settings.tracking_secret, token)
    if verified is None:
        raise NotFound("unknown link")
    target_id, destination = verified
    cfg = runtime.service_settings
    user_agent = request.headers.get("user-agent")
    if service.is_crawler(user_agent):
        return RedirectResponse(service.destination_with_click(
            destination, target_id=target_id, click_id=None, param=cfg.click_param), status_code=302)
    visitor = service.valid_visitor(request.cookies.get(cfg.visitor_cookie))
    new_visitor = visitor is None
    visitor = visitor or service.new_visitor_id()
    click_id = uuid.uuid4().hex
    service.buffer_of(runtime).append(click_id=click_id, target_id=target_id, visitor_id=visitor,
                                      user_agent=user_agent, referrer=request.headers.get("referer"),
                                      at=service.utcnow())
    response = RedirectResponse(service.destination_with_click(
        destination, target_id=target_id, click_id=click_id, param=cfg.click_param), status_code=302)
    response.headers["cache-control"] = "no-store"
    if new_visitor:
        response.set_cookie(cfg.visitor_cookie, visitor, max_age=cfg.visitor_cookie_max_age_s, httponly=True,
                            samesite="lax", secure=request.url.scheme == "https")
    return response
