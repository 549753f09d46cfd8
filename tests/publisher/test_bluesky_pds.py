"""Publishing to the real Bluesky PDS (``@atproto/pds``, ``tools/bluesky-pds``) through the publisher's
own code path: connect → schedule → run, with media served by the sandbox.

Every post that goes out is read back from the PDS with ``getRecord`` (``stored``), which also checks
that the PDS answered its ``putRecord`` with ``validationStatus: "valid"``: validated against the
``app.bsky.feed.post`` lexicon (the adapter asks with ``"validate": true`` and refuses any other answer).
Refusals are checked on the PDS too: no record, and no blob in its blobstore.
"""
from __future__ import annotations

import asyncio
import base64
import json
import uuid
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from publisher import jobs
from publisher.accounts.models import AccountCredentials
from publisher.networks.base import Publication
from publisher.networks.bluesky import POST_COLLECTION, BlueskyAdapter, jwt_expiry, tid_for
from publisher.networks.http import make_network_client
from publisher.targets.models import PublishTarget
from smmkit.events import utcnow
from smmkit.networks import NetworkError
from tests.publisher.conftest import Publisher
from tests.utils.pds import (
    Pds,
    app_password,
    create_account,
    expired_access_jwt,
    get_post,
    list_posts,
    xrpc,
)


@pytest.fixture
def publisher(runtime, pds: Pds) -> Publisher:
    """The publisher's runtime with Bluesky at the PDS (media still come from the sandbox)."""
    cfg = runtime.service_settings
    runtime.service_settings = cfg.model_copy(
        update={"network_base_urls": {**cfg.network_base_urls, "bluesky": pds.url}})
    return Publisher(runtime)


@pytest.fixture
def account(pds: Pds) -> dict[str, Any]:
    """A fresh PDS account: its session, an app password, and the credentials a tenant would connect."""
    session = create_account(pds, "shop")
    password = app_password(pds, session)
    return {**session, "app_password": password,
            "credentials": {"access_jwt": session["accessJwt"], "refresh_jwt": session["refreshJwt"],
                            "did": session["did"]}}


async def publish(publisher: Publisher, account: dict[str, Any], text: str, *,
                  credentials: dict[str, str] | None = None, **extra: Any) -> tuple[uuid.UUID, PublishTarget]:
    account_id = await publisher.connect("bluesky", account["did"], credentials or account["credentials"])
    target_id = await publisher.schedule(account_id, "bluesky", account["did"], text, **extra)
    return account_id, await publisher.run(target_id)


@pytest.fixture(autouse=True)
def put_answers(monkeypatch) -> dict[str, str | None]:
    """``{uri: validationStatus}`` of every putRecord the PDS accepted during the test, as it answered."""
    seen: dict[str, str | None] = {}
    xrpc_call = BlueskyAdapter._xrpc

    async def spy(self, method: str, nsid: str, **kwargs: Any) -> Any:
        answer = await xrpc_call(self, method, nsid, **kwargs)
        if nsid == "com.atproto.repo.putRecord":
            seen[answer["uri"]] = answer.get("validationStatus")
        return answer

    monkeypatch.setattr(BlueskyAdapter, "_xrpc", spy)
    return seen


@pytest.fixture
def stored(pds: Pds, put_answers):
    """``stored(uri)``: the record as the PDS stores it (``getRecord``), whose write it answered
    with ``validationStatus: "valid"``."""
    def read(uri: str) -> dict[str, Any]:
        did, collection, rkey = uri.removeprefix("at://").split("/")
        found = get_post(pds, did, rkey)
        assert collection == POST_COLLECTION and found is not None, f"the PDS has no record {uri}"
        assert put_answers.get(uri) == "valid", put_answers
        return found["value"]

    return read


def published(target: PublishTarget) -> str:
    """The published target's record URI, under the key derived from the target."""
    assert target.state == "published", (target.error_kind, target.last_error)
    assert target.external_id == f"at://{target.account_ref}/{POST_COLLECTION}/{tid_for(target.target_id)}"
    return target.external_id


