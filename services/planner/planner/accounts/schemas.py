import uuid
from datetime import datetime
from pydantic import BaseModel, ConfigDict, Field

from smmkit.validation import IanaZone, Name, Network, Ref


class AccountCreate(BaseModel):
    network: Network
    handle: Name
    account_ref: Ref = Field(description="Channel, page id, group id or handle on the network")
    timezone: IanaZone = "UTC"
    brand_id: uuid.UUID | None = None


class AccountRead(AccountCreate):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    created_at: datetime
