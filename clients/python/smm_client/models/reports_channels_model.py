from typing import Literal

ReportsChannelsModel = Literal['first_touch', 'last_non_direct', 'last_touch', 'linear', 'markov', 'position_based', 'shapley', 'time_decay']

REPORTS_CHANNELS_MODEL_VALUES: set[ReportsChannelsModel] = { 'first_touch', 'last_non_direct', 'last_touch', 'linear', 'markov', 'position_based', 'shapley', 'time_decay',  }

def check_reports_channels_model(value: str) -> ReportsChannelsModel:
    if value in REPORTS_CHANNELS_MODEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REPORTS_CHANNELS_MODEL_VALUES!r}")
