"""The four services served for fuzzing, two tenants with data, and how a generated case is sent and judged.

Tenant A owns what was seeded (and whatever the fuzzer creates as A); tenant B must never see any of it. Cases
run as one of three identities: ``tenant`` (A's key), ``anonymous`` (no key) and ``other_tenant`` (B's key).
Path parameters naming an id (``post_id``, ``account_id`` ...) are often replaced by one of A's ids: as A, the
fuzzer then reaches past "not found" into the real code; as B, every such request probes tenant isolation.
"""
from __future__ import annotations

import asyncio
import base64
import json
import re
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import httpx
import sqlalchemy as sa
from schemathesis.core import NotSet

from smmkit import events as ev
from smmkit import stack
from smmkit.bus import ensure_topics
from smmkit.crypto import hmac_sha256
from smmkit.db import Database
from smmkit.links import sign_link
from smmkit.settings import CommonSettings
from tests.conftest import VAR, scratch_database
from tests.utils.apps import SERVICES, build
from tests.utils.serving import served

IDENTITIES = ("tenant", "anonymous", "other_tenant")
SHOP_SECRET = "fuzz-shop-secret-0123456789"
FACEBOOK_APP_SECRET = "fuzz-facebook-app-secret-0123"
# Answered to whoever holds the URL's signed token or the body's signature, never by tenant key: no isolation
# to judge there (a review link shows its post to anyone who has it).
PUBLIC = {"planner": ("/review/",), "publisher": (), "metrics": ("/webhooks/",), "attribution": ("/r/", "/webhooks/")}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass
class Tenant:
    id: str
    key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


@dataclass
class Platform:
    urls: dict[str, str]
    a: Tenant
    b: Tenant
    # service → path parameter name → A's values for it
    known: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # every id that appeared in an answer to A (and what was seeded): B must never see one ...
    a_ids: set[str] = field(default_factory=set)
    # ... unless B sent it itself, in a query or a body (schemathesis reuses ids it saw in earlier answers)
    b_sent: set[str] = field(default_factory=set)
    # (service operation, status) → how many answers: what bench/fuzz.py reports
    answers: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @staticmethod
    def ids_in(text: str | None) -> set[str]:
        return set(_UUID.findall(text or ""))

    def report(self) -> dict:
        """How many operations were fuzzed, and the answers by status."""
        statuses: Counter = Counter()
        for (_, status), count in self.answers.items():
            statuses[str(status)] += count
        return {"operations": len({operation for operation, _ in self.answers}), "statuses": dict(statuses)}

    def headers_for(self, identity: str) -> dict[str, str]:
        return {"tenant": self.a.headers, "anonymous": {}, "other_tenant": self.b.headers}[identity]

    def aim(self, service: str, case, identity: str) -> None:
        """Point id parameters at A's data, chosen by the generated value itself so a run stays reproducible."""
        if identity == "anonymous":
            return
        for name, value in case.path_parameters.items():
            choices = self.known.get(service, {}).get(name)
            if choices and isinstance(value, str) and value:
                pick = sum(map(ord, value))
                if pick % 4 or identity == "other_tenant":  # as A, keep a quarter of the generated ids
                    case.path_parameters[name] = choices[pick % len(choices)]

    def judge(self, service: str, case, identity: str, response) -> None:
        """No answer to B carries an id of A's; every id A is answered with is A's from now on."""
        with self.lock:
            self.answers[f"{service} {case.operation.label}", response.status_code] += 1
            if not 200 <= response.status_code < 300:
                return
            if case.operation.path.startswith(PUBLIC[service]):
                return
            # An id the fuzzer sent may come back in the answer (a cost for a brand id it made up, or took from
            # an earlier answer); that is no leak. What counts is what the services made: an id of A's that B
            # never sent (one in the path, where ``aim`` put it, included) must never come back to B.
            found = self.ids_in(response.content.decode(errors="replace"))  # an image (the pixel) too
            sent = self.ids_in(json.dumps([case.query, case.body], default=str))
            if identity == "tenant":
                self.a_ids |= found - sent - {self.b.id}
            elif identity == "other_tenant":
                self.b_sent |= sent
                leaked = (found & self.a_ids) - self.b_sent
                assert not leaked, (f"{case.operation.label} answered tenant B with tenant A's ids {sorted(leaked)}"
                                    f"\n{case.as_curl_command(headers=self.b.headers)}")


