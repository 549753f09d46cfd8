"""LinkedIn reconciliation only takes a post created since the target was due for ours: an older post
with the same text never is, and ours is found behind many newer ones."""
from __future__ import annotations

import uuid
from datetime import timedelta

import httpx

from publisher.networks.base import Publication
from publisher.networks.linkedin import LinkedInAdapter
from smmkit.networks import utc_now
from tests.publisher.conftest import unique_ref

CREDENTIALS = {"access_token": "sbx-li"}


def publication(author: str, text: str, *, due_in: timedelta = timedelta(0)) -> Publication:
    return Publication(target_id=uuid.uuid4(), account_ref=author, text=text, scheduled_at=utc_now() + due_in)


async def test_an_older_post_with_the_same_text_is_never_taken_for_ours(make_adapter, sandbox, expect_error):
    author = f"urn:li:organization:{unique_ref()}"
    earlier = await make_adapter(LinkedInAdapter, CREDENTIALS).publish(publication(author, "Weekly tip: rest"))
    # A week later the same text is due again; the check runs when it is due.
    later = utc_now() + timedelta(days=7)
    adapter = make_adapter(LinkedInAdapter, CREDENTIALS, clock=lambda: later)
    again = publication(author, "Weekly tip: rest", due_in=timedelta(days=7))

    assert await adapter.find_published(again) is None
    # LinkedIn refuses the text as a duplicate of the old post (sandbox: within 24 h of real time);
    # that refusal stands instead of the old post being reported as the new one.
    error = await expect_error(adapter.publish(again), "invalid")

    assert error.code == "DUPLICATE_POST"
    assert [p["external_id"] for p in sandbox.posts("linkedin", author)] == [earlier.external_id]


async def test_ours_is_found_behind_more_than_a_page_of_newer_posts(make_adapter, sandbox):
    author = f"urn:li:organization:{unique_ref()}"
    pub = publication(author, "The one to find", due_in=timedelta(seconds=-1))
    ours = await make_adapter(LinkedInAdapter, CREDENTIALS).publish(pub)
    headers = {"Authorization": "Bearer sbx-li", "LinkedIn-Version": "202605"}
    with httpx.Client(base_url=sandbox.url("linkedin"), headers=headers) as http:
        for n in range(110):  # the author keeps posting: ours is on the second page now
            resp = http.post("/rest/posts", json={"author": author, "commentary": f"later {n}", "visibility": "PUBLIC",
                                                  "distribution": {}, "lifecycleState": "PUBLISHED"})
            assert resp.status_code == 201, resp.text

    found = await make_adapter(LinkedInAdapter, CREDENTIALS).find_published(pub)

    assert found is not None and found.external_id == ours.external_id


async def test_a_post_without_creation_time_is_not_ours(make_adapter):
    adapter = make_adapter(LinkedInAdapter, CREDENTIALS)
    pub = publication("urn:li:organization:1", "No time")

    assert not adapter._is_ours(pub, text="No time", created_at=None)
    assert adapter._is_ours(pub, text="No time", created_at=utc_now())
    assert not adapter._is_ours(pub, text="No time", created_at=utc_now() - timedelta(hours=1))
