"""Request body limits and API rate limits of the shared app plumbing (``smmkit.bodylimit``, ``smmkit.apilimit``)."""
import asyncio
import uuid
from types import SimpleNamespace

import httpx
import pytest
import redis.asyncio as aioredis
import uvicorn
from fastapi import APIRouter, Request

from smmkit import stack
from smmkit.apilimit import ApiLimits, PublicLimit
from smmkit.app import create_service_app
from smmkit.bodylimit import MiB, body_limit
from smmkit.db import make_engine
from smmkit.deps import TenantDep
from smmkit.ratelimit import RateLimiter
from smmkit.tenancy import Suspensions, TenantAuth, create_tenant
from tests.foundation.conftest import BusTestBase

DEFAULT = 64 * 1024


def _router() -> APIRouter:
    router = APIRouter()

    @router.post("/notes")
    async def note(request: Request) -> dict:
        return {"bytes": len(await request.body())}

    @router.post("/uploads", openapi_extra=body_limit(1 * MiB))
    async def upload(request: Request) -> dict:
        return {"bytes": len(await request.body())}

    @router.post("/typed")
    async def typed(body: dict) -> dict:
        return {"keys": len(body)}

    @router.get("/mine")
    async def mine(tenant_id: TenantDep) -> dict:
        return {"tenant": str(tenant_id)}

    @router.get("/public", dependencies=[PublicLimit])
    async def public() -> dict:
        return {}

    @router.get("/redirect")
    async def redirect() -> dict:  # like /r/{token}: no key, no limit
        return {}

    return router


def _app(settings, **limits):
    return create_service_app(name=f"limits-{uuid.uuid4().hex[:8]}", settings=settings.model_copy(update=limits),
                              messaging=BusTestBase.messaging, routers=[_router()])


def _client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://limits.test")


class Pulled:
    """A request body streamed in chunks, counting how much the server pulled."""

    def __init__(self, total: int, chunk: int = 16 * 1024):
        self.total, self.chunk, self.pulled = total, chunk, 0

    async def __aiter__(self):
        while self.pulled < self.total:
            self.pulled += self.chunk
            yield b"x" * self.chunk


def assert_413(resp: httpx.Response, limit: int) -> None:
    assert resp.status_code == 413, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    assert str(limit) in resp.json()["detail"]


# --- body limits ------------------------------------------------------------------------------

async def test_a_body_up_to_the_limit_passes_and_one_byte_more_is_413_problem_json(settings):
    async with _client(_app(settings)) as client:
        assert (await client.post("/notes", content=b"x" * DEFAULT)).json() == {"bytes": DEFAULT}
        assert_413(await client.post("/notes", content=b"x" * (DEFAULT + 1)), DEFAULT)
        # FastAPI reads typed bodies itself: the same answer, not a 400
        assert_413(await client.post("/typed", json={"k": "x" * DEFAULT}), DEFAULT)
        assert (await client.post("/typed", json={"k": "x"})).json() == {"keys": 1}


async def test_a_route_declares_a_larger_limit(settings):
    async with _client(_app(settings)) as client:
        assert (await client.post("/uploads", content=b"x" * MiB)).json() == {"bytes": MiB}
        assert_413(await client.post("/uploads", content=b"x" * (MiB + 1)), MiB)


async def test_the_default_is_a_setting(settings):
    async with _client(_app(settings, http_body_limit_bytes=2048)) as client:
        assert (await client.post("/notes", content=b"x" * 2048)).status_code == 200
        assert_413(await client.post("/notes", content=b"x" * 2049), 2048)


async def test_a_declared_length_over_the_limit_is_refused_before_reading_a_byte(settings):
    body = Pulled(total=1024**3)
    async with _client(_app(settings)) as client:
        resp = await client.post("/notes", content=body, headers={"content-length": str(1024**3)})
    assert_413(resp, DEFAULT)
    assert body.pulled == 0


async def test_a_chunked_body_is_cut_off_at_the_limit_not_read_to_the_end(settings):
    body = Pulled(total=1024**3)  # 1 GiB, no Content-Length
    async with _client(_app(settings)) as client:
        resp = await client.post("/notes", content=body)
    assert_413(resp, DEFAULT)
    assert body.pulled <= DEFAULT + body.chunk


async def test_a_content_length_that_lies_low_does_not_get_more_through(settings):
    body = Pulled(total=4 * DEFAULT)
    async with _client(_app(settings)) as client:
        resp = await client.post("/notes", content=body, headers={"content-length": "10"})
    assert_413(resp, DEFAULT)
    assert body.pulled <= DEFAULT + body.chunk


async def test_every_operation_with_a_body_documents_its_limit_and_413(settings):
    async with _client(_app(settings, http_body_limit_bytes=4096)) as client:
        paths = (await client.get("/openapi.json")).json()["paths"]
    assert paths["/notes"]["post"]["x-body-limit"] == 4096
    assert paths["/uploads"]["post"]["x-body-limit"] == MiB
    assert "413" in paths["/notes"]["post"]["responses"]
    assert "x-body-limit" not in paths["/redirect"]["get"]


