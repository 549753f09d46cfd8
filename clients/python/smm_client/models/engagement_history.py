from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.engagement_history_polling_status import check_engagement_history_polling_status
from ..models.engagement_history_polling_status import EngagementHistoryPollingStatus
from ..models.engagement_history_stopped_kind_type_0 import check_engagement_history_stopped_kind_type_0
from ..models.engagement_history_stopped_kind_type_0 import EngagementHistoryStoppedKindType0
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.engagement_point_read import EngagementPointRead





T = TypeVar("T", bound="EngagementHistory")



@_attrs_define
class EngagementHistory:
    """ 
        Attributes:
            polling_status (EngagementHistoryPollingStatus): active: read on schedule; stopped: reads kept failing (see
                stopped_reason) until the account's read credentials are put again; finished: the post is past its schedule or
                deleted
            failures (int): consecutive reads that failed for a reason retrying cannot fix
            last_error (None | str): the network's message of the last such failure
            stopped_at (datetime.datetime | None):
            stopped_kind (EngagementHistoryStoppedKindType0 | None):
            stopped_reason (None | str): the network's message that stopped the reads
            target_id (UUID):
            network (str):
            deleted (bool):
            points (list[EngagementPointRead]):
     """

    polling_status: EngagementHistoryPollingStatus
    failures: int
    last_error: None | str
    stopped_at: datetime.datetime | None
    stopped_kind: EngagementHistoryStoppedKindType0 | None
    stopped_reason: None | str
    target_id: UUID
    network: str
    deleted: bool
    points: list[EngagementPointRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.engagement_point_read import EngagementPointRead # noqa: PLC0415
        polling_status: str = self.polling_status

        failures = self.failures

        last_error: None | str
        last_error = self.last_error

        stopped_at: None | str
        if isinstance(self.stopped_at, datetime.datetime):
            stopped_at = self.stopped_at.isoformat()
        else:
            stopped_at = self.stopped_at

        stopped_kind: None | str
        if isinstance(self.stopped_kind, str):
            stopped_kind = self.stopped_kind
        else:
            stopped_kind = self.stopped_kind

        stopped_reason: None | str
        stopped_reason = self.stopped_reason

        target_id = str(self.target_id)

        network = self.network

        deleted = self.deleted

        points = []
        for points_item_data in self.points:
            points_item = points_item_data.to_dict()
            points.append(points_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "polling_status": polling_status,
            "failures": failures,
            "last_error": last_error,
            "stopped_at": stopped_at,
            "stopped_kind": stopped_kind,
            "stopped_reason": stopped_reason,
            "target_id": target_id,
            "network": network,
            "deleted": deleted,
            "points": points,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.engagement_point_read import EngagementPointRead # noqa: PLC0415
        d = dict(src_dict)
        polling_status = check_engagement_history_polling_status(d.pop("polling_status"))




        failures = d.pop("failures")

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))


        def _parse_stopped_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stopped_at_type_0 = datetime.datetime.fromisoformat(data)



                return stopped_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        stopped_at = _parse_stopped_at(d.pop("stopped_at"))


        def _parse_stopped_kind(data: object) -> EngagementHistoryStoppedKindType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stopped_kind_type_0 = check_engagement_history_stopped_kind_type_0(data)



                return stopped_kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EngagementHistoryStoppedKindType0 | None, data)

        stopped_kind = _parse_stopped_kind(d.pop("stopped_kind"))


        def _parse_stopped_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        stopped_reason = _parse_stopped_reason(d.pop("stopped_reason"))


        target_id = UUID(d.pop("target_id"))




        network = d.pop("network")

        deleted = d.pop("deleted")

        points = []
        _points = d.pop("points")
        for points_item_data in (_points):
            points_item = EngagementPointRead.from_dict(points_item_data)



            points.append(points_item)


        engagement_history = cls(
            polling_status=polling_status,
            failures=failures,
            last_error=last_error,
            stopped_at=stopped_at,
            stopped_kind=stopped_kind,
            stopped_reason=stopped_reason,
            target_id=target_id,
            network=network,
            deleted=deleted,
            points=points,
        )


        engagement_history.additional_properties = d
        return engagement_history

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
