"""One chaos platform for the package: the services, the sandbox, and a PostgreSQL, Redis and broker of their own
(the cases crash and restart them; the machine's shared servers are never touched)."""
import pytest

from tests.chaos import harness


@pytest.fixture(scope="package")
def chaos():
    with harness.running("chaos") as stack:
        yield stack


def assert_exact(result: harness.Result) -> None:
    """Nothing lost and nothing duplicated, wherever it was counted (the counts are in the message)."""
    assert (result.lost, result.duplicated) == (0, 0), result.summary()
    assert result.recover_s is not None, result.summary()


def assert_orders_exact(result: harness.Result, orders: int) -> None:
    """Every order sent was accepted, and the reports hold each exactly once, to the minor unit."""
    report = result.counts["report"]
    assert report["report_orders"] == report["accepted_orders"] == orders, result.summary()
    assert report["report_minor"] == report["accepted_minor"], result.summary()
