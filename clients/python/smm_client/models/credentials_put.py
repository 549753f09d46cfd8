from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.credentials_put_network import check_credentials_put_network
from ..models.credentials_put_network import CredentialsPutNetwork
from typing import cast

if TYPE_CHECKING:
  from ..models.credentials_put_credentials import CredentialsPutCredentials





T = TypeVar("T", bound="CredentialsPut")



@_attrs_define
class CredentialsPut:
    """ ``network`` and ``account_ref`` must be the ones the account was created with on the planner.

        Attributes:
            network (CredentialsPutNetwork): One of: telegram, vk, mastodon, bluesky, x, facebook, instagram, linkedin,
                threads, pinterest, youtube, tiktok, reddit, discord, gbp
            account_ref (str): An id in another system
            credentials (CredentialsPutCredentials): Network tokens; stored encrypted, never returned or logged
     """

    network: CredentialsPutNetwork
    account_ref: str
    credentials: CredentialsPutCredentials
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.credentials_put_credentials import CredentialsPutCredentials # noqa: PLC0415
        network: str = self.network

        account_ref = self.account_ref

        credentials = self.credentials.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "network": network,
            "account_ref": account_ref,
            "credentials": credentials,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credentials_put_credentials import CredentialsPutCredentials # noqa: PLC0415
        d = dict(src_dict)
        network = check_credentials_put_network(d.pop("network"))




        account_ref = d.pop("account_ref")

        credentials = CredentialsPutCredentials.from_dict(d.pop("credentials"))




        credentials_put = cls(
            network=network,
            account_ref=account_ref,
            credentials=credentials,
        )


        credentials_put.additional_properties = d
        return credentials_put

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
