"""VkAdapter against the sandbox over real HTTP."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from publisher.networks.base import MediaItem, Publication
from publisher.networks.vk import VkAdapter

GROUP = "123456"
TOKEN = {"access_token": "sbx-vk-community"}


def publication(text: str = "Привет из планировщика", **kwargs) -> Publication:
    return Publication(target_id=uuid.uuid4(), account_ref=GROUP, text=text, **kwargs)


async def test_text_post_goes_to_the_community_wall(make_adapter, sandbox):
    post = await make_adapter(VkAdapter, TOKEN).publish(publication())

    [stored] = sandbox.posts("vk", GROUP)
    assert post.external_id == stored["external_id"] == f"-{GROUP}_{post.external_id.split('_')[1]}"
    assert post.url == f"https://vk.com/wall{post.external_id}"
    assert stored["text"] == "Привет из планировщика"


async def test_link_travels_as_an_attachment_not_in_the_text(make_adapter, sandbox):
    await make_adapter(VkAdapter, TOKEN).publish(publication("Read", link="https://example.com/a"))

    [stored] = sandbox.posts("vk", GROUP)
    assert stored["text"] == "Read"
    assert stored["link"] == "https://example.com/a"


async def test_single_image_is_attached_as_a_link(make_adapter, sandbox):
    url = sandbox.media_url("a.png")
    await make_adapter(VkAdapter, TOKEN).publish(publication("Pic", media=(MediaItem(url),)))

    [stored] = sandbox.posts("vk", GROUP)
    assert stored["link"] == url


async def test_more_attachments_than_one_link_are_refused_before_calling(make_adapter, sandbox, expect_error):
    pub = publication("Two pics", media=(MediaItem(sandbox.media_url("a.png")), MediaItem(sandbox.media_url("b.png"))))

    error = await expect_error(make_adapter(VkAdapter, TOKEN).publish(pub), "invalid")

    assert error.code == "media_unsupported"
    assert sandbox.posts("vk") == []


async def test_too_many_requests_is_rate_limited(make_adapter, sandbox, expect_error):
    sandbox.fault("vk", GROUP, "rate_limit")

    error = await expect_error(make_adapter(VkAdapter, TOKEN).publish(publication()), "rate_limited")

    assert error.code == "6"
    assert error.retry_after_s == 1.0  # VK gives no time; a second is its per-second window


async def test_daily_post_cap_is_rate_limited(make_adapter, sandbox, expect_error):
    sandbox.configure(rate_limit_scale=0.02)  # 50 posts a day -> 1
    adapter = make_adapter(VkAdapter, TOKEN)
    await adapter.publish(publication("first"))

    error = await expect_error(adapter.publish(publication("second")), "rate_limited")

    assert error.code == "214"
    assert error.retry_after_s == 3600


async def test_internal_error_is_transient(make_adapter, sandbox, expect_error):
    sandbox.fault("vk", GROUP, "server_error")

    error = await expect_error(make_adapter(VkAdapter, TOKEN).publish(publication()), "transient")

    assert error.code == "10"
    assert sandbox.posts("vk") == []


async def test_expired_token_is_auth_expired(make_adapter, expect_error):
    error = await expect_error(
        make_adapter(VkAdapter, {"access_token": "sbx-expired"}).publish(publication()), "auth_expired"
    )

    assert error.code == "5"


async def test_empty_post_is_invalid(make_adapter, expect_error):
    error = await expect_error(make_adapter(VkAdapter, TOKEN).publish(publication("   ")), "invalid")

    assert error.code == "100"


async def test_guid_makes_a_retry_after_a_lost_response_safe(make_adapter, sandbox, expect_error):
    sandbox.fault("vk", GROUP, "lost_response")
    pub = publication("Exactly once")

    await expect_error(make_adapter(VkAdapter, TOKEN, timeout_s=0.5).publish(pub), "uncertain")
    retried = await make_adapter(VkAdapter, TOKEN).publish(pub)

    [stored] = sandbox.posts("vk", GROUP)
    assert retried.external_id == stored["external_id"]
    assert stored["idempotency_key"] == str(pub.target_id)


async def test_find_published_after_lost_response_and_when_absent(make_adapter, sandbox, expect_error):
    landed, lost = publication("This one landed"), publication("This one did not")
    sandbox.fault("vk", GROUP, "lost_response")
    await expect_error(make_adapter(VkAdapter, TOKEN, timeout_s=0.5).publish(landed), "uncertain")
    sandbox.fault("vk", GROUP, "timeout")
    await expect_error(make_adapter(VkAdapter, TOKEN, timeout_s=0.5).publish(lost), "uncertain")
    adapter = make_adapter(VkAdapter, TOKEN)

    found = await adapter.find_published(landed)

    assert found is not None and found.external_id == sandbox.posts("vk", GROUP)[0]["external_id"]
    assert await adapter.find_published(lost) is None


async def test_find_published_ignores_posts_older_than_the_scheduled_time(make_adapter, sandbox):
    adapter = make_adapter(VkAdapter, TOKEN)
    await adapter.publish(publication("Daily greeting"))
    tomorrow = publication("Daily greeting", scheduled_at=datetime.now(UTC) + timedelta(days=1))

    assert await adapter.find_published(tomorrow) is None


@pytest.mark.parametrize("ref", [GROUP, f"-{GROUP}"])
async def test_group_id_may_carry_a_minus(make_adapter, sandbox, ref):
    pub = Publication(target_id=uuid.uuid4(), account_ref=ref, text="hi")
    post = await make_adapter(VkAdapter, TOKEN).publish(pub)

    assert post.external_id.startswith(f"-{GROUP}_")
