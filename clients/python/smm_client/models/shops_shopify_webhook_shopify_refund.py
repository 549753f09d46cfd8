from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.shops_shopify_webhook_shopify_refund_refund_line_items_item import ShopsShopifyWebhookShopifyRefundRefundLineItemsItem
  from ..models.shops_shopify_webhook_shopify_refund_transactions_item import ShopsShopifyWebhookShopifyRefundTransactionsItem





T = TypeVar("T", bound="ShopsShopifyWebhookShopifyRefund")



@_attrs_define
class ShopsShopifyWebhookShopifyRefund:
    """ 
        Attributes:
            id (int | str):
            order_id (int | str):
            transactions (list[ShopsShopifyWebhookShopifyRefundTransactionsItem] | Unset):
            refund_line_items (list[ShopsShopifyWebhookShopifyRefundRefundLineItemsItem] | Unset):
     """

    id: int | str
    order_id: int | str
    transactions: list[ShopsShopifyWebhookShopifyRefundTransactionsItem] | Unset = UNSET
    refund_line_items: list[ShopsShopifyWebhookShopifyRefundRefundLineItemsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.shops_shopify_webhook_shopify_refund_refund_line_items_item import ShopsShopifyWebhookShopifyRefundRefundLineItemsItem # noqa: PLC0415
        from ..models.shops_shopify_webhook_shopify_refund_transactions_item import ShopsShopifyWebhookShopifyRefundTransactionsItem # noqa: PLC0415
        id: int | str
        id = self.id

        order_id: int | str
        order_id = self.order_id

        transactions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.transactions, Unset):
            transactions = []
            for transactions_item_data in self.transactions:
                transactions_item = transactions_item_data.to_dict()
                transactions.append(transactions_item)



        refund_line_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.refund_line_items, Unset):
            refund_line_items = []
            for refund_line_items_item_data in self.refund_line_items:
                refund_line_items_item = refund_line_items_item_data.to_dict()
                refund_line_items.append(refund_line_items_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "order_id": order_id,
        })
        if transactions is not UNSET:
            field_dict["transactions"] = transactions
        if refund_line_items is not UNSET:
            field_dict["refund_line_items"] = refund_line_items

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.shops_shopify_webhook_shopify_refund_refund_line_items_item import ShopsShopifyWebhookShopifyRefundRefundLineItemsItem # noqa: PLC0415
        from ..models.shops_shopify_webhook_shopify_refund_transactions_item import ShopsShopifyWebhookShopifyRefundTransactionsItem # noqa: PLC0415
        d = dict(src_dict)
        def _parse_id(data: object) -> int | str:
            return cast(int | str, data)

        id = _parse_id(d.pop("id"))


        def _parse_order_id(data: object) -> int | str:
            return cast(int | str, data)

        order_id = _parse_order_id(d.pop("order_id"))


        _transactions = d.pop("transactions", UNSET)
        transactions: list[ShopsShopifyWebhookShopifyRefundTransactionsItem] | Unset = UNSET
        if _transactions is not UNSET:
            transactions = []
            for transactions_item_data in _transactions:
                transactions_item = ShopsShopifyWebhookShopifyRefundTransactionsItem.from_dict(transactions_item_data)



                transactions.append(transactions_item)


        _refund_line_items = d.pop("refund_line_items", UNSET)
        refund_line_items: list[ShopsShopifyWebhookShopifyRefundRefundLineItemsItem] | Unset = UNSET
        if _refund_line_items is not UNSET:
            refund_line_items = []
            for refund_line_items_item_data in _refund_line_items:
                refund_line_items_item = ShopsShopifyWebhookShopifyRefundRefundLineItemsItem.from_dict(refund_line_items_item_data)



                refund_line_items.append(refund_line_items_item)


        shops_shopify_webhook_shopify_refund = cls(
            id=id,
            order_id=order_id,
            transactions=transactions,
            refund_line_items=refund_line_items,
        )


        shops_shopify_webhook_shopify_refund.additional_properties = d
        return shops_shopify_webhook_shopify_refund

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
