from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.deletion_read_status import check_deletion_read_status
from ..models.deletion_read_status import DeletionReadStatus
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.service_progress import ServiceProgress





T = TypeVar("T", bound="DeletionRead")



@_attrs_define
class DeletionRead:
    """ 
        Attributes:
            deletion_id (UUID):
            status (DeletionReadStatus):
            requested_at (datetime.datetime):
            completed_at (datetime.datetime | None):
            services (list[ServiceProgress]):
     """

    deletion_id: UUID
    status: DeletionReadStatus
    requested_at: datetime.datetime
    completed_at: datetime.datetime | None
    services: list[ServiceProgress]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.service_progress import ServiceProgress # noqa: PLC0415
        deletion_id = str(self.deletion_id)

        status: str = self.status

        requested_at = self.requested_at.isoformat()

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        services = []
        for services_item_data in self.services:
            services_item = services_item_data.to_dict()
            services.append(services_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "deletion_id": deletion_id,
            "status": status,
            "requested_at": requested_at,
            "completed_at": completed_at,
            "services": services,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.service_progress import ServiceProgress # noqa: PLC0415
        d = dict(src_dict)
        deletion_id = UUID(d.pop("deletion_id"))




        status = check_deletion_read_status(d.pop("status"))




        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))




        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)



                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))


        services = []
        _services = d.pop("services")
        for services_item_data in (_services):
            services_item = ServiceProgress.from_dict(services_item_data)



            services.append(services_item)


        deletion_read = cls(
            deletion_id=deletion_id,
            status=status,
            requested_at=requested_at,
            completed_at=completed_at,
            services=services,
        )


        deletion_read.additional_properties = d
        return deletion_read

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
