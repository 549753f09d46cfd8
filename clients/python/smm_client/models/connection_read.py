from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.destination import Destination





T = TypeVar("T", bound="ConnectionRead")



@_attrs_define
class ConnectionRead:
    """ 
        Attributes:
            id (UUID):
            network (str):
            status (str): pending, choosing, authorized, connected or failed
            expires_at (datetime.datetime):
            reason (None | str | Unset):
            account_id (None | Unset | UUID):
            account_ref (None | str | Unset):
            handle (None | str | Unset):
            destinations (list[Destination] | Unset): While choosing: what the account may post as
     """

    id: UUID
    network: str
    status: str
    expires_at: datetime.datetime
    reason: None | str | Unset = UNSET
    account_id: None | Unset | UUID = UNSET
    account_ref: None | str | Unset = UNSET
    handle: None | str | Unset = UNSET
    destinations: list[Destination] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.destination import Destination # noqa: PLC0415
        id = str(self.id)

        network = self.network

        status = self.status

        expires_at = self.expires_at.isoformat()

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        account_id: None | str | Unset
        if isinstance(self.account_id, Unset):
            account_id = UNSET
        elif isinstance(self.account_id, UUID):
            account_id = str(self.account_id)
        else:
            account_id = self.account_id

        account_ref: None | str | Unset
        if isinstance(self.account_ref, Unset):
            account_ref = UNSET
        else:
            account_ref = self.account_ref

        handle: None | str | Unset
        if isinstance(self.handle, Unset):
            handle = UNSET
        else:
            handle = self.handle

        destinations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.destinations, Unset):
            destinations = []
            for destinations_item_data in self.destinations:
                destinations_item = destinations_item_data.to_dict()
                destinations.append(destinations_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "network": network,
            "status": status,
            "expires_at": expires_at,
        })
        if reason is not UNSET:
            field_dict["reason"] = reason
        if account_id is not UNSET:
            field_dict["account_id"] = account_id
        if account_ref is not UNSET:
            field_dict["account_ref"] = account_ref
        if handle is not UNSET:
            field_dict["handle"] = handle
        if destinations is not UNSET:
            field_dict["destinations"] = destinations

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.destination import Destination # noqa: PLC0415
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        network = d.pop("network")

        status = d.pop("status")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))




        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


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


        def _parse_account_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_ref = _parse_account_ref(d.pop("account_ref", UNSET))


        def _parse_handle(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        handle = _parse_handle(d.pop("handle", UNSET))


        _destinations = d.pop("destinations", UNSET)
        destinations: list[Destination] | Unset = UNSET
        if _destinations is not UNSET:
            destinations = []
            for destinations_item_data in _destinations:
                destinations_item = Destination.from_dict(destinations_item_data)



                destinations.append(destinations_item)


        connection_read = cls(
            id=id,
            network=network,
            status=status,
            expires_at=expires_at,
            reason=reason,
            account_id=account_id,
            account_ref=account_ref,
            handle=handle,
            destinations=destinations,
        )


        connection_read.additional_properties = d
        return connection_read

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
