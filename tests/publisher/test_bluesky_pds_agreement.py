"""The catalogue against the real Bluesky server: for generated texts (emoji, ZWJ sequences, CJK, Cyrillic,
combining marks, URLs) and image lists, the planner accepts ⇔ the adapter says it fits ⇔ the reference PDS
stores the record as the adapter would write it.

The PDS is asked directly (``uploadBlob`` for each image, then ``createRecord`` of the text as shown, with
its facets), so its own lexicon decides, not our adapter's refusal before calling. Only images are
generated: video and GIFs are refused by our catalogue because the adapter does not send them (a fact
about us, not about the server). Images are small here; the 1,000,000-byte blob limit has its own test.
"""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publisher.networks.base import MediaItem, Publication, final_text
from publisher.networks.bluesky import BlueskyAdapter, display_links
from publisher.networks.http import make_network_client
from tests.test_catalogue_agreement import planner_accepts, text_near_a_limit
from tests.utils.pds import Pds, create_account, xrpc

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e221bc330000000049454e44ae426082")


@st.composite
def bluesky_posts(draw: st.DrawFn) -> tuple[str, int]:
    images = draw(st.sampled_from([0, 0, 1, 4, 5]))
    return draw(text_near_a_limit("bluesky", bool(images))), images


def pds_stores(pds: Pds, session: dict, text: str, images: int) -> bool:
    shown, facets = display_links(text)
    record: dict = {"$type": "app.bsky.feed.post", "text": shown, "createdAt": datetime.now(UTC).isoformat()}
    if facets:
        record["facets"] = facets
    if images:
        blobs = [xrpc(pds, "POST", "com.atproto.repo.uploadBlob", token=session["accessJwt"], content=PNG,
                      headers={"Content-Type": "image/png"}).json()["blob"] for _ in range(images)]
        record["embed"] = {"$type": "app.bsky.embed.images", "images": [{"alt": "", "image": b} for b in blobs]}
    answer = xrpc(pds, "POST", "com.atproto.repo.createRecord", token=session["accessJwt"], json={
        "repo": session["did"], "collection": "app.bsky.feed.post", "record": record, "validate": True})
    if answer.status_code == 200:
        assert answer.json()["validationStatus"] == "valid"
        return True
    assert answer.status_code == 400 and answer.json()["error"] == "InvalidRequest", answer.text
    return False


@pytest.fixture(scope="module")
def session(pds: Pds) -> dict:
    return create_account(pds, "agree")


@pytest.fixture
async def adapter(pds: Pds, session) -> BlueskyAdapter:
    http = make_network_client(pds.url, timeout_s=10)
    yield BlueskyAdapter(http=http, credentials={"access_jwt": session["accessJwt"], "did": session["did"]})
    await http.aclose()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(post=bluesky_posts())
async def test_planner_adapter_and_the_real_pds_agree(pds, session, adapter, post):
    text, images = post
    pub = Publication(target_id=uuid.uuid4(), account_ref=session["did"], text=text,
                      media=tuple(MediaItem(f"https://cdn.example/{n}.png") for n in range(images)))
    planner = planner_accepts("bluesky", text, ["image"] * images)
    fits = adapter.fits(pub)
    server = pds_stores(pds, session, final_text(pub), images)
    assert planner == fits == server, f"planner {planner}, fits {fits}, PDS {server}: {adapter.violations(pub)}"