@pytest.fixture
async def pds_adapter(pds: Pds, media_fetcher):
    """``pds_adapter(credentials)``: a BlueskyAdapter talking to the PDS."""
    http = make_network_client(pds.url, timeout_s=10)
    yield lambda credentials: BlueskyAdapter(http=http, credentials=credentials, media=media_fetcher)
    await http.aclose()


def publication(account: dict[str, Any], text: str = "Hello", **kwargs: Any) -> Publication:
    return Publication(target_id=uuid.uuid4(), account_ref=account["did"], text=text, **kwargs)


async def credentials_of(publisher: Publisher, account_id: uuid.UUID) -> tuple[AccountCredentials, dict]:
    async with publisher.rt.db.uow() as uow:
        row = await uow.session.get(AccountCredentials, account_id)
    return row, publisher.rt.secrets.decrypt(row.secret)


# --- publishing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("login", ["session", "app_password"])
async def test_plain_text_post_is_stored(publisher, pds, account, stored, login):
    credentials = account["credentials"] if login == "session" else \
        {"identifier": account["handle"], "app_password": account["app_password"]}

    _, target = await publish(publisher, account, "Autumn Blend is here", credentials=credentials)

    record = stored(published(target))
    assert record["text"] == "Autumn Blend is here" and record["$type"] == POST_COLLECTION
    assert target.url == f"https://bsky.app/profile/{account['did']}/post/{tid_for(target.target_id)}"
    assert len(list_posts(pds, account["did"])) == 1


async def test_link_facets_point_at_the_link_after_multibyte_text(publisher, pds, account, stored):
    text = "Осенний купаж 🍂☕ уже здесь → https://shop.example/autumn-blend, заходите!"

    _, target = await publish(publisher, account, text)

    record = stored(published(target))
    [facet] = record["facets"]
    link = facet["features"][0]["uri"]
    assert link.startswith(publisher.rt.settings.attribution_public_url)  # tracked, then shown shortened
    shown = record["text"].encode()[facet["index"]["byteStart"]:facet["index"]["byteEnd"]].decode()
    assert shown == link.split("://", 1)[1][:30] + "…"
    assert record["text"] == f"Осенний купаж 🍂☕ уже здесь → {shown}, заходите!"


async def test_a_long_tracked_link_counts_as_shown(publisher, pds, account, stored):
    text = "x" * 260 + " https://shop.example/autumn-blend"  # tracked: far over 300; shown: 292

    _, target = await publish(publisher, account, text)

    record = stored(published(target))
    assert len(record["text"]) == 292
    assert record["facets"][0]["features"][0]["uri"].startswith(publisher.rt.settings.attribution_public_url)


@pytest.mark.parametrize("count", [1, 4])
async def test_images_are_uploaded_and_embedded(publisher, pds, account, stored, sandbox, count):
    media = [{"url": sandbox.media_url(f"p{n}.png", size=4096 + n), "kind": "image"} for n in range(count)]

    _, target = await publish(publisher, account, "Pictures", media=media)

    images = stored(published(target))["embed"]["images"]
    assert [image["image"]["size"] for image in images] == [4096 + n for n in range(count)]
    assert pds.blob_files(account["did"]) == count


async def test_running_the_same_target_again_keeps_one_record(publisher, pds, account, stored):
    _, first = await publish(publisher, account, "Once only")
    async with publisher.rt.db.uow() as uow:  # as if the outcome was lost and the target came back
        await uow.session.execute(sa.update(PublishTarget).where(PublishTarget.target_id == first.target_id)
                                  .values(state="received", next_attempt_at=utcnow()))
        await uow.commit()

    again = await publisher.run(first.target_id)

    stored(published(again))
    assert again.external_id == first.external_id
    assert len(list_posts(pds, account["did"])) == 1


# --- tokens --------------------------------------------------------------------------------------


