"""Orders in, joined to the post targets that earned them, and credited under every model.

Evidence, strongest first (the first that resolves decides the order's last touch)
-----------------------------------------------------------------------------------
1. ``click_id``: the click id from our redirect (``smm_click``), found in the order's
   ``click_id`` field, its note attributes or its landing URL;
2. ``visitor``: the visitor cookie id (``smm_vid``): the visitor's latest click;
3. ``utm_content``: the landing URL / UTM ``utm_content`` is one of the tenant's target ids;
4. ``promo_code``: a promo code the tenant registered for exactly one target.

Conflict rule: a signal "resolves" only if it points at a target this tenant has
published (and, for clicks, lies inside the attribution window). The strongest
resolving signal wins; weaker signals that point elsewhere are ignored. Whenever
new evidence becomes available (a click is flushed, a ``post.published`` arrives,
a promo code is registered), the affected orders are re-joined and their credits
replaced, so an order that arrived first is joined later, and a weak join is
upgraded when a stronger signal appears.

Attribution window (click evidence only): a click counts for an order if
``ordered_at - window <= clicked_at <= ordered_at``; both ends are inclusive, so a
click exactly 7 days (the default) before the order still counts, one microsecond
more does not, and a click after the order never does.

Journey: with click or visitor evidence, the visitor's clicks inside the window up
to and including the deciding click, oldest first (the deciding click is last).
With utm_content or promo-code evidence there is no click to date the touch, so the
post touches at the order's time. Every model of ``credit.py`` is computed
on that journey and stored per order (``order_credits``, integer minor units by
largest remainder). The data-driven models (Markov, Shapley) are computed across
journeys by their reports (``reports.datadriven``).

Journeys over every channel (issue 17, design in ``docs/attribution-journeys.md``)
-----------------------------------------------------------------------------------
The site tag's visits of the order's visitors (``visits.service.linked_visitors``
of the order's visitor and of the deciding click's visitor, and the tag visitors
who landed with one of the journey's clicks) inside ``[ordered_at - window,
ordered_at]`` join the journey, merged with the clicks by time. Visits are touches
by these rules:

* a visit whose channel is NULL is not classified yet: skipped (the classification
  re-joins the order, ``rejoin_for_visits``); an ``internal`` page view is never a touch;
* a visit whose click id is one of the journey's clicks is that click's landing: one
  touch (the click);
* a ``social_tracked`` visit is the post of its click (or of its utm_content); one we
  cannot tie to a tenant's post yet is skipped (the click's flush re-joins);
* session rule (Google Analytics'): a session ends after 30 minutes without activity
  (a click or any page view, internal ones included). Inside a live session a
  ``direct`` visit, or a visit of the same touch key as the session's touch, continues
  the session and is not a new touch; any other visit opens a new session and is a
  touch. Tracked clicks are always touches (as before the tag).

A visitor with visits but no click is "visitor" evidence; if that journey has no post
touch, a resolving utm_content or promo code adds its post at the order's time (the
evidence is then that signal). Touch key: the target id for a post touch, else the
channel name. Per model, the shares of the post keys go to ``order_credits``, every
key to ``channel_credits`` with the post keys summed into ``social_tracked`` (amount
and net, so an order's post credits add up exactly to its social_tracked credit).
Without visits every journey and figure is what it was before the tag.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import sqlalchemy as sa
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from attribution import channels, credit
from attribution.clicks.models import Click
from attribution.config import service as config
from attribution.orders.models import (
    ChannelCredit, Customer, Order, OrderAdjustment, OrderCredit, OrderTouch, PromoCode, PublishedTarget,
)
from attribution.orders.schemas import OrderIn
from attribution.metrics import ATTRIBUTED_REVENUE, ATTRIBUTED_REVENUE_BY_PILLAR, pillar_label
from attribution.reports import rollup
from attribution.visits.models import Visit
from smmkit import events as ev
from smmkit.db import UnitOfWork
from smmkit.pagination import PageRequest
from smmkit.deadletters import Unprocessable
from smmkit.problems import Conflict, NotFound
from smmkit.tenancy import tenant_exists

ORDER_NAMESPACE = uuid.UUID("7f1c3a52-4a47-4c8e-9d55-6a2f0b1e9c11")
LAST_TOUCH = "last_touch"
CLICK_PARAM = "smm_click"
VISITOR_PARAM = "smm_vid"
EVIDENCE_RANK = {"click_id": 1, "visitor": 2, "utm_content": 3, "promo_code": 4}
SESSION_TIMEOUT = timedelta(minutes=30)   # GA's: a page view within 30 min of the last activity continues it


def order_id_for(tenant_id: uuid.UUID, source: str, external_id: str) -> uuid.UUID:
    """The same shop order always gets the same id, so a redelivery counts once."""
    return uuid.uuid5(ORDER_NAMESPACE, f"{tenant_id}:{source}:{external_id}")


def submit(*, uow: UnitOfWork, tenant_id: uuid.UUID, order_in: OrderIn, source: str = "api") -> uuid.UUID:
    order_id = order_id_for(tenant_id, source, order_in.id)
    uow.emit(ev.new_event(ev.OrderCreated(
        order_id=order_id, external_id=order_in.id, source=source, ordered_at=order_in.ordered_at,
        customer_id=order_in.customer_id, visitor_id=order_in.visitor_id, total_minor=order_in.total_minor,
        currency=order_in.currency, line_items=order_in.line_items, promo_codes=order_in.promo_codes,
        landing_url=order_in.landing_url, utm=order_in.utm, click_id=order_in.click_id,
    ), tenant_id=tenant_id))
    return order_id


def query_params(url: str | None) -> dict[str, str]:
    """Query parameters of a full or relative URL, keys lower-cased, ``+``/``%20`` decoded; first value wins."""
    if not url:
        return {}
    params: dict[str, str] = {}
    for key, value in parse_qsl(urlsplit(url.strip()).query, keep_blank_values=False):
        params.setdefault(key.strip().lower(), value.strip())
    return params


def _utm_content(order: ev.OrderCreated) -> str | None:
    return order.utm.content or query_params(order.landing_url).get("utm_content")


def _click_id(order: ev.OrderCreated) -> str | None:
    return order.click_id or query_params(order.landing_url).get(CLICK_PARAM)


def _visitor_id(order: ev.OrderCreated) -> str | None:
    return order.visitor_id or query_params(order.landing_url).get(VISITOR_PARAM)


def customer_key(order: Order) -> str:
    if order.customer_id:
        return f"c:{order.customer_id}"
    if order.visitor_id:
        return f"v:{order.visitor_id}"
    return f"o:{order.id}"


async def record(*, uow: UnitOfWork, event: ev.Envelope[ev.OrderCreated]) -> None:
    if not await tenant_exists(uow.session, event.tenant_id):
        # External producers may send any tenant id; kept as a dead letter, replayable once the tenant exists.
        raise Unprocessable("unknown_tenant", f"unknown tenant {event.tenant_id}: no such tenant exists")
    o = event.payload
    order = await uow.session.scalar(pg_insert(Order).values(
        id=o.order_id, tenant_id=event.tenant_id, external_id=o.external_id, source=o.source,
        ordered_at=o.ordered_at, customer_id=o.customer_id, visitor_id=_visitor_id(o), total_minor=o.total_minor,
        currency=o.currency.upper(), utm_content=_utm_content(o), click_id=_click_id(o),
        promo_codes=sorted({c.strip().upper() for c in o.promo_codes if c.strip()}),
        landing_url=o.landing_url, referrer=o.referrer,
    ).on_conflict_do_nothing().returning(Order))
    if order is None:
        return  # the same order again (redelivery, or from a second source with the same id): counts once
    await _note_customer(uow, order)
    await _apply_adjustments(uow, order)
    await attribute(uow=uow, order=order, fresh=True)


async def _note_customer(uow: UnitOfWork, order: Order) -> None:
    """Insert the customer or move its first order earlier; mark the report days this (and the order) changes."""
    days = {rollup.utc_day(order.ordered_at)}
    inserted = await uow.session.scalar(pg_insert(Customer).values(
        tenant_id=order.tenant_id, customer_key=customer_key(order), first_order_at=order.ordered_at,
    ).on_conflict_do_nothing().returning(Customer.first_order_at))
    if inserted is None:
        # Not an upsert with least(): the rollup must know the day the first order moves away from. The row is
        # committed (the insert waited for its writer), so the lock reads its latest first order.
        where = sa.and_(Customer.tenant_id == order.tenant_id, Customer.customer_key == customer_key(order))
        first = await uow.session.scalar(select(Customer.first_order_at).where(where).with_for_update())
        if order.ordered_at < first:
            await uow.session.execute(update(Customer).where(where).values(first_order_at=order.ordered_at))
            days.add(rollup.utc_day(first))
    await rollup.mark_dirty(uow=uow, tenant_id=order.tenant_id, days=days)


# --------------------------------------------------------------------------
# Joining


async def _tenant_target(uow: UnitOfWork, tenant_id: uuid.UUID, target_id: uuid.UUID | None) -> bool:
    if target_id is None:
        return False
    return await uow.session.scalar(select(PublishedTarget.target_id).where(
        PublishedTarget.tenant_id == tenant_id, PublishedTarget.target_id == target_id)) is not None


async def _visitor_clicks(uow: UnitOfWork, order: Order, visitors: list[str], since: datetime,
                          until: datetime) -> list[Click]:
    # The site tag's visitor is the same person as the redirect's visitor it landed with (visits.service).
    return list(await uow.session.scalars(select(Click).where(
        Click.tenant_id == order.tenant_id, Click.visitor_id.in_(visitors),
        Click.clicked_at >= since, Click.clicked_at <= until,
    ).order_by(Click.clicked_at, Click.click_id)))


async def _journey_visits(uow: UnitOfWork, order: Order, visitors: set[str], since: datetime) -> list[Visit]:
    """The classified visits of these visitors inside the window, oldest first (NULL channel: not yet classified)."""
    if not visitors:
        return []
    return list(await uow.session.scalars(select(Visit).where(
        Visit.tenant_id == order.tenant_id, Visit.visitor_id.in_(sorted(visitors)),
        Visit.visited_at >= since, Visit.visited_at <= order.ordered_at, Visit.channel.is_not(None),
    ).order_by(Visit.visited_at, Visit.page_view_id)))


async def _tracked_targets(uow: UnitOfWork, order: Order, visits: list[Visit],
                           known: dict[str, uuid.UUID]) -> dict[str, uuid.UUID]:
    """click id -> target of the tenant's clicks that social_tracked visits carry (beyond the journey's own)."""
    wanted = sorted({v.click_id for v in visits
                     if v.channel == channels.SOCIAL_TRACKED and v.click_id and v.click_id not in known})
    found = dict(known)
    if wanted:
        found.update((await uow.session.execute(select(Click.click_id, Click.target_id).where(
            Click.tenant_id == order.tenant_id, Click.click_id.in_(wanted)))).all())
    return found


async def _visit_target(uow: UnitOfWork, order: Order, visit: Visit, clicks: dict[str, uuid.UUID]) -> uuid.UUID | None:
    """The post a social_tracked visit came from: its click's target, else its utm_content (a tenant's target)."""
    if visit.click_id and visit.click_id in clicks:
        return clicks[visit.click_id]
    target_id = _as_uuid(visit.utm_content)
    return target_id if await _tenant_target(uow, order.tenant_id, target_id) else None


async def _merge_visits(uow: UnitOfWork, order: Order, click_touches: list[OrderTouch],
                        visits: list[Visit]) -> list[OrderTouch]:
    """The clicks and the visits that are touches, oldest first, following the session rule (module docstring)."""
    if not visits:
        return click_touches
    journey_clicks = {t.click_id: t.target_id for t in click_touches if t.click_id}
    clicks = await _tracked_targets(uow, order, visits, journey_clicks)
    events: list[tuple[datetime, int, str, OrderTouch | Visit]] = (
        [(t.touched_at, 0, t.click_id or "", t) for t in click_touches]
        + [(v.visited_at, 1, v.page_view_id, v) for v in visits])
    events.sort(key=lambda e: e[:3])   # a click before the visit it lands at the same instant
    touches: list[OrderTouch] = []
    last_seen: datetime | None = None   # the session's latest activity (click or page view)
    session_key: str | None = None      # the touch that opened the session
    for at, _, _, item in events:
        live = last_seen is not None and at - last_seen < SESSION_TIMEOUT
        last_seen = at
        if isinstance(item, OrderTouch):   # a tracked click is always a touch (as without the tag)
            touches.append(item)
            session_key = touch_key(item)
            continue
        visit = item
        if visit.channel not in channels.CHANNELS:   # internal page view (or a channel we do not know): no touch
            continue
        if visit.click_id and visit.click_id in journey_clicks:   # the click's landing: that click, one touch
            session_key = str(journey_clicks[visit.click_id])
            continue
        target_id = None
        if visit.channel == channels.SOCIAL_TRACKED:
            target_id = await _visit_target(uow, order, visit, clicks)
            if target_id is None:
                continue   # a tracked visit whose click is not stored yet: counted when the click is (re-join)
        touch = OrderTouch(order_id=order.id, position=0, tenant_id=order.tenant_id, target_id=target_id,
                           touched_at=visit.visited_at, kind="visit", click_id=visit.click_id,
                           channel=visit.channel, page_view_id=visit.page_view_id)
        if live and (visit.channel == channels.DIRECT or touch_key(touch) == session_key):
            continue   # the same session goes on: not a new touch
        touches.append(touch)
        session_key = touch_key(touch)
    return touches


def _numbered(touches: list[OrderTouch]) -> list[OrderTouch]:
    for position, touch in enumerate(touches):
        touch.position = position
    return touches


async def build_journey(uow: UnitOfWork, order: Order, window: timedelta) -> tuple[str | None, list[OrderTouch]]:
    """(evidence, touches oldest first) for an order, following the rules in the module docstring."""
    from attribution.visits.service import linked_visitors, tag_visitors_for_clicks

    since = order.ordered_at - window

    def click_touches(clicks: list[Click]) -> list[OrderTouch]:
        return [OrderTouch(order_id=order.id, position=i, tenant_id=order.tenant_id, target_id=c.target_id,
                           touched_at=c.clicked_at, kind="click", click_id=c.click_id,
                           channel=channels.SOCIAL_TRACKED)
                for i, c in enumerate(clicks)]

    async def with_visits(clicks: list[Click], visitors: set[str]) -> list[OrderTouch]:
        # the tag's visitors who landed with one of the journey's clicks are the same person
        visitors |= set(await tag_visitors_for_clicks(uow.session, tenant_id=order.tenant_id,
                                                      click_ids=[c.click_id for c in clicks]))
        if order.visitor_id:
            visitors |= set(await linked_visitors(uow.session, tenant_id=order.tenant_id,
                                                  visitor_id=order.visitor_id))
        visits = await _journey_visits(uow, order, visitors, since)
        return _numbered(await _merge_visits(uow, order, click_touches(clicks), visits))

    if order.click_id:
        click = await uow.session.scalar(select(Click).where(
            Click.click_id == order.click_id, Click.tenant_id == order.tenant_id))
        if click is not None and since <= click.clicked_at <= order.ordered_at:
            visitors = await linked_visitors(uow.session, tenant_id=order.tenant_id, visitor_id=click.visitor_id)
            earlier = [c for c in await _visitor_clicks(uow, order, visitors, since, click.clicked_at)
                       if c.click_id != click.click_id]
            return "click_id", await with_visits(earlier + [click], set(visitors))
    journey: list[OrderTouch] = []
    if order.visitor_id:
        visitors = await linked_visitors(uow.session, tenant_id=order.tenant_id, visitor_id=order.visitor_id)
        clicks = await _visitor_clicks(uow, order, visitors, since, order.ordered_at)
        journey = await with_visits(clicks, set(visitors))
        if any(t.target_id is not None for t in journey):
            return "visitor", journey

    def single(target_id: uuid.UUID, kind: str) -> list[OrderTouch]:
        # no click to date it: the post touches at the order's time, after the visits (if any) that came before
        return _numbered(journey + [OrderTouch(
            order_id=order.id, position=0, tenant_id=order.tenant_id, target_id=target_id,
            touched_at=order.ordered_at, kind=kind, click_id=None, channel=channels.SOCIAL_TRACKED)])

    target_id = _as_uuid(order.utm_content)
    if await _tenant_target(uow, order.tenant_id, target_id):
        return "utm_content", single(target_id, "utm_content")
    for code in order.promo_codes or []:
        promo_target = await uow.session.scalar(select(PromoCode.target_id).where(
            PromoCode.tenant_id == order.tenant_id, PromoCode.code == code))
        if await _tenant_target(uow, order.tenant_id, promo_target):
            return "promo_code", single(promo_target, "promo_code")
    return ("visitor", journey) if journey else (None, [])


def touch_key(touch: OrderTouch) -> str:
    """A tracked post touch is its target (as str); any other touch is its channel."""
    return str(touch.target_id) if touch.target_id is not None else touch.channel


def credits_for(order: Order, touches: list[OrderTouch], half_life: timedelta) -> dict[str, dict[str, int]]:
    """Minor units per touch key (``touch_key``) under every per-journey model; they add up to the order total.

    Markov and Shapley are not stored per order: on one journey they are an artefact, so their reports
    compute them across all journeys in the range (``reports.datadriven``)."""
    keys = {touch_key(t) for t in touches}
    if len(keys) == 1:   # one key (however many touches): every model gives it everything
        return {model: {next(iter(keys)): order.total_minor} for model in credit.PER_JOURNEY_MODELS}
    journey = credit.Journey(
        touches=[credit.Touch(channel=touch_key(t), at=t.touched_at) for t in touches],
        value=order.total_minor, converted_at=order.ordered_at)
    out: dict[str, dict[str, int]] = {}
    for model in credit.PER_JOURNEY_MODELS:
        params = {"half_life": half_life} if model == "time_decay" else {}
        out[model] = credit.attribute(model, [journey], minor_units=True, **params)
    return out


def split_credits(per_key: dict[str, int], post_keys: set[str]) -> tuple[dict[str, int], dict[str, int]]:
    """(per target, per channel) of one model's credits: post keys summed into social_tracked, exactly.

    A zero share is left out unless it is the journey's only key (an order of 0 still counts once)."""
    per_target: dict[str, int] = {}
    per_channel: dict[str, int] = {}
    for key, amount in per_key.items():
        if key in post_keys:
            per_channel[channels.SOCIAL_TRACKED] = per_channel.get(channels.SOCIAL_TRACKED, 0) + amount
            if amount or len(per_key) == 1:
                per_target[key] = amount
        else:
            per_channel[key] = amount
    return per_target, {c: a for c, a in per_channel.items() if a or len(per_key) == 1}


