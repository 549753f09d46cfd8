"""`make audit` (.ci/audit.py): what fails the build, what is ignored with a reason, and what only warns."""
import importlib.util

import pytest

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("ci_audit", ROOT / ".ci" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

VULN = {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-0001", "GHSA-xxxx-yyyy-zzzz"], "fix_versions": ["2.0"],
        "description": "Something bad."}


def report(*deps):
    return {"dependencies": list(deps), "fixes": []}


def test_a_known_vulnerability_fails_and_names_the_fix():
    code, lines = audit.verdict(report({"name": "lib", "version": "1.0", "vulns": [VULN]},
                                       {"name": "ok", "version": "1.0", "vulns": []}), {})
    assert code == 1
    assert any("VULNERABLE  lib 1.0: PYSEC-2099-1" in line and "fixed in: 2.0" in line for line in lines)


def test_an_ignored_vulnerability_passes_by_any_alias_and_says_why():
    ignored = audit.read_ignored("# comment\nGHSA-xxxx-yyyy-zzzz  only the CLI is affected; we import the library\n")
    code, lines = audit.verdict(report({"name": "lib", "version": "1.0", "vulns": [VULN]}), ignored)
    assert code == 0
    assert any(line.startswith("ignored  lib 1.0") and "only the CLI" in line for line in lines)


def test_an_ignore_entry_without_a_reason_is_refused():
    with pytest.raises(SystemExit, match="needs a reason"):
        audit.read_ignored("CVE-2099-0001\n")


def test_nothing_audited_is_a_warning_not_a_pass():
    skipped = {"name": "lib", "version": "1.0",
               "skip_reason": "Dependency not found on PyPI and could not be audited: lib (1.0)"}
    code, lines = audit.verdict(report(skipped), {})
    assert code == 0
    assert lines[0].startswith("WARNING: dependency audit NOT DONE")


def test_the_ignore_file_in_the_repo_is_valid():
    audit.read_ignored(audit.IGNORE_FILE.read_text())
