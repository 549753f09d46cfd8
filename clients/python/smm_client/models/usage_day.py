from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="UsageDay")



@_attrs_define
class UsageDay:
    """ 
        Attributes:
            day (datetime.date):
            api_calls (int):
            posts_published (int | None | Unset): Targets published that day (publisher)
            orders_ingested (int | None | Unset): Orders placed that day (attribution)
            tracked_clicks (int | None | Unset): Human clicks on tracked links (attribution)
            active_accounts (int | None | Unset): Accounts the tenant had at the day's end (planner)
     """

    day: datetime.date
    api_calls: int
    posts_published: int | None | Unset = UNSET
    orders_ingested: int | None | Unset = UNSET
    tracked_clicks: int | None | Unset = UNSET
    active_accounts: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        day = self.day.isoformat()

        api_calls = self.api_calls

        posts_published: int | None | Unset
        if isinstance(self.posts_published, Unset):
            posts_published = UNSET
        else:
            posts_published = self.posts_published

        orders_ingested: int | None | Unset
        if isinstance(self.orders_ingested, Unset):
            orders_ingested = UNSET
        else:
            orders_ingested = self.orders_ingested

        tracked_clicks: int | None | Unset
        if isinstance(self.tracked_clicks, Unset):
            tracked_clicks = UNSET
        else:
            tracked_clicks = self.tracked_clicks

        active_accounts: int | None | Unset
        if isinstance(self.active_accounts, Unset):
            active_accounts = UNSET
        else:
            active_accounts = self.active_accounts


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "day": day,
            "api_calls": api_calls,
        })
        if posts_published is not UNSET:
            field_dict["posts_published"] = posts_published
        if orders_ingested is not UNSET:
            field_dict["orders_ingested"] = orders_ingested
        if tracked_clicks is not UNSET:
            field_dict["tracked_clicks"] = tracked_clicks
        if active_accounts is not UNSET:
            field_dict["active_accounts"] = active_accounts

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        day = datetime.date.fromisoformat(d.pop("day"))




        api_calls = d.pop("api_calls")

        def _parse_posts_published(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        posts_published = _parse_posts_published(d.pop("posts_published", UNSET))


        def _parse_orders_ingested(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        orders_ingested = _parse_orders_ingested(d.pop("orders_ingested", UNSET))


        def _parse_tracked_clicks(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        tracked_clicks = _parse_tracked_clicks(d.pop("tracked_clicks", UNSET))


        def _parse_active_accounts(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        active_accounts = _parse_active_accounts(d.pop("active_accounts", UNSET))


        usage_day = cls(
            day=day,
            api_calls=api_calls,
            posts_published=posts_published,
            orders_ingested=orders_ingested,
            tracked_clicks=tracked_clicks,
            active_accounts=active_accounts,
        )


        usage_day.additional_properties = d
        return usage_day

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
