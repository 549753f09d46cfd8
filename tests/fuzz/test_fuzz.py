"""Every operation of every service, as tenant A, without a key, and as tenant B (see ``platform.py``).

Tenant A's runs come first, so B's runs know every id A was answered with."""
import httpx
import schemathesis

from smmkit.settings import CommonSettings
from tests.fuzz.conftest import CONFIG, STATEFUL_CONFIG, budget, for_generation, stateful_budget
from tests.utils.apps import SERVICES, build

# The documents the served apps publish (built here, at collection, because the tests are generated from them).
DOCUMENTS = {service: for_generation(build(service, CommonSettings()).openapi()) for service in SERVICES}
SCHEMAS = {service: schemathesis.openapi.from_dict(document, config=CONFIG) for service, document in DOCUMENTS.items()}


def fuzz(service: str, identity: str):
    @budget(identity)
    @SCHEMAS[service].parametrize()
    def test(case, platform):
        platform.aim(service, case, identity)
        response = case.call_and_validate(base_url=platform.urls[service], headers=platform.headers_for(identity))
        platform.judge(service, case, identity, response)

    return test


test_planner_as_its_tenant = fuzz("planner", "tenant")
test_publisher_as_its_tenant = fuzz("publisher", "tenant")
test_metrics_as_its_tenant = fuzz("metrics", "tenant")
test_attribution_as_its_tenant = fuzz("attribution", "tenant")
test_planner_without_a_key = fuzz("planner", "anonymous")
test_publisher_without_a_key = fuzz("publisher", "anonymous")
test_metrics_without_a_key = fuzz("metrics", "anonymous")
test_attribution_without_a_key = fuzz("attribution", "anonymous")
test_planner_as_another_tenant = fuzz("planner", "other_tenant")
test_publisher_as_another_tenant = fuzz("publisher", "other_tenant")
test_metrics_as_another_tenant = fuzz("metrics", "other_tenant")
test_attribution_as_another_tenant = fuzz("attribution", "other_tenant")


def workflows(service: str):
    """Chains of calls as tenant A along the links schemathesis infers; every answer judged as above."""
    machine = schemathesis.openapi.from_dict(DOCUMENTS[service], config=STATEFUL_CONFIG).as_state_machine()

    def test(platform):
        class Workflow(machine):
            def before_call(self, case):
                platform.aim(service, case, "tenant")

            def get_call_kwargs(self, case):
                return {"base_url": platform.urls[service], "headers": platform.headers_for("tenant")}

            def after_call(self, response, case):
                platform.judge(service, case, "tenant", response)

        assert machine.bundles, f"schemathesis found no links between {service}'s operations"
        Workflow.run(settings=stateful_budget())

    return test


test_planner_workflows = workflows("planner")
test_publisher_workflows = workflows("publisher")
test_metrics_workflows = workflows("metrics")
test_attribution_workflows = workflows("attribution")


def test_after_fuzzing_tenant_b_lists_none_of_tenant_a_s_ids(platform):
    """Every list B can read, once all the fuzzing is done: none holds an id A was answered with."""
    for service, schema in SCHEMAS.items():
        for path, item in schema.raw_schema["paths"].items():
            if "get" in item and not any(p.get("required") for p in item["get"].get("parameters", [])):
                resp = httpx.get(f"{platform.urls[service]}{path}", headers=platform.b.headers)
                assert resp.status_code < 500, (service, path, resp.text)
                found = set(platform.ids_in(resp.text)) & platform.a_ids
                assert not found - platform.b_sent, f"{service} GET {path} lists tenant A's {sorted(found)}"
