"""Connecting accounts through the network's consent screen (docs/connections.md), over HTTP against the
sandbox as the authorization server, for every catalogued network with one: the publisher's routes, the
planner's decision and the metrics service's sealed read credentials, with the events passed between their
service functions as the consumers would (real PostgreSQL; no broker needed to show the decisions)."""
from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import sqlalchemy as sa
from metrics import connections as metrics_connections
from metrics.accounts.models import MetricsAccount
from metrics.db import Base as MetricsBase
from planner.accounts import connections as planner_connections
from planner.accounts.models import Account
from planner.db import Base as PlannerBase
from publisher.accounts import service as accounts
from publisher.accounts.models import AccountCredentials
from publisher.connections.models import Connection
from publisher.db import Base as PublisherBase
from publisher.handlers import on_account_created
from sandbox.client import SandboxControl
from smmkit import events as ev
from smmkit.catalogue import CATALOGUE
from smmkit.db import Database
from smmkit.sealed import DEV_PRIVATE_KEY
from smmkit.tenancy import create_tenant

from tests.publisher.conftest import unique_ref

CONSENT_NETWORKS = [name for name, spec in CATALOGUE.items() if spec.connect and spec.connect.consent]


class Platform:
    """The three services' parts of a connection, driven in-process: HTTP on the publisher, events by hand."""

    def __init__(self, client: httpx.AsyncClient, runtime, planner_db: Database, metrics_db: Database,
                 sandbox: SandboxControl) -> None:
        self.client, self.rt, self.planner_db, self.metrics_db, self.sandbox = (client, runtime, planner_db,
                                                                                metrics_db, sandbox)

    async def tenant(self) -> tuple[uuid.UUID, dict[str, str]]:
        issued = await create_tenant(self.rt.db.engine, f"conn-{uuid.uuid4().hex[:6]}")
        return issued.tenant.id, {"Authorization": f"Bearer {issued.api_key}"}

    async def start(self, auth: dict[str, str], network: str, **body: Any) -> dict[str, Any]:
        answer = await self.client.post("/connections", headers=auth, json={"network": network, **body})
        assert answer.status_code == 201, answer.text
        return answer.json()

    def consent_screen(self, url: str) -> dict[str, str]:
        """The person at the network's consent screen: where it sends them back, as query parameters."""
        answer = httpx.get(url)
        assert answer.status_code == 302, answer.text
        return {k: v[0] for k, v in parse_qs(urlsplit(answer.headers["location"]).query).items()}

    async def come_back(self, back: dict[str, str]) -> httpx.Response:
        return await self.client.get("/connections/callback", params=back)

    async def outbox(self, db: Database, base, key: uuid.UUID, topic: str) -> list[ev.Envelope]:
        outbox = base.messaging.outbox
        async with db.uow() as uow:
            rows = (await uow.session.execute(sa.select(outbox.c.topic, outbox.c.body).where(
                outbox.c.key == str(key), outbox.c.topic == topic).order_by(outbox.c.id))).all()
        return [ev.decode(t, body) for t, body in rows]

    async def settle(self, connection_id: uuid.UUID) -> ev.Envelope:
        """connection.authorized reaches the planner; its connection.settled reaches the publisher."""
        [authorized] = await self.outbox(self.rt.db, PublisherBase, connection_id, "connection.authorized")
        async with self.planner_db.uow() as uow:
            await planner_connections.settle(uow=uow, event=authorized)
            await uow.commit()
        [settled] = await self.outbox(self.planner_db, PlannerBase, connection_id, "connection.settled")
        from publisher.connections import service

        async with self.rt.db.uow() as uow:
            await service.on_settled(uow=uow, box=self.rt.secrets, settings=self.rt.service_settings, event=settled)
            await uow.commit()
        return settled

    async def deliver_to_metrics(self, account_id: uuid.UUID) -> ev.Envelope:
        [issued] = await self.outbox(self.rt.db, PublisherBase, account_id, "credentials.issued")
        async with self.metrics_db.uow() as uow:
            await metrics_connections.take(uow=uow, box=self.rt.secrets, private_key=DEV_PRIVATE_KEY, event=issued,
                                           now=ev.utcnow())
            await uow.commit()
        return issued

    async def connection(self, auth: dict[str, str], connection_id: str) -> dict[str, Any]:
        answer = await self.client.get(f"/connections/{connection_id}", headers=auth)
        assert answer.status_code == 200, answer.text
        return answer.json()

    async def connect(self, auth: dict[str, str], network: str, *, account: str, **body: Any) -> dict[str, Any]:
        """The whole dance, choosing the first destination where there is a choice; the settled connection."""
        self.sandbox.consent(network, account=account)
        started = await self.start(auth, network, **body)
        came = await self.come_back(self.consent_screen(started["authorization_url"]))
        assert came.status_code == 200, came.text
        if came.json()["status"] == "choosing":
            chosen = await self.client.post(f"/connections/{started['id']}/destination", headers=auth,
                                            json={"ref": came.json()["destinations"][0]["ref"]})
            assert chosen.status_code == 200, chosen.text
        assert (await self.connection(auth, started["id"]))["status"] == "authorized"
        await self.settle(uuid.UUID(started["id"]))
        return await self.connection(auth, started["id"])


