from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="SiteTagBeaconJsonBeaconIn")



@_attrs_define
class SiteTagBeaconJsonBeaconIn:
    """ What the tag sends (as text/plain JSON: ``sendBeacon`` then needs no CORS preflight).

        Attributes:
            key (str): The tenant's site key (POST /site-keys)
            visitor_id (str):
            page_view_id (str):
            url (str):
            referrer (None | str | Unset):
     """

    key: str
    visitor_id: str
    page_view_id: str
    url: str
    referrer: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        key = self.key

        visitor_id = self.visitor_id

        page_view_id = self.page_view_id

        url = self.url

        referrer: None | str | Unset
        if isinstance(self.referrer, Unset):
            referrer = UNSET
        else:
            referrer = self.referrer


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "key": key,
            "visitor_id": visitor_id,
            "page_view_id": page_view_id,
            "url": url,
        })
        if referrer is not UNSET:
            field_dict["referrer"] = referrer

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        visitor_id = d.pop("visitor_id")

        page_view_id = d.pop("page_view_id")

        url = d.pop("url")

        def _parse_referrer(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        referrer = _parse_referrer(d.pop("referrer", UNSET))


        site_tag_beacon_json_beacon_in = cls(
            key=key,
            visitor_id=visitor_id,
            page_view_id=page_view_id,
            url=url,
            referrer=referrer,
        )


        site_tag_beacon_json_beacon_in.additional_properties = d
        return site_tag_beacon_json_beacon_in

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