def _net(order: Order, amount: int) -> tuple[int, bool]:
    """What is left of a credited amount after cancellation and refunds, and whether the order still counts."""
    if order.status == "cancelled":
        return 0, False
    if order.total_minor <= 0:
        return amount, True
    left = max(order.total_minor - (order.refunded_minor or 0), 0)
    return amount * left // order.total_minor, left > 0


async def attribute(*, uow: UnitOfWork, order: Order, fresh: bool = False) -> str | None:
    """(Re)compute the order's journey and credits; replaces what was stored. Returns the evidence used."""
    cfg = await config.get(uow=uow, tenant_id=order.tenant_id)
    had_post = order.target_id is not None
    evidence, touches = await build_journey(uow, order, timedelta(seconds=cfg.click_window_s))
    if not fresh:   # (a fresh order's day is marked by ``record``)
        await rollup.mark_dirty(uow=uow, tenant_id=order.tenant_id, days={rollup.utc_day(order.ordered_at)})
        await _forget_credits(uow, order.id)
    if not touches:
        order.evidence, order.target_id, order.attributed_at = None, None, None
        return None
    uow.session.add_all(touches)
    target_rows, channel_rows = [], []
    key = customer_key(order)
    post_keys = {touch_key(t) for t in touches if t.target_id is not None}
    for model, per_key in credits_for(order, touches, timedelta(seconds=cfg.half_life_s)).items():
        per_target, per_channel = split_credits(per_key, post_keys)
        common = {"order_id": order.id, "model": model, "tenant_id": order.tenant_id, "currency": order.currency,
                  "ordered_at": order.ordered_at, "customer_key": key}
        nets = {}
        for target, amount in per_target.items():
            nets[target], counted = _net(order, amount)
            target_rows.append({**common, "target_id": uuid.UUID(target), "amount_minor": amount,
                                "net_minor": nets[target], "counted": counted})
        for channel, amount in per_channel.items():
            net, counted = _net(order, amount)
            if channel == channels.SOCIAL_TRACKED:   # the sum of its posts' net credits, so they add up exactly
                net = sum(nets.values())
            channel_rows.append({**common, "channel": channel, "amount_minor": amount, "net_minor": net,
                                 "counted": counted})
    if target_rows:
        await uow.session.execute(pg_insert(OrderCredit), target_rows)
    if channel_rows:
        await uow.session.execute(pg_insert(ChannelCredit), channel_rows)
    posts = [t.target_id for t in touches if t.target_id is not None]
    order.evidence, order.target_id, order.attributed_at = evidence, posts[-1] if posts else None, ev.utcnow()
    if posts and not had_post:
        amount, currency = order.total_minor, order.currency
        pillar = pillar_label(await uow.session.scalar(select(PublishedTarget.pillar).where(
            PublishedTarget.target_id == posts[-1])))

        def count() -> None:
            ATTRIBUTED_REVENUE.labels(currency=currency).inc(amount)
            ATTRIBUTED_REVENUE_BY_PILLAR.labels(pillar=pillar, currency=currency).inc(amount)
        uow.after_commit(count)
    return evidence


