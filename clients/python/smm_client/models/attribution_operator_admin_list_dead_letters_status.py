from typing import Literal

AttributionOperatorAdminListDeadLettersStatus = Literal['all', 'open', 'replayed']

ATTRIBUTION_OPERATOR_ADMIN_LIST_DEAD_LETTERS_STATUS_VALUES: set[AttributionOperatorAdminListDeadLettersStatus] = { 'all', 'open', 'replayed',  }

def check_attribution_operator_admin_list_dead_letters_status(value: str) -> AttributionOperatorAdminListDeadLettersStatus:
    if value in ATTRIBUTION_OPERATOR_ADMIN_LIST_DEAD_LETTERS_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ATTRIBUTION_OPERATOR_ADMIN_LIST_DEAD_LETTERS_STATUS_VALUES!r}")
