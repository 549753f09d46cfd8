from typing import Literal

ShopsShopifyWebhookXShopifyTopic = Literal['orders/cancelled', 'orders/create', 'refunds/create']

SHOPS_SHOPIFY_WEBHOOK_X_SHOPIFY_TOPIC_VALUES: set[ShopsShopifyWebhookXShopifyTopic] = { 'orders/cancelled', 'orders/create', 'refunds/create',  }

def check_shops_shopify_webhook_x_shopify_topic(value: str) -> ShopsShopifyWebhookXShopifyTopic:
    if value in SHOPS_SHOPIFY_WEBHOOK_X_SHOPIFY_TOPIC_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SHOPS_SHOPIFY_WEBHOOK_X_SHOPIFY_TOPIC_VALUES!r}")
