"""Channel classification: the built-in rules on realistic visits, versioned tenant rules, validation, intake."""
import uuid

import pytest
from attribution.channels import CHANNELS, INTERNAL, defaults, service
from attribution.channels.rules import Domains, classify
from attribution.channels.schemas import RulesIn
from attribution.visits.service import classification_row
from smmkit.catalogue import CATALOGUE

from tests.attribution.test_visits import beacon, new_id, site_key
from tests.utils.polling import eventually

SHOP = "https://shop.example"
# (landing URL, referrer) → channel, as real browsers and ad platforms send them
REALISTIC = [
    (f"{SHOP}/?gclid=Cj0KCQiA&utm_source=google&utm_medium=cpc", "https://www.google.com/", "paid_search"),
    (f"{SHOP}/boots?yclid=4829375", "https://yandex.ru/", "paid_search"),
    (f"{SHOP}/?utm_source=bing&utm_medium=cpc&utm_campaign=brand", "https://www.bing.com/", "paid_search"),
    (f"{SHOP}/?utm_source=Google&utm_medium=PPC", None, "paid_search"),   # case-insensitive
    (f"{SHOP}/?ttclid=E.C.P.abc", None, "paid_social"),
    (f"{SHOP}/?utm_source=facebook&utm_medium=paid_social&fbclid=IwAR3", "https://m.facebook.com/", "paid_social"),
    (f"{SHOP}/?utm_source=ig&utm_medium=cpc", "https://l.instagram.com/", "paid_social"),
    (f"{SHOP}/?utm_source=mailchimp&utm_medium=email&utm_campaign=nov", None, "email"),
    (f"{SHOP}/?utm_medium=newsletter", "https://mail.google.com/", "email"),
    (f"{SHOP}/sale", "https://mail.google.com/", "email"),
    (f"{SHOP}/mugs", "https://www.google.com/", "organic_search"),
    (f"{SHOP}/mugs", "https://www.google.co.uk/", "organic_search"),
    (f"{SHOP}/mugs", "https://www.google.com.br/", "organic_search"),
    (f"{SHOP}/mugs", "https://duckduckgo.com/", "organic_search"),
    (f"{SHOP}/mugs", "https://yandex.ru/search/?text=mug", "organic_search"),
    (f"{SHOP}/mugs", "https://www.ecosia.org/", "organic_search"),
    (f"{SHOP}/?smm_click=k3j4h5&utm_source=instagram&utm_medium=social", "https://l.instagram.com/",
     "social_tracked"),
    (f"{SHOP}/?smm_click=k3j4h5&gclid=x", "https://www.google.com/", "social_tracked"),   # ours wins over all
    (f"{SHOP}/", "https://l.instagram.com/", "social_untracked"),
    (f"{SHOP}/", "https://lm.facebook.com/", "social_untracked"),
    (f"{SHOP}/", "https://t.co/", "social_untracked"),
    (f"{SHOP}/", "https://www.linkedin.com/", "social_untracked"),
    (f"{SHOP}/", "https://www.pinterest.de/", "social_untracked"),
    (f"{SHOP}/?fbclid=IwAR0abc", None, "social_untracked"),
    (f"{SHOP}/?utm_source=instagram&utm_medium=social&utm_content=abc", None, "social_untracked"),
    (f"{SHOP}/", None, "direct"),
    (f"{SHOP}/p?color=red", "", "direct"),
    (f"{SHOP}/", "https://blog.example.org/best-mugs", "referral"),
    (f"{SHOP}/?utm_source=partner", None, "referral"),
    (f"{SHOP}/", "https://google.blogspot.com/", "referral"),   # not a search engine's country domain
    (f"{SHOP}/cart", f"{SHOP}/mugs", INTERNAL),
    (f"{SHOP}/cart", "https://www.shop.example/mugs", INTERNAL),
    ("https://checkout.shop.example/pay", f"{SHOP}/cart", INTERNAL),
]


