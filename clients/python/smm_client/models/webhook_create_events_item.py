from typing import Literal

WebhookCreateEventsItem = Literal['account.needs_reconnect', 'post.failed', 'post.published']

WEBHOOK_CREATE_EVENTS_ITEM_VALUES: set[WebhookCreateEventsItem] = { 'account.needs_reconnect', 'post.failed', 'post.published',  }

def check_webhook_create_events_item(value: str) -> WebhookCreateEventsItem:
    if value in WEBHOOK_CREATE_EVENTS_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WEBHOOK_CREATE_EVENTS_ITEM_VALUES!r}")
