"""The metrics service: engagement time series for every published target.

- ``post.published`` starts tracking a target; ``poll_due_targets`` polls it on a decaying,
  per-tenant schedule (``metrics.plans``), spread by a per-target phase
  (``metrics.engagement.schedule``), and records changes as points + ``engagement.updated``
  (totals, deltas, per-target seq) in one transaction per batch.
- Replicas share the work with ``FOR UPDATE SKIP LOCKED`` claims and a lease
  (``METRICS_POLL_LEASE_S``): a dead replica's claims come back when the lease runs out.
- Read credentials are metrics' own (``PUT /accounts/{id}/credentials``, encrypted with
  ``runtime.secrets``); they never travel over Kafka. They are accepted only for accounts the
  planner announced for the tenant (``account.created``, ``smmkit.accounts``).
- Network reads take from the publisher's Redis buckets (``smmkit.budgets``) and stop at a
  reserve left for publishing (``metrics.collectors.budget``, ``METRICS_BUDGET_RESERVE_RATIO``).
- Facebook page webhooks arrive at ``/webhooks/facebook`` (``METRICS_FACEBOOK_APP_SECRET``,
  ``METRICS_FACEBOOK_VERIFY_TOKEN``).
- Reads that keep failing for a reason retrying cannot fix (auth, invalid) stop after
  ``METRICS_STOP_AFTER_FAILURES`` in a row, visibly (``polling_status``, ``GET /polling/stopped``,
  ``smm_metrics_polling_stopped_total``), until the account is reconnected (``metrics.polling``).
- ``read_followers`` stores one follower count per account and day; ``downsample_old_points``
  folds raw points older than ``METRICS_RAW_RETENTION_DAYS`` into daily points.
"""
from collections.abc import Sequence

from metrics import handlers, jobs
from metrics.api import accounts, engagement, polling, reports, settings, webhooks
from metrics.db import Base
from metrics.settings import MetricsSettings, get_metrics_settings
from metrics.tenant_data import TENANT_DATA
from smmkit.app import Job, create_service_app
from smmkit.bus import Subscription
from smmkit.crypto import SecretBox
from smmkit.settings import CommonSettings, get_settings
from smmkit import offboarding
from smmkit.tenancy import ScopeRules

JOBS: tuple[Job, ...] = (jobs.poll_due_targets, jobs.read_followers, jobs.downsample_old_points)


def build_app(common: CommonSettings, service_settings: MetricsSettings, *, jobs: Sequence[Job] = JOBS,
              consume: bool = True):
    return create_service_app(
        name="metrics",
        description="Collect engagement for every published post target.",
        settings=common,
        service_settings=service_settings,
        messaging=Base.messaging,
        routers=[engagement.router, accounts.router, polling.router, reports.router, settings.router,
                 webhooks.router],
        subscriptions=[Subscription("metrics", {
            "account.created": handlers.on_account_created,
            "post.published": handlers.on_post_published,
            "tenant.deletion_requested": handlers.on_tenant_deletion_requested,
            "credentials.issued": handlers.on_credentials_issued(SecretBox(common.secret_keys),
                                                                 service_settings.seal_private_key),
        })] if consume else [],
        jobs=jobs,
        scopes=ScopeRules(offboarding.SCOPE_RULES),
        tenant_data=TENANT_DATA,
    )


app = build_app(get_settings(), get_metrics_settings())
