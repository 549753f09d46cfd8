"""Field types every service validates the same way."""
from __future__ import annotations

from functools import lru_cache
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import langcodes
from pydantic import AfterValidator, Field

from smmkit.catalogue import NETWORKS


def _known_network(value: str) -> str:
    if value not in NETWORKS:
        raise ValueError(f"unknown network {value!r}; expected one of {', '.join(NETWORKS)}")
    return value


def _iana_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown IANA time zone {value!r}") from None
    return value


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


Network = Annotated[str, AfterValidator(_known_network), Field(description=f"One of: {', '.join(NETWORKS)}")]
IanaZone = Annotated[str, AfterValidator(_iana_zone), Field(description="An IANA time zone, e.g. Europe/Berlin")]
LanguageTag = Annotated[
    str, Field(max_length=LANGUAGE_TAG_MAX, description="A BCP 47 language tag, e.g. en, pt-BR, zh-Hant; "
                                                       "stored in canonical form"),
    AfterValidator(language_tag)]
