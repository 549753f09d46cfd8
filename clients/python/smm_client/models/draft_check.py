from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.media_ref import MediaRef
  from ..models.target_create import TargetCreate





T = TypeVar("T", bound="DraftCheck")



@_attrs_define
class DraftCheck:
    """ What the composer has so far: checked with the catalogue's rules, nothing saved.

        Attributes:
            targets (list[TargetCreate]):
            text (str | Unset): Master text (may still be empty) Default: ''.
            links (list[str] | Unset):
            media (list[MediaRef] | Unset):
     """

    targets: list[TargetCreate]
    text: str | Unset = ''
    links: list[str] | Unset = UNSET
    media: list[MediaRef] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.media_ref import MediaRef # noqa: PLC0415
        from ..models.target_create import TargetCreate # noqa: PLC0415
        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)



        text = self.text

        links: list[str] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links



        media: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.media, Unset):
            media = []
            for media_item_data in self.media:
                media_item = media_item_data.to_dict()
                media.append(media_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "targets": targets,
        })
        if text is not UNSET:
            field_dict["text"] = text
        if links is not UNSET:
            field_dict["links"] = links
        if media is not UNSET:
            field_dict["media"] = media

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.media_ref import MediaRef # noqa: PLC0415
        from ..models.target_create import TargetCreate # noqa: PLC0415
        d = dict(src_dict)
        targets = []
        _targets = d.pop("targets")
        for targets_item_data in (_targets):
            targets_item = TargetCreate.from_dict(targets_item_data)



            targets.append(targets_item)


        text = d.pop("text", UNSET)

        links = cast(list[str], d.pop("links", UNSET))


        _media = d.pop("media", UNSET)
        media: list[MediaRef] | Unset = UNSET
        if _media is not UNSET:
            media = []
            for media_item_data in _media:
                media_item = MediaRef.from_dict(media_item_data)



                media.append(media_item)


        draft_check = cls(
            targets=targets,
            text=text,
            links=links,
            media=media,
        )


        draft_check.additional_properties = d
        return draft_check

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
