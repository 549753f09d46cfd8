from typing import Literal

WebhooksListDeliveriesStatusType0 = Literal['delivered', 'failed', 'pending']

WEBHOOKS_LIST_DELIVERIES_STATUS_TYPE_0_VALUES: set[WebhooksListDeliveriesStatusType0] = { 'delivered', 'failed', 'pending',  }

def check_webhooks_list_deliveries_status_type_0(value: str) -> WebhooksListDeliveriesStatusType0:
    if value in WEBHOOKS_LIST_DELIVERIES_STATUS_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WEBHOOKS_LIST_DELIVERIES_STATUS_TYPE_0_VALUES!r}")
