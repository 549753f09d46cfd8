"""Helpers for the journey tests: a tenant's posts, clicks and classified site visits written straight to the
database (the intake has its own tests), and orders recorded in-process (the real order path, without the broker)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

import sqlalchemy as sa

from attribution.orders import service as orders
from smmkit import events as ev


@dataclass
class Shop:
    attr: object
    tenant_id: uuid.UUID
    client: object = None   # the tenant's API client
    targets: dict[str, uuid.UUID] = field(default_factory=dict)   # name -> target id
    seq: int = 0

    def next_id(self, prefix: str) -> str:
        self.seq += 1
        return f"{prefix}{self.seq:06d}{uuid.uuid4().hex[:8]}"

    async def publish(self, name: str, *, target_id: uuid.UUID | None = None, network: str = "instagram",
                      campaign: str | None = "autumn") -> uuid.UUID:
        target_id = target_id or uuid.uuid4()
        now = datetime.now(timezone.utc)
        async with self.attr.runtime.db.uow() as uow:
            await orders.track_target(uow=uow, event=ev.new_event(ev.PostPublished(
                target_id=target_id, post_id=uuid.uuid4(), account_id=uuid.uuid4(), network=network,
                external_id="1", url="https://social.example/1", scheduled_at=now, published_at=now,
                campaign=campaign, pillar=None, brand_id=None), tenant_id=self.tenant_id))
            await uow.commit()
        self.targets[name] = target_id
        return target_id

    async def click(self, visitor: str, target: str, at: datetime, click_id: str | None = None) -> str:
        click_id = click_id or self.next_id("c")
        async with self.attr.runtime.db.engine.begin() as conn:
            await conn.execute(sa.text(
                "INSERT INTO attribution.clicks (click_id, target_id, tenant_id, clicked_at, visitor_id, user_agent)"
                " VALUES (:c, :target, :t, :at, :v, 'Mozilla/5.0')"),
                {"c": click_id, "target": self.targets[target], "t": self.tenant_id, "at": at, "v": visitor})
        return click_id

    async def visit(self, visitor: str, at: datetime, channel: str | None, *, click_id: str | None = None,
                    utm_content: str | None = None) -> str:
        page_view_id = self.next_id("p")
        async with self.attr.runtime.db.engine.begin() as conn:
            await conn.execute(sa.text(
                "INSERT INTO attribution.visits (tenant_id, page_view_id, site_key_id, visitor_id, visited_at, source,"
                " device, click_id, utm_content, channel, rules_version)"
                " VALUES (:t, :p, :k, :v, :at, 'beacon', 'desktop', :c, :u, :ch, 1)"),
                {"t": self.tenant_id, "p": page_view_id, "k": uuid.uuid4(), "v": visitor, "at": at, "c": click_id,
                 "u": utm_content, "ch": channel})
        return page_view_id

    async def order(self, external_id: str, at: datetime, total: int, *, visitor: str | None = None,
                    currency: str = "EUR", customer: str | None = None, click_id: str | None = None,
                    utm_content: str | None = None, promo_codes: list[str] | None = None) -> uuid.UUID:
        order_id = orders.order_id_for(self.tenant_id, "api", external_id)
        async with self.attr.runtime.db.uow() as uow:
            await orders.record(uow=uow, event=ev.new_event(ev.OrderCreated(
                order_id=order_id, external_id=external_id, source="api", ordered_at=at, customer_id=customer,
                visitor_id=visitor, total_minor=total, currency=currency, click_id=click_id,
                utm=ev.UTM(content=utm_content), promo_codes=promo_codes or []), tenant_id=self.tenant_id))
            await uow.commit()
        return order_id

    async def adjust(self, order_id: uuid.UUID, ref: str, kind: str, amount: int = 0) -> None:
        async with self.attr.runtime.db.uow() as uow:
            assert await orders.adjust(uow=uow, tenant_id=self.tenant_id, order_id=order_id, ref=ref, kind=kind,
                                       amount_minor=amount)
            await uow.commit()

    async def execute(self, sql: str, **params) -> None:
        async with self.attr.runtime.db.engine.begin() as conn:
            await conn.execute(sa.text(sql), params)

    async def touches(self, order_id: uuid.UUID) -> list:
        return await self.attr.rows("SELECT * FROM attribution.order_touches WHERE order_id = :o ORDER BY position",
                                    o=order_id)

    async def post_credits(self, order_id: uuid.UUID, model: str) -> dict[str, int]:
        rows = await self.attr.rows("SELECT target_id, amount_minor FROM attribution.order_credits"
                                    " WHERE order_id = :o AND model = :m", o=order_id, m=model)
        names = {v: k for k, v in self.targets.items()}
        return {names[r.target_id]: r.amount_minor for r in rows}

    async def channel_credits(self, order_id: uuid.UUID, model: str, column: str = "amount_minor") -> dict[str, int]:
        rows = await self.attr.rows(f"SELECT channel, {column} AS amount FROM attribution.channel_credits"
                                    " WHERE order_id = :o AND model = :m", o=order_id, m=model)
        return {r.channel: r.amount for r in rows}


async def new_shop(attr, name: str) -> Shop:
    tenant = await attr.tenant(name)
    return Shop(attr, tenant.id, tenant.client)
