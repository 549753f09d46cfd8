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
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "NC_": ((1, "c"), 2),
            "pgettext": ((1, "c"), 2)}
# %(name)s placeholders and the escaped percent sign that newstyle gettext needs for a literal "%".
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


def _extracted() -> dict[tuple, list[str]]:
    """(msgid, context) → the files it is in; a plural message's msgid is its (singular, plural) pair."""
    with (WEB / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    messages: dict[tuple, list[str]] = {}
    for filename, _lineno, message, _comments, context in extract_from_dir(
            str(WEB), method_map, options_map, keywords=KEYWORDS):
        messages.setdefault((message, context), []).append(filename)
    return messages


@pytest.fixture(scope="module")
def extracted() -> dict[tuple, list[str]]:
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
    assert ("Sign in", None) in extracted and ("wrong e-mail address or password", None) in extracted
    # and a plural message, and one with a context (the same English word in another sense)
    assert (("%(num)d target", "%(num)d targets"), None) in extracted
    assert ("active", "tenant") in extracted


def test_every_message_has_a_spanish_translation_with_the_same_placeholders(extracted, spanish):
    problems = []
    for (msgid, context), files in sorted(extracted.items(), key=repr):
        entry = spanish.get(msgid[0] if isinstance(msgid, tuple) else msgid, context)
        strings = () if entry is None else entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not strings or not all(strings):
            problems.append(f"untranslated: {msgid!r} ({files[0]})")
            continue
        if isinstance(msgid, tuple) and (entry.id != msgid or len(strings) != spanish.num_plurals):
            problems.append(f"plural forms: {msgid!r} needs {spanish.num_plurals} Spanish forms")
        if entry.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        english = msgid[1] if isinstance(msgid, tuple) else msgid
        for string in strings:
            if Counter(PLACEHOLDER.findall(string)) != Counter(PLACEHOLDER.findall(english)):
                problems.append(f"placeholders differ: {msgid!r} -> {string!r}")
                continue
            try:  # templates %-format every message (newstyle gettext): a stray "%" would be a 500
                string % {name: 1 if kind == "d" else "x" for name, kind in re.findall(r"%\((\w+)\)([sd])", string)}
            except (ValueError, TypeError, KeyError) as exc:
                problems.append(f"not formattable ({exc}): {string!r}")
    assert not problems, "\n".join(problems)


def test_the_catalogue_has_no_obsolete_entries(extracted, spanish):
    assert not spanish.obsolete, f"obsolete (#~) entries: {list(spanish.obsolete)}"
    stale = [m.id for m in spanish if m.id and (m.id, m.context) not in extracted]
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


def test_plurals_follow_the_catalogues_plural_forms(spanish):
    """ngettext finds a msgid_plural entry (Babel reads its id as a pair) and picks the form by the catalogue's
    Plural-Forms: Spanish (CLDR) has three, "one", "many" (whole millions: "1.000.000 de destinos") and "other"."""
    from web import i18n

    singular, plural = "%(num)d target", "%(num)d targets"
    forms = spanish[singular].string
    assert len(forms) == 3 and forms[0] != forms[2]
    token = i18n.current_locale.set("es")
    try:
        assert i18n.ngettext(singular, plural, 1) % {"num": 1} == "1 destino"
        assert i18n.ngettext(singular, plural, 2) % {"num": 2} == "2 destinos"
        assert i18n.ngettext(singular, plural, 0) == forms[2]
        assert i18n.ngettext(singular, plural, 1_000_000) == forms[1]
        assert i18n.ngettext("%(num)d apple", "%(num)d apples", 2) == "%(num)d apples"  # in no catalogue
        assert i18n.pgettext("tenant", "active") == "activo" and i18n.gettext("active") == "activa"
    finally:
        i18n.current_locale.reset(token)
    assert i18n.ngettext(singular, plural, 1) == singular and i18n.ngettext(singular, plural, 3) == plural
    assert i18n.pgettext("tenant", "active") == "active"
