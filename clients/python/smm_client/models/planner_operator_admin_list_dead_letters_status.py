from typing import Literal

PlannerOperatorAdminListDeadLettersStatus = Literal['all', 'open', 'replayed']

PLANNER_OPERATOR_ADMIN_LIST_DEAD_LETTERS_STATUS_VALUES: set[PlannerOperatorAdminListDeadLettersStatus] = { 'all', 'open', 'replayed',  }

def check_planner_operator_admin_list_dead_letters_status(value: str) -> PlannerOperatorAdminListDeadLettersStatus:
    if value in PLANNER_OPERATOR_ADMIN_LIST_DEAD_LETTERS_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PLANNER_OPERATOR_ADMIN_LIST_DEAD_LETTERS_STATUS_VALUES!r}")
