"""Two metrics processes share the polling: no target is polled twice in a round, and the targets
a SIGKILLed process had claimed are polled by the other once their lease runs out.

Runs against its own database (so no other metrics process polls these targets) and the
session's sandbox, Redis and broker.
"""
import asyncio
import json
import uuid

import asyncpg
import httpx
import pytest

from smmkit import stack
from smmkit.migrate import upgrade
from tests.conftest import VAR
from tests.utils.polling import eventually

LEASE_S = 3


@pytest.fixture
async def own_database(settings):
    base, _, query = settings.database_url.partition("?")
    admin = base.rsplit("/", 1)[0] + "/postgres" + (f"?{query}" if query else "")
    name = f"smm_metrics_replicas_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(admin)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    url = base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")
    await asyncio.to_thread(upgrade, url)
    yield url
    conn = await asyncpg.connect(admin)
    await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await conn.close()


def _replica(name, own_database, settings, sandbox_server):
    env = stack.platform_env(database_url=own_database, redis_url=settings.redis_url,
                             bootstrap=settings.kafka_bootstrap_servers, sandbox=sandbox_server, extra={
                                 "ENVIRONMENT": "test", "SECRET_KEYS": settings.secret_keys,
                                 "OPERATOR_TOKEN": settings.operator_token, "TRACKING_SECRET": "t",
                                 "KAFKA_PARTITIONS": str(settings.kafka_partitions),
                                 "METRICS_POLL_INTERVAL_S": "0.05", "METRICS_CLAIM_BATCH_SIZE": "10",
                                 "METRICS_POLL_LEASE_S": str(LEASE_S), "METRICS_HTTP_TIMEOUT_S": "10"})
    return stack.service_process("metrics", stack.free_port(), env, VAR / "metrics-replicas" / name)


async def _add_targets(conn, tenant, external_ids) -> list[uuid.UUID]:
    ids = [uuid.uuid4() for _ in external_ids]
    await conn.executemany(
        "INSERT INTO metrics.tracked_targets (target_id, tenant_id, account_id, network, external_id, url, "
        "published_at, next_poll_at, seq, deleted, polls) "
        "VALUES ($1, $2, $3, 'mastodon', $4, 'https://sandbox.social/x', now(), now(), 0, false, 0)",
        [(i, tenant, uuid.uuid4(), e) for i, e in zip(ids, external_ids)])
    return ids


def _statuses(sandbox_server, n: int) -> list[str]:
    with httpx.Client(base_url=sandbox_server.url("mastodon"), headers={"Authorization": "Bearer sbx-5150"}) as http:
        return [http.post("/api/v1/statuses", json={"status": f"replicas {uuid.uuid4().hex}"}).json()["id"]
                for _ in range(n)]


async def test_two_metrics_processes_share_polling_and_take_over_a_killed_ones_claims(
        own_database, settings, topics, sandbox_server):
    control = httpx.Client(base_url=sandbox_server.control)
    control.post("/_sandbox/reset")
    conn = await asyncpg.connect(own_database)
    a = _replica("a", own_database, settings, sandbox_server).start()
    b = _replica("b", own_database, settings, sandbox_server).start()
    try:
        a.wait_healthy()
        b.wait_healthy()
        tenant = uuid.uuid4()
        # one poll a day: within this test every target is due exactly once
        await conn.execute("INSERT INTO metrics.tenant_schedules (tenant_id, plan, bands) VALUES ($1, 'standard', $2)",
                           tenant, json.dumps([[30 * 86400, 86400]]))
        statuses = _statuses(sandbox_server, 130)
        control.post("/_sandbox/config", json={"latency_ms": 30})  # polls take a moment: both replicas get work
        first = await _add_targets(conn, tenant, statuses[:120])

        async def all_polled(ids):
            rows = await conn.fetch("SELECT polls, polled_by FROM metrics.tracked_targets WHERE target_id = ANY($1)",
                                    ids)
            return rows if all(r["polls"] >= 1 for r in rows) else None

        rows = await eventually(lambda: all_polled(first), timeout_s=60, what="every target polled")
        assert [r["polls"] for r in rows] == [1] * 120, "no target polled twice in the round"
        pids = {r["polled_by"].rsplit(":", 1)[1] for r in rows}
        assert pids == {str(a.process.pid), str(b.process.pid)}, "both replicas did part of the work"

        # B goes away; A claims the next targets and dies in the middle of polling them.
        b.kill()
        control.post("/_sandbox/config", json={"latency_ms": 4000})
        second = await _add_targets(conn, tenant, statuses[120:])

        async def claimed():
            return await conn.fetchval("SELECT count(*) FROM metrics.tracked_targets WHERE target_id = ANY($1) "
                                       "AND next_poll_at > now()", second) == len(second)

        await eventually(claimed, timeout_s=20, what="A claimed the new targets")
        a.kill()
        control.post("/_sandbox/config", json={"latency_ms": 0})
        assert await conn.fetchval("SELECT max(polls) FROM metrics.tracked_targets WHERE target_id = ANY($1)",
                                   second) == 0, "A died before recording anything"

        b.start().wait_healthy()
        rows = await eventually(lambda: all_polled(second), timeout_s=30, what="B took over A's claims")
        assert [r["polls"] for r in rows] == [1] * len(second)
        assert {r["polled_by"].rsplit(":", 1)[1] for r in rows} == {str(b.process.pid)}
    finally:
        a.kill()
        b.kill()
        control.post("/_sandbox/config", json={"latency_ms": 0})
        control.close()
        await conn.close()
