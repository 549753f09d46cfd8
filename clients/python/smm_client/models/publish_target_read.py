from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="PublishTargetRead")



@_attrs_define
class PublishTargetRead:
    """ 
        Attributes:
            target_id (UUID):
            post_id (UUID):
            account_id (UUID):
            network (str):
            state (str):
            attempts (int): How many times a worker took the target up (crash recoveries included)
            scheduled_at (datetime.datetime):
            next_attempt_at (datetime.datetime):
            external_id (None | str):
            url (None | str):
            published_at (datetime.datetime | None):
            error_kind (None | str):
            last_error (None | str):
     """

    target_id: UUID
    post_id: UUID
    account_id: UUID
    network: str
    state: str
    attempts: int
    scheduled_at: datetime.datetime
    next_attempt_at: datetime.datetime
    external_id: None | str
    url: None | str
    published_at: datetime.datetime | None
    error_kind: None | str
    last_error: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        target_id = str(self.target_id)

        post_id = str(self.post_id)

        account_id = str(self.account_id)

        network = self.network

        state = self.state

        attempts = self.attempts

        scheduled_at = self.scheduled_at.isoformat()

        next_attempt_at = self.next_attempt_at.isoformat()

        external_id: None | str
        external_id = self.external_id

        url: None | str
        url = self.url

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        error_kind: None | str
        error_kind = self.error_kind

        last_error: None | str
        last_error = self.last_error


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "target_id": target_id,
            "post_id": post_id,
            "account_id": account_id,
            "network": network,
            "state": state,
            "attempts": attempts,
            "scheduled_at": scheduled_at,
            "next_attempt_at": next_attempt_at,
            "external_id": external_id,
            "url": url,
            "published_at": published_at,
            "error_kind": error_kind,
            "last_error": last_error,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target_id = UUID(d.pop("target_id"))




        post_id = UUID(d.pop("post_id"))




        account_id = UUID(d.pop("account_id"))




        network = d.pop("network")

        state = d.pop("state")

        attempts = d.pop("attempts")

        scheduled_at = datetime.datetime.fromisoformat(d.pop("scheduled_at"))




        next_attempt_at = datetime.datetime.fromisoformat(d.pop("next_attempt_at"))




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


        def _parse_error_kind(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error_kind = _parse_error_kind(d.pop("error_kind"))


        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))


        publish_target_read = cls(
            target_id=target_id,
            post_id=post_id,
            account_id=account_id,
            network=network,
            state=state,
            attempts=attempts,
            scheduled_at=scheduled_at,
            next_attempt_at=next_attempt_at,
            external_id=external_id,
            url=url,
            published_at=published_at,
            error_kind=error_kind,
            last_error=last_error,
        )


        publish_target_read.additional_properties = d
        return publish_target_read

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
