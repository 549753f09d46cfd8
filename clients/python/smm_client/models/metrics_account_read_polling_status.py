from typing import Literal

MetricsAccountReadPollingStatus = Literal['active', 'finished', 'stopped']

METRICS_ACCOUNT_READ_POLLING_STATUS_VALUES: set[MetricsAccountReadPollingStatus] = { 'active', 'finished', 'stopped',  }

def check_metrics_account_read_polling_status(value: str) -> MetricsAccountReadPollingStatus:
    if value in METRICS_ACCOUNT_READ_POLLING_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {METRICS_ACCOUNT_READ_POLLING_STATUS_VALUES!r}")
