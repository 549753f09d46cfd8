"""RedditAdapter against the sandbox over real HTTP: title and body, flair where a subreddit requires it,
reconciliation (Reddit has no idempotency key), Reddit's in-body errors and token refresh."""

from __future__ import annotations

import uuid

import httpx
import pytest
from publisher.networks.base import MediaItem, Publication
from publisher.networks.reddit import RedditAdapter

SUB = "coffee"
TOKEN = {"access_token": "sbx-u42"}


def publication(text: str = "Autumn blend is back\nRoasted this week.", sub: str = SUB, **kwargs) -> Publication:
    return Publication(target_id=uuid.uuid4(), account_ref=sub, text=text, **kwargs)


async def _thing(sandbox, name: str) -> dict:
    async with httpx.AsyncClient(base_url=sandbox.url("reddit"), headers={"Authorization": "Bearer sbx-u42"}) as http:
        [child] = (await http.get("/api/info", params={"id": name, "raw_json": 1})).json()["data"]["children"]
    return child["data"]


async def test_first_line_is_the_title_and_the_link_ends_the_body(make_adapter, sandbox):
    adapter = make_adapter(RedditAdapter, TOKEN)

    post = await adapter.publish(publication("New: the Autumn Blend\n\n10% off & free <shipping>.",
                                             sub="r/coffee", link="https://shop.example/autumn"))

    [stored] = sandbox.posts("reddit", SUB)
    assert stored["external_id"] == post.external_id and post.external_id.startswith("t3_")
    thing = await _thing(sandbox, post.external_id)
    assert thing["title"] == "New: the Autumn Blend"
    assert thing["selftext"] == "10% off & free <shipping>.\n\nhttps://shop.example/autumn"
    assert thing["author"] == "u42" and post.url == f"https://www.reddit.com{thing['permalink']}"


async def test_a_subreddit_that_requires_flair_gets_the_accounts_flair(make_adapter, sandbox, expect_error):
    bare = make_adapter(RedditAdapter, TOKEN)
    error = await expect_error(bare.publish(publication(sub="flair_roasters")), "invalid")
    assert error.code == "flair_required" and "Announcement, Discussion" in error.message
    assert sandbox.posts("reddit") == []

    flaired = make_adapter(RedditAdapter, {**TOKEN, "flair_text": "discussion"})
    post = await flaired.publish(publication(sub="flair_roasters"))

    assert (await _thing(sandbox, post.external_id))["link_flair_text"] == "Discussion"


async def test_lost_response_is_uncertain_and_reconciliation_finds_the_post(make_adapter, sandbox, expect_error):
    sandbox.fault("reddit", SUB, "lost_response")
    pub = publication("Cupping & tasting <tonight>\nBring a friend: https://shop.example/a?x=1&y=2")
    await expect_error(make_adapter(RedditAdapter, TOKEN, timeout_s=0.5).publish(pub), "uncertain")

    found = await make_adapter(RedditAdapter, TOKEN).find_published(pub)

    [stored] = sandbox.posts("reddit", SUB)
    assert found is not None and found.external_id == stored["external_id"]  # so the publisher does not post again
    other_sub = publication(pub.text, sub="tea")
    assert await make_adapter(RedditAdapter, TOKEN).find_published(other_sub) is None


async def test_nothing_is_found_when_the_submission_never_landed(make_adapter, sandbox, expect_error):
    sandbox.fault("reddit", SUB, "timeout")
    pub = publication("Never arrived")
    await expect_error(make_adapter(RedditAdapter, TOKEN, timeout_s=0.5).publish(pub), "uncertain")

    assert await make_adapter(RedditAdapter, {**TOKEN, "username": "u42"}).find_published(pub) is None


async def test_errors_in_reddits_words(make_adapter, sandbox, expect_error):
    adapter = make_adapter(RedditAdapter, TOKEN)
    too_long = await expect_error(adapter.publish(publication("t" * 301)), "invalid")
    assert too_long.code == "TOO_LONG" and "300" in too_long.message
    assert (await expect_error(adapter.publish(publication(sub="private_club")), "invalid")).code \
        == "SUBREDDIT_NOTALLOWED"
    assert (await expect_error(adapter.publish(publication(media=(MediaItem("https://cdn.example/a.png"),))),
                               "invalid")).code == "media_kind"
    await expect_error(make_adapter(RedditAdapter, {"access_token": "sbx-expired-u42"}).publish(publication()),
                       "auth_expired")
    sandbox.fault("reddit", SUB, "server_error")
    await expect_error(adapter.publish(publication()), "transient")
    sandbox.fault("reddit", SUB, "rate_limit", retry_after_s=42)
    limited = await expect_error(adapter.publish(publication()), "rate_limited")
    assert limited.retry_after_s == pytest.approx(42, abs=1.5)
    assert sandbox.posts("reddit") == []


async def test_refresh_renews_the_access_token_and_keeps_the_refresh_token(make_adapter, sandbox):
    adapter = make_adapter(RedditAdapter, {"access_token": "sbx-expired-u42", "refresh_token": "sbx-u42.r",
                                           "client_id": "app", "client_secret": ""})

    renewed = await adapter.refresh_credentials()
    await adapter.publish(publication())

    assert renewed["access_token"].startswith("sbx-u42.") and renewed["refresh_token"] == "sbx-u42.r"
    assert len(sandbox.posts("reddit", SUB)) == 1