@contextmanager
def fuzz_platform(settings: CommonSettings) -> Iterator[Platform]:
    """The four services on a database and a broker of their own (nothing they write reaches other tests)."""
    broker = stack.Broker(port=stack.free_port(), log_path=VAR / "fuzz" / "tansu.log").start()
    try:
        with scratch_database() as database_url, ExitStack() as apps:
            own = settings.model_copy(update={"database_url": database_url,
                                              "kafka_bootstrap_servers": broker.bootstrap})
            asyncio.run(ensure_topics(own))
            urls = {name: apps.enter_context(served(build(name, own, **_service_settings(name))))
                    for name in SERVICES}
            platform = _tenants(urls, own)
            asyncio.run(_seed(platform, own))
            yield platform
    finally:
        broker.stop()


def _service_settings(service: str) -> dict:
    # a click stream of its own: the attribution tests of the same session read theirs from the same Redis
    return {"attribution": {"click_stream": f"fuzz:clicks:{uuid.uuid4().hex[:8]}"},
            "metrics": {"facebook_app_secret": FACEBOOK_APP_SECRET}}.get(service, {})


def _tenants(urls: dict[str, str], settings: CommonSettings) -> Platform:
    made = []
    for name in ("fuzz-a", "fuzz-b"):
        resp = httpx.post(f"{urls['planner']}/admin/tenants", json={"name": name},
                          headers={"Authorization": f"Bearer {settings.operator_token}"})
        resp.raise_for_status()
        made.append(Tenant(resp.json()["tenant"]["id"], resp.json()["api_key"]))
    return Platform(urls=urls, a=made[0], b=made[1])


async def _seed(p: Platform, settings: CommonSettings) -> None:
    """A little of everything for tenant A, through the APIs where they can make it, else as the consumers do."""
    async with httpx.AsyncClient(headers=p.a.headers, timeout=30) as http:
        async def made(service: str, method: str, path: str, **kw) -> dict:
            resp = await http.request(method, f"{p.urls[service]}{path}", **kw)
            assert resp.status_code < 300, f"seeding {method} {path}: {resp.status_code} {resp.text}"
            return resp.json() if resp.content else {}

        due = (datetime.now(timezone.utc) + timedelta(days=30)).isoformat()
        brand = (await made("planner", "POST", "/brands", json={"name": "Fuzz brand"}))["id"]
        campaign = (await made("planner", "POST", "/campaigns", json={
            "name": "autumn", "starts_on": "2000-01-01", "ends_on": "2099-12-31", "brand_id": brand}))["id"]
        networks = ("mastodon", "telegram")
        accounts = [(await made("planner", "POST", "/accounts", json={
            "network": network, "handle": f"@fuzz-{network}", "account_ref": "42", "brand_id": brand}))["id"]
            for network in networks]
        for account, network in zip(accounts, networks):  # the services run no consumers here
            await _announce(settings, uuid.UUID(p.a.id), account, network)
        template = (await made("planner", "POST", "/templates", json={"name": "t", "text": "From a template"}))["id"]
        posts = [await made("planner", "POST", "/posts", json={
            "text": "Fuzz post", "scheduled_at": due, "campaign": "autumn", "draft": draft,
            "targets": [{"account_id": a} for a in accounts]}) for draft in (False, True)]
        recurrence = (await made("planner", "POST", "/recurrences", json={
            "rrule": "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", "dtstart": "2031-01-06T09:00:00",
            "timezone": "Europe/Berlin", "text": "Every Monday", "account_ids": accounts[:1]}))["id"]
        webhook = (await made("planner", "POST", "/webhooks", json={"url": "http://127.0.0.1:9/hook"}))["id"]
        review = (await made("planner", "POST", f"/posts/{posts[1]['id']}/review-links", json={"reviewer": "Rita"}))
        for service in ("publisher", "metrics"):
            for account, network in zip(accounts, networks):
                await made(service, "PUT", f"/accounts/{account}/credentials", json={
                    "network": network, "account_ref": "42", "credentials": {"access_token": "sbx-42"}})
        for platform in ("shopify", "woocommerce"):
            await made("attribution", "PUT", f"/shop-secrets/{platform}", json={"secret": SHOP_SECRET})
        cost = (await made("attribution", "POST", "/costs", json={
            "amount_minor": 1000, "currency": "EUR", "period_start": "2031-01-01", "period_end": "2031-01-31"}))["id"]
        target_ids = [t["id"] for post in posts for t in post["targets"]]
        await _publish(settings, uuid.UUID(p.a.id), target_ids[0], accounts[0])
        await made("attribution", "PUT", "/promo-codes", json={"code": "FUZZ10", "target_id": target_ids[0]})

    link = sign_link(settings.tracking_secret, uuid.UUID(target_ids[0]), "https://shop.example/p?x=1")
    ids = {"brand_id": [brand], "campaign_id": [campaign], "account_id": accounts, "template_id": [template],
           "post_id": [p["id"] for p in posts], "recurrence_id": [recurrence], "webhook_id": [webhook],
           "target_id": target_ids, "cost_id": [cost], "tenant_id": [p.a.id]}
    p.known = {"planner": {**ids, "token": [review["token"]]}, "publisher": ids, "metrics": ids,
               "attribution": {**ids, "token": [link]}}
    p.a_ids |= {v for values in ids.values() for v in values}


