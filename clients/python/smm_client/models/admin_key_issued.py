from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.key_read import KeyRead
  from ..models.tenant_read import TenantRead





T = TypeVar("T", bound="AdminKeyIssued")



@_attrs_define
class AdminKeyIssued:
    """ 
        Attributes:
            key (KeyRead):
            api_key (str): Shown once; only its hash is stored
            tenant (TenantRead):
            key_prefix (str):
     """

    key: KeyRead
    api_key: str
    tenant: TenantRead
    key_prefix: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.key_read import KeyRead # noqa: PLC0415
        from ..models.tenant_read import TenantRead # noqa: PLC0415
        key = self.key.to_dict()

        api_key = self.api_key

        tenant = self.tenant.to_dict()

        key_prefix = self.key_prefix


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "key": key,
            "api_key": api_key,
            "tenant": tenant,
            "key_prefix": key_prefix,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.key_read import KeyRead # noqa: PLC0415
        from ..models.tenant_read import TenantRead # noqa: PLC0415
        d = dict(src_dict)
        key = KeyRead.from_dict(d.pop("key"))




        api_key = d.pop("api_key")

        tenant = TenantRead.from_dict(d.pop("tenant"))




        key_prefix = d.pop("key_prefix")

        admin_key_issued = cls(
            key=key,
            api_key=api_key,
            tenant=tenant,
            key_prefix=key_prefix,
        )


        admin_key_issued.additional_properties = d
        return admin_key_issued

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
