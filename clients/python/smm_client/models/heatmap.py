from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.heatmap_metric import check_heatmap_metric
from ..models.heatmap_metric import HeatmapMetric
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.heat_cell import HeatCell





T = TypeVar("T", bound="Heatmap")



@_attrs_define
class Heatmap:
    """ 
        Attributes:
            account_id (UUID):
            network (str):
            timezone (str):
            metric (HeatmapMetric):
            samples (int):
            min_samples (int):
            cells (list[HeatCell]):
            best (list[HeatCell]):
     """

    account_id: UUID
    network: str
    timezone: str
    metric: HeatmapMetric
    samples: int
    min_samples: int
    cells: list[HeatCell]
    best: list[HeatCell]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.heat_cell import HeatCell # noqa: PLC0415
        account_id = str(self.account_id)

        network = self.network

        timezone = self.timezone

        metric: str = self.metric

        samples = self.samples

        min_samples = self.min_samples

        cells = []
        for cells_item_data in self.cells:
            cells_item = cells_item_data.to_dict()
            cells.append(cells_item)



        best = []
        for best_item_data in self.best:
            best_item = best_item_data.to_dict()
            best.append(best_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "account_id": account_id,
            "network": network,
            "timezone": timezone,
            "metric": metric,
            "samples": samples,
            "min_samples": min_samples,
            "cells": cells,
            "best": best,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.heat_cell import HeatCell # noqa: PLC0415
        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))




        network = d.pop("network")

        timezone = d.pop("timezone")

        metric = check_heatmap_metric(d.pop("metric"))




        samples = d.pop("samples")

        min_samples = d.pop("min_samples")

        cells = []
        _cells = d.pop("cells")
        for cells_item_data in (_cells):
            cells_item = HeatCell.from_dict(cells_item_data)



            cells.append(cells_item)


        best = []
        _best = d.pop("best")
        for best_item_data in (_best):
            best_item = HeatCell.from_dict(best_item_data)



            best.append(best_item)


        heatmap = cls(
            account_id=account_id,
            network=network,
            timezone=timezone,
            metric=metric,
            samples=samples,
            min_samples=min_samples,
            cells=cells,
            best=best,
        )


        heatmap.additional_properties = d
        return heatmap

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
