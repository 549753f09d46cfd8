"""Messages through Babel catalogues (``translations/<locale>/LC_MESSAGES/messages.po``), English in the
templates and Spanish from its catalogue; the locale is the browser's (``render.locale_of``).

Extract new messages with ``pybabel extract -F services/web/babel.cfg -o messages.pot services/web/web`` and
merge them into each catalogue with ``pybabel update``. The ``.po`` files are read as they are, at start-up.
"""
from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path

from babel.messages.pofile import read_po

HERE = Path(__file__).parent / "translations"
current_locale: ContextVar[str] = ContextVar("current_locale", default="en")


def _load() -> dict[str, dict[str, str]]:
    catalogs = {}
    for po in HERE.glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as f:
            catalog = read_po(f)
        catalogs[po.parts[-3]] = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    return catalogs


CATALOGS = _load()
LOCALES = ("en", *sorted(CATALOGS))


def gettext(message: str) -> str:
    return CATALOGS.get(current_locale.get(), {}).get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)
