from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="CampaignRead")



@_attrs_define
class CampaignRead:
    """ 
        Attributes:
            name (str):
            starts_on (datetime.date): From 2000 up to 2100
            ends_on (datetime.date): From 2000 up to 2100
            id (UUID):
            brand_id (None | Unset | UUID):
     """

    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    id: UUID
    brand_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        starts_on = self.starts_on.isoformat()

        ends_on = self.ends_on.isoformat()

        id = str(self.id)

        brand_id: None | str | Unset
        if isinstance(self.brand_id, Unset):
            brand_id = UNSET
        elif isinstance(self.brand_id, UUID):
            brand_id = str(self.brand_id)
        else:
            brand_id = self.brand_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "id": id,
        })
        if brand_id is not UNSET:
            field_dict["brand_id"] = brand_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))




        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))




        id = UUID(d.pop("id"))




        def _parse_brand_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                brand_id_type_0 = UUID(data)



                return brand_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        brand_id = _parse_brand_id(d.pop("brand_id", UNSET))


        campaign_read = cls(
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
            id=id,
            brand_id=brand_id,
        )


        campaign_read.additional_properties = d
        return campaign_read

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
