"""Bulk import: upload a CSV, see every bad row (the planner's dry run) before anything is saved, then import
all rows or only the valid ones. The file waits in Redis for an hour between the two steps.

A file of more than ``CHUNK_ROWS`` rows is committed in chunks by a background task of this process, which
records its progress in Redis after each chunk; the page polls that record (htmx), so the user sees the count
grow and, at the end, every row not imported with its line number in the uploaded file."""
from __future__ import annotations

import asyncio
import csv
import io
import json
import secrets
import time
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile

from smmkit.bodylimit import MiB, body_limit
from smmkit.deps import RuntimeDep
from smmkit.observability import get_logger
from web.apis import ApiProblem, Apis
from web.identity.deps import ApisDep, UserDep, Writer, check_csrf
from web.identity.service import SignedIn
from web.i18n import gettext as _
from web.render import N_, page, use_locale

log = get_logger(__name__)
router = APIRouter(dependencies=[Depends(use_locale), Depends(check_csrf)], include_in_schema=False)
MAX_BYTES = 32 * MiB  # the planner's import limit
KEEP_S = 3600
CHUNK_ROWS = 500  # one planner call each: well inside the web app's API timeout
STALE_S = 120  # a running job not heard of for this long died with its process
_tasks: set[asyncio.Task] = set()  # running jobs, held so that they are not garbage-collected


def _key(user: SignedIn, token: str, what: str = "file") -> str:
    return f"smm:web:import:{user.tenant_id}:{token[:64]}:{what}"


async def _run(apis: Apis, content: bytes, **params) -> dict:
    return await apis.call("planner", "POST", "/imports/posts", content=content, content_type="text/csv",
                           params={"format": "csv", **params})


def chunks(content: bytes, size: int = CHUNK_ROWS) -> list[tuple[int, int, bytes]]:
    """(rows before it, its rows, CSV with the header) per chunk of ``size`` rows. Rows are counted as the planner
    counts them (its ``csv.DictReader`` skips blank lines), so a row the planner reports as line n of a chunk is
    line n + rows-before-it of the file."""
    reader = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    header = next(reader, [])
    records = [r for r in reader if r]
    out = []
    for start in range(0, len(records), size):
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(header)
        writer.writerows(records[start:start + size])
        out.append((start, len(records[start:start + size]), buf.getvalue().encode()))
    return out


def _shifted(errors: list[dict], before: int) -> list[dict]:
    return [{"row": e["row"] + before, "reasons": e.get("reasons", [])} for e in errors if "row" in e]


def _new_job(rows: int, only_valid: bool) -> dict:
    return {"status": "running", "rows": rows, "done_rows": 0, "imported": 0, "targets": 0, "in_review": 0,
            "errors": [], "only_valid": only_valid, "message": "", "updated_at": time.time()}


async def commit_in_chunks(*, apis: Apis, redis, job_key: str, file_key: str, parts: list, job: dict) -> None:
    """Each chunk in turn; after each, the job's record in Redis. All rows (not ``only_valid``): a refused chunk
    stops the import, and the record says which lines were imported and why the rest were not."""
    only_valid = job["only_valid"]
    try:
        for before, _rows, chunk in parts:
            try:
                result = await _run(apis, chunk, only_valid="true" if only_valid else "false")
            except ApiProblem as exc:
                job["errors"] += _shifted([e for e in exc.errors if isinstance(e, dict)], before)
                job.update(status="failed", message=str(exc), stopped_at=before + 2)
                break
            job["done_rows"] += result["rows"]
            for name in ("imported", "targets", "in_review"):
                job[name] += result[name]
            job["errors"] += _shifted(result.get("errors", []), before)
            job["updated_at"] = time.time()
            await redis.set(job_key, json.dumps(job), ex=KEEP_S)
        else:
            job["status"] = "done"
    except Exception as exc:  # recorded for the page, never lost: the user learns where it stopped
        log.exception("import job failed", job=job_key)
        job.update(status="failed", message=f"the import stopped unexpectedly ({type(exc).__name__})",
                   stopped_at=job["done_rows"] + 2)
    job["updated_at"] = time.time()
    await redis.set(job_key, json.dumps(job), ex=KEEP_S)
    if job["status"] == "done":
        await redis.delete(file_key)


async def job_of(redis, job_key: str) -> dict | None:
    raw = await redis.get(job_key)
    if raw is None:
        return None
    job = json.loads(raw)
    if job["status"] == "running" and time.time() - job["updated_at"] > STALE_S:
        job.update(status="failed", message=N_("the import was interrupted"), stopped_at=job["done_rows"] + 2)
    return job


@router.get("/import")
async def import_page(request: Request, user: UserDep):
    return page(request, "import.html")


@router.post("/import", openapi_extra=body_limit(MAX_BYTES + MiB))
async def preview(request: Request, user: Writer, apis: ApisDep, runtime: RuntimeDep,
                  file: Annotated[UploadFile, File()]):
    content = await file.read(MAX_BYTES + 1)
    if not content or len(content) > MAX_BYTES:
        return page(request, "import.html", 422, errors={"file": _("choose a CSV file of up to 32 MiB")})
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
    file_key, job_key = _key(user, token), _key(user, token, "job")
    if (job := await job_of(runtime.redis, job_key)) is not None:  # a second click: the same job, not a second one
        return page(request, "import.html", job=job, token=token)
    content = await runtime.redis.get(file_key)
    if content is None:
        return page(request, "import.html", 410, errors={"file": _("this upload has expired; upload the file again")})
    parts = chunks(content)
    job = _new_job(sum(n for _, n, _ in parts), bool(only_valid))
    if not await runtime.redis.set(job_key, json.dumps(job), ex=KEEP_S, nx=True):
        return page(request, "import.html", job=await job_of(runtime.redis, job_key), token=token)
    run = commit_in_chunks(apis=apis, redis=runtime.redis, job_key=job_key, file_key=file_key, parts=parts,
                           job=json.loads(json.dumps(job)))
    if len(parts) <= 1:  # one planner call: all or nothing, answered at once
        await run
        job = await job_of(runtime.redis, job_key)
        return page(request, "import.html", 422 if job["status"] == "failed" else 200, job=job, token=token)
    task = asyncio.create_task(run)
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)
    return page(request, "import.html", job=job, token=token)


@router.get("/import/{token}")
async def progress_page(request: Request, token: str, user: UserDep, runtime: RuntimeDep):
    """Where the import stands (the page to come back to); ``?fragment=1`` for the page's polling."""
    job = await job_of(runtime.redis, _key(user, token, "job"))
    template = "_import_progress.html" if request.query_params.get("fragment") else "import.html"
    if job is None:
        return page(request, template, 404, errors={"file": _("no import with this link; upload the file again")})
    return page(request, template, job=job, token=token)
