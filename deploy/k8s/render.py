"""Render a kustomization in pure Python: the subset of kustomize these manifests use.

``kubectl kustomize`` (or ``kustomize build``) is what operators use; this exists so the test suite
can render every overlay on a laptop without either (``tests/deploy/test_k8s_manifests.py``), and a
test checks it agrees with ``kubectl kustomize`` wherever kubectl is installed.

    python deploy/k8s/render.py deploy/k8s/overlays/prod > prod.yaml

Supported ``kustomization.yaml`` fields, applied in kustomize's order (patches, namespace, labels,
images): ``resources`` (files and directories), ``namespace``, ``labels`` (``pairs``, without
selectors or templates), ``images`` (``name``, ``newName``, ``newTag``, ``digest``) and ``patches``
(strategic-merge patch files or inline patches, one or more documents each, matched by kind and
name). Anything else is refused rather than silently ignored.
"""
from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import yaml

Resource = dict[str, Any]

SUPPORTED_FIELDS = {"apiVersion", "kind", "resources", "namespace", "labels", "images", "patches"}

# Kinds that live outside namespaces: the namespace transformer leaves them alone.
CLUSTER_SCOPED = {
    "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume",
    "StorageClass", "PriorityClass", "IngressClass", "RuntimeClass", "APIService", "CSIDriver", "Node",
    "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
}

# API groups whose kinds kustomize knows the schema of, so their lists merge by key (strategic merge).
# Custom resources (KEDA, Strimzi, Prometheus Operator) get JSON merge patch semantics: lists are replaced.
BUILTIN_GROUPS = {"", "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "rbac.authorization.k8s.io"}

# patchMergeKey of the list fields these manifests patch (from the Kubernetes API types).
MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "env": "name",
    "volumeMounts": "mountPath",
    "volumes": "name",
    "imagePullSecrets": "name",
    "topologySpreadConstraints": "topologyKey",
}


class RenderError(ValueError):
    pass


def _group(resource: Resource) -> str:
    api_version = resource.get("apiVersion", "")
    return api_version.split("/")[0] if "/" in api_version else ""


def resource_id(resource: Resource) -> tuple[str, str, str, str]:
    meta = resource.get("metadata", {})
    return (_group(resource), resource["kind"], meta.get("namespace", ""), meta["name"])


def load_yaml_documents(path: Path) -> list[Resource]:
    with path.open() as fh:
        return [doc for doc in yaml.safe_load_all(fh) if doc]


# --- strategic merge ---------------------------------------------------------------------------

def _merge_key(field: str, items: list) -> str | None:
    if field == "ports":  # container ports merge by containerPort, Service ports by port
        probe = next((i for i in items if isinstance(i, dict)), {})
        return "containerPort" if "containerPort" in probe else "port"
    return MERGE_KEYS.get(field)


def strategic_merge(original: Any, patch: Any, *, builtin: bool, field: str = "") -> Any:
    """Merge ``patch`` into ``original``: maps recursively, ``null`` deletes, keyed lists by key."""
    if isinstance(patch, dict) and isinstance(original, dict):
        if any(str(k).startswith("$") for k in patch):
            raise RenderError(f"patch directives are not supported: {sorted(k for k in patch if str(k).startswith('$'))}")
        merged = dict(original)
        for key, value in patch.items():
            if value is None:
                merged.pop(key, None)
            elif key in merged:
                merged[key] = strategic_merge(merged[key], value, builtin=builtin, field=key)
            else:
                merged[key] = copy.deepcopy(value)
        return merged
    if isinstance(patch, list) and isinstance(original, list) and builtin:
        key = _merge_key(field, original + patch)
        if key and all(isinstance(i, dict) and key in i for i in original + patch):
            merged = [copy.deepcopy(i) for i in original]
            index = {item[key]: n for n, item in enumerate(merged)}
            for item in patch:
                if item[key] in index:
                    n = index[item[key]]
                    merged[n] = strategic_merge(merged[n], item, builtin=builtin, field="")
                else:
                    index[item[key]] = len(merged)
                    merged.append(copy.deepcopy(item))
            return merged
    return copy.deepcopy(patch)


# --- transformers ------------------------------------------------------------------------------

