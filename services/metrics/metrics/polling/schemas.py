import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from metrics.polling.models import StoppingKind


class PollingState(BaseModel):
    """Whether metrics still reads this post (or account), and why not."""

    model_config = ConfigDict(from_attributes=True)

    polling_status: Literal["active", "stopped", "finished"] = Field(
        description="active: read on schedule; stopped: reads kept failing (see stopped_reason) until the account's "
                    "read credentials are put again; finished: the post is past its schedule or deleted")
    failures: int = Field(description="consecutive reads that failed for a reason retrying cannot fix")
    last_error: str | None = Field(description="the network's message of the last such failure")
    stopped_at: datetime | None
    stopped_kind: StoppingKind | None
    stopped_reason: str | None = Field(description="the network's message that stopped the reads")


class StoppedTarget(PollingState):
    target_id: uuid.UUID
    account_id: uuid.UUID
    network: str


class StoppedAccount(PollingState):
    account_id: uuid.UUID
    network: str
    account_ref: str


class StoppedReads(BaseModel):
    targets: list[StoppedTarget]
    accounts: list[StoppedAccount]
