from typing import Literal

StoppedTargetStoppedKindType0 = Literal['auth_expired', 'invalid']

STOPPED_TARGET_STOPPED_KIND_TYPE_0_VALUES: set[StoppedTargetStoppedKindType0] = { 'auth_expired', 'invalid',  }

def check_stopped_target_stopped_kind_type_0(value: str) -> StoppedTargetStoppedKindType0:
    if value in STOPPED_TARGET_STOPPED_KIND_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STOPPED_TARGET_STOPPED_KIND_TYPE_0_VALUES!r}")
