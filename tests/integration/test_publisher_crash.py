"""SIGKILL the publisher mid-publish: after a restart the network holds the post exactly once."""
import uuid

import httpx

from tests.integration.conftest import Api, create_tenant
from tests.integration.test_walking_skeleton import (
    connect_mastodon_account, plan_post, sandbox_posts, wait_target_status,
)
from tests.utils.polling import eventually_sync


def test_publisher_killed_after_the_network_call_and_before_its_commit_publishes_once(chaos_platform, settings):
    platform = chaos_platform
    api = Api(platform, create_tenant(platform, settings, "Crashy Ltd")["api_key"])
    account_id = connect_mastodon_account(api, "3001")
    sandbox = platform.url("sandbox")
    # The post is created, but the answer never arrives: the publisher cannot commit "published".
    armed = httpx.post(f"{sandbox}/_sandbox/faults", json={
        "network": "mastodon", "account": "3001", "kind": "lost_response", "times": 1})
    assert armed.status_code in (200, 201), armed.text
    text = f"Crash-proof {uuid.uuid4().hex[:6]}"
    post = plan_post(api, account_id, text, due_in_s=0.5)

    eventually_sync(lambda: len(sandbox_posts(platform, text)) == 1, what="the post on the network")
    publisher = platform.processes["publisher"]
    publisher.kill()
    target = api.planner.get(f"/posts/{post['id']}").json()["targets"][0]
    assert target["status"] == "dispatched", "the kill came before post.published"

    publisher.start().wait_healthy()
    wait_target_status(api, post["id"], "published", timeout_s=40)
    assert len(sandbox_posts(platform, text)) == 1, "exactly once on the network"
    state = api.publisher.get(f"/targets/{target['id']}").json()
    assert state["state"] == "published" and state["attempts"] >= 2
