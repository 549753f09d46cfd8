from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.rate_row import RateRow





T = TypeVar("T", bound="EngagementRate")



@_attrs_define
class EngagementRate:
    """ 
        Attributes:
            account_id (UUID):
            interactions (int | None):
            followers (int | None):
            posts (int):
            rate (float | None):
            rate_per_post (float | None):
            days (list[RateRow]):
     """

    account_id: UUID
    interactions: int | None
    followers: int | None
    posts: int
    rate: float | None
    rate_per_post: float | None
    days: list[RateRow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rate_row import RateRow # noqa: PLC0415
        account_id = str(self.account_id)

        interactions: int | None
        interactions = self.interactions

        followers: int | None
        followers = self.followers

        posts = self.posts

        rate: float | None
        rate = self.rate

        rate_per_post: float | None
        rate_per_post = self.rate_per_post

        days = []
        for days_item_data in self.days:
            days_item = days_item_data.to_dict()
            days.append(days_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "account_id": account_id,
            "interactions": interactions,
            "followers": followers,
            "posts": posts,
            "rate": rate,
            "rate_per_post": rate_per_post,
            "days": days,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rate_row import RateRow # noqa: PLC0415
        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))




        def _parse_interactions(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        interactions = _parse_interactions(d.pop("interactions"))


        def _parse_followers(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        followers = _parse_followers(d.pop("followers"))


        posts = d.pop("posts")

        def _parse_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        rate = _parse_rate(d.pop("rate"))


        def _parse_rate_per_post(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        rate_per_post = _parse_rate_per_post(d.pop("rate_per_post"))


        days = []
        _days = d.pop("days")
        for days_item_data in (_days):
            days_item = RateRow.from_dict(days_item_data)



            days.append(days_item)


        engagement_rate = cls(
            account_id=account_id,
            interactions=interactions,
            followers=followers,
            posts=posts,
            rate=rate,
            rate_per_post=rate_per_post,
            days=days,
        )


        engagement_rate.additional_properties = d
        return engagement_rate

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
