"""One catalogue entry per network: everything we know about it, read by every service and the sandbox.

The planner checks posts against ``spec(network).check(...)`` when they are planned, the publisher's
adapters before they call, and the sandbox refuses with the same check what the network refuses.
Budgets, base URLs, token renewal and error tables come from here too. The registries of adapters,
collectors and sandbox modules are built from ``NETWORKS``: adding a network is one module here,
plus one adapter, one collector and one sandbox module named after it (README: "Adding a network").
"""
from __future__ import annotations

import importlib
from typing import TypeVar

from smmkit.catalogue.spec import (
    Connect,
    ErrorTable,
    Media,
    MediaRules,
    NetworkLimit,
    NetworkSpec,
    Renewal,
    TextLimit,
    Violation,
)

T = TypeVar("T")

# The one list of networks, in the order they are shown.
NETWORKS: tuple[str, ...] = (
    "telegram", "vk", "mastodon", "bluesky", "x", "facebook", "instagram", "linkedin", "threads",
    "pinterest",
    "youtube",
    "tiktok",
    "reddit",
    "discord",
    "gbp",
)
CATALOGUE: dict[str, NetworkSpec] = {
    name: importlib.import_module(f"smmkit.catalogue.{name}").SPEC for name in NETWORKS
}


def spec(network: str) -> NetworkSpec:
    try:
        return CATALOGUE[network]
    except KeyError:
        raise KeyError(f"unknown network {network!r}; one of {', '.join(NETWORKS)}") from None


def registry(package: str, attribute: str) -> dict[str, object]:
    """``{network: package.<network>.<attribute>}`` for every catalogued network: how the sandbox's
    routers are found, with no list of their own."""
    return {name: getattr(importlib.import_module(f"{package}.{name}"), attribute) for name in NETWORKS}


def implementations(package: str, base: type[T]) -> dict[str, type[T]]:
    """``{network: the subclass of base in package.<network> whose network is that name}``: how the
    publisher's adapters and the metrics collectors are found, with no list of their own."""
    found = {}
    for name in NETWORKS:
        module = importlib.import_module(f"{package}.{name}")
        found[name] = next(obj for obj in vars(module).values() if isinstance(obj, type) and issubclass(obj, base)
                           and getattr(obj, "network", None) == name)
    return found


__all__ = ["CATALOGUE", "NETWORKS", "Connect", "ErrorTable", "Media", "MediaRules", "NetworkLimit", "NetworkSpec", "Renewal",
           "TextLimit", "Violation", "implementations", "registry", "spec"]
