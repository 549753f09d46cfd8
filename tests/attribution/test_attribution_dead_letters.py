"""Nothing accepted is lost: an order.created that cannot be stored is dead-lettered with its reason, listed
on the operator API, and replayed once its cause is fixed (issue "Nothing lost, nothing crashes")."""
import uuid
from datetime import datetime, timezone

import sqlalchemy as sa

from attribution.orders.service import order_id_for
from smmkit import events as ev
from smmkit.tenancy import tenants
from tests.utils.polling import eventually


async def test_an_order_of_an_unknown_tenant_is_dead_lettered_listed_and_replayed_once_the_tenant_exists(attr):
    tenant_id, external_id = uuid.uuid4(), f"ext-{uuid.uuid4().hex[:8]}"
    event = ev.new_event(ev.OrderCreated(
        order_id=order_id_for(tenant_id, "shop-feed", external_id), external_id=external_id, source="shop-feed",
        ordered_at=datetime.now(timezone.utc), total_minor=1234, currency="EUR"), tenant_id=tenant_id)
    operator = {"Authorization": f"Bearer {attr.runtime.settings.operator_token}"}
    await attr.send(event)  # an external producer, with a tenant id nobody created

    async def listed(status: str = "open") -> dict | None:
        resp = await attr.public.get("/admin/dead-letters", headers=operator,
                                     params={"topic": "order.created", "tenant_id": str(tenant_id), "status": status})
        assert resp.status_code == 200, resp.text
        return next((d for d in resp.json()["items"] if d["event_id"] == str(event.event_id)), None)

    letter = await eventually(listed, what="the order listed as a dead letter")
    assert letter["reason"] == "unknown_tenant" and letter["error"] == f"unknown tenant {tenant_id}: no such tenant exists"
    assert letter["topic"] == "order.created" and letter["attempts"] == 1 and letter["replayed_at"] is None
    assert letter["partition"] >= 0 and letter["offset"] >= 0 and letter["dead_lettered_at"]
    assert letter["consumer"].startswith("attribution")
    assert await attr.order(tenant_id, external_id, "shop-feed") is None
    assert (await attr.public.get("/admin/dead-letters")).status_code == 401, "operators only"
    tenant = await attr.tenant("nosy")
    assert (await tenant.client.get("/admin/dead-letters")).status_code == 401

    async with attr.runtime.db.engine.begin() as conn:  # the operator restores the tenant under its id
        await conn.execute(sa.insert(tenants).values(id=tenant_id, name="restored"))
    resp = await attr.public.post(f"/admin/dead-letters/{letter['id']}/replay", headers=operator)
    assert resp.status_code == 202, resp.text
    assert resp.json()["replays"] == 1 and resp.json()["replayed_at"] is not None

    stored = await attr.wait_order(tenant_id, external_id, "shop-feed", joined=False)
    assert (stored.total_minor, stored.currency) == (1234, "EUR")
    assert await listed() is None and (await listed("replayed"))["id"] == letter["id"]
    unknown = await attr.public.post(f"/admin/dead-letters/{uuid.uuid4()}/replay", headers=operator)
    assert unknown.status_code == 404 and unknown.headers["content-type"] == "application/problem+json"