async def _forget_credits(uow: UnitOfWork, order_id: uuid.UUID) -> None:
    await uow.session.execute(delete(OrderCredit).where(OrderCredit.order_id == order_id))
    await uow.session.execute(delete(ChannelCredit).where(ChannelCredit.order_id == order_id))
    await uow.session.execute(delete(OrderTouch).where(OrderTouch.order_id == order_id))


async def _rejoin(uow: UnitOfWork, condition) -> int:
    orders = list(await uow.session.scalars(select(Order).where(condition)))
    for order in orders:
        await attribute(uow=uow, order=order)
    return len(orders)


async def rejoin_for_clicks(*, uow: UnitOfWork, clicks: list[tuple]) -> int:
    """New clicks (tenant_id, click_id, visitor_id) may be stronger evidence for orders already stored."""
    by_tenant: dict[uuid.UUID, tuple[list[str], list[str]]] = {}
    for tenant_id, click_id, visitor_id in clicks:
        if tenant_id is not None:
            ids, visitors = by_tenant.setdefault(tenant_id, ([], []))
            ids.append(click_id)
            visitors.append(visitor_id)
    done = 0
    for tenant_id, (ids, visitors) in by_tenant.items():
        from attribution.visits.service import tag_visitors_for_clicks

        visitors = visitors + await tag_visitors_for_clicks(uow.session, tenant_id=tenant_id, click_ids=ids)
        done += await _rejoin(uow, sa.and_(Order.tenant_id == tenant_id, sa.or_(
            sa.and_(Order.click_id.in_(ids), Order.evidence.is_distinct_from("click_id")),
            sa.and_(Order.visitor_id.in_(visitors), sa.or_(Order.evidence.is_(None), _without_post(),
                                                           Order.evidence.in_(["utm_content", "promo_code"]))),
        )))
    return done


