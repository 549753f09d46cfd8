from typing import Literal

ReportsRoiModel = Literal['first_touch', 'last_non_direct', 'last_touch', 'linear', 'markov', 'position_based', 'shapley', 'time_decay']

REPORTS_ROI_MODEL_VALUES: set[ReportsRoiModel] = { 'first_touch', 'last_non_direct', 'last_touch', 'linear', 'markov', 'position_based', 'shapley', 'time_decay',  }

def check_reports_roi_model(value: str) -> ReportsRoiModel:
    if value in REPORTS_ROI_MODEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REPORTS_ROI_MODEL_VALUES!r}")
