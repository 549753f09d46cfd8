import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from smmkit.validation import Credentials, Name, Network, Note, Ref, UrlText


class ConnectionCreate(BaseModel):
    network: Network
    account_id: uuid.UUID | None = Field(None, description="Reconnect this account (the same one, its history kept)")
    return_to: UrlText | None = Field(None, description="Where the callback sends the person afterwards")
    # Networks without a consent screen (catalogue flow bot_token / app_password): what the person pastes,
    # checked against the network at once. Stored encrypted, never returned or logged.
    account_ref: Ref | None = Field(None, description="Telegram: the channel (@name or -100 id) the bot posts to")
    credentials: Credentials | None = Field(None, description="Telegram: bot_token; Bluesky: identifier and "
                                                              "app_password")


class Destination(BaseModel):
    ref: Ref
    name: Name


class DestinationChoice(BaseModel):
    ref: Ref = Field(description="One of the connection's destinations")


class ConnectionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    network: str
    status: str = Field(description="pending, choosing, authorized, connected or failed")
    reason: Note | None = None
    account_id: uuid.UUID | None = None
    account_ref: Ref | None = None
    handle: Name | None = None
    expires_at: datetime
    destinations: list[Destination] = Field([], description="While choosing: what the account may post as")


class ConnectionStarted(ConnectionRead):
    authorization_url: UrlText | None = Field(description="Send the person here: the network's consent screen "
                                                          "(none for a pasted bot token or app password)")
