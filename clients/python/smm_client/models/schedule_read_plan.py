from typing import Literal

ScheduleReadPlan = Literal['free', 'pro', 'standard']

SCHEDULE_READ_PLAN_VALUES: set[ScheduleReadPlan] = { 'free', 'pro', 'standard',  }

def check_schedule_read_plan(value: str) -> ScheduleReadPlan:
    if value in SCHEDULE_READ_PLAN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SCHEDULE_READ_PLAN_VALUES!r}")
