from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="AccountConnectionRead")



@_attrs_define
class AccountConnectionRead:
    """ 
        Attributes:
            account_id (UUID):
            network (str):
            account_ref (str):
            status (str):
            status_reason (None | str):
            connected_at (datetime.datetime):
            updated_at (datetime.datetime):
     """

    account_id: UUID
    network: str
    account_ref: str
    status: str
    status_reason: None | str
    connected_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        account_id = str(self.account_id)

        network = self.network

        account_ref = self.account_ref

        status = self.status

        status_reason: None | str
        status_reason = self.status_reason

        connected_at = self.connected_at.isoformat()

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "account_id": account_id,
            "network": network,
            "account_ref": account_ref,
            "status": status,
            "status_reason": status_reason,
            "connected_at": connected_at,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))




        network = d.pop("network")

        account_ref = d.pop("account_ref")

        status = d.pop("status")

        def _parse_status_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status_reason = _parse_status_reason(d.pop("status_reason"))


        connected_at = datetime.datetime.fromisoformat(d.pop("connected_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        account_connection_read = cls(
            account_id=account_id,
            network=network,
            account_ref=account_ref,
            status=status,
            status_reason=status_reason,
            connected_at=connected_at,
            updated_at=updated_at,
        )


        account_connection_read.additional_properties = d
        return account_connection_read

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
