from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.service_progress_status import check_service_progress_status
from ..models.service_progress_status import ServiceProgressStatus
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ServiceProgress")



@_attrs_define
class ServiceProgress:
    """ 
        Attributes:
            service (str):
            status (ServiceProgressStatus):
            deleted_at (datetime.datetime | None | Unset):
            rows_deleted (int | None | Unset):
            redis_keys_deleted (int | None | Unset):
     """

    service: str
    status: ServiceProgressStatus
    deleted_at: datetime.datetime | None | Unset = UNSET
    rows_deleted: int | None | Unset = UNSET
    redis_keys_deleted: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        service = self.service

        status: str = self.status

        deleted_at: None | str | Unset
        if isinstance(self.deleted_at, Unset):
            deleted_at = UNSET
        elif isinstance(self.deleted_at, datetime.datetime):
            deleted_at = self.deleted_at.isoformat()
        else:
            deleted_at = self.deleted_at

        rows_deleted: int | None | Unset
        if isinstance(self.rows_deleted, Unset):
            rows_deleted = UNSET
        else:
            rows_deleted = self.rows_deleted

        redis_keys_deleted: int | None | Unset
        if isinstance(self.redis_keys_deleted, Unset):
            redis_keys_deleted = UNSET
        else:
            redis_keys_deleted = self.redis_keys_deleted


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "service": service,
            "status": status,
        })
        if deleted_at is not UNSET:
            field_dict["deleted_at"] = deleted_at
        if rows_deleted is not UNSET:
            field_dict["rows_deleted"] = rows_deleted
        if redis_keys_deleted is not UNSET:
            field_dict["redis_keys_deleted"] = redis_keys_deleted

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        service = d.pop("service")

        status = check_service_progress_status(d.pop("status"))




        def _parse_deleted_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deleted_at_type_0 = datetime.datetime.fromisoformat(data)



                return deleted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        deleted_at = _parse_deleted_at(d.pop("deleted_at", UNSET))


        def _parse_rows_deleted(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rows_deleted = _parse_rows_deleted(d.pop("rows_deleted", UNSET))


        def _parse_redis_keys_deleted(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        redis_keys_deleted = _parse_redis_keys_deleted(d.pop("redis_keys_deleted", UNSET))


        service_progress = cls(
            service=service,
            status=status,
            deleted_at=deleted_at,
            rows_deleted=rows_deleted,
            redis_keys_deleted=redis_keys_deleted,
        )


        service_progress.additional_properties = d
        return service_progress

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
