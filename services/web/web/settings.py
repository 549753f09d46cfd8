from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class WebSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WEB_", env_file=".env", extra="ignore")

    # The four services' public base URLs (the app calls nothing else).
    planner_url: str = "http://127.0.0.1:8001"
    publisher_url: str = "http://127.0.0.1:8002"
    metrics_url: str = "http://127.0.0.1:8003"
    attribution_url: str = "http://127.0.0.1:8004"
    # Where people reach this app: invite links are built on it.
    public_url: str = "http://127.0.0.1:8000"
    # A session ends after session_idle_s without a request, and session_max_age_s after sign-in at the latest.
    session_max_age_s: int = 8 * 3600
    session_idle_s: int = 2 * 3600
    invite_max_age_s: int = 7 * 24 * 3600
    # Off only for plain-HTTP development hosts that browsers do not treat as secure (localhost and 127.0.0.1 are).
    cookie_secure: bool = True
    api_timeout_s: float = 10.0


@lru_cache
def get_web_settings() -> WebSettings:
    return WebSettings()
