from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.shops_woocommerce_webhook_woo_order_currency import check_shops_woocommerce_webhook_woo_order_currency
from ..models.shops_woocommerce_webhook_woo_order_currency import ShopsWoocommerceWebhookWooOrderCurrency
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.shops_woocommerce_webhook_woo_order_meta_data_item import ShopsWoocommerceWebhookWooOrderMetaDataItem
  from ..models.shops_woocommerce_webhook_woo_order_refunds_item import ShopsWoocommerceWebhookWooOrderRefundsItem
  from ..models.shops_woocommerce_webhook_woo_order_woo_coupon import ShopsWoocommerceWebhookWooOrderWooCoupon
  from ..models.shops_woocommerce_webhook_woo_order_woo_line import ShopsWoocommerceWebhookWooOrderWooLine





T = TypeVar("T", bound="ShopsWoocommerceWebhookWooOrder")



@_attrs_define
class ShopsWoocommerceWebhookWooOrder:
    """ 
        Attributes:
            id (int | str):
            currency (ShopsWoocommerceWebhookWooOrderCurrency): ISO 4217, any case
            total (float | int | str):
            status (None | str | Unset):
            date_created_gmt (datetime.datetime | None | Unset):
            date_created (datetime.datetime | None | Unset):
            customer_id (int | None | str | Unset):
            line_items (list[ShopsWoocommerceWebhookWooOrderWooLine] | Unset):
            coupon_lines (list[ShopsWoocommerceWebhookWooOrderWooCoupon] | Unset):
            meta_data (list[ShopsWoocommerceWebhookWooOrderMetaDataItem] | Unset):
            refunds (list[ShopsWoocommerceWebhookWooOrderRefundsItem] | Unset):
     """

    id: int | str
    currency: ShopsWoocommerceWebhookWooOrderCurrency
    total: float | int | str
    status: None | str | Unset = UNSET
    date_created_gmt: datetime.datetime | None | Unset = UNSET
    date_created: datetime.datetime | None | Unset = UNSET
    customer_id: int | None | str | Unset = UNSET
    line_items: list[ShopsWoocommerceWebhookWooOrderWooLine] | Unset = UNSET
    coupon_lines: list[ShopsWoocommerceWebhookWooOrderWooCoupon] | Unset = UNSET
    meta_data: list[ShopsWoocommerceWebhookWooOrderMetaDataItem] | Unset = UNSET
    refunds: list[ShopsWoocommerceWebhookWooOrderRefundsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.shops_woocommerce_webhook_woo_order_meta_data_item import ShopsWoocommerceWebhookWooOrderMetaDataItem # noqa: PLC0415
        from ..models.shops_woocommerce_webhook_woo_order_refunds_item import ShopsWoocommerceWebhookWooOrderRefundsItem # noqa: PLC0415
        from ..models.shops_woocommerce_webhook_woo_order_woo_coupon import ShopsWoocommerceWebhookWooOrderWooCoupon # noqa: PLC0415
        from ..models.shops_woocommerce_webhook_woo_order_woo_line import ShopsWoocommerceWebhookWooOrderWooLine # noqa: PLC0415
        id: int | str
        id = self.id

        currency: str = self.currency

        total: float | int | str
        total = self.total

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        date_created_gmt: None | str | Unset
        if isinstance(self.date_created_gmt, Unset):
            date_created_gmt = UNSET
        elif isinstance(self.date_created_gmt, datetime.datetime):
            date_created_gmt = self.date_created_gmt.isoformat()
        else:
            date_created_gmt = self.date_created_gmt

        date_created: None | str | Unset
        if isinstance(self.date_created, Unset):
            date_created = UNSET
        elif isinstance(self.date_created, datetime.datetime):
            date_created = self.date_created.isoformat()
        else:
            date_created = self.date_created

        customer_id: int | None | str | Unset
        if isinstance(self.customer_id, Unset):
            customer_id = UNSET
        else:
            customer_id = self.customer_id

        line_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.line_items, Unset):
            line_items = []
            for line_items_item_data in self.line_items:
                line_items_item = line_items_item_data.to_dict()
                line_items.append(line_items_item)



        coupon_lines: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.coupon_lines, Unset):
            coupon_lines = []
            for coupon_lines_item_data in self.coupon_lines:
                coupon_lines_item = coupon_lines_item_data.to_dict()
                coupon_lines.append(coupon_lines_item)



        meta_data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.meta_data, Unset):
            meta_data = []
            for meta_data_item_data in self.meta_data:
                meta_data_item = meta_data_item_data.to_dict()
                meta_data.append(meta_data_item)



        refunds: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.refunds, Unset):
            refunds = []
            for refunds_item_data in self.refunds:
                refunds_item = refunds_item_data.to_dict()
                refunds.append(refunds_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "currency": currency,
            "total": total,
        })
        if status is not UNSET:
            field_dict["status"] = status
        if date_created_gmt is not UNSET:
            field_dict["date_created_gmt"] = date_created_gmt
        if date_created is not UNSET:
            field_dict["date_created"] = date_created
        if customer_id is not UNSET:
            field_dict["customer_id"] = customer_id
        if line_items is not UNSET:
            field_dict["line_items"] = line_items
        if coupon_lines is not UNSET:
            field_dict["coupon_lines"] = coupon_lines
        if meta_data is not UNSET:
            field_dict["meta_data"] = meta_data
        if refunds is not UNSET:
            field_dict["refunds"] = refunds

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.shops_woocommerce_webhook_woo_order_meta_data_item import ShopsWoocommerceWebhookWooOrderMetaDataItem # noqa: PLC0415
        from ..models.shops_woocommerce_webhook_woo_order_refunds_item import ShopsWoocommerceWebhookWooOrderRefundsItem # noqa: PLC0415
        from ..models.shops_woocommerce_webhook_woo_order_woo_coupon import ShopsWoocommerceWebhookWooOrderWooCoupon # noqa: PLC0415
        from ..models.shops_woocommerce_webhook_woo_order_woo_line import ShopsWoocommerceWebhookWooOrderWooLine # noqa: PLC0415
        d = dict(src_dict)
        def _parse_id(data: object) -> int | str:
            return cast(int | str, data)

        id = _parse_id(d.pop("id"))


        currency = check_shops_woocommerce_webhook_woo_order_currency(d.pop("currency"))




        def _parse_total(data: object) -> float | int | str:
            return cast(float | int | str, data)

        total = _parse_total(d.pop("total"))


        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))


        def _parse_date_created_gmt(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_created_gmt_type_0 = datetime.datetime.fromisoformat(data)



                return date_created_gmt_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        date_created_gmt = _parse_date_created_gmt(d.pop("date_created_gmt", UNSET))


        def _parse_date_created(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_created_type_0 = datetime.datetime.fromisoformat(data)



                return date_created_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        date_created = _parse_date_created(d.pop("date_created", UNSET))


        def _parse_customer_id(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        customer_id = _parse_customer_id(d.pop("customer_id", UNSET))


        _line_items = d.pop("line_items", UNSET)
        line_items: list[ShopsWoocommerceWebhookWooOrderWooLine] | Unset = UNSET
        if _line_items is not UNSET:
            line_items = []
            for line_items_item_data in _line_items:
                line_items_item = ShopsWoocommerceWebhookWooOrderWooLine.from_dict(line_items_item_data)



                line_items.append(line_items_item)


        _coupon_lines = d.pop("coupon_lines", UNSET)
        coupon_lines: list[ShopsWoocommerceWebhookWooOrderWooCoupon] | Unset = UNSET
        if _coupon_lines is not UNSET:
            coupon_lines = []
            for coupon_lines_item_data in _coupon_lines:
                coupon_lines_item = ShopsWoocommerceWebhookWooOrderWooCoupon.from_dict(coupon_lines_item_data)



                coupon_lines.append(coupon_lines_item)


        _meta_data = d.pop("meta_data", UNSET)
        meta_data: list[ShopsWoocommerceWebhookWooOrderMetaDataItem] | Unset = UNSET
        if _meta_data is not UNSET:
            meta_data = []
            for meta_data_item_data in _meta_data:
                meta_data_item = ShopsWoocommerceWebhookWooOrderMetaDataItem.from_dict(meta_data_item_data)



                meta_data.append(meta_data_item)


        _refunds = d.pop("refunds", UNSET)
        refunds: list[ShopsWoocommerceWebhookWooOrderRefundsItem] | Unset = UNSET
        if _refunds is not UNSET:
            refunds = []
            for refunds_item_data in _refunds:
                refunds_item = ShopsWoocommerceWebhookWooOrderRefundsItem.from_dict(refunds_item_data)



                refunds.append(refunds_item)


        shops_woocommerce_webhook_woo_order = cls(
            id=id,
            currency=currency,
            total=total,
            status=status,
            date_created_gmt=date_created_gmt,
            date_created=date_created,
            customer_id=customer_id,
            line_items=line_items,
            coupon_lines=coupon_lines,
            meta_data=meta_data,
            refunds=refunds,
        )


        shops_woocommerce_webhook_woo_order.additional_properties = d
        return shops_woocommerce_webhook_woo_order

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
