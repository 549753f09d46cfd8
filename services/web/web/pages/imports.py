"""Bulk import: upload a CSV, see every bad row (the planner's dry run) before anything is saved, then import
all rows or only the valid ones. The file waits in Redis for an hour between the two steps."""
from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile

from smmkit.bodylimit import MiB, body_limit
from smmkit.deps import RuntimeDep
from web.apis import ApiProblem, Apis
from web.identity.deps import ApisDep, UserDep, Writer, check_csrf
from web.identity.service import SignedIn
from web.render import page

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)
MAX_BYTES = 32 * MiB  # the planner's import limit
KEEP_S = 3600


def _key(user: SignedIn, token: str) -> str:
    return f"smm:web:import:{user.tenant_id}:{token}"


async def _run(apis: Apis, content: bytes, **params) -> dict:
    return await apis.call("planner", "POST", "/imports/posts", content=content, content_type="text/csv",
                           params={"format": "csv", **params})


@router.get("/import")
async def import_page(request: Request, user: UserDep):
    return page(request, "import.html")


@router.post("/import", openapi_extra=body_limit(MAX_BYTES + MiB))
async def preview(request: Request, user: Writer, apis: ApisDep, runtime: RuntimeDep,
                  file: Annotated[UploadFile, File()]):
    content = await file.read(MAX_BYTES + 1)
    if not content or len(content) > MAX_BYTES:
        return page(request, "import.html", 422, errors={"file": "choose a CSV file of up to 32 MiB"})
    try:
        result = await _run(apis, content, dry_run="true")
    except ApiProblem as exc:
        if exc.status >= 500:
            raise
        return page(request, "import.html", 422, errors={"file": str(exc)})
    token = secrets.token_urlsafe(16)
    await runtime.redis.set(_key(user, token), content, ex=KEEP_S)
    return page(request, "import.html", preview=result, token=token, filename=file.filename)


@router.post("/import/{token}/commit")
async def commit(request: Request, token: str, user: Writer, apis: ApisDep, runtime: RuntimeDep,
                 only_valid: Annotated[str, Form(max_length=5)] = ""):
    content = await runtime.redis.get(_key(user, token[:64]))
    if content is None:
        return page(request, "import.html", 410, errors={"file": "this upload has expired; upload the file again"})
    try:
        result = await _run(apis, content, only_valid="true" if only_valid else "false")
    except ApiProblem as exc:
        if exc.status >= 500:
            raise
        return page(request, "import.html", 422, errors={"file": str(exc)})
    await runtime.redis.delete(_key(user, token))
    return page(request, "import.html", done=result)
