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

A fault fires on the next ``times`` matching requests, or, with ``for_s``, on every matching request for
that many seconds from when it is armed (a network down or slow for a while). ``account`` "*" matches
every account of the network. ``on`` picks which requests match:
"write" (default: requests that create or change something), "read" or "any";
``path_contains`` narrows it further (e.g. "media_publish").
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
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
    for_s: float | None = None  # a period instead of a count: every matching request until it ends
    until: float | None = field(default=None, repr=False)  # the book's clock when a ``for_s`` fault ends

    def active(self, now: float) -> bool:
        return now < self.until if self.until is not None else self.times > 0

    def matches(self, network: str, account: str, *, write: bool, path: str, now: float) -> bool:
        return (
            self.active(now)
            and self.network == network
            and self.account in (account, "*")
            and (self.on == "any" or (self.on == "write") == write)
            and (self.path_contains is None or self.path_contains in path)
        )

    def as_dict(self, now: float) -> dict[str, Any]:
        found = asdict(self)
        del found["until"]
        if self.until is not None:
            found["remaining_s"] = round(max(0.0, self.until - now), 3)
        return found


class FaultBook:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)
        self.clock = clock

    def arm(self, **spec: Any) -> Fault:
        fault = Fault(id=next(self._ids), **spec)
        if fault.for_s is not None:
            fault.until = self.clock() + fault.for_s
        self._faults.append(fault)
        return fault

    def take(self, network: str, account: str, *, write: bool, path: str) -> Fault | None:
        """The first armed fault for this request, using up one of its ``times``."""
        now = self.clock()
        for fault in self._faults:
            if fault.matches(network, account, write=write, path=path, now=now):
                if fault.until is None:
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
        now = self.clock()
        return [f for f in self._faults if f.active(now)]
