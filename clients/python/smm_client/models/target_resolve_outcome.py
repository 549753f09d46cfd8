from typing import Literal

TargetResolveOutcome = Literal['published', 'retry']

TARGET_RESOLVE_OUTCOME_VALUES: set[TargetResolveOutcome] = { 'published', 'retry',  }

def check_target_resolve_outcome(value: str) -> TargetResolveOutcome:
    if value in TARGET_RESOLVE_OUTCOME_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TARGET_RESOLVE_OUTCOME_VALUES!r}")
