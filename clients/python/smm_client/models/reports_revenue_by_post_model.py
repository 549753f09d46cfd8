from typing import Literal

ReportsRevenueByPostModel = Literal['first_touch', 'last_non_direct', 'last_touch', 'linear', 'markov', 'position_based', 'shapley', 'time_decay']

REPORTS_REVENUE_BY_POST_MODEL_VALUES: set[ReportsRevenueByPostModel] = { 'first_touch', 'last_non_direct', 'last_touch', 'linear', 'markov', 'position_based', 'shapley', 'time_decay',  }

def check_reports_revenue_by_post_model(value: str) -> ReportsRevenueByPostModel:
    if value in REPORTS_REVENUE_BY_POST_MODEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REPORTS_REVENUE_BY_POST_MODEL_VALUES!r}")
