"""deploy/k8s follows the capacity model (deploy/capacity.yaml + deploy/capacity.py, docs/capacity.md).

The autoscaler numbers (KEDA min/max replicas and lagThreshold, HPA min/max and utilization) and the topic
partitions are the model's output: change an input in capacity.yaml and this fails until the manifests follow.
"""
from __future__ import annotations

import copy
import importlib.util
import math
from datetime import date
from pathlib import Path

import pytest

from smmkit.settings import CommonSettings

ROOT = Path(__file__).resolve().parents[2]


def load_capacity():
    spec = importlib.util.spec_from_file_location("smm_capacity", ROOT / "deploy" / "capacity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


capacity = load_capacity()


@pytest.fixture(scope="module")
def model() -> dict:
    return capacity.load()


def test_the_manifests_agree_with_the_model(model):
    problems = capacity.check(model)
    assert not problems, "deploy/k8s disagrees with deploy/capacity.yaml (python deploy/capacity.py):\n" + \
        "\n".join(problems)


def test_a_changed_input_is_caught(model):
    """The check really compares: a faster publisher (a larger lagThreshold) no longer matches the manifests."""
    changed = copy.deepcopy(model)
    changed["measured"]["publisher_targets_per_s_per_replica"]["value"] *= 2
    problems = capacity.check(changed)
    assert any("lagThreshold of post.scheduled" in p for p in problems), problems


def test_no_consumer_group_can_outgrow_the_partitions_of_its_topics(model):
    p = capacity.plan(model)
    for overlay, want in p["overlays"].items():
        for name, so in want["scaledobjects"].items():
            assert 1 <= so["minReplicaCount"] <= so["maxReplicaCount"] <= p["partitions"], (overlay, name)
        assert want["hpas"]["planner"]["maxReplicas"] <= p["partitions"]   # the planner consumes too


def test_lag_threshold_is_the_per_replica_rate_times_the_drain_time(model):
    p = capacity.plan(model)
    drain = model["headroom"]["drain_s"]
    for want in p["overlays"].values():
        publisher = want["scaledobjects"]["publisher"]["lagThreshold"]["post.scheduled"]
        assert publisher == round(capacity.value(model, "publisher_targets_per_s_per_replica") * drain)
        orders = want["scaledobjects"]["attribution"]["lagThreshold"]["order.created"]
        assert orders == round(capacity.value(model, "attribution_orders_per_s_per_replica") * drain)


def test_the_burst_formula_on_round_numbers(model):
    m = copy.deepcopy(model)
    m["loads"] |= {"burst_targets": 1000, "burst_p99_s": 1.0}
    m["headroom"] |= {"burst_budget": 0.5, "cpu_utilization": 0.5}
    m["assumed"] |= {"network_latency_s": 0.1, "publisher_max_concurrency": 100, "cores_per_replica": 1}
    m["measured"]["publisher_cpu_ms_per_target"]["value"] = 1.0
    burst = capacity.plan(m)["scenarios"]["burst"]
    # 1,000 targets in 0.5 s = 2,000/s; CPU 2,000 x 1 ms = 2 cores at 50 % = 4 replicas; slots 2,000 x 0.1 / 100 = 2
    assert burst["targets_per_s"] == 2000
    assert burst["publisher_replicas_by_cpu"] == 4 and burst["publisher_replicas_by_slots"] == 2
    assert burst["publisher_replicas"] == 4


def test_the_clicks_formula_on_round_numbers(model):
    m = copy.deepcopy(model)
    m["loads"] |= {"clicks_per_day": 864_000, "orders_per_click": 0.1}
    m["headroom"] |= {"peak_to_average": 10, "cpu_utilization": 0.5}
    m["measured"]["attribution_ms_per_click"]["value"] = 5.0
    m["measured"]["attribution_orders_per_s_per_replica"]["value"] = 20
    clicks = capacity.plan(m)["scenarios"]["clicks"]
    # 100 clicks/s x 5 ms = 0.5 core at 50 % = 1 replica; 10 orders/s of 10 per replica at 50 % = 1: 2
    assert clicks["peak_clicks_per_s"] == 100 and clicks["peak_orders_per_s"] == 10
    assert clicks["attribution_replicas"] == 2


def test_inputs_name_their_source_and_match_the_code(model):
    for name, entry in model["measured"].items():
        assert entry["value"] > 0, name
        assert entry["source"].startswith("python bench/"), name
        assert isinstance(entry["date"], date) and entry["machine"] and entry["key"], name
    from metrics.settings import MetricsSettings
    from publisher.settings import PublisherSettings

    assert model["assumed"]["publisher_max_concurrency"] == PublisherSettings.model_fields["max_concurrency"].default
    assert model["assumed"]["first_poll_spread_s"] == MetricsSettings.model_fields["first_poll_spread_s"].default
    assert model["deploy"]["partitions"] == CommonSettings.model_fields["kafka_partitions"].default
    assert set(capacity.WORK_TOPICS) == {"publisher", "metrics", "attribution"}
    assert math.isclose(model["headroom"]["cpu_utilization"] * 100,
                        capacity.plan(model)["overlays"]["prod"]["hpas"]["planner"]["averageUtilization"])
