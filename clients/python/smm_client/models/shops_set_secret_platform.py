from typing import Literal

ShopsSetSecretPlatform = Literal['shopify', 'woocommerce']

SHOPS_SET_SECRET_PLATFORM_VALUES: set[ShopsSetSecretPlatform] = { 'shopify', 'woocommerce',  }

def check_shops_set_secret_platform(value: str) -> ShopsSetSecretPlatform:
    if value in SHOPS_SET_SECRET_PLATFORM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SHOPS_SET_SECRET_PLATFORM_VALUES!r}")