def shown(rules: list[dict]) -> list[dict]:
    """Rules as the API shows them: every condition, null where not tested."""
    return RulesIn(rules=rules).model_dump(mode="json")["rules"]


def channel_of(url, referrer, ruleset=None):
    return classify(ruleset or service.default_rules(), classification_row(url, referrer, "smm_click"))[0]


@pytest.mark.parametrize(("url", "referrer", "expected"), REALISTIC)
def test_the_defaults_classify_realistic_visits(url, referrer, expected):
    assert channel_of(url, referrer) == expected


def test_the_realistic_visits_cover_every_channel_and_internal():
    assert {expected for *_, expected in REALISTIC} == {*CHANNELS, INTERNAL}


def test_every_catalogued_networks_domain_is_social_and_read_from_the_catalogue():
    # one source per fact: the default social rule is the catalogue's domains, nothing else
    social = next(r for r in defaults.rules() if r["label"] == "social network referrer")
    assert social["referrer_domains"] == defaults.social_domains()
    for name, spec in CATALOGUE.items():
        for domain in spec.referrer_domains:
            host = domain.replace("*", "com")
            assert channel_of(f"{SHOP}/", f"https://{host}/x") == "social_untracked", (name, domain)
            assert channel_of(f"{SHOP}/", f"https://sub.{host}/") == "social_untracked", (name, domain)
    assert "instagram" in defaults.social_sources() and "lnkd" in defaults.social_sources()


def test_domain_patterns_match_subdomains_and_country_domains_only():
    d = Domains.of(["facebook.com", "google.*"])
    assert d.match("facebook.com") and d.match("lm.facebook.com") and not d.match("notfacebook.com")
    assert d.match("google.de") and d.match("google.co.uk") and d.match("news.google.com")
    assert not d.match("google.blogspot.com") and not d.match("google") and not d.match("")


# --------------------------------------------------------------------------
# Versions through the API


RULES = [
    {"channel": "paid_social", "utm_medium": ["Influencer"], "label": "influencer codes"},
    {"channel": "social_untracked", "referrer_domains": ["Mastodon.Example"]},
    {"channel": "direct", "referrer": "empty", "utm": "empty"},
    {"channel": "referral"},
]


async def test_rules_are_versioned_never_edited_and_listed_newest_first(attr):
    tenant = await attr.tenant("rules-versions")
    first = await tenant.client.get("/channel-rules")
    assert first.status_code == 200
    body = first.json()
    assert body["version"] == 0 and body["created_at"] is None and body["rules"] == shown(defaults.rules())
    assert (await tenant.client.get("/channel-rules/versions")).json() == {"items": [], "next_cursor": None}

    saved = await tenant.client.put("/channel-rules", json={"rules": RULES})
    assert saved.status_code == 200, saved.text
    assert saved.json()["version"] == 1
    assert saved.json()["rules"][0] == shown([{"channel": "paid_social", "utm_medium": ["influencer"],
                                               "label": "influencer codes"}])[0]   # stored lower-case
    assert saved.json()["rules"][1]["referrer_domains"] == ["mastodon.example"]
    second = await tenant.client.put("/channel-rules", json={"rules": RULES[2:]})
    assert second.json()["version"] == 2

    current = (await tenant.client.get("/channel-rules")).json()
    assert current["version"] == 2 and len(current["rules"]) == 2
    assert (await tenant.client.get("/channel-rules", params={"version": 1})).json()["rules"] == saved.json()["rules"]
    assert (await tenant.client.get("/channel-rules", params={"version": 0})).json()["rules"] == shown(defaults.rules())
    assert (await tenant.client.get("/channel-rules", params={"version": 7})).status_code == 404

    page1 = (await tenant.client.get("/channel-rules/versions", params={"limit": 1})).json()
    assert [v["version"] for v in page1["items"]] == [2] and page1["next_cursor"]
    page2 = (await tenant.client.get("/channel-rules/versions",
                                     params={"limit": 1, "cursor": page1["next_cursor"]})).json()
    assert [v["version"] for v in page2["items"]] == [1] and page2["next_cursor"] is None


