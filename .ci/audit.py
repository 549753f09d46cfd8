"""Known vulnerabilities in the installed dependencies (pip-audit against PyPI's advisories); `make audit`.

Fails on a vulnerability unless .ci/pip-audit-ignore lists it (by id or alias) with a reason. When the advisory
service cannot be reached, or answers for none of the dependencies, it says so loudly and does not fail:
nothing was checked, which is not the same as nothing found.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

IGNORE_FILE = Path(__file__).with_name("pip-audit-ignore")
PIP_AUDIT = [sys.executable, "-m", "pip_audit", "--local", "--skip-editable", "--format", "json",
             "--progress-spinner", "off", "--timeout", "30"]


def read_ignored(text: str) -> dict[str, str]:
    """``ID  reason`` per line; ``#`` starts a comment. An entry without a reason is refused."""
    ignored = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        vuln_id, _, reason = line.partition(" ")
        if not reason.strip():
            raise SystemExit(f"{IGNORE_FILE.name}:{number}: {vuln_id} needs a reason")
        ignored[vuln_id] = reason.strip()
    return ignored


def verdict(report: dict, ignored: dict[str, str]) -> tuple[int, list[str]]:
    """(exit code, lines to print) for pip-audit's JSON report."""
    deps = report.get("dependencies", [])
    audited = [d for d in deps if "skip_reason" not in d]
    unanswered = [d for d in deps if "not found on PyPI" in d.get("skip_reason", "")]
    if not audited:
        return 0, [f"WARNING: dependency audit NOT DONE: the advisory service answered for none of the {len(deps)} "
                   "dependencies (is https://pypi.org/pypi/<name>/<version>/json reachable?)"]
    lines = [f"WARNING: not audited (unknown to the advisory service): {', '.join(d['name'] for d in unanswered)}"] \
        if unanswered else []
    failing = 0
    for dep in audited:
        for vuln in dep.get("vulns", []):
            names = [vuln["id"], *vuln.get("aliases", [])]
            reason = next((ignored[n] for n in names if n in ignored), None)
            fix = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            what = f"{dep['name']} {dep['version']}: {' / '.join(names)} (fixed in: {fix})"
            if reason:
                lines.append(f"ignored  {what}: {reason}")
            else:
                failing += 1
                lines.append(f"VULNERABLE  {what}\n    {vuln.get('description', '').strip()[:300]}")
    lines.append(f"{len(audited)} dependencies audited, {failing} with known vulnerabilities not ignored")
    return (1 if failing else 0), lines


def main() -> int:
    ignored = read_ignored(IGNORE_FILE.read_text()) if IGNORE_FILE.exists() else {}
    run = subprocess.run(PIP_AUDIT, capture_output=True, text=True)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        # pip-audit stops with a traceback when the service is unreachable; anything else is our problem
        error = run.stderr.strip().splitlines()[-1:] or ["no output"]
        if any(word in run.stderr for word in ("ConnectionError", "Max retries", "Timeout", "NameResolution")):
            print(f"WARNING: dependency audit NOT DONE: the advisory service is unreachable ({error[0]})")
            return 0
        print(run.stderr, file=sys.stderr)
        return run.returncode or 1
    code, lines = verdict(report, ignored)
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
