"""Settings: pillars and their target mix (the planner refuses shares not adding to 100), brands, costs."""
from datetime import date

from tests.web.conftest import api, serious_violations


def test_pillar_mix_brands_and_costs(web, web_platform, owner, tenant):
    owner.goto(f"{web}/settings")
    assert serious_violations(owner) == []
    owner.get_by_label("New pillar name").fill("educate")
    owner.get_by_label("Target share of the new pillar").fill("10")
    owner.get_by_role("button", name="Save pillars").click()
    assert "add up to 110%" in owner.locator("#pillars-error").inner_text()

    owner.get_by_label("Target share of engage").fill("40")
    owner.get_by_label("New pillar name").fill("educate")
    owner.get_by_label("Target share of the new pillar").fill("10")
    owner.get_by_role("button", name="Save pillars").click()
    owner.wait_for_url("**/settings?saved=1")
    shares = {p["name"]: p["target_share_pct"] for p in api(web_platform, tenant).get("/pillars").json()}
    assert shares["educate"] == 10 and sum(shares.values()) == 100

    owner.get_by_label("Brand name").fill("Roastery")
    owner.get_by_label("Posts need approval").check()
    owner.get_by_role("button", name="Add brand").click()
    assert owner.locator("#brands").inner_text() == "Roastery (posts need approval)"

    owner.get_by_label("Amount").fill("120.50")
    owner.get_by_label("From", exact=True).fill(date.today().replace(day=1).isoformat())
    owner.get_by_label("To (inclusive)").fill(date.today().isoformat())
    owner.get_by_label("Campaign (optional)").fill("autumn")
    owner.get_by_role("button", name="Add cost").click()
    assert "€120.50" in owner.locator("#costs").inner_text()
    [cost] = api(web_platform, tenant, "attribution").get("/costs").json()["items"]
    assert (cost["amount_minor"], cost["currency"], cost["campaign"]) == (12050, "EUR", "autumn")
    assert serious_violations(owner) == []


def test_a_wrong_amount_is_said_next_to_it(web, web_platform, owner, tenant):
    owner.goto(f"{web}/settings")
    owner.get_by_label("Amount").fill("lots")
    owner.get_by_label("From", exact=True).fill("2031-01-01")
    owner.get_by_label("To (inclusive)").fill("2031-01-31")
    with owner.expect_response(f"{web}/settings/costs") as answer:
        owner.get_by_role("button", name="Add cost").click()
    assert answer.value.status == 422
    assert owner.locator("#amount-error").inner_text() == "write an amount such as 120.50"
    assert api(web_platform, tenant, "attribution").get("/costs").json()["items"] == []


def test_shop_secrets_and_outgoing_webhooks(web, web_platform, owner, tenant):
    owner.goto(f"{web}/settings")
    owner.get_by_label("Shop platform").select_option("shopify")
    owner.get_by_label("Webhook signing secret").fill("shpss_0123456789abcdef")
    owner.get_by_role("button", name="Save shop secret").click()
    owner.wait_for_url("**/settings?saved=1")
    assert "shopify: secret set" in owner.locator("#shops").inner_text()
    assert f"/webhooks/shopify/{tenant.id}" in owner.locator("#shops").inner_text()
    assert "shpss_0123456789abcdef" not in owner.content()
    assert api(web_platform, tenant, "attribution").get("/shop-secrets").json()["configured"] == ["shopify"]

    owner.get_by_label("Webhook URL").fill("http://127.0.0.1:9/hook")
    owner.get_by_role("button", name="Add webhook").click()
    secret = owner.locator("#webhook-secret").input_value()
    assert len(secret) >= 16
    [hook] = api(web_platform, tenant).get("/webhooks").json()["items"]
    assert hook["url"] == "http://127.0.0.1:9/hook"
    assert serious_violations(owner) == []
