from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="PreviewRead")



@_attrs_define
class PreviewRead:
    """ 
        Attributes:
            channel (str):
            version (int | None): The version used; null when unsaved rules were given
            matched (int | str): The index of the rule that held, or the fixed fact: click_id (our tracked link), same_site
                (internal), fallback (no rule held)
     """

    channel: str
    version: int | None
    matched: int | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        channel = self.channel

        version: int | None
        version = self.version

        matched: int | str
        matched = self.matched


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "channel": channel,
            "version": version,
            "matched": matched,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = d.pop("channel")

        def _parse_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        version = _parse_version(d.pop("version"))


        def _parse_matched(data: object) -> int | str:
            return cast(int | str, data)

        matched = _parse_matched(d.pop("matched"))


        preview_read = cls(
            channel=channel,
            version=version,
            matched=matched,
        )


        preview_read.additional_properties = d
        return preview_read

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
