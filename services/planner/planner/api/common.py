"""Small request helpers shared by the planner's routers."""
from datetime import datetime
from typing import Annotated

from fastapi import Header, Query
from pydantic import BaseModel

from planner.timezones import zone
from smmkit.bodylimit import MiB, body_limit
from smmkit.validation import IanaZone, Label

# Routes that carry a post's text: up to 63,206 characters on Facebook (up to 6 bytes each as escaped JSON),
# with media, links and a variant per target.
POST_BODY = body_limit(1 * MiB)


async def actor(x_actor: Annotated[Label | None, Header(description="Who does this (shown in history)")]
                = None) -> str:
    return x_actor or "api"


TzQuery = Annotated[IanaZone | None, Query(description="IANA zone to show times in (default UTC)")]


def localize(obj, tz_name: str | None):
    """The same response with every datetime shown in ``tz_name`` (same instants, local offsets)."""
    if not tz_name:
        return obj
    tz = zone(tz_name)

    def walk(value):
        if isinstance(value, datetime):
            return value.astimezone(tz)
        if isinstance(value, BaseModel):
            return value.model_copy(update={k: walk(getattr(value, k)) for k in type(value).model_fields})
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return walk(obj)


def localize_page(found: dict, schema: type[BaseModel], tz_name: str | None) -> dict:
    """A page of rows (``Keyset.page``) read as ``schema``, its times shown in ``tz_name``."""
    return {**found, "items": localize([schema.model_validate(r) for r in found["items"]], tz_name)}
