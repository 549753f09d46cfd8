from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="ReviewLinkCreate")



@_attrs_define
class ReviewLinkCreate:
    """ 
        Attributes:
            reviewer (str): Name or e-mail shown in the history
            expires_in_s (int | Unset):  Default: 604800.
     """

    reviewer: str
    expires_in_s: int | Unset = 604800
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        reviewer = self.reviewer

        expires_in_s = self.expires_in_s


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "reviewer": reviewer,
        })
        if expires_in_s is not UNSET:
            field_dict["expires_in_s"] = expires_in_s

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reviewer = d.pop("reviewer")

        expires_in_s = d.pop("expires_in_s", UNSET)

        review_link_create = cls(
            reviewer=reviewer,
            expires_in_s=expires_in_s,
        )


        review_link_create.additional_properties = d
        return review_link_create

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
