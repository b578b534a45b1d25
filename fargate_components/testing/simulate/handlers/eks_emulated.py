"""EKS APIs moto 5 lacks, emulated with the checks AWS documents: add-ons, access entries,
access policy associations, Pod Identity associations. The emulated state lives in the
simulation's notes (one account, like moto's); the cluster itself is moto's.

- CreateAccessEntry: the cluster exists; one access entry per IAM principal ("An IAM
  principal can't be included in more than one access entry", "Create access entries", EKS
  user guide, https://docs.aws.amazon.com/eks/latest/userguide/creating-access-entries.html);
  node types (EC2, EC2_LINUX, EC2_WINDOWS, FARGATE_LINUX, HYBRID_LINUX) take IAM roles only
  (CreateAccessEntry ``principalArn``, EKS API reference).
- AssociateAccessPolicy: the principal's access entry exists; the policy is an EKS access
  policy ARN (``arn:aws:eks::aws:cluster-access-policy/<name>``); a ``namespace`` scope
  lists namespaces (AccessScope, EKS API reference).
- CreateAddon: the cluster exists; one add-on of a name per cluster (ResourceInUseException);
  ``configurationValues`` is JSON or YAML; a ``serviceAccountRoleArn`` role exists.
- CreatePodIdentityAssociation: the cluster and role exist; one association per namespace and
  service account. EKS accepts one for a namespace a Fargate profile serves, but Pod Identity
  does not support Fargate pods ("Amazon EKS Pod Identity restrictions", EKS user guide): a
  warning, since the deploy succeeds and the pods get no credentials.
"""

from __future__ import annotations

import json
from typing import Any

from ....eks.profile_matching import wildcard_match
from ...recorder import UNKNOWN_MARK
from ..context import Ctx, Out
from .common import aws_error

__all__ = ["access_entry", "access_policy_association", "addon", "pod_identity_association"]

NODE_TYPES = ("EC2", "EC2_LINUX", "EC2_WINDOWS", "FARGATE_LINUX", "HYBRID_LINUX")
ENTRY_TYPES = ("STANDARD", *NODE_TYPES, "HYPERPOD_LINUX")
ACCESS_POLICY_PREFIX = "arn:aws:eks::aws:cluster-access-policy/"


def _state(ctx: Ctx, kind: str) -> dict[str, Any]:
    return ctx.sim.notes.setdefault(f"eks-{kind}", {})


def _cluster(ctx: Ctx, name: str, operation: str) -> dict[str, Any]:
    try:
        return dict(ctx.client("eks").describe_cluster(name=name)["cluster"])
    except Exception as exc:  # moto's ResourceNotFoundException
        raise aws_error(
            "ResourceNotFoundException", f"No cluster found for name: {name}.", operation
        ) from exc


def _in_use(message: str, operation: str) -> Exception:
    return aws_error("ResourceInUseException", message, operation)


def _invalid(message: str, operation: str) -> Exception:
    return aws_error("InvalidParameterException", message, operation)


def access_entry(inputs: dict[str, Any], ctx: Ctx) -> Out:
    op = "CreateAccessEntry"
    cluster = _cluster(ctx, inputs["clusterName"], op)
    principal = inputs["principalArn"]
    kind = inputs.get("type") or "STANDARD"
    if kind not in ENTRY_TYPES:
        raise _invalid(f"type {kind!r} is not one of {', '.join(ENTRY_TYPES)}", op)
    if kind in NODE_TYPES and ":role/" not in principal:
        raise _invalid(f"a {kind} access entry takes an IAM role ARN, not {principal}", op)
    entries = _state(ctx, "access-entries")
    key = f"{cluster['name']}|{principal}"
    if key in entries:
        raise _in_use(f"The specified access entry resource is already in use: {principal}", op)
    arn = ctx.arn("eks", f"access-entry/{cluster['name']}/{principal.rsplit(':', 1)[-1]}")
    entries[key] = {"type": kind, "arn": arn}
    return {"id": f"{cluster['name']}:{principal}", "accessEntryArn": arn}


