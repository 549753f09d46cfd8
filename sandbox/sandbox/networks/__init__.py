"""One module per imitated network, named as in ``smmkit.catalogue``.

Each exposes ``router``: the network's API with its production paths (``/2/tweets``,
``/bot<token>/sendMessage``), served on a port of its own at a base URL with no path. A module
may also expose ``read_router``, for a network whose reads live on another service (Bluesky's
AppView): it gets one more port, the network's read URL.
"""

import importlib

from fastapi import APIRouter

from smmkit.catalogue import NETWORKS, registry

ROUTERS: dict[str, APIRouter] = registry("sandbox.networks", "router")  # type: ignore[assignment]
READ_ROUTERS: dict[str, APIRouter] = {
    name: module.read_router
    for name in NETWORKS
    if hasattr(module := importlib.import_module(f"sandbox.networks.{name}"), "read_router")
}

__all__ = ["NETWORKS", "READ_ROUTERS", "ROUTERS"]
