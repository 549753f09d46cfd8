from typing import Literal

EngagementHistoryPollingStatus = Literal['active', 'finished', 'stopped']

ENGAGEMENT_HISTORY_POLLING_STATUS_VALUES: set[EngagementHistoryPollingStatus] = { 'active', 'finished', 'stopped',  }

def check_engagement_history_polling_status(value: str) -> EngagementHistoryPollingStatus:
    if value in ENGAGEMENT_HISTORY_POLLING_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ENGAGEMENT_HISTORY_POLLING_STATUS_VALUES!r}")