def apply_patches(resources: list[Resource], patches: list[dict], base_dir: Path) -> list[Resource]:
    for entry in patches:
        if "target" in entry or "options" in entry:
            raise RenderError(f"patch targets/options are not supported: {entry}")
        if "path" in entry:
            docs = load_yaml_documents(base_dir / entry["path"])
        elif "patch" in entry:
            docs = [d for d in yaml.safe_load_all(entry["patch"]) if d]
        else:
            raise RenderError(f"patch needs `path` or `patch`: {entry}")
        for doc in docs:
            if isinstance(doc, list):
                raise RenderError("JSON 6902 patches are not supported")
            matches = [n for n, r in enumerate(resources)
                       if r["kind"] == doc["kind"] and r["metadata"]["name"] == doc["metadata"]["name"]
                       and _group(r) == _group(doc)]
            if len(matches) != 1:
                raise RenderError(f"patch {doc['kind']}/{doc['metadata']['name']} matches {len(matches)} resources")
            n = matches[0]
            resources[n] = strategic_merge(resources[n], doc, builtin=_group(doc) in BUILTIN_GROUPS)
    return resources


def apply_namespace(resources: list[Resource], namespace: str) -> None:
    for resource in resources:
        if resource["kind"] not in CLUSTER_SCOPED:
            resource.setdefault("metadata", {})["namespace"] = namespace


def apply_labels(resources: list[Resource], label_sets: list[dict]) -> None:
    for label_set in label_sets:
        if label_set.get("includeSelectors") or label_set.get("includeTemplates"):
            raise RenderError("labels with includeSelectors/includeTemplates are not supported")
        for resource in resources:
            resource.setdefault("metadata", {}).setdefault("labels", {}).update(label_set.get("pairs", {}))


def _split_image(image: str) -> tuple[str, str, str]:
    """``name[:tag][@digest]`` -> (name, tag, digest); a registry port is not a tag."""
    digest = ""
    if "@" in image:
        image, digest = image.split("@", 1)
    tag = ""
    last = image.rsplit("/", 1)[-1]
    if ":" in last:
        image, tag = image.rsplit(":", 1)
    return image, tag, digest


def _containers(node: Any):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("containers", "initContainers") and isinstance(value, list):
                yield from (c for c in value if isinstance(c, dict))
            else:
                yield from _containers(value)
    elif isinstance(node, list):
        for item in node:
            yield from _containers(item)


def apply_images(resources: list[Resource], images: list[dict]) -> None:
    for resource in resources:
        for container in _containers(resource):
            if "image" not in container:
                continue
            name, tag, digest = _split_image(container["image"])
            for rule in images:
                if rule["name"] != name:
                    continue
                name = rule.get("newName", name)
                if "digest" in rule:
                    tag, digest = "", rule["digest"]
                elif "newTag" in rule:
                    tag, digest = str(rule["newTag"]), ""
                container["image"] = name + (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")
                break


# --- build ---------------------------------------------------------------------------------------

def build(path: str | Path) -> list[Resource]:
    """Render the kustomization in directory ``path`` to a list of resources."""
    directory = Path(path)
    kfile = directory / "kustomization.yaml"
    if not kfile.is_file():
        raise RenderError(f"no kustomization.yaml in {directory}")
    kustomization = yaml.safe_load(kfile.read_text()) or {}
    unsupported = set(kustomization) - SUPPORTED_FIELDS
    if unsupported:
        raise RenderError(f"{kfile}: unsupported fields {sorted(unsupported)}")

    resources: list[Resource] = []
    for entry in kustomization.get("resources", []):
        target = directory / entry
        if target.is_dir():
            resources += build(target)
        elif target.is_file():
            resources += load_yaml_documents(target)
        else:
            raise RenderError(f"{kfile}: resource {entry!r} does not exist")
    resources = [copy.deepcopy(r) for r in resources]

    resources = apply_patches(resources, kustomization.get("patches", []), directory)
    if "namespace" in kustomization:
        apply_namespace(resources, kustomization["namespace"])
    apply_labels(resources, kustomization.get("labels", []))
    apply_images(resources, kustomization.get("images", []))

    seen: set = set()
    for resource in resources:
        rid = resource_id(resource)
        if rid in seen:
            raise RenderError(f"{kfile}: duplicate resource {rid}")
        seen.add(rid)
    return resources


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python deploy/k8s/render.py <kustomization directory>", file=sys.stderr)
        return 2
    yaml.safe_dump_all(build(argv[0]), sys.stdout, sort_keys=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
