from typing import Literal

HeatmapMetric = Literal['clicks', 'comments', 'interactions', 'likes', 'reposts', 'views']

HEATMAP_METRIC_VALUES: set[HeatmapMetric] = { 'clicks', 'comments', 'interactions', 'likes', 'reposts', 'views',  }

def check_heatmap_metric(value: str) -> HeatmapMetric:
    if value in HEATMAP_METRIC_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {HEATMAP_METRIC_VALUES!r}")
