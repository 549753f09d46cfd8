"""Field types every service validates the same way."""
from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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


Network = Annotated[str, AfterValidator(_known_network), Field(description=f"One of: {', '.join(NETWORKS)}")]
IanaZone = Annotated[str, AfterValidator(_iana_zone), Field(description="An IANA time zone, e.g. Europe/Berlin")]
