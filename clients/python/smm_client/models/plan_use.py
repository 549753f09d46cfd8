from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="PlanUse")



@_attrs_define
class PlanUse:
    """ 
        Attributes:
            month_starts_at (datetime.datetime): Posts per month count from here (UTC)
            posts_this_month (int):
            connected_accounts (int):
     """

    month_starts_at: datetime.datetime
    posts_this_month: int
    connected_accounts: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        month_starts_at = self.month_starts_at.isoformat()

        posts_this_month = self.posts_this_month

        connected_accounts = self.connected_accounts


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "month_starts_at": month_starts_at,
            "posts_this_month": posts_this_month,
            "connected_accounts": connected_accounts,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        month_starts_at = datetime.datetime.fromisoformat(d.pop("month_starts_at"))




        posts_this_month = d.pop("posts_this_month")

        connected_accounts = d.pop("connected_accounts")

        plan_use = cls(
            month_starts_at=month_starts_at,
            posts_this_month=posts_this_month,
            connected_accounts=connected_accounts,
        )


        plan_use.additional_properties = d
        return plan_use

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
