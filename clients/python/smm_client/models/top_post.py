from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="TopPost")



@_attrs_define
class TopPost:
    """ 
        Attributes:
            target_id (UUID):
            account_id (UUID):
            network (str):
            url (str):
            published_at (datetime.datetime):
            value (int):
            deleted (bool):
     """

    target_id: UUID
    account_id: UUID
    network: str
    url: str
    published_at: datetime.datetime
    value: int
    deleted: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        target_id = str(self.target_id)

        account_id = str(self.account_id)

        network = self.network

        url = self.url

        published_at = self.published_at.isoformat()

        value = self.value

        deleted = self.deleted


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "target_id": target_id,
            "account_id": account_id,
            "network": network,
            "url": url,
            "published_at": published_at,
            "value": value,
            "deleted": deleted,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target_id = UUID(d.pop("target_id"))




        account_id = UUID(d.pop("account_id"))




        network = d.pop("network")

        url = d.pop("url")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))




        value = d.pop("value")

        deleted = d.pop("deleted")

        top_post = cls(
            target_id=target_id,
            account_id=account_id,
            network=network,
            url=url,
            published_at=published_at,
            value=value,
            deleted=deleted,
        )


        top_post.additional_properties = d
        return top_post

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
