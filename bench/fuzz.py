"""The API fuzzing of ``tests/fuzz`` with a longer budget and new inputs every run.

Runs the same tests as ``make test`` (every operation of the four services, as tenant A, without a key and as
tenant B, against real PostgreSQL, Redis and a broker), with ``--examples`` per operation (default 200),
schemathesis' coverage phase on (every boundary of every field) and a random seed instead of a fixed one.
The last line is JSON: operations, examples sent, answers by status class, failures, seconds.
Usage: python bench/fuzz.py [--quick] [--examples N]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, this folder is first on sys.path and bench/planner.py would shadow the planner package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402


class Failures:
    """Counts failed tests, schemathesis' per-operation subtests included."""

    def __init__(self) -> None:
        self.failed: list[str] = []

    def pytest_runtest_logreport(self, report) -> None:
        if report.failed:
            self.failed.append(report.nodeid)


def main(examples: int, coverage: bool) -> dict:
    report = Path(tempfile.mkdtemp()) / "fuzz.json"
    os.environ.update(SMM_FUZZ_EXAMPLES=str(examples), SMM_FUZZ_STEPS=str(max(10, examples // 2)), SMM_FUZZ_RANDOM="1", SMM_FUZZ_COVERAGE="1" if coverage else "0",
                      SMM_FUZZ_REPORT=str(report))
    failures = Failures()
    started = time.monotonic()
    exit_code = pytest.main([str(ROOT / "tests" / "fuzz"), "-q", "-p", "no:cacheprovider", "-W", "ignore"],
                            plugins=[failures])
    answers = json.loads(report.read_text()) if report.exists() else {}
    by_class: dict[str, int] = {}
    for status, count in answers.get("statuses", {}).items():
        by_class[f"{status[0]}xx"] = by_class.get(f"{status[0]}xx", 0) + count
    return {"operations": answers.get("operations", 0), "examples": sum(by_class.values()),
            "examples_per_operation": examples, "coverage_phase": coverage, "answers": by_class,
            "failures": len(failures.failed), "failed": failures.failed[:20], "pytest_exit": int(exit_code),
            "seconds": round(time.monotonic() - started, 1)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the budget of make test (25 examples, no coverage)")
    parser.add_argument("--examples", type=int, default=200, help="examples per operation for tenant A")
    args = parser.parse_args()
    print(json.dumps(main(25 if args.quick else args.examples, coverage=not args.quick)))
