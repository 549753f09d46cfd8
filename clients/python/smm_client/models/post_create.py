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
  from ..models.target_create import TargetCreate





T = TypeVar("T", bound="PostCreate")



@_attrs_define
class PostCreate:
    """ 
        Attributes:
            scheduled_at (datetime.datetime | str): With a UTC offset, or a local wall-clock time read in `timezone`; stored
                as UTC
            targets (list[TargetCreate]):
            text (None | str | Unset): Master text; from the template when absent
            timezone (None | str | Unset): IANA zone for a scheduled_at without offset
            campaign (None | str | Unset):
            pillar (None | str | Unset):
            brand_id (None | Unset | UUID):
            links (list[str] | Unset):
            media (list[MediaRef] | Unset):
            tags (list[str] | Unset):
            language (None | str | Unset): BCP 47 tag of the text (en, pt-BR, zh-Hant); from the template when absent
            draft (bool | Unset): Keep as a draft instead of scheduling (or submitting for review) Default: False.
            template_id (None | Unset | UUID): Fill text, media, links, pillar and campaign from it
     """

    scheduled_at: datetime.datetime | str
    targets: list[TargetCreate]
    text: None | str | Unset = UNSET
    timezone: None | str | Unset = UNSET
    campaign: None | str | Unset = UNSET
    pillar: None | str | Unset = UNSET
    brand_id: None | Unset | UUID = UNSET
    links: list[str] | Unset = UNSET
    media: list[MediaRef] | Unset = UNSET
    tags: list[str] | Unset = UNSET
    language: None | str | Unset = UNSET
    draft: bool | Unset = False
    template_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.media_ref import MediaRef # noqa: PLC0415
        from ..models.target_create import TargetCreate # noqa: PLC0415
        scheduled_at: str
        if isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)



        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        campaign: None | str | Unset
        if isinstance(self.campaign, Unset):
            campaign = UNSET
        else:
            campaign = self.campaign

        pillar: None | str | Unset
        if isinstance(self.pillar, Unset):
            pillar = UNSET
        else:
            pillar = self.pillar

        brand_id: None | str | Unset
        if isinstance(self.brand_id, Unset):
            brand_id = UNSET
        elif isinstance(self.brand_id, UUID):
            brand_id = str(self.brand_id)
        else:
            brand_id = self.brand_id

        links: list[str] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links



        media: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.media, Unset):
            media = []
            for media_item_data in self.media:
                media_item = media_item_data.to_dict()
                media.append(media_item)



        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags



        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        draft = self.draft

        template_id: None | str | Unset
        if isinstance(self.template_id, Unset):
            template_id = UNSET
        elif isinstance(self.template_id, UUID):
            template_id = str(self.template_id)
        else:
            template_id = self.template_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "scheduled_at": scheduled_at,
            "targets": targets,
        })
        if text is not UNSET:
            field_dict["text"] = text
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if campaign is not UNSET:
            field_dict["campaign"] = campaign
        if pillar is not UNSET:
            field_dict["pillar"] = pillar
        if brand_id is not UNSET:
            field_dict["brand_id"] = brand_id
        if links is not UNSET:
            field_dict["links"] = links
        if media is not UNSET:
            field_dict["media"] = media
        if tags is not UNSET:
            field_dict["tags"] = tags
        if language is not UNSET:
            field_dict["language"] = language
        if draft is not UNSET:
            field_dict["draft"] = draft
        if template_id is not UNSET:
            field_dict["template_id"] = template_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.media_ref import MediaRef # noqa: PLC0415
        from ..models.target_create import TargetCreate # noqa: PLC0415
        d = dict(src_dict)
        def _parse_scheduled_at(data: object) -> datetime.datetime | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)



                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | str, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at"))


        targets = []
        _targets = d.pop("targets")
        for targets_item_data in (_targets):
            targets_item = TargetCreate.from_dict(targets_item_data)



            targets.append(targets_item)


        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))


        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))


        def _parse_campaign(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        campaign = _parse_campaign(d.pop("campaign", UNSET))


        def _parse_pillar(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pillar = _parse_pillar(d.pop("pillar", UNSET))


        def _parse_brand_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                brand_id_type_0 = UUID(data)



                return brand_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        brand_id = _parse_brand_id(d.pop("brand_id", UNSET))


        links = cast(list[str], d.pop("links", UNSET))


        _media = d.pop("media", UNSET)
        media: list[MediaRef] | Unset = UNSET
        if _media is not UNSET:
            media = []
            for media_item_data in _media:
                media_item = MediaRef.from_dict(media_item_data)



                media.append(media_item)


        tags = cast(list[str], d.pop("tags", UNSET))


        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        draft = d.pop("draft", UNSET)

        def _parse_template_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                template_id_type_0 = UUID(data)



                return template_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        template_id = _parse_template_id(d.pop("template_id", UNSET))


        post_create = cls(
            scheduled_at=scheduled_at,
            targets=targets,
            text=text,
            timezone=timezone,
            campaign=campaign,
            pillar=pillar,
            brand_id=brand_id,
            links=links,
            media=media,
            tags=tags,
            language=language,
            draft=draft,
            template_id=template_id,
        )


        post_create.additional_properties = d
        return post_create

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
