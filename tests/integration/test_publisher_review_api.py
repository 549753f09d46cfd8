"""A Telegram target whose answer was lost waits for a person, who settles it over the tenant API."""
import uuid
from datetime import datetime, timedelta, timezone

import httpx

from tests.integration.conftest import Api, create_tenant, put_credentials
from tests.integration.test_publisher_scaleout import plan
from tests.utils.polling import eventually_sync


def connect_telegram(api: Api, channel: str) -> dict:
    resp = api.planner.post("/accounts", json={"network": "telegram", "handle": channel, "account_ref": channel})
    assert resp.status_code == 201, resp.text
    account = resp.json()
    resp = put_credentials(api.publisher, account["id"], {
        "network": "telegram", "account_ref": channel, "credentials": {"bot_token": "sbx-1:bot"}})
    assert resp.status_code == 200, resp.text
    return {"id": account["id"], "network": "telegram", "account_ref": channel}


def test_needs_review_is_never_retried_and_a_person_marks_it_published(platform, settings):
    api = Api(platform, create_tenant(platform, settings, "Review Ltd")["api_key"])
    other = Api(platform, create_tenant(platform, settings, "Nosy Ltd")["api_key"])
    channel = f"@review{uuid.uuid4().hex[:8]}"
    account = connect_telegram(api, channel)
    sandbox = platform.url("sandbox")
    httpx.post(f"{sandbox}/_sandbox/faults", json={"network": "telegram", "account": channel,
                                                   "kind": "lost_response"}).raise_for_status()
    [target] = plan(api, [account], f"Maybe out {uuid.uuid4().hex[:6]}", datetime.now(timezone.utc)
                    + timedelta(seconds=0.5))
    path = f"/targets/{target['target_id']}"

    state = eventually_sync(lambda: (s := api.publisher.get(path).json()).get("state") == "needs_review" and s,
                            timeout_s=30, what="the target parked for review")
    assert state["error_kind"] == "uncertain" and state["attempts"] == 1
    posts = httpx.get(f"{sandbox}/_sandbox/posts", params={"network": "telegram", "account": channel}).json()["posts"]
    assert len(posts) == 1

    assert other.publisher.post(f"{path}/resolve", json={"outcome": "retry"}).status_code == 404
    assert api.publisher.post(f"{path}/resolve", json={"outcome": "published"}).status_code == 422  # no URL
    url = f"https://t.me/{channel[1:]}/{posts[0]['external_id']}"
    resp = api.publisher.post(f"{path}/resolve", json={"outcome": "published", "url": url})
    assert resp.status_code == 200, resp.text
    assert (resp.json()["state"], resp.json()["url"], resp.json()["external_id"]) == (
        "published", url, posts[0]["external_id"])
    again = api.publisher.post(f"{path}/resolve", json={"outcome": "retry"})
    assert again.status_code == 409 and again.headers["content-type"].startswith("application/problem+json")
    posts = httpx.get(f"{sandbox}/_sandbox/posts", params={"network": "telegram", "account": channel}).json()["posts"]
    assert len(posts) == 1, "never retried on its own"
