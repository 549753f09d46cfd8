"""``smm``: run and operate the platform (``smm up``, ``smm migrate``, ``smm tenants create`` ...)."""
from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import typer

from smmkit import stack
from smmkit.settings import CommonSettings

app = typer.Typer(help="Operate the SMM platform.", no_args_is_help=True)
tenants_app = typer.Typer(help="Manage tenants.")
app.add_typer(tenants_app, name="tenants")


@app.command()
def migrate() -> None:
    """Run every schema's migrations (tenancy and the four services) to head."""
    from smmkit.migrate import upgrade

    upgrade(CommonSettings().database_url)
    typer.echo("migrations: up to date")


@app.command()
def topics() -> None:
    """Create every topic and dead-letter topic with its fixed partition count."""
    from smmkit.bus import ensure_topics

    asyncio.run(ensure_topics(CommonSettings()))
    typer.echo("topics: created")


@app.command()
def docs(out: Path = Path("docs"), client: Path = typer.Option(Path("clients/python"), help="The Python SDK")) -> None:
    """Regenerate the AsyncAPI document and JSON Schemas from the event models, the platform's merged OpenAPI
    document from the four services, the Python SDK from that document, and README's network table from the
    catalogue."""
    from smmkit import contracts, openapi
    from smmkit.catalogue import table

    for path in contracts.write(out):
        typer.echo(f"wrote {path}")
    typer.echo(f"wrote {table.write_readme(out.parent / 'README.md')} (the network table)")
    document = openapi.write_merged(out / openapi.MERGED_NAME)
    typer.echo(f"wrote {document}")
    typer.echo(f"wrote {openapi.generate_client(document, client)}")


@tenants_app.command("create")
def tenants_create(name: str) -> None:
    """Create a tenant and print its first API key (shown once)."""
    from smmkit.db import make_engine
    from smmkit.tenancy import create_tenant

    async def run():
        engine = make_engine(CommonSettings().database_url)
        try:
            return await create_tenant(engine, name)
        finally:
            await engine.dispose()

    issued = asyncio.run(run())
    typer.echo(f"tenant {issued.tenant.id} ({issued.tenant.name})\napi key: {issued.api_key}")


def _service_urls(gateway: str | None, web: str | None) -> dict[str, str]:
    """Each service's base URL: behind the gateway (``/v1/<service>``), else its local port (``smm up``)."""
    if gateway:
        urls = {name: f"{gateway.rstrip('/')}/v1/{name}" for name in stack.SERVICE_PORTS}
    else:
        urls = {name: f"http://127.0.0.1:{port}" for name, port in stack.SERVICE_PORTS.items()}
    urls["web"] = web or (gateway or f"http://127.0.0.1:{stack.WEB_PORT}")
    return urls


@tenants_app.command("export")
def tenants_export(tenant_id: str, out: Path = typer.Option(..., help="The zip archive to write"),
                   gateway: str = typer.Option(None, help="The front door (http://host:8080); default: local ports"),
                   web: str = typer.Option(None, help="The web app's URL, if not the gateway's or local 8000")) -> None:
    """Export everything every service holds of a tenant into one zip (docs/offboarding.md)."""
    from smmkit.offboarding import write_archive

    out.write_bytes(write_archive(_service_urls(gateway, web), tenant_id, token=CommonSettings().operator_token))
    typer.echo(f"wrote {out}")


@tenants_app.command("delete")
def tenants_delete(tenant_id: str, wait: bool = typer.Option(True, help="Print progress until it completes"),
                   planner: str = typer.Option(f"http://127.0.0.1:{stack.SERVICE_PORTS['planner']}",
                                               help="The planner's URL (or the gateway's, with /v1)")) -> None:
    """Delete a tenant and all its data in every service; each service confirms (docs/offboarding.md)."""
    import httpx

    url = f"{planner.rstrip('/')}/admin/tenants/{tenant_id}/deletion"
    auth = {"Authorization": f"Bearer {CommonSettings().operator_token}"}
    progress = httpx.post(url, headers=auth).raise_for_status().json()
    seen: set[str] = set()
    while True:
        for s in progress["services"]:
            if s["status"] == "deleted" and s["service"] not in seen:
                seen.add(s["service"])
                typer.echo(f"{s['service']:<12} deleted {s['rows_deleted']} rows, {s['redis_keys_deleted']} Redis keys")
        if progress["status"] == "completed" or not wait:
            break
        time.sleep(1)
        progress = httpx.get(url, headers=auth).raise_for_status().json()
    typer.echo(f"deletion {progress['deletion_id']}: {progress['status'].replace('_', ' ')}")


