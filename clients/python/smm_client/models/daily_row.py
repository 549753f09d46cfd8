from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="DailyRow")



@_attrs_define
class DailyRow:
    """ 
        Attributes:
            day (datetime.date):
            posts (int):
            likes (int | None):
            reposts (int | None):
            comments (int | None):
            views (int | None):
            clicks (int | None):
     """

    day: datetime.date
    posts: int
    likes: int | None
    reposts: int | None
    comments: int | None
    views: int | None
    clicks: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        day = self.day.isoformat()

        posts = self.posts

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
            "day": day,
            "posts": posts,
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
        day = datetime.date.fromisoformat(d.pop("day"))




        posts = d.pop("posts")

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


        daily_row = cls(
            day=day,
            posts=posts,
            likes=likes,
            reposts=reposts,
            comments=comments,
            views=views,
            clicks=clicks,
        )


        daily_row.additional_properties = d
        return daily_row

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
