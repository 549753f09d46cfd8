"""The Python SDK in clients/python is what openapi-python-client makes of docs/openapi.yaml, and installs."""
from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from smmkit import openapi

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "clients" / "python"
GENERATOR = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent)) or shutil.which(
    "openapi-python-client")


def _differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, at: str) -> None:
        found.extend(f"{at}{name}: only in the committed SDK" for name in cmp.left_only if name != "__pycache__")
        found.extend(f"{at}{name}: missing from the committed SDK" for name in cmp.right_only)
        found.extend(f"{at}{name}: differs" for name in cmp.diff_files)
        for name, sub in cmp.subdirs.items():
            if name != "__pycache__":
                walk(sub, f"{at}{name}/")

    walk(filecmp.dircmp(left, right, ignore=["__pycache__"]), "")
    return found


@pytest.mark.skipif(GENERATOR is None, reason="openapi-python-client is not installed (it is in the test extra)")
def test_the_committed_sdk_is_what_make_docs_generates(tmp_path):
    shutil.copy(PROJECT / "generator.yaml", tmp_path / "generator.yaml")
    fresh = openapi.generate_client(ROOT / "docs" / openapi.MERGED_NAME, tmp_path)
    assert (fresh / "api" / "posts" / "posts_create.py").exists()
    differences = _differences(PROJECT / openapi.CLIENT_PACKAGE, fresh)
    assert not differences, "clients/python is stale, run `make docs`:\n" + "\n".join(differences[:20])


@pytest.mark.skipif(GENERATOR is None, reason="openapi-python-client is not installed (it is in the test extra)")
def test_every_operation_is_in_the_sdk(tmp_path):
    """The generator skips an operation it cannot parse with only a warning: none may be skipped."""
    result = subprocess.run([GENERATOR, "generate", "--path", str(ROOT / "docs" / openapi.MERGED_NAME),
                             "--output-path", str(tmp_path / "sdk"), "--meta", "none",
                             "--config", str(PROJECT / "generator.yaml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "will not be generated" not in result.stdout and "Unable to parse" not in result.stdout, result.stdout


def test_the_sdk_builds_as_an_installable_wheel(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--wheel-dir", str(tmp_path), str(PROJECT)], check=True, capture_output=True)
    wheel, = tmp_path.glob("smm_client-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"smm_client/client.py", "smm_client/api/posts/posts_create.py", "smm_client/models/problem.py"} <= names
