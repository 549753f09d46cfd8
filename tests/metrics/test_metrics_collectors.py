"""Every collector against the sandbox over real HTTP: each network's native stats mapped to our
counters, null (not zero) where a network cannot say, deleted posts, follower counts."""
from __future__ import annotations

import pytest

from metrics.collectors import COLLECTORS, PostGone
from metrics_netposts import publish
from sandbox.engagement import engagement_for, followers_for
from sandbox.networks.discord import guild_of
from smmkit.networks import NetworkError, make_http_client

SIX_HOURS = 6 * 3600
NO_FOLLOWERS = {"gbp"}  # a Business Profile has no followers


def expected(network: str, e) -> dict:
    """What each network reports, per its documented stats endpoints (None: it cannot say)."""
    return {
        "telegram": dict(likes=None, reposts=None, comments=None, views=None, clicks=None),
        "vk": dict(likes=e.likes, reposts=e.shares, comments=e.comments, views=e.impressions, clicks=None),
        "mastodon": dict(likes=e.likes, reposts=e.shares, comments=e.comments, views=None, clicks=None),
        "bluesky": dict(likes=e.likes, reposts=e.shares + e.quotes, comments=e.comments, views=None, clicks=None),
        "x": dict(likes=e.likes, reposts=e.shares + e.quotes, comments=e.comments, views=e.impressions, clicks=None),
        "facebook": dict(likes=e.likes, reposts=e.shares, comments=e.comments, views=e.impressions, clicks=e.clicks),
        "instagram": dict(likes=e.likes, reposts=e.shares, comments=e.comments, views=e.impressions, clicks=None),
        "linkedin": dict(likes=e.likes, reposts=e.shares, comments=e.comments, views=e.impressions, clicks=e.clicks),
        "threads": dict(likes=e.likes, reposts=e.shares + e.quotes, comments=e.comments, views=e.impressions,
                        clicks=None),
        "pinterest": dict(likes=e.likes, reposts=e.saves, comments=e.comments, views=e.impressions,
                          clicks=e.clicks // 2),
        "youtube": dict(likes=e.likes, reposts=None, comments=e.comments, views=e.impressions, clicks=None),
        "tiktok": dict(likes=e.likes, reposts=e.shares, comments=e.comments, views=e.impressions, clicks=None),
        "reddit": dict(likes=e.likes, reposts=e.shares, comments=e.comments, views=None, clicks=None),
        "discord": dict(likes=e.likes, reposts=None, comments=e.comments, views=None, clicks=None),
        "gbp": dict(likes=None, reposts=None, comments=None, views=e.impressions, clicks=e.clicks),
    }[network]


@pytest.fixture
async def collector_for(sandbox):
    clients = []

    def make(network: str, account_ref: str | None, credentials: dict):
        http = make_http_client(sandbox.read_url(network), timeout_s=5)  # collectors read: the AppView for Bluesky
        clients.append(http)
        return COLLECTORS[network](http=http, credentials=credentials, account_ref=account_ref)

    yield make
    for http in clients:
        await http.aclose()


@pytest.mark.parametrize("network", sorted(COLLECTORS))
async def test_collector_reads_native_stats_as_our_counters(network, sandbox, collector_for):
    sandbox.engagement(speed=0)  # a frozen engagement clock: the post's age is exactly what we advance
    external_id, account_ref, credentials = publish(sandbox, network)
    sandbox.engagement(advance_s=SIX_HOURS)
    collector = collector_for(network, account_ref, credentials)

    counts = await collector.fetch_post(external_id)

    want = expected(network, engagement_for(f"{network}:{external_id}", SIX_HOURS))
    assert counts.model_dump() == want
    if network != "telegram":
        assert (counts.likes or counts.views) > 0, "six hours in, every sandbox post has likes (GBP: views)"


@pytest.mark.parametrize("network", sorted(COLLECTORS))
async def test_collector_reads_the_account_follower_count(network, sandbox, collector_for):
    sandbox.engagement(speed=0)
    _, account_ref, credentials = publish(sandbox, network)
    clock_s = sandbox.engagement(advance_s=3 * 86400)["clock_s"]

    followers = await collector_for(network, account_ref, credentials).fetch_followers()

    followed = guild_of(account_ref) if network == "discord" else account_ref  # a channel's server has the members
    if network in NO_FOLLOWERS:
        assert followers is None  # unknown, never 0
    else:
        assert followers == followers_for(f"{network}:{followed}", clock_s)


@pytest.mark.parametrize("network", sorted(set(COLLECTORS) - {"telegram"}))
async def test_deleted_post_is_reported_gone(network, sandbox, collector_for):
    external_id, account_ref, credentials = publish(sandbox, network)
    collector = collector_for(network, account_ref, credentials)
    await collector.fetch_post(external_id)  # alive first
    sandbox.delete_post(network, external_id)

    with pytest.raises(PostGone):
        await collector.fetch_post(external_id)


async def test_mastodon_public_status_needs_no_credentials(sandbox, collector_for):
    external_id, _, _ = publish(sandbox, "mastodon")
    counts = await collector_for("mastodon", None, {}).fetch_post(external_id)
    assert counts.likes is not None and counts.views is None


async def test_network_rate_limit_is_a_rate_limited_error_with_its_reset(sandbox, collector_for):
    external_id, account_ref, credentials = publish(sandbox, "x")
    sandbox.fault("x", "42", "rate_limit", on="read", retry_after_s=120)
    with pytest.raises(NetworkError) as caught:
        await collector_for("x", account_ref, credentials).fetch_post(external_id)
    assert caught.value.kind == "rate_limited"
    assert 100 < caught.value.retry_after_s <= 121


async def test_missing_read_credentials_are_auth_errors_not_zeros(sandbox, collector_for):
    external_id, account_ref, _ = publish(sandbox, "facebook")
    with pytest.raises(NetworkError) as caught:
        await collector_for("facebook", account_ref, {}).fetch_post(external_id)
    assert caught.value.kind == "auth_expired"
