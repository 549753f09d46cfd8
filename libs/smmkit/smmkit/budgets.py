"""Each network's budgets as shared token buckets (see ``smmkit.ratelimit``), read from the catalogue.

The publisher and the metrics collectors take from the same budgets with the same
subjects, so they share one allowance per account and per app.
"""
from __future__ import annotations

from smmkit.catalogue import CATALOGUE
from smmkit.ratelimit import Budget

# Per account (subject: ``account_subject``).
ACCOUNT_BUDGETS: dict[str, Budget] = {n: s.account_budget for n, s in CATALOGUE.items() if s.account_budget}

# Per app token (subject: the network name), where the network limits the whole app.
APP_BUDGETS: dict[str, Budget] = {n: s.app_budget for n, s in CATALOGUE.items() if s.app_budget}

# What one post costs, where a network counts in points (Bluesky: creating a record costs 3).
WRITE_COST: dict[str, int] = {n: s.write_cost for n, s in CATALOGUE.items() if s.write_cost != 1}


def account_subject(network: str, account_ref: str) -> str:
    return f"{network}:{account_ref}"
