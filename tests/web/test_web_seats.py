"""Seats: the team page refuses an invitation past the plan's seats (users and pending invitations), naming the
limit, and takes it as soon as the operator allows more; the web app reads the plan through the planner's API."""
import uuid

import httpx

from tests.web.conftest import invite


def test_an_invitation_past_the_plans_seats_is_refused_until_the_plan_allows_more(web, web_platform, settings, owner,
                                                                                  tenant):
    planner, operator = web_platform.url("planner"), {"Authorization": f"Bearer {settings.operator_token}"}
    plan = f"seats-{uuid.uuid4().hex[:8]}"
    httpx.put(f"{planner}/admin/plans/{plan}", json={"seats": 2}, headers=operator).raise_for_status()
    httpx.put(f"{planner}/admin/tenants/{tenant.id}/plan", json={"plan": plan}, headers=operator).raise_for_status()
    # the owner has the first seat, and an invitation holds the second until it is accepted or expires
    assert invite(owner, web, f"ed-{tenant.id[:8]}@example.com", "editor")

    owner.get_by_label("E-mail address").fill(f"al-{tenant.id[:8]}@example.com")
    owner.get_by_label("Role").select_option("analyst")
    with owner.expect_response(lambda r: r.url.endswith("/settings/team/invites")) as answer:
        owner.get_by_role("button", name="Create invitation link").click()
    assert answer.value.status == 402
    assert owner.locator("#email-error").inner_text() == f"the {plan} plan allows 2 seats; 2 are used"
    assert owner.locator("#invite-link").count() == 0

    httpx.put(f"{planner}/admin/plans/{plan}", json={"seats": 3}, headers=operator).raise_for_status()
    assert invite(owner, web, f"al-{tenant.id[:8]}@example.com", "analyst"), "the new limit applies at once"