async def test_preview_classifies_with_the_current_a_given_or_unsaved_rules(attr):
    tenant = await attr.tenant("rules-preview")
    sample = {"url": f"{SHOP}/?utm_medium=influencer", "referrer": "https://mastodon.example/@shop"}
    before = (await tenant.client.post("/channel-rules/preview", json=sample)).json()
    assert before == {"channel": "referral", "version": 0, "matched": len(defaults.rules()) - 1}
    assert (await tenant.client.put("/channel-rules", json={"rules": RULES})).status_code == 200
    after = (await tenant.client.post("/channel-rules/preview", json=sample)).json()
    assert after == {"channel": "paid_social", "version": 1, "matched": 0}
    old = (await tenant.client.post("/channel-rules/preview", json={**sample, "version": 0})).json()
    assert old["channel"] == "referral" and old["version"] == 0
    tried = (await tenant.client.post("/channel-rules/preview", json={
        "url": f"{SHOP}/", "referrer": "https://mastodon.example/", "rules": RULES[1:]})).json()
    assert tried == {"channel": "social_untracked", "version": None, "matched": 0}
    fixed = (await tenant.client.post("/channel-rules/preview", json={
        "url": f"{SHOP}/b", "referrer": f"{SHOP}/a"})).json()
    assert fixed == {"channel": INTERNAL, "version": 1, "matched": "same_site"}
    both = await tenant.client.post("/channel-rules/preview", json={**sample, "version": 1, "rules": RULES})
    assert both.status_code == 422 and both.json()["errors"][0]["loc"] == ["body", "rules"]
    missing = await tenant.client.post("/channel-rules/preview", json={**sample, "version": 9})
    assert missing.status_code == 422 and missing.json()["errors"][0]["loc"] == ["body", "version"]


@pytest.mark.parametrize(("rules", "loc"), [
    ([{"channel": "tv"}], ["body", "rules", 0, "channel"]),
    ([{"channel": "referral"}, {"channel": "email", "referrer_domains": ["not a domain"]}],
     ["body", "rules", 1, "referrer_domains", 0]),
    ([{"channel": "email", "utm_medium": []}], ["body", "rules", 0, "utm_medium"]),
    ([{"channel": "email", "utm_medium": ["x" * 101]}], ["body", "rules", 0, "utm_medium", 0]),
    ([{"channel": "email", "utm_medium": [f"m{i}" for i in range(201)]}], ["body", "rules", 0, "utm_medium"]),
    ([{"channel": "email", "click_ids": ["msclkid"]}], ["body", "rules", 0, "click_ids", 0]),
    ([{"channel": "email", "referrer": "sometimes"}], ["body", "rules", 0, "referrer"]),
    ([{"channel": "email", "colour": "red"}], ["body", "rules", 0, "colour"]),
    ([{"channel": "email", "utm_source": ["a\u0000b"]}], ["body", "rules", 0, "utm_source", 0]),
    ([{"channel": "referral"}] * 51, ["body", "rules"]),
    ([], ["body", "rules"]),
])
async def test_bad_rules_are_a_422_naming_the_field_and_save_nothing(attr, rules, loc):
    tenant = await attr.tenant("rules-bad")
    resp = await tenant.client.put("/channel-rules", json={"rules": rules})
    assert resp.status_code == 422 and resp.headers["content-type"].startswith("application/problem+json")
    assert resp.json()["errors"][0]["loc"][:len(loc)] == loc, resp.json()
    assert (await tenant.client.get("/channel-rules")).json()["version"] == 0