@pytest.fixture
async def platform(settings, publisher_api, runtime, sandbox):
    planner_db = Database(settings.database_url, PlannerBase.messaging)
    metrics_db = Database(settings.database_url, MetricsBase.messaging)
    async with publisher_api() as client:
        yield Platform(client, runtime, planner_db, metrics_db, sandbox)
    await planner_db.dispose()
    await metrics_db.dispose()


async def _credentials(runtime, account_id: uuid.UUID) -> AccountCredentials | None:
    async with runtime.db.uow() as uow:
        return await uow.session.get(AccountCredentials, account_id)


@pytest.mark.parametrize("network", CONSENT_NETWORKS)
async def test_one_user_action_connects_the_account_everywhere(platform: Platform, network: str):
    tenant, auth = await platform.tenant()
    connect = CATALOGUE[network].connect
    platform.sandbox.consent(network, account=(who := unique_ref()))
    started = await platform.start(auth, network)
    url = urlsplit(started["authorization_url"])
    query = parse_qs(url.query)
    assert url.path == urlsplit(connect.authorize_url).path, "the network's production path, on its sandbox port"
    assert ("code_challenge" in query) == connect.pkce and query.get("code_challenge_method", ["S256"]) == ["S256"]

    came = await platform.come_back(platform.consent_screen(started["authorization_url"]))
    assert came.status_code == 200, came.text
    if came.json()["status"] == "choosing":  # Pages, LinkedIn organisations (one Instagram account: no choice)
        assert connect.destinations_url and len(came.json()["destinations"]) >= 2
        ref = came.json()["destinations"][-1]["ref"]
        chosen = await platform.client.post(f"/connections/{started['id']}/destination", headers=auth,
                                            json={"ref": ref})
        assert chosen.status_code == 200 and chosen.json()["account_ref"] == ref, chosen.text
    settled = await platform.settle(uuid.UUID(started["id"]))
    account_id = settled.payload.account_id
    assert account_id is not None and settled.payload.refusal is None

    done = await platform.connection(auth, started["id"])
    assert done["status"] == "connected" and done["account_id"] == str(account_id)
    async with platform.planner_db.uow() as uow:  # the planner has the account, announced as ever
        account = await uow.session.get(Account, account_id)
    assert account.tenant_id == tenant and account.network == network and account.account_ref == done["account_ref"]
    assert await platform.outbox(platform.planner_db, PlannerBase, account_id, "account.created")
    if not connect.destinations_url:
        assert done["account_ref"] == connect.account_ref.format(id=who)

    creds = await _credentials(platform.rt, account_id)
    assert creds.status == "connected" and creds.tenant_id == tenant
    stored = platform.rt.secrets.decrypt(creds.secret)
    assert stored["access_token"].startswith("sbx-")
    if connect.exchange_grant:  # swapped at once for the long-lived token (the sandbox marks those ".l<n>")
        assert ".l" in stored.get("user_access_token", stored["access_token"])
    issued = await platform.deliver_to_metrics(account_id)
    assert stored["access_token"] not in issued.model_dump_json(), "no readable secret on Kafka"
    async with platform.metrics_db.uow() as uow:
        read = await uow.session.get(MetricsAccount, account_id)
    assert platform.rt.secrets.decrypt(read.secret) == stored


async def _failed(platform: Platform, answer: httpx.Response, status: int, words: str) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert words in answer.json()["detail"]
    async with platform.rt.db.uow() as uow:
        row = await uow.session.get(Connection, uuid.UUID(answer.json()["connection_id"]))
    assert row.status == "failed" and platform.rt.secrets.decrypt(row.secret) == {}, "its secrets are wiped"
    assert not await platform.outbox(platform.rt.db, PublisherBase, row.id, "connection.authorized")


