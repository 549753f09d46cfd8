"""A suspended tenant's outgoing webhooks pause (deliveries stay pending) and resume on reactivation; the
operator's suspend call refuses the tenant on this planner process at once."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx
from planner.webhooks import service as webhooks

from tests.planner.test_planner_webhooks import enqueue, receiver  # noqa: F401 - the receiver fixture


async def _deliver(runtime) -> None:
    """The deliver_webhooks job's round: the process's suspended tenants held back."""
    async with httpx.AsyncClient(timeout=5) as http:
        async with runtime.db.uow() as uow:
            await webhooks.deliver_due(uow=uow, http=http, box=runtime.secrets,
                                       now=datetime.now(UTC) + timedelta(seconds=60), limit=50, max_attempts=5,
                                       retry_base_s=0.01, held=runtime.suspensions.ids)


async def test_webhooks_pause_while_suspended_and_resume_on_reactivation(new_tenant, client, runtime,
                                                                         planner_settings, receiver):  # noqa: F811
    tenant = await new_tenant("paused")
    operator = {"Authorization": f"Bearer {planner_settings.operator_token}"}
    hook = (await tenant.post("/webhooks", json={"url": receiver.url, "events": ["post.failed"]})).json()
    receiver.secrets = [hook["secret"]]
    assert (await client.post(f"/admin/tenants/{tenant.id}/suspend", headers=operator)).status_code == 200
    refused = await tenant.get("/webhooks")
    assert refused.status_code == 403 and refused.json()["title"] == "Tenant suspended", "at once, on this process"

    await enqueue(runtime, tenant)
    await _deliver(runtime)
    assert receiver.got == [], "nothing goes out while suspended"

    assert (await client.post(f"/admin/tenants/{tenant.id}/activate", headers=operator)).status_code == 200
    await _deliver(runtime)
    assert len(receiver.got) == 1 and json.loads(receiver.got[0]["body"])["tenant_id"] == str(tenant.id)
    assert (await tenant.get(f"/webhooks/{hook['id']}/deliveries")).json()["items"][0]["status"] == "delivered"
