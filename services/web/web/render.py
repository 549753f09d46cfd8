"""Jinja2 pages: every page gets the user, the CSRF token and locale-aware formatting (Babel)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime
from babel.numbers import format_currency, format_decimal, get_currency_precision
from fastapi import Request
from fastapi.templating import Jinja2Templates

from web import i18n
from web.identity.deps import csrf_token

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.add_extension("jinja2.ext.i18n")
templates.env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
# A message that reached the page already written (a title or detail from Python): looked up as it is, with no
# %-formatting, so an API's detail that is in no catalogue passes through unchanged.
templates.env.globals["translated"] = i18n.gettext
LOCALES = i18n.LOCALES


def locale_of(request: Request) -> str:
    """The first of the browser's languages we have (English otherwise)."""
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().replace("-", "_")
        try:
            if tag and Locale.parse(tag).language in LOCALES:
                return Locale.parse(tag).language
        except (ValueError, UnknownLocaleError):
            continue
    return "en"


def N_(message: str) -> str:
    """Marks a message for extraction only: it is stored as written and translated when a page shows it."""
    return message


async def use_locale(request: Request) -> None:
    """Router dependency: messages written in Python (``_()``) are in the browser's language. Async on purpose:
    it runs in the request's own task, so the context variable holds for the handler and its error pages."""
    i18n.current_locale.set(locale_of(request))


def _formatters(locale: str) -> dict:
    def when(value, tz: str = "UTC", fmt: str = "medium"):
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return format_datetime(value.astimezone(ZoneInfo(tz)), fmt, locale=locale) if value else ""

    def money(amount_minor, currency: str):
        if amount_minor is None:
            return ""
        return format_currency(amount_minor / 10 ** get_currency_precision(currency), currency, locale=locale)

    def number(value, digits: int = 2):
        return "" if value is None else format_decimal(round(value, digits), locale=locale)

    return {"when": when, "money": money, "number": number}


def page(request: Request, template: str, status_code: int = 200, headers: dict | None = None, **context):
    locale = locale_of(request)
    i18n.current_locale.set(locale)  # this request's task only (a context variable)
    return templates.TemplateResponse(request, template, {
        "user": getattr(request.state, "user", None), "csrf": csrf_token(request), "locale": locale,
        "errors": {}, **_formatters(locale), **context,
    }, status_code=status_code, headers=headers)
