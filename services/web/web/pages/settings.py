"""Settings: brands (and whether their posts need approval), pillars with their target mix, marketing costs
(the denominators of ROI); the team is its own page. Owners change them; everyone reads them."""
from __future__ import annotations

import asyncio
from decimal import Decimal, InvalidOperation
from typing import Annotated

from babel.numbers import get_currency_precision
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from web.apis import ApiProblem, Apis
from web.identity.deps import ApisDep, Owner, UserDep, check_csrf
from web.i18n import gettext as _
from web.render import page, use_locale

router = APIRouter(prefix="/settings", dependencies=[Depends(use_locale), Depends(check_csrf)], include_in_schema=False)
Short = Annotated[str, Form(max_length=200)]
COST_KINDS = ("content", "boost", "salaries", "tools", "agency", "other")
SHOPS = ("shopify", "woocommerce")


async def _page(request, apis: Apis, status_code=200, **context):
    brands, pillars, costs, shops, webhooks = await asyncio.gather(
        apis.get_all("planner", "/brands"), apis.get("planner", "/pillars"), apis.get_all("attribution", "/costs"),
        apis.get("attribution", "/shop-secrets"), apis.get_all("planner", "/webhooks"))
    runtime, user = request.app.state.runtime, request.state.user
    shop_urls = {p: f"{runtime.settings.attribution_public_url.rstrip('/')}/webhooks/{p}/{user.tenant_id}"
                 for p in SHOPS}
    return page(request, "settings.html", status_code, brands=brands, pillars=pillars, costs=costs,
                cost_kinds=COST_KINDS, shops=shops["configured"], shop_urls=shop_urls, webhooks=webhooks,
                **context)


@router.get("")
async def settings_page(request: Request, user: UserDep, apis: ApisDep):
    return await _page(request, apis)


async def _save(request, apis: Apis, call, form: dict, whole: str = "form"):
    """``whole``: where an error about the whole body (not one field) is shown."""
    try:
        await call
    except ApiProblem as exc:
        if exc.status >= 500:
            raise
        errors = exc.field_errors()
        if "form" in errors:
            errors[whole] = errors.pop("form")
        return await _page(request, apis, 422, errors=errors, form=form)
    return RedirectResponse("/settings?saved=1", status_code=303)


@router.post("/brands")
async def add_brand(request: Request, user: Owner, apis: ApisDep, name: Short, approval_required: Short = ""):
    body = {"name": name, "approval_required": bool(approval_required)}
    return await _save(request, apis, apis.call("planner", "POST", "/brands", json=body), {"brand": body})


@router.post("/pillars")
async def set_pillars(request: Request, user: Owner, apis: ApisDep,
                      name: Annotated[list[str], Form(max_length=100)] = [],
                      share: Annotated[list[str], Form(max_length=100)] = []):
    rows = [(n.strip(), s.strip()) for n, s in zip(name, share) if n.strip()]
    try:
        pillars = [{"name": n, "target_share_pct": int(s or 0)} for n, s in rows]
    except ValueError:
        return await _page(request, apis, 422, errors={"pillars": _("shares are whole percentages")})
    return await _save(request, apis, apis.call("planner", "PUT", "/pillars", json={"pillars": pillars}), {},
                       whole="pillars")


def minor_units(amount: str, currency: str) -> int:
    """``12.50`` EUR → 1250; as many decimals as the currency has, never a float."""
    try:
        value = Decimal(amount.strip().replace(",", "."))
    except InvalidOperation:
        raise ApiProblem(422, _("Invalid amount"), _("write an amount such as 120.50"),
                         errors=[{"loc": ["amount"], "msg": _("write an amount such as 120.50")}]) from None
    return int(value.scaleb(get_currency_precision(currency.upper())).to_integral_value())


@router.post("/costs")
async def add_cost(request: Request, user: Owner, apis: ApisDep, kind: Short, amount: Short, currency: Short,
                   period_start: Short, period_end: Short, campaign: Short = ""):
    form = {"kind": kind, "amount": amount, "currency": currency, "period_start": period_start,
            "period_end": period_end, "campaign": campaign}
    try:
        body = {"kind": kind, "amount_minor": minor_units(amount, currency), "currency": currency.upper(),
                "period_start": period_start, "period_end": period_end, "campaign": campaign or None}
    except ApiProblem as exc:
        return await _page(request, apis, 422, errors=exc.field_errors(), form=form)
    return await _save(request, apis, apis.call("attribution", "POST", "/costs", json=body), form)


@router.post("/shops")
async def set_shop_secret(request: Request, user: Owner, apis: ApisDep, platform: Short,
                          secret: Annotated[str, Form(max_length=500)]):
    if platform not in SHOPS:
        return await _page(request, apis, 422, errors={"platform": _("one of %(shops)s") % {"shops": ", ".join(SHOPS)}})
    return await _save(request, apis, apis.call("attribution", "PUT", f"/shop-secrets/{platform}",
                                                json={"secret": secret}), {}, whole="secret")


@router.post("/webhooks")
async def add_webhook(request: Request, user: Owner, apis: ApisDep, url: Annotated[str, Form(max_length=2000)]):
    try:
        created = await apis.call("planner", "POST", "/webhooks", json={"url": url})
    except ApiProblem as exc:
        if exc.status >= 500:
            raise
        return await _page(request, apis, 422, errors=exc.field_errors(), form={"url": url})
    return await _page(request, apis, 201, webhook_secret=created["secret"])
