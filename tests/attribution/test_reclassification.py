"""Reclassification jobs: a range of stored visits classified again with a rule set version, in batches that
report progress and resume after a crash; one active job per tenant; tenants see only their own jobs."""
import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from attribution.channels import reclassify
from attribution.orders import service as orders
from smmkit.events import utcnow

from tests.utils.polling import eventually

T0 = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
NEWSLETTER_TO_REFERRAL = [{"channel": "referral", "utm_medium": ["newsletter"]},
                          {"channel": "email", "utm_medium": ["email"]},
                          {"channel": "direct"}]


async def store_visits(attr, tenant_id, *, n: int, start: datetime, medium: str = "newsletter",
                       step: timedelta = timedelta(minutes=1)) -> list[str]:
    """Visits as intake stored them with the defaults (version 0): a newsletter is email there."""
    ids = [f"pv{uuid.uuid4().hex[:12]}" for _ in range(n)]
    async with attr.runtime.db.uow() as uow:
        await uow.session.execute(sa.text(
            "INSERT INTO attribution.visits (tenant_id, page_view_id, site_key_id, visitor_id, visited_at, source, "
            "device, landing_url, utm_medium, channel, rules_version) "
            "SELECT :t, x.pv, :k, 'visitor-' || x.i, CAST(:start AS timestamptz) + x.i * CAST(:step AS interval), 'beacon', 'desktop', "
            "'https://shop.example/?utm_medium=' || :m, :m, 'email', 0 "
            "FROM unnest(CAST(:ids AS text[])) WITH ORDINALITY AS x(pv, i)"),
            {"t": tenant_id, "k": uuid.uuid4(), "start": start, "step": step, "m": medium, "ids": ids})
        await uow.commit()
    return ids


async def channels_of(attr, tenant_id, ids) -> set[tuple]:
    rows = await attr.rows("SELECT channel, rules_version FROM attribution.visits WHERE tenant_id = :t "
                           "AND page_view_id = ANY(:ids)", t=tenant_id, ids=ids)
    return {tuple(r) for r in rows}


async def job_of(client, job_id, *, status: str = "done"):
    async def probe():
        body = (await client.get(f"/reclassifications/{job_id}")).json()
        return body if body["status"] == status else None
    return await eventually(probe, what=f"reclassification {status}")


async def test_a_range_is_reclassified_with_the_new_version_and_reports_progress(attr, monkeypatch):
    tenant = await attr.tenant("reclassify")
    inside = await store_visits(attr, tenant.id, n=30, start=T0)
    before = await store_visits(attr, tenant.id, n=3, start=T0 - timedelta(days=1))
    after = await store_visits(attr, tenant.id, n=3, start=T0 + timedelta(days=1))
    rejoined: list[list[str]] = []
    original = orders.rejoin_for_visits

    async def record(*, uow, tenant_id, visitor_ids):
        assert tenant_id == tenant.id
        rejoined.append(visitor_ids)
        return await original(uow=uow, tenant_id=tenant_id, visitor_ids=visitor_ids)
    monkeypatch.setattr(orders, "rejoin_for_visits", record)

    saved = await tenant.client.put("/channel-rules", json={"rules": NEWSLETTER_TO_REFERRAL})
    assert saved.json()["version"] == 1
    resp = await tenant.client.post("/reclassifications", json={
        "since": T0.isoformat(), "until": (T0 + timedelta(hours=1)).isoformat()})
    assert resp.status_code == 202, resp.text
    job = resp.json()
    assert job["status"] == "queued" and job["version"] == 1 and job["done"] == 0 and job["total"] is None

    done = await job_of(tenant.client, job["id"])
    assert (done["total"], done["done"], done["changed"]) == (30, 30, 30)
    assert done["started_at"] and done["finished_at"] and done["error"] is None
    assert await channels_of(attr, tenant.id, inside) == {("referral", 1)}
    assert await channels_of(attr, tenant.id, before + after) == {("email", 0)}, "outside the range: untouched"
    assert sorted(v for batch in rejoined for v in batch) == sorted(f"visitor-{i}" for i in range(1, 31))

    # the same range with version 0 again: back to email, and the list shows both jobs, newest first
    again = await tenant.client.post("/reclassifications", json={
        "since": T0.isoformat(), "until": (T0 + timedelta(hours=1)).isoformat(), "version": 0})
    assert (await job_of(tenant.client, again.json()["id"]))["changed"] == 30
    assert await channels_of(attr, tenant.id, inside) == {("email", 0)}
    listed = (await tenant.client.get("/reclassifications", params={"limit": 1})).json()
    assert [j["id"] for j in listed["items"]] == [again.json()["id"]] and listed["next_cursor"]


