import uuid
from datetime import datetime

from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from smmkit.validation import Ref, UrlText


class PublishTargetRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    target_id: uuid.UUID
    post_id: uuid.UUID
    account_id: uuid.UUID
    network: str
    state: str
    attempts: int = Field(validation_alias=AliasChoices("tries", "attempts"),
                          description="How many times a worker took the target up (crash recoveries included)")
    scheduled_at: datetime
    next_attempt_at: datetime
    external_id: str | None
    url: str | None
    published_at: datetime | None
    error_kind: str | None
    last_error: str | None
    published_at: datetime | None
    error_kind: str | None
    last_error: str | None


class TargetResolve(BaseModel):
    """A person's verdict on a target that needs review."""

    outcome: Literal["published", "retry"] = Field(
        description="published: the post is on the network (give its URL); retry: it is not, publish it again")
    url: UrlText | None = Field(None, description="The post's URL on the network (required for published)")
    external_id: Ref | None = Field(None, description="The network's id of the post; taken from the URL if omitted")
