from typing import Literal

DeletionReadStatus = Literal['completed', 'in_progress']

DELETION_READ_STATUS_VALUES: set[DeletionReadStatus] = { 'completed', 'in_progress',  }

def check_deletion_read_status(value: str) -> DeletionReadStatus:
    if value in DELETION_READ_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DELETION_READ_STATUS_VALUES!r}")
