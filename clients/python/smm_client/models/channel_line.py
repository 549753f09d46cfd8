from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="ChannelLine")



@_attrs_define
class ChannelLine:
    """ 
        Attributes:
            channel (None | str): A channel of ``attribution.channels`` (social_tracked: our posts)
            currency (str):
            revenue_minor (int):
            share (float | None): Of the currency's revenue; null when it is 0
            orders (int):
     """

    channel: None | str
    currency: str
    revenue_minor: int
    share: float | None
    orders: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        channel: None | str
        channel = self.channel

        currency = self.currency

        revenue_minor = self.revenue_minor

        share: float | None
        share = self.share

        orders = self.orders


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "channel": channel,
            "currency": currency,
            "revenue_minor": revenue_minor,
            "share": share,
            "orders": orders,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_channel(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        channel = _parse_channel(d.pop("channel"))


        currency = d.pop("currency")

        revenue_minor = d.pop("revenue_minor")

        def _parse_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        share = _parse_share(d.pop("share"))


        orders = d.pop("orders")

        channel_line = cls(
            channel=channel,
            currency=currency,
            revenue_minor=revenue_minor,
            share=share,
            orders=orders,
        )


        channel_line.additional_properties = d
        return channel_line

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
