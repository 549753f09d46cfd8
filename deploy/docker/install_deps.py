"""Install the project's dependencies - and nothing of the project itself - from pyproject.toml.

The image build copies only ``pyproject.toml`` and this script, then runs it, so the
dependency layer is rebuilt only when ``pyproject.toml`` changes; the code is copied and
installed afterwards with ``pip install --no-deps --no-build-isolation``. The list is
exactly ``[project].dependencies`` (what ``make test`` installs, minus the ``[local]`` and
``[test]`` extras: no tansu, no embedded PostgreSQL or Valkey in production) plus
``[build-system].requires``, needed to build our own wheel without network isolation, at
the versions pinned in ``requirements.lock`` next to pyproject.toml (``make lock``).
``tests/deploy/test_dockerfiles.py`` and ``tests/deploy/test_dependencies.py`` check that.

    python install_deps.py pyproject.toml             # pip install them
    python install_deps.py pyproject.toml --dry-run   # print the pip command only
"""
from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path


def requirements(pyproject: Path, extras: tuple[str, ...] = ()) -> list[str]:
    """Build requirements, then runtime dependencies, then the named extras, in file order."""
    data = tomllib.loads(Path(pyproject).read_text())
    reqs = list(data.get("build-system", {}).get("requires", []))
    reqs += data["project"].get("dependencies", [])
    optional = data["project"].get("optional-dependencies", {})
    for extra in extras:
        if extra not in optional:
            raise SystemExit(f"unknown extra {extra!r}; pyproject.toml defines {sorted(optional)}")
        reqs += optional[extra]
    return reqs


def lockfile(pyproject: Path) -> Path:
    return Path(pyproject).parent / "requirements.lock"


def pip_command(reqs: list[str], lock: Path | None = None) -> list[str]:
    """The lock as constraints: only what ``reqs`` need is installed, each at its pinned version."""
    pinned = [f"--constraint={lock}"] if lock else []
    return [sys.executable, "-m", "pip", "install", "--no-cache-dir", *pinned, *reqs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pyproject", type=Path)
    parser.add_argument("--extra", action="append", default=[], help="also install this optional-dependencies group")
    parser.add_argument("--dry-run", action="store_true", help="print the pip command instead of running it")
    args = parser.parse_args(argv)
    lock = lockfile(args.pyproject)
    cmd = pip_command(requirements(args.pyproject, tuple(args.extra)), lock if lock.exists() else None)
    if args.dry_run:
        print(shlex.join(cmd))
        return 0
    return subprocess.call(cmd)


if __name__ == "__main__":
    raise SystemExit(main())