def bad_token(pds: Pds, account: dict[str, Any], kind: str) -> str:
    """An access JWT the PDS rejects: 400 ExpiredToken (validly signed, expired) or 400 InvalidToken."""
    expired = expired_access_jwt(pds, account["accessJwt"])
    return expired if kind == "expired" else expired.rsplit(".", 1)[0] + ".bm90LXRoZS1zaWduYXR1cmU"


@pytest.mark.parametrize("kind", ["expired", "invalid"])
async def test_a_rejected_access_token_is_refreshed_and_the_post_goes_out(publisher, pds, account, stored, kind):
    credentials = {**account["credentials"], "access_jwt": bad_token(pds, account, kind)}

    account_id, target = await publish(publisher, account, "Fresh session", credentials=credentials)

    assert stored(published(target))["text"] == "Fresh session"
    row, renewed = await credentials_of(publisher, account_id)
    assert row.status == "connected"
    # a new session: a new refresh JWT (the access JWT may equal the first one when issued within the same second)
    assert renewed["access_jwt"] != credentials["access_jwt"] and renewed["refresh_jwt"] != account["refreshJwt"]
    assert renewed["expires_at"] == jwt_expiry(renewed["access_jwt"]).isoformat()
    assert jwt_expiry(renewed["access_jwt"]) > utcnow() + timedelta(minutes=90)  # the PDS gives 2 h


async def test_concurrent_refreshes_keep_the_account_connected(publisher, pds, account, stored):
    credentials = {**account["credentials"], "access_jwt": bad_token(pds, account, "expired")}
    account_id = await publisher.connect("bluesky", account["did"], credentials)
    targets = [await publisher.schedule(account_id, "bluesky", account["did"], f"Post {n}") for n in range(3)]

    done = await asyncio.gather(*(publisher.run(t) for t in targets))

    assert [stored(published(t))["text"] for t in done] == ["Post 0", "Post 1", "Post 2"]
    assert (await credentials_of(publisher, account_id))[0].status == "connected"


async def test_a_refresh_token_reused_within_its_grace_period_still_works(pds, account, stored, pds_adapter):
    """Two workers refreshing with the same refresh JWT at once: the PDS hands both a session."""
    first, second = await asyncio.gather(pds_adapter(account["credentials"]).refresh_credentials(),
                                         pds_adapter(account["credentials"]).refresh_credentials())

    for renewed in (first, second):
        post = await pds_adapter(renewed).publish(publication(account, "after refresh"))
        assert stored(post.external_id)["text"] == "after refresh"
    # the reuse gets the same next refresh token (its id, ``jti``; ``iat`` differs when the two land in different
    # seconds, as they do on a loaded machine)
    assert jwt_claims(first["refresh_jwt"])["jti"] == jwt_claims(second["refresh_jwt"])["jti"]
    assert first["refresh_jwt"] != account["refreshJwt"]


def jwt_claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def revoked(pds: Pds, account: dict[str, Any]) -> dict[str, str]:
    """Credentials whose access JWT expired and whose refresh JWT the PDS revoked (deleteSession)."""
    xrpc(pds, "POST", "com.atproto.server.deleteSession", token=account["refreshJwt"]).raise_for_status()
    return {**account["credentials"], "access_jwt": bad_token(pds, account, "expired")}


async def test_a_revoked_refresh_token_falls_back_to_the_app_password(publisher, pds, account, stored):
    credentials = {**revoked(pds, account), "identifier": account["handle"], "app_password": account["app_password"]}

    account_id, target = await publish(publisher, account, "Back in", credentials=credentials)

    stored(published(target))
    row, renewed = await credentials_of(publisher, account_id)
    assert row.status == "connected" and renewed["refresh_jwt"] != account["refreshJwt"]


async def test_a_revoked_refresh_token_without_app_password_needs_a_reconnect(publisher, pds, account):
    account_id, target = await publish(publisher, account, "Locked out", credentials=revoked(pds, account))

    assert target.state == "failed" and target.error_kind == "auth_expired"
    assert (await credentials_of(publisher, account_id))[0].status == "needs_reconnect"
    assert list_posts(pds, account["did"]) == []


