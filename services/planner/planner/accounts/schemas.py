import uuid
from datetime import datetime
from pydantic import BaseModel, ConfigDict, Field

from smmkit.validation import IanaZone, Network


class AccountCreate(BaseModel):
    network: Network
    handle: str = Field(min_length=1, max_length=200)
    account_ref: str = Field(min_length=1, max_length=200, description="Channel, page id, group id or handle on the network")
    timezone: IanaZone = "UTC"
    brand_id: uuid.UUID | None = None


class AccountRead(AccountCreate):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    created_at: datetime
