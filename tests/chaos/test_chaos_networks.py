"""A network answering 5xx, and one answering too slowly (the post is made after the publisher gave up), for a
period in the middle of a burst: afterwards every post is on its network exactly once."""
from tests.chaos import cases
from tests.chaos.conftest import assert_exact, assert_orders_exact


def test_networks_answering_5xx_for_a_period_publish_every_post_once_afterwards(chaos):
    result = cases.network_5xx(chaos)

    assert_exact(result)
    assert_orders_exact(result, cases.QUICK.posts)


def test_networks_answering_slowly_for_a_period_publish_every_post_once(chaos):
    result = cases.network_slow(chaos)

    assert_exact(result)
    assert_orders_exact(result, cases.QUICK.posts)
