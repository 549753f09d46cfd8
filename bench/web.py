"""The web app's calendar against the bare planner call, measured in the same run.

feed_p95_ms        the calendar month view's event feed (``GET /calendar/events``, what the page fetches) for a
                   tenant with 10,000 posts in one month: session check, the planner call, events built
                   baseline: the bare planner ``GET /calendar`` of the same month and zone, as the page asks for it
                   (``per_day``: the first posts of each day listed, all counted; API key, no web app)
interactive_ms     in Chromium, from navigation start until the month view with 1,000 posts is drawn and idle
                   (the page's events set, then one frame and one task later)
                   baseline: the bare planner ``GET /calendar`` of that month, from Python
import_*_ms        5,000 CSV rows on the import page: the upload's per-row preview (the whole file dry-run), and the
                   commit's answer, which shows the first progress while the parts are imported
                   baseline: the bare planner dry run of the same file (``POST /imports/posts?dry_run=true``)
Each figure is the median over several rounds (a round's p95 over its requests, or one page load); the ratios
are ours / baseline. The issue's targets: feed p95 <= 100 ms, interactive <= 1 s,
first progress of a 5,000-row import <= 1 s.

Usage: python bench/web.py [--quick]      (the last line is JSON)
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
import time
import uuid
from datetime import date
from pathlib import Path

# this folder holds bench/planner.py: keep it off the path so ``import planner`` (the service) is not shadowed
_here = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _here]
sys.path.insert(0, str(_here.parent))

import asyncpg  # noqa: E402
import httpx  # noqa: E402

from bench.common import ROOT, bench_stack, median  # noqa: E402
from smmkit import stack  # noqa: E402
from smmkit.bus import ensure_topics  # noqa: E402
from web.pages.calendar import MONTH_PER_DAY  # noqa: E402

OPERATOR = "bench-operator"
LOG_DIR = ROOT / "var" / "bench" / "web"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PASSWORD = "correct horse battery staple"
BIG_MONTH = ("2031-03-01", "2031-03-31")  # 10,000 posts (the feed)
SMALL_MONTH = ("2031-04-01", "2031-04-30")  # 1,000 posts (the browser)
# the month grid FullCalendar asks for: whole weeks around the month
BIG_GRID = ("2031-02-23", "2031-04-06")
SMALL_GRID = ("2031-03-30", "2031-05-11")


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, int(round(0.95 * len(values))) - 1)]


def redis_url() -> str:
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    import redis

    redis.Redis.from_url(url).flushdb()  # the bench's own DB: no rate-limit budgets from earlier runs
    return url


def set_up_tenant(planner: str, web: str) -> dict:
    """A tenant on the planner, set up in the web app; its owner's invitation and its API key."""
    operator = {"Authorization": f"Bearer {OPERATOR}"}
    issued = httpx.post(f"{planner}/admin/tenants", json={"name": "Bench Roasters"},
                        headers=operator).raise_for_status().json()
    email = f"owner-{uuid.uuid4().hex[:8]}@example.com"
    made = httpx.post(f"{web}/operator/api/tenants", headers=operator, json={
        "name": "Bench Roasters", "owner_email": email, "tenant_id": issued["tenant"]["id"],
        "api_key": issued["api_key"]}).raise_for_status().json()
    return {"id": issued["tenant"]["id"], "api_key": issued["api_key"], "invite_url": made["invite_url"]}


async def seed(database_url: str, tenant: str, accounts: list[str], n: int, first: str, days: int) -> None:
    """``n`` scheduled posts (one target each) spread over ``days`` from ``first`` (the accounts are real ones,
    made through the API; the posts go in by SQL, as bench/planner.py seeds its month)."""
    conn = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.execute("""
            WITH p AS (
                INSERT INTO planner.posts (id, tenant_id, text, pillar, campaign, links, media, tags, status, created_at)
                SELECT gen_random_uuid(), $1, 'Calendar post ' || g, (ARRAY['engage','warm_up','sell'])[1 + g % 3],
                       'spring', '[]', '[]', '[]', 'scheduled', now()
                  FROM generate_series(1, $2) g
                RETURNING id)
            INSERT INTO planner.post_targets (id, tenant_id, post_id, account_id, network, status, scheduled_at,
                                              dispatch_count)
            SELECT gen_random_uuid(), $1, p.id, ($3::uuid[])[1 + (row_number() OVER ()) % cardinality($3::uuid[])],
                   'mastodon', 'scheduled', $4::date + (random() * make_interval(days => $5)), 0
              FROM p""", uuid.UUID(tenant), n, [uuid.UUID(a) for a in accounts],
                           date.fromisoformat(first), days)
        await conn.execute("ANALYZE planner.post_targets; ANALYZE planner.posts")
    finally:
        await conn.close()


