from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="EngagementPointRead")



@_attrs_define
class EngagementPointRead:
    """ 
        Attributes:
            observed_at (datetime.datetime):
            likes (int | None):
            reposts (int | None):
            comments (int | None):
            views (int | None):
            clicks (int | None):
     """

    observed_at: datetime.datetime
    likes: int | None
    reposts: int | None
    comments: int | None
    views: int | None
    clicks: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        observed_at = self.observed_at.isoformat()

        likes: int | None
        likes = self.likes

        reposts: int | None
        reposts = self.reposts

        comments: int | None
        comments = self.comments

        views: int | None
        views = self.views

        clicks: int | None
        clicks = self.clicks


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "observed_at": observed_at,
            "likes": likes,
            "reposts": reposts,
            "comments": comments,
            "views": views,
            "clicks": clicks,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        observed_at = datetime.datetime.fromisoformat(d.pop("observed_at"))




        def _parse_likes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        likes = _parse_likes(d.pop("likes"))


        def _parse_reposts(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        reposts = _parse_reposts(d.pop("reposts"))


        def _parse_comments(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        comments = _parse_comments(d.pop("comments"))


        def _parse_views(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        views = _parse_views(d.pop("views"))


        def _parse_clicks(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        clicks = _parse_clicks(d.pop("clicks"))


        engagement_point_read = cls(
            observed_at=observed_at,
            likes=likes,
            reposts=reposts,
            comments=comments,
            views=views,
            clicks=clicks,
        )


        engagement_point_read.additional_properties = d
        return engagement_point_read

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
