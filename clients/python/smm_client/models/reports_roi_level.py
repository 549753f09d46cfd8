from typing import Literal

ReportsRoiLevel = Literal['account', 'brand', 'campaign', 'channel', 'network', 'pillar', 'post', 'target']

REPORTS_ROI_LEVEL_VALUES: set[ReportsRoiLevel] = { 'account', 'brand', 'campaign', 'channel', 'network', 'pillar', 'post', 'target',  }

def check_reports_roi_level(value: str) -> ReportsRoiLevel:
    if value in REPORTS_ROI_LEVEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REPORTS_ROI_LEVEL_VALUES!r}")
