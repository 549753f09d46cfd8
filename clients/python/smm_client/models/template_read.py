from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.media_ref import MediaRef





T = TypeVar("T", bound="TemplateRead")



@_attrs_define
class TemplateRead:
    """ 
        Attributes:
            id (UUID):
            name (str):
            text (str):
            media (list[MediaRef]):
            links (list[str]):
            pillar (None | str):
            campaign (None | str):
            created_at (datetime.datetime):
            language (None | str | Unset):
     """

    id: UUID
    name: str
    text: str
    media: list[MediaRef]
    links: list[str]
    pillar: None | str
    campaign: None | str
    created_at: datetime.datetime
    language: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.media_ref import MediaRef # noqa: PLC0415
        id = str(self.id)

        name = self.name

        text = self.text

        media = []
        for media_item_data in self.media:
            media_item = media_item_data.to_dict()
            media.append(media_item)



        links = self.links



        pillar: None | str
        pillar = self.pillar

        campaign: None | str
        campaign = self.campaign

        created_at = self.created_at.isoformat()

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "name": name,
            "text": text,
            "media": media,
            "links": links,
            "pillar": pillar,
            "campaign": campaign,
            "created_at": created_at,
        })
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.media_ref import MediaRef # noqa: PLC0415
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        name = d.pop("name")

        text = d.pop("text")

        media = []
        _media = d.pop("media")
        for media_item_data in (_media):
            media_item = MediaRef.from_dict(media_item_data)



            media.append(media_item)


        links = cast(list[str], d.pop("links"))


        def _parse_pillar(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pillar = _parse_pillar(d.pop("pillar"))


        def _parse_campaign(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        campaign = _parse_campaign(d.pop("campaign"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        template_read = cls(
            id=id,
            name=name,
            text=text,
            media=media,
            links=links,
            pillar=pillar,
            campaign=campaign,
            created_at=created_at,
            language=language,
        )


        template_read.additional_properties = d
        return template_read

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
