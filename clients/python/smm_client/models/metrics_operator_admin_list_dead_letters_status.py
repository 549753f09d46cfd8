from typing import Literal

MetricsOperatorAdminListDeadLettersStatus = Literal['all', 'open', 'replayed']

METRICS_OPERATOR_ADMIN_LIST_DEAD_LETTERS_STATUS_VALUES: set[MetricsOperatorAdminListDeadLettersStatus] = { 'all', 'open', 'replayed',  }

def check_metrics_operator_admin_list_dead_letters_status(value: str) -> MetricsOperatorAdminListDeadLettersStatus:
    if value in METRICS_OPERATOR_ADMIN_LIST_DEAD_LETTERS_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {METRICS_OPERATOR_ADMIN_LIST_DEAD_LETTERS_STATUS_VALUES!r}")
