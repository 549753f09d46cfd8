from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.journey_touch import JourneyTouch
  from ..models.order_journey_credits import OrderJourneyCredits





T = TypeVar("T", bound="OrderJourney")



@_attrs_define
class OrderJourney:
    """ 
        Attributes:
            order_id (UUID):
            external_id (str):
            ordered_at (datetime.datetime):
            total_minor (int):
            currency (str):
            status (str):
            evidence (None | str): click_id | visitor | utm_content | promo_code; null: no journey
            touches (list[JourneyTouch]):
            credits_ (OrderJourneyCredits): Per per-journey model, the credit per touch key (they add up to the order total)
     """

    order_id: UUID
    external_id: str
    ordered_at: datetime.datetime
    total_minor: int
    currency: str
    status: str
    evidence: None | str
    touches: list[JourneyTouch]
    credits_: OrderJourneyCredits
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.journey_touch import JourneyTouch # noqa: PLC0415
        from ..models.order_journey_credits import OrderJourneyCredits # noqa: PLC0415
        order_id = str(self.order_id)

        external_id = self.external_id

        ordered_at = self.ordered_at.isoformat()

        total_minor = self.total_minor

        currency = self.currency

        status = self.status

        evidence: None | str
        evidence = self.evidence

        touches = []
        for touches_item_data in self.touches:
            touches_item = touches_item_data.to_dict()
            touches.append(touches_item)



        credits_ = self.credits_.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "order_id": order_id,
            "external_id": external_id,
            "ordered_at": ordered_at,
            "total_minor": total_minor,
            "currency": currency,
            "status": status,
            "evidence": evidence,
            "touches": touches,
            "credits": credits_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.journey_touch import JourneyTouch # noqa: PLC0415
        from ..models.order_journey_credits import OrderJourneyCredits # noqa: PLC0415
        d = dict(src_dict)
        order_id = UUID(d.pop("order_id"))




        external_id = d.pop("external_id")

        ordered_at = datetime.datetime.fromisoformat(d.pop("ordered_at"))




        total_minor = d.pop("total_minor")

        currency = d.pop("currency")

        status = d.pop("status")

        def _parse_evidence(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        evidence = _parse_evidence(d.pop("evidence"))


        touches = []
        _touches = d.pop("touches")
        for touches_item_data in (_touches):
            touches_item = JourneyTouch.from_dict(touches_item_data)



            touches.append(touches_item)


        credits_ = OrderJourneyCredits.from_dict(d.pop("credits"))




        order_journey = cls(
            order_id=order_id,
            external_id=external_id,
            ordered_at=ordered_at,
            total_minor=total_minor,
            currency=currency,
            status=status,
            evidence=evidence,
            touches=touches,
            credits_=credits_,
        )


        order_journey.additional_properties = d
        return order_journey

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
