"""The site tag (public: the script, its beacon and the no-JS pixel) and the tenant API for site keys."""
import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field
from smmkit.bodylimit import KiB, body_limit
from smmkit.deps import RuntimeDep, TenantDep, UowDep
from smmkit.openapi import request_body
from smmkit.pagination import Page, PageDep
from smmkit.validation import Label, UrlText

from attribution.clicks.service import new_visitor_id, valid_visitor
from attribution.visits import keys, service, tag

router = APIRouter(tags=["site tag"])
BEACON_BODY = {**request_body({"text/plain": service.BeaconIn, "application/json": service.BeaconIn}),
               **body_limit(4 * KiB)}
REFUSED = {403: {"description": "Forged, altered or revoked site key: nothing stored"},
           413: {"description": "Body over 4 KiB"}, 422: {"description": "Malformed beacon"},
           429: {"description": "Too many page views from this visitor or address"}}


@router.get("/t.js", response_class=Response, summary="The site tag script",
            responses={200: {"content": {"application/javascript": {}}, "description": "The tag"}})
async def site_tag(v: Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9_\.-]*$")] = None) -> Response:
    """Cached for a year under its version (``?v=``), for an hour under the bare URL."""
    return Response(tag.SOURCE, media_type="application/javascript", headers={
        "cache-control": tag.IMMUTABLE if v == tag.VERSION else tag.REVALIDATE, "etag": tag.ETAG,
        "x-tag-version": tag.VERSION})


@router.post("/t/beacon", status_code=204, response_class=Response, responses=REFUSED, openapi_extra=BEACON_BODY,
             summary="Record a page view (the tag's sendBeacon)")
async def beacon(request: Request, runtime: RuntimeDep) -> Response:
    """Known crawlers get 204 and nothing is stored; the visit reaches PostgreSQL in the next flush."""
    user_agent = request.headers.get("user-agent")
    if not service.is_crawler(user_agent):
        await service.accept(runtime, beacon=service.parse_beacon(await request.body()), user_agent=user_agent,
                             ip=request.client.host if request.client else None, source="beacon")
    return Response(status_code=204)


@router.get("/t/p.gif", response_class=Response, responses={
    200: {"content": {"image/gif": {}}, "description": "A 1x1 transparent GIF"}, **REFUSED},
    summary="Record a page view without JavaScript (an <img>)")
async def pixel(request: Request, runtime: RuntimeDep,
                key: service.SiteKeyText,
                url: UrlText | None = None, referrer: UrlText | None = None,
                visitor_id: service.IdText | None = None, page_view_id: service.IdText | None = None) -> Response:
    """The page is ``url`` or else the Referer; the visitor is ``visitor_id``, else our ``smm_vid`` cookie."""
    cfg = runtime.service_settings
    response = Response(tag.PIXEL, media_type="image/gif", headers={"cache-control": "no-store"})
    user_agent = request.headers.get("user-agent")
    page = url or request.headers.get("referer")
    if service.is_crawler(user_agent) or not page:
        return response
    visitor = visitor_id or valid_visitor(request.cookies.get(cfg.visitor_cookie))
    if visitor is None:
        visitor = new_visitor_id()
        response.set_cookie(cfg.visitor_cookie, visitor, max_age=cfg.visitor_cookie_max_age_s, httponly=True,
                            samesite="lax", secure=request.url.scheme == "https")
    beacon = service.beacon_of(key=key, visitor_id=visitor, page_view_id=page_view_id or uuid.uuid4().hex,
                               url=page[:2048], referrer=referrer)
    await service.accept(runtime, beacon=beacon, user_agent=user_agent,
                         ip=request.client.host if request.client else None, source="pixel")
    return response


# --------------------------------------------------------------------------
# Site keys (tenant API, admin scope)


class SiteKeyCreate(BaseModel):
    label: Label = ""


class SiteKeyRead(BaseModel):
    id: uuid.UUID
    label: Label
    key: Annotated[str, Field(max_length=80, description="Put it in the snippet: smm('init', key)")]
    created_at: datetime
    revoked_at: datetime | None


@router.post("/site-keys", status_code=201, response_model=SiteKeyRead, tags=["site keys"],
             summary="Create a site key for the tag snippet")
async def create_site_key(body: SiteKeyCreate, tenant_id: TenantDep, uow: UowDep, runtime: RuntimeDep):
    row = await keys.create(uow=uow, tenant_id=tenant_id, label=body.label)
    await uow.commit()
    return keys.as_read(row, runtime.settings.tracking_secret)


@router.get("/site-keys", response_model=Page[SiteKeyRead], tags=["site keys"], summary="List site keys, one page")
async def list_site_keys(tenant_id: TenantDep, uow: UowDep, page: PageDep, runtime: RuntimeDep):
    return await keys.keys_page(uow=uow, tenant_id=tenant_id, page=page, secret=runtime.settings.tracking_secret)


@router.post("/site-keys/{key_id}/revoke", response_model=SiteKeyRead, tags=["site keys"],
             summary="Revoke a site key (its beacons are refused from then on)")
async def revoke_site_key(key_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, runtime: RuntimeDep):
    row = await keys.revoke(uow=uow, tenant_id=tenant_id, key_id=key_id, revoked=keys.revoked_of(runtime))
    await uow.commit()
    return keys.as_read(row, runtime.settings.tracking_secret)
