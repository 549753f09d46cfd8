from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="DeadLetterRead")



@_attrs_define
class DeadLetterRead:
    """ 
        Attributes:
            id (UUID):
            consumer (str): The consumer group that gave up on the message
            topic (str): The topic it came from, and goes back to on replay
            partition (int):
            offset (int):
            event_id (None | UUID):
            tenant_id (None | UUID):
            reason (str): malformed | unknown_tenant | rejected_by_database | handler_failed | ...
            error (str): What failed, in the words of the decoder, the handler or the database
            attempts (int):
            dead_lettered_at (datetime.datetime):
            replayed_at (datetime.datetime | None): Last replay; cleared if the event is dead-lettered again
            replays (int):
            body (None | str): The message as received (UTF-8, undecodable bytes replaced)
     """

    id: UUID
    consumer: str
    topic: str
    partition: int
    offset: int
    event_id: None | UUID
    tenant_id: None | UUID
    reason: str
    error: str
    attempts: int
    dead_lettered_at: datetime.datetime
    replayed_at: datetime.datetime | None
    replays: int
    body: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        consumer = self.consumer

        topic = self.topic

        partition = self.partition

        offset = self.offset

        event_id: None | str
        if isinstance(self.event_id, UUID):
            event_id = str(self.event_id)
        else:
            event_id = self.event_id

        tenant_id: None | str
        if isinstance(self.tenant_id, UUID):
            tenant_id = str(self.tenant_id)
        else:
            tenant_id = self.tenant_id

        reason = self.reason

        error = self.error

        attempts = self.attempts

        dead_lettered_at = self.dead_lettered_at.isoformat()

        replayed_at: None | str
        if isinstance(self.replayed_at, datetime.datetime):
            replayed_at = self.replayed_at.isoformat()
        else:
            replayed_at = self.replayed_at

        replays = self.replays

        body: None | str
        body = self.body


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "consumer": consumer,
            "topic": topic,
            "partition": partition,
            "offset": offset,
            "event_id": event_id,
            "tenant_id": tenant_id,
            "reason": reason,
            "error": error,
            "attempts": attempts,
            "dead_lettered_at": dead_lettered_at,
            "replayed_at": replayed_at,
            "replays": replays,
            "body": body,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        consumer = d.pop("consumer")

        topic = d.pop("topic")

        partition = d.pop("partition")

        offset = d.pop("offset")

        def _parse_event_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                event_id_type_0 = UUID(data)



                return event_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        event_id = _parse_event_id(d.pop("event_id"))


        def _parse_tenant_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tenant_id_type_0 = UUID(data)



                return tenant_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        tenant_id = _parse_tenant_id(d.pop("tenant_id"))


        reason = d.pop("reason")

        error = d.pop("error")

        attempts = d.pop("attempts")

        dead_lettered_at = datetime.datetime.fromisoformat(d.pop("dead_lettered_at"))




        def _parse_replayed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                replayed_at_type_0 = datetime.datetime.fromisoformat(data)



                return replayed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        replayed_at = _parse_replayed_at(d.pop("replayed_at"))


        replays = d.pop("replays")

        def _parse_body(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        body = _parse_body(d.pop("body"))


        dead_letter_read = cls(
            id=id,
            consumer=consumer,
            topic=topic,
            partition=partition,
            offset=offset,
            event_id=event_id,
            tenant_id=tenant_id,
            reason=reason,
            error=error,
            attempts=attempts,
            dead_lettered_at=dead_lettered_at,
            replayed_at=replayed_at,
            replays=replays,
            body=body,
        )


        dead_letter_read.additional_properties = d
        return dead_letter_read

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