async def test_denied_consent_expired_state_reused_code_and_missing_scopes(platform: Platform):
    _, auth = await platform.tenant()
    platform.sandbox.consent("x", "deny")
    started = await platform.start(auth, "x")
    back = platform.consent_screen(started["authorization_url"])
    assert back["error"] == "access_denied"
    await _failed(platform, await platform.come_back(back), 403, "consent was denied")
    again = await platform.come_back(back)
    assert again.status_code == 409 and again.headers["content-type"] == "application/problem+json"

    platform.sandbox.consent("x", account=unique_ref())
    started = await platform.start(auth, "x")
    back = platform.consent_screen(started["authorization_url"])
    async with platform.rt.db.uow() as uow:  # the person took longer than the state lives
        await uow.session.execute(sa.update(Connection).where(Connection.id == uuid.UUID(started["id"]))
                                  .values(expires_at=ev.utcnow() - timedelta(seconds=1)))
        await uow.commit()
    await _failed(platform, await platform.come_back(back), 400, "expired")

    started = await platform.start(auth, "x")  # a code already redeemed, brought back with a fresh state
    first = platform.consent_screen(started["authorization_url"])
    assert (await platform.come_back(first)).status_code == 200
    replay = await platform.start(auth, "x")
    state = parse_qs(urlsplit(replay["authorization_url"]).query)["state"][0]
    await _failed(platform, await platform.come_back({"state": state, "code": first["code"]}), 400, "already used")

    platform.sandbox.consent("x", account=unique_ref(), scopes=["tweet.read", "users.read"])
    started = await platform.start(auth, "x")
    missing = await platform.come_back(platform.consent_screen(started["authorization_url"]))
    await _failed(platform, missing, 403, "tweet.write")
    # Meta says what was granted only through /me/permissions: a declined one is caught there
    platform.sandbox.consent("facebook", account=unique_ref(),
                             scopes=["pages_show_list", "pages_read_engagement", "read_insights"])
    started = await platform.start(auth, "facebook")
    missing = await platform.come_back(platform.consent_screen(started["authorization_url"]))
    await _failed(platform, missing, 403, "pages_manage_posts")

    unknown = await platform.come_back({"state": "never-issued", "code": "x"})
    assert unknown.status_code == 400 and unknown.json()["title"] == "Unknown state"


async def test_an_account_another_tenant_connected_is_refused_and_nothing_is_left(platform: Platform):
    owner, owner_auth = await platform.tenant()
    _, other_auth = await platform.tenant()
    who = unique_ref()
    first = await platform.connect(owner_auth, "mastodon", account=who)
    assert first["status"] == "connected"
    async with platform.rt.db.uow() as uow:  # the planner's account.created reached the publisher meanwhile
        [created] = await platform.outbox(platform.planner_db, PlannerBase, uuid.UUID(first["account_id"]),
                                          "account.created")
        await on_account_created(created, uow)
        await uow.commit()

    platform.sandbox.consent("mastodon", account=who)
    started = await platform.start(other_auth, "mastodon")
    taken = await platform.come_back(platform.consent_screen(started["authorization_url"]))
    await _failed(platform, taken, 409, "already connected by another workspace")

    # The same, decided by the planner (the publisher had not heard of the account yet): refused there.
    late = Connection(id=uuid.uuid4(), tenant_id=(await platform.tenant())[0], network="mastodon", state_hash=uuid.uuid4().hex,
                      status="authorized", account_ref=who, handle="h", secret=platform.rt.secrets.encrypt(
                          {"credentials": {"access_token": f"sbx-{who}.z"}}), expires_at=ev.utcnow())
    async with platform.rt.db.uow() as uow:
        uow.session.add(late)
        uow.emit(ev.new_event(ev.ConnectionAuthorized(connection_id=late.id, network="mastodon", account_ref=who,
                                                      handle="h"), tenant_id=late.tenant_id))
        await uow.commit()
    settled = await platform.settle(late.id)
    assert settled.payload.account_id is None and "another workspace" in settled.payload.refusal
    async with platform.rt.db.uow() as uow:
        row = await uow.session.get(Connection, late.id)
        assert row.status == "failed" and platform.rt.secrets.decrypt(row.secret) == {}
    async with platform.planner_db.uow() as uow:
        holders = (await uow.session.scalars(sa.select(Account.tenant_id).where(
            Account.network == "mastodon", Account.account_ref == who))).all()
    assert holders == [owner], "no account was created for the refused tenant"


