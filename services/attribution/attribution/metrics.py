"""Attribution's own Prometheus metrics (the shared ones live in ``smmkit.observability``)."""
from prometheus_client import Counter

# Labelled by currency only: a label per tenant or post would be unbounded.
ATTRIBUTED_REVENUE = Counter("smm_attributed_revenue_minor", "Order revenue joined to a post, in minor units, "
                             "counted once when an order is first attributed", ["currency"])
