from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.channel_line import ChannelLine
  from ..models.smm_summary import SmmSummary





T = TypeVar("T", bound="ChannelsReport")



@_attrs_define
class ChannelsReport:
    """ 
        Attributes:
            model (str):
            since (datetime.datetime | None):
            until (datetime.datetime | None):
            rows (list[ChannelLine]):
            currencies (list[SmmSummary]):
     """

    model: str
    since: datetime.datetime | None
    until: datetime.datetime | None
    rows: list[ChannelLine]
    currencies: list[SmmSummary]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.channel_line import ChannelLine # noqa: PLC0415
        from ..models.smm_summary import SmmSummary # noqa: PLC0415
        model = self.model

        since: None | str
        if isinstance(self.since, datetime.datetime):
            since = self.since.isoformat()
        else:
            since = self.since

        until: None | str
        if isinstance(self.until, datetime.datetime):
            until = self.until.isoformat()
        else:
            until = self.until

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)



        currencies = []
        for currencies_item_data in self.currencies:
            currencies_item = currencies_item_data.to_dict()
            currencies.append(currencies_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "model": model,
            "since": since,
            "until": until,
            "rows": rows,
            "currencies": currencies,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_line import ChannelLine # noqa: PLC0415
        from ..models.smm_summary import SmmSummary # noqa: PLC0415
        d = dict(src_dict)
        model = d.pop("model")

        def _parse_since(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                since_type_0 = datetime.datetime.fromisoformat(data)



                return since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        since = _parse_since(d.pop("since"))


        def _parse_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                until_type_0 = datetime.datetime.fromisoformat(data)



                return until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        until = _parse_until(d.pop("until"))


        rows = []
        _rows = d.pop("rows")
        for rows_item_data in (_rows):
            rows_item = ChannelLine.from_dict(rows_item_data)



            rows.append(rows_item)


        currencies = []
        _currencies = d.pop("currencies")
        for currencies_item_data in (_currencies):
            currencies_item = SmmSummary.from_dict(currencies_item_data)



            currencies.append(currencies_item)


        channels_report = cls(
            model=model,
            since=since,
            until=until,
            rows=rows,
            currencies=currencies,
        )


        channels_report.additional_properties = d
        return channels_report

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
