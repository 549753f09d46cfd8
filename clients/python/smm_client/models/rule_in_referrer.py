from typing import Literal

RuleInReferrer = Literal['any', 'empty', 'present']

RULE_IN_REFERRER_VALUES: set[RuleInReferrer] = { 'any', 'empty', 'present',  }

def check_rule_in_referrer(value: str) -> RuleInReferrer:
    if value in RULE_IN_REFERRER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RULE_IN_REFERRER_VALUES!r}")
