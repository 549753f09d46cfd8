"""Analytics: an account's engagement per day (chart and table), its best-time heatmap with sample sizes, and
the top posts (metrics' reports); each table also as a CSV download."""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta, timezone
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request

from web.apis import ApiProblem
from web.pages.revenue import csv_download
from web.identity.deps import ApisDep, UserDep
from web.render import N_, page, use_locale

router = APIRouter(dependencies=[Depends(use_locale)], include_in_schema=False)
METRICS = ("interactions", "likes", "reposts", "comments", "views", "clicks")


def _interactions(row: dict) -> int:
    return sum(row.get(k) or 0 for k in ("likes", "reposts", "comments"))


def heat_rows(heatmap: dict) -> list[dict]:
    """7 rows × 24 hours, each cell with its score, samples and a 0..4 shade for the drawing."""
    cells = {(c["weekday"], c["hour"]): c for c in heatmap.get("cells", [])}
    top = max((c["score"] for c in cells.values()), default=0) or 1
    return [{"weekday": d, "cells": [  # the page names the weekday in the reader's language
        {**cells.get((d, h), {"score": 0, "samples": 0, "source": "prior"}), "hour": h,
         "shade": round(4 * cells.get((d, h), {"score": 0})["score"] / top)}
        for h in range(24)]} for d in range(7)]


@router.get("/analytics")
async def analytics(request: Request, user: UserDep, apis: ApisDep, account_id: uuid.UUID | None = None,
                    metric: Annotated[Literal[METRICS], Query()] = "interactions",
                    days: Annotated[int, Query(ge=7, le=365)] = 30):
    accounts = await apis.get_all("planner", "/accounts")
    chosen = next((a for a in accounts if a["id"] == str(account_id)), accounts[0] if accounts else None)
    since = (datetime.now(timezone.utc) - timedelta(days=days)).date().isoformat()
    top = await apis.get("metrics", "/reports/top-posts", metric=metric, since=since, limit=10)
    daily, heatmap, note = [], {}, None
    if chosen:
        try:
            daily_doc, heatmap = await asyncio.gather(
                apis.get("metrics", f"/accounts/{chosen['id']}/daily", since=since),
                apis.get("metrics", f"/accounts/{chosen['id']}/best-times", metric=metric))
            daily = [{**r, "interactions": _interactions(r)} for r in daily_doc["rows"]]
        except ApiProblem as exc:
            if exc.status != 404:
                raise
            note = N_("metrics does not read this account yet: connect its credentials on Accounts")
    series = {"day": [r["day"] for r in daily], "value": [r.get(metric) or 0 for r in daily]}
    return page(request, "analytics.html", accounts=accounts, chosen=chosen, metric=metric, metrics=METRICS,
                days=days, daily=daily, series=series, heatmap=heatmap, heat=heat_rows(heatmap) if heatmap else [],
                top=top["posts"], note=note)


TOP_COLUMNS = ("target_id", "account_id", "network", "published_at", "url", "deleted", "value")


@router.get("/analytics/top-posts.csv")
async def top_posts_csv(user: UserDep, apis: ApisDep,
                        metric: Annotated[Literal[METRICS], Query()] = "interactions",
                        days: Annotated[int, Query(ge=7, le=365)] = 30):
    since = (datetime.now(timezone.utc) - timedelta(days=days)).date().isoformat()
    top = await apis.get("metrics", "/reports/top-posts", metric=metric, since=since, limit=10)
    return csv_download(f"top-posts-{metric}-{days}d.csv", [*TOP_COLUMNS[:-1], metric],
                        ([p.get(c) for c in TOP_COLUMNS] for p in top["posts"]))
