from typing import Literal

StoppedAccountPollingStatus = Literal['active', 'finished', 'stopped']

STOPPED_ACCOUNT_POLLING_STATUS_VALUES: set[StoppedAccountPollingStatus] = { 'active', 'finished', 'stopped',  }

def check_stopped_account_polling_status(value: str) -> StoppedAccountPollingStatus:
    if value in STOPPED_ACCOUNT_POLLING_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STOPPED_ACCOUNT_POLLING_STATUS_VALUES!r}")
