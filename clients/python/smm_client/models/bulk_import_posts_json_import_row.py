from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="BulkImportPostsJsonImportRow")



@_attrs_define
class BulkImportPostsJsonImportRow:
    """ 
        Attributes:
            scheduled_at (datetime.datetime | str): With a UTC offset, or a local time read in `timezone`
            accounts (list[str] | str): Account ids or handles (a list, or separated by | ; or spaces)
            text (str):
            timezone (None | str | Unset):
            media_urls (list[str] | str | Unset):
            pillar (None | str | Unset):
            campaign (None | str | Unset):
            language (None | str | Unset):
     """

    scheduled_at: datetime.datetime | str
    accounts: list[str] | str
    text: str
    timezone: None | str | Unset = UNSET
    media_urls: list[str] | str | Unset = UNSET
    pillar: None | str | Unset = UNSET
    campaign: None | str | Unset = UNSET
    language: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        scheduled_at: str
        if isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        accounts: list[str] | str
        if isinstance(self.accounts, list):
            accounts = self.accounts


        else:
            accounts = self.accounts

        text = self.text

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        media_urls: list[str] | str | Unset
        if isinstance(self.media_urls, Unset):
            media_urls = UNSET
        elif isinstance(self.media_urls, list):
            media_urls = self.media_urls


        else:
            media_urls = self.media_urls

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
            "scheduled_at": scheduled_at,
            "accounts": accounts,
            "text": text,
        })
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if media_urls is not UNSET:
            field_dict["media_urls"] = media_urls
        if pillar is not UNSET:
            field_dict["pillar"] = pillar
        if campaign is not UNSET:
            field_dict["campaign"] = campaign
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
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


        def _parse_accounts(data: object) -> list[str] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                accounts_type_0 = cast(list[str], data)

                return accounts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str, data)

        accounts = _parse_accounts(d.pop("accounts"))


        text = d.pop("text")

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))


        def _parse_media_urls(data: object) -> list[str] | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                media_urls_type_0 = cast(list[str], data)

                return media_urls_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str | Unset, data)

        media_urls = _parse_media_urls(d.pop("media_urls", UNSET))


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


        bulk_import_posts_json_import_row = cls(
            scheduled_at=scheduled_at,
            accounts=accounts,
            text=text,
            timezone=timezone,
            media_urls=media_urls,
            pillar=pillar,
            campaign=campaign,
            language=language,
        )


        bulk_import_posts_json_import_row.additional_properties = d
        return bulk_import_posts_json_import_row

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
