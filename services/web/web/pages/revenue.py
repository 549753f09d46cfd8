"""Revenue: ROI / ROMI / ROAS / CAC per post, campaign, network, pillar or channel under any attribution model,
SMM's share of revenue beside the other channels (revenue from posts, influenced, assisted), the "is our SMM
selling?" verdict with its lag chart and table, and a CSV export of each table (attribution's reports).

With the site tag, journeys hold visits of other channels too: their credit shows in every report as lines keyed
``channel:<name>`` (attribution's design), labelled here as the channel."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from web.apis import ApiProblem, Apis
from web.identity.deps import ApisDep, UserDep
from web.render import page, use_locale

router = APIRouter(dependencies=[Depends(use_locale)], include_in_schema=False)
LEVELS = ("post", "campaign", "network", "pillar", "channel")
MODELS = ("last_touch", "first_touch", "last_non_direct", "linear", "time_decay", "position_based", "markov",
          "shapley")
LevelQ = Annotated[Literal[LEVELS], Query()]
ModelQ = Annotated[Literal[MODELS], Query()]
DaysQ = Annotated[int, Query(ge=7, le=365)]
LAG_COLUMNS = ("lag", "n", "pearson_r", "pearson_p", "pearson_p_adjusted", "spearman_rho", "spearman_p")
TablesQ = Annotated[Literal["roi", "lags", "channels"], Query()]
CHANNEL_COLUMNS = ("channel", "currency", "revenue_minor", "share", "orders")
COLUMNS = ("key", "currency", "revenue_minor", "orders", "customers", "new_customers", "cost_minor",
           "gross_profit_minor", "roas", "romi", "roi", "cac_minor")


async def _roi(apis: Apis, level: str, model: str, days: int) -> dict:
    since = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat()
    return await apis.get("attribution", "/reports/roi", level=level, model=model, since=since)


async def _channels(apis: Apis, model: str, days: int) -> dict:
    since = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat()
    return await apis.get("attribution", "/reports/channels", model=model, since=since)


async def _selling(apis: Apis, days: int) -> dict:
    until = datetime.now(timezone.utc).date()
    try:
        return await apis.get("attribution", "/reports/selling", since=(until - timedelta(days=days - 1)).isoformat(),
                              until=until.isoformat())
    except ApiProblem as exc:  # e.g. orders in several currencies: said on the page, the table still shows
        if exc.status >= 500:
            raise
        return {"verdict": str(exc), "lags": [], "enough_data": False}


@router.get("/revenue")
async def revenue(request: Request, user: UserDep, apis: ApisDep, level: LevelQ = "post",
                  model: ModelQ = "last_touch", days: DaysQ = 90):
    report = await _roi(apis, level, model, days)
    channels = await _channels(apis, model, days)
    selling = await _selling(apis, days)
    lags = {"lag": [x["lag"] for x in selling.get("lags", [])],
            "r": [x["pearson_r"] for x in selling.get("lags", [])]}
    return page(request, "revenue.html", report=report, channels=channels, selling=selling, lags=lags, level=level, model=model,
                days=days, levels=LEVELS, models=MODELS, lag_rows=selling.get("lags", []))


def csv_download(filename: str, header: list[str], rows) -> Response:
    """A table as a CSV download (empty cells for missing values); analytics' exports use it too."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{filename}"'})


@router.get("/revenue.csv")
async def revenue_csv(user: UserDep, apis: ApisDep, level: LevelQ = "post", model: ModelQ = "last_touch",
                      days: DaysQ = 90, table: TablesQ = "roi"):
    if table == "lags":
        selling = await _selling(apis, days)
        return csv_download(f"revenue-lags-{days}d.csv", list(LAG_COLUMNS),
                            ([lag.get(c) for c in LAG_COLUMNS] for lag in selling.get("lags", [])))
    if table == "channels":
        channels = await _channels(apis, model, days)
        return csv_download(f"revenue-channels-{model}.csv", list(CHANNEL_COLUMNS),
                            ([row.get(c) for c in CHANNEL_COLUMNS] for row in channels["rows"]))
    report = await _roi(apis, level, model, days)
    return csv_download(f"revenue-{level}-{model}.csv", [level, *COLUMNS[1:]],
                        ([row.get(c) for c in COLUMNS] for row in report["rows"]))
