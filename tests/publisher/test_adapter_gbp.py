"""GbpAdapter against the sandbox over real HTTP: local posts with a call to action and a photo, the
language, reconciliation (the API has no idempotency key), Google's errors and token refresh."""

from __future__ import annotations

import uuid

import httpx
import pytest

from publisher.networks.base import MediaItem, Publication
from publisher.networks.gbp import GbpAdapter

LOCATION = "accounts/1/locations/42"
TOKEN = {"access_token": "sbx-gbp"}


def publication(text: str = "Autumn blend is back", **kwargs) -> Publication:
    return Publication(target_id=uuid.uuid4(), account_ref=LOCATION, text=text, **kwargs)


async def _local_post(sandbox, name: str) -> dict:
    async with httpx.AsyncClient(base_url=sandbox.url("gbp"), headers={"Authorization": "Bearer sbx-gbp"}) as http:
        return (await http.get(f"/v4/{name}")).raise_for_status().json()


async def test_the_link_is_the_call_to_action_and_the_photo_is_fetched_by_google(make_adapter, sandbox):
    adapter = make_adapter(GbpAdapter, {**TOKEN, "call_to_action": "order"})
    photo = sandbox.media_url("beans.png")

    post = await adapter.publish(publication("10% off this week", link="https://shop.example/autumn",
                                             media=(MediaItem(photo),), language="de-DE"))

    [stored] = sandbox.posts("gbp", LOCATION)
    assert stored["external_id"] == post.external_id and post.external_id.startswith(f"{LOCATION}/localPosts/")
    local = await _local_post(sandbox, post.external_id)
    assert local["summary"] == "10% off this week"  # the link is the button's, not the text's
    assert local["callToAction"] == {"actionType": "ORDER", "url": "https://shop.example/autumn"}
    assert local["media"][0]["sourceUrl"] == photo and local["languageCode"] == "de-DE"
    assert post.url == local["searchUrl"]


async def test_a_call_button_keeps_the_link_in_the_text(make_adapter, sandbox):
    adapter = make_adapter(GbpAdapter, {**TOKEN, "call_to_action": "CALL"})

    post = await adapter.publish(publication("Call us", link="https://shop.example/a"))

    local = await _local_post(sandbox, post.external_id)
    assert local["callToAction"] == {"actionType": "CALL"} and local["summary"] == "Call us\n\nhttps://shop.example/a"


async def test_lost_response_is_uncertain_and_reconciliation_finds_the_post(make_adapter, sandbox, expect_error):
    sandbox.fault("gbp", LOCATION, "lost_response")
    pub = publication("Cupping tonight", link="https://shop.example/cupping")
    await expect_error(make_adapter(GbpAdapter, TOKEN, timeout_s=0.5).publish(pub), "uncertain")

    found = await make_adapter(GbpAdapter, TOKEN).find_published(pub)

    [stored] = sandbox.posts("gbp", LOCATION)
    assert found is not None and found.external_id == stored["external_id"]
    sandbox.fault("gbp", LOCATION, "timeout")
    never = publication("Never arrived")
    await expect_error(make_adapter(GbpAdapter, TOKEN, timeout_s=0.5).publish(never), "uncertain")
    assert await make_adapter(GbpAdapter, TOKEN).find_published(never) is None


async def test_errors_in_googles_words(make_adapter, sandbox, expect_error):
    adapter = make_adapter(GbpAdapter, TOKEN)
    too_long = await expect_error(adapter.publish(publication("x" * 1501)), "invalid")
    assert too_long.code == "INVALID_ARGUMENT" and too_long.status == 400
    denied = await expect_error(adapter.publish(Publication(uuid.uuid4(), "accounts/1/locations/4031", "hi")),
                                "auth_expired")
    assert denied.code == "PERMISSION_DENIED"
    await expect_error(make_adapter(GbpAdapter, {"access_token": "sbx-expired"}).publish(publication()),
                       "auth_expired")
    sandbox.fault("gbp", LOCATION, "server_error")
    await expect_error(adapter.publish(publication()), "transient")
    sandbox.fault("gbp", LOCATION, "rate_limit", retry_after_s=42)
    limited = await expect_error(adapter.publish(publication()), "rate_limited")
    assert limited.retry_after_s == pytest.approx(42) and limited.code == "RESOURCE_EXHAUSTED"
    assert sandbox.posts("gbp") == []


async def test_refresh_renews_the_access_token_and_keeps_the_refresh_token(make_adapter, sandbox):
    adapter = make_adapter(GbpAdapter, {"access_token": "sbx-expired", "refresh_token": "sbx-gbp.r",
                                        "client_id": "app", "client_secret": "s"})

    renewed = await adapter.refresh_credentials()
    await adapter.publish(publication())

    assert renewed["access_token"].startswith("sbx-gbp.") and renewed["refresh_token"] == "sbx-gbp.r"
    assert "expires_at" in renewed and len(sandbox.posts("gbp", LOCATION)) == 1
