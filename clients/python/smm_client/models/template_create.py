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





T = TypeVar("T", bound="TemplateCreate")



@_attrs_define
class TemplateCreate:
    """ 
        Attributes:
            name (str):
            text (str):
            media (list[MediaRef] | Unset):
            links (list[str] | Unset):
            pillar (None | str | Unset):
            campaign (None | str | Unset):
            language (None | str | Unset):
     """

    name: str
    text: str
    media: list[MediaRef] | Unset = UNSET
    links: list[str] | Unset = UNSET
    pillar: None | str | Unset = UNSET
    campaign: None | str | Unset = UNSET
    language: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.media_ref import MediaRef # noqa: PLC0415
        name = self.name

        text = self.text

        media: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.media, Unset):
            media = []
            for media_item_data in self.media:
                media_item = media_item_data.to_dict()
                media.append(media_item)



        links: list[str] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links



        pillar: None | str | Unset
        if isinstance(self.pillar, Unset):
            pillar = UNSET
        else:
            pillar = self.pillar

        campaign: None | str | Unset
        if isinstance(self.campaign, Unset):
            campaign = UNSET
        else:
            campaign = self.campaign

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "text": text,
        })
        if media is not UNSET:
            field_dict["media"] = media
        if links is not UNSET:
            field_dict["links"] = links
        if pillar is not UNSET:
            field_dict["pillar"] = pillar
        if campaign is not UNSET:
            field_dict["campaign"] = campaign
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.media_ref import MediaRef # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        text = d.pop("text")

        _media = d.pop("media", UNSET)
        media: list[MediaRef] | Unset = UNSET
        if _media is not UNSET:
            media = []
            for media_item_data in _media:
                media_item = MediaRef.from_dict(media_item_data)



                media.append(media_item)


        links = cast(list[str], d.pop("links", UNSET))


        def _parse_pillar(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pillar = _parse_pillar(d.pop("pillar", UNSET))


        def _parse_campaign(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        campaign = _parse_campaign(d.pop("campaign", UNSET))


        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        template_create = cls(
            name=name,
            text=text,
            media=media,
            links=links,
            pillar=pillar,
            campaign=campaign,
            language=language,
        )


        template_create.additional_properties = d
        return template_create

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