def access_policy_association(inputs: dict[str, Any], ctx: Ctx) -> Out:
    op = "AssociateAccessPolicy"
    cluster = _cluster(ctx, inputs["clusterName"], op)
    principal = inputs["principalArn"]
    if f"{cluster['name']}|{principal}" not in _state(ctx, "access-entries"):
        raise aws_error(
            "ResourceNotFoundException",
            f"The specified principalArn could not be found: no access entry for {principal}",
            op,
        )
    policy = inputs["policyArn"]
    if not policy.startswith(ACCESS_POLICY_PREFIX):
        raise _invalid(f"policyArn {policy} is not an EKS access policy", op)
    scope = inputs.get("accessScope") or {}
    if scope.get("type") not in ("cluster", "namespace"):
        raise _invalid(f"accessScope.type {scope.get('type')!r}: cluster or namespace", op)
    if scope["type"] == "namespace" and not scope.get("namespaces"):
        raise _invalid("an accessScope of type namespace needs namespaces", op)
    _state(ctx, "access-policies")[f"{cluster['name']}|{principal}|{policy}"] = scope
    return {"id": f"{cluster['name']}#{principal}#{policy}"}


def _configuration(value: Any, op: str) -> None:
    if value in (None, "", UNKNOWN_MARK):
        return
    import yaml

    try:
        json.loads(value) if str(value).lstrip().startswith("{") else yaml.safe_load(value)
    except (ValueError, yaml.YAMLError) as exc:
        raise _invalid(f"configurationValues is not valid JSON or YAML: {exc}", op) from exc


def addon(inputs: dict[str, Any], ctx: Ctx) -> Out:
    op = "CreateAddon"
    cluster = _cluster(ctx, inputs["clusterName"], op)
    name = inputs["addonName"]
    addons = _state(ctx, "addons")
    key = f"{cluster['name']}|{name}"
    if key in addons:
        raise _in_use(f"Addon already exists: {name}", op)
    _configuration(inputs.get("configurationValues"), op)
    role = inputs.get("serviceAccountRoleArn")
    if role:
        ctx.client("iam").get_role(RoleName=role.rsplit("/", 1)[-1])
    arn = ctx.arn("eks", f"addon/{cluster['name']}/{name}/emulated")
    addons[key] = {"arn": arn, "version": inputs.get("addonVersion")}
    return {"id": f"{cluster['name']}:{name}", "arn": arn}


def _fargate_serves(ctx: Ctx, cluster: str, namespace: str) -> str | None:
    """The Fargate profile whose selectors take ``namespace`` (any labels), if any."""
    eks = ctx.client("eks")
    for name in eks.list_fargate_profiles(clusterName=cluster).get("fargateProfileNames", []):
        profile = eks.describe_fargate_profile(clusterName=cluster, fargateProfileName=name)
        for selector in profile["fargateProfile"].get("selectors") or []:
            if wildcard_match(str(selector.get("namespace", "")), namespace):
                return str(name)
    return None


def pod_identity_association(inputs: dict[str, Any], ctx: Ctx) -> Out:
    op = "CreatePodIdentityAssociation"
    cluster = _cluster(ctx, inputs["clusterName"], op)["name"]
    ctx.client("iam").get_role(RoleName=inputs["roleArn"].rsplit("/", 1)[-1])
    namespace, account = inputs["namespace"], inputs["serviceAccount"]
    associations = _state(ctx, "pod-identity")
    key = f"{cluster}|{namespace}|{account}"
    if key in associations:
        raise _in_use(f"Association already exists for {namespace}/{account}", op)
    profile = _fargate_serves(ctx, cluster, namespace)
    if profile:
        ctx.warn(
            f"namespace {namespace} runs on Fargate (profile {profile}): Pod Identity does not "
            "support Fargate pods, they get no credentials; use irsa_role(...)"
        )
    arn = ctx.arn("eks", f"podidentityassociation/{cluster}/a-emulated{len(associations)}")
    associations[key] = arn
    return {"id": arn, "associationArn": arn, "associationId": arn.rsplit("/", 1)[-1]}
