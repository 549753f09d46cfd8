from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="ConfigRead")



@_attrs_define
class ConfigRead:
    """ 
        Attributes:
            click_window_s (int):
            half_life_s (int):
            gross_margin_bp (int | None):
            roi_alert_weeks (int):
            alert_webhook_url (None | str):
            alert_webhook_secret_set (bool):
            alert_webhook_active (bool): False once disabled after repeated failed deliveries
                (ATTRIBUTION_WEBHOOK_DISABLE_AFTER); enable it again with POST /settings/alert-webhook/enable
            alert_webhook_failures (int): Failed attempts in a row
            alert_webhook_disabled_at (datetime.datetime | None):
            alert_webhook_disabled_reason (None | str):
            updated_at (datetime.datetime | None):
     """

    click_window_s: int
    half_life_s: int
    gross_margin_bp: int | None
    roi_alert_weeks: int
    alert_webhook_url: None | str
    alert_webhook_secret_set: bool
    alert_webhook_active: bool
    alert_webhook_failures: int
    alert_webhook_disabled_at: datetime.datetime | None
    alert_webhook_disabled_reason: None | str
    updated_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        click_window_s = self.click_window_s

        half_life_s = self.half_life_s

        gross_margin_bp: int | None
        gross_margin_bp = self.gross_margin_bp

        roi_alert_weeks = self.roi_alert_weeks

        alert_webhook_url: None | str
        alert_webhook_url = self.alert_webhook_url

        alert_webhook_secret_set = self.alert_webhook_secret_set

        alert_webhook_active = self.alert_webhook_active

        alert_webhook_failures = self.alert_webhook_failures

        alert_webhook_disabled_at: None | str
        if isinstance(self.alert_webhook_disabled_at, datetime.datetime):
            alert_webhook_disabled_at = self.alert_webhook_disabled_at.isoformat()
        else:
            alert_webhook_disabled_at = self.alert_webhook_disabled_at

        alert_webhook_disabled_reason: None | str
        alert_webhook_disabled_reason = self.alert_webhook_disabled_reason

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "click_window_s": click_window_s,
            "half_life_s": half_life_s,
            "gross_margin_bp": gross_margin_bp,
            "roi_alert_weeks": roi_alert_weeks,
            "alert_webhook_url": alert_webhook_url,
            "alert_webhook_secret_set": alert_webhook_secret_set,
            "alert_webhook_active": alert_webhook_active,
            "alert_webhook_failures": alert_webhook_failures,
            "alert_webhook_disabled_at": alert_webhook_disabled_at,
            "alert_webhook_disabled_reason": alert_webhook_disabled_reason,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        click_window_s = d.pop("click_window_s")

        half_life_s = d.pop("half_life_s")

        def _parse_gross_margin_bp(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        gross_margin_bp = _parse_gross_margin_bp(d.pop("gross_margin_bp"))


        roi_alert_weeks = d.pop("roi_alert_weeks")

        def _parse_alert_webhook_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        alert_webhook_url = _parse_alert_webhook_url(d.pop("alert_webhook_url"))


        alert_webhook_secret_set = d.pop("alert_webhook_secret_set")

        alert_webhook_active = d.pop("alert_webhook_active")

        alert_webhook_failures = d.pop("alert_webhook_failures")

        def _parse_alert_webhook_disabled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                alert_webhook_disabled_at_type_0 = datetime.datetime.fromisoformat(data)



                return alert_webhook_disabled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        alert_webhook_disabled_at = _parse_alert_webhook_disabled_at(d.pop("alert_webhook_disabled_at"))


        def _parse_alert_webhook_disabled_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        alert_webhook_disabled_reason = _parse_alert_webhook_disabled_reason(d.pop("alert_webhook_disabled_reason"))


        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)



                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))


        config_read = cls(
            click_window_s=click_window_s,
            half_life_s=half_life_s,
            gross_margin_bp=gross_margin_bp,
            roi_alert_weeks=roi_alert_weeks,
            alert_webhook_url=alert_webhook_url,
            alert_webhook_secret_set=alert_webhook_secret_set,
            alert_webhook_active=alert_webhook_active,
            alert_webhook_failures=alert_webhook_failures,
            alert_webhook_disabled_at=alert_webhook_disabled_at,
            alert_webhook_disabled_reason=alert_webhook_disabled_reason,
            updated_at=updated_at,
        )


        config_read.additional_properties = d
        return config_read

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