async def _announce(settings: CommonSettings, tenant_id: uuid.UUID, account_id: str, network: str) -> None:
    """The account as the publisher and metrics learn of it from account.created."""
    from metrics.db import Base as MetricsBase
    from metrics.handlers import on_account_created as metrics_learns
    from publisher.db import Base as PublisherBase
    from publisher.handlers import on_account_created as publisher_learns

    event = ev.new_event(ev.AccountCreated(account_id=uuid.UUID(account_id), network=network, account_ref="42"),
                         tenant_id=tenant_id)
    for base, handle in ((PublisherBase, publisher_learns), (MetricsBase, metrics_learns)):
        db = Database(settings.database_url, base.messaging)
        try:
            async with db.uow() as uow:
                await handle(event, uow)
                await uow.commit()
        finally:
            await db.dispose()


async def _publish(settings: CommonSettings, tenant_id: uuid.UUID, target_id: str, account_id: str) -> None:
    """The target as the publisher, metrics and attribution learn of it from post.scheduled / post.published."""
    from attribution.db import Base as AttributionBase
    from attribution.handlers import on_post_published as attribution_tracks
    from metrics.db import Base as MetricsBase
    from metrics.handlers import on_post_published as metrics_tracks
    from publisher.db import Base as PublisherBase
    from publisher.targets import service as targets

    now = datetime.now(timezone.utc)
    ids = dict(target_id=uuid.UUID(target_id), post_id=uuid.uuid4(), account_id=uuid.UUID(account_id))
    scheduled = ev.new_event(ev.PostScheduled(**ids, network="mastodon", account_ref="42", text="Fuzz post",
                                              scheduled_at=now + timedelta(days=30)), tenant_id=tenant_id)
    published = ev.new_event(ev.PostPublished(**ids, network="mastodon", external_id="1",
                                              url="https://mastodon.example/@fuzz/1", scheduled_at=now,
                                              published_at=now), tenant_id=tenant_id)
    for base, handle, event in ((PublisherBase, targets.receive, scheduled),
                                (MetricsBase, metrics_tracks, published), (AttributionBase, attribution_tracks, published)):
        db = Database(settings.database_url, base.messaging)
        try:
            async with db.uow() as uow:
                await (handle(uow=uow, event=event) if handle is targets.receive else handle(event, uow))
                await uow.commit()
            if base is PublisherBase:  # one target a person has to settle, so /resolve gets past its 409
                async with db.engine.begin() as conn:
                    await conn.execute(sa.text("UPDATE publisher.publish_targets SET state = 'needs_review' "
                                               "WHERE target_id = :t"), {"t": ids["target_id"]})
        finally:
            await db.dispose()


def sign_webhook_body(platform: Platform, case, kwargs: dict) -> None:
    """Sign a generated webhook body as the shop (its tenant's secret) or Facebook (the app secret) would, so the
    fuzzer gets past the signature check and reaches the parser."""
    path = case.operation.path
    if path == "/webhooks/facebook" and case.method == "POST":
        secret, header, signed = FACEBOOK_APP_SECRET, "X-Hub-Signature-256", lambda mac: "sha256=" + mac.hex()
    elif path.startswith(("/webhooks/shopify/", "/webhooks/woocommerce/")) and \
            case.path_parameters.get("tenant_id") == platform.a.id:
        header = "X-Shopify-Hmac-Sha256" if path.startswith("/webhooks/shopify/") else "X-WC-Webhook-Signature"
        secret, signed = SHOP_SECRET, lambda mac: base64.b64encode(mac).decode()
    else:
        return
    body = case.body
    raw = b"" if isinstance(body, NotSet) else body if isinstance(body, bytes) else json.dumps(body).encode()
    kwargs["data"] = raw
    case.headers[header] = signed(hmac_sha256(secret, raw))
