from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.heat_cell_source import check_heat_cell_source
from ..models.heat_cell_source import HeatCellSource
from typing import cast






T = TypeVar("T", bound="HeatCell")



@_attrs_define
class HeatCell:
    """ 
        Attributes:
            weekday (int):
            hour (int):
            samples (int):
            score (float):
            source (HeatCellSource):
     """

    weekday: int
    hour: int
    samples: int
    score: float
    source: HeatCellSource
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        weekday = self.weekday

        hour = self.hour

        samples = self.samples

        score = self.score

        source: str = self.source


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "weekday": weekday,
            "hour": hour,
            "samples": samples,
            "score": score,
            "source": source,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        weekday = d.pop("weekday")

        hour = d.pop("hour")

        samples = d.pop("samples")

        score = d.pop("score")

        source = check_heat_cell_source(d.pop("source"))




        heat_cell = cls(
            weekday=weekday,
            hour=hour,
            samples=samples,
            score=score,
            source=source,
        )


        heat_cell.additional_properties = d
        return heat_cell

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
