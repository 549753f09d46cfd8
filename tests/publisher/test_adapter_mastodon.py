"""MastodonAdapter against the sandbox over real HTTP."""

from __future__ import annotations

import uuid

import httpx
import pytest

from publisher.networks.base import MediaItem, Publication
from publisher.networks.mastodon import MastodonAdapter, html_to_text

ACCOUNT = "42"
TOKEN = {"access_token": f"sbx-{ACCOUNT}"}


def publication(text: str = "Hello from the planner", **kwargs) -> Publication:
    return Publication(target_id=uuid.uuid4(), account_ref=ACCOUNT, text=text, **kwargs)


async def test_text_post_is_created_with_its_text(make_adapter, sandbox):
    adapter = make_adapter(MastodonAdapter, TOKEN)

    post = await adapter.publish(publication("Plain text & <symbols>"))

    [stored] = sandbox.posts("mastodon", ACCOUNT)
    assert stored["external_id"] == post.external_id
    assert stored["text"] == "Plain text & <symbols>"
    assert post.url.endswith(f"/{post.external_id}")


async def test_images_are_uploaded_and_attached(make_adapter, sandbox):
    adapter = make_adapter(MastodonAdapter, TOKEN)
    media = (MediaItem(sandbox.media_url("a.png")), MediaItem(sandbox.media_url("b.png")))

    await adapter.publish(publication("With pictures", media=media))

    [stored] = sandbox.posts("mastodon", ACCOUNT)
    assert stored["media"] == ["a.png", "b.png"]


async def test_video_waits_until_the_instance_has_processed_it(make_adapter, sandbox):
    adapter = make_adapter(MastodonAdapter, TOKEN)
    adapter.media_poll_s = 0.01  # the sandbox finishes after one poll

    await adapter.publish(publication("A clip", media=(MediaItem(sandbox.media_url("clip.mp4"), kind="video"),)))

    [stored] = sandbox.posts("mastodon", ACCOUNT)
    assert stored["media"] == ["clip.mp4"]


async def test_link_is_appended_once(make_adapter, sandbox):
    adapter = make_adapter(MastodonAdapter, TOKEN)

    await adapter.publish(publication("Read this", link="https://example.com/a?utm_source=m"))
    await adapter.publish(publication("Already in https://example.com/b", link="https://example.com/b"))

    texts = sorted(p["text"] for p in sandbox.posts("mastodon", ACCOUNT))
    assert texts == ["Already in https://example.com/b", "Read this\n\nhttps://example.com/a?utm_source=m"]


async def test_rate_limit_reports_the_reset_time(make_adapter, sandbox, expect_error):
    sandbox.fault("mastodon", ACCOUNT, "rate_limit", retry_after_s=42)
    adapter = make_adapter(MastodonAdapter, TOKEN)

    error = await expect_error(adapter.publish(publication()), "rate_limited")

    assert error.retry_after_s == pytest.approx(42, abs=1.5)
    assert error.status == 429


async def test_server_error_is_transient_and_creates_nothing(make_adapter, sandbox, expect_error):
    sandbox.fault("mastodon", ACCOUNT, "server_error")
    adapter = make_adapter(MastodonAdapter, TOKEN)

    await expect_error(adapter.publish(publication()), "transient")

    assert sandbox.posts("mastodon") == []


async def test_revoked_token_is_auth_expired(make_adapter, expect_error):
    adapter = make_adapter(MastodonAdapter, {"access_token": "sbx-expired-42"})

    error = await expect_error(adapter.publish(publication()), "auth_expired")

    assert "sbx-expired" not in str(error)  # never leak the token


async def test_too_long_text_is_invalid(make_adapter, expect_error):
    adapter = make_adapter(MastodonAdapter, TOKEN)

    error = await expect_error(adapter.publish(publication("x" * 501)), "invalid")

    assert error.status == 422
    assert "500" in error.message


