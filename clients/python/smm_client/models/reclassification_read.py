from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.reclassification_read_status import check_reclassification_read_status
from ..models.reclassification_read_status import ReclassificationReadStatus
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="ReclassificationRead")



@_attrs_define
class ReclassificationRead:
    """ 
        Attributes:
            id (UUID):
            status (ReclassificationReadStatus):
            since (datetime.datetime):
            until (datetime.datetime):
            version (int):
            total (int | None): Visits in the range, counted when the job starts
            done (int): Visits classified so far
            changed (int): Visits whose channel changed
            error (None | str):
            created_at (datetime.datetime):
            started_at (datetime.datetime | None):
            finished_at (datetime.datetime | None):
     """

    id: UUID
    status: ReclassificationReadStatus
    since: datetime.datetime
    until: datetime.datetime
    version: int
    total: int | None
    done: int
    changed: int
    error: None | str
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        status: str = self.status

        since = self.since.isoformat()

        until = self.until.isoformat()

        version = self.version

        total: int | None
        total = self.total

        done = self.done

        changed = self.changed

        error: None | str
        error = self.error

        created_at = self.created_at.isoformat()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "status": status,
            "since": since,
            "until": until,
            "version": version,
            "total": total,
            "done": done,
            "changed": changed,
            "error": error,
            "created_at": created_at,
            "started_at": started_at,
            "finished_at": finished_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        status = check_reclassification_read_status(d.pop("status"))




        since = datetime.datetime.fromisoformat(d.pop("since"))




        until = datetime.datetime.fromisoformat(d.pop("until"))




        version = d.pop("version")

        def _parse_total(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        total = _parse_total(d.pop("total"))


        done = d.pop("done")

        changed = d.pop("changed")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)



                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))


        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)



                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))


        reclassification_read = cls(
            id=id,
            status=status,
            since=since,
            until=until,
            version=version,
            total=total,
            done=done,
            changed=changed,
            error=error,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
        )


        reclassification_read.additional_properties = d
        return reclassification_read

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
