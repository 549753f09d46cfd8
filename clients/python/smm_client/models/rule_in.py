from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.rule_in_channel import check_rule_in_channel
from ..models.rule_in_channel import RuleInChannel
from ..models.rule_in_click_ids_type_0_item import check_rule_in_click_ids_type_0_item
from ..models.rule_in_click_ids_type_0_item import RuleInClickIdsType0Item
from ..models.rule_in_referrer import check_rule_in_referrer
from ..models.rule_in_referrer import RuleInReferrer
from ..models.rule_in_utm import check_rule_in_utm
from ..models.rule_in_utm import RuleInUtm
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="RuleIn")



@_attrs_define
class RuleIn:
    """ One rule: every condition given must hold (a list: any of its values); the first rule that holds wins.

        Attributes:
            channel (RuleInChannel):
            label (str | Unset):  Default: ''.
            utm_medium (list[str] | None | Unset):
            utm_source (list[str] | None | Unset):
            referrer_domains (list[str] | None | Unset):
            click_ids (list[RuleInClickIdsType0Item] | None | Unset):
            referrer (RuleInReferrer | Unset): empty: no referrer; present: some referrer Default: 'any'.
            utm (RuleInUtm | Unset): empty: no utm_source, utm_medium nor utm_campaign Default: 'any'.
     """

    channel: RuleInChannel
    label: str | Unset = ''
    utm_medium: list[str] | None | Unset = UNSET
    utm_source: list[str] | None | Unset = UNSET
    referrer_domains: list[str] | None | Unset = UNSET
    click_ids: list[RuleInClickIdsType0Item] | None | Unset = UNSET
    referrer: RuleInReferrer | Unset = 'any'
    utm: RuleInUtm | Unset = 'any'





    def to_dict(self) -> dict[str, Any]:
        channel: str = self.channel

        label = self.label

        utm_medium: list[str] | None | Unset
        if isinstance(self.utm_medium, Unset):
            utm_medium = UNSET
        elif isinstance(self.utm_medium, list):
            utm_medium = self.utm_medium


        else:
            utm_medium = self.utm_medium

        utm_source: list[str] | None | Unset
        if isinstance(self.utm_source, Unset):
            utm_source = UNSET
        elif isinstance(self.utm_source, list):
            utm_source = self.utm_source


        else:
            utm_source = self.utm_source

        referrer_domains: list[str] | None | Unset
        if isinstance(self.referrer_domains, Unset):
            referrer_domains = UNSET
        elif isinstance(self.referrer_domains, list):
            referrer_domains = self.referrer_domains


        else:
            referrer_domains = self.referrer_domains

        click_ids: list[str] | None | Unset
        if isinstance(self.click_ids, Unset):
            click_ids = UNSET
        elif isinstance(self.click_ids, list):
            click_ids = []
            for click_ids_type_0_item_data in self.click_ids:
                click_ids_type_0_item: str = click_ids_type_0_item_data
                click_ids.append(click_ids_type_0_item)


        else:
            click_ids = self.click_ids

        referrer: str | Unset = UNSET
        if not isinstance(self.referrer, Unset):
            referrer = self.referrer


        utm: str | Unset = UNSET
        if not isinstance(self.utm, Unset):
            utm = self.utm



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "channel": channel,
        })
        if label is not UNSET:
            field_dict["label"] = label
        if utm_medium is not UNSET:
            field_dict["utm_medium"] = utm_medium
        if utm_source is not UNSET:
            field_dict["utm_source"] = utm_source
        if referrer_domains is not UNSET:
            field_dict["referrer_domains"] = referrer_domains
        if click_ids is not UNSET:
            field_dict["click_ids"] = click_ids
        if referrer is not UNSET:
            field_dict["referrer"] = referrer
        if utm is not UNSET:
            field_dict["utm"] = utm

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = check_rule_in_channel(d.pop("channel"))




        label = d.pop("label", UNSET)

        def _parse_utm_medium(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                utm_medium_type_0 = cast(list[str], data)

                return utm_medium_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        utm_medium = _parse_utm_medium(d.pop("utm_medium", UNSET))


        def _parse_utm_source(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                utm_source_type_0 = cast(list[str], data)

                return utm_source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        utm_source = _parse_utm_source(d.pop("utm_source", UNSET))


        def _parse_referrer_domains(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                referrer_domains_type_0 = cast(list[str], data)

                return referrer_domains_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        referrer_domains = _parse_referrer_domains(d.pop("referrer_domains", UNSET))


        def _parse_click_ids(data: object) -> list[RuleInClickIdsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                click_ids_type_0 = []
                _click_ids_type_0 = data
                for click_ids_type_0_item_data in (_click_ids_type_0):
                    click_ids_type_0_item = check_rule_in_click_ids_type_0_item(click_ids_type_0_item_data)



                    click_ids_type_0.append(click_ids_type_0_item)

                return click_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RuleInClickIdsType0Item] | None | Unset, data)

        click_ids = _parse_click_ids(d.pop("click_ids", UNSET))


        _referrer = d.pop("referrer", UNSET)
        referrer: RuleInReferrer | Unset
        if isinstance(_referrer,  Unset):
            referrer = UNSET
        else:
            referrer = check_rule_in_referrer(_referrer)




        _utm = d.pop("utm", UNSET)
        utm: RuleInUtm | Unset
        if isinstance(_utm,  Unset):
            utm = UNSET
        else:
            utm = check_rule_in_utm(_utm)




        rule_in = cls(
            channel=channel,
            label=label,
            utm_medium=utm_medium,
            utm_source=utm_source,
            referrer_domains=referrer_domains,
            click_ids=click_ids,
            referrer=referrer,
            utm=utm,
        )

        return rule_in

