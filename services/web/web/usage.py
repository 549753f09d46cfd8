"""A tenant's usage per day for the operator console: the four services' ``/admin/tenants/{id}/usage``
answers added up (each counts its own API calls and what its tables hold; smmkit.usage)."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date

from smmkit.app import Runtime
from smmkit.usage import METRICS
from web.apis import SERVICES, request
from web.identity.tenants import _operator


async def tenant_usage(runtime: Runtime, tenant_id: uuid.UUID | str, since: date, until: date) -> list[dict]:
    """One row per day: {day, api_calls, posts_published, orders_ingested, tracked_clicks, active_accounts}."""
    params = {"since": since.isoformat(), "until": until.isoformat()}
    answers = await asyncio.gather(*(
        request(runtime, getattr(runtime.service_settings, f"{service}_url"), "GET",
                f"/admin/tenants/{tenant_id}/usage", headers=_operator(runtime), params=params)
        for service in SERVICES))
    days: dict[str, dict] = {}
    for answer in answers:
        for row in answer["days"]:
            total = days.setdefault(row["day"], {"day": row["day"], **{m: 0 for m in METRICS}})
            for metric in METRICS:
                total[metric] += row.get(metric) or 0
    return [days[d] for d in sorted(days)]


def totals(rows: list[dict]) -> dict:
    """Sums over the days; accounts are a level, not a flow: the last day's."""
    out = {m: sum(r[m] for r in rows) for m in METRICS if m != "active_accounts"}
    out["active_accounts"] = rows[-1]["active_accounts"] if rows else 0
    return out