async def test_lost_response_is_uncertain_and_retry_creates_no_duplicate(make_adapter, sandbox, expect_error):
    sandbox.fault("mastodon", ACCOUNT, "lost_response")
    impatient = make_adapter(MastodonAdapter, TOKEN, timeout_s=0.5)
    pub = publication("Posted exactly once")

    await expect_error(impatient.publish(pub), "uncertain")
    again = await make_adapter(MastodonAdapter, TOKEN).publish(pub)  # the guard makes a retry safe

    [stored] = sandbox.posts("mastodon", ACCOUNT)
    assert stored["external_id"] == again.external_id
    assert stored["idempotency_key"] == str(pub.target_id)
    assert sandbox.duplicates() == []


async def test_same_text_for_two_targets_makes_two_posts(make_adapter, sandbox):
    adapter = make_adapter(MastodonAdapter, TOKEN)

    await adapter.publish(publication("Same words"))
    await adapter.publish(publication("Same words"))

    assert len(sandbox.posts("mastodon", ACCOUNT)) == 2  # the key is the target, not the text


async def test_find_published_after_lost_response(make_adapter, sandbox, expect_error):
    sandbox.fault("mastodon", ACCOUNT, "lost_response")
    pub = publication("Multi-line\n\nwith a link https://example.com/x?a=1&b=2")
    await expect_error(make_adapter(MastodonAdapter, TOKEN, timeout_s=0.5).publish(pub), "uncertain")

    found = await make_adapter(MastodonAdapter, TOKEN).find_published(pub)

    [stored] = sandbox.posts("mastodon", ACCOUNT)
    assert found is not None and found.external_id == stored["external_id"]


async def test_find_published_is_none_when_the_request_never_landed(make_adapter, sandbox, expect_error):
    sandbox.fault("mastodon", ACCOUNT, "timeout")
    pub = publication("Never arrived")
    await expect_error(make_adapter(MastodonAdapter, TOKEN, timeout_s=0.5).publish(pub), "uncertain")

    assert await make_adapter(MastodonAdapter, TOKEN).find_published(pub) is None
    assert sandbox.posts("mastodon") == []


async def test_natural_rate_limit(make_adapter, sandbox, expect_error):
    sandbox.configure(rate_limit_scale=0.01)  # 300 requests per 5 minutes -> 3
    adapter = make_adapter(MastodonAdapter, TOKEN)
    for n in range(3):
        await adapter.publish(publication(f"post {n}"))

    error = await expect_error(adapter.publish(publication("one too many")), "rate_limited")

    assert 0 < error.retry_after_s <= 101


def test_html_to_text_reverses_mastodon_markup():
    content = (
        '<p>Line one<br />line &amp; two</p><p>See <a href="https://e.com/a"><span class="invisible">https://'
        '</span><span class="">e.com/a</span><span class="invisible"></span></a></p>'
    )
    assert html_to_text(content) == "Line one\nline & two\n\nSee https://e.com/a"


async def _status(sandbox, status_id: str) -> dict:
    async with httpx.AsyncClient(base_url=sandbox.url("mastodon")) as http:
        return (await http.get(f"/api/v1/statuses/{status_id}")).json()  # public: no token needed


async def test_language_is_sent_as_its_primary_subtag(make_adapter, sandbox):
    adapter = make_adapter(MastodonAdapter, TOKEN)

    tagged = await adapter.publish(publication("Olá", language="pt-BR"))
    chinese = await adapter.publish(publication("你好", language="zh-Hant-TW"))

    assert (await _status(sandbox, tagged.external_id))["language"] == "pt"
    assert (await _status(sandbox, chinese.external_id))["language"] == "zh"


async def test_the_instance_falls_back_to_its_default_for_a_language_it_does_not_take(sandbox):
    # Like PostStatusService's valid_locale_cascade: a code the instance does not know is not refused,
    # the status gets the account's posting language (the instance default, "en", in the sandbox).
    async with httpx.AsyncClient(base_url=sandbox.url("mastodon"), headers={
            "Authorization": f"Bearer {TOKEN['access_token']}"}) as http:
        answers = {}
        for language in ("de", "pt-BR", "zh-TW", "tok", "xx", "klingon", None):
            resp = await http.post("/api/v1/statuses", json={"status": f"in {language}", "language": language})
            assert resp.status_code == 200, resp.text
            answers[language] = resp.json()["language"]
    assert answers == {"de": "de", "pt-BR": "pt", "zh-TW": "zh-TW", "tok": "tok", "xx": "en", "klingon": "en",
                       None: "en"}
