"""Attribution's own Prometheus metrics (the shared ones live in ``smmkit.observability``)."""
from prometheus_client import Counter

# Labelled by currency only: a label per tenant or post would be unbounded.
ATTRIBUTED_REVENUE = Counter("smm_attributed_revenue_minor", "Order revenue joined to a post, in minor units, "
                             "counted once when an order is first attributed", ["currency"])

# The business dashboard's share of revenue by content pillar. Pillars are the tenants' own labels, so the label
# is bounded: lower-cased, cut to 40 characters, the first PILLAR_LABELS_MAX distinct ones a process sees, then
# "other"; no pillar is "none".
ATTRIBUTED_REVENUE_BY_PILLAR = Counter(
    "smm_attributed_revenue_by_pillar_minor", "Order revenue joined to a post, by the last-touch post's content "
    "pillar, in minor units, counted once when an order is first attributed", ["pillar", "currency"])
PILLAR_LABELS_MAX = 50
_pillars: set[str] = set()


def pillar_label(pillar: str | None) -> str:
    if not pillar or not pillar.strip():
        return "none"
    label = pillar.strip().lower()[:40]
    if label in _pillars:
        return label
    if len(_pillars) >= PILLAR_LABELS_MAX:
        return "other"
    _pillars.add(label)
    return label
