from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.stopped_account import StoppedAccount
  from ..models.stopped_target import StoppedTarget





T = TypeVar("T", bound="StoppedReads")



@_attrs_define
class StoppedReads:
    """ 
        Attributes:
            targets (list[StoppedTarget]):
            accounts (list[StoppedAccount]):
     """

    targets: list[StoppedTarget]
    accounts: list[StoppedAccount]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.stopped_account import StoppedAccount # noqa: PLC0415
        from ..models.stopped_target import StoppedTarget # noqa: PLC0415
        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)



        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "targets": targets,
            "accounts": accounts,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stopped_account import StoppedAccount # noqa: PLC0415
        from ..models.stopped_target import StoppedTarget # noqa: PLC0415
        d = dict(src_dict)
        targets = []
        _targets = d.pop("targets")
        for targets_item_data in (_targets):
            targets_item = StoppedTarget.from_dict(targets_item_data)



            targets.append(targets_item)


        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in (_accounts):
            accounts_item = StoppedAccount.from_dict(accounts_item_data)



            accounts.append(accounts_item)


        stopped_reads = cls(
            targets=targets,
            accounts=accounts,
        )


        stopped_reads.additional_properties = d
        return stopped_reads

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
