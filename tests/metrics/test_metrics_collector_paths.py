"""Each collector reads at the path its network documents, at the network's read URL (Bluesky: the
AppView), whatever the shape of the base URL: no path, a trailing slash or a path prefix.

A recording server in front of the sandbox network (``tests.utils.recording``) sees exactly what
went on the wire. ``{post}`` and ``{account}`` are the post and account the collector was given.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from metrics.collectors import COLLECTORS
from metrics_netposts import publish
from sandbox.networks.discord import guild_of
from smmkit.networks import make_http_client
from tests.utils.recording import BASE_SHAPES, Recorder

# network: the requests of fetch_post, then of fetch_followers
READS = {
    "telegram": ["GET /botsbx-1/getChatMemberCount?chat_id={account}"],  # a bot cannot read a post's counters
    "vk": ["GET /method/wall.getById?posts={post}&access_token=sbx-1&v=5.199",
           "GET /method/groups.getById?group_id={account}&fields=members_count&access_token=sbx-1&v=5.199"],
    "mastodon": ["GET /api/v1/statuses/{post}", "GET /api/v1/accounts/{account}"],
    "bluesky": ["GET /xrpc/app.bsky.feed.getPosts?uris={post}", "GET /xrpc/app.bsky.actor.getProfile?actor={account}"],
    "x": ["GET /2/tweets/{post}?tweet.fields=public_metrics", "GET /2/users/{account}?user.fields=public_metrics"],
    "facebook": ["GET /v21.0/{post}?fields=reactions.summary(true),comments.summary(true),shares",
                 "GET /v21.0/{post}/insights?metric=post_impressions,post_clicks",
                 "GET /v21.0/{account}?fields=followers_count"],
    "instagram": ["GET /v21.0/{post}?fields=like_count,comments_count",
                  "GET /v21.0/{post}/insights?metric=views,shares",
                  "GET /v21.0/{account}?fields=followers_count"],
    "linkedin": ["GET /rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity={account}"
                 "&shares=List({post})",
                 "GET /rest/networkSizes/{account}?edgeType=COMPANY_FOLLOWED_BY_MEMBER"],
    "threads": ["GET /v1.0/{post}/insights?metric=views,likes,replies,reposts,quotes",
                "GET /v1.0/{account}/threads_insights?metric=followers_count"],
    "pinterest": ["GET /v5/pins/{post}/analytics?start_date={90_days_ago}&end_date={today}"
                  "&metric_types=IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK,TOTAL_COMMENTS,TOTAL_REACTIONS",
                  "GET /v5/boards/{account}"],
    "youtube": ["GET /youtube/v3/videos?part=statistics&id={post}",
                "GET /youtube/v3/channels?part=statistics&id={account}"],
    "tiktok": ["POST /v2/video/query/?fields=id,like_count,comment_count,share_count,view_count",
               "GET /v2/user/info/?fields=open_id,follower_count"],
    "reddit": ["GET /api/info?id={post}&raw_json=1", "GET /r/{account}/about"],
    "discord": ["GET /api/v10/channels/{account}/messages/{post}", "GET /api/v10/channels/{account}",
                "GET /api/v10/guilds/{guild}?with_counts=true"],
    "gbp": ["GET /v4/{post}", "POST /v4/{account}/localPosts:reportInsights"],  # a profile has no followers
}


def test_every_network_is_covered():
    assert set(READS) == set(COLLECTORS)


@pytest.mark.parametrize("shape", BASE_SHAPES)
@pytest.mark.parametrize("network", list(READS))
async def test_collecting_reads_the_documented_path_at_the_read_url(network, shape, sandbox):
    external_id, account_ref, credentials = publish(sandbox, network)
    async with Recorder(sandbox.read_url(network), shape) as recorder:
        async with make_http_client(recorder.base_url, timeout_s=5) as http:
            collector = COLLECTORS[network](http=http, credentials=credentials, account_ref=account_ref)
            await collector.fetch_post(external_id)
            assert (await collector.fetch_followers() is None) == (network == "gbp")  # GBP: no followers

    today = datetime.now(UTC).date()
    days = {"today": today.isoformat(), "90_days_ago": (today - timedelta(days=89)).isoformat()}
    guild = guild_of(account_ref)  # Discord: the channel's server, whose members are its followers
    recorder.expect(*(t.format(post=external_id, account=account_ref, guild=guild, **days) for t in READS[network]))
