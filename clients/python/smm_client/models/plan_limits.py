from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.band import Band





T = TypeVar("T", bound="PlanLimits")



@_attrs_define
class PlanLimits:
    """ 
        Attributes:
            posts_per_month (int | None | Unset): Posts created per calendar month (UTC), on any number of accounts; null:
                no quota
            connected_accounts (int | None | Unset): Social accounts; null: no quota
            seats (int | None | Unset): Web app users and their pending invitations; null: no quota
            api_requests_per_minute (int | None | Unset): Requests per minute per API key on each service; null: the
                deployment's API_RATE_LIMIT
            metrics_poll_bands (list[Band] | None | Unset): How often metrics polls a published post by its age (ascending
                until_s); null: the default schedule. A tenant's own bands may not poll faster than this plan's fastest band
     """

    posts_per_month: int | None | Unset = UNSET
    connected_accounts: int | None | Unset = UNSET
    seats: int | None | Unset = UNSET
    api_requests_per_minute: int | None | Unset = UNSET
    metrics_poll_bands: list[Band] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.band import Band # noqa: PLC0415
        posts_per_month: int | None | Unset
        if isinstance(self.posts_per_month, Unset):
            posts_per_month = UNSET
        else:
            posts_per_month = self.posts_per_month

        connected_accounts: int | None | Unset
        if isinstance(self.connected_accounts, Unset):
            connected_accounts = UNSET
        else:
            connected_accounts = self.connected_accounts

        seats: int | None | Unset
        if isinstance(self.seats, Unset):
            seats = UNSET
        else:
            seats = self.seats

        api_requests_per_minute: int | None | Unset
        if isinstance(self.api_requests_per_minute, Unset):
            api_requests_per_minute = UNSET
        else:
            api_requests_per_minute = self.api_requests_per_minute

        metrics_poll_bands: list[dict[str, Any]] | None | Unset
        if isinstance(self.metrics_poll_bands, Unset):
            metrics_poll_bands = UNSET
        elif isinstance(self.metrics_poll_bands, list):
            metrics_poll_bands = []
            for metrics_poll_bands_type_0_item_data in self.metrics_poll_bands:
                metrics_poll_bands_type_0_item = metrics_poll_bands_type_0_item_data.to_dict()
                metrics_poll_bands.append(metrics_poll_bands_type_0_item)


        else:
            metrics_poll_bands = self.metrics_poll_bands


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if posts_per_month is not UNSET:
            field_dict["posts_per_month"] = posts_per_month
        if connected_accounts is not UNSET:
            field_dict["connected_accounts"] = connected_accounts
        if seats is not UNSET:
            field_dict["seats"] = seats
        if api_requests_per_minute is not UNSET:
            field_dict["api_requests_per_minute"] = api_requests_per_minute
        if metrics_poll_bands is not UNSET:
            field_dict["metrics_poll_bands"] = metrics_poll_bands

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.band import Band # noqa: PLC0415
        d = dict(src_dict)
        def _parse_posts_per_month(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        posts_per_month = _parse_posts_per_month(d.pop("posts_per_month", UNSET))


        def _parse_connected_accounts(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        connected_accounts = _parse_connected_accounts(d.pop("connected_accounts", UNSET))


        def _parse_seats(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seats = _parse_seats(d.pop("seats", UNSET))


        def _parse_api_requests_per_minute(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        api_requests_per_minute = _parse_api_requests_per_minute(d.pop("api_requests_per_minute", UNSET))


        def _parse_metrics_poll_bands(data: object) -> list[Band] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                metrics_poll_bands_type_0 = []
                _metrics_poll_bands_type_0 = data
                for metrics_poll_bands_type_0_item_data in (_metrics_poll_bands_type_0):
                    metrics_poll_bands_type_0_item = Band.from_dict(metrics_poll_bands_type_0_item_data)



                    metrics_poll_bands_type_0.append(metrics_poll_bands_type_0_item)

                return metrics_poll_bands_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Band] | None | Unset, data)

        metrics_poll_bands = _parse_metrics_poll_bands(d.pop("metrics_poll_bands", UNSET))


        plan_limits = cls(
            posts_per_month=posts_per_month,
            connected_accounts=connected_accounts,
            seats=seats,
            api_requests_per_minute=api_requests_per_minute,
            metrics_poll_bands=metrics_poll_bands,
        )


        plan_limits.additional_properties = d
        return plan_limits

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
