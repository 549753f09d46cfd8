"""Faults armed per (network, account) through ``POST /_sandbox/faults``.

Kinds:
- ``rate_limit``: answer with the network's own rate-limit error (``retry_after_s``).
- ``server_error``: answer with the network's own 5xx-style error; nothing is created.
- ``slow``: wait ``delay_ms``, then behave normally.
- ``timeout``: hold the request without doing anything until the client gives up.
- ``lost_response``: do the work (the post IS created), then hold the answer until the
  client gives up, so the client never learns that it succeeded.
- ``reply``: answer with exactly ``status`` and the JSON ``body`` given (the network's own error
  for a code the sandbox never produces by itself, e.g. a Graph permission error, or a bare
  PDS's 400 "No service configured"); nothing happens.

A fault fires on the next ``times`` matching requests. ``on`` picks which requests match:
"write" (default: requests that create or change something), "read" or "any";
``path_contains`` narrows it further (e.g. "media_publish").
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from typing import Any, Literal

FaultKind = Literal["rate_limit", "server_error", "slow", "timeout", "lost_response", "reply"]
Applies = Literal["write", "read", "any"]


@dataclass
class Fault:
    id: int
    network: str
    account: str
    kind: FaultKind
    times: int = 1
    retry_after_s: float = 30.0
    delay_ms: float = 0.0
    on: Applies = "write"
    path_contains: str | None = None
    status: int = 400  # reply
    body: Any = None  # reply

    def matches(self, network: str, account: str, *, write: bool, path: str) -> bool:
        return (
            self.times > 0
            and self.network == network
            and self.account == account
            and (self.on == "any" or (self.on == "write") == write)
            and (self.path_contains is None or self.path_contains in path)
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class FaultBook:
    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)

    def arm(self, **spec: Any) -> Fault:
        fault = Fault(id=next(self._ids), **spec)
        self._faults.append(fault)
        return fault

    def take(self, network: str, account: str, *, write: bool, path: str) -> Fault | None:
        """The first armed fault for this request, using up one of its ``times``."""
        for fault in self._faults:
            if fault.matches(network, account, write=write, path=path):
                fault.times -= 1
                return fault
        return None

    def clear(self, network: str | None = None, account: str | None = None) -> int:
        keep = [
            f
            for f in self._faults
            if (network is not None and f.network != network) or (account is not None and f.account != account)
        ]
        cleared = len(self._faults) - len(keep)
        self._faults = keep
        return cleared

    def armed(self) -> list[Fault]:
        return [f for f in self._faults if f.times > 0]
