from typing import Literal

ScheduleSettingsPlan = Literal['free', 'pro', 'standard']

SCHEDULE_SETTINGS_PLAN_VALUES: set[ScheduleSettingsPlan] = { 'free', 'pro', 'standard',  }

def check_schedule_settings_plan(value: str) -> ScheduleSettingsPlan:
    if value in SCHEDULE_SETTINGS_PLAN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SCHEDULE_SETTINGS_PLAN_VALUES!r}")