# --- rate limits ------------------------------------------------------------------------------

@pytest.fixture
async def limited(settings):
    """An app with 3 requests per key (and per address) per minute, its runtime reduced to what the limits use."""
    redis = aioredis.from_url(settings.redis_url)
    engine = make_engine(settings.database_url, pool_size=2)
    small = settings.model_copy(update={"api_rate_limit": 3, "public_rate_limit": 3})
    app = create_service_app(name=f"limits-{uuid.uuid4().hex[:8]}", settings=small,
                             messaging=BusTestBase.messaging, routers=[_router()])
    app.state.runtime = SimpleNamespace(
        name=app.title, settings=small, tenant_auth=TenantAuth(engine), redis=redis, suspensions=Suspensions(engine),
        api_limits=ApiLimits(RateLimiter(redis, prefix="smm:api"), service=app.title, settings=small))
    app.state.engine = engine
    yield app
    await engine.dispose()
    await redis.aclose()


async def _key(app) -> str:
    return (await create_tenant(app.state.engine, "Limits")).api_key


async def test_a_key_over_its_limit_gets_429_with_retry_after_and_other_keys_go_on(limited):
    a, b = await _key(limited), await _key(limited)
    async with _client(limited) as client:
        answers = [await client.get("/mine", headers={"Authorization": f"Bearer {a}"}) for _ in range(4)]
        assert [r.status_code for r in answers] == [200, 200, 200, 429]
        refused = answers[-1]
        assert refused.headers["content-type"] == "application/problem+json"
        assert 1 <= int(refused.headers["retry-after"]) <= 20  # 3 per 60 s: one token every 20 s
        assert (await client.get("/mine", headers={"Authorization": f"Bearer {b}"})).status_code == 200


async def test_wrong_keys_are_limited_per_client_address_without_holding_back_valid_keys(limited):
    key = await _key(limited)
    async with _client(limited) as client:
        guesses = [await client.get("/mine", headers={"Authorization": f"Bearer smm_{'x' * 43}"}) for _ in range(4)]
        assert [r.status_code for r in guesses] == [401, 401, 401, 429]
        assert (await client.get("/mine")).status_code == 429, "no key at all counts as a guess too"
        assert (await client.get("/mine", headers={"Authorization": f"Bearer {key}"})).status_code == 200


async def test_public_routes_are_limited_per_address_and_unlimited_routes_never(limited):
    async with _client(limited) as client:
        assert [(await client.get("/public")).status_code for _ in range(4)] == [200, 200, 200, 429]
        assert {(await client.get("/redirect")).status_code for _ in range(20)} == {200}
        paths = (await client.get("/openapi.json")).json()["paths"]
    assert "429" in paths["/mine"]["get"]["responses"]
    assert "429" in paths["/public"]["get"]["responses"]
    assert "429" not in paths["/redirect"]["get"]["responses"]


async def test_the_limit_is_shared_by_replicas_of_a_service(limited, settings):
    """Two processes of one service, each with its own Redis connection, take from one bucket."""
    key = await _key(limited)
    mine = limited.state.runtime
    other = create_service_app(name="replica", settings=mine.settings, messaging=BusTestBase.messaging,
                               routers=[_router()])
    redis = aioredis.from_url(settings.redis_url)
    other.state.runtime = SimpleNamespace(name="replica", settings=mine.settings, tenant_auth=mine.tenant_auth,
                                          suspensions=mine.suspensions,
                                          redis=redis, api_limits=ApiLimits(
        RateLimiter(redis, prefix="smm:api"), service=limited.title, settings=mine.settings))
    headers = {"Authorization": f"Bearer {key}"}
    async with _client(limited) as one, _client(other) as two:
        codes = [(await client.get("/mine", headers=headers)).status_code for client in (one, two, one, two)]
    assert codes == [200, 200, 200, 429]
    await redis.aclose()


async def test_requests_go_through_when_redis_is_unreachable(limited, settings):
    dead = aioredis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    runtime = limited.state.runtime
    runtime.api_limits = ApiLimits(RateLimiter(dead), service="dead", settings=runtime.settings)
    runtime.redis = dead  # the usage meter's too (smmkit.usage)
    key = await _key(limited)
    async with _client(limited) as client:
        codes = {(await client.get("/mine", headers={"Authorization": f"Bearer {key}"})).status_code
                 for _ in range(5)}
    assert codes == {200}
    await dead.aclose()


async def test_a_real_server_answers_413_to_a_large_chunked_upload(settings):
    port = stack.free_port()
    server = uvicorn.Server(uvicorn.Config(_app(settings), host="127.0.0.1", port=port, lifespan="off",
                                           log_level="warning"))
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.02)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            assert_413(await client.post("/notes", content=Pulled(total=64 * MiB, chunk=64 * 1024)), DEFAULT)
    finally:
        server.should_exit = True
        await task
