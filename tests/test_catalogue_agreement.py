"""One source per fact: for every network, the planner accepts a post ⇔ the publisher's adapter says it
fits ⇔ the sandbox network takes it, because all three read the network's catalogue entry.

Hypothesis builds texts from units that count differently per network (emoji, ZWJ sequences, flags,
keycaps, CJK, Cyrillic, combining marks, short and long URLs, hashtags, ASCII), sized to land one
under, on and one over a limit of the network (filling up with ASCII, which every counter counts as
one), and media lists of 0-12 items of each kind. Each example publishes through the adapter to the
sandbox over HTTP on a fresh account (rate limits and duplicate checks never interfere); the adapter's
own refusals before any call (a kind it cannot send) count as the network refusing.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.posts.rules import Planned, check_content
from publisher.networks import ADAPTERS
from publisher.networks.base import Adapter, MediaItem, Publication
from publisher.networks.http import make_network_client
from publisher.networks.media import MediaFetcher, MediaPolicy
from sandbox.client import SandboxControl
from smmkit.catalogue import NETWORKS, Media, spec
from smmkit.networks import NetworkError

UNITS = (
    "a", "word ", "д", "字", "é", "e\u0301", "\N{GRINNING FACE}", "\N{SNOWMAN}",
    "\N{MAN}\u200d\N{WOMAN}\u200d\N{GIRL}\u200d\N{BOY}", "\N{REGIONAL INDICATOR SYMBOL LETTER U}"
    "\N{REGIONAL INDICATOR SYMBOL LETTER A}", "1\ufe0f\u20e3", "\u2764\ufe0f", "#tag ", "\n",
    "https://coffee-shop.com/a ", "https://shop.example/autumn/blend/with-a-path-longer-than-forty?x=1 ",
)
KINDS = ("image", "video", "gif", "document")
SAMPLE = {"image": "a.png", "video": "a.mp4", "gif": "a.gif", "document": "a.pdf"}
_fresh = itertools.count(10**8)


def account(network: str) -> tuple[str, dict[str, str]]:
    """A fresh sandbox account per example: its own rate-limit buckets, no earlier posts to be a duplicate of."""
    n = next(_fresh)
    return {
        "telegram": (f"@agree{n}", {"bot_token": f"sbx-bot{n}"}),  # per-bot limits too: a bot per example
        "vk": (str(n), {"access_token": "sbx-vk"}),
        "mastodon": (str(n), {"access_token": f"sbx-{n}"}),
        "bluesky": (f"did:plc:agree{n}", {"access_jwt": f"sbx-agree{n}.a1", "did": f"did:plc:agree{n}"}),
        "x": (str(n), {"access_token": f"sbx-{n}"}),
        "facebook": (str(n), {"access_token": "sbx-page"}),
        "instagram": (str(n), {"access_token": "sbx-ig"}),
        "linkedin": (f"urn:li:organization:{n}", {"access_token": "sbx-li"}),
        "threads": (str(n), {"access_token": "sbx-threads"}),
        "pinterest": (str(n), {"access_token": "sbx-pin"}),
        "youtube": (f"UC{n}", {"access_token": f"sbx-UC{n}"}),  # the token names the channel
        "tiktok": (str(n), {"access_token": f"sbx-{n}"}),  # ... and the creator
        "reddit": (f"agree{n}", {"access_token": f"sbx-u{n}"}),  # a subreddit; the token's user posts there
        "discord": (str(n), {"bot_token": f"sbx-b{n}", "guild_id": "1"}),  # a channel; a bot per example
        "gbp": (f"accounts/1/locations/{n}", {"access_token": f"sbx-g{n}"}),
    }[network]


@st.composite
def text_near_a_limit(draw: st.DrawFn, network: str, with_media: bool) -> str:
    limit = draw(st.sampled_from(spec(network).text_limits(with_media=with_media)))
    head = "".join(draw(st.lists(st.sampled_from(UNITS), max_size=4)))
    if draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from(["", " ", "\n"])) + head  # short, blank or empty
    unit = draw(st.sampled_from(UNITS))
    repeats = (limit.limit - limit.count(head)) // max(1, limit.count(unit)) - draw(st.integers(0, 3))
    body = head + unit * max(0, repeats)
    short_by = limit.limit + draw(st.integers(-1, 1)) - limit.count(body)  # one under, on or one over the limit
    return body + "a" * max(0, short_by)


@st.composite
def media_kinds(draw: st.DrawFn, network: str) -> list[str]:
    """No media, one kind the network takes up to one over its cap, or any mix of 0-12 items."""
    rules = spec(network).media
    taken = [kind for kind in KINDS if rules.cap(kind)]
    shape = draw(st.sampled_from(["none", "one kind", "any"] if taken else ["none", "any"]))
    if shape == "none":
        return []
    if shape == "one kind":
        kind = draw(st.sampled_from(taken))
        return [kind] * draw(st.integers(1, min(12, min(rules.cap(kind), rules.max_items or 12) + 1)))
    return draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=12))


@st.composite
def posts(draw: st.DrawFn, network: str) -> tuple[str, list[str]]:
    kinds = draw(media_kinds(network))
    return draw(text_near_a_limit(network, bool(kinds))), kinds


def planner_accepts(network: str, text: str, kinds: list[str]) -> bool:
    planned = Planned(ref="targets[0]", account_id=uuid.uuid4(), network=network, handle="@agree", timezone="UTC",
                      text=text, media=[Media(kind) for kind in kinds], scheduled_at=datetime.now(UTC))
    return not check_content(planned)


async def network_accepts(adapter: Adapter, sandbox: SandboxControl, pub: Publication) -> bool:
    """Publish for real; the post is on the network, or refused as "invalid" and not there."""
    network = adapter.network
    try:
        await adapter.publish(pub)
    except NetworkError as refusal:
        assert refusal.kind == "invalid", repr(refusal)
        assert sandbox.posts(network, pub.account_ref) == []
        return False
    assert len(sandbox.posts(network, pub.account_ref)) == 1
    return True


@pytest.fixture
async def publish_to(sandbox: SandboxControl) -> AsyncIterator[Callable[[str], tuple[Adapter, str]]]:
    """``publish_to(network)``: an adapter for a fresh account and its ``account_ref``; one HTTP client a network."""
    clients: dict[str, httpx.AsyncClient] = {}
    media = MediaFetcher(MediaPolicy(allowed_networks=("127.0.0.0/8",)))  # the sandbox's sample media

    def adapter_for(network: str) -> tuple[Adapter, str]:
        if network not in clients:
            clients[network] = make_network_client(sandbox.url(network), timeout_s=10)
        ref, credentials = account(network)
        adapter = ADAPTERS[network](http=clients[network], credentials=credentials, media=media)
        # the sandbox finishes media (and TikTok's processing) after one poll
        adapter.media_poll_s = adapter.container_poll_s = adapter.status_poll_s = 0
        return adapter, ref

    yield adapter_for
    for client in clients.values():
        await client.aclose()


@pytest.mark.parametrize("network", NETWORKS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
async def test_planner_adapter_and_network_agree(network, sandbox, publish_to, data):
    text, kinds = data.draw(posts(network), label="text, media kinds")
    adapter, ref = publish_to(network)
    pub = Publication(target_id=uuid.uuid4(), account_ref=ref, text=text,
                      media=tuple(MediaItem(sandbox.media_url(SAMPLE[kind]), kind) for kind in kinds))

    planner, fits = planner_accepts(network, text, kinds), adapter.fits(pub)
    taken = await network_accepts(adapter, sandbox, pub)

    assert planner == fits == taken, (
        f"planner {planner}, adapter.fits {fits}, network {taken}; catalogue: {adapter.violations(pub)}")
