from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.shops_shopify_webhook_shopify_order_currency import check_shops_shopify_webhook_shopify_order_currency
from ..models.shops_shopify_webhook_shopify_order_currency import ShopsShopifyWebhookShopifyOrderCurrency
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.shops_shopify_webhook_shopify_order_note_attributes_type_0_item import ShopsShopifyWebhookShopifyOrderNoteAttributesType0Item
  from ..models.shops_shopify_webhook_shopify_order_shopify_customer import ShopsShopifyWebhookShopifyOrderShopifyCustomer
  from ..models.shops_shopify_webhook_shopify_order_shopify_discount import ShopsShopifyWebhookShopifyOrderShopifyDiscount
  from ..models.shops_shopify_webhook_shopify_order_shopify_line import ShopsShopifyWebhookShopifyOrderShopifyLine





T = TypeVar("T", bound="ShopsShopifyWebhookShopifyOrder")



@_attrs_define
class ShopsShopifyWebhookShopifyOrder:
    """ 
        Attributes:
            id (int | str):
            created_at (datetime.datetime):
            currency (ShopsShopifyWebhookShopifyOrderCurrency): ISO 4217, any case
            total_price (float | int | str):
            customer (None | ShopsShopifyWebhookShopifyOrderShopifyCustomer | Unset):
            landing_site (None | str | Unset):
            referring_site (None | str | Unset):
            source_name (None | str | Unset):
            note_attributes (list[ShopsShopifyWebhookShopifyOrderNoteAttributesType0Item] | None | Unset):
            discount_codes (list[ShopsShopifyWebhookShopifyOrderShopifyDiscount] | None | Unset):
            line_items (list[ShopsShopifyWebhookShopifyOrderShopifyLine] | Unset):
     """

    id: int | str
    created_at: datetime.datetime
    currency: ShopsShopifyWebhookShopifyOrderCurrency
    total_price: float | int | str
    customer: None | ShopsShopifyWebhookShopifyOrderShopifyCustomer | Unset = UNSET
    landing_site: None | str | Unset = UNSET
    referring_site: None | str | Unset = UNSET
    source_name: None | str | Unset = UNSET
    note_attributes: list[ShopsShopifyWebhookShopifyOrderNoteAttributesType0Item] | None | Unset = UNSET
    discount_codes: list[ShopsShopifyWebhookShopifyOrderShopifyDiscount] | None | Unset = UNSET
    line_items: list[ShopsShopifyWebhookShopifyOrderShopifyLine] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.shops_shopify_webhook_shopify_order_note_attributes_type_0_item import ShopsShopifyWebhookShopifyOrderNoteAttributesType0Item # noqa: PLC0415
        from ..models.shops_shopify_webhook_shopify_order_shopify_customer import ShopsShopifyWebhookShopifyOrderShopifyCustomer # noqa: PLC0415
        from ..models.shops_shopify_webhook_shopify_order_shopify_discount import ShopsShopifyWebhookShopifyOrderShopifyDiscount # noqa: PLC0415
        from ..models.shops_shopify_webhook_shopify_order_shopify_line import ShopsShopifyWebhookShopifyOrderShopifyLine # noqa: PLC0415
        id: int | str
        id = self.id

        created_at = self.created_at.isoformat()

        currency: str = self.currency

        total_price: float | int | str
        total_price = self.total_price

        customer: dict[str, Any] | None | Unset
        if isinstance(self.customer, Unset):
            customer = UNSET
        elif isinstance(self.customer, ShopsShopifyWebhookShopifyOrderShopifyCustomer):
            customer = self.customer.to_dict()
        else:
            customer = self.customer

        landing_site: None | str | Unset
        if isinstance(self.landing_site, Unset):
            landing_site = UNSET
        else:
            landing_site = self.landing_site

        referring_site: None | str | Unset
        if isinstance(self.referring_site, Unset):
            referring_site = UNSET
        else:
            referring_site = self.referring_site

        source_name: None | str | Unset
        if isinstance(self.source_name, Unset):
            source_name = UNSET
        else:
            source_name = self.source_name

        note_attributes: list[dict[str, Any]] | None | Unset
        if isinstance(self.note_attributes, Unset):
            note_attributes = UNSET
        elif isinstance(self.note_attributes, list):
            note_attributes = []
            for note_attributes_type_0_item_data in self.note_attributes:
                note_attributes_type_0_item = note_attributes_type_0_item_data.to_dict()
                note_attributes.append(note_attributes_type_0_item)


        else:
            note_attributes = self.note_attributes

        discount_codes: list[dict[str, Any]] | None | Unset
        if isinstance(self.discount_codes, Unset):
            discount_codes = UNSET
        elif isinstance(self.discount_codes, list):
            discount_codes = []
            for discount_codes_type_0_item_data in self.discount_codes:
                discount_codes_type_0_item = discount_codes_type_0_item_data.to_dict()
                discount_codes.append(discount_codes_type_0_item)


        else:
            discount_codes = self.discount_codes

        line_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.line_items, Unset):
            line_items = []
            for line_items_item_data in self.line_items:
                line_items_item = line_items_item_data.to_dict()
                line_items.append(line_items_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "created_at": created_at,
            "currency": currency,
            "total_price": total_price,
        })
        if customer is not UNSET:
            field_dict["customer"] = customer
        if landing_site is not UNSET:
            field_dict["landing_site"] = landing_site
        if referring_site is not UNSET:
            field_dict["referring_site"] = referring_site
        if source_name is not UNSET:
            field_dict["source_name"] = source_name
        if note_attributes is not UNSET:
            field_dict["note_attributes"] = note_attributes
        if discount_codes is not UNSET:
            field_dict["discount_codes"] = discount_codes
        if line_items is not UNSET:
            field_dict["line_items"] = line_items

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.shops_shopify_webhook_shopify_order_note_attributes_type_0_item import ShopsShopifyWebhookShopifyOrderNoteAttributesType0Item # noqa: PLC0415
        from ..models.shops_shopify_webhook_shopify_order_shopify_customer import ShopsShopifyWebhookShopifyOrderShopifyCustomer # noqa: PLC0415
        from ..models.shops_shopify_webhook_shopify_order_shopify_discount import ShopsShopifyWebhookShopifyOrderShopifyDiscount # noqa: PLC0415
        from ..models.shops_shopify_webhook_shopify_order_shopify_line import ShopsShopifyWebhookShopifyOrderShopifyLine # noqa: PLC0415
        d = dict(src_dict)
        def _parse_id(data: object) -> int | str:
            return cast(int | str, data)

        id = _parse_id(d.pop("id"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        currency = check_shops_shopify_webhook_shopify_order_currency(d.pop("currency"))




        def _parse_total_price(data: object) -> float | int | str:
            return cast(float | int | str, data)

        total_price = _parse_total_price(d.pop("total_price"))


        def _parse_customer(data: object) -> None | ShopsShopifyWebhookShopifyOrderShopifyCustomer | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                customer_shopify_customer = ShopsShopifyWebhookShopifyOrderShopifyCustomer.from_dict(data)



                return customer_shopify_customer
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ShopsShopifyWebhookShopifyOrderShopifyCustomer | Unset, data)

        customer = _parse_customer(d.pop("customer", UNSET))


        def _parse_landing_site(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        landing_site = _parse_landing_site(d.pop("landing_site", UNSET))


        def _parse_referring_site(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        referring_site = _parse_referring_site(d.pop("referring_site", UNSET))


        def _parse_source_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_name = _parse_source_name(d.pop("source_name", UNSET))


        def _parse_note_attributes(data: object) -> list[ShopsShopifyWebhookShopifyOrderNoteAttributesType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                note_attributes_type_0 = []
                _note_attributes_type_0 = data
                for note_attributes_type_0_item_data in (_note_attributes_type_0):
                    note_attributes_type_0_item = ShopsShopifyWebhookShopifyOrderNoteAttributesType0Item.from_dict(note_attributes_type_0_item_data)



                    note_attributes_type_0.append(note_attributes_type_0_item)

                return note_attributes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ShopsShopifyWebhookShopifyOrderNoteAttributesType0Item] | None | Unset, data)

        note_attributes = _parse_note_attributes(d.pop("note_attributes", UNSET))


        def _parse_discount_codes(data: object) -> list[ShopsShopifyWebhookShopifyOrderShopifyDiscount] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                discount_codes_type_0 = []
                _discount_codes_type_0 = data
                for discount_codes_type_0_item_data in (_discount_codes_type_0):
                    discount_codes_type_0_item = ShopsShopifyWebhookShopifyOrderShopifyDiscount.from_dict(discount_codes_type_0_item_data)



                    discount_codes_type_0.append(discount_codes_type_0_item)

                return discount_codes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ShopsShopifyWebhookShopifyOrderShopifyDiscount] | None | Unset, data)

        discount_codes = _parse_discount_codes(d.pop("discount_codes", UNSET))


        _line_items = d.pop("line_items", UNSET)
        line_items: list[ShopsShopifyWebhookShopifyOrderShopifyLine] | Unset = UNSET
        if _line_items is not UNSET:
            line_items = []
            for line_items_item_data in _line_items:
                line_items_item = ShopsShopifyWebhookShopifyOrderShopifyLine.from_dict(line_items_item_data)



                line_items.append(line_items_item)


        shops_shopify_webhook_shopify_order = cls(
            id=id,
            created_at=created_at,
            currency=currency,
            total_price=total_price,
            customer=customer,
            landing_site=landing_site,
            referring_site=referring_site,
            source_name=source_name,
            note_attributes=note_attributes,
            discount_codes=discount_codes,
            line_items=line_items,
        )


        shops_shopify_webhook_shopify_order.additional_properties = d
        return shops_shopify_webhook_shopify_order

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
