"""Reconciliation reads back posts since the target was due, so a busy account's newer posts
never hide ours (and a retry never posts it twice)."""
import httpx
import pytest

from tests.publisher.conftest import unique_ref


@pytest.mark.parametrize("network", ["x", "facebook"])
async def test_a_lost_post_is_found_behind_many_newer_ones(publisher, sandbox, network):
    ref = unique_ref()
    token = f"sbx-{ref}" if network == "x" else f"sbx-page-{ref}"
    account = await publisher.connect(network, ref, {"access_token": token})
    target_id = await publisher.schedule(account, network, ref, "The one that got lost")
    sandbox.fault(network, ref, "lost_response")
    assert (await publisher.run(target_id)).state == "uncertain"

    for n in range(30):  # the account keeps posting meanwhile
        if network == "x":
            resp = httpx.post(f"{sandbox.url('x')}/2/tweets", json={"text": f"later {n}"},
                              headers={"Authorization": f"Bearer {token}"})
        else:
            resp = httpx.post(f"{sandbox.url('facebook')}/v21.0/{ref}/feed", data={"message": f"later {n}"},
                              headers={"Authorization": f"Bearer {token}"})
        assert resp.status_code in (200, 201), resp.text

    target = await publisher.run(target_id, now_offset_s=60)

    assert target.state == "published"
    ours = [p for p in sandbox.posts(network, ref) if p["text"] == "The one that got lost"]
    assert [p["external_id"] for p in ours] == [target.external_id], "found, not posted again"
