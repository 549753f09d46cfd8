from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID






T = TypeVar("T", bound="TargetRevenue")



@_attrs_define
class TargetRevenue:
    """ 
        Attributes:
            target_id (UUID):
            network (str):
            campaign (None | str):
            pillar (None | str):
            currency (str):
            revenue_minor (int):
            orders (int):
     """

    target_id: UUID
    network: str
    campaign: None | str
    pillar: None | str
    currency: str
    revenue_minor: int
    orders: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        target_id = str(self.target_id)

        network = self.network

        campaign: None | str
        campaign = self.campaign

        pillar: None | str
        pillar = self.pillar

        currency = self.currency

        revenue_minor = self.revenue_minor

        orders = self.orders


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "target_id": target_id,
            "network": network,
            "campaign": campaign,
            "pillar": pillar,
            "currency": currency,
            "revenue_minor": revenue_minor,
            "orders": orders,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target_id = UUID(d.pop("target_id"))




        network = d.pop("network")

        def _parse_campaign(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        campaign = _parse_campaign(d.pop("campaign"))


        def _parse_pillar(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pillar = _parse_pillar(d.pop("pillar"))


        currency = d.pop("currency")

        revenue_minor = d.pop("revenue_minor")

        orders = d.pop("orders")

        target_revenue = cls(
            target_id=target_id,
            network=network,
            campaign=campaign,
            pillar=pillar,
            currency=currency,
            revenue_minor=revenue_minor,
            orders=orders,
        )


        target_revenue.additional_properties = d
        return target_revenue

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
