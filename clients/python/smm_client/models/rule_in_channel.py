from typing import Literal

RuleInChannel = Literal['direct', 'email', 'internal', 'organic_search', 'paid_search', 'paid_social', 'referral', 'social_tracked', 'social_untracked']

RULE_IN_CHANNEL_VALUES: set[RuleInChannel] = { 'direct', 'email', 'internal', 'organic_search', 'paid_search', 'paid_social', 'referral', 'social_tracked', 'social_untracked',  }

def check_rule_in_channel(value: str) -> RuleInChannel:
    if value in RULE_IN_CHANNEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RULE_IN_CHANNEL_VALUES!r}")
