"""Shop webhook bodies → ``OrderCreated`` (pure functions, no I/O).

Shopify ``orders/create``: ``landing_site`` is usually a relative path with the UTM
query (``/products/x?utm_source=ig&utm_content=<target>``), may be a full URL, and
may be null; parameter names are matched case-insensitively and values are
percent/plus decoded (``+`` and ``%20`` are both a space). ``note_attributes``
(name/value pairs a storefront script fills) may carry ``smm_click``,
``smm_vid`` and ``utm_*``; when both carry a field, the note attribute wins (it
was captured on purpose by the storefront; the landing page may be a later
session's). ``discount_codes[].code`` are the promo codes.

WooCommerce ``order.created``: ``meta_data`` carries ``_wc_order_attribution_*``
(``utm_source``, ``utm_medium``, ``utm_campaign``, ``utm_content``, ``source_type``,
``referrer`` and ``session_entry``, the landing URL, which may hold ``smm_click``).
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from smmkit import events as ev
from smmkit.problems import DomainError
from smmkit.validation import MAX_MONEY_MINOR, MONEY_CODES, Label, Name, Quantity, Ref, UrlText, minor_units

UTM_FIELDS = ("source", "medium", "campaign", "content", "term")
CLICK_NAMES = ("smm_click", "click_id", "smm_click_id")
VISITOR_NAMES = ("smm_vid", "visitor_id", "smm_visitor")


class Malformed(DomainError):
    status = 422
    title = "Malformed webhook body"


def to_minor(amount: Any, currency: str) -> int:
    """"24.90" EUR → 2490; exact (no floats). Refuses an unknown currency, more decimals than the currency
    has, a negative amount (refunds arrive as positive amounts) and anything over ``MAX_MONEY_MINOR``."""
    try:
        exponent = minor_units(currency.upper())
    except ValueError:
        raise Malformed(f"unknown currency {currency!r}: expected an ISO 4217 code") from None
    if exponent is None:
        raise Malformed(f"{currency!r} is not a currency with minor units")
    try:
        value = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        raise Malformed(f"not an amount: {amount!r}") from None
    if not value.is_finite() or value.adjusted() > 30:  # 1e400 would take ages to scale and compare
        raise Malformed(f"not an amount we can store: {amount!r}")
    if value < 0:
        raise Malformed(f"amounts must not be negative: {amount!r}")
    minor = value.scaleb(exponent)
    if minor != minor.to_integral_value():
        raise Malformed(f"{amount!r} has more decimals than {currency} allows")
    if minor > MAX_MONEY_MINOR:
        raise Malformed(f"{amount!r} {currency} is over the largest amount we store ({MAX_MONEY_MINOR:,} minor units)")
    return int(minor)


def _order(**fields: Any) -> ev.OrderCreated:
    """The event, or Malformed naming the field the shop sent out of bounds (a date in 9999, a 300-char sku)."""
    try:
        return ev.OrderCreated(**fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise Malformed(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def _query(url: str | None) -> dict[str, str]:
    from attribution.orders.service import query_params

    return query_params(url)


def _pairs(pairs: list[dict] | None, key_name: str, value_name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs or []:
        if isinstance(pair, dict) and pair.get(key_name) is not None and pair.get(value_name) not in (None, ""):
            out.setdefault(str(pair[key_name]).strip().lower(), str(pair[value_name]).strip())
    return out


def _first(mapping: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        if mapping.get(name):
            return mapping[name]
    return None


def _visitor(*sources: dict[str, str]) -> str | None:
    """The site tag's visitor id (``smm('visitorId')``, passed at checkout), first valid one; a value that cannot
    be one of our ids (free text a shop put in the field) is ignored rather than refusing the order."""
    from attribution.clicks.service import valid_visitor

    for source in sources:
        for name in VISITOR_NAMES:
            if valid_visitor(source.get(name)):
                return source[name]
    return None


def _utm(*sources: dict[str, str]) -> ev.UTM:
    """UTM fields from several name→value maps, earlier maps winning."""
    values = {}
    for field in UTM_FIELDS:
        for source in sources:
            if source.get(f"utm_{field}"):
                values[field] = source[f"utm_{field}"]
                break
    return ev.UTM(**values)


# --------------------------------------------------------------------------
# Shopify


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore")


# What a shop sends, bounded as OrderCreated bounds what it becomes (these models document the webhook bodies).
ShopId = Annotated[int, Field(ge=0, le=2**63 - 1)] | Ref
# "24.90" or 24.9; to_minor checks it against the currency (and refuses a negative "-5.00")
Amount = (Annotated[int, Field(ge=0, le=MAX_MONEY_MINOR)]
          | Annotated[float, Field(ge=0, le=MAX_MONEY_MINOR, allow_inf_nan=False)] | Label)
ShopCurrency = Annotated[Name, Field(min_length=3, max_length=3, description="ISO 4217, any case",
                                     json_schema_extra={"enum": MONEY_CODES})]
Pairs = Annotated[list[dict[str, Any]], Field(max_length=1000)]


class ShopifyCustomer(_Strict):
    id: ShopId | None = None


class ShopifyLine(_Strict):
    sku: Label | None = None
    title: Label | None = None
    name: Label | None = None
    quantity: Quantity = 1
    price: Amount = "0"


class ShopifyDiscount(_Strict):
    code: Label


class ShopifyOrder(_Strict):
    id: ShopId
    created_at: datetime
    currency: ShopCurrency
    total_price: Amount
    customer: ShopifyCustomer | None = None
    landing_site: UrlText | None = None
    referring_site: UrlText | None = None
    source_name: Label | None = None
    note_attributes: Pairs | None = None
    discount_codes: Annotated[list[ShopifyDiscount], Field(max_length=100)] | None = None
    line_items: Annotated[list[ShopifyLine], Field(max_length=1000)] = []


class ShopifyRefund(_Strict):
    id: ShopId
    order_id: ShopId
    transactions: Pairs = []
    refund_line_items: Pairs = []


def _model(cls: type[BaseModel], data: Any) -> Any:
    if not isinstance(data, dict):
        raise Malformed("the body is not a JSON object")
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise Malformed(f"{exc.error_count()} invalid field(s): {'.'.join(map(str, first['loc']))}: {first['msg']}",
                        ) from None


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=timezone.utc)


def shopify_order(data: Any, *, order_id_for) -> ev.OrderCreated:
    o: ShopifyOrder = _model(ShopifyOrder, data)
    currency = o.currency.upper()
    notes = _pairs(o.note_attributes, "name", "value")
    landing = _query(o.landing_site)
    return _order(
        order_id=order_id_for(str(o.id)), external_id=str(o.id), source="shopify",
        ordered_at=_aware(o.created_at).astimezone(timezone.utc),
        customer_id=str(o.customer.id) if o.customer and o.customer.id is not None else None,
        visitor_id=_visitor(notes, landing),
        total_minor=to_minor(o.total_price, currency), currency=currency,
        line_items=[ev.LineItem(sku=li.sku, name=li.name or li.title, quantity=li.quantity,
                                price_minor=to_minor(li.price, currency)) for li in o.line_items],
        promo_codes=[d.code for d in o.discount_codes or [] if d.code.strip()],
        landing_url=o.landing_site, referrer=o.referring_site,
        utm=_utm(notes, landing),
        click_id=_first(notes, CLICK_NAMES) or _first(landing, CLICK_NAMES),
    )


def shopify_refund(data: Any, currency_hint: str | None = None) -> tuple[str, str, int]:
    """(order external id, refund id, refunded minor units) of a ``refunds/create`` body. Amounts are
    positive (a negative one is refused: it would raise revenue), each in a named currency."""
    r: ShopifyRefund = _model(ShopifyRefund, data)
    total = 0
    for t in r.transactions:
        if t.get("kind", "refund") == "refund" and t.get("status", "success") == "success":
            total += to_minor(t.get("amount", "0"), _named_currency(t.get("currency") or currency_hint))
    if not r.transactions:
        for li in r.refund_line_items:
            total += to_minor(li.get("subtotal", "0"), _named_currency(currency_hint))
    return str(r.order_id), str(r.id), total


def _named_currency(currency: Any) -> str:
    if not currency:
        raise Malformed("the refund names no currency")
    return str(currency)


def woo_refund_minor(refund: dict, currency: str) -> int:
    """WooCommerce lists an order's refunds with negative totals ("-5.00"): the refunded amount is its size."""
    return to_minor(str(refund.get("total", "0")).strip().removeprefix("-"), currency)


