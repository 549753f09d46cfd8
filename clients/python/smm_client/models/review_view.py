from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.comment_read import CommentRead
  from ..models.post_read import PostRead





T = TypeVar("T", bound="ReviewView")



@_attrs_define
class ReviewView:
    """ 
        Attributes:
            reviewer (str):
            post (PostRead):
            comments (list[CommentRead]):
     """

    reviewer: str
    post: PostRead
    comments: list[CommentRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.comment_read import CommentRead # noqa: PLC0415
        from ..models.post_read import PostRead # noqa: PLC0415
        reviewer = self.reviewer

        post = self.post.to_dict()

        comments = []
        for comments_item_data in self.comments:
            comments_item = comments_item_data.to_dict()
            comments.append(comments_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "reviewer": reviewer,
            "post": post,
            "comments": comments,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.comment_read import CommentRead # noqa: PLC0415
        from ..models.post_read import PostRead # noqa: PLC0415
        d = dict(src_dict)
        reviewer = d.pop("reviewer")

        post = PostRead.from_dict(d.pop("post"))




        comments = []
        _comments = d.pop("comments")
        for comments_item_data in (_comments):
            comments_item = CommentRead.from_dict(comments_item_data)



            comments.append(comments_item)


        review_view = cls(
            reviewer=reviewer,
            post=post,
            comments=comments,
        )


        review_view.additional_properties = d
        return review_view

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