async def test_a_tenants_rules_are_its_own(attr):
    a, b = await attr.tenant("rules-a"), await attr.tenant("rules-b")
    assert (await a.client.put("/channel-rules", json={"rules": RULES})).status_code == 200
    assert (await b.client.get("/channel-rules")).json()["version"] == 0
    assert (await b.client.get("/channel-rules", params={"version": 1})).status_code == 404
    assert (await b.client.get("/channel-rules/versions")).json()["items"] == []
    preview = await b.client.post("/channel-rules/preview", json={"url": f"{SHOP}/", "version": 1})
    assert preview.status_code == 422
    a_versions = (await a.client.get("/channel-rules/versions")).json()
    assert [v["version"] for v in a_versions["items"]] == [1]


# --------------------------------------------------------------------------
# Intake


async def _visit(attr, tenant_id, page_view):
    rows = await attr.rows("SELECT channel, rules_version FROM attribution.visits WHERE tenant_id = :t "
                           "AND page_view_id = :p", t=tenant_id, p=page_view)
    return rows[0] if rows else None


async def test_intake_classifies_each_visit_and_edited_rules_change_new_visits_only(attr):
    tenant = await attr.tenant("rules-intake")
    key = await site_key(tenant)
    landed = {name: new_id() for name in ("search", "ours", "inside", "influencer_before", "influencer_after")}
    await beacon(attr, key, page_view=landed["search"], url=f"{SHOP}/mugs", referrer="https://www.google.de/")
    await beacon(attr, key, page_view=landed["ours"], url=f"{SHOP}/?smm_click=abcdef12",
                 referrer="https://t.co/")
    await beacon(attr, key, page_view=landed["inside"], url=f"{SHOP}/cart", referrer=f"{SHOP}/mugs")
    await beacon(attr, key, page_view=landed["influencer_before"], url=f"{SHOP}/?utm_medium=influencer")
    before = {name: await eventually(lambda p=p: _visit(attr, tenant.id, p), what=f"{name} flushed")
              for name, p in landed.items() if name != "influencer_after"}
    assert {n: tuple(v) for n, v in before.items()} == {
        "search": ("organic_search", 0), "ours": ("social_tracked", 0), "inside": (INTERNAL, 0),
        "influencer_before": ("referral", 0)}

    assert (await tenant.client.put("/channel-rules", json={"rules": RULES})).status_code == 200
    await beacon(attr, key, page_view=landed["influencer_after"], url=f"{SHOP}/?utm_medium=influencer")
    after = await eventually(lambda: _visit(attr, tenant.id, landed["influencer_after"]), what="flushed")
    assert tuple(after) == ("paid_social", 1)
    assert tuple(await _visit(attr, tenant.id, landed["influencer_before"])) == ("referral", 0), "stored: unchanged"


async def test_the_intake_cache_keeps_a_tenants_rules_until_older_than_its_max_age(attr):
    tenant = await attr.tenant("rules-cache")
    cache = service.RulesCache(max_age_s=3600)
    async with attr.runtime.db.uow() as uow:
        assert (await cache.for_tenants(uow.session, [tenant.id]))[tenant.id].version == 0
    assert (await tenant.client.put("/channel-rules", json={"rules": RULES})).status_code == 200
    async with attr.runtime.db.uow() as uow:
        assert (await cache.for_tenants(uow.session, [tenant.id]))[tenant.id].version == 0, "still fresh"
        cache.max_age_s = 0
        reloaded = (await cache.for_tenants(uow.session, [tenant.id]))[tenant.id]
    assert reloaded.version == 1 and reloaded.rules[0].channel == "paid_social"


async def test_every_channel_route_needs_a_valid_key(attr):
    for method, path in (("GET", "/channel-rules"), ("PUT", "/channel-rules"), ("GET", "/channel-rules/versions"),
                         ("POST", "/channel-rules/preview"), ("POST", "/reclassifications"),
                         ("GET", "/reclassifications"), ("GET", f"/reclassifications/{uuid.uuid4()}")):
        for headers in ({}, {"Authorization": "Bearer smm_not-a-key"}):
            resp = await attr.public.request(method, path, headers=headers, json={})
            assert resp.status_code == 401, (method, path, resp.status_code)
