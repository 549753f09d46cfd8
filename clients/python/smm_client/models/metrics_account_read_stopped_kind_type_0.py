from typing import Literal

MetricsAccountReadStoppedKindType0 = Literal['auth_expired', 'invalid']

METRICS_ACCOUNT_READ_STOPPED_KIND_TYPE_0_VALUES: set[MetricsAccountReadStoppedKindType0] = { 'auth_expired', 'invalid',  }

def check_metrics_account_read_stopped_kind_type_0(value: str) -> MetricsAccountReadStoppedKindType0:
    if value in METRICS_ACCOUNT_READ_STOPPED_KIND_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {METRICS_ACCOUNT_READ_STOPPED_KIND_TYPE_0_VALUES!r}")
