from typing import Literal

TenantReadStatus = Literal['active', 'suspended']

TENANT_READ_STATUS_VALUES: set[TenantReadStatus] = { 'active', 'suspended',  }

def check_tenant_read_status(value: str) -> TenantReadStatus:
    if value in TENANT_READ_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TENANT_READ_STATUS_VALUES!r}")
