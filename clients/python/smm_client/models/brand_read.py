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






T = TypeVar("T", bound="BrandRead")



@_attrs_define
class BrandRead:
    """ 
        Attributes:
            name (str):
            id (UUID):
            created_at (datetime.datetime):
            approval_required (bool | Unset):  Default: False.
     """

    name: str
    id: UUID
    created_at: datetime.datetime
    approval_required: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        id = str(self.id)

        created_at = self.created_at.isoformat()

        approval_required = self.approval_required


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "id": id,
            "created_at": created_at,
        })
        if approval_required is not UNSET:
            field_dict["approval_required"] = approval_required

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        id = UUID(d.pop("id"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        approval_required = d.pop("approval_required", UNSET)

        brand_read = cls(
            name=name,
            id=id,
            created_at=created_at,
            approval_required=approval_required,
        )


        brand_read.additional_properties = d
        return brand_read

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
