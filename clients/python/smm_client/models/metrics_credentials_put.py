from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.metrics_credentials_put_network import check_metrics_credentials_put_network
from ..models.metrics_credentials_put_network import MetricsCredentialsPutNetwork
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.metrics_credentials_put_credentials import MetricsCredentialsPutCredentials





T = TypeVar("T", bound="MetricsCredentialsPut")



@_attrs_define
class MetricsCredentialsPut:
    """ 
        Attributes:
            network (MetricsCredentialsPutNetwork): One of: telegram, vk, mastodon, bluesky, x, facebook, instagram,
                linkedin, threads, pinterest, youtube, tiktok, reddit, discord, gbp
            account_ref (str): An id in another system
            credentials (MetricsCredentialsPutCredentials | Unset): Read tokens; stored encrypted, never returned or logged
            timezone (str | Unset): IANA zone of the account, for the best-time heatmap Default: 'UTC'.
     """

    network: MetricsCredentialsPutNetwork
    account_ref: str
    credentials: MetricsCredentialsPutCredentials | Unset = UNSET
    timezone: str | Unset = 'UTC'
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.metrics_credentials_put_credentials import MetricsCredentialsPutCredentials # noqa: PLC0415
        network: str = self.network

        account_ref = self.account_ref

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        timezone = self.timezone


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "network": network,
            "account_ref": account_ref,
        })
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metrics_credentials_put_credentials import MetricsCredentialsPutCredentials # noqa: PLC0415
        d = dict(src_dict)
        network = check_metrics_credentials_put_network(d.pop("network"))




        account_ref = d.pop("account_ref")

        _credentials = d.pop("credentials", UNSET)
        credentials: MetricsCredentialsPutCredentials | Unset
        if isinstance(_credentials,  Unset):
            credentials = UNSET
        else:
            credentials = MetricsCredentialsPutCredentials.from_dict(_credentials)




        timezone = d.pop("timezone", UNSET)

        metrics_credentials_put = cls(
            network=network,
            account_ref=account_ref,
            credentials=credentials,
            timezone=timezone,
        )


        metrics_credentials_put.additional_properties = d
        return metrics_credentials_put

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
