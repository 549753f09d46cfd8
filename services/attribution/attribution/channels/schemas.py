"""Channel rules and reclassification jobs as the API takes and answers them. Every bound is declared here."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator
from smmkit.validation import Label, Moment, UrlText, text

from attribution.channels import CHANNELS, INTERNAL
from attribution.channels.rules import CLICK_IDS, PRESENCE

MAX_RULES = 50          # a rule list a person can read; the defaults have 13
MAX_VALUES = 200        # values in one condition's list (the defaults' longest, social domains, has ~35)
VALUE_MAX = 100         # one utm value
DOMAIN_MAX = 253        # DNS
MAX_VERSION = 2**31 - 1  # PostgreSQL integer

ChannelName = Literal[(*CHANNELS, INTERNAL)]
Version = Annotated[int, Field(ge=0, le=MAX_VERSION, description="A rule set version; 0 is the built-in defaults")]


def _lower(value):
    return value.strip().lower() if isinstance(value, str) else value


def _host(value):
    # the referrer's host is compared without its www. (rules.host_of)
    return _lower(value).removeprefix("www.") if isinstance(value, str) else value


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


UtmValue = Annotated[text(min_length=1, max_length=VALUE_MAX), BeforeValidator(_lower)]
Domain = Annotated[str, Field(
    min_length=1, max_length=DOMAIN_MAX,
    pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(\.\*)?$",
    description="A host and its subdomains (instagram.com), or name.* for every country domain (google.*)"),
    BeforeValidator(_host)]   # after the Field: lower-cased first, then checked


def values(item, description: str):
    return Annotated[list[item], Field(min_length=1, max_length=MAX_VALUES, description=description),
                     AfterValidator(_unique)]


class RuleIn(BaseModel):
    """One rule: every condition given must hold (a list: any of its values); the first rule that holds wins."""

    model_config = ConfigDict(extra="forbid")

    channel: ChannelName
    label: Label = ""
    utm_medium: values(UtmValue, "utm_medium is one of these (case-insensitive)") | None = None
    utm_source: values(UtmValue, "utm_source is one of these (case-insensitive)") | None = None
    referrer_domains: values(Domain, "The referrer's host is one of these or under one") | None = None
    click_ids: values(Literal[CLICK_IDS], "The landing URL carries one of these click ids "
                                          "(click_id: our tracked link's, always social_tracked anyway)") | None = None
    referrer: Literal[PRESENCE] = Field("any", description="empty: no referrer; present: some referrer")
    utm: Literal[PRESENCE] = Field("any", description="empty: no utm_source, utm_medium nor utm_campaign")


class RulesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[RuleIn] = Field(min_length=1, max_length=MAX_RULES,
                                description="In order: the first rule that holds gives the channel")


class RulesRead(BaseModel):
    version: int
    rules: list[RuleIn]
    created_at: datetime | None = Field(description="null for version 0, the built-in defaults")


class PreviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: UrlText = Field(min_length=1, description="The landing page, with its query (UTM, click ids)")
    referrer: UrlText | None = None
    version: Version | None = Field(None, description="Default: the current version")
    rules: list[RuleIn] | None = Field(None, min_length=1, max_length=MAX_RULES,
                                       description="Rules not saved yet, to try (instead of a version)")

    @field_validator("rules")
    @classmethod
    def _not_both(cls, rules: list[RuleIn] | None, info: ValidationInfo) -> list[RuleIn] | None:
        if rules is not None and info.data.get("version") is not None:
            raise ValueError("give rules or a version, not both")
        return rules


class PreviewRead(BaseModel):
    channel: str
    version: int | None = Field(description="The version used; null when unsaved rules were given")
    matched: int | str = Field(description="The index of the rule that held, or the fixed fact: click_id "
                                           "(our tracked link), same_site (internal), fallback (no rule held)")


class ReclassificationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    since: Moment = Field(description="Visits from this time (inclusive)")
    until: Moment = Field(description="Up to this time (exclusive)")
    version: Version | None = Field(None, description="Default: the current version")

    @field_validator("until")
    @classmethod
    def _after_since(cls, until: datetime, info: ValidationInfo) -> datetime:
        since = info.data.get("since")
        if since is not None and until <= since:
            raise ValueError("must be after since")
        return until


class ReclassificationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    status: Literal["queued", "running", "done", "failed"]
    since: datetime
    until: datetime
    version: int
    total: int | None = Field(description="Visits in the range, counted when the job starts")
    done: int = Field(description="Visits classified so far")
    changed: int = Field(description="Visits whose channel changed")
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
