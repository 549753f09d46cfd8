from typing import Literal

StoppedTargetPollingStatus = Literal['active', 'finished', 'stopped']

STOPPED_TARGET_POLLING_STATUS_VALUES: set[StoppedTargetPollingStatus] = { 'active', 'finished', 'stopped',  }

def check_stopped_target_polling_status(value: str) -> StoppedTargetPollingStatus:
    if value in STOPPED_TARGET_POLLING_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STOPPED_TARGET_POLLING_STATUS_VALUES!r}")
