"""SIGKILL of the planner (dispatching), metrics (polling) and attribution (orders arriving) in the middle of a
burst; the publisher's own cases are tests/integration/test_publisher_chaos.py and test_publisher_crash.py."""
from tests.chaos import cases
from tests.chaos.conftest import assert_exact, assert_orders_exact


def test_planner_killed_while_dispatching_loses_and_duplicates_nothing(chaos):
    assert_exact(cases.kill_planner(chaos))


def test_metrics_killed_while_polling_loses_and_duplicates_no_engagement(chaos):
    result = cases.kill_metrics(chaos)

    assert_exact(result)
    engagement = result.counts["engagement"]
    assert engagement["changes"] >= 2 * cases.QUICK.posts, "engagement really changed while metrics was killed"


def test_attribution_killed_while_orders_arrive_keeps_every_accepted_order_once(chaos):
    result = cases.kill_attribution(chaos)

    assert_exact(result)
    assert_orders_exact(result, cases.QUICK.posts)
    assert sum(n for k, n in result.counts["order_answers"].items() if not k.startswith("2")) > 0, \
        "some orders met the dead service and were sent again"
