"""Fault injection with counts: every case of ``tests/chaos`` with bigger bursts and longer faults.

Each case runs a burst of posts (and one shop order per post) on a platform with its own PostgreSQL, Redis and
broker, hits it with one fault mid-burst (the broker wiped, PostgreSQL crashed and restarted, Redis flushed or restarted, a network
answering 5xx or slowly for a minute, a service SIGKILLed, the report rollup rebuilt while orders arrive) and
counts, at the sandbox and in the reports, what was lost and what was duplicated, and how long after the fault
the last post or order was settled. Every lost and duplicated must be 0.
The last line is JSON: {case: {lost, duplicated, recover_s, ...}}.
Usage: python bench/chaos.py [--quick] [--case NAME ...]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, this folder is first on sys.path and bench/planner.py would shadow the planner package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from tests.chaos import harness  # noqa: E402
from tests.chaos.cases import BENCH, CASES, QUICK  # noqa: E402


def main(quick: bool, names: list[str]) -> dict:
    scale = QUICK if quick else BENCH
    results = {}
    with harness.running("bench-chaos") as chaos:
        for name in names:
            started = time.monotonic()
            result = CASES[name](chaos, scale)
            summary = result.summary()
            summary["seconds"] = round(time.monotonic() - started, 1)
            results[name] = summary
            print(f"{name:18} lost={result.lost} duplicated={result.duplicated} recover_s={summary['recover_s']}",
                  flush=True)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the sizes of make test (tests/chaos)")
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="only these cases (repeatable)")
    args = parser.parse_args()
    print(json.dumps(main(args.quick, args.case or list(CASES))))
