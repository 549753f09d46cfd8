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






T = TypeVar("T", bound="TargetRead")



@_attrs_define
class TargetRead:
    """ 
        Attributes:
            id (UUID):
            account_id (UUID):
            network (str):
            status (str):
            scheduled_at (datetime.datetime):
            dispatched_at (datetime.datetime | None):
            dispatch_count (int):
            external_id (None | str):
            url (None | str):
            published_at (datetime.datetime | None):
            failure_reason (None | str):
            text_override (None | str | Unset):
            language_override (None | str | Unset):
     """

    id: UUID
    account_id: UUID
    network: str
    status: str
    scheduled_at: datetime.datetime
    dispatched_at: datetime.datetime | None
    dispatch_count: int
    external_id: None | str
    url: None | str
    published_at: datetime.datetime | None
    failure_reason: None | str
    text_override: None | str | Unset = UNSET
    language_override: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        account_id = str(self.account_id)

        network = self.network

        status = self.status

        scheduled_at = self.scheduled_at.isoformat()

        dispatched_at: None | str
        if isinstance(self.dispatched_at, datetime.datetime):
            dispatched_at = self.dispatched_at.isoformat()
        else:
            dispatched_at = self.dispatched_at

        dispatch_count = self.dispatch_count

        external_id: None | str
        external_id = self.external_id

        url: None | str
        url = self.url

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        failure_reason: None | str
        failure_reason = self.failure_reason

        text_override: None | str | Unset
        if isinstance(self.text_override, Unset):
            text_override = UNSET
        else:
            text_override = self.text_override

        language_override: None | str | Unset
        if isinstance(self.language_override, Unset):
            language_override = UNSET
        else:
            language_override = self.language_override


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "account_id": account_id,
            "network": network,
            "status": status,
            "scheduled_at": scheduled_at,
            "dispatched_at": dispatched_at,
            "dispatch_count": dispatch_count,
            "external_id": external_id,
            "url": url,
            "published_at": published_at,
            "failure_reason": failure_reason,
        })
        if text_override is not UNSET:
            field_dict["text_override"] = text_override
        if language_override is not UNSET:
            field_dict["language_override"] = language_override

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        account_id = UUID(d.pop("account_id"))




        network = d.pop("network")

        status = d.pop("status")

        scheduled_at = datetime.datetime.fromisoformat(d.pop("scheduled_at"))




        def _parse_dispatched_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dispatched_at_type_0 = datetime.datetime.fromisoformat(data)



                return dispatched_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        dispatched_at = _parse_dispatched_at(d.pop("dispatched_at"))


        dispatch_count = d.pop("dispatch_count")

        def _parse_external_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_id = _parse_external_id(d.pop("external_id"))


        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))


        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)



                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))


        def _parse_failure_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        failure_reason = _parse_failure_reason(d.pop("failure_reason"))


        def _parse_text_override(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text_override = _parse_text_override(d.pop("text_override", UNSET))


        def _parse_language_override(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language_override = _parse_language_override(d.pop("language_override", UNSET))


        target_read = cls(
            id=id,
            account_id=account_id,
            network=network,
            status=status,
            scheduled_at=scheduled_at,
            dispatched_at=dispatched_at,
            dispatch_count=dispatch_count,
            external_id=external_id,
            url=url,
            published_at=published_at,
            failure_reason=failure_reason,
            text_override=text_override,
            language_override=language_override,
        )


        target_read.additional_properties = d
        return target_read

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
