"""Field types every service validates the same way: bounds are declared here once.

Each bound is also in the type's JSON Schema (``maximum``, ``pattern``), so the event schemas
published to API consumers carry them, and an event that passes its schema can always be stored.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import langcodes
from iso4217 import Currency
from pydantic import AfterValidator, AwareDatetime, Field, HttpUrl, UrlConstraints, WithJsonSchema

from smmkit.catalogue import NETWORKS


def _known_network(value: str) -> str:
    if value not in NETWORKS:
        raise ValueError(f"unknown network {value!r}; expected one of {', '.join(NETWORKS)}")
    return value


def _iana_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file name
        raise ValueError(f"unknown IANA time zone {value!r}") from None
    return value


# --- text --------------------------------------------------------------------------------

def _storable(value: str) -> str:
    """PostgreSQL text cannot hold NUL, and UTF-8 cannot encode a lone surrogate ("\ud800" in JSON)."""
    if "\x00" in value:
        raise ValueError("must not contain the NUL character (\\u0000)")
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValueError("must not contain unpaired UTF-16 surrogates")
    return value


def text(*, max_length: int, min_length: int = 0, description: str | None = None) -> Any:
    """A string type that PostgreSQL can store, with its bounds (and the NUL ban) in its JSON Schema too."""
    return Annotated[str, Field(min_length=min_length, max_length=max_length, description=description,
                                json_schema_extra={"pattern": "^[^\\u0000]*$"}),
                     AfterValidator(_storable)]


# Every string a request or an event carries is one of these (``tests/contract/test_openapi_bounds.py``
# walks the OpenAPI documents and fails on a string or number without bounds).
URL_MAX, REF_MAX = 2048, 200
Name = text(min_length=1, max_length=200)
Ref = text(min_length=1, max_length=REF_MAX, description="An id in another system")
Label = text(max_length=200)
UrlText = text(max_length=URL_MAX)
Note = text(max_length=2000)
Comment = text(max_length=10_000)
CommentBody = text(min_length=1, max_length=10_000, description="Not blank")
PostText = text(max_length=100_000)
# Signed tokens (review links, tracked links), long enough for a signed URL_MAX destination; they travel in
# URL paths, so their characters need no percent-encoding (which would make the request line 12 times longer).
Token = Annotated[str, Field(min_length=1, max_length=8192, pattern=r"^[A-Za-z0-9_\.~=-]+$")]
# Network tokens and shop secrets: stored encrypted, never shown again.
Secret = text(min_length=1, max_length=8192, description="Stored encrypted; never returned or logged")


def _key_schema_in_property_names(schema: dict[str, Any]) -> None:
    # pydantic documents a dict key's pattern as patternProperties; JSON Schema says it with propertyNames
    pattern, values = schema.pop("patternProperties").popitem()
    schema["propertyNames"]["pattern"] = pattern
    schema["additionalProperties"] = values


# An account's tokens by name (access_token, app_password, page_id ...): a handful, never shown again.
Credentials = Annotated[dict[text(min_length=1, max_length=100), Secret],
                        Field(max_length=20, json_schema_extra=_key_schema_in_property_names)]


def _url_fits(url: HttpUrl) -> HttpUrl:
    # HttpUrl normalises (percent-encodes) its input; what we store and send on is that longer form
    if len(str(url)) > URL_MAX:
        raise ValueError(f"URL is longer than {URL_MAX} characters once encoded")
    return url


Link = Annotated[HttpUrl, UrlConstraints(max_length=URL_MAX), AfterValidator(_url_fits)]


# RFC 5646 §4.4.1: 35 characters hold any tag of language, extlang, script, region and variants;
# the bound applies to what we receive and to the canonical form we store and send.
LANGUAGE_TAG_MAX = 35


@lru_cache(maxsize=4096)
def language_tag(value: str) -> str:
    """A BCP 47 tag in canonical form (``pt-br`` → ``pt-BR``, ``iw`` → ``he``, ``en-Latn`` → ``en``), or
    ValueError saying why not. Subtags must be registered (offline: langcodes ships the IANA registry)."""
    example = "e.g. en, pt-BR, zh-Hant, sr-Latn-RS"
    try:
        tag = langcodes.standardize_tag(value.strip())
        valid = langcodes.tag_is_valid(tag)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a BCP 47 language tag ({exc}); {example}") from None
    if not valid:
        raise ValueError(f"{value!r} is not a BCP 47 language tag: a subtag is not registered; {example}")
    if primary_language(tag) in ("und", "x", "i"):
        # "und" and private-use tags say nothing a network can use: leave the language out instead
        raise ValueError(f"{value!r} names no language; leave language out when it is not known")
    if len(tag) > LANGUAGE_TAG_MAX:
        raise ValueError(f"language tag {tag!r} is longer than {LANGUAGE_TAG_MAX} characters")
    return tag


def primary_language(tag: str) -> str:
    """The language subtag of a canonical tag: ISO 639-1 where the language has such a code (``pt-BR`` → ``pt``)."""
    return tag.split("-", 1)[0]


# The names are listed in the JSON Schema, so clients (and the fuzzer) see the closed set.
Network = Annotated[text(min_length=1, max_length=50), AfterValidator(_known_network),
                    Field(description=f"One of: {', '.join(NETWORKS)}", json_schema_extra={"enum": list(NETWORKS)})]
IanaZone = Annotated[text(min_length=1, max_length=64), AfterValidator(_iana_zone),
                     Field(description="An IANA time zone, e.g. Europe/Berlin")]


# --- money -------------------------------------------------------------------------------

# The largest amount we store, in minor units: 10^15 is ten trillion in a two-decimal currency,
# fits PostgreSQL's bigint with room for sums, and is exact as a float (below 2^53).
MAX_MONEY_MINOR = 10**15

Money = Annotated[int, Field(ge=0, le=MAX_MONEY_MINOR,
                             description=f"Integer minor units (cents), 0 to {MAX_MONEY_MINOR:,}")]
SignedMoney = Annotated[int, Field(ge=-MAX_MONEY_MINOR, le=MAX_MONEY_MINOR,
                                   description=f"Integer minor units, at most {MAX_MONEY_MINOR:,} either way")]
# A ratio of two amounts (ROI, ROMI, ROAS): finite, and no larger than the amounts themselves can make it.
Ratio = Annotated[float, Field(ge=-MAX_MONEY_MINOR, le=MAX_MONEY_MINOR, allow_inf_nan=False,
                               description="A ratio of two money amounts, e.g. 0.25 for 25 %")]
# An ROI alert looks back at most a year of weeks.
ROI_ALERT_MAX_WEEKS = 52


def minor_units(currency: str) -> int:
    """Digits after the decimal point in ``currency`` (ISO 4217, from the maintained ``iso4217`` data)."""
    return Currency(currency).exponent


def _iso_currency(value: str) -> str:
    try:
        exponent = Currency(value).exponent
    except ValueError:
        raise ValueError(f"unknown currency {value!r}: use an ISO 4217 code such as EUR or USD") from None
    if exponent is None:  # funds, metals, testing codes (XAU, XTS, XXX): not money a shop charges
        raise ValueError(f"{value!r} is not a currency with minor units")
    return value


# The codes are listed in the JSON Schema too, so an event that passes its schema names a currency we know.
MONEY_CODES = sorted(c.code for c in Currency if c.exponent is not None)
CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 currency code",
                                    json_schema_extra={"enum": MONEY_CODES}),
                         AfterValidator(_iso_currency)]


# --- time --------------------------------------------------------------------------------

# Dates we accept anywhere: far enough back for history imports, and far enough ahead that
# "day + 1" and a year's report never overflow.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
_YEARS = r"^20[0-9]{2}-"  # 2000-2099, for the JSON Schema


def _time_in_range(value: datetime) -> datetime:
    # a local wall-clock time (no offset) is compared as it reads: zones are hours apart, the range decades
    earliest, latest = (EARLIEST, LATEST) if value.tzinfo else (EARLIEST.replace(tzinfo=None),
                                                                 LATEST.replace(tzinfo=None))
    if not earliest <= value < latest:
        raise ValueError(f"must be from {EARLIEST.date()} up to (not including) {LATEST.date()}")
    return value


def _date_in_range(value: date) -> date:
    if not EARLIEST.date() <= value < LATEST.date():
        raise ValueError(f"must be from {EARLIEST.date()} up to (not including) {LATEST.date()}")
    return value


Moment = Annotated[AwareDatetime, AfterValidator(_time_in_range),
                   Field(json_schema_extra={"pattern": _YEARS},
                         description=f"With a UTC offset, from {EARLIEST.year} up to {LATEST.year}")]


def _naive(value: datetime | time) -> datetime | time:
    if value.tzinfo is not None:
        raise ValueError("a local wall-clock time has no UTC offset: give the zone apart")
    return value


# JSON Schema's date-time and time formats (RFC 3339) require an offset: local wall-clock values are
# documented by pattern instead, so what we answer matches what we document.
_CLOCK = r"[0-2][0-9]:[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?"
_LOCAL_DATETIME = {"type": "string", "pattern": f"^20[0-9]{{2}}-[01][0-9]-[0-3][0-9]T{_CLOCK}$", "maxLength": 32}
LocalDateTime = Annotated[datetime, AfterValidator(_naive), AfterValidator(_time_in_range), WithJsonSchema(
    {**_LOCAL_DATETIME, "description": f"A local wall-clock time, no offset, e.g. 2031-03-30T09:00, "
                                       f"from {EARLIEST.year} up to {LATEST.year}", "examples": ["2031-03-30T09:00"]})]
LocalTime = Annotated[time, AfterValidator(_naive), WithJsonSchema(
    {"type": "string", "pattern": f"^{_CLOCK}$", "maxLength": 15, "description": "A local wall-clock time, e.g. 09:30",
     "examples": ["09:30"]})]
WallOrMoment = Annotated[datetime, AfterValidator(_time_in_range), WithJsonSchema({
    "anyOf": [{"type": "string", "format": "date-time", "pattern": _YEARS}, _LOCAL_DATETIME],
    "description": f"With a UTC offset, or a local wall-clock time without one; "
                   f"from {EARLIEST.year} up to {LATEST.year}"})]
Day = Annotated[date, AfterValidator(_date_in_range),
                Field(json_schema_extra={"pattern": _YEARS}, description=f"From {EARLIEST.year} up to {LATEST.year}")]


LanguageTag = Annotated[
    text(max_length=LANGUAGE_TAG_MAX), Field(description="A BCP 47 language tag, e.g. en, pt-BR, zh-Hant; "
                                                         "stored in canonical form"),
    AfterValidator(language_tag)]


# --- numbers -----------------------------------------------------------------------------

# Counters and sequence numbers: exact as a JSON number in any client (below 2^53) and summable in a bigint.
MAX_COUNT = 2**53 - 1
SignedCount = Annotated[int, Field(ge=-MAX_COUNT, le=MAX_COUNT, description="A count, or a change of one")]
Ordinal = Annotated[int, Field(ge=1, le=MAX_COUNT, description="1, 2, 3 ...")]
Quantity = Annotated[int, Field(ge=1, le=1_000_000, description="How many of an item in an order")]

MINUTE_S, DAY_S = 60, 24 * 3600


def seconds(*, at_least: float, at_most: float, description: str | None = None, number: type = int) -> Any:
    """A duration in seconds, bounded so that ``now + duration`` never leaves the dates we accept."""
    return Annotated[number, Field(ge=at_least, le=at_most, description=description)]


def at_most(n: int, description: str | None = None) -> Any:
    """A number of items asked for (a page size, items per day): at least one, at most ``n``."""
    return Annotated[int, Field(ge=1, le=n, description=description)]
