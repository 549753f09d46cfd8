from typing import Literal

ReportsTopPostsMetric = Literal['clicks', 'comments', 'interactions', 'likes', 'reposts', 'views']

REPORTS_TOP_POSTS_METRIC_VALUES: set[ReportsTopPostsMetric] = { 'clicks', 'comments', 'interactions', 'likes', 'reposts', 'views',  }

def check_reports_top_posts_metric(value: str) -> ReportsTopPostsMetric:
    if value in REPORTS_TOP_POSTS_METRIC_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REPORTS_TOP_POSTS_METRIC_VALUES!r}")
