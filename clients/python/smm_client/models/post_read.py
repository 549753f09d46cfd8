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
  from ..models.target_read import TargetRead





T = TypeVar("T", bound="PostRead")



@_attrs_define
class PostRead:
    """ 
        Attributes:
            id (UUID):
            text (str):
            status (str):
            campaign (None | str):
            pillar (None | str):
            brand_id (None | UUID):
            links (list[str]):
            media (list[MediaRef]):
            created_at (datetime.datetime):
            targets (list[TargetRead]):
            language (None | str | Unset):
            tags (list[str] | Unset):
     """

    id: UUID
    text: str
    status: str
    campaign: None | str
    pillar: None | str
    brand_id: None | UUID
    links: list[str]
    media: list[MediaRef]
    created_at: datetime.datetime
    targets: list[TargetRead]
    language: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.media_ref import MediaRef # noqa: PLC0415
        from ..models.target_read import TargetRead # noqa: PLC0415
        id = str(self.id)

        text = self.text

        status = self.status

        campaign: None | str
        campaign = self.campaign

        pillar: None | str
        pillar = self.pillar

        brand_id: None | str
        if isinstance(self.brand_id, UUID):
            brand_id = str(self.brand_id)
        else:
            brand_id = self.brand_id

        links = self.links



        media = []
        for media_item_data in self.media:
            media_item = media_item_data.to_dict()
            media.append(media_item)



        created_at = self.created_at.isoformat()

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)



        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "text": text,
            "status": status,
            "campaign": campaign,
            "pillar": pillar,
            "brand_id": brand_id,
            "links": links,
            "media": media,
            "created_at": created_at,
            "targets": targets,
        })
        if language is not UNSET:
            field_dict["language"] = language
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.media_ref import MediaRef # noqa: PLC0415
        from ..models.target_read import TargetRead # noqa: PLC0415
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        text = d.pop("text")

        status = d.pop("status")

        def _parse_campaign(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        campaign = _parse_campaign(d.pop("campaign"))


        def _parse_pillar(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pillar = _parse_pillar(d.pop("pillar"))


        def _parse_brand_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                brand_id_type_0 = UUID(data)



                return brand_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        brand_id = _parse_brand_id(d.pop("brand_id"))


        links = cast(list[str], d.pop("links"))


        media = []
        _media = d.pop("media")
        for media_item_data in (_media):
            media_item = MediaRef.from_dict(media_item_data)



            media.append(media_item)


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        targets = []
        _targets = d.pop("targets")
        for targets_item_data in (_targets):
            targets_item = TargetRead.from_dict(targets_item_data)



            targets.append(targets_item)


        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        tags = cast(list[str], d.pop("tags", UNSET))


        post_read = cls(
            id=id,
            text=text,
            status=status,
            campaign=campaign,
            pillar=pillar,
            brand_id=brand_id,
            links=links,
            media=media,
            created_at=created_at,
            targets=targets,
            language=language,
            tags=tags,
        )


        post_read.additional_properties = d
        return post_read

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
