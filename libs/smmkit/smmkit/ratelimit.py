"""Token buckets in Redis, shared by every replica of every service that calls a network.

The publisher and the metrics collectors take from the same bucket for the same
account (and app token), so collecting metrics never starves publishing of a
network's budget. A 429 from the network closes the bucket until the reset time
the network gave, for everyone.
"""
from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

import redis.asyncio as aioredis
from redis.exceptions import NoScriptError

from smmkit.batching import Coalescer

# Every caller of a batch in one call, in order (a later caller sees what an earlier one took).
# KEYS: each caller's buckets, one after another, then the state marker. ARGV: "watched" and "cold" (1/0) and
# "recovery_s"; then for each caller its number of buckets n, and for each of them capacity, refill per second,
# cost and reserve. All or nothing per caller: when every one of its buckets would keep ``reserve`` tokens after
# paying ``cost``, all pay and its reply is {"0", 0}; else none pays and it is {seconds to wait, index (1-based)
# of its bucket that waits longest}. The replies, one pair per caller, come flattened.
# With "cold", the marker holds since when Redis has kept the buckets (0: for ever, as far as anyone knows). A
# caller that saw the marker before ("watched") and finds it gone knows Redis lost every bucket (flushed,
# restarted without persistence): the marker restarts at now, and a missing bucket holds only what it refilled
# since then, not a full allowance the network may not have given back. It refills at its own rate, or at a
# whole allowance per ARGV "recovery_s" where that is faster: a day's budget is not held back for a day.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
local since = 0
if ARGV[2] == '1' then
  local kept = redis.call('GET', KEYS[#KEYS])
  if kept then
    since = tonumber(kept)
  else
    if ARGV[1] == '1' then since = now end
    redis.call('SET', KEYS[#KEYS], tostring(since))
  end
end
local recovery = tonumber(ARGV[3])
local replies, k, a = {}, 0, 4
while a <= #ARGV do
  local n = tonumber(ARGV[a])
  local wait, slowest, tokens = 0, 0, {}
  for i = 1, n do
    local key = KEYS[k + i]
    local base = a + 4 * (i - 1)
    local capacity, rate = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2])
    local need = tonumber(ARGV[base + 3]) + tonumber(ARGV[base + 4])
    local state = redis.call('HMGET', key, 'tokens', 'at', 'closed_until')
    local closed, this_wait = tonumber(state[3]) or 0, 0
    if closed > now then
      this_wait = closed - now
    else
      local at = tonumber(state[2]) or now
      local fresh = capacity
      if since > 0 then
        fresh = math.min(capacity, (now - since) * math.max(rate, capacity / recovery))
      end
      tokens[i] = math.min(capacity, (tonumber(state[1]) or fresh) + (now - at) * rate)
      if tokens[i] < need then this_wait = (need - tokens[i]) / rate end
    end
    if this_wait > wait then wait, slowest = this_wait, i end
  end
  if wait > 0 then
    replies[#replies + 1] = tostring(wait)
    replies[#replies + 1] = slowest
  else
    for i = 1, n do
      local base = a + 4 * (i - 1)
      local capacity, rate = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2])
      redis.call('HSET', KEYS[k + i], 'tokens', tokens[i] - tonumber(ARGV[base + 3]), 'at', now)
      redis.call('EXPIRE', KEYS[k + i], math.ceil(capacity / rate) + 60)
    end
    replies[#replies + 1] = "0"
    replies[#replies + 1] = 0
  end
  k = k + n
  a = a + 1 + 4 * n
end
return replies
"""

# KEYS[1] bucket; ARGV: seconds to stay closed.
_CLOSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
local until_ = now + tonumber(ARGV[1])
local closed = tonumber(redis.call('HGET', KEYS[1], 'closed_until')) or 0
if until_ > closed then redis.call('HSET', KEYS[1], 'closed_until', until_, 'tokens', 0, 'at', until_) end
redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[1])) + 60)
return 1
"""


@dataclass(frozen=True)
class Budget:
    """A documented limit, e.g. Mastodon's 300 requests per 5 minutes: ``Budget("mastodon:requests", 300, 300)``."""

    name: str
    capacity: int
    window_s: float

    @property
    def refill_per_s(self) -> float:
        return self.capacity / self.window_s


@dataclass(frozen=True)
class Take:
    """``cost`` tokens from ``budget``'s bucket for ``subject``, only while ``reserve`` tokens stay behind
    (the metrics service leaves publishing a reserve; the publisher itself may drain a bucket)."""

    budget: Budget
    subject: str
    cost: int = 1
    reserve: float = 0


class RateLimited(TimeoutError):
    """A wait longer than the caller would hold: ``wait_s`` until ``budget`` has the tokens."""

    def __init__(self, wait_s: float, budget: Budget) -> None:
        super().__init__(wait_s, budget.name)
        self.wait_s, self.budget = wait_s, budget


class RateLimiter:
    """Calls that arrive together (a burst of publishes) share one Redis round trip.

    ``cold_after_loss``: for budgets a network enforces (the publisher's and the collectors'). When Redis
    loses the buckets while this process uses them (flushed, or restarted without persistence), the buckets
    start empty and refill, instead of full: the network still counts what was sent, and a full allowance
    sent at once met a 429 per request (found by tests/chaos). They refill at their own pace, or in
    ``loss_recovery_s`` where that is sooner (Telegram's 20 a minute: its own pace; X's 100 per 15 minutes:
    full again after a minute). Our own API limits keep the default: after a
    loss their clients simply get a fresh allowance.
    """

    def __init__(self, redis: aioredis.Redis, *, prefix: str = "smm:rl", cold_after_loss: bool = False,
                 loss_recovery_s: float = 60.0):
        self.redis = redis
        self.prefix = prefix
        self.cold_after_loss = cold_after_loss
        self.loss_recovery_s = loss_recovery_s
        self._watched = False  # this process has seen the state marker (so its absence means a loss)
        self._take = redis.register_script(_TAKE)
        self._close = redis.register_script(_CLOSE)
        self._takes: Coalescer[Sequence[Take], tuple[float, int]] = Coalescer(self._take_batch)

    def _key(self, budget: Budget, subject: str) -> str:
        return f"{self.prefix}:{budget.name}:{subject}"

    async def _take_batch(self, batch: list[Sequence[Take]]) -> list[tuple[float, int]]:
        """One round trip and one script call for the whole batch (a call per caller cost the publisher a
        command to pack and a reply to parse per target, issue 18). EVALSHA; the script is loaded only when
        Redis does not know it (a registered script would ask SCRIPT EXISTS first, a second round trip)."""
        marker = f"{self.prefix}:kept-since"
        keys = [self._key(t.budget, t.subject) for takes in batch for t in takes] + [marker]
        args = [int(self._watched), int(self.cold_after_loss), self.loss_recovery_s]
        for takes in batch:
            args.append(len(takes))
            args.extend(v for t in takes for v in (t.budget.capacity, t.budget.refill_per_s, t.cost, t.reserve))
        try:
            replies = await self.redis.evalsha(self._take.sha, len(keys), *keys, *args)
        except NoScriptError:
            await self.redis.script_load(_TAKE)  # a new or flushed Redis
            replies = await self.redis.evalsha(self._take.sha, len(keys), *keys, *args)
        self._watched = self.cold_after_loss  # the script left the marker in place
        return [(float(replies[i]), int(replies[i + 1]) - 1) for i in range(0, len(replies), 2)]

    async def try_take_all(self, takes: Sequence[Take]) -> tuple[float, Take | None]:
        """Take from every bucket at once and return (0, None); or take nothing and return the wait
        in seconds and the take that waits longest."""
        wait, slowest = await self._takes.submit(takes)
        return (wait, takes[slowest]) if wait > 0 else (0.0, None)

    async def try_take(self, budget: Budget, subject: str, cost: int = 1) -> float:
        """Take ``cost`` tokens if there are enough and return 0; otherwise take nothing and return the wait in seconds."""
        return (await self.try_take_all([Take(budget, subject, cost)]))[0]

    async def take_all(self, takes: Sequence[Take], *, max_wait_s: float = 60.0) -> float:
        """Wait (up to ``max_wait_s``) until every bucket's tokens are taken; return the seconds waited.

        Raises ``RateLimited`` (a ``TimeoutError``) with the remaining wait when it would be longer,
        so a caller can reschedule the work instead of holding a worker.
        """
        waited = 0.0
        while True:
            wait, slowest = await self.try_take_all(takes)
            if wait <= 0:
                return waited
            if waited + wait > max_wait_s:
                raise RateLimited(wait, slowest.budget)
            await asyncio.sleep(wait)
            waited += wait

    async def take(self, budget: Budget, subject: str, cost: int = 1, *, max_wait_s: float = 60.0) -> float:
        return await self.take_all([Take(budget, subject, cost)], max_wait_s=max_wait_s)

    async def close_for(self, budget: Budget, subject: str, seconds: float) -> None:
        """The network said 429 until a reset: nobody takes from this bucket before then."""
        await self._close(keys=[self._key(budget, subject)], args=[max(0.0, seconds)])
