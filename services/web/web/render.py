"""Jinja2 pages: every page gets the user, the CSRF token and locale-aware formatting (Babel)."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, get_day_names
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_precision
from fastapi import Request
from fastapi.templating import Jinja2Templates

from web import i18n
from web.i18n import N_  # noqa: F401 - the pages import it from here
from web.labels import label
from web.identity.deps import csrf_token

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.add_extension("jinja2.ext.i18n")
templates.env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
# A message that reached the page already written (a title or detail from Python): looked up as it is, with no
# %-formatting, so an API's detail that is in no catalogue passes through unchanged.
templates.env.globals["translated"] = i18n.gettext
# A code from a service (role, status, report name) as people read it (web.labels).
templates.env.globals["label"] = label
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

    def percent(value) -> str:  # a share 0..1: "42.5%", "42,5 %"
        return "" if value is None else format_percent(value, "#,##0.#%", locale=locale)

    def day(value) -> str:  # a date alone: "Dec 3, 2026", "3 dic 2026"
        if isinstance(value, str):
            value = date.fromisoformat(value[:10])
        return format_date(value, "medium", locale=locale) if value else ""

    def month_name(value) -> str:  # "December 2026", "diciembre de 2026"
        return format_date(value, "LLLL y", locale=locale)

    def weekday(index: int) -> str:  # 0 is Monday: "Mon", "lun"
        return get_day_names("abbreviated", locale=locale)[index]

    def week_start() -> int:  # the calendar's first weekday for the locale, as FullCalendar counts (0 is Sunday)
        return (Locale.parse(locale).first_week_day + 1) % 7

    return {"when": when, "money": money, "number": number, "percent": percent, "day": day, "month_name": month_name, "weekday": weekday,
            "week_start": week_start}


def page(request: Request, template: str, status_code: int = 200, headers: dict | None = None, **context):
    locale = locale_of(request)
    i18n.current_locale.set(locale)  # this request's task only (a context variable)
    return templates.TemplateResponse(request, template, {
        "user": getattr(request.state, "user", None), "csrf": csrf_token(request), "locale": locale,
        "errors": {}, **_formatters(locale), **context,
    }, status_code=status_code, headers=headers)
