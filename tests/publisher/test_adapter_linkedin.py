"""LinkedInAdapter against the sandbox over real HTTP."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx

from publisher.networks.base import MediaItem, Publication
from publisher.networks.linkedin import LinkedInAdapter
from smmkit.catalogue.text import escape_little, unescape_little

ORG = "urn:li:organization:2414183"
CREDENTIALS = {
    "access_token": "sbx-li",
    "refresh_token": "sbx-li-refresh",
    "client_id": "app",
    "client_secret": "secret",
}


def publication(text: str = "Hello, LinkedIn", **kwargs) -> Publication:
    return Publication(target_id=uuid.uuid4(), account_ref=ORG, text=text, **kwargs)


def test_little_format_escaping_spares_urls_and_hashtags():
    text = "Launch (beta) [v2] @team *now* #launch https://ex.com/a_b?x=(1)"
    escaped = escape_little(text)
    assert escaped == r"Launch \(beta\) \[v2\] \@team \*now\* #launch https://ex.com/a_b?x=(1)"
    assert unescape_little(escaped) == text


async def test_post_urn_comes_from_the_restli_header(make_adapter, sandbox):
    post = await make_adapter(LinkedInAdapter, CREDENTIALS).publish(publication("Launch (beta)"))

    [stored] = sandbox.posts("linkedin", ORG)
    assert post.external_id == stored["external_id"] and post.external_id.startswith("urn:li:share:")
    assert stored["text"] == r"Launch \(beta\)"  # escaped, or LinkedIn would cut the text at "("
    assert post.url == f"https://www.linkedin.com/feed/update/{post.external_id}/"


async def test_link_becomes_an_article(make_adapter, sandbox):
    await make_adapter(LinkedInAdapter, CREDENTIALS).publish(publication("Read", link="https://example.com/a"))

    [stored] = sandbox.posts("linkedin", ORG)
    assert (stored["text"], stored["link"]) == ("Read", "https://example.com/a")


async def test_images_are_uploaded_then_attached(make_adapter, sandbox):
    media = (MediaItem(sandbox.media_url("a.png")), MediaItem(sandbox.media_url("b.png")))
    await make_adapter(LinkedInAdapter, CREDENTIALS).publish(publication("Two images", media=media))

    [stored] = sandbox.posts("linkedin", ORG)
    assert len(stored["media"]) == 2 and all(m.startswith("urn:li:image:") for m in stored["media"])


async def test_429_without_retry_time_waits_until_utc_midnight(make_adapter, sandbox, expect_error):
    sandbox.fault("linkedin", ORG, "rate_limit")
    adapter = make_adapter(LinkedInAdapter, CREDENTIALS, clock=lambda: datetime(2026, 3, 1, 23, 59, tzinfo=UTC))

    error = await expect_error(adapter.publish(publication()), "rate_limited")

    assert error.retry_after_s == 60


async def test_server_error_is_transient(make_adapter, sandbox, expect_error):
    sandbox.fault("linkedin", ORG, "server_error")

    await expect_error(make_adapter(LinkedInAdapter, CREDENTIALS).publish(publication()), "transient")


async def test_expired_token_is_auth_expired(make_adapter, expect_error):
    error = await expect_error(
        make_adapter(LinkedInAdapter, {**CREDENTIALS, "access_token": "sbx-expired"}).publish(publication()),
        "auth_expired",
    )

    assert error.code == "EXPIRED_ACCESS_TOKEN"


async def test_too_long_commentary_is_invalid(make_adapter, expect_error):
    error = await expect_error(make_adapter(LinkedInAdapter, CREDENTIALS).publish(publication("x" * 3001)), "invalid")

    assert error.status == 422


async def test_lost_response_then_retry_reports_the_existing_post(make_adapter, sandbox, expect_error):
    sandbox.fault("linkedin", ORG, "lost_response")
    pub = publication("Did it post? (really)")

    await expect_error(make_adapter(LinkedInAdapter, CREDENTIALS, timeout_s=0.5).publish(pub), "uncertain")
    adapter = make_adapter(LinkedInAdapter, CREDENTIALS)
    found = await adapter.find_published(pub)
    retried = await adapter.publish(pub)  # LinkedIn: 422 duplicate, reconciled

    [stored] = sandbox.posts("linkedin", ORG)
    assert found is not None and found.external_id == stored["external_id"] == retried.external_id


async def test_find_published_is_none_when_nothing_was_posted(make_adapter, sandbox, expect_error):
    sandbox.fault("linkedin", ORG, "timeout")
    pub = publication("Never posted")

    await expect_error(make_adapter(LinkedInAdapter, CREDENTIALS, timeout_s=0.5).publish(pub), "uncertain")

    assert await make_adapter(LinkedInAdapter, CREDENTIALS).find_published(pub) is None


async def test_refresh_keeps_the_refresh_token_linkedin_does_not_rotate(make_adapter, expect_error):
    adapter = make_adapter(LinkedInAdapter, CREDENTIALS)

    renewed = await adapter.refresh_credentials()

    assert renewed["access_token"] != CREDENTIALS["access_token"]
    assert renewed["refresh_token"] == CREDENTIALS["refresh_token"]
    rejected = make_adapter(LinkedInAdapter, {**CREDENTIALS, "refresh_token": "sbx-expired"})
    await expect_error(rejected.refresh_credentials(), "auth_expired")


async def test_refresh_without_a_refresh_token_has_nothing_to_do(make_adapter):
    assert await make_adapter(LinkedInAdapter, {"access_token": "sbx-li"}).refresh_credentials() is None


def test_production_oauth_host_differs_from_the_api_host():
    adapter = LinkedInAdapter(http=httpx.AsyncClient(base_url="https://api.linkedin.com"), credentials=CREDENTIALS)
    assert adapter._token_url() == "https://www.linkedin.com/oauth/v2/accessToken"
