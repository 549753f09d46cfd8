from typing import Literal

RuleInUtm = Literal['any', 'empty', 'present']

RULE_IN_UTM_VALUES: set[RuleInUtm] = { 'any', 'empty', 'present',  }

def check_rule_in_utm(value: str) -> RuleInUtm:
    if value in RULE_IN_UTM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RULE_IN_UTM_VALUES!r}")
