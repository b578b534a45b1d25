"""EKS updates and deletes. moto has UpdateClusterConfig, DeleteCluster and
DeleteFargateProfile; the rest is emulated with AWS's documented checks, on the state
``eks_emulated.py`` keeps:

- UpdateClusterVersion (moto 5 lacks it): "You can only upgrade one minor version at a time"
  and no downgrade ("Update existing cluster to new Kubernetes version", EKS user guide,
  https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html); the version is then
  set on moto's cluster.
- The authentication mode moves only towards access entries: CONFIG_MAP ->
  API_AND_CONFIG_MAP -> API, never back. "You can't change the authentication mode back to
  a mode that removes the EKS API and access entries" ("Change authentication mode to use
  access entries", EKS user guide,
  https://docs.aws.amazon.com/eks/latest/userguide/setting-up-access-entries.html), and
  "If the ConfigMap method is not enabled during cluster creation, it cannot be enabled
  later" (pulumi-eks, "Migrating aws-auth ConfigMap entries to access entries").
- DeleteCluster: "If you have managed node groups or Fargate profiles attached to the
  cluster, you must delete them first" (DeleteCluster, EKS API reference,
  https://docs.aws.amazon.com/eks/latest/APIReference/API_DeleteCluster.html; moto checks
  node groups only). The cluster's add-ons, access entries and associations go with it, and
  so does the cluster security group EKS created.
- UpdateAddon / DeleteAddon, UpdateAccessEntry / DeleteAccessEntry,
  DisassociateAccessPolicy, UpdatePodIdentityAssociation / DeletePodIdentityAssociation: the
  object exists (ResourceNotFoundException), the new configuration is valid JSON or YAML,
  a new role exists. Deleting an access entry also drops its access policy associations:
  NOT confirmed in the EKS documentation, assumed because associations are addressed
  through the entry's principal and can't outlive it.
"""

from __future__ import annotations

from typing import Any

from ..context import Ctx
from .common import _clean, aws_error
from .eks_emulated import _cluster, _configuration, _state
from .updates import NO_CALL, InPlace, calls

__all__ = ["EKS_DELETES", "EKS_UPDATES"]

AUTH_MODES = ("CONFIG_MAP", "API_AND_CONFIG_MAP", "API")


def _minor(version: str) -> tuple[int, int]:
    major, minor = str(version).split(".")[:2]
    return int(major), int(minor)


def _version(inputs: dict[str, Any], ctx: Ctx) -> None:
    from moto.eks.models import eks_backends

    name = ctx.outputs["name"]
    cluster = eks_backends[ctx.sim.account_id][ctx.region].clusters[name]
    old, new = _minor(cluster.version), _minor(inputs["version"])
    if new < old or new[0] != old[0] or new[1] - old[1] > 1:
        raise aws_error(
            "InvalidParameterException",
            f"Unsupported Kubernetes minor version update from {cluster.version} to "
            f"{inputs['version']}: a cluster moves up one minor version at a time",
            "UpdateClusterVersion",
        )
    cluster.version = str(inputs["version"])


def _cluster_config(inputs: dict[str, Any], ctx: Ctx) -> None:
    vpc = inputs.get("vpcConfig") or {}
    old_types = set((ctx.old_inputs.get("enabledClusterLogTypes")) or [])
    types = list(inputs.get("enabledClusterLogTypes") or [])
    off = sorted(old_types - set(types))
    logging = [{"types": types, "enabled": True}] if types else []
    logging += [{"types": off, "enabled": False}] if off else []
    ctx.client("eks").update_cluster_config(
        name=ctx.outputs["name"],
        **_clean(
            {
                "resourcesVpcConfig": _clean(
                    {
                        "subnetIds": vpc.get("subnetIds"),
                        "securityGroupIds": vpc.get("securityGroupIds"),
                        "endpointPublicAccess": vpc.get("endpointPublicAccess"),
                        "endpointPrivateAccess": vpc.get("endpointPrivateAccess"),
                        "publicAccessCidrs": vpc.get("publicAccessCidrs"),
                    }
                )
                or None,
                "logging": {"clusterLogging": logging} if logging else None,
                "upgradePolicy": inputs.get("upgradePolicy") or None,
            }
        ),
    )


def _access_mode(inputs: dict[str, Any], ctx: Ctx) -> None:
    old = (ctx.old_inputs.get("accessConfig") or {}).get("authenticationMode") or "CONFIG_MAP"
    new = (inputs.get("accessConfig") or {}).get("authenticationMode") or old
    if AUTH_MODES.index(new) < AUTH_MODES.index(old):
        raise aws_error(
            "InvalidParameterException",
            f"Unsupported authentication mode update from {old} to {new}: access entries, "
            "once enabled, cannot be disabled",
            "UpdateClusterConfig",
        )


def _addon(inputs: dict[str, Any], ctx: Ctx) -> None:
    op = "UpdateAddon"
    cluster = _cluster(ctx, inputs["clusterName"], op)["name"]
    entry = _state(ctx, "addons").get(f"{cluster}|{inputs['addonName']}")
    if entry is None:
        raise aws_error("ResourceNotFoundException", f"No addon: {inputs['addonName']}", op)
    _configuration(inputs.get("configurationValues"), op)
    if inputs.get("serviceAccountRoleArn"):
        ctx.client("iam").get_role(RoleName=inputs["serviceAccountRoleArn"].rsplit("/", 1)[-1])
    entry["version"] = inputs.get("addonVersion")


