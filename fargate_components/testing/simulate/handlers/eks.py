"""EKS: clusters and Fargate profiles."""

from __future__ import annotations

from typing import Any

from ..context import Ctx, Out
from .common import (
    _clean,
)


# --- EKS ---------------------------------------------------------------------------------
def eks_cluster(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    vpc_config = inputs.get("vpcConfig") or {}
    network = inputs.get("kubernetesNetworkConfig") or {}
    encryption = inputs.get("encryptionConfig")
    log_types = inputs.get("enabledClusterLogTypes")
    access = inputs.get("accessConfig")
    cluster = ctx.client("eks").create_cluster(
        name=name,
        roleArn=inputs["roleArn"],
        resourcesVpcConfig=_clean(
            {
                "subnetIds": list(vpc_config.get("subnetIds") or []),
                "securityGroupIds": vpc_config.get("securityGroupIds"),
                "endpointPublicAccess": vpc_config.get("endpointPublicAccess"),
                "endpointPrivateAccess": vpc_config.get("endpointPrivateAccess"),
                "publicAccessCidrs": vpc_config.get("publicAccessCidrs"),
            }
        ),
        **_clean(
            {
                "version": inputs.get("version"),
                "kubernetesNetworkConfig": _clean(
                    {
                        "serviceIpv4Cidr": network.get("serviceIpv4Cidr"),
                        "ipFamily": network.get("ipFamily"),
                    }
                )
                or None,
                "logging": {"clusterLogging": [{"types": list(log_types), "enabled": True}]}
                if log_types
                else None,
                "encryptionConfig": [
                    {
                        "resources": list(encryption.get("resources") or []),
                        "provider": {"keyArn": encryption["provider"]["keyArn"]},
                    }
                ]
                if encryption
                else None,
                "accessConfig": _clean(dict(access)) if access else None,
                "tags": dict(inputs.get("tags") or {}) or None,
            }
        ),
    )["cluster"]
    out: Out = {
        "id": name,
        "name": name,
        "arn": cluster["arn"],
        "endpoint": cluster.get("endpoint"),
        "certificateAuthority.data": (cluster.get("certificateAuthority") or {}).get("data"),
        "identities.0.oidcs.0.issuer": (
            ((cluster.get("identity") or {}).get("oidc") or {}).get("issuer")
        ),
    }
    # EKS creates a cluster security group in the cluster's VPC; moto does not, so the
    # simulator creates one (with EKS's naming) so that rules referring to it replay.
    subnets = vpc_config.get("subnetIds") or []
    if subnets:
        ec2 = ctx.client("ec2")
        vpc_id = ec2.describe_subnets(SubnetIds=[subnets[0]])["Subnets"][0]["VpcId"]
        group = ec2.create_security_group(
            GroupName=f"eks-cluster-sg-{name}",
            Description="EKS created security group applied to ENI that is attached to EKS "
            "Control Plane master nodes, as well as any managed workloads.",
            VpcId=vpc_id,
        )
        out["vpcConfig.vpcId"] = vpc_id
        out["vpcConfig.clusterSecurityGroupId"] = group["GroupId"]
    return out


def eks_fargate_profile(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name("fargateProfileName")
    cluster = inputs["clusterName"]
    profile = ctx.client("eks").create_fargate_profile(
        fargateProfileName=name,
        clusterName=cluster,
        podExecutionRoleArn=inputs["podExecutionRoleArn"],
        **_clean(
            {
                "subnets": inputs.get("subnetIds"),
                "selectors": [
                    _clean({"namespace": s.get("namespace"), "labels": s.get("labels")})
                    for s in inputs.get("selectors") or []
                ],
                "tags": dict(inputs.get("tags") or {}) or None,
            }
        ),
    )["fargateProfile"]
    return {
        "id": f"{cluster}:{name}",
        "fargateProfileName": name,
        "arn": profile["fargateProfileArn"],
    }
