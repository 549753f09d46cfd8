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





T = TypeVar("T", bound="QueueAdd")



@_attrs_define
class QueueAdd:
    """ 
        Attributes:
            text (str):
            account_ids (list[UUID]):
            campaign (None | str | Unset):
            pillar (None | str | Unset):
            brand_id (None | Unset | UUID):
            links (list[str] | Unset):
            media (list[MediaRef] | Unset):
            language (None | str | Unset):
            not_before (datetime.datetime | None | Unset): Default now
     """

    text: str
    account_ids: list[UUID]
    campaign: None | str | Unset = UNSET
    pillar: None | str | Unset = UNSET
    brand_id: None | Unset | UUID = UNSET
    links: list[str] | Unset = UNSET
    media: list[MediaRef] | Unset = UNSET
    language: None | str | Unset = UNSET
    not_before: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.media_ref import MediaRef # noqa: PLC0415
        text = self.text

        account_ids = []
        for account_ids_item_data in self.account_ids:
            account_ids_item = str(account_ids_item_data)
            account_ids.append(account_ids_item)



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



        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        not_before: None | str | Unset
        if isinstance(self.not_before, Unset):
            not_before = UNSET
        elif isinstance(self.not_before, datetime.datetime):
            not_before = self.not_before.isoformat()
        else:
            not_before = self.not_before


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "text": text,
            "account_ids": account_ids,
        })
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
        if language is not UNSET:
            field_dict["language"] = language
        if not_before is not UNSET:
            field_dict["not_before"] = not_before

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.media_ref import MediaRef # noqa: PLC0415
        d = dict(src_dict)
        text = d.pop("text")

        account_ids = []
        _account_ids = d.pop("account_ids")
        for account_ids_item_data in (_account_ids):
            account_ids_item = UUID(account_ids_item_data)



            account_ids.append(account_ids_item)


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


        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        def _parse_not_before(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                not_before_type_0 = datetime.datetime.fromisoformat(data)



                return not_before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        not_before = _parse_not_before(d.pop("not_before", UNSET))


        queue_add = cls(
            text=text,
            account_ids=account_ids,
            campaign=campaign,
            pillar=pillar,
            brand_id=brand_id,
            links=links,
            media=media,
            language=language,
            not_before=not_before,
        )


        queue_add.additional_properties = d
        return queue_add

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
