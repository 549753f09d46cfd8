from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.account_create_network import AccountCreateNetwork
from ..models.account_create_network import check_account_create_network
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID






T = TypeVar("T", bound="AccountCreate")



@_attrs_define
class AccountCreate:
    """ 
        Attributes:
            network (AccountCreateNetwork): One of: telegram, vk, mastodon, bluesky, x, facebook, instagram, linkedin,
                threads, pinterest, youtube, tiktok, reddit, discord, gbp
            handle (str):
            account_ref (str): Channel, page id, group id or handle on the network
            timezone (str | Unset): An IANA time zone, e.g. Europe/Berlin Default: 'UTC'.
            brand_id (None | Unset | UUID):
     """

    network: AccountCreateNetwork
    handle: str
    account_ref: str
    timezone: str | Unset = 'UTC'
    brand_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        network: str = self.network

        handle = self.handle

        account_ref = self.account_ref

        timezone = self.timezone

        brand_id: None | str | Unset
        if isinstance(self.brand_id, Unset):
            brand_id = UNSET
        elif isinstance(self.brand_id, UUID):
            brand_id = str(self.brand_id)
        else:
            brand_id = self.brand_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "network": network,
            "handle": handle,
            "account_ref": account_ref,
        })
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if brand_id is not UNSET:
            field_dict["brand_id"] = brand_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        network = check_account_create_network(d.pop("network"))




        handle = d.pop("handle")

        account_ref = d.pop("account_ref")

        timezone = d.pop("timezone", UNSET)

        def _parse_brand_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                brand_id_type_0 = UUID(data)



                return brand_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        brand_id = _parse_brand_id(d.pop("brand_id", UNSET))


        account_create = cls(
            network=network,
            handle=handle,
            account_ref=account_ref,
            timezone=timezone,
            brand_id=brand_id,
        )


        account_create.additional_properties = d
        return account_create

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
