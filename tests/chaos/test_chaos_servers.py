"""The broker wiped, PostgreSQL crashed and restarted, Redis flushed and restarted, each in the middle of a burst
of posts and orders: every post is on its network once, published in the planner, and every accepted order in the reports."""
from tests.chaos import cases
from tests.chaos.conftest import assert_exact, assert_orders_exact


def test_a_broker_wiped_mid_burst_loses_and_duplicates_nothing_and_every_service_recovers(chaos):
    result = cases.broker_wipe(chaos)

    assert_exact(result)
    assert_orders_exact(result, cases.QUICK.posts)
    # each service noticed the new broker, once (without smmkit.brokerwatch the burst stalls here)
    assert result.counts["broker_recoveries"] == dict.fromkeys(cases.SERVICES, 1.0), result.summary()


def test_postgres_restarted_mid_burst_loses_and_duplicates_nothing(chaos):
    result = cases.postgres_restart(chaos)

    assert_exact(result)
    assert_orders_exact(result, cases.QUICK.posts)
    # an order sent while the database was away is a 503 to send again, never a 500
    assert "500" not in result.counts["order_answers"], result.counts["order_answers"]
    # every service noticed the database was gone, and came back by itself
    assert result.counts["readyz_unready_then_ready"] == dict.fromkeys(cases.SERVICES, True)


def test_redis_flushed_mid_burst_causes_no_duplicate_and_no_429(chaos):
    result = cases.redis_flush(chaos)

    assert_exact(result)
    assert result.counts["rate_limited"]["network_429s"] == 0, result.summary()


def test_redis_restarted_mid_burst_causes_no_duplicate_and_no_429(chaos):
    result = cases.redis_restart(chaos)

    assert_exact(result)
    assert result.counts["rate_limited"]["network_429s"] == 0, result.summary()
    assert result.counts["readyz_unready_then_ready"] == dict.fromkeys(cases.SERVICES, True), "every service saw Redis go, and come back"
