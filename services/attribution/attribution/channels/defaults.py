"""The built-in rules (version 0): what every tenant's visits are classified by until it saves its own.

Social networks' domains and names come from the network catalogue (``NetworkSpec.referrer_domains``): one place
per fact, so a network added there is recognised here. Search engines are listed here, once, for both their
referrer hosts and their ``utm_source`` names.
"""
from __future__ import annotations

from smmkit.catalogue import CATALOGUE

from attribution.channels import DIRECT, EMAIL, ORGANIC_SEARCH, PAID_SEARCH, PAID_SOCIAL, REFERRAL, SOCIAL_UNTRACKED

VERSION = 0

# name (as a utm_source) → referrer hosts; ``name.*`` is the name under any country domain (rules.Domains)
SEARCH_ENGINES: dict[str, tuple[str, ...]] = {
    "google": ("google.*",),
    "bing": ("bing.com",),
    "yandex": ("yandex.*", "ya.ru"),
    "duckduckgo": ("duckduckgo.com",),
    "yahoo": ("search.yahoo.com", "search.yahoo.co.jp"),
    "baidu": ("baidu.com",),
    "ecosia": ("ecosia.org",),
    "naver": ("search.naver.com",),
    "seznam": ("search.seznam.cz",),
    "qwant": ("qwant.com",),
    "startpage": ("startpage.com",),
    "brave": ("search.brave.com",),
    "sogou": ("sogou.com",),
}
# Ad platforms' own names for their search ads, as they appear in utm_source.
SEARCH_AD_SOURCES = ("adwords", "googleads", "google_ads", "yandex_direct", "yandexdirect", "microsoft", "msn")
# Webmail hosts sit under search engines' domains (mail.google.com): tested before organic search.
WEBMAIL = ("mail.google.com", "mail.yahoo.com", "outlook.live.com", "outlook.office.com", "outlook.office365.com",
           "mail.yandex.ru", "mail.yandex.com", "mail.ru", "e.mail.ru", "mail.proton.me", "mail.zoho.com")
# Abbreviations of network names that are common in utm_source.
SOCIAL_SOURCE_ABBREVIATIONS = ("fb", "ig", "tw", "yt", "li", "meta", "tg")

PAID_MEDIUMS = ("cpc", "ppc", "paidsearch", "paid_search", "paid-search")
PAID_SOCIAL_MEDIUMS = ("paid_social", "paidsocial", "paid-social", "social_paid", "social-paid")
EMAIL_MEDIUMS = ("email", "e-mail", "e_mail", "newsletter", "mail")
SOCIAL_MEDIUMS = ("social", "social-network", "social_network", "social-media", "social_media", "sm")


def social_domains() -> list[str]:
    """Every catalogued network's referrer domains, in catalogue order."""
    return list(dict.fromkeys(d for spec in CATALOGUE.values() for d in spec.referrer_domains))


def social_sources() -> list[str]:
    """utm_source names of social networks: catalogue names, their domains' names (instagram, lnkd, youtu ...)."""
    names = list(CATALOGUE)
    for domain in social_domains():
        labels = domain.removesuffix(".*").split(".")
        name = labels[-1] if domain.endswith(".*") or len(labels) == 1 else labels[-2]
        if len(name) >= 2:
            names.append(name)
    return list(dict.fromkeys([*names, *SOCIAL_SOURCE_ABBREVIATIONS]))


def search_domains() -> list[str]:
    return [d for hosts in SEARCH_ENGINES.values() for d in hosts]


def rules() -> list[dict]:
    """The default rule list, in the stored form (``schemas.RuleIn``), first match wins."""
    search_sources = [*SEARCH_ENGINES, *SEARCH_AD_SOURCES]
    return [
        {"channel": PAID_SEARCH, "label": "search ad click ids", "click_ids": ["gclid", "yclid"]},
        {"channel": PAID_SEARCH, "label": "paid medium from a search engine", "utm_medium": list(PAID_MEDIUMS),
         "utm_source": search_sources},
        {"channel": PAID_SOCIAL, "label": "TikTok ad click id", "click_ids": ["ttclid"]},
        {"channel": PAID_SOCIAL, "label": "paid social medium", "utm_medium": list(PAID_SOCIAL_MEDIUMS)},
        {"channel": PAID_SOCIAL, "label": "paid medium from a social network", "utm_medium": list(PAID_MEDIUMS),
         "utm_source": social_sources()},
        {"channel": EMAIL, "label": "email medium", "utm_medium": list(EMAIL_MEDIUMS)},
        {"channel": EMAIL, "label": "webmail referrer", "referrer_domains": list(WEBMAIL)},
        {"channel": ORGANIC_SEARCH, "label": "search engine referrer", "referrer_domains": search_domains()},
        {"channel": SOCIAL_UNTRACKED, "label": "social network referrer", "referrer_domains": social_domains()},
        {"channel": SOCIAL_UNTRACKED, "label": "Facebook's click id alone", "click_ids": ["fbclid"]},
        {"channel": SOCIAL_UNTRACKED, "label": "social medium (not our tracked link)",
         "utm_medium": list(SOCIAL_MEDIUMS)},
        {"channel": DIRECT, "label": "no referrer, no UTM", "referrer": "empty", "utm": "empty"},
        {"channel": REFERRAL, "label": "anything else"},
    ]
