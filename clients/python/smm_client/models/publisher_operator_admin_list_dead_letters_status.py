from typing import Literal

PublisherOperatorAdminListDeadLettersStatus = Literal['all', 'open', 'replayed']

PUBLISHER_OPERATOR_ADMIN_LIST_DEAD_LETTERS_STATUS_VALUES: set[PublisherOperatorAdminListDeadLettersStatus] = { 'all', 'open', 'replayed',  }

def check_publisher_operator_admin_list_dead_letters_status(value: str) -> PublisherOperatorAdminListDeadLettersStatus:
    if value in PUBLISHER_OPERATOR_ADMIN_LIST_DEAD_LETTERS_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PUBLISHER_OPERATOR_ADMIN_LIST_DEAD_LETTERS_STATUS_VALUES!r}")
