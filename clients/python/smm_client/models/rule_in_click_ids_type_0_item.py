from typing import Literal

RuleInClickIdsType0Item = Literal['click_id', 'fbclid', 'gclid', 'ttclid', 'yclid']

RULE_IN_CLICK_IDS_TYPE_0_ITEM_VALUES: set[RuleInClickIdsType0Item] = { 'click_id', 'fbclid', 'gclid', 'ttclid', 'yclid',  }

def check_rule_in_click_ids_type_0_item(value: str) -> RuleInClickIdsType0Item:
    if value in RULE_IN_CLICK_IDS_TYPE_0_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RULE_IN_CLICK_IDS_TYPE_0_ITEM_VALUES!r}")
