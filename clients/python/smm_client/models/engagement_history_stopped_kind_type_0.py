from typing import Literal

EngagementHistoryStoppedKindType0 = Literal['auth_expired', 'invalid']

ENGAGEMENT_HISTORY_STOPPED_KIND_TYPE_0_VALUES: set[EngagementHistoryStoppedKindType0] = { 'auth_expired', 'invalid',  }

def check_engagement_history_stopped_kind_type_0(value: str) -> EngagementHistoryStoppedKindType0:
    if value in ENGAGEMENT_HISTORY_STOPPED_KIND_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ENGAGEMENT_HISTORY_STOPPED_KIND_TYPE_0_VALUES!r}")
