from typing import Literal

CalendarGetView = Literal['month', 'week']

CALENDAR_GET_VIEW_VALUES: set[CalendarGetView] = { 'month', 'week',  }

def check_calendar_get_view(value: str) -> CalendarGetView:
    if value in CALENDAR_GET_VIEW_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CALENDAR_GET_VIEW_VALUES!r}")
