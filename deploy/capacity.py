"""The capacity model: replicas and partitions from measured per-unit costs (deploy/capacity.yaml).

    python deploy/capacity.py            the plan for the loads in capacity.yaml, as JSON
    python deploy/capacity.py --check    what in deploy/k8s disagrees with the model (exit 1 if anything)
    python deploy/capacity.py --write    put the model's numbers into deploy/k8s (comments and layout kept)

docs/capacity.md explains every formula; tests/deploy/test_capacity_model.py runs ``check`` so a manifest and
the model cannot drift apart. Plain functions over dicts: no service code is imported.
"""
from __future__ import annotations

import importlib.util
import json
import math
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
MODEL = HERE / "capacity.yaml"
K8S = HERE / "k8s"

# The topic whose lag measures each KEDA-scaled service's real work, and the measured rate that drains it.
# Other subscribed topics are rare control events (deploy.control_lag_threshold).
WORK_TOPICS = {
    "publisher": {"post.scheduled": "publisher_targets_per_s_per_replica"},
    "metrics": {"post.published": "metrics_events_per_s_per_replica"},
    # post.published and engagement.updated in attribution: one insert/upsert per event in one transaction,
    # the shape of the metrics record path; no bench of their own yet, so that rate stands in for them
    "attribution": {"order.created": "attribution_orders_per_s_per_replica",
                    "post.published": "metrics_events_per_s_per_replica",
                    "engagement.updated": "metrics_events_per_s_per_replica"},
}


def load(path: Path = MODEL) -> dict:
    return yaml.safe_load(path.read_text())


def value(model: dict, name: str) -> float:
    return float(model["measured"][name]["value"])


