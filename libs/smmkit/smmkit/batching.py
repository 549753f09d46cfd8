"""Group calls that arrive together into one round trip (group commit).

Whatever is submitted while a batch is in flight goes out together in the next one. Under
load a hundred concurrent callers cost a handful of round trips; a caller on its own waits
for nothing extra, since its batch leaves at once.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Coalescer(Generic[T, R]):
    """``await submit(item)`` returns ``run(batch)[i]`` for the batch the item went out in.

    ``run`` gets the items in submission order and returns one result per item. If it raises,
    every caller in that batch gets the exception.
    """

    def __init__(self, run: Callable[[list[T]], Awaitable[Sequence[R]]]) -> None:
        self._run = run
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiting: list[tuple[T, asyncio.Future]] = []
        self._sender: asyncio.Task | None = None

    async def submit(self, item: T) -> R:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # first use, or a new event loop (tests): nothing carries over
            self._loop, self._waiting, self._sender = loop, [], None
        future = loop.create_future()
        self._waiting.append((item, future))
        if self._sender is None or self._sender.done():
            self._sender = loop.create_task(self._send())
        return await future

    async def _send(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                results = await self._run([item for item, _ in batch])
            except Exception as exc:
                _settle(batch, exc)
            except BaseException:  # cancelled: shutting down
                _settle(batch, RuntimeError("stopping"))
                raise
            else:
                for (_, future), result in zip(batch, results, strict=True):
                    if not future.done():  # its caller may have been cancelled meanwhile
                        future.set_result(result)


def _settle(batch: list[tuple[object, asyncio.Future]], error: Exception) -> None:
    for _, future in batch:
        if not future.done():
            future.set_exception(error)
