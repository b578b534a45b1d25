"""Amazon EFS: file systems, mount targets, access points, file system and backup policies.

moto emulates file systems, mount targets, access points, lifecycle configurations and file
system policies. It has no ``PutBackupPolicy``: the backup-policy handler makes the checks
AWS's API reference documents for it (the file system exists; the status is one of the
documented values) and reports refusals in AWS's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..context import Ctx, Out
from .common import _as_float, _as_int, _clean, _json_doc, _tags, aws_error

#: Pulumi's lifecycle-policy keys -> EFS's (``TransitionToIA`` is spelled in capitals).
LIFECYCLE_KEYS = {
    "transitionToIa": "TransitionToIA",
    "transitionToPrimaryStorageClass": "TransitionToPrimaryStorageClass",
    "transitionToArchive": "TransitionToArchive",
}
#: The valid values of ``BackupPolicy.Status`` ("BackupPolicy", Amazon EFS API reference,
#: https://docs.aws.amazon.com/efs/latest/ug/API_BackupPolicy.html). Whether PutBackupPolicy
#: itself refuses the transitional ENABLING/DISABLING is not documented there: not assumed.
BACKUP_STATUSES = ("ENABLED", "ENABLING", "DISABLED", "DISABLING")


def _unique_token(ctx: Ctx) -> str:
    """The provider generates a unique creation token for every create when none is given
    (so a replacement does not collide with the file system it replaces)."""
    count = ctx.sim.notes.setdefault("efs-tokens", {})
    count[ctx.record.name] = count.get(ctx.record.name, 0) + 1
    return f"{ctx.record.name}-{count[ctx.record.name]}"


def file_system(inputs: dict[str, Any], ctx: Ctx) -> Out:
    efs = ctx.client("efs")
    fs = efs.create_file_system(
        CreationToken=inputs.get("creationToken") or _unique_token(ctx),
        **_clean(
            {
                "PerformanceMode": inputs.get("performanceMode"),
                "ThroughputMode": inputs.get("throughputMode"),
                "ProvisionedThroughputInMibps": _as_float(
                    inputs.get("provisionedThroughputInMibps")
                ),
                "Encrypted": inputs.get("encrypted"),
                "KmsKeyId": inputs.get("kmsKeyId"),
                "AvailabilityZoneName": inputs.get("availabilityZoneName"),
                "Tags": _tags(inputs) or None,
            }
        ),
    )
    policies = [
        {LIFECYCLE_KEYS[k]: v for k, v in p.items() if k in LIFECYCLE_KEYS and v}
        for p in inputs.get("lifecyclePolicies") or []
    ]
    if policies:
        efs.put_lifecycle_configuration(
            FileSystemId=fs["FileSystemId"], LifecyclePolicies=[p for p in policies if p]
        )
    return {
        "id": fs["FileSystemId"],
        "arn": fs["FileSystemArn"],
        "dnsName": f"{fs['FileSystemId']}.efs.{ctx.region}.amazonaws.com",
    }


def mount_target(inputs: dict[str, Any], ctx: Ctx) -> Out:
    target = ctx.client("efs").create_mount_target(
        FileSystemId=inputs["fileSystemId"],
        SubnetId=inputs["subnetId"],
        **_clean(
            {
                "IpAddress": inputs.get("ipAddress"),
                "SecurityGroups": list(inputs.get("securityGroups") or []) or None,
            }
        ),
    )
    return {
        "id": target["MountTargetId"],
        "networkInterfaceId": target.get("NetworkInterfaceId"),
        "ipAddress": target.get("IpAddress"),
        "availabilityZoneName": target.get("AvailabilityZoneName"),
    }


def _posix(user: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not user:
        return None
    return _clean(
        {
            "Uid": _as_int(user.get("uid")),
            "Gid": _as_int(user.get("gid")),
            "SecondaryGids": [int(g) for g in user.get("secondaryGids") or []] or None,
        }
    )


def _root(root: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not root:
        return None
    info = root.get("creationInfo")
    return _clean(
        {
            "Path": root.get("path"),
            "CreationInfo": {
                "OwnerUid": int(info["ownerUid"]),
                "OwnerGid": int(info["ownerGid"]),
                "Permissions": str(info["permissions"]),
            }
            if info
            else None,
        }
    )


def access_point(inputs: dict[str, Any], ctx: Ctx) -> Out:
    point = ctx.client("efs").create_access_point(
        ClientToken=ctx.record.name,
        FileSystemId=inputs["fileSystemId"],
        **_clean(
            {
                "PosixUser": _posix(inputs.get("posixUser")),
                "RootDirectory": _root(inputs.get("rootDirectory")),
                "Tags": _tags(inputs) or None,
            }
        ),
    )
    return {"id": point["AccessPointId"], "arn": point["AccessPointArn"]}


def file_system_policy(inputs: dict[str, Any], ctx: Ctx) -> Out:
    fs_id = inputs["fileSystemId"]
    ctx.client("efs").put_file_system_policy(
        FileSystemId=fs_id,
        Policy=_json_doc(inputs["policy"]),
        **_clean({"BypassPolicyLockoutSafetyCheck": inputs.get("bypassPolicyLockoutSafetyCheck")}),
    )
    return {"id": fs_id}


def backup_policy(inputs: dict[str, Any], ctx: Ctx) -> Out:
    """Emulated (moto has no PutBackupPolicy): AWS's checks, then nothing to store."""
    fs_id = inputs["fileSystemId"]
    ctx.client("efs").describe_file_systems(FileSystemId=fs_id)  # FileSystemNotFound
    status = (inputs.get("backupPolicy") or {}).get("status")
    if status not in BACKUP_STATUSES:
        raise aws_error(
            "ValidationException",
            f"backupPolicy.status {status!r} is not one of {', '.join(BACKUP_STATUSES)}",
            "PutBackupPolicy",
        )
    return {"id": fs_id}
