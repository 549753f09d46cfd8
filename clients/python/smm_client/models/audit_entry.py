from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.audit_entry_target import AuditEntryTarget





T = TypeVar("T", bound="AuditEntry")



@_attrs_define
class AuditEntry:
    """ 
        Attributes:
            id (int): Increasing: the newest entry has the highest
            at (datetime.datetime):
            actor (str): `key:<api key id>`, `operator` or `reviewer:<name>`
            actor_name (None | str): The API key's name, if it has one
            on_behalf_of (None | str): The X-Actor header: the web app's signed-in user, a script's label
            service (str):
            action (str): Method and route template, e.g. `POST /posts/{post_id}/approve`
            target (AuditEntryTarget): The route's path parameters (tokens left out)
            status (int):
            source (None | str): The client's address (X-Forwarded-For as the proxy settings trust it)
            correlation_id (None | str):
     """

    id: int
    at: datetime.datetime
    actor: str
    actor_name: None | str
    on_behalf_of: None | str
    service: str
    action: str
    target: AuditEntryTarget
    status: int
    source: None | str
    correlation_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_entry_target import AuditEntryTarget # noqa: PLC0415
        id = self.id

        at = self.at.isoformat()

        actor = self.actor

        actor_name: None | str
        actor_name = self.actor_name

        on_behalf_of: None | str
        on_behalf_of = self.on_behalf_of

        service = self.service

        action = self.action

        target = self.target.to_dict()

        status = self.status

        source: None | str
        source = self.source

        correlation_id: None | str
        correlation_id = self.correlation_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "at": at,
            "actor": actor,
            "actor_name": actor_name,
            "on_behalf_of": on_behalf_of,
            "service": service,
            "action": action,
            "target": target,
            "status": status,
            "source": source,
            "correlation_id": correlation_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_entry_target import AuditEntryTarget # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        at = datetime.datetime.fromisoformat(d.pop("at"))




        actor = d.pop("actor")

        def _parse_actor_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_name = _parse_actor_name(d.pop("actor_name"))


        def _parse_on_behalf_of(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        on_behalf_of = _parse_on_behalf_of(d.pop("on_behalf_of"))


        service = d.pop("service")

        action = d.pop("action")

        target = AuditEntryTarget.from_dict(d.pop("target"))




        status = d.pop("status")

        def _parse_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source = _parse_source(d.pop("source"))


        def _parse_correlation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        correlation_id = _parse_correlation_id(d.pop("correlation_id"))


        audit_entry = cls(
            id=id,
            at=at,
            actor=actor,
            actor_name=actor_name,
            on_behalf_of=on_behalf_of,
            service=service,
            action=action,
            target=target,
            status=status,
            source=source,
            correlation_id=correlation_id,
        )


        audit_entry.additional_properties = d
        return audit_entry

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