def _without_post():
    """An order joined to visits only (no post yet): any post evidence may still improve it."""
    return sa.and_(Order.evidence == "visitor", Order.target_id.is_(None))


async def rejoin_for_visits(*, uow: UnitOfWork, tenant_id: uuid.UUID, visitor_ids: list[str]) -> int:
    """Re-attribute the orders of these (tag) visitors, linked visitors included: new or reclassified visits
    change their journeys. Orders are found by their visitor id, or by a click made under a linked visitor.
    Set-based (two statements, then one ``attribute`` per order found): the visits flush calls it per batch."""
    if not visitor_ids:
        return 0
    ids = sorted(set(visitor_ids))
    # linked_visitors for every visitor at once: the redirect visitors whose clicks they landed with
    linked = select(Click.visitor_id).join(Visit, sa.and_(Visit.tenant_id == Click.tenant_id,
                                                          Visit.click_id == Click.click_id)).where(
        Visit.tenant_id == tenant_id, Visit.visitor_id.in_(ids), Visit.click_id.is_not(None))
    visitors = sorted({*ids, *(await uow.session.scalars(linked.distinct()))})
    their_clicks = select(Click.click_id).where(Click.tenant_id == tenant_id, Click.visitor_id.in_(visitors))
    return await _rejoin(uow, sa.and_(Order.tenant_id == tenant_id, sa.or_(
        Order.visitor_id.in_(visitors), Order.click_id.in_(their_clicks))))


