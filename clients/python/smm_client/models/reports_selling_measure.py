from typing import Literal

ReportsSellingMeasure = Literal['orders', 'revenue']

REPORTS_SELLING_MEASURE_VALUES: set[ReportsSellingMeasure] = { 'orders', 'revenue',  }

def check_reports_selling_measure(value: str) -> ReportsSellingMeasure:
    if value in REPORTS_SELLING_MEASURE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REPORTS_SELLING_MEASURE_VALUES!r}")
