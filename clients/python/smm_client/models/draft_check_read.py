from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.draft_target_check import DraftTargetCheck





T = TypeVar("T", bound="DraftCheckRead")



@_attrs_define
class DraftCheckRead:
    """ 
        Attributes:
            ok (bool):
            targets (list[DraftTargetCheck]):
     """

    ok: bool
    targets: list[DraftTargetCheck]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.draft_target_check import DraftTargetCheck # noqa: PLC0415
        ok = self.ok

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "ok": ok,
            "targets": targets,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.draft_target_check import DraftTargetCheck # noqa: PLC0415
        d = dict(src_dict)
        ok = d.pop("ok")

        targets = []
        _targets = d.pop("targets")
        for targets_item_data in (_targets):
            targets_item = DraftTargetCheck.from_dict(targets_item_data)



            targets.append(targets_item)


        draft_check_read = cls(
            ok=ok,
            targets=targets,
        )


        draft_check_read.additional_properties = d
        return draft_check_read

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
