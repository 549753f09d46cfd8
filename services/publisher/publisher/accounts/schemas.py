import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from smmkit.validation import Credentials, Network, Ref


class CredentialsPut(BaseModel):
    """``network`` and ``account_ref`` must be the ones the account was created with on the planner."""

    network: Network
    account_ref: Ref
    credentials: Credentials = Field(description="Network tokens; stored encrypted, never returned or logged")


class AccountConnectionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    account_id: uuid.UUID
    network: str
    account_ref: str
    status: str
    status_reason: str | None
    connected_at: datetime
    updated_at: datetime
