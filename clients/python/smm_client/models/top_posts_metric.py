from typing import Literal

TopPostsMetric = Literal['clicks', 'comments', 'interactions', 'likes', 'reposts', 'views']

TOP_POSTS_METRIC_VALUES: set[TopPostsMetric] = { 'clicks', 'comments', 'interactions', 'likes', 'reposts', 'views',  }

def check_top_posts_metric(value: str) -> TopPostsMetric:
    if value in TOP_POSTS_METRIC_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TOP_POSTS_METRIC_VALUES!r}")
