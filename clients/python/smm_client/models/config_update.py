from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ConfigUpdate")



@_attrs_define
class ConfigUpdate:
    """ Only the fields given change; null puts a setting back to its default.

        Attributes:
            click_window_s (int | None | Unset):
            half_life_s (int | None | Unset):
            gross_margin_bp (int | None | Unset): Gross margin in basis points of revenue, for ROI (default 100 %)
            roi_alert_weeks (int | None | Unset): Alert after this many weeks of ROI < 0
            alert_webhook_url (None | str | Unset):
            alert_webhook_secret (None | str | Unset): Write-only. A Standard Webhooks secret: whsec_ and the base64 of 24
                to 64 random bytes (smmkit.webhooks.new_secret). Setting a new one keeps the previous one signing beside it for
                ATTRIBUTION_WEBHOOK_ROTATION_OVERLAP_S (a day): both verify during the overlap
     """

    click_window_s: int | None | Unset = UNSET
    half_life_s: int | None | Unset = UNSET
    gross_margin_bp: int | None | Unset = UNSET
    roi_alert_weeks: int | None | Unset = UNSET
    alert_webhook_url: None | str | Unset = UNSET
    alert_webhook_secret: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        click_window_s: int | None | Unset
        if isinstance(self.click_window_s, Unset):
            click_window_s = UNSET
        else:
            click_window_s = self.click_window_s

        half_life_s: int | None | Unset
        if isinstance(self.half_life_s, Unset):
            half_life_s = UNSET
        else:
            half_life_s = self.half_life_s

        gross_margin_bp: int | None | Unset
        if isinstance(self.gross_margin_bp, Unset):
            gross_margin_bp = UNSET
        else:
            gross_margin_bp = self.gross_margin_bp

        roi_alert_weeks: int | None | Unset
        if isinstance(self.roi_alert_weeks, Unset):
            roi_alert_weeks = UNSET
        else:
            roi_alert_weeks = self.roi_alert_weeks

        alert_webhook_url: None | str | Unset
        if isinstance(self.alert_webhook_url, Unset):
            alert_webhook_url = UNSET
        else:
            alert_webhook_url = self.alert_webhook_url

        alert_webhook_secret: None | str | Unset
        if isinstance(self.alert_webhook_secret, Unset):
            alert_webhook_secret = UNSET
        else:
            alert_webhook_secret = self.alert_webhook_secret


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if click_window_s is not UNSET:
            field_dict["click_window_s"] = click_window_s
        if half_life_s is not UNSET:
            field_dict["half_life_s"] = half_life_s
        if gross_margin_bp is not UNSET:
            field_dict["gross_margin_bp"] = gross_margin_bp
        if roi_alert_weeks is not UNSET:
            field_dict["roi_alert_weeks"] = roi_alert_weeks
        if alert_webhook_url is not UNSET:
            field_dict["alert_webhook_url"] = alert_webhook_url
        if alert_webhook_secret is not UNSET:
            field_dict["alert_webhook_secret"] = alert_webhook_secret

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_click_window_s(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        click_window_s = _parse_click_window_s(d.pop("click_window_s", UNSET))


        def _parse_half_life_s(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        half_life_s = _parse_half_life_s(d.pop("half_life_s", UNSET))


        def _parse_gross_margin_bp(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        gross_margin_bp = _parse_gross_margin_bp(d.pop("gross_margin_bp", UNSET))


        def _parse_roi_alert_weeks(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        roi_alert_weeks = _parse_roi_alert_weeks(d.pop("roi_alert_weeks", UNSET))


        def _parse_alert_webhook_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        alert_webhook_url = _parse_alert_webhook_url(d.pop("alert_webhook_url", UNSET))


        def _parse_alert_webhook_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        alert_webhook_secret = _parse_alert_webhook_secret(d.pop("alert_webhook_secret", UNSET))


        config_update = cls(
            click_window_s=click_window_s,
            half_life_s=half_life_s,
            gross_margin_bp=gross_margin_bp,
            roi_alert_weeks=roi_alert_weeks,
            alert_webhook_url=alert_webhook_url,
            alert_webhook_secret=alert_webhook_secret,
        )


        config_update.additional_properties = d
        return config_update

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
