import uuid
from datetime import date, timedelta
from fastapi import APIRouter

from metrics.accounts import service as accounts
from metrics.reports import schemas as s
from metrics.reports import service
from smmkit.deps import TenantDep, UowDep
from smmkit.events import utcnow
from smmkit.validation import Day, Network, at_most

router = APIRouter(tags=["reports"])


def _period(since: date | None, until: date | None) -> tuple[date, date]:
    until = until or utcnow().date()
    return since or until - timedelta(days=30), until


@router.get("/accounts/{account_id}/daily", response_model=s.DailyAggregates, summary="An account's engagement per day")
async def account_daily(account_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, since: Day | None = None,
                        until: Day | None = None):
    await accounts.get(session=uow.session, tenant_id=tenant_id, account_id=account_id)
    since, until = _period(since, until)
    rows = await service.daily(session=uow.session, tenant_id=tenant_id, account_id=account_id, since=since,
                               until=until)
    return s.DailyAggregates(scope={"account_id": str(account_id)}, rows=rows)


@router.get("/networks/{network}/daily", response_model=s.DailyAggregates,
            summary="A network's engagement per day, over the tenant's accounts")
async def network_daily(network: Network, tenant_id: TenantDep, uow: UowDep, since: Day | None = None,
                        until: Day | None = None):
    since, until = _period(since, until)
    rows = await service.daily(session=uow.session, tenant_id=tenant_id, network=network, since=since, until=until)
    return s.DailyAggregates(scope={"network": network}, rows=rows)


@router.get("/accounts/{account_id}/engagement-rate", response_model=s.EngagementRate,
            summary="An account's engagement rate")
async def engagement_rate(account_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, since: Day | None = None,
                          until: Day | None = None):
    since, until = _period(since, until)
    return await service.engagement_rate(session=uow.session, tenant_id=tenant_id, account_id=account_id,
                                         since=since, until=until)


@router.get("/reports/top-posts", response_model=s.TopPosts, summary="The posts with the most engagement")
async def top_posts(tenant_id: TenantDep, uow: UowDep, metric: s.Metric = "interactions", since: Day | None = None,
                    until: Day | None = None, limit: at_most(100) = 10,
                    network: Network | None = None, account_id: uuid.UUID | None = None):
    since, until = _period(since, until)
    return await service.top_posts(session=uow.session, tenant_id=tenant_id, metric=metric, since=since, until=until,
                                   limit=limit, network=network, account_id=account_id)


@router.get("/accounts/{account_id}/best-times", response_model=s.Heatmap)
async def best_times(account_id: uuid.UUID, tenant_id: TenantDep, uow: UowDep, metric: s.Metric = "interactions",
                     min_samples: at_most(100) = 3):
    """Weekday × hour heatmap in the account's time zone; the planner reads it to suggest queue slots."""
    return await service.best_times(session=uow.session, tenant_id=tenant_id, account_id=account_id, metric=metric,
                                    min_samples=min_samples)