async def test_batches_save_the_cursor_and_a_crashed_job_resumes_where_it_stopped(attr):
    tenant = await attr.tenant("reclassify-resume")
    ids = await store_visits(attr, tenant.id, n=25, start=T0, step=timedelta(0))   # one instant: ties on time
    assert (await tenant.client.put("/channel-rules", json={"rules": NEWSLETTER_TO_REFERRAL})).status_code == 200
    lease = timedelta(hours=1)   # ours: the service's worker leaves the job alone while we hold it
    async with attr.runtime.db.uow() as uow:   # created and leased at once, before the service's worker sees it
        job_id = (await reclassify.create(uow=uow, tenant_id=tenant.id, since=T0, until=T0 + timedelta(hours=1),
                                          version=None)).id
        assert await reclassify.claim(uow=uow, now=utcnow(), lease=lease, tenant_id=tenant.id) == job_id
        await uow.commit()
    for _ in range(2):
        async with attr.runtime.db.uow() as uow:
            assert await reclassify.run_batch(uow=uow, job_id=job_id, size=10, now=utcnow(), lease=lease)
            await uow.commit()
    progress = (await tenant.client.get(f"/reclassifications/{job_id}")).json()
    assert (progress["status"], progress["total"], progress["done"]) == ("running", 25, 20)
    assert len(await attr.rows("SELECT 1 FROM attribution.visits WHERE tenant_id = :t AND rules_version = 1",
                               t=tenant.id)) == 20

    # the worker "crashes": its lease runs out, and the service's worker takes the job over from the cursor
    async with attr.runtime.db.uow() as uow:
        await uow.session.execute(sa.text("UPDATE attribution.channel_reclassifications SET leased_until = :past "
                                          "WHERE id = :j"), {"past": utcnow() - timedelta(seconds=1), "j": job_id})
        await uow.commit()
    done = await job_of(tenant.client, job_id)
    assert (done["total"], done["done"], done["changed"]) == (25, 25, 25), "each visit done once"
    assert await channels_of(attr, tenant.id, ids) == {("referral", 1)}


async def test_one_active_job_per_tenant_bad_input_is_422_and_another_tenants_job_is_404(attr):
    a, b = await attr.tenant("reclassify-a"), await attr.tenant("reclassify-b")
    async with attr.runtime.db.uow() as uow:   # a job held by a (pretend) worker: active for the whole test
        job = await reclassify.create(uow=uow, tenant_id=a.id, since=T0, until=T0 + timedelta(days=1), version=0)
        await uow.session.execute(sa.text("UPDATE attribution.channel_reclassifications SET leased_until = :later "
                                          "WHERE id = :j"), {"later": utcnow() + timedelta(hours=1), "j": job.id})
        await uow.commit()
    body = {"since": T0.isoformat(), "until": (T0 + timedelta(days=1)).isoformat()}
    busy = await a.client.post("/reclassifications", json=body)
    assert busy.status_code == 409 and busy.json()["active_id"] == str(job.id)
    assert (await b.client.post("/reclassifications", json=body)).status_code == 202, "B is not held up by A"

    assert (await b.client.get(f"/reclassifications/{job.id}")).status_code == 404
    assert str(job.id) not in [j["id"] for j in (await b.client.get("/reclassifications")).json()["items"]]
    assert (await a.client.get(f"/reclassifications/{job.id}")).json()["status"] == "queued"

    for bad, loc in (({**body, "until": body["since"]}, ["body", "until"]),
                     ({**body, "version": 5}, ["body", "version"]),
                     ({**body, "since": "2026-11-02T12:00:00"}, ["body", "since"]),   # no UTC offset
                     ({"since": body["since"]}, ["body", "until"])):
        resp = await b.client.post("/reclassifications", json=bad)
        assert resp.status_code == 422 and resp.json()["errors"][0]["loc"] == loc, resp.text
    async with attr.runtime.db.uow() as uow:   # let the service's worker have it (and not leave it queued)
        await uow.session.execute(sa.text("UPDATE attribution.channel_reclassifications SET leased_until = NULL "
                                          "WHERE id = :j"), {"j": job.id})
        await uow.commit()
    await job_of(a.client, job.id)


async def test_the_cli_queues_a_job_and_shows_its_progress_until_done(attr):
    from smmkit.cli import app
    from typer.testing import CliRunner

    tenant = await attr.tenant("reclassify-cli")
    ids = await store_visits(attr, tenant.id, n=12, start=T0)
    assert (await tenant.client.put("/channel-rules", json={"rules": NEWSLETTER_TO_REFERRAL})).status_code == 200
    args = ["reclassify", "--since", T0.isoformat(), "--until", (T0 + timedelta(hours=1)).isoformat(),
            "--api-key", tenant.key, "--attribution", attr.url]
    # the CLI blocks (sync HTTP and sleeps): in a thread, while this loop serves the service it calls
    result = await asyncio.to_thread(CliRunner().invoke, app, args)
    assert result.exit_code == 0, result.output
    assert "rules version 1" in result.output and "visits" in result.output
    assert result.output.strip().splitlines()[-1] == "done: 12 of 12 visits, 12 changed channel"
    assert await channels_of(attr, tenant.id, ids) == {("referral", 1)}

    refused = await asyncio.to_thread(CliRunner().invoke, app, [*args, "--version", "9"])
    assert refused.exit_code == 1 and "version" in refused.output