def plan(model: dict) -> dict:
    """Replicas, partitions and database cores for the loads, and the autoscaler numbers per overlay."""
    a, h, load_, dep = model["assumed"], model["headroom"], model["loads"], model["deploy"]
    core = a["cores_per_replica"] * h["cpu_utilization"]          # usable CPU-seconds per replica per second

    # (a) a burst: N targets due in the same second, lateness p99 <= p99_s. They must be published within the
    # budget B = p99_s * burst_budget, so the publishers need N / B targets per second, from CPU and from
    # in-flight requests (each slot finishes one request per network round trip).
    n, budget = load_["burst_targets"], load_["burst_p99_s"] * h["burst_budget"]
    burst_rate = n / budget
    by_cpu = burst_rate * value(model, "publisher_cpu_ms_per_target") / 1000 / core
    by_slots = burst_rate * a["network_latency_s"] / a["publisher_max_concurrency"]
    publishers = math.ceil(max(by_cpu, by_slots))
    burst_db_cores = burst_rate * value(model, "publisher_db_cpu_ms_per_target") / 1000 / h["cpu_utilization"]
    # ... then the metrics service polls each new target once within first_poll_spread_s
    first_polls = n / a["first_poll_spread_s"]
    pollers = math.ceil(max(first_polls * value(model, "metrics_cpu_ms_per_event") / 1000 / core,
                            first_polls / (value(model, "metrics_events_per_s_per_replica") * h["cpu_utilization"])))
    poll_db_cores = first_polls * value(model, "metrics_db_cpu_ms_per_event") / 1000 / h["cpu_utilization"]

    # (b) clicks a day (GET /r/<token>) and the orders that follow, at the busiest hour's rate
    clicks_s = load_["clicks_per_day"] / 86400 * h["peak_to_average"]
    orders_s = clicks_s * load_["orders_per_click"]
    attribution = math.ceil(max(clicks_s * value(model, "attribution_ms_per_click") / 1000 / core
                                + orders_s / (value(model, "attribution_orders_per_s_per_replica")
                                              * h["cpu_utilization"]), 1e-9))

    need = {"publisher": publishers, "metrics": pollers, "attribution": attribution}
    partitions = dep["partitions"]
    scenarios = {
        "burst": {"targets": n, "p99_s": load_["burst_p99_s"], "budget_s": round(budget, 3),
                  "targets_per_s": round(burst_rate), "publisher_replicas_by_cpu": round(by_cpu, 2),
                  "publisher_replicas_by_slots": round(by_slots, 2), "publisher_replicas": publishers,
                  "publisher_db_cores": round(burst_db_cores, 2),
                  "first_polls_per_s": round(first_polls), "metrics_replicas": pollers,
                  "metrics_db_cores": round(poll_db_cores, 2),
                  # the most targets due in one second the shipped partitions (= publisher ceiling) absorb
                  "targets_within_p99_at_partitions": math.floor(
                      partitions * budget * min(core * 1000 / value(model, "publisher_cpu_ms_per_target"),
                                                a["publisher_max_concurrency"] / a["network_latency_s"]))},
        "clicks": {"clicks_per_day": load_["clicks_per_day"], "peak_clicks_per_s": round(clicks_s, 1),
                   "peak_orders_per_s": round(orders_s, 2), "attribution_replicas": attribution},
    }
    # Partitions: every consumer group's ceiling; a multiple of 6 so 1, 2, 3 and 6 replicas split them evenly.
    required_partitions = 6 * math.ceil(max(need.values()) / 6)
    scenarios["required_partitions"] = required_partitions
    scenarios["fits_shipped_partitions"] = required_partitions <= partitions

    overlays = {}
    for overlay, o in dep["overlays"].items():
        floors, ceiling = o["availability_min"], min(partitions, o["ceiling"])
        scaled = {}
        for service, topics in WORK_TOPICS.items():
            # prod keeps the load's replicas standing: a burst is over long before KEDA (15 s polls) reacts
            standing = need[service] if overlay == "prod" else 1
            scaled[service] = {
                "minReplicaCount": min(ceiling, max(floors[service], standing)),
                "maxReplicaCount": ceiling,
                "lagThreshold": {t: round(value(model, rate) * h["drain_s"]) for t, rate in topics.items()},
            }
        hpa = {"planner": {"minReplicas": floors["planner"], "maxReplicas": ceiling},
               "web": {"minReplicas": floors["web"], "maxReplicas": ceiling}}
        for h_ in hpa.values():
            h_["averageUtilization"] = round(h["cpu_utilization"] * 100)
        overlays[overlay] = {"scaledobjects": scaled, "hpas": hpa}
    return {"scenarios": scenarios, "partitions": partitions, "control_lag_threshold": dep["control_lag_threshold"],
            "overlays": overlays}