def shopify_cancelled(data: Any) -> str:
    if not isinstance(data, dict) or data.get("id") is None:
        raise Malformed("a cancelled order needs its id")
    return str(data["id"])


# --------------------------------------------------------------------------
# WooCommerce

WC_PREFIX = "_wc_order_attribution_"


class WooLine(_Strict):
    sku: Label | None = None
    name: Label | None = None
    quantity: Quantity = 1
    price: Amount = 0


class WooCoupon(_Strict):
    code: Label


class WooOrder(_Strict):
    id: ShopId
    status: Label | None = None
    currency: ShopCurrency
    total: Amount
    date_created_gmt: datetime | None = None
    date_created: datetime | None = None
    customer_id: ShopId | None = None
    line_items: Annotated[list[WooLine], Field(max_length=1000)] = []
    coupon_lines: Annotated[list[WooCoupon], Field(max_length=100)] = []
    meta_data: Pairs = []
    refunds: Pairs = []


def woo_order(data: Any, *, order_id_for) -> tuple[ev.OrderCreated, WooOrder]:
    o: WooOrder = _model(WooOrder, data)
    at = o.date_created_gmt or o.date_created
    if at is None:
        raise Malformed("the order has no date_created_gmt")
    currency = o.currency.upper()
    meta = _pairs(o.meta_data, "key", "value")
    attribution = {k[len(WC_PREFIX):]: v for k, v in meta.items() if k.startswith(WC_PREFIX)}
    entry = attribution.get("session_entry")
    landing = _query(entry)
    plain_meta = {k.lstrip("_"): v for k, v in meta.items()}
    customer = str(o.customer_id) if o.customer_id not in (None, 0, "0", "") else None
    return _order(
        order_id=order_id_for(str(o.id)), external_id=str(o.id), source="woocommerce",
        ordered_at=_aware(at).astimezone(timezone.utc), customer_id=customer,
        visitor_id=_visitor(plain_meta, landing),
        total_minor=to_minor(o.total, currency), currency=currency,
        line_items=[ev.LineItem(sku=li.sku, name=li.name, quantity=li.quantity,
                                price_minor=to_minor(li.price, currency)) for li in o.line_items],
        promo_codes=[c.code for c in o.coupon_lines if c.code.strip()],
        landing_url=entry, referrer=attribution.get("referrer"),
        utm=_utm(attribution, landing),
        click_id=_first(plain_meta, CLICK_NAMES) or _first(landing, CLICK_NAMES),
    ), o


def as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except (ValueError, TypeError):
        return None