async def track_target(*, uow: UnitOfWork, event: ev.Envelope[ev.PostPublished]) -> None:
    from attribution.clicks.service import adopt_clicks

    p = event.payload
    inserted = await uow.session.scalar(pg_insert(PublishedTarget).values(
        target_id=p.target_id, tenant_id=event.tenant_id, post_id=p.post_id, account_id=p.account_id,
        network=p.network, campaign=p.campaign, pillar=p.pillar, brand_id=p.brand_id, published_at=p.published_at,
    ).on_conflict_do_nothing().returning(PublishedTarget.target_id))
    if inserted is None:
        return
    await adopt_clicks(uow=uow, tenant_id=event.tenant_id, target_id=p.target_id)
    await rollup.mark_target_days(uow=uow, tenant_id=event.tenant_id, target_id=p.target_id)
    target_clicks = select(Click.click_id).where(Click.tenant_id == event.tenant_id, Click.target_id == p.target_id)
    target_visitors = select(Click.visitor_id).where(Click.tenant_id == event.tenant_id,
                                                     Click.target_id == p.target_id)
    target_codes = select(PromoCode.code).where(PromoCode.tenant_id == event.tenant_id,
                                                PromoCode.target_id == p.target_id)
    # the site tag's visitors who landed with those clicks are the same people (visits.service)
    tag_visitors = select(Visit.visitor_id).where(Visit.tenant_id == event.tenant_id,
                                                  Visit.click_id.in_(target_clicks))
    await _rejoin(uow, sa.and_(Order.tenant_id == event.tenant_id, sa.or_(
        Order.utm_content == str(p.target_id),
        Order.click_id.in_(target_clicks),
        Order.visitor_id.in_(target_visitors),
        Order.visitor_id.in_(tag_visitors),
        sa.exists(target_codes.where(Order.promo_codes.op("?")(PromoCode.code))),
    ), Order.evidence.is_distinct_from("click_id")))


