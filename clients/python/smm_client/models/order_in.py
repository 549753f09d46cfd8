from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.order_in_currency import check_order_in_currency
from ..models.order_in_currency import OrderInCurrency
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.line_item import LineItem
  from ..models.utm import UTM





T = TypeVar("T", bound="OrderIn")



@_attrs_define
class OrderIn:
    """ An order from the generic orders API (bounds as in ``order.created``: what is accepted can be stored).

        Attributes:
            id (str): The shop's own order id
            ordered_at (datetime.datetime): With a UTC offset, from 2000 up to 2100
            total_minor (int): Integer minor units (cents), 0 to 1,000,000,000,000,000
            currency (OrderInCurrency): ISO 4217 currency code
            customer_id (None | str | Unset):
            visitor_id (None | str | Unset):
            line_items (list[LineItem] | Unset):
            promo_codes (list[str] | Unset):
            landing_url (None | str | Unset):
            utm (UTM | Unset):
            click_id (None | str | Unset):
     """

    id: str
    ordered_at: datetime.datetime
    total_minor: int
    currency: OrderInCurrency
    customer_id: None | str | Unset = UNSET
    visitor_id: None | str | Unset = UNSET
    line_items: list[LineItem] | Unset = UNSET
    promo_codes: list[str] | Unset = UNSET
    landing_url: None | str | Unset = UNSET
    utm: UTM | Unset = UNSET
    click_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.line_item import LineItem # noqa: PLC0415
        from ..models.utm import UTM # noqa: PLC0415
        id = self.id

        ordered_at = self.ordered_at.isoformat()

        total_minor = self.total_minor

        currency: str = self.currency

        customer_id: None | str | Unset
        if isinstance(self.customer_id, Unset):
            customer_id = UNSET
        else:
            customer_id = self.customer_id

        visitor_id: None | str | Unset
        if isinstance(self.visitor_id, Unset):
            visitor_id = UNSET
        else:
            visitor_id = self.visitor_id

        line_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.line_items, Unset):
            line_items = []
            for line_items_item_data in self.line_items:
                line_items_item = line_items_item_data.to_dict()
                line_items.append(line_items_item)



        promo_codes: list[str] | Unset = UNSET
        if not isinstance(self.promo_codes, Unset):
            promo_codes = self.promo_codes



        landing_url: None | str | Unset
        if isinstance(self.landing_url, Unset):
            landing_url = UNSET
        else:
            landing_url = self.landing_url

        utm: dict[str, Any] | Unset = UNSET
        if not isinstance(self.utm, Unset):
            utm = self.utm.to_dict()

        click_id: None | str | Unset
        if isinstance(self.click_id, Unset):
            click_id = UNSET
        else:
            click_id = self.click_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "ordered_at": ordered_at,
            "total_minor": total_minor,
            "currency": currency,
        })
        if customer_id is not UNSET:
            field_dict["customer_id"] = customer_id
        if visitor_id is not UNSET:
            field_dict["visitor_id"] = visitor_id
        if line_items is not UNSET:
            field_dict["line_items"] = line_items
        if promo_codes is not UNSET:
            field_dict["promo_codes"] = promo_codes
        if landing_url is not UNSET:
            field_dict["landing_url"] = landing_url
        if utm is not UNSET:
            field_dict["utm"] = utm
        if click_id is not UNSET:
            field_dict["click_id"] = click_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_item import LineItem # noqa: PLC0415
        from ..models.utm import UTM # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        ordered_at = datetime.datetime.fromisoformat(d.pop("ordered_at"))




        total_minor = d.pop("total_minor")

        currency = check_order_in_currency(d.pop("currency"))




        def _parse_customer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_id = _parse_customer_id(d.pop("customer_id", UNSET))


        def _parse_visitor_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        visitor_id = _parse_visitor_id(d.pop("visitor_id", UNSET))


        _line_items = d.pop("line_items", UNSET)
        line_items: list[LineItem] | Unset = UNSET
        if _line_items is not UNSET:
            line_items = []
            for line_items_item_data in _line_items:
                line_items_item = LineItem.from_dict(line_items_item_data)



                line_items.append(line_items_item)


        promo_codes = cast(list[str], d.pop("promo_codes", UNSET))


        def _parse_landing_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        landing_url = _parse_landing_url(d.pop("landing_url", UNSET))


        _utm = d.pop("utm", UNSET)
        utm: UTM | Unset
        if isinstance(_utm,  Unset):
            utm = UNSET
        else:
            utm = UTM.from_dict(_utm)




        def _parse_click_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        click_id = _parse_click_id(d.pop("click_id", UNSET))


        order_in = cls(
            id=id,
            ordered_at=ordered_at,
            total_minor=total_minor,
            currency=currency,
            customer_id=customer_id,
            visitor_id=visitor_id,
            line_items=line_items,
            promo_codes=promo_codes,
            landing_url=landing_url,
            utm=utm,
            click_id=click_id,
        )


        order_in.additional_properties = d
        return order_in

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