def _render(path: Path) -> list[dict]:
    spec = importlib.util.spec_from_file_location("smm_k8s_render", K8S / "render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build(path)


def check(model: dict | None = None) -> list[str]:
    """Every number in deploy/k8s the model decides, where it disagrees: 'where: manifest X, model Y'."""
    p = plan(model or load())
    problems = []

    def expect(where: str, got, want) -> None:
        if got != want:
            problems.append(f"{where}: manifest {got!r}, model {want!r}")

    for topic in _render(K8S / "topics" / "strimzi"):
        expect(f"KafkaTopic {topic['spec']['topicName']} partitions", topic["spec"]["partitions"], p["partitions"])
    for overlay, want in p["overlays"].items():
        resources = _render(K8S / "overlays" / overlay)
        config = next(r for r in resources if r["kind"] == "ConfigMap" and r["metadata"]["name"] == "smm-common")
        expect(f"{overlay} KAFKA_PARTITIONS", int(config["data"]["KAFKA_PARTITIONS"]), p["partitions"])
        for so in (r for r in resources if r["kind"] == "ScaledObject"):
            name, spec = so["metadata"]["name"], so["spec"]
            w = want["scaledobjects"][name]
            for field in ("minReplicaCount", "maxReplicaCount"):
                expect(f"{overlay} ScaledObject {name} {field}", spec[field], w[field])
            for trigger in spec["triggers"]:
                topic = trigger["metadata"]["topic"]
                expect(f"{overlay} ScaledObject {name} lagThreshold of {topic}", int(trigger["metadata"]["lagThreshold"]),
                       w["lagThreshold"].get(topic, p["control_lag_threshold"]))
        for hpa in (r for r in resources if r["kind"] == "HorizontalPodAutoscaler"):
            name, spec = hpa["metadata"]["name"], hpa["spec"]
            w = want["hpas"][name]
            for field in ("minReplicas", "maxReplicas"):
                expect(f"{overlay} HPA {name} {field}", spec[field], w[field])
            (metric,) = spec["metrics"]
            expect(f"{overlay} HPA {name} averageUtilization", metric["resource"]["target"]["averageUtilization"],
                   w["averageUtilization"])
    return problems


def _set(text: str, key: str, value, *, after: dict[str, str] | None = None) -> str:
    """``key: value`` on every line of ``text`` holding ``key:``, or only where the nearest preceding
    ``after`` line (e.g. {"topic": "post.scheduled"}) matches; quoting as it was."""
    lines, context = text.split("\n"), {}
    for i, line in enumerate(lines):
        stripped = line.strip().removeprefix("- ")
        name, _, current = stripped.partition(":")
        if after and name in after:
            context[name] = current.strip().strip("'\"")
        if name == key and (not after or all(context.get(k) == v for k, v in after.items())):
            quote = "'" if current.strip().startswith("'") else '"' if current.strip().startswith('"') else ""
            lines[i] = f"{line[:line.index(key)]}{key}: {quote}{value}{quote}"
    return "\n".join(lines)


def _per_document(path: Path, edit) -> None:
    """Apply ``edit(name, text)`` to each ``---`` document of a file, by its metadata.name."""
    docs = path.read_text().split("\n---\n")
    for i, doc in enumerate(docs):
        name = next((ln.split(":", 1)[1].strip() for ln in doc.split("\n") if ln.startswith("  name:")), None)
        docs[i] = edit(name, doc)
    path.write_text("\n---\n".join(docs))


def write(model: dict | None = None) -> None:
    """The model's numbers into deploy/k8s: partitions, lagThresholds (base), floors and ceilings (overlays)."""
    p = plan(model or load())
    strimzi = K8S / "topics" / "strimzi" / "kafkatopics.yaml"
    strimzi.write_text(_set(strimzi.read_text(), "partitions", p["partitions"]))
    common = K8S / "base" / "common" / "configmap.yaml"
    common.write_text(_set(common.read_text(), "KAFKA_PARTITIONS", p["partitions"]))
    # lagThresholds and utilization are the same in every overlay: they live in the base
    any_overlay = next(iter(p["overlays"].values()))
    for name, so in any_overlay["scaledobjects"].items():
        path = K8S / "base" / name / "scaledobject.yaml"
        text = path.read_text()
        for topic in re.findall(r"topic: (\S+)", text):
            text = _set(text, "lagThreshold", so["lagThreshold"].get(topic, p["control_lag_threshold"]),
                        after={"topic": topic})
        path.write_text(text)
    for name, hpa in any_overlay["hpas"].items():
        path = K8S / "base" / name / "hpa.yaml"
        path.write_text(_set(path.read_text(), "averageUtilization", hpa["averageUtilization"]))
    for overlay, want in p["overlays"].items():
        numbers = {**want["scaledobjects"], **want["hpas"]}

        def edit(name, doc, numbers=numbers):
            for field in ("minReplicaCount", "maxReplicaCount", "minReplicas", "maxReplicas"):
                if name in numbers and field in numbers[name]:
                    doc = _set(doc, field, numbers[name][field])
            return doc
        _per_document(K8S / "overlays" / overlay / "patches" / "autoscaling.yaml", edit)


def main(argv: list[str]) -> int:
    if "--write" in argv:
        write()
        argv = ["--check"]
    if "--check" in argv:
        problems = check()
        print("\n".join(problems) or "deploy/k8s agrees with deploy/capacity.yaml")
        return 1 if problems else 0
    print(json.dumps(plan(load()), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
