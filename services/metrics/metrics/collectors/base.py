from abc import ABC, abstractmethod
from typing import ClassVar

import httpx

from smmkit.events import EngagementCounts


class PostGone(Exception):
    """The network says the post no longer exists."""


class Collector(ABC):
    network: ClassVar[str]

    def __init__(self, *, http: httpx.AsyncClient, credentials: dict[str, str] | None = None):
        self.http = http
        self.credentials = credentials or {}

    @abstractmethod
    async def fetch_post(self, external_id: str) -> EngagementCounts:
        """Current counters; ``None`` for a figure the network does not give. Raises ``PostGone``."""
