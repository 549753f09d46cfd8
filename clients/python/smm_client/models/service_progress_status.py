from typing import Literal

ServiceProgressStatus = Literal['deleted', 'pending']

SERVICE_PROGRESS_STATUS_VALUES: set[ServiceProgressStatus] = { 'deleted', 'pending',  }

def check_service_progress_status(value: str) -> ServiceProgressStatus:
    if value in SERVICE_PROGRESS_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SERVICE_PROGRESS_STATUS_VALUES!r}")
