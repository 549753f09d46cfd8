"""Coalescer: calls that arrive while a batch is in flight go out together, each caller gets its own result."""
import asyncio

import pytest

from smmkit.batching import Coalescer


async def test_callers_arriving_together_share_a_batch_and_get_their_own_results():
    batches: list[list[int]] = []

    async def run(items: list[int]) -> list[int]:
        batches.append(items)
        await asyncio.sleep(0.01)
        return [i * 10 for i in items]

    coalescer = Coalescer(run)
    results = await asyncio.gather(*(coalescer.submit(i) for i in range(50)))
    assert results == [i * 10 for i in range(50)]
    assert sorted(i for b in batches for i in b) == list(range(50))
    assert len(batches) == 1, "50 callers in one event-loop turn: one batch"

    first = asyncio.ensure_future(coalescer.submit(100))
    await asyncio.sleep(0.001)  # its batch is in flight now
    later = await asyncio.gather(*(coalescer.submit(i) for i in range(101, 110)))
    assert await first == 1000 and later == [i * 10 for i in range(101, 110)]
    assert batches[1:] == [[100], list(range(101, 110))], "callers arriving meanwhile wait and go together"


async def test_a_failed_batch_fails_its_callers_and_the_next_batch_still_runs():
    calls = 0

    async def run(items: list[str]) -> list[str]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise ConnectionError("redis went away")
        return items

    coalescer = Coalescer(run)
    with pytest.raises(ConnectionError):
        await coalescer.submit("a")
    assert await coalescer.submit("b") == "b"
