from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.webhooks_facebook_push_facebook_push_push_entry_push_change_push_value import WebhooksFacebookPushFacebookPushPushEntryPushChangePushValue





T = TypeVar("T", bound="WebhooksFacebookPushFacebookPushPushEntryPushChange")



@_attrs_define
class WebhooksFacebookPushFacebookPushPushEntryPushChange:
    """ 
        Attributes:
            field (str):
            value (WebhooksFacebookPushFacebookPushPushEntryPushChangePushValue | Unset):
     """

    field: str
    value: WebhooksFacebookPushFacebookPushPushEntryPushChangePushValue | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.webhooks_facebook_push_facebook_push_push_entry_push_change_push_value import WebhooksFacebookPushFacebookPushPushEntryPushChangePushValue # noqa: PLC0415
        field = self.field

        value: dict[str, Any] | Unset = UNSET
        if not isinstance(self.value, Unset):
            value = self.value.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "field": field,
        })
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhooks_facebook_push_facebook_push_push_entry_push_change_push_value import WebhooksFacebookPushFacebookPushPushEntryPushChangePushValue # noqa: PLC0415
        d = dict(src_dict)
        field = d.pop("field")

        _value = d.pop("value", UNSET)
        value: WebhooksFacebookPushFacebookPushPushEntryPushChangePushValue | Unset
        if isinstance(_value,  Unset):
            value = UNSET
        else:
            value = WebhooksFacebookPushFacebookPushPushEntryPushChangePushValue.from_dict(_value)




        webhooks_facebook_push_facebook_push_push_entry_push_change = cls(
            field=field,
            value=value,
        )


        webhooks_facebook_push_facebook_push_push_entry_push_change.additional_properties = d
        return webhooks_facebook_push_facebook_push_push_entry_push_change

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
