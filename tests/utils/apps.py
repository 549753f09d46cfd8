"""Each service's FastAPI app without background jobs, built the way its own ``build_app`` does."""
from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI

from smmkit.settings import CommonSettings

SERVICES = ("planner", "publisher", "metrics", "attribution")


def _planner(settings: CommonSettings, *, consume: bool, **service) -> FastAPI:
    from planner.app import build_app
    from planner.settings import PlannerSettings

    return build_app(settings, PlannerSettings(**service), with_jobs=(), consume=consume)


def _publisher(settings: CommonSettings, *, consume: bool, **service) -> FastAPI:
    from publisher.app import build_app
    from publisher.settings import PublisherSettings

    return build_app(settings, PublisherSettings(**service), jobs=(), consume=consume)


def _metrics(settings: CommonSettings, *, consume: bool, **service) -> FastAPI:
    from metrics.app import build_app
    from metrics.settings import MetricsSettings

    return build_app(settings, MetricsSettings(**service), jobs=(), consume=consume)


def _attribution(settings: CommonSettings, *, consume: bool, **service) -> FastAPI:
    from attribution.app import build_app
    from attribution.settings import AttributionSettings

    # attribution always consumes: its orders API goes through order.created
    return build_app(settings, AttributionSettings(**service), jobs=())


BUILDERS: dict[str, Callable[..., FastAPI]] = {
    "planner": _planner, "publisher": _publisher, "metrics": _metrics, "attribution": _attribution}


def build(service: str, settings: CommonSettings, *, consume: bool = False, **service_settings) -> FastAPI:
    """``service``'s app on ``settings``; its own settings from ``service_settings`` (and the environment)."""
    return BUILDERS[service](settings, consume=consume, **service_settings)
