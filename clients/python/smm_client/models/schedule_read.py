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





T = TypeVar("T", bound="ScheduleRead")



@_attrs_define
class ScheduleRead:
    """ 
        Attributes:
            plan (str): The tenant's plan (the operator assigns it): its bands apply without own ones
            effective_bands (list[Band]):
            bands (list[Band] | None | Unset): Own bands instead of the plan's; ascending until_s, none polling faster than
                the plan's fastest band
     """

    plan: str
    effective_bands: list[Band]
    bands: list[Band] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.band import Band # noqa: PLC0415
        plan = self.plan

        effective_bands = []
        for effective_bands_item_data in self.effective_bands:
            effective_bands_item = effective_bands_item_data.to_dict()
            effective_bands.append(effective_bands_item)



        bands: list[dict[str, Any]] | None | Unset
        if isinstance(self.bands, Unset):
            bands = UNSET
        elif isinstance(self.bands, list):
            bands = []
            for bands_type_0_item_data in self.bands:
                bands_type_0_item = bands_type_0_item_data.to_dict()
                bands.append(bands_type_0_item)


        else:
            bands = self.bands


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "plan": plan,
            "effective_bands": effective_bands,
        })
        if bands is not UNSET:
            field_dict["bands"] = bands

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.band import Band # noqa: PLC0415
        d = dict(src_dict)
        plan = d.pop("plan")

        effective_bands = []
        _effective_bands = d.pop("effective_bands")
        for effective_bands_item_data in (_effective_bands):
            effective_bands_item = Band.from_dict(effective_bands_item_data)



            effective_bands.append(effective_bands_item)


        def _parse_bands(data: object) -> list[Band] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                bands_type_0 = []
                _bands_type_0 = data
                for bands_type_0_item_data in (_bands_type_0):
                    bands_type_0_item = Band.from_dict(bands_type_0_item_data)



                    bands_type_0.append(bands_type_0_item)

                return bands_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Band] | None | Unset, data)

        bands = _parse_bands(d.pop("bands", UNSET))


        schedule_read = cls(
            plan=plan,
            effective_bands=effective_bands,
            bands=bands,
        )


        schedule_read.additional_properties = d
        return schedule_read

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
