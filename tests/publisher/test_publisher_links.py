"""Links in a target's text and link attachment become signed tracked links with UTM tags."""
import uuid
from urllib.parse import parse_qs, urlsplit

import httpx

from publisher.networks.bluesky import tid_for
from publisher.targets.links import tracked_text
from publisher.targets.publishing import publication_of
from smmkit.links import verify_link
from tests.publisher.conftest import unique_ref


def token_of(url: str, base: str) -> str:
    assert url.startswith(base.rstrip("/") + "/r/"), url
    return url.rsplit("/", 1)[-1]


async def test_every_url_in_the_text_and_the_link_is_tracked_with_utm(publisher, runtime, sandbox, settings):
    ref = unique_ref()
    account = await publisher.connect("mastodon", ref, {"access_token": f"sbx-{ref}"})
    target_id = await publisher.schedule(
        account, "mastodon", ref, "New blend (https://shop.example/p/1?size=2). Also http://blog.example/a.",
        links=["https://shop.example/landing"], campaign="autumn")

    target = await publisher.run(target_id)

    assert target.state == "published"
    [post] = sandbox.posts("mastodon", ref)
    assert "shop.example" not in post["text"].split("/r/")[0], "no raw destination left in the text"
    base = settings.attribution_public_url
    urls = [w.strip("().") for w in post["text"].split() if w.strip("().").startswith(base)]
    assert len(urls) == 3  # two in the text, the link attachment appended by the adapter
    destinations = []
    for url in urls:
        signed = verify_link(settings.tracking_secret, token_of(url, base))
        assert signed is not None and signed[0] == target_id
        destinations.append(signed[1])
    first = urlsplit(destinations[0])
    assert (first.netloc, first.path) == ("shop.example", "/p/1")
    query = parse_qs(first.query)
    assert query == {"size": ["2"], "utm_source": ["mastodon"], "utm_medium": ["social"],
                     "utm_campaign": ["autumn"], "utm_content": [str(target_id)]}
    assert post["text"].startswith("New blend (") and post["text"].rstrip().endswith(urls[2])
    assert ". Also " in post["text"], "punctuation after a URL stays outside the link"


async def test_the_rewrite_is_identical_on_every_retry(publisher, runtime):
    ref = unique_ref()
    account = await publisher.connect("x", ref, {"access_token": f"sbx-{ref}"})
    target_id = await publisher.schedule(account, "x", ref, "See https://a.example/x", links=["https://b.example"])
    target = await publisher.target(target_id)

    first, again = publication_of(target, runtime.settings), publication_of(target, runtime.settings)

    assert (first.text, first.link) == (again.text, again.link)
    assert "a.example" not in first.text and first.link.startswith(runtime.settings.attribution_public_url)


def test_text_without_urls_and_already_tracked_links_stay_as_they_are():
    args = dict(public_base="https://t.example", secret="s", target_id=uuid.uuid4(), network="vk", campaign=None)
    assert tracked_text("no links here", **args) == "no links here"
    once = tracked_text("go https://shop.example", **args)
    assert tracked_text(once, **args) == once


async def test_a_long_tracked_link_fits_bluesky_shortened_for_display_and_whole_in_its_facet(
        publisher, sandbox, settings):
    ref = unique_ref()
    did = f"did:plc:u{ref}"
    account = await publisher.connect("bluesky", did, {"access_jwt": f"sbx-u{ref}.a1", "refresh_jwt": f"sbx-u{ref}.r1",
                                                       "did": did})
    text = "Autumn Blend is here, with a long story about the harvest: " + "very " * 20 + "good"
    target_id = await publisher.schedule(account, "bluesky", did, text, links=["https://shop.example/autumn-blend"],
                                         campaign="autumn")

    assert (await publisher.run(target_id)).state == "published"
    record = httpx.get(f"{sandbox.url('bluesky')}/xrpc/com.atproto.repo.getRecord", params={
        "repo": did, "collection": "app.bsky.feed.post", "rkey": tid_for(target_id)}).json()["value"]
    [facet] = record["facets"]
    uri = facet["features"][0]["uri"]
    assert verify_link(settings.tracking_secret, token_of(uri, settings.attribution_public_url))[0] == target_id
    shown = record["text"].encode()[facet["index"]["byteStart"]:facet["index"]["byteEnd"]].decode()
    assert shown.endswith("…") and uri.split("://", 1)[1].startswith(shown[:-1])
    assert len(record["text"]) <= 300
