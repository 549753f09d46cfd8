"""One collector per network: reads a post's counters and an account's followers from that network."""
from metrics.collectors.base import Collector, PostGone
from smmkit.catalogue import implementations

# One module per catalogued network, named after it (metrics/collectors/<network>.py).
COLLECTORS: dict[str, type[Collector]] = implementations("metrics.collectors", Collector)

__all__ = ["COLLECTORS", "Collector", "PostGone"]
