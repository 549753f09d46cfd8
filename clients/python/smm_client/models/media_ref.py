from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.media_ref_kind import check_media_ref_kind
from ..models.media_ref_kind import MediaRefKind
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="MediaRef")



@_attrs_define
class MediaRef:
    """ 
        Attributes:
            url (str):
            kind (MediaRefKind | Unset):  Default: 'image'.
            size_bytes (int | None | Unset): Size, where known: checked against the network's media limits when the post is
                planned
     """

    url: str
    kind: MediaRefKind | Unset = 'image'
    size_bytes: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        url = self.url

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind


        size_bytes: int | None | Unset
        if isinstance(self.size_bytes, Unset):
            size_bytes = UNSET
        else:
            size_bytes = self.size_bytes


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "url": url,
        })
        if kind is not UNSET:
            field_dict["kind"] = kind
        if size_bytes is not UNSET:
            field_dict["size_bytes"] = size_bytes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        _kind = d.pop("kind", UNSET)
        kind: MediaRefKind | Unset
        if isinstance(_kind,  Unset):
            kind = UNSET
        else:
            kind = check_media_ref_kind(_kind)




        def _parse_size_bytes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        size_bytes = _parse_size_bytes(d.pop("size_bytes", UNSET))


        media_ref = cls(
            url=url,
            kind=kind,
            size_bytes=size_bytes,
        )


        media_ref.additional_properties = d
        return media_ref

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
