from typing import Literal

StoppedAccountStoppedKindType0 = Literal['auth_expired', 'invalid']

STOPPED_ACCOUNT_STOPPED_KIND_TYPE_0_VALUES: set[StoppedAccountStoppedKindType0] = { 'auth_expired', 'invalid',  }

def check_stopped_account_stopped_kind_type_0(value: str) -> StoppedAccountStoppedKindType0:
    if value in STOPPED_ACCOUNT_STOPPED_KIND_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STOPPED_ACCOUNT_STOPPED_KIND_TYPE_0_VALUES!r}")
