from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="WebhooksFacebookPushFacebookPushPushEntryPushChangePushValue")



@_attrs_define
class WebhooksFacebookPushFacebookPushPushEntryPushChangePushValue:
    """ 
        Attributes:
            post_id (None | str | Unset):
            item (str | Unset):  Default: ''.
            verb (str | Unset):  Default: ''.
     """

    post_id: None | str | Unset = UNSET
    item: str | Unset = ''
    verb: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        post_id: None | str | Unset
        if isinstance(self.post_id, Unset):
            post_id = UNSET
        else:
            post_id = self.post_id

        item = self.item

        verb = self.verb


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if post_id is not UNSET:
            field_dict["post_id"] = post_id
        if item is not UNSET:
            field_dict["item"] = item
        if verb is not UNSET:
            field_dict["verb"] = verb

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_post_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        post_id = _parse_post_id(d.pop("post_id", UNSET))


        item = d.pop("item", UNSET)

        verb = d.pop("verb", UNSET)

        webhooks_facebook_push_facebook_push_push_entry_push_change_push_value = cls(
            post_id=post_id,
            item=item,
            verb=verb,
        )


        webhooks_facebook_push_facebook_push_push_entry_push_change_push_value.additional_properties = d
        return webhooks_facebook_push_facebook_push_push_entry_push_change_push_value

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
