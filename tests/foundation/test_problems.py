"""Problem answers of the shared app plumbing."""
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
