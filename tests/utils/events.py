"""Valid sample events for every topic, for tests that need one of each."""
import uuid
from datetime import datetime, timezone

from smmkit import events as ev


def sample_payload(topic: str) -> ev.Payload:
    now = datetime.now(timezone.utc)
    ids = dict(target_id=uuid.uuid4(), post_id=uuid.uuid4(), account_id=uuid.uuid4())
    return {
        "account.created": lambda: ev.AccountCreated(account_id=ids["account_id"], network="mastodon",
                                                     account_ref="@demo"),
        "connection.authorized": lambda: ev.ConnectionAuthorized(connection_id=uuid.uuid4(), network="mastodon",
                                                                 account_ref="42", handle="@demo"),
        "connection.settled": lambda: ev.ConnectionSettled(connection_id=uuid.uuid4(), network="mastodon",
                                                           account_ref="42", account_id=ids["account_id"]),
        "credentials.issued": lambda: ev.CredentialsIssued(account_id=ids["account_id"], network="mastodon",
                                                           account_ref="42", sealed="c2VhbGVk"),
        "account.needs_reconnect": lambda: ev.AccountNeedsReconnect(account_id=ids["account_id"], network="mastodon",
                                                                    reason="token revoked"),
        "post.scheduled": lambda: ev.PostScheduled(**ids, network="mastodon", account_ref="@demo", text="hi",
                                                   scheduled_at=now),
        "post.published": lambda: ev.PostPublished(**ids, network="mastodon", external_id="1", url="https://x/1",
                                                   scheduled_at=now, published_at=now),
        "post.failed": lambda: ev.PostFailed(**ids, network="mastodon", error_kind="invalid", reason="bad",
                                             failed_at=now),
        "engagement.updated": lambda: ev.EngagementUpdated(
            target_id=ids["target_id"], account_id=ids["account_id"], network="mastodon", seq=1, observed_at=now,
            totals=ev.EngagementCounts(likes=1), deltas=ev.EngagementCounts(likes=1)),
        "order.created": lambda: ev.OrderCreated(order_id=uuid.uuid4(), external_id="o-1", source="api",
                                                 ordered_at=now, total_minor=100, currency="EUR"),
        "roi.alert": lambda: ev.RoiAlertRaised(alert_id=uuid.uuid4(), currency="EUR", weeks=3,
                                               week_start=now.date(), rois=[-0.2, -0.1, -0.3], revenue_minor=100,
                                               cost_minor=200, raised_at=now),
        "webhook.disabled": lambda: ev.WebhookDisabled(webhook_id=uuid.uuid4(), service="planner",
                                                       url="https://hooks.example/smm", consecutive_failures=5,
                                                       last_error="HTTP 500", disabled_at=now),
        "tenant.deletion_requested": lambda: ev.TenantDeletionRequested(deletion_id=uuid.uuid4(), requested_at=now),
        "tenant.data_deleted": lambda: ev.TenantDataDeleted(deletion_id=uuid.uuid4(), service="publisher",
                                                            rows_deleted=3, redis_keys_deleted=1, deleted_at=now),
    }[topic]()


def sample_event(topic: str, tenant_id: uuid.UUID) -> ev.Envelope:
    return ev.new_event(sample_payload(topic), tenant_id=tenant_id)


def account_created(tenant_id: uuid.UUID, network: str, account_ref: str,
                    account_id: uuid.UUID | None = None) -> ev.Envelope[ev.AccountCreated]:
    """What the planner announces when a tenant adds an account: publisher and metrics take credentials only then."""
    return ev.new_event(ev.AccountCreated(account_id=account_id or uuid.uuid4(), network=network,
                                          account_ref=account_ref), tenant_id=tenant_id)
