"""Which port serves what: the control API on one port, and each network on a port of its own at
a base URL with no path, shaped like its production base URL (``https://api.x.com`` becomes
``http://127.0.0.1:8015``). A network with a separate read service (Bluesky's AppView) has one
more port: its read URL.

The same layout is given to the sandbox process (``python -m sandbox --layout``) and to the
services that call it (``network_base_urls`` / ``network_read_urls``), so both agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sandbox.networks import NETWORKS, READ_ROUTERS

# One port for the control API, one per network, one per read service.
PORTS_NEEDED = 1 + len(NETWORKS) + len(READ_ROUTERS)
# ``make up`` and docker compose: each network's port as an offset from the control API's (8010), fixed, so
# that a network added later never moves another's. Networks' read services are "<network>:read".
OFFSETS: dict[str, int] = {
    "telegram": 1, "vk": 2, "mastodon": 3, "bluesky": 4, "x": 5, "facebook": 6, "instagram": 7, "linkedin": 8,
    "threads": 9, "bluesky:read": 10,
    "pinterest": 11,
    "youtube": 12,
    "tiktok": 13,
    "reddit": 14,
    "discord": 15,
    "gbp": 16,
}


@dataclass(frozen=True)
class SandboxLayout:
    control_port: int
    network_ports: dict[str, int]  # network -> port of its API
    read_ports: dict[str, int]  # network -> port of its read service, where it has one
    host: str = "127.0.0.1"  # where clients reach the sandbox

    @classmethod
    def assign(cls, ports: Iterable[int], host: str = "127.0.0.1") -> SandboxLayout:
        """Ports taken in order: the control API, each network in catalogue order, the read services."""
        ports = iter(ports)
        control = next(ports)
        networks = {name: next(ports) for name in NETWORKS}
        return cls(control, networks, {name: next(ports) for name in READ_ROUTERS}, host)

    @classmethod
    def consecutive(cls, first_port: int, host: str = "127.0.0.1") -> SandboxLayout:
        """``make up`` and docker compose: control 8010, Telegram 8011 ... Threads 8019, Bluesky's AppView 8020,
        then the networks added since, each at its fixed offset (``OFFSETS``)."""
        return cls(first_port, {name: first_port + OFFSETS[name] for name in NETWORKS},
                   {name: first_port + OFFSETS[f"{name}:read"] for name in READ_ROUTERS}, host)

    @classmethod
    def on_free_ports(cls) -> SandboxLayout:
        """For a sandbox process started by tests (one in this process binds its own: ``running_sandbox``)."""
        from smmkit.stack import free_ports

        return cls.assign(free_ports(PORTS_NEEDED))

    def at(self, host: str) -> SandboxLayout:
        """The same ports, reached at another host name (``sandbox`` inside docker compose)."""
        return replace(self, host=host)

    @property
    def control(self) -> str:
        """The control API's base URL (``/_sandbox/...``)."""
        return self._url(self.control_port)

    def url(self, network: str) -> str:
        """The network's base URL, in place of its production one (no path)."""
        return self._url(self.network_ports[network])

    def read_url(self, network: str) -> str:
        """Where the network's reads go: its read service, else its API."""
        return self._url(self.read_ports[network]) if network in self.read_ports else self.url(network)

    def endpoints(self) -> dict[str, dict[str, str]]:
        """``network_base_urls`` and ``network_read_urls`` for the services' settings."""
        return {
            "network_base_urls": {name: self.url(name) for name in self.network_ports},
            "network_read_urls": {name: self.read_url(name) for name in self.read_ports},
        }

    def urls(self) -> dict[str, object]:
        """What serves where: ``GET /_sandbox/networks``, and the table ``python -m sandbox`` and ``smm up`` print."""
        return {
            "control": self.control,
            "networks": {name: {"base_url": self.url(name), "read_url": self.read_url(name)}
                         for name in self.network_ports},
        }

    def table(self) -> list[str]:
        """One line per network, as ``python -m sandbox`` and ``smm up`` print them."""
        lines = []
        for name in self.network_ports:
            reads = f"  reads: {self.read_url(name)}" if name in self.read_ports else ""
            lines.append(f"  {name:<10} {self.url(name)}{reads}")
        return lines

    def ports(self) -> list[int]:
        """Every port served, in ascending order (``make up``: 8010, 8011 ...)."""
        return sorted([self.control_port, *self.network_ports.values(), *self.read_ports.values()])

    def to_json(self) -> str:
        return json.dumps({"control": self.control_port, "networks": self.network_ports, "reads": self.read_ports})

    @classmethod
    def from_json(cls, text: str, host: str = "127.0.0.1") -> SandboxLayout:
        ports = json.loads(text)
        return cls(ports["control"], ports["networks"], ports["reads"], host)

    def _url(self, port: int) -> str:
        return f"http://{self.host}:{port}"
