"""Kubernetes objects, applied to an emulated API server of the plan's EKS cluster.

No Kubernetes runs here; each object gets the checks the cluster would make, in the order it
makes them (``eks/`` holds the pure checks):

1. the strict OpenAPI schema of the cluster's Kubernetes version (``kubernetes_schema``:
   unknown fields and wrong types are refused, as ``kubectl apply --validate=strict``);
2. a namespaced object's namespace exists (created earlier in this deploy, or one of the
   namespaces every cluster has), and the object does not already exist (``AlreadyExists``);
3. for a workload: the pods are schedulable on Fargate (a profile selects them on a
   Fargate-only cluster; none of the Fargate scheduler's refusals, ``fargate_admission``).
   Kubernetes accepts such a workload, but ``pulumi up`` waits for its rollout, which never
   completes: reported as a failure unless the object has ``pulumi.com/skipAwait``, then as
   a warning.

A Helm release is applied with checks 2 only: its chart's templates are not rendered offline,
which the result says as a warning (the pods it makes are not checked).
"""

from __future__ import annotations

from typing import Any

from ....eks.coverage import analyse
from ....eks.kubernetes_schema import api_version_and_kind, validate_object
from ....model.tokens import EKS_CLUSTER, HELM_PREFIX
from ..context import Ctx, Out

__all__ = [
    "BUILT_IN_NAMESPACES",
    "KubernetesRefusal",
    "kubernetes_delete",
    "kubernetes_object",
    "kubernetes_update",
]

BUILT_IN_NAMESPACES = ("default", "kube-system", "kube-public", "kube-node-lease")
#: Kinds that are not namespaced (the rest of the library's kinds are).
CLUSTER_SCOPED = {
    "Namespace",
    "ClusterRole",
    "ClusterRoleBinding",
    "StorageClass",
    "PersistentVolume",
    "CustomResourceDefinition",
    "IngressClass",
    "PriorityClass",
}
DEFAULT_VERSION = "1.33"


class KubernetesRefusal(Exception):
    """What the API server (or the scheduler) answers: ``<Reason>: <message>``."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.response = {"Error": {"Code": reason, "Message": message}}


def _version(ctx: Ctx) -> str:
    """The Kubernetes version of the plan's EKS cluster (moto's answer, else the input)."""
    for record in ctx.sim.plan.resources:
        if record.type == EKS_CLUSTER:
            version = record.inputs.get("version")
            return (
                str(version)
                if isinstance(version, str) and version[:2] == "1."
                else DEFAULT_VERSION
            )
    return DEFAULT_VERSION


def _objects(ctx: Ctx) -> dict[str, str]:
    return ctx.sim.notes.setdefault("k8s-objects", {})


def _namespace_of(inputs: dict[str, Any], kind: str) -> str | None:
    if kind in CLUSTER_SCOPED:
        return None
    return str((inputs.get("metadata") or {}).get("namespace") or "default")


def _created_this_deploy(ctx: Ctx) -> set[str]:
    """The objects this deploy created (the notes outlive a base deploy into its change)."""
    runs = ctx.sim.notes.setdefault("k8s-created-by-run", {})
    created: set[str] = runs.setdefault(str(id(ctx.sim)), set())
    return created


def _check_namespace(ctx: Ctx, namespace: str | None, created: bool) -> None:
    """The namespace exists: built in, created earlier, or made by this deploy. Made by this
    deploy without this object waiting for it is a race in a real deploy (a warning, not a
    refusal), whichever of the two the replay happened to create first: a user's Deployment
    into a TeamNamespace's namespace got no warning only because the replay's order put the
    namespace first."""
    if namespace is None or namespace in BUILT_IN_NAMESPACES or created:
        return
    key = f"Namespace//{namespace}"
    made_now = key not in _objects(ctx) or key in _created_this_deploy(ctx)
    for record in ctx.sim.plan.resources:
        if (
            record.type.endswith(":Namespace")
            and (record.inputs.get("metadata") or {}).get("name") == namespace
        ):
            if made_now and record.urn not in ctx.upstream():
                ctx.warn(
                    f"namespace {namespace} is created by {record.name} in the same deploy, "
                    "but this object does not depend on it: they may be created in either "
                    "order (pass the Namespace's metadata.name output, or depends_on)"
                )
            return
    if key not in _objects(ctx):
        raise KubernetesRefusal("NotFound", f'namespaces "{namespace}" not found')


def _placement_problem(ctx: Ctx) -> str | None:
    """Why the workload's pods would never run on Fargate (``None``: they would)."""
    coverage = ctx.sim.notes.setdefault("k8s-coverage", {})
    if "result" not in coverage:
        coverage["result"] = analyse(ctx.sim.plan.resources)
    placement = coverage["result"].placement(ctx.record.urn)
    if placement is None or placement.choice is None:
        return None
    if placement.refusals:
        return "Pod not supported on Fargate: " + "; ".join(r.text() for r in placement.refusals)
    if placement.profile is None and placement.fargate_only:
        return (
            f"no Fargate profile selects namespace {placement.workload.namespace!r} with these "
            "labels: the pods stay Pending on this Fargate-only cluster"
        )
    return None


