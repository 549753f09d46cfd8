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






T = TypeVar("T", bound="RecurrenceRead")



@_attrs_define
class RecurrenceRead:
    """ 
        Attributes:
            id (UUID):
            rrule (str):
            dtstart_local (str): A local wall-clock time, no offset, e.g. 2031-03-30T09:00, from 2000 up to 2100
            timezone (str):
            text (str):
            account_ids (list[UUID]):
            active (bool):
            materialized_until (datetime.datetime | None):
            language (None | str | Unset):
     """

    id: UUID
    rrule: str
    dtstart_local: str
    timezone: str
    text: str
    account_ids: list[UUID]
    active: bool
    materialized_until: datetime.datetime | None
    language: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        rrule = self.rrule

        dtstart_local = self.dtstart_local

        timezone = self.timezone

        text = self.text

        account_ids = []
        for account_ids_item_data in self.account_ids:
            account_ids_item = str(account_ids_item_data)
            account_ids.append(account_ids_item)



        active = self.active

        materialized_until: None | str
        if isinstance(self.materialized_until, datetime.datetime):
            materialized_until = self.materialized_until.isoformat()
        else:
            materialized_until = self.materialized_until

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "rrule": rrule,
            "dtstart_local": dtstart_local,
            "timezone": timezone,
            "text": text,
            "account_ids": account_ids,
            "active": active,
            "materialized_until": materialized_until,
        })
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        rrule = d.pop("rrule")

        dtstart_local = d.pop("dtstart_local")

        timezone = d.pop("timezone")

        text = d.pop("text")

        account_ids = []
        _account_ids = d.pop("account_ids")
        for account_ids_item_data in (_account_ids):
            account_ids_item = UUID(account_ids_item_data)



            account_ids.append(account_ids_item)


        active = d.pop("active")

        def _parse_materialized_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                materialized_until_type_0 = datetime.datetime.fromisoformat(data)



                return materialized_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        materialized_until = _parse_materialized_until(d.pop("materialized_until"))


        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))


        recurrence_read = cls(
            id=id,
            rrule=rrule,
            dtstart_local=dtstart_local,
            timezone=timezone,
            text=text,
            account_ids=account_ids,
            active=active,
            materialized_until=materialized_until,
            language=language,
        )


        recurrence_read.additional_properties = d
        return recurrence_read

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
