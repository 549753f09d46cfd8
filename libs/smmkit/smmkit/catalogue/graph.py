"""Meta's Graph API conventions, shared by Facebook Pages, Instagram and Threads (not a network)."""
from smmkit.catalogue.spec import ErrorTable, codes

GRAPH_VERSION = "v21.0"

GRAPH_ERRORS = ErrorTable(
    kinds={
        **codes("rate_limited", 4, 17, 32, 613, 80001, 80002, 80004, 80005, 80006, 80008),
        (9, 2207042): "rate_limited",  # Instagram: "You reached maximum number of posts" (publishing quota)
        **codes("auth_expired", 102, 190),  # token invalid or expired
        **codes("auth_expired", 10, *range(200, 300)),  # a permission was revoked: reconnect
        **codes("transient", 1, 2),
        (9007, 2207027): "transient",  # Instagram: the container has not finished processing
    },
    duplicate=frozenset({506}),
    not_found=frozenset({(100, 33)}),  # "Unsupported get request": the object is gone
)
