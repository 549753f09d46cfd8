"""The marketing channels a visit or a touch belongs to (issue 17).

A visit is classified into one of ``CHANNELS`` by the tenant's channel rules
(``channels.rules``); ``INTERNAL`` marks a page view inside the shop's own site,
which continues a visit and is never a touch of a journey.

``SMM_CHANNELS`` is what the reports call SMM: organic social, tracked by our links
or not. Paid social is advertising and is reported beside it, not inside it.
"""

DIRECT = "direct"
ORGANIC_SEARCH = "organic_search"
PAID_SEARCH = "paid_search"
SOCIAL_TRACKED = "social_tracked"
SOCIAL_UNTRACKED = "social_untracked"
EMAIL = "email"
REFERRAL = "referral"
PAID_SOCIAL = "paid_social"

CHANNELS = (DIRECT, ORGANIC_SEARCH, PAID_SEARCH, SOCIAL_TRACKED, SOCIAL_UNTRACKED, EMAIL, REFERRAL, PAID_SOCIAL)
SMM_CHANNELS = frozenset({SOCIAL_TRACKED, SOCIAL_UNTRACKED})

INTERNAL = "internal"   # a page view after another on the same site: not a touch
