"""What every benchmark needs: a broker of its own, a scratch database, and median reporting."""
from __future__ import annotations

import asyncio
import os
import statistics
import uuid
from contextlib import contextmanager
from pathlib import Path

import asyncpg

from smmkit import stack
from smmkit.migrate import upgrade
from smmkit.settings import CommonSettings

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def bench_stack(partitions: int = 6):
    """A tansu broker on a free port and a freshly migrated database, both removed afterwards."""
    broker = stack.Broker(port=stack.free_port(), log_path=ROOT / "var" / "bench" / "tansu.log").start()
    admin = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    if not stack.postgres_answers(admin):
        admin = stack.start_embedded_postgres(ROOT / "var" / "bench-pg")
    name = f"smm_bench_{uuid.uuid4().hex[:8]}"
    asyncio.run(_sql(admin, f'CREATE DATABASE "{name}"'))
    base, _, query = admin.partition("?")
    url = base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")
    try:
        upgrade(url)
        yield CommonSettings(database_url=url, kafka_bootstrap_servers=broker.bootstrap, kafka_partitions=partitions,
                             kafka_session_timeout_ms=6000, kafka_heartbeat_interval_ms=2000, log_level="WARNING")
    finally:
        broker.stop()
        asyncio.run(_sql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _sql(url: str, sql: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def median(values: list[float]) -> float:
    return statistics.median(values)