async def journey(*, uow: UnitOfWork, tenant_id: uuid.UUID, order_id: uuid.UUID) -> dict:
    """The order's stored journey and its credits per touch key under every per-journey model; another
    tenant's order is not found."""
    order = await uow.session.scalar(select(Order).where(Order.tenant_id == tenant_id, Order.id == order_id))
    if order is None:
        raise NotFound("no such order", order_id=str(order_id))
    touches = (await uow.session.execute(
        select(OrderTouch, PublishedTarget.post_id, PublishedTarget.network)
        .outerjoin(PublishedTarget, sa.and_(PublishedTarget.target_id == OrderTouch.target_id,
                                            PublishedTarget.tenant_id == tenant_id))
        .where(OrderTouch.tenant_id == tenant_id, OrderTouch.order_id == order.id)
        .order_by(OrderTouch.position))).all()
    credits: dict[str, list[dict]] = {}
    for c in await uow.session.scalars(select(OrderCredit).where(
            OrderCredit.tenant_id == tenant_id, OrderCredit.order_id == order.id)):
        credits.setdefault(c.model, []).append({
            "key": str(c.target_id), "channel": channels.SOCIAL_TRACKED, "target_id": c.target_id,
            "amount_minor": c.amount_minor, "net_minor": c.net_minor})
    for c in await uow.session.scalars(select(ChannelCredit).where(
            ChannelCredit.tenant_id == tenant_id, ChannelCredit.order_id == order.id,
            ChannelCredit.channel != channels.SOCIAL_TRACKED)):   # social_tracked: its posts, listed above
        credits.setdefault(c.model, []).append({
            "key": c.channel, "channel": c.channel, "target_id": None, "amount_minor": c.amount_minor,
            "net_minor": c.net_minor})
    return {
        "order_id": order.id, "external_id": order.external_id, "ordered_at": order.ordered_at,
        "total_minor": order.total_minor, "currency": order.currency, "status": order.status,
        "evidence": order.evidence,
        "touches": [{"position": t.position, "touched_at": t.touched_at, "channel": t.channel, "kind": t.kind,
                     "target_id": t.target_id, "post_id": post_id, "network": network, "click_id": t.click_id,
                     "page_view_id": t.page_view_id} for t, post_id, network in touches],
        "credits": {model: sorted(rows, key=lambda r: (-r["amount_minor"], r["key"]))
                    for model, rows in sorted(credits.items())},
    }


