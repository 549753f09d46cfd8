"""Asserting problem+json answers."""
import httpx


def assert_refused(resp: httpx.Response, field: str, status: int = 422) -> None:
    """``resp`` is a problem answer with ``status`` whose validation errors name ``field``."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json"), resp.headers
    named = {str(part) for error in resp.json().get("errors", []) for part in error["loc"]}
    assert field in named, f"{field!r} is not named in {resp.text}"