@app.command()
def reclassify(since: str = typer.Option(..., help="From this time, with its UTC offset (2026-11-01T00:00:00Z)"),
               until: str = typer.Option(..., help="Up to this time (exclusive)"),
               version: int = typer.Option(None, help="The channel rules version (default: the current one)"),
               api_key: str = typer.Option(..., envvar="SMM_API_KEY", help="The tenant's admin API key"),
               attribution: str = typer.Option(f"http://127.0.0.1:{stack.SERVICE_PORTS['attribution']}",
                                               help="Attribution's URL (or the gateway's, with /v1)"),
               wait: bool = typer.Option(True, help="Show progress until the job ends")) -> None:
    """Classify a tenant's site visits of a time range again with a channel rules version (docs/channels.md)."""
    import httpx

    base, auth = attribution.rstrip("/"), {"Authorization": f"Bearer {api_key}"}
    body = {"since": since, "until": until} | ({} if version is None else {"version": version})
    resp = httpx.post(f"{base}/reclassifications", json=body, headers=auth)
    if resp.status_code >= 400:
        problem = resp.json() if resp.headers.get("content-type", "").endswith("json") else {}
        typer.echo(f"refused ({resp.status_code}): {problem.get('detail') or resp.text}", err=True)
        for error in problem.get("errors") or ():
            typer.echo(f"  {'.'.join(map(str, error['loc']))}: {error['msg']}", err=True)
        raise typer.Exit(1)
    job = resp.json()
    typer.echo(f"reclassification {job['id']}: visits from {job['since']} to {job['until']}, "
               f"rules version {job['version']}")
    url = f"{base}/reclassifications/{job['id']}"
    while wait and job["total"] is None and job["status"] in ("queued", "running"):
        time.sleep(0.5)   # the total is counted when a worker starts the job
        job = httpx.get(url, headers=auth).raise_for_status().json()
    if wait and job["total"] is not None:
        with typer.progressbar(length=max(job["total"], 1), label="visits") as bar:
            shown = 0
            while True:
                bar.update(job["done"] - shown)
                shown = job["done"]
                if job["status"] not in ("queued", "running"):
                    break
                time.sleep(0.5)
                job = httpx.get(url, headers=auth).raise_for_status().json()
    typer.echo(f"{job['status']}: {job['done']} of {job['total'] if job['total'] is not None else '?'} visits, "
               f"{job['changed']} changed channel" + (f"; error: {job['error']}" if job.get("error") else ""))
    if job["status"] == "failed":
        raise typer.Exit(1)


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def _ensure_database(url: str) -> None:
    import asyncpg

    name = urlsplit(url).path.lstrip("/")

    async def run():
        conn = await asyncpg.connect(_with_database(url, "postgres"))
        try:
            if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    asyncio.run(run())


@app.command()
def up(demo: bool = typer.Option(True, help="Seed a demo tenant with sandbox accounts and posts"),
       data_dir: Path = typer.Option(Path("var/local"), help="Where embedded servers keep their data")) -> None:
    """Start broker, databases, the four services, the web app and the sandbox in the foreground; Ctrl-C stops
    them all."""
    settings = CommonSettings()
    data_dir = data_dir.resolve()
    log_dir = data_dir / "logs"
    started: list = []
    try:
        if stack.port_open("127.0.0.1", 9092):
            raise typer.BadParameter("something already listens on 127.0.0.1:9092; stop it first")
        broker = stack.Broker(port=9092, log_path=log_dir / "tansu.log").start()
        started.append(broker)
        typer.echo(f"broker     tansu on {broker.bootstrap} (in memory)")

        database_url = settings.database_url
        if stack.postgres_answers(database_url):
            _ensure_database(database_url)
            typer.echo(f"postgres   using the server at {urlsplit(database_url).netloc}")
        else:
            database_url = stack.start_embedded_postgres(data_dir / "postgres")
            typer.echo(f"postgres   embedded, data in {data_dir / 'postgres'}")
        redis_url = settings.redis_url
        if stack.redis_answers(redis_url):
            typer.echo(f"redis      using the server at {urlsplit(redis_url).netloc}")
        else:
            server, redis_url = stack.start_embedded_redis(data_dir / "valkey")
            started.append(server)
            typer.echo(f"redis      embedded valkey at {redis_url}")

        os.environ.update(DATABASE_URL=database_url, REDIS_URL=redis_url, KAFKA_BOOTSTRAP_SERVERS=broker.bootstrap)
        from smmkit.bus import ensure_topics
        from smmkit.migrate import upgrade

        upgrade(database_url)
        asyncio.run(ensure_topics(CommonSettings()))
        typer.echo("schema     migrated; topics created")

        sandbox = stack.default_sandbox()
        platform = stack.Platform(env=stack.platform_env(
            database_url=database_url, redis_url=redis_url, bootstrap=broker.bootstrap, sandbox=sandbox),
            log_dir=log_dir, sandbox=sandbox)
        started.append(platform)
        platform.start()
        for name in stack.SERVICE_PORTS:
            typer.echo(f"{name:<10} {platform.url(name)}  (docs: {platform.url(name)}/docs)")
        web = stack.web_process(platform).start()
        started.append(web)
        web.wait_healthy()
        web_url = f"http://127.0.0.1:{stack.WEB_PORT}"
        typer.echo(f"web        {web_url}  (operator console: {web_url}/operator, with OPERATOR_TOKEN)")
        gateway = stack.gateway_process(platform, web_url=web_url).start()
        started.append(gateway)
        gateway.wait_healthy()
        front = f"http://127.0.0.1:{stack.GATEWAY_PORT}"
        typer.echo(f"gateway    {front}  (one origin: the API at {front}/v1/..., the web app at {front}/; "
                   "deploy/routes.yaml)")
        typer.echo(f"sandbox    {sandbox.control}  (docs: {sandbox.control}/_sandbox/docs); "
                   "each network at a base URL shaped like its production one:")
        for line in sandbox.table():
            typer.echo(line)
        typer.echo(f"logs       {log_dir}")
        if demo:
            from smmkit.demo import invite_demo_owner, seed_demo

            seeded = seed_demo(platform, operator_token=CommonSettings().operator_token, echo=typer.echo)
            invite_demo_owner(web_url, seeded["tenant"], operator_token=CommonSettings().operator_token,
                              echo=typer.echo)
        typer.echo("\nRunning. Press Ctrl-C to stop everything.")
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        typer.echo("\nstopping ...")
    finally:
        for item in reversed(started):
            item.stop()


if __name__ == "__main__":
    app()