def _as_uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value.strip()) if value else None
    except ValueError:
        return None


# --------------------------------------------------------------------------
# Promo codes


def normalise_code(code: str) -> str:
    return code.strip().upper()


async def register_promo(*, uow: UnitOfWork, tenant_id: uuid.UUID, code: str, target_id: uuid.UUID) -> PromoCode:
    """A code names a target; a target not published yet is fine (codes are planned ahead), one that is
    published is this tenant's, or it is not found."""
    code = normalise_code(code)
    owner = await uow.session.scalar(select(PublishedTarget.tenant_id).where(PublishedTarget.target_id == target_id))
    if owner is not None and owner != tenant_id:
        raise NotFound("no such target", target_id=str(target_id))
    existing = await uow.session.get(PromoCode, (tenant_id, code))
    if existing is not None:
        if existing.target_id != target_id:
            raise Conflict("this promo code already belongs to another target", code=code,
                           target_id=str(existing.target_id))
        return existing
    promo = PromoCode(tenant_id=tenant_id, code=code, target_id=target_id, created_at=ev.utcnow())
    uow.session.add(promo)
    await uow.session.flush()
    await _rejoin(uow, sa.and_(Order.tenant_id == tenant_id, sa.or_(Order.evidence.is_(None), _without_post()),
                               Order.promo_codes.op("?")(code)))
    return promo


