"""What an import row may hold, for the OpenAPI document: the importer reads rows leniently and reports
each bad one, so this model documents the columns (and their bounds) rather than parsing them."""
from typing import Annotated

from pydantic import BaseModel, Field

from smmkit.openapi import request_body
from smmkit.validation import IanaZone, Label, LanguageTag, Name, PostText, UrlText, WallOrMoment, text

MAX_ROWS = 50_000
MAX_BYTES = 50 * 2**20


class ImportRow(BaseModel):
    scheduled_at: WallOrMoment = Field(description="With a UTC offset, or a local time read in `timezone`")
    timezone: IanaZone | None = None
    accounts: list[Name] | Label = Field(description="Account ids or handles (a list, or separated by | ; or spaces)")
    text: PostText
    media_urls: list[UrlText] | UrlText = []
    pillar: Label | None = None
    campaign: Label | None = None
    language: LanguageTag | None = None


REQUEST_BODY = request_body({"text/csv": text(max_length=MAX_BYTES),
                             "application/json": Annotated[list[ImportRow], Field(max_length=MAX_ROWS)]})
