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
  from ..models.plan_read import PlanRead
  from ..models.plan_use import PlanUse





T = TypeVar("T", bound="TenantPlanRead")



@_attrs_define
class TenantPlanRead:
    """ 
        Attributes:
            tenant_id (UUID):
            plan (PlanRead):
            assigned_at (datetime.datetime | None): When the operator assigned it; null: the default plan
            use (PlanUse):
     """

    tenant_id: UUID
    plan: PlanRead
    assigned_at: datetime.datetime | None
    use: PlanUse
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.plan_read import PlanRead # noqa: PLC0415
        from ..models.plan_use import PlanUse # noqa: PLC0415
        tenant_id = str(self.tenant_id)

        plan = self.plan.to_dict()

        assigned_at: None | str
        if isinstance(self.assigned_at, datetime.datetime):
            assigned_at = self.assigned_at.isoformat()
        else:
            assigned_at = self.assigned_at

        use = self.use.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "tenant_id": tenant_id,
            "plan": plan,
            "assigned_at": assigned_at,
            "use": use,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_read import PlanRead # noqa: PLC0415
        from ..models.plan_use import PlanUse # noqa: PLC0415
        d = dict(src_dict)
        tenant_id = UUID(d.pop("tenant_id"))




        plan = PlanRead.from_dict(d.pop("plan"))




        def _parse_assigned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assigned_at_type_0 = datetime.datetime.fromisoformat(data)



                return assigned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        assigned_at = _parse_assigned_at(d.pop("assigned_at"))


        use = PlanUse.from_dict(d.pop("use"))




        tenant_plan_read = cls(
            tenant_id=tenant_id,
            plan=plan,
            assigned_at=assigned_at,
            use=use,
        )


        tenant_plan_read.additional_properties = d
        return tenant_plan_read

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