async def test_a_revoked_account_needs_reconnect_and_reconnecting_restores_the_same_account(platform: Platform):
    tenant, auth = await platform.tenant()
    who = unique_ref()
    first = await platform.connect(auth, "x", account=who)
    account_id = uuid.UUID(first["account_id"])
    async with platform.rt.db.uow() as uow:
        [created] = await platform.outbox(platform.planner_db, PlannerBase, account_id, "account.created")
        await on_account_created(created, uow)
        await accounts.mark_needs_reconnect(uow=uow, account_id=account_id, reason="token revoked")
        await uow.commit()
    [needs] = await platform.outbox(platform.rt.db, PublisherBase, account_id, "account.needs_reconnect")
    assert needs.payload.reason == "token revoked" and needs.tenant_id == tenant
    assert (await _credentials(platform.rt, account_id)).status == "needs_reconnect"

    other = await platform.start(auth, "x", account_id=str(account_id))  # signed in as someone else
    platform.sandbox.consent("x", account=unique_ref())
    wrong = await platform.come_back(platform.consent_screen(other["authorization_url"]))
    await _failed(platform, wrong, 409, "being reconnected")

    again = await platform.connect(auth, "x", account=who, account_id=str(account_id))
    assert again["status"] == "connected" and again["account_id"] == str(account_id), "the same account"
    assert (await _credentials(platform.rt, account_id)).status == "connected"
    async with platform.planner_db.uow() as uow:
        count = await uow.session.scalar(sa.select(sa.func.count()).select_from(Account).where(
            Account.network == "x", Account.account_ref == who))
    assert count == 1


async def test_telegram_and_discord_bots_must_reach_the_channel_and_bluesky_needs_an_app_password(platform: Platform):
    tenant, auth = await platform.tenant()
    channel, discord_channel = f"@chan{unique_ref()}", f"11{unique_ref()}"
    member_only = await platform.client.post("/connections", headers=auth, json={
        "network": "telegram", "account_ref": f"@member{unique_ref()}", "credentials": {"bot_token": "sbx-bot"}})
    assert member_only.status_code == 403 and "not an administrator" in member_only.json()["detail"]
    hidden = await platform.client.post("/connections", headers=auth, json={  # the sandbox: "403..." is Missing Access
        "network": "discord", "account_ref": f"403{unique_ref()}", "credentials": {"bot_token": "sbx-bot"}})
    assert hidden.status_code == 403 and "cannot see channel" in hidden.json()["detail"], hidden.text
    no_token = await platform.client.post("/connections", headers=auth, json={"network": "telegram",
                                                                               "account_ref": channel})
    assert no_token.status_code == 422 and no_token.json()["errors"][0]["loc"] == ["body", "credentials"]
    wrong = await platform.client.post("/connections", headers=auth, json={
        "network": "bluesky", "credentials": {"identifier": "alice.test", "app_password": "not-an-app-password"}})
    assert wrong.status_code == 400 and wrong.headers["content-type"] == "application/problem+json"

    for body in ({"network": "telegram", "account_ref": channel, "credentials": {"bot_token": "sbx-bot"}},
                 {"network": "discord", "account_ref": discord_channel, "credentials": {"bot_token": "sbx-bot"}},
                 {"network": "bluesky", "credentials": {"identifier": f"u{unique_ref()}.test",
                                                        "app_password": "sbx-app-pass"}}):
        started = await platform.client.post("/connections", headers=auth, json=body)
        assert started.status_code == 201, started.text
        assert started.json()["authorization_url"] is None and started.json()["status"] == "authorized"
        settled = await platform.settle(uuid.UUID(started.json()["id"]))
        creds = await _credentials(platform.rt, settled.payload.account_id)
        stored = platform.rt.secrets.decrypt(creds.secret)
        if body["network"] == "telegram":
            assert settled.payload.account_ref == channel and stored == {"bot_token": "sbx-bot"}
        elif body["network"] == "discord":  # the channel's server, for its links and member count
            assert settled.payload.account_ref == discord_channel and stored["bot_token"] == "sbx-bot"
            assert stored["guild_id"].isdigit()
        else:
            assert settled.payload.account_ref.startswith("did:plc:") and stored["access_jwt"].startswith("sbx-")
        assert creds.tenant_id == tenant and creds.status == "connected"
