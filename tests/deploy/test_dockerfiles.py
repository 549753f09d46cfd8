"""The platform image (deploy/docker/smm.Dockerfile): slim Python 3.11, non-root, dependencies from
pyproject.toml in a layer of their own, and exactly the dependencies ``make test`` installs.

No Docker engine is needed: the Dockerfile is parsed, and the dependency script is run in dry-run mode.
"""
from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "docker" / "smm.Dockerfile"
IGNOREFILE = ROOT / "deploy" / "docker" / "smm.Dockerfile.dockerignore"
INSTALL_DEPS = ROOT / "deploy" / "docker" / "install_deps.py"
PYPROJECT = ROOT / "pyproject.toml"
CODE_DIRS = ("libs/", "services/", "sandbox/")


def load_install_deps():
    spec = importlib.util.spec_from_file_location("smm_install_deps", INSTALL_DEPS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    logical, current = [], ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        logical.append(current + line)
        current = ""
    out = []
    for line in logical:
        word, _, rest = line.partition(" ")
        out.append((word.upper(), rest.strip()))
    return out


def stages(instrs) -> list[dict]:
    """Split into build stages: name, base and instructions of each."""
    result = []
    for word, args in instrs:
        if word == "FROM":
            parts = args.split()
            name = parts[parts.index("AS") + 1] if "AS" in parts else None
            result.append({"name": name, "base": parts[0], "instrs": []})
        elif result:
            result[-1]["instrs"].append((word, args))
    return result


def pyproject() -> dict:
    return tomllib.loads(PYPROJECT.read_text())


def test_base_image_is_slim_python_311():
    instrs = instructions(DOCKERFILE)
    args = {}
    for word, rest in instrs:
        if word == "ARG" and "=" in rest:
            key, _, value = rest.partition("=")
            args[key] = value
    bases = [s["base"] for s in stages(instrs)]
    external = [b for b in bases if b not in {s["name"] for s in stages(instrs)}]
    assert external, "no FROM"
    for base in external:
        resolved = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], base)
        assert re.fullmatch(r"python:3\.11(\.\d+)?-slim(-\w+)?", resolved), resolved


def test_runtime_stage_runs_as_the_non_root_uid_kubernetes_expects():
    final = stages(instructions(DOCKERFILE))[-1]
    users = [args for word, args in final["instrs"] if word == "USER"]
    assert users, "final stage sets no USER"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0, "USER must be a numeric non-root uid (runAsNonRoot can verify it)"
    k8s_uids = set()
    for path in (ROOT / "deploy" / "k8s" / "base").rglob("*.yaml"):
        k8s_uids |= {int(m) for m in re.findall(r"runAsUser: (\d+)", path.read_text())}
    assert k8s_uids == {int(uid)}


def test_dependencies_are_installed_from_pyproject_before_any_code_is_copied():
    """The dependency layer depends on pyproject.toml alone, so code edits reuse the cache."""
    all_stages = stages(instructions(DOCKERFILE))
    by_name = {s["name"]: s for s in all_stages}

    def chain(stage):  # instructions of the stage and all its ancestors, oldest first
        parent = by_name.get(stage["base"])
        return (chain(parent) if parent else []) + stage["instrs"]

    for stage in all_stages:
        flat = chain(stage)
        code_copies = [n for n, (w, a) in enumerate(flat) if w == "COPY" and any(d in a for d in CODE_DIRS)]
        if not code_copies:
            continue
        before = flat[: code_copies[0]]
        copied = " ".join(a for w, a in before if w == "COPY")
        assert "pyproject.toml" in copied and "install_deps.py" in copied
        runs = [a for w, a in before if w == "RUN"]
        assert any("install_deps.py" in a and "pyproject.toml" in a and "--extra" not in a for a in runs), runs


def test_the_project_itself_is_installed_without_dependencies():
    runs = [a for w, a in instructions(DOCKERFILE) if w == "RUN" and "pip " in a]
    project_installs = [a for a in runs if "install_deps.py" not in a]
    assert project_installs, "the project is never installed"
    for cmd in project_installs:
        assert "--no-deps" in cmd, f"pip must not resolve dependencies again here: {cmd}"


def test_every_package_directory_of_pyproject_is_copied():
    copied = " ".join(a for w, a in instructions(DOCKERFILE) if w == "COPY")
    for where in pyproject()["tool"]["setuptools"]["packages"]["find"]["where"]:
        assert any(where.startswith(d.rstrip("/")) and d in copied for d in CODE_DIRS), where


def test_image_installs_exactly_the_dependencies_make_test_installs():
    """[project].dependencies (what `pip install -e '.[test]'` installs besides the test extras)
    plus the build backend; the test extras stay out of the image."""
    data = pyproject()
    module = load_install_deps()
    reqs = module.requirements(PYPROJECT)
    assert reqs == data["build-system"]["requires"] + data["project"]["dependencies"]
    assert not set(data["project"]["optional-dependencies"]["test"]) & set(reqs)

    out = subprocess.run([sys.executable, str(INSTALL_DEPS), str(PYPROJECT), "--dry-run"],
                         capture_output=True, text=True, check=True).stdout
    argv = shlex.split(out)
    assert argv[1:4] == ["-m", "pip", "install"]
    installed = [a for a in argv[4:] if not a.startswith("--")]
    assert installed == reqs


def test_install_deps_refuses_unknown_extras():
    with pytest.raises(SystemExit):
        load_install_deps().requirements(PYPROJECT, ("no-such-extra",))


def test_build_context_is_limited_to_what_the_image_needs():
    patterns = [p.strip() for p in IGNOREFILE.read_text().splitlines() if p.strip() and not p.startswith("#")]
    assert patterns[0] == "**", "ignore everything, then allow what the image needs"
    allowed = {p[1:].rstrip("/") for p in patterns if p.startswith("!")}
    assert allowed == {"pyproject.toml", "requirements.lock", "deploy/docker/install_deps.py", "deploy/routes.yaml",
                       "libs", "services", "sandbox"}
    assert ".env" in patterns


def test_compose_builds_this_dockerfile_and_kubernetes_runs_the_same_image():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    built = {s["build"]["dockerfile"] for s in compose["services"].values() if "build" in s}
    assert built == {str(DOCKERFILE.relative_to(ROOT))}
    images = {s["image"].split(":")[0] for s in compose["services"].values() if "build" in s}
    assert images == {"smm-platform"}
