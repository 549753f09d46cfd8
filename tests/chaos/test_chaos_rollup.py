"""Orders arriving while the report rollup is rebuilt over and over: the report totals stay exact."""
from tests.chaos import cases
from tests.chaos.conftest import assert_exact, assert_orders_exact


def test_orders_arriving_during_rollup_rebuilds_keep_the_report_totals_exact(chaos):
    result = cases.rollup_rebuild(chaos)

    assert_exact(result)
    assert_orders_exact(result, cases.QUICK.posts)
    assert result.counts["rebuild_marks"]["seen_dirty"] > 0, "rebuilds really ran while the orders arrived"
