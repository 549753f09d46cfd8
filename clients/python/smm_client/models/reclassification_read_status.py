from typing import Literal

ReclassificationReadStatus = Literal['done', 'failed', 'queued', 'running']

RECLASSIFICATION_READ_STATUS_VALUES: set[ReclassificationReadStatus] = { 'done', 'failed', 'queued', 'running',  }

def check_reclassification_read_status(value: str) -> ReclassificationReadStatus:
    if value in RECLASSIFICATION_READ_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RECLASSIFICATION_READ_STATUS_VALUES!r}")