def timed(client: httpx.Client, url: str, params: dict) -> float:
    t0 = time.perf_counter()
    client.get(url, params=params).raise_for_status()
    return (time.perf_counter() - t0) * 1000


def measure_feed(web: str, planner: str, cookies: dict, api_key: str, rounds: int, per_round: int) -> dict:
    feed = {"start": BIG_GRID[0], "end": BIG_GRID[1], "tz": "Europe/Berlin"}
    bare = {"from": BIG_GRID[0], "to": "2031-04-05", "tz": "Europe/Berlin", "per_day": MONTH_PER_DAY}
    ours, base = [], []
    with httpx.Client(cookies=cookies, timeout=60) as w, \
            httpx.Client(headers={"Authorization": f"Bearer {api_key}"}, timeout=60) as p:
        events = w.get(f"{web}/calendar/events", params=feed).raise_for_status().json()
        total = json.loads(p.get(f"{planner}/calendar", params=bare).content)["total"]
        for _ in range(2):  # warm both paths up
            timed(w, f"{web}/calendar/events", feed), timed(p, f"{planner}/calendar", bare)
        for _ in range(rounds):
            ours.append(p95([timed(w, f"{web}/calendar/events", feed) for _ in range(per_round)]))
            base.append(p95([timed(p, f"{planner}/calendar", bare) for _ in range(per_round)]))
    return {"feed_events": len(events), "feed_planner_total": total, "feed_p95_ms": round(median(ours), 1),
            "feed_bare_p95_ms": round(median(base), 1), "feed_ratio": round(median(ours) / median(base), 2)}


