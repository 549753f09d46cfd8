from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.rule_in import RuleIn





T = TypeVar("T", bound="PreviewIn")



@_attrs_define
class PreviewIn:
    """ 
        Attributes:
            url (str): The landing page, with its query (UTM, click ids)
            referrer (None | str | Unset):
            version (int | None | Unset): Default: the current version
            rules (list[RuleIn] | None | Unset): Rules not saved yet, to try (instead of a version)
     """

    url: str
    referrer: None | str | Unset = UNSET
    version: int | None | Unset = UNSET
    rules: list[RuleIn] | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.rule_in import RuleIn # noqa: PLC0415
        url = self.url

        referrer: None | str | Unset
        if isinstance(self.referrer, Unset):
            referrer = UNSET
        else:
            referrer = self.referrer

        version: int | None | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        rules: list[dict[str, Any]] | None | Unset
        if isinstance(self.rules, Unset):
            rules = UNSET
        elif isinstance(self.rules, list):
            rules = []
            for rules_type_0_item_data in self.rules:
                rules_type_0_item = rules_type_0_item_data.to_dict()
                rules.append(rules_type_0_item)


        else:
            rules = self.rules


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "url": url,
        })
        if referrer is not UNSET:
            field_dict["referrer"] = referrer
        if version is not UNSET:
            field_dict["version"] = version
        if rules is not UNSET:
            field_dict["rules"] = rules

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_in import RuleIn # noqa: PLC0415
        d = dict(src_dict)
        url = d.pop("url")

        def _parse_referrer(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        referrer = _parse_referrer(d.pop("referrer", UNSET))


        def _parse_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        version = _parse_version(d.pop("version", UNSET))


        def _parse_rules(data: object) -> list[RuleIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                rules_type_0 = []
                _rules_type_0 = data
                for rules_type_0_item_data in (_rules_type_0):
                    rules_type_0_item = RuleIn.from_dict(rules_type_0_item_data)



                    rules_type_0.append(rules_type_0_item)

                return rules_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RuleIn] | None | Unset, data)

        rules = _parse_rules(d.pop("rules", UNSET))


        preview_in = cls(
            url=url,
            referrer=referrer,
            version=version,
            rules=rules,
        )

        return preview_in

