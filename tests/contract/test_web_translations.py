"""The web app's Spanish catalogue covers every message the app has: Babel's extraction is run here, in-process,
with the app's own babel.cfg, over its templates and Python modules (what `pybabel extract` would find)."""
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

WEB = Path(__file__).resolve().parents[2] / "services" / "web"
SPANISH = WEB / "web" / "translations" / "es" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
# %(name)s placeholders and the escaped percent sign that newstyle gettext needs for a literal "%".
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


def _extracted() -> dict[str, list[str]]:
    with (WEB / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    messages: dict[str, list[str]] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
            str(WEB), method_map, options_map, keywords=KEYWORDS):
        for msgid in (message if isinstance(message, tuple) else (message,)):
            messages.setdefault(msgid, []).append(filename)
    return messages


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[str]]:
    return _extracted()


@pytest.fixture(scope="module")
def spanish():
    with SPANISH.open("rb") as f:
        return read_po(f)


def test_extraction_finds_templates_and_python(extracted):
    where = {f for files in extracted.values() for f in files}
    assert any(f.endswith(".html") for f in where), "no template message extracted: check babel.cfg"
    assert any(f.endswith(".py") for f in where), "no Python message extracted: check babel.cfg"
    # One from each side, so a broken mapping cannot pass on an empty extraction.
    assert "Sign in" in extracted and "wrong e-mail address or password" in extracted


def test_every_message_has_a_spanish_translation_with_the_same_placeholders(extracted, spanish):
    problems = []
    for msgid, files in sorted(extracted.items()):
        entry = spanish.get(msgid)
        if entry is None or not entry.string:
            problems.append(f"untranslated: {msgid!r} ({files[0]})")
            continue
        if entry.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for string in strings:
            if Counter(PLACEHOLDER.findall(string)) != Counter(PLACEHOLDER.findall(msgid)):
                problems.append(f"placeholders differ: {msgid!r} -> {string!r}")
                continue
            try:  # templates %-format every message (newstyle gettext): a stray "%" would be a 500
                string % {name: "x" for name in re.findall(r"%\((\w+)\)", string)}
            except (ValueError, TypeError, KeyError) as exc:
                problems.append(f"not formattable ({exc}): {string!r}")
    assert not problems, "\n".join(problems)


def test_the_catalogue_has_no_obsolete_entries(extracted, spanish):
    assert not spanish.obsolete, f"obsolete (#~) entries: {list(spanish.obsolete)}"
    stale = [m.id for m in spanish if m.id and m.id not in extracted]
    assert not stale, f"in the catalogue but no longer in the app: {stale}"


def test_the_app_reads_the_catalogue_as_written(spanish):
    from web import i18n

    token = i18n.current_locale.set("es")
    try:
        assert i18n.gettext("Settings") == spanish["Settings"].string != "Settings"
        assert i18n.gettext("a message in no catalogue") == "a message in no catalogue"
    finally:
        i18n.current_locale.reset(token)
    assert i18n.gettext("Settings") == "Settings"
