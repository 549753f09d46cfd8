from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.webhooks_facebook_push_facebook_push_push_entry import WebhooksFacebookPushFacebookPushPushEntry





T = TypeVar("T", bound="WebhooksFacebookPushFacebookPush")



@_attrs_define
class WebhooksFacebookPushFacebookPush:
    """ What we read of a Graph API page webhook; the rest is ignored.

        Attributes:
            object_ (str):
            entry (list[WebhooksFacebookPushFacebookPushPushEntry] | Unset):
     """

    object_: str
    entry: list[WebhooksFacebookPushFacebookPushPushEntry] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.webhooks_facebook_push_facebook_push_push_entry import WebhooksFacebookPushFacebookPushPushEntry # noqa: PLC0415
        object_ = self.object_

        entry: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.entry, Unset):
            entry = []
            for entry_item_data in self.entry:
                entry_item = entry_item_data.to_dict()
                entry.append(entry_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "object": object_,
        })
        if entry is not UNSET:
            field_dict["entry"] = entry

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhooks_facebook_push_facebook_push_push_entry import WebhooksFacebookPushFacebookPushPushEntry # noqa: PLC0415
        d = dict(src_dict)
        object_ = d.pop("object")

        _entry = d.pop("entry", UNSET)
        entry: list[WebhooksFacebookPushFacebookPushPushEntry] | Unset = UNSET
        if _entry is not UNSET:
            entry = []
            for entry_item_data in _entry:
                entry_item = WebhooksFacebookPushFacebookPushPushEntry.from_dict(entry_item_data)



                entry.append(entry_item)


        webhooks_facebook_push_facebook_push = cls(
            object_=object_,
            entry=entry,
        )


        webhooks_facebook_push_facebook_push.additional_properties = d
        return webhooks_facebook_push_facebook_push

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
