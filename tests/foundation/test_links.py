"""Signed tracked-link tokens and UTM tagging."""
import uuid
from urllib.parse import parse_qs, urlsplit

from hypothesis import given, strategies as st

from smmkit.links import sign_link, tracked_url, verify_link, with_utm

SECRET = "s3cret"


@given(st.uuids(), st.text(min_size=1, max_size=200))
def test_a_signed_token_verifies_to_what_was_signed(target_id, destination):
    assert verify_link(SECRET, sign_link(SECRET, target_id, destination)) == (target_id, destination)


def test_a_tampered_or_foreign_token_is_refused():
    target = uuid.uuid4()
    token = sign_link(SECRET, target, "https://shop.example/p")
    flipped = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    assert verify_link(SECRET, flipped) is None
    assert verify_link("other-secret", token) is None
    assert verify_link(SECRET, "not-a-token!") is None
    assert verify_link(SECRET, "") is None


def test_utm_tags_are_added_and_the_destination_query_is_kept():
    url = with_utm("https://shop.example/p?color=red&utm_source=old", source="mastodon", campaign="autumn",
                   content="t-1")
    query = parse_qs(urlsplit(url).query)
    assert query == {"color": ["red"], "utm_source": ["mastodon"], "utm_medium": ["social"],
                     "utm_campaign": ["autumn"], "utm_content": ["t-1"]}


def test_tracked_url_points_at_the_redirect():
    target = uuid.uuid4()
    url = tracked_url("https://go.example/", SECRET, target, "https://shop.example")
    assert url.startswith("https://go.example/r/")
    assert verify_link(SECRET, url.rsplit("/", 1)[1]) == (target, "https://shop.example")
