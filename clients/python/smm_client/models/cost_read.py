from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.cost_read_currency import check_cost_read_currency
from ..models.cost_read_currency import CostReadCurrency
from ..models.cost_read_kind import check_cost_read_kind
from ..models.cost_read_kind import CostReadKind
from ..models.cost_read_network_type_0 import check_cost_read_network_type_0
from ..models.cost_read_network_type_0 import CostReadNetworkType0
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="CostRead")



@_attrs_define
class CostRead:
    """ 
        Attributes:
            amount_minor (int): Integer minor units (cents), 0 to 1,000,000,000,000,000
            currency (CostReadCurrency): ISO 4217 currency code
            period_start (datetime.date): From 2000 up to 2100
            period_end (datetime.date): Inclusive
            id (UUID):
            created_at (datetime.datetime):
            kind (CostReadKind | Unset):  Default: 'other'.
            campaign (None | str | Unset):
            network (CostReadNetworkType0 | None | Unset):
            brand_id (None | Unset | UUID):
            account_id (None | Unset | UUID):
            pillar (None | str | Unset):
            note (None | str | Unset):
     """

    amount_minor: int
    currency: CostReadCurrency
    period_start: datetime.date
    period_end: datetime.date
    id: UUID
    created_at: datetime.datetime
    kind: CostReadKind | Unset = 'other'
    campaign: None | str | Unset = UNSET
    network: CostReadNetworkType0 | None | Unset = UNSET
    brand_id: None | Unset | UUID = UNSET
    account_id: None | Unset | UUID = UNSET
    pillar: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        amount_minor = self.amount_minor

        currency: str = self.currency

        period_start = self.period_start.isoformat()

        period_end = self.period_end.isoformat()

        id = str(self.id)

        created_at = self.created_at.isoformat()

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind


        campaign: None | str | Unset
        if isinstance(self.campaign, Unset):
            campaign = UNSET
        else:
            campaign = self.campaign

        network: None | str | Unset
        if isinstance(self.network, Unset):
            network = UNSET
        elif isinstance(self.network, str):
            network = self.network
        else:
            network = self.network

        brand_id: None | str | Unset
        if isinstance(self.brand_id, Unset):
            brand_id = UNSET
        elif isinstance(self.brand_id, UUID):
            brand_id = str(self.brand_id)
        else:
            brand_id = self.brand_id

        account_id: None | str | Unset
        if isinstance(self.account_id, Unset):
            account_id = UNSET
        elif isinstance(self.account_id, UUID):
            account_id = str(self.account_id)
        else:
            account_id = self.account_id

        pillar: None | str | Unset
        if isinstance(self.pillar, Unset):
            pillar = UNSET
        else:
            pillar = self.pillar

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "amount_minor": amount_minor,
            "currency": currency,
            "period_start": period_start,
            "period_end": period_end,
            "id": id,
            "created_at": created_at,
        })
        if kind is not UNSET:
            field_dict["kind"] = kind
        if campaign is not UNSET:
            field_dict["campaign"] = campaign
        if network is not UNSET:
            field_dict["network"] = network
        if brand_id is not UNSET:
            field_dict["brand_id"] = brand_id
        if account_id is not UNSET:
            field_dict["account_id"] = account_id
        if pillar is not UNSET:
            field_dict["pillar"] = pillar
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount_minor = d.pop("amount_minor")

        currency = check_cost_read_currency(d.pop("currency"))




        period_start = datetime.date.fromisoformat(d.pop("period_start"))




        period_end = datetime.date.fromisoformat(d.pop("period_end"))




        id = UUID(d.pop("id"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        _kind = d.pop("kind", UNSET)
        kind: CostReadKind | Unset
        if isinstance(_kind,  Unset):
            kind = UNSET
        else:
            kind = check_cost_read_kind(_kind)




        def _parse_campaign(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        campaign = _parse_campaign(d.pop("campaign", UNSET))


        def _parse_network(data: object) -> CostReadNetworkType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                network_type_0 = check_cost_read_network_type_0(data)



                return network_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CostReadNetworkType0 | None | Unset, data)

        network = _parse_network(d.pop("network", UNSET))


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


        def _parse_account_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                account_id_type_0 = UUID(data)



                return account_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        account_id = _parse_account_id(d.pop("account_id", UNSET))


        def _parse_pillar(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pillar = _parse_pillar(d.pop("pillar", UNSET))


        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))


        cost_read = cls(
            amount_minor=amount_minor,
            currency=currency,
            period_start=period_start,
            period_end=period_end,
            id=id,
            created_at=created_at,
            kind=kind,
            campaign=campaign,
            network=network,
            brand_id=brand_id,
            account_id=account_id,
            pillar=pillar,
            note=note,
        )


        cost_read.additional_properties = d
        return cost_read

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