async def test_renewal_job_renews_a_session_before_it_expires(publisher, pds, account, stored):
    soon = (utcnow() + timedelta(minutes=1)).isoformat()
    account_id = await publisher.connect("bluesky", account["did"], {**account["credentials"], "expires_at": soon})

    await jobs.renew_due_credentials(publisher.rt, before=utcnow() + timedelta(minutes=10))

    row, renewed = await credentials_of(publisher, account_id)
    assert row.status == "connected" and renewed["refresh_jwt"] != account["refreshJwt"]
    assert renewed["expires_at"] == jwt_expiry(renewed["access_jwt"]).isoformat()
    target_id = await publisher.schedule(account_id, "bluesky", account["did"], "With the renewed session")
    stored(published(await publisher.run(target_id)))


# --- refusals: never a call that writes, never an uploaded blob ---------------------------------


@pytest.mark.parametrize(("text", "media", "rule"), [
    ("x" * 301, [], "300 graphemes"),
    ("👨‍👩‍👧" * 200, [], "3000 UTF-8 bytes"),  # 200 graphemes, 3,600 bytes
    ("x" * 301, [("a.png", 1024, "image")], "300 graphemes"),
    ("Five", [("a.png", 1024, "image")] * 5, "4 images"),
    ("Video", [("v.mp4", 1024, "video")], "video service"),
    ("Too big", [("a.png", 1024, "image"), ("b.png", 1_000_001, "image")], "1,000,000 bytes"),
])
async def test_what_bluesky_refuses_is_refused_before_any_upload(publisher, pds, account, sandbox,
                                                                  text, media, rule):
    refs = [{"url": sandbox.media_url(name, size=size), "kind": kind} for name, size, kind in media]

    _, target = await publish(publisher, account, text, media=refs)

    assert target.state == "failed" and target.error_kind == "invalid"
    assert rule in target.last_error
    assert list_posts(pds, account["did"]) == []
    assert pds.blob_files(account["did"]) == 0


# --- the adapter on its own: concurrent publishes, reconciliation, langs, token errors ------------


async def test_two_publishes_of_the_same_publication_at_once_make_one_record(pds, account, stored, pds_adapter):
    pub = publication(account, "Both at once")

    first, second = await asyncio.gather(pds_adapter(account["credentials"]).publish(pub),
                                         pds_adapter(account["credentials"]).publish(pub))

    assert first == second and stored(first.external_id)["text"] == "Both at once"
    [record] = list_posts(pds, account["did"])
    assert record["uri"] == first.external_id


async def test_find_published_finds_the_post_and_only_it(pds, account, stored, pds_adapter):
    adapter = pds_adapter(account["credentials"])
    pub, never = publication(account, "Reconcile me"), publication(account, "Never sent")

    assert await adapter.find_published(pub) is None
    posted = await adapter.publish(pub)

    assert await adapter.find_published(pub) == posted
    assert await adapter.find_published(never) is None
    assert stored(posted.external_id)["text"] == "Reconcile me"


async def test_the_publication_language_goes_into_langs(pds, account, stored, pds_adapter):
    pub = publication(account, "Привіт", language="uk")

    post = await pds_adapter(account["credentials"]).publish(pub)

    assert stored(post.external_id)["langs"] == ["uk"]


@pytest.mark.parametrize(("kind", "name"), [("expired", "ExpiredToken"), ("invalid", "InvalidToken")])
async def test_the_pds_rejects_a_bad_access_token_with_400_read_as_auth_expired(pds, account, pds_adapter,
                                                                                 kind, name):
    adapter = pds_adapter({**account["credentials"], "access_jwt": bad_token(pds, account, kind)})

    with pytest.raises(NetworkError) as rejected:
        await adapter.publish(publication(account))

    assert (rejected.value.kind, rejected.value.code, rejected.value.status) == ("auth_expired", name, 400)
