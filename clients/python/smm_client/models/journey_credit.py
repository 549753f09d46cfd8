from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID






T = TypeVar("T", bound="JourneyCredit")



@_attrs_define
class JourneyCredit:
    """ 
        Attributes:
            key (str): The target id of a post touch, else the channel
            channel (str):
            target_id (None | UUID):
            amount_minor (int):
            net_minor (int | None): After cancellation and refunds
     """

    key: str
    channel: str
    target_id: None | UUID
    amount_minor: int
    net_minor: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        key = self.key

        channel = self.channel

        target_id: None | str
        if isinstance(self.target_id, UUID):
            target_id = str(self.target_id)
        else:
            target_id = self.target_id

        amount_minor = self.amount_minor

        net_minor: int | None
        net_minor = self.net_minor


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "key": key,
            "channel": channel,
            "target_id": target_id,
            "amount_minor": amount_minor,
            "net_minor": net_minor,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        channel = d.pop("channel")

        def _parse_target_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                target_id_type_0 = UUID(data)



                return target_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        target_id = _parse_target_id(d.pop("target_id"))


        amount_minor = d.pop("amount_minor")

        def _parse_net_minor(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        net_minor = _parse_net_minor(d.pop("net_minor"))


        journey_credit = cls(
            key=key,
            channel=channel,
            target_id=target_id,
            amount_minor=amount_minor,
            net_minor=net_minor,
        )


        journey_credit.additional_properties = d
        return journey_credit

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