async def list_promos(*, uow: UnitOfWork, tenant_id: uuid.UUID, page: PageRequest) -> dict:
    """One page of the tenant's promo codes, by code (unique per tenant)."""
    ks = page.keyset(select(PromoCode).where(PromoCode.tenant_id == tenant_id), PromoCode.code, scope=tenant_id)
    return ks.page((await uow.session.scalars(ks.stmt)).all())


# --------------------------------------------------------------------------
# Cancellations and refunds


async def adjust(*, uow: UnitOfWork, tenant_id: uuid.UUID, order_id: uuid.UUID, ref: str, kind: str,
                 amount_minor: int = 0) -> bool:
    """Record a cancellation or refund once (by ``ref``); applied now, or when its order arrives."""
    inserted = await uow.session.scalar(pg_insert(OrderAdjustment).values(
        tenant_id=tenant_id, order_id=order_id, ref=ref, kind=kind, amount_minor=amount_minor, at=ev.utcnow(),
    ).on_conflict_do_nothing().returning(OrderAdjustment.ref))
    if inserted is None:
        return False
    order = await uow.session.scalar(select(Order).where(Order.tenant_id == tenant_id, Order.id == order_id))
    if order is not None:
        await _apply_adjustments(uow, order)
    return True


async def _apply_adjustments(uow: UnitOfWork, order: Order) -> None:
    rows = (await uow.session.execute(select(OrderAdjustment.kind, OrderAdjustment.amount_minor).where(
        OrderAdjustment.tenant_id == order.tenant_id, OrderAdjustment.order_id == order.id))).all()
    if not rows:
        return
    refunded = min(sum(a for k, a in rows if k == "refund"), order.total_minor)
    order.refunded_minor = refunded
    if any(k == "cancelled" for k, _ in rows):
        order.status = "cancelled"
    elif refunded >= order.total_minor:
        order.status = "refunded"
    left = max(order.total_minor - refunded, 0)
    counted = order.status == "created" and left > 0
    await rollup.mark_dirty(uow=uow, tenant_id=order.tenant_id, days={rollup.utc_day(order.ordered_at)})
    if order.status == "cancelled" or order.total_minor == 0:
        net = sa.literal(0)
    else:
        net = OrderCredit.amount_minor * left // order.total_minor
    await uow.session.execute(update(OrderCredit).where(OrderCredit.order_id == order.id)
                              .values(net_minor=sa.cast(net, sa.BigInteger), counted=counted))
    # social_tracked stays the sum of its posts' net credits (updated just above), so they add up exactly
    posts_net = (select(func.coalesce(func.sum(OrderCredit.net_minor), 0))
                 .where(OrderCredit.order_id == ChannelCredit.order_id, OrderCredit.model == ChannelCredit.model)
                 .scalar_subquery())
    channel_net = ChannelCredit.amount_minor * left // order.total_minor if order.total_minor else sa.literal(0)
    if order.status == "cancelled":
        channel_net = sa.literal(0)
    await uow.session.execute(update(ChannelCredit).where(ChannelCredit.order_id == order.id).values(
        net_minor=sa.cast(sa.case((ChannelCredit.channel == channels.SOCIAL_TRACKED, posts_net),
                                  else_=channel_net), sa.BigInteger), counted=counted))
