"""Each network's documented rate limits as shared token buckets (see ``smmkit.ratelimit``).

The publisher and the metrics collectors take from the same budgets with the same
subjects, so they share one allowance per account and per app.
"""
from __future__ import annotations

from smmkit.ratelimit import Budget

# Per account (subject: ``account_subject``). Figures from shared/reference/networks.md.
ACCOUNT_BUDGETS: dict[str, Budget] = {
    "x": Budget("x:tweets", 100, 15 * 60),
    "mastodon": Budget("mastodon:requests", 300, 5 * 60),
    "bluesky": Budget("bluesky:points", 5000, 3600),
    "telegram": Budget("telegram:channel", 20, 60),
    "vk": Budget("vk:requests", 3, 1),
    "facebook": Budget("facebook:calls", 200, 3600),
    "instagram": Budget("instagram:calls", 200, 3600),
    "linkedin": Budget("linkedin:posts", 150, 86400),
    "threads": Budget("threads:posts", 250, 86400),
}

# Per app token (subject: the network name), where the network limits the whole app.
APP_BUDGETS: dict[str, Budget] = {
    "x": Budget("x:app", 10_000, 86400),
    "telegram": Budget("telegram:bot", 30, 1),
}

# What one call costs, where a network counts in points (Bluesky: creating a record costs 3).
WRITE_COST = {"bluesky": 3}


def account_subject(network: str, account_ref: str) -> str:
    return f"{network}:{account_ref}"
