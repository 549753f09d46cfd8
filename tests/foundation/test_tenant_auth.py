"""API keys resolve through bounded caches that a spray of unknown keys cannot flush."""
import secrets

import pytest
import sqlalchemy as sa

from smmkit.db import make_engine
from smmkit.tenancy import TenantAuth, api_keys, create_tenant


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    await engine.dispose()


async def _revoke(engine, key_prefix: str) -> None:
    async with engine.begin() as conn:
        await conn.execute(sa.update(api_keys).where(api_keys.c.prefix == key_prefix).values(revoked_at=sa.func.now()))


def _random_key() -> str:
    return "smm_" + secrets.token_urlsafe(32)


async def test_a_spray_of_unknown_keys_does_not_evict_a_known_one(engine):
    issued = await create_tenant(engine, "Spray target")
    clock = Clock()
    auth = TenantAuth(engine, ttl_s=5, max_keys=50, timer=clock)
    assert await auth.tenant_for_key(issued.api_key) == issued.tenant.id
    for _ in range(150):  # three times what either cache holds
        assert await auth.tenant_for_key(_random_key()) is None
    # Revoked behind the cache's back: still answered from the cache, so the spray did not evict it ...
    await _revoke(engine, issued.key_prefix)
    assert await auth.tenant_for_key(issued.api_key) == issued.tenant.id
    # ... and once its TTL has passed the revocation applies.
    clock.now += 6
    assert await auth.tenant_for_key(issued.api_key) is None


async def test_unknown_keys_are_cached_apart_and_expire(engine):
    clock = Clock()
    auth = TenantAuth(engine, ttl_s=5, max_keys=50, timer=clock)
    issued = await create_tenant(engine, "Late key")
    key = issued.api_key
    # a key looked up before it worked ("unknown") is remembered as unknown only for the TTL
    await _revoke(engine, issued.key_prefix)
    assert await auth.tenant_for_key(key) is None
    async with engine.begin() as conn:
        await conn.execute(sa.update(api_keys).where(api_keys.c.prefix == issued.key_prefix).values(revoked_at=None))
    assert await auth.tenant_for_key(key) is None  # negative answer cached
    clock.now += 6
    assert await auth.tenant_for_key(key) == issued.tenant.id


@pytest.mark.parametrize("key", ["", "x", "smm_short", "Bearer smm_" + "a" * 43, "smm_" + "a" * 43 + "\x00",
                                 "smm_" + "é" * 43, "a" * 10_000])
async def test_strings_not_shaped_like_our_keys_never_reach_the_database(engine, key):
    await engine.dispose()  # any database round trip would now have to open a new connection ...
    auth = TenantAuth(engine)
    before = engine.pool.checkedout() + engine.pool.checkedin()
    assert await auth.tenant_for_key(key) is None
    assert engine.pool.checkedout() + engine.pool.checkedin() == before == 0  # ... and none was opened
