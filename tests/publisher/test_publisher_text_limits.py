"""Tracked links are long; a network that counts URLs in full (Threads, LinkedIn, Telegram, Instagram)
must still get a post within its text limit: links that do not fit keep their original URL. Networks
that count a URL as 23 characters (X) take every tracked link."""
import uuid

from publisher.networks.threads import ThreadsAdapter
from publisher.targets.publishing import publication_of
from smmkit.catalogue import spec
from smmkit.catalogue.text import threads_length
from smmkit.links import verify_link
from tests.publisher.conftest import unique_ref

SHOP_A, SHOP_B, LANDING = "https://shop.example/a", "https://shop.example/b", "https://shop.example/landing"


def tracked_for(settings, url: str):
    """The (target id, destination) of a tracked link, None if it is not one of ours."""
    base = settings.attribution_public_url.rstrip("/") + "/r/"
    return verify_link(settings.tracking_secret, url.removeprefix(base)) if url.startswith(base) else None


async def publish_on_threads(publisher, text: str, **extra):
    ref = unique_ref()
    account = await publisher.connect("threads", ref, {"access_token": "sbx-threads"})
    target_id = await publisher.schedule(account, "threads", ref, text, **extra)
    return ref, target_id, await publisher.run(target_id)


async def test_threads_keeps_original_urls_for_the_links_that_do_not_fit(publisher, runtime, sandbox, settings):
    text = "Autumn news. " * 15 + f"Shop: {SHOP_A} and {SHOP_B}"  # about 250 characters as written
    ref, target_id, target = await publish_on_threads(publisher, text, links=[LANDING])

    assert target.state == "published"
    [post] = sandbox.posts("threads", ref)
    assert threads_length(post["text"]) <= 500
    attached = post["text"].rsplit("\n\n", 1)[-1]
    assert tracked_for(settings, attached)[0] == target_id, "the link attachment, the call to action, stays tracked"
    assert f"Shop: {SHOP_A} and {SHOP_B}\n\n" in post["text"], "the text's links fell back to their original URLs"
    # A retry sends byte-identical text, so reconciliation still recognises the post.
    adapter = ThreadsAdapter(http=None, credentials={})
    again = publication_of(await publisher.target(target_id), runtime.settings, fits=adapter.fits)
    assert again.text + "\n\n" + again.link == post["text"]


async def test_threads_tracks_every_link_when_they_fit(publisher, sandbox, settings):
    ref, target_id, target = await publish_on_threads(publisher, f"New in: {SHOP_A}", links=[LANDING])

    assert target.state == "published"
    [post] = sandbox.posts("threads", ref)
    urls = [w for w in post["text"].split() if w.startswith("http")]
    assert len(urls) == 2 and all(tracked_for(settings, u)[0] == target_id for u in urls)


async def test_threads_text_too_long_even_untracked_fails_as_invalid_without_calling_threads(publisher, sandbox):
    # 130 characters, but Threads counts each emoji as its 4 UTF-8 bytes: 520.
    ref, target_id, target = await publish_on_threads(publisher, "\N{PARTY POPPER}" * 130)

    assert (target.state, target.attempts) == ("failed", 1)
    assert sandbox.posts("threads", ref) == []
    [failed] = await publisher.events(target_id)
    assert failed.payload.error_kind == "invalid"
    assert "Threads allows 500 characters (emoji count as their UTF-8 bytes), the text has 520 (text_length)" \
        in failed.payload.reason


async def test_x_counts_a_url_as_23_characters_so_every_link_stays_tracked(publisher, sandbox, settings,
                                                                           monkeypatch):
    # X weighs every link 23 characters, however long (the tracked one included).
    monkeypatch.setattr(settings, "attribution_public_url", "https://go.coffee-shop.com")
    ref = unique_ref()
    account = await publisher.connect("x", ref, {"access_token": f"sbx-{ref}"})
    text = "Big news for everyone who loves coffee. " * 6 + "https://coffee-shop.com/a"  # 240 + 23 counted
    target_id = await publisher.schedule(account, "x", ref, text)

    assert (await publisher.run(target_id)).state == "published"
    [post] = sandbox.posts("x", ref)
    assert len(post["text"]) > 280, "longer than the limit as written, within it as X counts"
    assert tracked_for(settings, post["text"].split()[-1])[0] == target_id


async def test_linkedin_commentary_over_3000_with_tracked_links_keeps_the_original_url(publisher, sandbox):
    ref = f"urn:li:organization:{unique_ref()}"
    account = await publisher.connect("linkedin", ref, {"access_token": "sbx-li"})
    text = "Long read. " * 268 + SHOP_A  # 2,948 + 22 characters
    target_id = await publisher.schedule(account, "linkedin", ref, text)

    assert (await publisher.run(target_id)).state == "published"
    [post] = sandbox.posts("linkedin", ref)
    assert len(post["text"]) <= spec("linkedin").text[0].limit and post["text"].endswith(SHOP_A)


async def test_telegram_caption_keeps_the_original_url_when_the_tracked_one_would_pass_1024(publisher, sandbox):
    channel = f"@{unique_ref()}"
    account = await publisher.connect("telegram", channel, {"bot_token": "sbx-bot:1"})
    text = "Photo of the week. " * 52 + SHOP_A  # 988 + 22 characters: a tracked link would not fit
    target_id = await publisher.schedule(account, "telegram", channel, text,
                                         media=[{"url": sandbox.media_url("a.png"), "kind": "image"}])

    assert (await publisher.run(target_id)).state == "published"
    [post] = sandbox.posts("telegram", channel)
    assert post["text"] == text, "the caption went out as written, within Telegram's 1,024"


async def test_telegram_text_without_media_has_room_for_tracked_links(publisher, sandbox, settings):
    channel = f"@{unique_ref()}"
    account = await publisher.connect("telegram", channel, {"bot_token": "sbx-bot:1"})
    text = "Photo of the week. " * 52 + SHOP_A  # the same text as a message: 4,096 allowed
    target_id = await publisher.schedule(account, "telegram", channel, text)

    assert (await publisher.run(target_id)).state == "published"
    [post] = sandbox.posts("telegram", channel)
    assert tracked_for(settings, post["text"].split()[-1])[0] == target_id


async def test_instagram_caption_keeps_the_original_url_when_the_tracked_one_would_pass_2200(publisher, sandbox):
    ig_user = f"1784{uuid.uuid4().int % 10**13:013d}"
    account = await publisher.connect("instagram", ig_user, {"access_token": "sbx-ig-user"})
    text = "Behind the scenes. " * 114 + SHOP_A  # 2,166 + 22 characters
    target_id = await publisher.schedule(account, "instagram", ig_user, text,
                                         media=[{"url": "https://cdn.example.com/a.jpg", "kind": "image"}])

    assert (await publisher.run(target_id)).state == "published"
    [post] = sandbox.posts("instagram", ig_user)
    assert post["text"] == text


async def test_a_link_alone_is_a_post_where_the_link_is_an_attachment(publisher, sandbox):
    page = unique_ref()
    account = await publisher.connect("facebook", page, {"access_token": "sbx-page"})
    target_id = await publisher.schedule(account, "facebook", page, " ", links=[LANDING])

    assert (await publisher.run(target_id)).state == "published"
    [post] = sandbox.posts("facebook", page)
    assert post["text"] == " " and post["link"]
