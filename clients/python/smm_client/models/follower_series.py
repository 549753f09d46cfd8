from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.follower_point_read import FollowerPointRead





T = TypeVar("T", bound="FollowerSeries")



@_attrs_define
class FollowerSeries:
    """ 
        Attributes:
            account_id (UUID):
            points (list[FollowerPointRead]):
     """

    account_id: UUID
    points: list[FollowerPointRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.follower_point_read import FollowerPointRead # noqa: PLC0415
        account_id = str(self.account_id)

        points = []
        for points_item_data in self.points:
            points_item = points_item_data.to_dict()
            points.append(points_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "account_id": account_id,
            "points": points,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.follower_point_read import FollowerPointRead # noqa: PLC0415
        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))




        points = []
        _points = d.pop("points")
        for points_item_data in (_points):
            points_item = FollowerPointRead.from_dict(points_item_data)



            points.append(points_item)


        follower_series = cls(
            account_id=account_id,
            points=points,
        )


        follower_series.additional_properties = d
        return follower_series

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
