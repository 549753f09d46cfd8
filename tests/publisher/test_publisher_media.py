"""PUBLISHER_MEDIA_ALLOWED_NETWORKS reaches the adapters' media fetcher (the SSRF guard); media the
network's catalogue entry refuses is never uploaded."""
import httpx

from publisher.settings import PublisherSettings
from tests.publisher.conftest import publisher_settings, unique_ref


def test_setting_reads_comma_separated_cidrs(monkeypatch):
    monkeypatch.setenv("PUBLISHER_MEDIA_ALLOWED_NETWORKS", "127.0.0.0/8, 10.0.0.0/8")
    assert PublisherSettings().media_allowed_cidrs == ("127.0.0.0/8", "10.0.0.0/8")
    monkeypatch.delenv("PUBLISHER_MEDIA_ALLOWED_NETWORKS")
    assert PublisherSettings().media_allowed_cidrs == ()


async def test_media_from_an_allowed_network_is_uploaded(publisher, sandbox):
    ref = unique_ref()
    account = await publisher.connect("mastodon", ref, {"access_token": f"sbx-{ref}"})
    target_id = await publisher.schedule(account, "mastodon", ref, "With a photo",
                                         media=[{"url": sandbox.media_url("a.png")}])

    assert (await publisher.run(target_id)).state == "published"
    [post] = sandbox.posts("mastodon", ref)
    assert len(post["media"]) == 1


async def test_without_the_setting_loopback_media_is_refused_as_invalid(publisher, runtime, sandbox, sandbox_server):
    runtime.service_settings = publisher_settings(sandbox_server, media_allowed_networks="")
    ref = unique_ref()
    account = await publisher.connect("mastodon", ref, {"access_token": f"sbx-{ref}"})
    target_id = await publisher.schedule(account, "mastodon", ref, "SSRF attempt",
                                         media=[{"url": sandbox.media_url("a.png")}])

    target = await publisher.run(target_id)

    assert target.state == "failed" and target.error_kind == "invalid"
    assert sandbox.posts("mastodon", ref) == []


async def test_media_the_catalogue_refuses_fails_as_invalid_before_any_upload(publisher, sandbox):
    ref = unique_ref()
    account = await publisher.connect("mastodon", ref, {"access_token": f"sbx-{ref}"})
    sandbox.fault("mastodon", ref, "server_error", times=5, path_contains="media")  # would fire on an upload
    target_id = await publisher.schedule(account, "mastodon", ref, "Five photos",
                                         media=[{"url": sandbox.media_url(f"{n}.png")} for n in range(5)])

    target = await publisher.run(target_id)

    assert (target.state, target.error_kind, target.attempts) == ("failed", "invalid", 1)
    [failed] = await publisher.events(target_id)
    assert "Mastodon allows 4 images in one post (media_count)" in failed.payload.reason
    armed = httpx.get(f"{sandbox.base_url}/_sandbox/faults").json()["faults"]
    assert [f["times"] for f in armed] == [5], "nothing was uploaded"
    assert sandbox.posts("mastodon", ref) == []
