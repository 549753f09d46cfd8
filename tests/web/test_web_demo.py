"""`smm up`'s demo tenant (smmkit.demo.seed_demo) against the web tests' platform: an account on every network of
the catalogue, each connected on the publisher, and the demo's text posts only where a text post is allowed."""
import httpx
from smmkit.catalogue import CATALOGUE
from smmkit.demo import seed_demo


def test_the_demo_has_a_connected_account_on_every_network(web_platform, settings):
    said: list[str] = []
    seeded = seed_demo(web_platform, operator_token=settings.operator_token, echo=said.append,
                       order_when_published=False)  # smm up's shop order: no thread outliving the test

    auth = {"Authorization": f"Bearer {seeded['tenant']['api_key']}"}
    listed = httpx.get(f"{web_platform.url('planner')}/accounts", headers=auth, params={"limit": 100}).json()["items"]
    assert sorted(a["network"] for a in listed) == sorted(CATALOGUE), "one demo account per network"
    for account in listed:  # the publisher took each one's sandbox credentials
        held = httpx.get(f"{web_platform.url('publisher')}/accounts/{account['id']}", headers=auth)
        assert held.json()["status"] == "connected", (account["network"], held.text)

    text_ok = {name for name, spec in CATALOGUE.items() if spec.fits("Which roast do you brew on Mondays?")}
    for post in seeded["posts"]:
        assert {t["network"] for t in post["targets"]} == text_ok
    assert any("sandbox accounts" in line for line in said)
