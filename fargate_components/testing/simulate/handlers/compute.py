"""EC2 instances (the NAT instances), Elastic IP associations and IAM instance profiles.

An instance is launched with ``RunInstances`` as the provider sends it (image, type, subnet,
security groups, instance profile, user data, IMDS options, root volume), then its
source/destination check is set with ``ModifyInstanceAttribute`` as the provider does. AWS
refuses an instance profile that does not exist; moto's RunInstances does not look it up, so
the handler does first (``GetInstanceProfile``: moto's own ``NoSuchEntity``).
"""

from __future__ import annotations

import base64
from typing import Any

from ..context import Ctx, Out
from .common import _as_int, _clean, _known, _tag_spec


def iam_instance_profile(inputs: dict[str, Any], ctx: Ctx) -> Out:
    iam = ctx.client("iam")
    name = ctx.name()
    profile = iam.create_instance_profile(
        InstanceProfileName=name, **_clean({"Path": inputs.get("path")})
    )["InstanceProfile"]
    if inputs.get("role"):
        iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=inputs["role"])
    return {
        "id": name,
        "name": name,
        "arn": profile["Arn"],
        "uniqueId": profile["InstanceProfileId"],
    }


def _root_volume(inputs: dict[str, Any]) -> list[dict[str, Any]]:
    root = inputs.get("rootBlockDevice") or {}
    if not root:
        return []
    ebs = _clean(
        {
            "VolumeSize": _as_int(root.get("volumeSize")),
            "VolumeType": root.get("volumeType"),
            "Encrypted": root.get("encrypted"),
            "DeleteOnTermination": root.get("deleteOnTermination", True),
        }
    )
    return [{"DeviceName": "/dev/xvda", "Ebs": ebs}]


def ec2_instance(inputs: dict[str, Any], ctx: Ctx) -> Out:
    ec2 = ctx.client("ec2")
    profile = inputs.get("iamInstanceProfile")
    if profile:
        ctx.client("iam").get_instance_profile(InstanceProfileName=profile)
    metadata = inputs.get("metadataOptions") or {}
    user_data = inputs.get("userData")
    args = _clean(
        {
            "ImageId": _known(inputs.get("ami"), "ami"),
            "InstanceType": inputs.get("instanceType"),
            "SubnetId": inputs.get("subnetId"),
            "SecurityGroupIds": inputs.get("vpcSecurityGroupIds") or None,
            "IamInstanceProfile": {"Name": profile} if profile else None,
            "UserData": base64.b64encode(str(user_data).encode()).decode() if user_data else None,
            "MetadataOptions": _clean(
                {
                    "HttpTokens": metadata.get("httpTokens"),
                    "HttpEndpoint": metadata.get("httpEndpoint"),
                }
            )
            or None,
            "BlockDeviceMappings": _root_volume(inputs) or None,
        }
    )
    instance = ec2.run_instances(MinCount=1, MaxCount=1, **args, **_tag_spec(inputs, "instance"))[
        "Instances"
    ][0]
    iid = instance["InstanceId"]
    if inputs.get("sourceDestCheck") is False:
        ec2.modify_instance_attribute(InstanceId=iid, SourceDestCheck={"Value": False})
    eni = instance["NetworkInterfaces"][0]["NetworkInterfaceId"]
    return {
        "id": iid,
        "arn": ctx.arn("ec2", f"instance/{iid}"),
        "primaryNetworkInterfaceId": eni,
        "privateIp": instance.get("PrivateIpAddress"),
    }


def eip_association(inputs: dict[str, Any], ctx: Ctx) -> Out:
    association = ctx.client("ec2").associate_address(
        **_clean(
            {
                "AllocationId": inputs.get("allocationId"),
                "InstanceId": inputs.get("instanceId"),
                "NetworkInterfaceId": inputs.get("networkInterfaceId"),
            }
        )
    )
    return {"id": association["AssociationId"]}
