"""What the front door costs: the same requests to the planner directly and through the gateway, in one run.

A planner process and a gateway process in front of it (smmkit.gateway, deploy/routes.yaml), on a fresh database
and a tansu broker. Two requests:
  healthz  GET /healthz vs /v1/planner/healthz: no database, so the gateway's share is as large as it gets;
  posts    GET /posts vs /v1/posts with a tenant's key: an ordinary API call (auth, rate limit, a query).
Sequential latency (one keep-alive client, the two paths interleaved) and throughput with --concurrency clients.
Medians over --rounds; the last line is JSON.

Usage: python bench/gateway.py [--requests 300] [--rounds 3] [--concurrency 16]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

# Run as a script, this folder is first on sys.path and bench/planner.py would shadow the planner package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from bench.common import ROOT, bench_stack, median  # noqa: E402
from smmkit import stack  # noqa: E402


def _latencies(client: httpx.Client, urls: tuple[str, str], n: int, headers: dict) -> tuple[list[float], list[float]]:
    direct, through = [], []
    for i in range(n):
        for url, out in ((urls[0], direct), (urls[1], through)) if i % 2 == 0 else ((urls[1], through), (urls[0], direct)):
            start = time.perf_counter()
            resp = client.get(url, headers=headers)
            out.append((time.perf_counter() - start) * 1000)
            assert resp.status_code == 200, resp.text
    return direct, through


async def _throughput(url: str, n: int, concurrency: int, headers: dict) -> float:
    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=concurrency)) as client:
        left = n

        async def worker():
            nonlocal left
            while left > 0:
                left -= 1
                resp = await client.get(url, headers=headers)
                assert resp.status_code == 200, resp.text

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()

    with bench_stack() as settings:
        log_dir = ROOT / "var" / "bench" / "gateway"
        env = {**os.environ, "DATABASE_URL": settings.database_url, "KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers,
               "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11"), "ENVIRONMENT": "development",
               "API_RATE_LIMIT": "0", "PUBLIC_RATE_LIMIT": "0", "LOG_LEVEL": "WARNING"}
        planner_port, gateway_port = stack.free_ports(2)
        platform = stack.Platform(env=env, log_dir=log_dir, service_ports={"planner": planner_port})
        platform.start(["planner"])
        gateway = stack.gateway_process(platform, gateway_port).start()
        try:
            gateway.wait_healthy(30)
            direct, front = platform.url("planner"), f"http://127.0.0.1:{gateway_port}"
            operator = {"Authorization": f"Bearer {settings.operator_token}"}
            key = httpx.post(f"{direct}/admin/tenants", json={"name": "Bench Roasters"}, headers=operator).json()["api_key"]
            cases = {"healthz": ((f"{direct}/healthz", f"{front}/v1/planner/healthz"), {}),
                     "posts": ((f"{direct}/posts", f"{front}/v1/posts"), {"Authorization": f"Bearer {key}"})}
            result: dict = {"bench": "gateway", "requests": args.requests, "rounds": args.rounds,
                            "concurrency": args.concurrency}
            with httpx.Client(timeout=30) as client:
                for name, (urls, headers) in cases.items():
                    _latencies(client, urls, 20, headers)  # warm-up: connections, caches
                    lat_d, lat_g, rps_d, rps_g = [], [], [], []
                    for _ in range(args.rounds):
                        d, g = _latencies(client, urls, args.requests, headers)
                        lat_d.append(median(d))
                        lat_g.append(median(g))
                        rps_d.append(asyncio.run(_throughput(urls[0], args.requests, args.concurrency, headers)))
                        rps_g.append(asyncio.run(_throughput(urls[1], args.requests, args.concurrency, headers)))
                    d_ms, g_ms, d_rps, g_rps = median(lat_d), median(lat_g), median(rps_d), median(rps_g)
                    result[name] = {"direct_ms": round(d_ms, 3), "gateway_ms": round(g_ms, 3),
                                    "overhead_ms": round(g_ms - d_ms, 3), "latency_ratio": round(g_ms / d_ms, 2),
                                    "direct_rps": round(d_rps), "gateway_rps": round(g_rps),
                                    "throughput_ratio": round(g_rps / d_rps, 2)}
                    print(f"{name:8} direct {d_ms:.2f} ms, through the gateway {g_ms:.2f} ms "
                          f"(+{g_ms - d_ms:.2f} ms); {d_rps:.0f} vs {g_rps:.0f} req/s at {args.concurrency} clients",
                          file=sys.stderr)
        finally:
            gateway.stop()
            platform.stop()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