def import_csv(handles: list[str], n: int, tag: str) -> bytes:
    """``n`` rows in June 2031, over the accounts, each text its own (the planner refuses a repeated text)."""
    lines = ["scheduled_at,timezone,accounts,text,pillar,campaign"]
    for i in range(n):
        day, minute = 1 + i % 30, (i // 30) % (24 * 60)
        lines.append(f"2031-06-{day:02d}T{minute // 60:02d}:{minute % 60:02d}:00,UTC,{handles[i % len(handles)]},"
                     f"Imported {tag} #{i},engage,summer")
    return ("\n".join(lines) + "\n").encode()


def measure_import(web: str, planner: str, cookies: dict, api_key: str, handles: list[str], rounds: int) -> dict:
    """5,000 rows through the import page: the upload's per-row preview (a dry run of the whole file), then the
    commit's answer, which shows the first progress; baseline: the bare planner dry run of the same file."""
    csrf = {"csrf_token": cookies["smm_csrf"]}
    previews, commits, bare, valid = [], [], [], 0
    with httpx.Client(cookies=cookies, timeout=120) as w, \
            httpx.Client(headers={"Authorization": f"Bearer {api_key}"}, timeout=120) as p:
        for r in range(rounds):
            content = import_csv(handles, 5_000, f"r{r}-{uuid.uuid4().hex[:6]}")
            t0 = time.perf_counter()
            p.post(f"{planner}/imports/posts", params={"format": "csv", "dry_run": "true"}, content=content,
                   headers={"content-type": "text/csv"}).raise_for_status()
            bare.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            shown = w.post(f"{web}/import", data=csrf, files={"file": ("posts.csv", content, "text/csv")})
            previews.append((time.perf_counter() - t0) * 1000)
            shown.raise_for_status()
            token = re.search(r'action="/import/([^/"]+)/commit"', shown.text).group(1)
            t0 = time.perf_counter()
            started = w.post(f"{web}/import/{token}/commit", data=csrf)
            commits.append((time.perf_counter() - t0) * 1000)
            assert started.status_code == 200 and "<progress" in started.text, started.text[:300]
            while True:  # the next round starts on a quiet planner
                job = w.get(f"{web}/import/{token}", params={"fragment": "1"}).text
                if 'data-status="running"' not in job:
                    valid = int(re.search(r'data-done-rows="(\d+)"', job).group(1))
                    break
                time.sleep(0.5)
    return {"import_rows": 5_000, "import_done_rows": valid, "import_preview_ms": round(median(previews)),
            "import_first_progress_ms": round(median(commits)), "import_bare_dry_run_ms": round(median(bare)),
            "import_preview_ratio": round(median(previews) / median(bare), 2)}


def measure_browser(web: str, planner: str, invite_url: str, api_key: str, rounds: int) -> tuple[dict, dict]:
    from playwright.sync_api import sync_playwright

    bare = {"from": SMALL_GRID[0], "to": "2031-05-10", "tz": "UTC", "per_day": MONTH_PER_DAY}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        ctx = browser.new_context(locale="en-US", timezone_id="UTC")
        page = ctx.new_page()
        page.goto(invite_url)
        page.get_by_label("Your name").fill("Bench Owner")
        page.get_by_label("Choose a password").fill(PASSWORD)
        page.get_by_role("button", name="Create my account").click()
        page.wait_for_url("**/accounts")
        cookies = {c["name"]: c["value"] for c in ctx.cookies()}
        ours, base, drawn = [], [], 0
        with httpx.Client(headers={"Authorization": f"Bearer {api_key}"}, timeout=60) as p:
            for i in range(rounds + 1):  # the first load warms the caches up and is not counted
                page.goto(f"{web}/calendar?date={SMALL_MONTH[0]}", wait_until="commit")
                page.wait_for_selector("#calendar[data-ready]", state="attached", timeout=60_000)
                ms = page.evaluate("() => new Promise((done) => requestAnimationFrame(() => "
                                   "setTimeout(() => done(performance.now()))))")
                drawn = int(page.get_attribute("#calendar", "data-ready"))
                api_ms = timed(p, f"{planner}/calendar", bare)
                if i:
                    ours.append(ms)
                    base.append(api_ms)
        browser.close()
    return ({"interactive_events": drawn, "interactive_ms": round(median(ours)),
             "interactive_bare_api_ms": round(median(base), 1),
             "interactive_ratio": round(median(ours) / median(base), 1)}, cookies)


def main(quick: bool) -> dict:
    rounds, per_round = (3, 8) if quick else (5, 40)
    redis = redis_url()
    with bench_stack(partitions=3) as settings:
        asyncio.run(ensure_topics(settings))
        env = stack.platform_env(
            database_url=settings.database_url, redis_url=redis, bootstrap=settings.kafka_bootstrap_servers,
            sandbox=stack.default_sandbox(),
            extra={"ENVIRONMENT": "test", "OPERATOR_TOKEN": OPERATOR, "SECRET_KEYS": "bench-secret-key",
                   "TRACKING_SECRET": "bench-tracking", "KAFKA_PARTITIONS": "3", "LOG_LEVEL": "WARNING",
                   "API_RATE_LIMIT": "1000000"})
        # only the planner answers the calendar; the other services' URLs are never called here
        platform = stack.Platform(env=env, log_dir=LOG_DIR, service_ports={
            name: stack.free_port() for name in ("planner", "publisher", "metrics", "attribution")})
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        web_port = stack.free_port()
        web = f"http://127.0.0.1:{web_port}"
        web_proc = None
        try:
            platform.start(["planner"])
            web_proc = stack.web_process(platform, web_port).start()
            web_proc.wait_healthy(60)
            planner = platform.url("planner")
            tenant = set_up_tenant(planner, web)
            auth = {"Authorization": f"Bearer {tenant['api_key']}"}
            accounts = [httpx.post(f"{planner}/accounts", headers=auth, json={
                "network": "mastodon", "handle": f"@bench{i}", "account_ref": f"bench{i}",
                "timezone": "Europe/Berlin"}).raise_for_status().json()["id"] for i in range(8)]
            asyncio.run(seed(settings.database_url, tenant["id"], accounts, 10_000, BIG_MONTH[0], 30))
            asyncio.run(seed(settings.database_url, tenant["id"], accounts, 1_000, SMALL_MONTH[0], 29))
            browser, cookies = measure_browser(web, planner, tenant["invite_url"], tenant["api_key"],
                                               3 if quick else 7)
            feed = measure_feed(web, planner, cookies, tenant["api_key"], rounds, per_round)
            imported = measure_import(web, planner, cookies, tenant["api_key"], [f"@bench{i}" for i in range(8)],
                                      2 if quick else 5)
        finally:
            if web_proc is not None:
                web_proc.stop()
            platform.stop()
    return {"quick": quick, **feed, **browser, **imported}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, under 2 minutes")
    args = parser.parse_args()
    started = time.monotonic()
    result = main(args.quick)
    result["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(result))
