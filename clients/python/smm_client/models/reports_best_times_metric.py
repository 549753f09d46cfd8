from typing import Literal

ReportsBestTimesMetric = Literal['clicks', 'comments', 'interactions', 'likes', 'reposts', 'views']

REPORTS_BEST_TIMES_METRIC_VALUES: set[ReportsBestTimesMetric] = { 'clicks', 'comments', 'interactions', 'likes', 'reposts', 'views',  }

def check_reports_best_times_metric(value: str) -> ReportsBestTimesMetric:
    if value in REPORTS_BEST_TIMES_METRIC_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REPORTS_BEST_TIMES_METRIC_VALUES!r}")
