"""Classify one visit into a channel: the fixed facts, then a tenant's ordered rules (first match wins).

Pure and cheap: the visit flush runs it for every page view (``visits.service.flush_batch``), so a rule set is
compiled once (``compile_rules``: frozensets, host suffix sets) and a visit costs two ``urlsplit`` and a few set
lookups per rule. The rules' stored form (JSON, ``channels.schemas.RuleIn``) is documented in docs/channels.md.

Fixed facts come before any rule and no rule can change them:

1. our tracked link's click id in the landing URL → ``social_tracked`` (the click is ours, whatever else it says);
2. a referrer on the same site as the landing page → ``internal`` (a page view continuing a visit, never a touch).

No rule matching → ``referral`` (the defaults end with a rule that says so).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from attribution.channels import INTERNAL, REFERRAL, SOCIAL_TRACKED

# The click ids a rule may test, as the visit stores them ("click_id": our tracked link's, settings.click_param).
CLICK_IDS = ("click_id", "gclid", "yclid", "fbclid", "ttclid")
PRESENCE = ("any", "empty", "present")
# "utm present" means a source, medium or campaign: utm_content or utm_term alone say nothing of where from.
UTM_ORIGIN = ("utm_source", "utm_medium", "utm_campaign")


def host_of(url: str | None) -> str:
    """The URL's host, lower-case, without a trailing dot or a leading ``www.``; "" when it has none."""
    if not url:
        return ""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:   # a malformed IPv6 literal
        return ""
    return host.rstrip(".").removeprefix("www.")


def same_site(landing_host: str, referrer_host: str) -> bool:
    """The same host, or one under the other (checkout.shop.example after shop.example)."""
    if not landing_host or not referrer_host:
        return False
    return (landing_host == referrer_host or referrer_host.endswith("." + landing_host)
            or landing_host.endswith("." + referrer_host))


def host_suffixes(host: str) -> tuple[frozenset[str], frozenset[str]]:
    """What domain patterns are compared with, computed once per visit: the host and every domain it is under
    (``lm.facebook.com``, ``facebook.com``, ``com``), and the names followed by a country domain (one label, or two
    of which the first is short: ``google`` in ``www.google.co.uk``)."""
    if not host:
        return frozenset(), frozenset()
    labels = host.split(".")
    n = len(labels)
    suffixes = frozenset(".".join(labels[i:]) for i in range(n))
    names = frozenset(label for i, label in enumerate(labels)
                      if n - i - 1 == 1 or (n - i - 1 == 2 and len(labels[i + 1]) <= 3))
    return suffixes, names


@dataclass(frozen=True, slots=True)
class Domains:
    """Domain suffixes (``example.com``: the host or any subdomain) and ``name.*`` (the name under any country
    domain: ``google.de``, ``google.co.uk``, ``www.google.com.br``)."""

    suffixes: frozenset[str]
    names: frozenset[str]

    @classmethod
    def of(cls, patterns: Iterable[str]) -> Domains:
        patterns = [p.lower() for p in patterns]
        return cls(frozenset(p for p in patterns if not p.endswith(".*")),
                   frozenset(p[:-2] for p in patterns if p.endswith(".*")))

    def match(self, host: str) -> bool:
        return self.matches(*host_suffixes(host))

    def matches(self, suffixes: frozenset[str], names: frozenset[str]) -> bool:
        return not self.suffixes.isdisjoint(suffixes) or not self.names.isdisjoint(names)


@dataclass(slots=True)
class Facts:
    """What the rules look at, read once per visit."""

    utm_medium: str
    utm_source: str
    referrer_host: str
    has_referrer: bool
    has_utm: bool
    click_ids: frozenset[str]
    suffixes: frozenset[str]
    names: frozenset[str]


def facts_of(row: Mapping, referrer_host: str | None = None) -> Facts:
    """From a visit's columns (an intake row or a stored row's mapping; "" and None both mean absent)."""
    referrer = row.get("referrer") or ""
    host = host_of(referrer) if referrer_host is None else referrer_host
    return Facts((row.get("utm_medium") or "").strip().lower(), (row.get("utm_source") or "").strip().lower(),
                 host, bool(referrer.strip()), any(row.get(name) for name in UTM_ORIGIN),
                 frozenset(name for name in CLICK_IDS if row.get(name)), *host_suffixes(host))


@dataclass(frozen=True, slots=True)
class Rule:
    """Every condition given must hold; within a list, any value will do. None: not tested."""

    channel: str
    utm_medium: frozenset[str] | None = None
    utm_source: frozenset[str] | None = None
    referrer_domains: Domains | None = None
    click_ids: frozenset[str] | None = None
    referrer: str = "any"
    utm: str = "any"

    def matches(self, f: Facts) -> bool:
        if self.click_ids is not None and not (self.click_ids & f.click_ids):
            return False
        if self.utm_medium is not None and f.utm_medium not in self.utm_medium:
            return False
        if self.utm_source is not None and f.utm_source not in self.utm_source:
            return False
        if self.referrer != "any" and f.has_referrer != (self.referrer == "present"):
            return False
        if self.utm != "any" and f.has_utm != (self.utm == "present"):
            return False
        return self.referrer_domains is None or self.referrer_domains.matches(f.suffixes, f.names)


@dataclass(frozen=True, slots=True)
class RuleSet:
    version: int
    rules: tuple[Rule, ...]


def compile_rules(version: int, rules: Iterable[Mapping]) -> RuleSet:
    """The stored form (validated JSON, ``RuleIn.model_dump()``) → matchers."""
    def lowered(values):
        return None if values is None else frozenset(v.strip().lower() for v in values)

    return RuleSet(version, tuple(
        Rule(channel=r["channel"], utm_medium=lowered(r.get("utm_medium")), utm_source=lowered(r.get("utm_source")),
             referrer_domains=None if r.get("referrer_domains") is None else Domains.of(r["referrer_domains"]),
             click_ids=lowered(r.get("click_ids")), referrer=r.get("referrer") or "any", utm=r.get("utm") or "any")
        for r in rules))


def classify(rules: RuleSet, row: Mapping) -> tuple[str, int | str]:
    """(channel, what decided it: ``"click_id"``, ``"same_site"``, the rule's index, or ``"fallback"``)."""
    if row.get("click_id"):
        return SOCIAL_TRACKED, "click_id"
    referrer_host = host_of(row.get("referrer"))
    if referrer_host and same_site(host_of(row.get("landing_url")), referrer_host):
        return INTERNAL, "same_site"
    facts = facts_of(row, referrer_host)
    for index, rule in enumerate(rules.rules):
        if rule.matches(facts):
            return rule.channel, index
    return REFERRAL, "fallback"
