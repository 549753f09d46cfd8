"""Messages through Babel catalogues (``translations/<locale>/LC_MESSAGES/messages.po``), English in the
templates and Spanish from its catalogue; the locale is the browser's (``render.locale_of``).

Extract new messages with ``pybabel extract -F services/web/babel.cfg -o messages.pot services/web/web`` and
merge them into each catalogue with ``pybabel update``. The ``.po`` files are read as they are, at start-up.
"""
from __future__ import annotations

import gettext as _stdlib_gettext
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

HERE = Path(__file__).parent / "translations"
current_locale: ContextVar[str] = ContextVar("current_locale", default="en")


def _english_plural(n: int) -> int:
    return 0 if n == 1 else 1


@dataclass
class Catalog:
    """One locale's messages: singular ones by their id, plural ones (a ``msgid_plural`` entry, whose id
    Babel reads as a tuple) by their singular id, with the catalogue's own rule for picking a form."""

    messages: dict[str, str] = field(default_factory=dict)
    in_context: dict[tuple[str, str], str] = field(default_factory=dict)  # (msgctxt, msgid): one word, two senses
    plurals: dict[str, tuple[str, ...]] = field(default_factory=dict)
    plural_form: Callable[[int], int] = _english_plural


def _load() -> dict[str, Catalog]:
    catalogs = {}
    for po in HERE.glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as f:
            catalog = read_po(f)
        # The Plural-Forms header as a function of n (the stdlib's parser of the C expression).
        one = Catalog(plural_form=_stdlib_gettext.c2py(catalog.plural_expr))
        for m in catalog:
            if not m.id or m.fuzzy:
                continue
            if isinstance(m.id, tuple):
                if all(m.string):
                    one.plurals[m.id[0]] = tuple(m.string)
            elif m.string and m.context:
                one.in_context[m.context, m.id] = m.string
            elif m.string:
                one.messages[m.id] = m.string
        catalogs[po.parts[-3]] = one
    return catalogs


CATALOGS = _load()
LOCALES = ("en", *sorted(CATALOGS))


def N_(message: str) -> str:
    """Marks a message for extraction only: it is stored as written and translated when a page shows it."""
    return message


def NC_(context: str, message: str) -> str:
    """Marks a message with its context (``msgctxt``: the same English word, another sense) for extraction."""
    return message


def pgettext(context: str, message: str) -> str:
    catalog = CATALOGS.get(current_locale.get())
    return catalog.in_context.get((context, message), message) if catalog else message


def gettext(message: str) -> str:
    catalog = CATALOGS.get(current_locale.get())
    return catalog.messages.get(message, message) if catalog else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of the message for ``n`` in the current locale (English's two when it has no translation)."""
    catalog = CATALOGS.get(current_locale.get())
    forms = catalog.plurals.get(singular) if catalog else None
    if forms:
        return forms[min(catalog.plural_form(n), len(forms) - 1)]
    return singular if n == 1 else plural
