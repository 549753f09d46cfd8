from typing import Literal

KeyReadStatus = Literal['active', 'expired', 'expiring', 'revoked']

KEY_READ_STATUS_VALUES: set[KeyReadStatus] = { 'active', 'expired', 'expiring', 'revoked',  }

def check_key_read_status(value: str) -> KeyReadStatus:
    if value in KEY_READ_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {KEY_READ_STATUS_VALUES!r}")
