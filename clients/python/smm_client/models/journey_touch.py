from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="JourneyTouch")



@_attrs_define
class JourneyTouch:
    """ 
        Attributes:
            position (int):
            touched_at (datetime.datetime):
            channel (str):
            kind (str): click | visit | utm_content | promo_code
            target_id (None | UUID): The tracked post target (null: another channel's visit)
            post_id (None | UUID):
            network (None | str):
            click_id (None | str):
            page_view_id (None | str):
     """

    position: int
    touched_at: datetime.datetime
    channel: str
    kind: str
    target_id: None | UUID
    post_id: None | UUID
    network: None | str
    click_id: None | str
    page_view_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        position = self.position

        touched_at = self.touched_at.isoformat()

        channel = self.channel

        kind = self.kind

        target_id: None | str
        if isinstance(self.target_id, UUID):
            target_id = str(self.target_id)
        else:
            target_id = self.target_id

        post_id: None | str
        if isinstance(self.post_id, UUID):
            post_id = str(self.post_id)
        else:
            post_id = self.post_id

        network: None | str
        network = self.network

        click_id: None | str
        click_id = self.click_id

        page_view_id: None | str
        page_view_id = self.page_view_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "position": position,
            "touched_at": touched_at,
            "channel": channel,
            "kind": kind,
            "target_id": target_id,
            "post_id": post_id,
            "network": network,
            "click_id": click_id,
            "page_view_id": page_view_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        position = d.pop("position")

        touched_at = datetime.datetime.fromisoformat(d.pop("touched_at"))




        channel = d.pop("channel")

        kind = d.pop("kind")

        def _parse_target_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                target_id_type_0 = UUID(data)



                return target_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        target_id = _parse_target_id(d.pop("target_id"))


        def _parse_post_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                post_id_type_0 = UUID(data)



                return post_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        post_id = _parse_post_id(d.pop("post_id"))


        def _parse_network(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        network = _parse_network(d.pop("network"))


        def _parse_click_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        click_id = _parse_click_id(d.pop("click_id"))


        def _parse_page_view_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        page_view_id = _parse_page_view_id(d.pop("page_view_id"))


        journey_touch = cls(
            position=position,
            touched_at=touched_at,
            channel=channel,
            kind=kind,
            target_id=target_id,
            post_id=post_id,
            network=network,
            click_id=click_id,
            page_view_id=page_view_id,
        )


        journey_touch.additional_properties = d
        return journey_touch

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
