"""What the services answer as codes (roles, statuses, report names), as people read them: each table's
messages are marked with ``N_`` (extracted into the catalogues) and translated when a page shows them, through
the templates' ``label(kind, code)``. A code missing from its table shows as it is."""
from __future__ import annotations

from web.i18n import N_, NC_, gettext, pgettext


LABELS: dict[str, dict[str, str]] = {
    "role": {"owner": N_("owner"), "editor": N_("editor"), "approver": N_("approver"), "analyst": N_("analyst")},
    # A post's status (the planner's PostStatus) and a target's (TargetStatus).
    "status": {"draft": N_("draft"), "in_review": N_("in review"), "approved": N_("approved"),
               "scheduled": N_("scheduled"), "published": N_("published"), "failed": N_("failed"),
               "cancelled": N_("cancelled"), "pending": N_("pending"), "dispatched": N_("handed to the publisher")},
    # "active" is also an API key's status: in Spanish a tenant (el cliente) is "activo", a key (la clave) "activa"
    "tenant_status": {"active": NC_("tenant", "active"), "suspended": NC_("tenant", "suspended")},
    "polling": {"active": N_("measuring"), "stopped": N_("stopped"), "finished": N_("finished")},
    "metric": {"interactions": N_("interactions"), "likes": N_("likes"), "reposts": N_("reposts"),
               "comments": N_("comments"), "views": N_("views"), "clicks": N_("clicks")},
    "level": {"post": N_("post"), "campaign": N_("campaign"), "network": N_("network"), "pillar": N_("pillar"),
              "channel": N_("channel")},
    # attribution's channels (attribution.channels): where a visit came from
    "channel": {"direct": N_("direct"), "organic_search": N_("organic search"), "paid_search": N_("paid search"),
                "social_tracked": N_("our posts (tracked social)"), "social_untracked": N_("untracked social"),
                "email": N_("email"), "referral": N_("referral"), "paid_social": N_("paid social")},
    "model": {"last_touch": N_("last touch"), "first_touch": N_("first touch"),
              "last_non_direct": N_("last non-direct"), "linear": N_("linear"), "time_decay": N_("time decay"),
              "position_based": N_("position based"), "markov": N_("Markov"), "shapley": N_("Shapley")},
    "media_kind": {"image": N_("image"), "video": N_("video"), "gif": N_("GIF"), "document": N_("document")},
    # How a network counts a text (the catalogue's units, smmkit.catalogue): the composer's "287 / 300 graphemes".
    "unit": {"graphemes": N_("graphemes"), "characters": N_("characters"), "UTF-8 bytes": N_("UTF-8 bytes"),
             "UTF-16 code units": N_("UTF-16 code units"),
             "UTF-16 code units in a caption": N_("UTF-16 code units in a caption")},
    "cost_kind": {"content": N_("content"), "boost": N_("boost"), "salaries": N_("salaries"), "tools": N_("tools"),
                  "agency": N_("agency"), "other": N_("other")},
}


CONTEXTS = {"tenant_status": "tenant"}  # the tables whose messages carry a msgctxt (NC_)


def label(kind: str, code: str | None) -> str:
    """``code`` as people read it in the current locale (``in_review`` → "in review" / "en revisión")."""
    if code is None:
        return ""
    known = LABELS[kind].get(code)
    if not known:
        return code.replace("_", " ")
    return pgettext(CONTEXTS[kind], known) if kind in CONTEXTS else gettext(known)
