from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="RoiLine")



@_attrs_define
class RoiLine:
    """ 
        Attributes:
            key (None | str):
            currency (str):
            revenue_minor (int):
            orders (int):
            customers (int):
            new_customers (int):
            cost_minor (int):
            gross_profit_minor (int):
            roas (float | None):
            romi (float | None):
            roi (float | None):
            cac_minor (float | None):
     """

    key: None | str
    currency: str
    revenue_minor: int
    orders: int
    customers: int
    new_customers: int
    cost_minor: int
    gross_profit_minor: int
    roas: float | None
    romi: float | None
    roi: float | None
    cac_minor: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        key: None | str
        key = self.key

        currency = self.currency

        revenue_minor = self.revenue_minor

        orders = self.orders

        customers = self.customers

        new_customers = self.new_customers

        cost_minor = self.cost_minor

        gross_profit_minor = self.gross_profit_minor

        roas: float | None
        roas = self.roas

        romi: float | None
        romi = self.romi

        roi: float | None
        roi = self.roi

        cac_minor: float | None
        cac_minor = self.cac_minor


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "key": key,
            "currency": currency,
            "revenue_minor": revenue_minor,
            "orders": orders,
            "customers": customers,
            "new_customers": new_customers,
            "cost_minor": cost_minor,
            "gross_profit_minor": gross_profit_minor,
            "roas": roas,
            "romi": romi,
            "roi": roi,
            "cac_minor": cac_minor,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_key(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        key = _parse_key(d.pop("key"))


        currency = d.pop("currency")

        revenue_minor = d.pop("revenue_minor")

        orders = d.pop("orders")

        customers = d.pop("customers")

        new_customers = d.pop("new_customers")

        cost_minor = d.pop("cost_minor")

        gross_profit_minor = d.pop("gross_profit_minor")

        def _parse_roas(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        roas = _parse_roas(d.pop("roas"))


        def _parse_romi(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        romi = _parse_romi(d.pop("romi"))


        def _parse_roi(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        roi = _parse_roi(d.pop("roi"))


        def _parse_cac_minor(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        cac_minor = _parse_cac_minor(d.pop("cac_minor"))


        roi_line = cls(
            key=key,
            currency=currency,
            revenue_minor=revenue_minor,
            orders=orders,
            customers=customers,
            new_customers=new_customers,
            cost_minor=cost_minor,
            gross_profit_minor=gross_profit_minor,
            roas=roas,
            romi=romi,
            roi=roi,
            cac_minor=cac_minor,
        )


        roi_line.additional_properties = d
        return roi_line

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
