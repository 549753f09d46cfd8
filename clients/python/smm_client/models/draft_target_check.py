from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.draft_target_check_violations_item import DraftTargetCheckViolationsItem
  from ..models.text_count import TextCount





T = TypeVar("T", bound="DraftTargetCheck")



@_attrs_define
class DraftTargetCheck:
    """ 
        Attributes:
            account_id (UUID):
            network (str):
            handle (str):
            title (str): The network's name for people
            text (str): The text this target would send (its variant, or the master text)
            counts (list[TextCount]):
            violations (list[DraftTargetCheckViolationsItem]): As POST /posts reports them: target, rule, limit, actual,
                detail
     """

    account_id: UUID
    network: str
    handle: str
    title: str
    text: str
    counts: list[TextCount]
    violations: list[DraftTargetCheckViolationsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.draft_target_check_violations_item import DraftTargetCheckViolationsItem # noqa: PLC0415
        from ..models.text_count import TextCount # noqa: PLC0415
        account_id = str(self.account_id)

        network = self.network

        handle = self.handle

        title = self.title

        text = self.text

        counts = []
        for counts_item_data in self.counts:
            counts_item = counts_item_data.to_dict()
            counts.append(counts_item)



        violations = []
        for violations_item_data in self.violations:
            violations_item = violations_item_data.to_dict()
            violations.append(violations_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "account_id": account_id,
            "network": network,
            "handle": handle,
            "title": title,
            "text": text,
            "counts": counts,
            "violations": violations,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.draft_target_check_violations_item import DraftTargetCheckViolationsItem # noqa: PLC0415
        from ..models.text_count import TextCount # noqa: PLC0415
        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))




        network = d.pop("network")

        handle = d.pop("handle")

        title = d.pop("title")

        text = d.pop("text")

        counts = []
        _counts = d.pop("counts")
        for counts_item_data in (_counts):
            counts_item = TextCount.from_dict(counts_item_data)



            counts.append(counts_item)


        violations = []
        _violations = d.pop("violations")
        for violations_item_data in (_violations):
            violations_item = DraftTargetCheckViolationsItem.from_dict(violations_item_data)



            violations.append(violations_item)


        draft_target_check = cls(
            account_id=account_id,
            network=network,
            handle=handle,
            title=title,
            text=text,
            counts=counts,
            violations=violations,
        )


        draft_target_check.additional_properties = d
        return draft_target_check

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