def _entry(inputs: dict[str, Any], ctx: Ctx) -> None:
    op = "UpdateAccessEntry"
    cluster = _cluster(ctx, inputs["clusterName"], op)["name"]
    entry = _state(ctx, "access-entries").get(f"{cluster}|{inputs['principalArn']}")
    if entry is None:
        raise aws_error("ResourceNotFoundException", "No access entry", op)
    if entry["type"] != "STANDARD" and inputs.get("kubernetesGroups"):
        raise aws_error(
            "InvalidParameterException",
            f"kubernetesGroups can only be set on a STANDARD access entry, not {entry['type']}",
            op,
        )


def _pod_identity_role(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("iam").get_role(RoleName=inputs["roleArn"].rsplit("/", 1)[-1])


EKS_UPDATES: dict[str, InPlace] = {
    "cluster": InPlace(
        calls(
            ("version", _version),
            (("vpcConfig", "enabledClusterLogTypes", "upgradePolicy"), _cluster_config),
            ("accessConfig", _access_mode),
            (("defaultAddonsToRemoves", "bootstrapSelfManagedAddons"), NO_CALL),
        ),
        "the rest (name, role, network config, encryption) forces a replacement",
    ),
    "addon": InPlace(
        calls(
            (
                (
                    "addonVersion",
                    "configurationValues",
                    "serviceAccountRoleArn",
                    "resolveConflictsOnUpdate",
                    "podIdentityAssociations",
                ),
                _addon,
            ),
            (("resolveConflictsOnCreate", "preserve"), NO_CALL),
        ),
        "clusterName and addonName force a replacement",
    ),
    "access_entry": InPlace(
        calls((("kubernetesGroups", "userName"), _entry)),
        "clusterName, principalArn and type force a replacement",
    ),
    "policy_association": InPlace(
        (), "AssociateAccessPolicy has no update: every input forces a replacement"
    ),
    "pod_identity": InPlace(
        calls(("roleArn", _pod_identity_role)),
        "clusterName, namespace and serviceAccount force a replacement",
    ),
}


# --- deletes -------------------------------------------------------------------------------
def _forget_cluster(ctx: Ctx, name: str) -> None:
    """What EKS deletes with a cluster: its add-ons, access entries and associations."""
    for kind in ("addons", "access-entries", "access-policies", "pod-identity"):
        state = _state(ctx, kind)
        for key in [k for k in state if k.split("|", 1)[0] == name]:
            del state[key]


def delete_cluster(inputs: dict[str, Any], ctx: Ctx) -> None:
    eks, name = ctx.client("eks"), ctx.outputs["name"]
    profiles = eks.list_fargate_profiles(clusterName=name).get("fargateProfileNames") or []
    if profiles:
        raise aws_error(
            "ResourceInUseException",
            f"Cluster has Fargate profiles attached ({', '.join(profiles)}): delete them first",
            "DeleteCluster",
        )
    eks.delete_cluster(name=name)
    _forget_cluster(ctx, name)
    group = ctx.outputs.get("vpcConfig.clusterSecurityGroupId")
    if group:
        ctx.client("ec2").delete_security_group(GroupId=group)


def delete_profile(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("eks").delete_fargate_profile(
        clusterName=inputs["clusterName"], fargateProfileName=ctx.outputs["fargateProfileName"]
    )


def _remove(ctx: Ctx, kind: str, key: str, what: str, op: str) -> None:
    state = _state(ctx, kind)
    if key not in state:
        raise aws_error("ResourceNotFoundException", f"No {what} found: {key}", op)
    del state[key]


def delete_addon(inputs: dict[str, Any], ctx: Ctx) -> None:
    key = f"{inputs['clusterName']}|{inputs['addonName']}"
    _remove(ctx, "addons", key, "addon", "DeleteAddon")


def delete_access_entry(inputs: dict[str, Any], ctx: Ctx) -> None:
    key = f"{inputs['clusterName']}|{inputs['principalArn']}"
    _remove(ctx, "access-entries", key, "access entry", "DeleteAccessEntry")
    policies = _state(ctx, "access-policies")
    for associated in [k for k in policies if k.startswith(f"{key}|")]:
        del policies[associated]


def delete_policy_association(inputs: dict[str, Any], ctx: Ctx) -> None:
    key = f"{inputs['clusterName']}|{inputs['principalArn']}|{inputs['policyArn']}"
    _remove(ctx, "access-policies", key, "access policy association", "DisassociateAccessPolicy")


def delete_pod_identity(inputs: dict[str, Any], ctx: Ctx) -> None:
    key = f"{inputs['clusterName']}|{inputs['namespace']}|{inputs['serviceAccount']}"
    _remove(ctx, "pod-identity", key, "association", "DeletePodIdentityAssociation")


EKS_DELETES = {
    "cluster": delete_cluster,
    "profile": delete_profile,
    "addon": delete_addon,
    "access_entry": delete_access_entry,
    "policy_association": delete_policy_association,
    "pod_identity": delete_pod_identity,
}