def _helm(inputs: dict[str, Any], ctx: Ctx, update: bool = False) -> Out:
    namespace = str(inputs.get("namespace") or "default")
    _check_namespace(ctx, namespace, bool(inputs.get("createNamespace")))
    name = str(inputs.get("name") or ctx.record.name)
    key = f"Release/{namespace}/{name}"
    if key in _objects(ctx) and not update:
        raise KubernetesRefusal(
            "AlreadyExists", f"cannot re-use a name that is still in use: {name}"
        )
    _objects(ctx)[key] = ctx.record.urn
    ctx.warn(
        f"Helm chart {inputs.get('chart')!r} applied without rendering its templates offline: "
        "the objects and pods it makes are not checked"
    )
    return {"id": f"{namespace}/{name}", "name": name, "namespace": namespace}


def kubernetes_object(inputs: dict[str, Any], ctx: Ctx) -> Out:
    """Apply one Kubernetes object to the emulated cluster (module docstring)."""
    return _apply(inputs, ctx, update=False)


def kubernetes_update(inputs: dict[str, Any], ctx: Ctx) -> Out:
    """A changed object applied again (a server-side apply, as the provider does): the same
    checks as on create, on an object that exists."""
    return _apply(inputs, ctx, update=True)


def _kind(ctx: Ctx) -> str:
    found = api_version_and_kind(ctx.record.type)
    return found[1] if found else ctx.record.type.rsplit(":", 1)[-1]


def kubernetes_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    """Delete the object; deleting a Namespace deletes every object in it, as Kubernetes's
    namespace controller does (``kubectl delete namespaces``: "This deletes everything
    under the namespace!", Kubernetes docs, "Namespaces Walkthrough")."""
    objects = _objects(ctx)
    if ctx.record.type.startswith(HELM_PREFIX):
        namespace = str(inputs.get("namespace") or "default")
        key = f"Release/{namespace}/{inputs.get('name') or ctx.record.name}"
    else:
        kind = _kind(ctx)
        name = str((inputs.get("metadata") or {}).get("name") or ctx.name())
        key = f"{kind}/{_namespace_of(inputs, kind) or ''}/{name}"
        if kind == "Namespace":
            for inside in [k for k in objects if k.split("/")[1:2] == [name]]:
                del objects[inside]
    if key not in objects:
        raise KubernetesRefusal("NotFound", f"{key} not found")
    del objects[key]


def _apply(inputs: dict[str, Any], ctx: Ctx, *, update: bool) -> Out:
    if ctx.record.type.startswith(HELM_PREFIX):
        return _helm(inputs, ctx, update)
    kind = _kind(ctx)
    check = validate_object(ctx.record.type, inputs, _version(ctx))
    if check.status == "invalid":
        raise KubernetesRefusal("Invalid", f"{kind} (strict schema): {check.message}")
    if check.status == "unchecked":
        ctx.warn(f"schema not checked: {check.message}")
    metadata = inputs.get("metadata") or {}
    name = str(metadata.get("name") or ctx.name())
    namespace = _namespace_of(inputs, kind)
    _check_namespace(ctx, namespace, False)
    key = f"{kind}/{namespace or ''}/{name}"
    if key in _objects(ctx) and not update:
        raise KubernetesRefusal("AlreadyExists", f'{kind.lower()}s "{name}" already exists')
    problem = _placement_problem(ctx)
    if problem:
        annotations = metadata.get("annotations") or {}
        if str(annotations.get("pulumi.com/skipAwait")).lower() == "true":
            ctx.warn(f"{problem} (pulumi.com/skipAwait: the deploy does not wait)")
        else:
            raise KubernetesRefusal(
                "RolloutNeverCompletes", f"pulumi up waits for the rollout: {problem}"
            )
    _objects(ctx)[key] = ctx.record.urn
    _created_this_deploy(ctx).add(key)
    return {"id": f"{namespace}/{name}" if namespace else name}
