from typing import Literal

ShopsWoocommerceWebhookXWCWebhookTopic = Literal['order.created', 'order.updated']

SHOPS_WOOCOMMERCE_WEBHOOK_XWC_WEBHOOK_TOPIC_VALUES: set[ShopsWoocommerceWebhookXWCWebhookTopic] = { 'order.created', 'order.updated',  }

def check_shops_woocommerce_webhook_xwc_webhook_topic(value: str) -> ShopsWoocommerceWebhookXWCWebhookTopic:
    if value in SHOPS_WOOCOMMERCE_WEBHOOK_XWC_WEBHOOK_TOPIC_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SHOPS_WOOCOMMERCE_WEBHOOK_XWC_WEBHOOK_TOPIC_VALUES!r}")
