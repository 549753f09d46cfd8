from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.connection_create_network import check_connection_create_network
from ..models.connection_create_network import ConnectionCreateNetwork
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.connection_create_credentials_type_0 import ConnectionCreateCredentialsType0





T = TypeVar("T", bound="ConnectionCreate")



@_attrs_define
class ConnectionCreate:
    """ 
        Attributes:
            network (ConnectionCreateNetwork): One of: telegram, vk, mastodon, bluesky, x, facebook, instagram, linkedin,
                threads, pinterest, youtube, tiktok, reddit, discord, gbp
            account_id (None | Unset | UUID): Reconnect this account (the same one, its history kept)
            return_to (None | str | Unset): Where the callback sends the person afterwards
            account_ref (None | str | Unset): Telegram: the channel (@name or -100 id) the bot posts to
            credentials (ConnectionCreateCredentialsType0 | None | Unset): Telegram: bot_token; Bluesky: identifier and
                app_password
     """

    network: ConnectionCreateNetwork
    account_id: None | Unset | UUID = UNSET
    return_to: None | str | Unset = UNSET
    account_ref: None | str | Unset = UNSET
    credentials: ConnectionCreateCredentialsType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.connection_create_credentials_type_0 import ConnectionCreateCredentialsType0 # noqa: PLC0415
        network: str = self.network

        account_id: None | str | Unset
        if isinstance(self.account_id, Unset):
            account_id = UNSET
        elif isinstance(self.account_id, UUID):
            account_id = str(self.account_id)
        else:
            account_id = self.account_id

        return_to: None | str | Unset
        if isinstance(self.return_to, Unset):
            return_to = UNSET
        else:
            return_to = self.return_to

        account_ref: None | str | Unset
        if isinstance(self.account_ref, Unset):
            account_ref = UNSET
        else:
            account_ref = self.account_ref

        credentials: dict[str, Any] | None | Unset
        if isinstance(self.credentials, Unset):
            credentials = UNSET
        elif isinstance(self.credentials, ConnectionCreateCredentialsType0):
            credentials = self.credentials.to_dict()
        else:
            credentials = self.credentials


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "network": network,
        })
        if account_id is not UNSET:
            field_dict["account_id"] = account_id
        if return_to is not UNSET:
            field_dict["return_to"] = return_to
        if account_ref is not UNSET:
            field_dict["account_ref"] = account_ref
        if credentials is not UNSET:
            field_dict["credentials"] = credentials

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.connection_create_credentials_type_0 import ConnectionCreateCredentialsType0 # noqa: PLC0415
        d = dict(src_dict)
        network = check_connection_create_network(d.pop("network"))




        def _parse_account_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                account_id_type_0 = UUID(data)



                return account_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        account_id = _parse_account_id(d.pop("account_id", UNSET))


        def _parse_return_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        return_to = _parse_return_to(d.pop("return_to", UNSET))


        def _parse_account_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_ref = _parse_account_ref(d.pop("account_ref", UNSET))


        def _parse_credentials(data: object) -> ConnectionCreateCredentialsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                credentials_type_0 = ConnectionCreateCredentialsType0.from_dict(data)



                return credentials_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConnectionCreateCredentialsType0 | None | Unset, data)

        credentials = _parse_credentials(d.pop("credentials", UNSET))


        connection_create = cls(
            network=network,
            account_id=account_id,
            return_to=return_to,
            account_ref=account_ref,
            credentials=credentials,
        )


        connection_create.additional_properties = d
        return connection_create

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
