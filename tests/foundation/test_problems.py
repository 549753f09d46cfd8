"""Problem answers of the shared app plumbing."""
import uuid

import httpx
from fastapi import FastAPI

from smmkit.problems import install_problem_handlers


def _app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/brands/{brand_id}")
    async def read(brand_id: str) -> dict:
        return {}

    @app.patch("/brands/{brand_id}")
    async def update(brand_id: str) -> dict:
        return {}

    @app.delete("/brands/{brand_id}", status_code=204)
    async def delete(brand_id: str) -> None:
        return None

    @app.post("/brands")
    async def create() -> dict:
        return {}

    return app


async def test_405_allows_every_method_served_at_the_path():
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=_app()), base_url="http://t") as client:
        resp = await client.options("/brands/b1")
        assert resp.status_code == 405
        assert resp.headers["content-type"].startswith("application/problem+json")
        assert resp.headers["allow"] == "DELETE, GET, PATCH"
        assert (await client.put("/brands")).headers["allow"] == "POST"


async def test_a_database_with_every_connection_slot_taken_is_a_503_not_a_500(database_url):
    """Seen with many platforms on one server: "sorry, too many clients already" answered POST /posts with a 500.
    A role allowed no connection gets the same refusal (SQLSTATE 53300) from the real server."""
    import asyncpg
    import sqlalchemy as sa

    from smmkit.db import make_engine

    role = f"smm_full_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(database_url)
    await admin.execute(f'CREATE ROLE "{role}" LOGIN CONNECTION LIMIT 0')
    engine = make_engine(database_url.replace("postgres@", f"{role}@", 1))
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/posts")
    async def create() -> dict:
        async with engine.begin() as conn:
            await conn.execute(sa.text("SELECT 1"))
        return {}

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            resp = await client.post("/posts")
        assert resp.status_code == 503 and resp.headers["retry-after"] == "1", resp.text
    finally:
        await engine.dispose()
        await admin.execute(f'DROP ROLE "{role}"')
        await admin.close()


async def test_a_database_or_redis_that_does_not_answer_is_a_503_with_retry_after_not_a_500():
    """Found by tests/chaos (PostgreSQL restarted mid-burst): orders sent while the database was away were
    answered 500 "Internal error", which tells a shop the order is bad; it is only to be sent again."""
    import redis.asyncio as aioredis
    import sqlalchemy as sa

    from smmkit.db import make_engine
    from smmkit.stack import free_port

    engine = make_engine(f"postgresql://postgres@127.0.0.1:{free_port()}/smm")  # nothing listens there
    redis = aioredis.from_url(f"redis://127.0.0.1:{free_port()}/0")
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/database")
    async def database() -> dict:
        async with engine.connect() as conn:
            await conn.execute(sa.text("SELECT 1"))
        return {}

    @app.get("/redis")
    async def from_redis() -> dict:
        return {"x": await redis.get("x")}

    @app.get("/bug")
    async def bug() -> dict:
        raise ValueError("a real bug")

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            for path, what in (("/database", "the database"), ("/redis", "Redis")):
                resp = await client.get(path)
                assert resp.status_code == 503, resp.text
                assert resp.headers["retry-after"] == "1"
                assert resp.headers["content-type"].startswith("application/problem+json")
                assert resp.json()["title"] == "Service unavailable" and what in resp.json()["detail"]
            assert (await client.get("/bug")).status_code == 500
    finally:
        await engine.dispose()
        await redis.aclose()
