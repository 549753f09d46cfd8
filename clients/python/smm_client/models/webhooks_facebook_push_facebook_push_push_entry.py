from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.webhooks_facebook_push_facebook_push_push_entry_push_change import WebhooksFacebookPushFacebookPushPushEntryPushChange





T = TypeVar("T", bound="WebhooksFacebookPushFacebookPushPushEntry")



@_attrs_define
class WebhooksFacebookPushFacebookPushPushEntry:
    """ 
        Attributes:
            id (None | str | Unset):
            changes (list[WebhooksFacebookPushFacebookPushPushEntryPushChange] | Unset):
     """

    id: None | str | Unset = UNSET
    changes: list[WebhooksFacebookPushFacebookPushPushEntryPushChange] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.webhooks_facebook_push_facebook_push_push_entry_push_change import WebhooksFacebookPushFacebookPushPushEntryPushChange # noqa: PLC0415
        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        changes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.changes, Unset):
            changes = []
            for changes_item_data in self.changes:
                changes_item = changes_item_data.to_dict()
                changes.append(changes_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if id is not UNSET:
            field_dict["id"] = id
        if changes is not UNSET:
            field_dict["changes"] = changes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhooks_facebook_push_facebook_push_push_entry_push_change import WebhooksFacebookPushFacebookPushPushEntryPushChange # noqa: PLC0415
        d = dict(src_dict)
        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))


        _changes = d.pop("changes", UNSET)
        changes: list[WebhooksFacebookPushFacebookPushPushEntryPushChange] | Unset = UNSET
        if _changes is not UNSET:
            changes = []
            for changes_item_data in _changes:
                changes_item = WebhooksFacebookPushFacebookPushPushEntryPushChange.from_dict(changes_item_data)



                changes.append(changes_item)


        webhooks_facebook_push_facebook_push_push_entry = cls(
            id=id,
            changes=changes,
        )


        webhooks_facebook_push_facebook_push_push_entry.additional_properties = d
        return webhooks_facebook_push_facebook_push_push_entry

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
