from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="SmmSummary")



@_attrs_define
class SmmSummary:
    """ 
        Attributes:
            currency (str):
            revenue_minor (int): Every order with a journey, net
            orders (int):
            revenue_from_posts_minor (int): Credited to our tracked posts (social_tracked)
            smm_revenue_minor (int): Credited to SMM: social, tracked or untracked
            smm_share (float | None):
            influenced_revenue_minor (int): Net value of the orders whose journey touched SMM
            influenced_orders (int):
            assisted_revenue_minor (int): Influenced orders whose last non-direct touch was not SMM
            assisted_orders (int):
     """

    currency: str
    revenue_minor: int
    orders: int
    revenue_from_posts_minor: int
    smm_revenue_minor: int
    smm_share: float | None
    influenced_revenue_minor: int
    influenced_orders: int
    assisted_revenue_minor: int
    assisted_orders: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        revenue_minor = self.revenue_minor

        orders = self.orders

        revenue_from_posts_minor = self.revenue_from_posts_minor

        smm_revenue_minor = self.smm_revenue_minor

        smm_share: float | None
        smm_share = self.smm_share

        influenced_revenue_minor = self.influenced_revenue_minor

        influenced_orders = self.influenced_orders

        assisted_revenue_minor = self.assisted_revenue_minor

        assisted_orders = self.assisted_orders


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "currency": currency,
            "revenue_minor": revenue_minor,
            "orders": orders,
            "revenue_from_posts_minor": revenue_from_posts_minor,
            "smm_revenue_minor": smm_revenue_minor,
            "smm_share": smm_share,
            "influenced_revenue_minor": influenced_revenue_minor,
            "influenced_orders": influenced_orders,
            "assisted_revenue_minor": assisted_revenue_minor,
            "assisted_orders": assisted_orders,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        currency = d.pop("currency")

        revenue_minor = d.pop("revenue_minor")

        orders = d.pop("orders")

        revenue_from_posts_minor = d.pop("revenue_from_posts_minor")

        smm_revenue_minor = d.pop("smm_revenue_minor")

        def _parse_smm_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        smm_share = _parse_smm_share(d.pop("smm_share"))


        influenced_revenue_minor = d.pop("influenced_revenue_minor")

        influenced_orders = d.pop("influenced_orders")

        assisted_revenue_minor = d.pop("assisted_revenue_minor")

        assisted_orders = d.pop("assisted_orders")

        smm_summary = cls(
            currency=currency,
            revenue_minor=revenue_minor,
            orders=orders,
            revenue_from_posts_minor=revenue_from_posts_minor,
            smm_revenue_minor=smm_revenue_minor,
            smm_share=smm_share,
            influenced_revenue_minor=influenced_revenue_minor,
            influenced_orders=influenced_orders,
            assisted_revenue_minor=assisted_revenue_minor,
            assisted_orders=assisted_orders,
        )


        smm_summary.additional_properties = d
        return smm_summary

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
