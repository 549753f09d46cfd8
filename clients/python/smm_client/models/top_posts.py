from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.top_posts_metric import check_top_posts_metric
from ..models.top_posts_metric import TopPostsMetric
from typing import cast

if TYPE_CHECKING:
  from ..models.top_post import TopPost





T = TypeVar("T", bound="TopPosts")



@_attrs_define
class TopPosts:
    """ 
        Attributes:
            metric (TopPostsMetric):
            posts (list[TopPost]):
     """

    metric: TopPostsMetric
    posts: list[TopPost]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.top_post import TopPost # noqa: PLC0415
        metric: str = self.metric

        posts = []
        for posts_item_data in self.posts:
            posts_item = posts_item_data.to_dict()
            posts.append(posts_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "metric": metric,
            "posts": posts,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.top_post import TopPost # noqa: PLC0415
        d = dict(src_dict)
        metric = check_top_posts_metric(d.pop("metric"))




        posts = []
        _posts = d.pop("posts")
        for posts_item_data in (_posts):
            posts_item = TopPost.from_dict(posts_item_data)



            posts.append(posts_item)


        top_posts = cls(
            metric=metric,
            posts=posts,
        )


        top_posts.additional_properties = d
        return top_posts

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
