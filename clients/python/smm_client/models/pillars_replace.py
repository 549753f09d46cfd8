from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.pillar_in import PillarIn





T = TypeVar("T", bound="PillarsReplace")



@_attrs_define
class PillarsReplace:
    """ 
        Attributes:
            pillars (list[PillarIn]):
     """

    pillars: list[PillarIn]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pillar_in import PillarIn # noqa: PLC0415
        pillars = []
        for pillars_item_data in self.pillars:
            pillars_item = pillars_item_data.to_dict()
            pillars.append(pillars_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "pillars": pillars,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pillar_in import PillarIn # noqa: PLC0415
        d = dict(src_dict)
        pillars = []
        _pillars = d.pop("pillars")
        for pillars_item_data in (_pillars):
            pillars_item = PillarIn.from_dict(pillars_item_data)



            pillars.append(pillars_item)


        pillars_replace = cls(
            pillars=pillars,
        )


        pillars_replace.additional_properties = d
        return pillars_replace

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
