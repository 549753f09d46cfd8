from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.usage_day import UsageDay





T = TypeVar("T", bound="UsageRead")



@_attrs_define
class UsageRead:
    """ 
        Attributes:
            tenant_id (UUID):
            service (str):
            since (datetime.date):
            until (datetime.date):
            days (list[UsageDay]):
     """

    tenant_id: UUID
    service: str
    since: datetime.date
    until: datetime.date
    days: list[UsageDay]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.usage_day import UsageDay # noqa: PLC0415
        tenant_id = str(self.tenant_id)

        service = self.service

        since = self.since.isoformat()

        until = self.until.isoformat()

        days = []
        for days_item_data in self.days:
            days_item = days_item_data.to_dict()
            days.append(days_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "tenant_id": tenant_id,
            "service": service,
            "since": since,
            "until": until,
            "days": days,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_day import UsageDay # noqa: PLC0415
        d = dict(src_dict)
        tenant_id = UUID(d.pop("tenant_id"))




        service = d.pop("service")

        since = datetime.date.fromisoformat(d.pop("since"))




        until = datetime.date.fromisoformat(d.pop("until"))




        days = []
        _days = d.pop("days")
        for days_item_data in (_days):
            days_item = UsageDay.from_dict(days_item_data)



            days.append(days_item)


        usage_read = cls(
            tenant_id=tenant_id,
            service=service,
            since=since,
            until=until,
            days=days,
        )


        usage_read.additional_properties = d
        return usage_read

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
