"""EFS file systems and access points for Fargate tasks: arguments, their checks and IAM
documents. Pure: no Pulumi resources (``file_system_component.py`` wires them).

Limits encoded here, with their sources (checked 2026-12):

* throughput modes ``bursting`` (the API default), ``elastic``, ``provisioned``; provisioned
  throughput "Valid values are 1-3414 MiBps, with the upper limit depending on Region"
  (CreateFileSystem / UpdateFileSystem ``ProvisionedThroughputInMibps``, EFS API reference);
  required with ``provisioned`` and only then;
* performance modes ``generalPurpose`` and ``maxIO`` (CreateFileSystem ``PerformanceMode``);
* lifecycle (``LifecyclePolicy``, https://docs.aws.amazon.com/efs/latest/ug/API_LifecyclePolicy.html):
  ``TransitionToIA`` and ``TransitionToArchive`` take ``AFTER_1_DAY | AFTER_7_DAYS |
  AFTER_14_DAYS | AFTER_30_DAYS | AFTER_60_DAYS | AFTER_90_DAYS | AFTER_180_DAYS |
  AFTER_270_DAYS | AFTER_365_DAYS``; ``TransitionToPrimaryStorageClass`` takes
  ``AFTER_1_ACCESS``; "TransitionToArchive must either not be set or must be later than
  TransitionToIA" and "The Archive storage class is available only for file systems that use
  the Elastic throughput mode and the General Purpose performance mode"
  (PutLifecycleConfiguration);
* access points (``CreationInfo``, https://docs.aws.amazon.com/efs/latest/ug/API_CreationInfo):
  owner uid/gid 0-4294967295, permissions an octal mode ``^[0-7]{3,4}$``; "If you do not
  provide CreationInfo and the specified RootDirectory does not exist, attempts to mount the
  file system using the access point will fail" - so we always send it; ``PosixUser``
  uid/gid 0-4294967295 and at most 16 secondary gids, root directory path at most 100
  characters (EFS API reference ``PosixUser`` / ``RootDirectory``; **not re-confirmed** from
  the stored docs, taken from the API model as CDK encodes it);
* client access (``elasticfilesystem:ClientMount`` = read, ``ClientWrite`` = write,
  ``ClientRootAccess`` = root), scoped to one access point with the
  ``elasticfilesystem:AccessPointArn`` condition key ("Using access points in IAM policies",
  https://docs.aws.amazon.com/efs/latest/ug/access-points-iam-policy.html); the file system
  policy we attach denies any request without TLS (``aws:SecureTransport``, "Using IAM to
  control file system data access", EFS condition keys for clients);
* one mount target per Availability Zone; NFS on TCP 2049 (EFS user guide, "Managing mount
  targets" and "Using VPC security groups").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pulumi

from ..errors import (
    ValidationError,
    argument_path,
    check_choice,
    check_int_range,
    check_name,
    is_known,
)
from ..iam import Statement, policy_document, statement
from ..kms import check_key_region
from ..tags import check_tags

if TYPE_CHECKING:  # pragma: no cover
    from ..network.types import NetworkLike

__all__ = [
    "LIFECYCLE_AFTER",
    "NFS_PORT",
    "PERFORMANCE_MODES",
    "THROUGHPUT_MODES",
    "AccessPointSpec",
    "FileSystemArgs",
    "access_point_arn",
    "client_statements",
    "file_system_arn",
    "secure_transport_policy",
    "validate_file_system_args",
]

NFS_PORT = 2049
THROUGHPUT_MODES = ("bursting", "elastic", "provisioned")
PERFORMANCE_MODES = ("generalPurpose", "maxIO")
LIFECYCLE_AFTER = (
    "AFTER_1_DAY",
    "AFTER_7_DAYS",
    "AFTER_14_DAYS",
    "AFTER_30_DAYS",
    "AFTER_60_DAYS",
    "AFTER_90_DAYS",
    "AFTER_180_DAYS",
    "AFTER_270_DAYS",
    "AFTER_365_DAYS",
)
TRANSITION_TO_PRIMARY = ("AFTER_1_ACCESS",)
MAX_PROVISIONED_MIBPS = 3414
MAX_POSIX_ID = 4294967295
MAX_SECONDARY_GIDS = 16
MAX_ROOT_PATH = 100
CLIENT_MOUNT = "elasticfilesystem:ClientMount"
CLIENT_WRITE = "elasticfilesystem:ClientWrite"

_ARGS = "FileSystemArgs"
_PERMISSIONS = re.compile(r"^[0-7]{3,4}$")
_PATH = re.compile(r"^/[A-Za-z0-9_./-]*$")


@dataclass(frozen=True, kw_only=True)
class AccessPointSpec:
    """An access point: every client through it acts as one POSIX user and sees ``path`` as
    its root, created on first mount with ``permissions`` owned by that user.

    Example::

        AccessPointSpec(name="jobs", path="/jobs", uid=1000, gid=1000)
    """

    name: str
    """Role of the access point, used in its resource name (``<fs>-ap-<name>``) and by
    ``FileSystem.volume(access_point=...)``. Required."""
    path: str
    """Root directory of the access point, absolute, at most 100 characters. Required."""
    uid: int
    """POSIX user id every request is made as, 0-4294967295. Required."""
    gid: int
    """POSIX group id every request is made as, 0-4294967295. Required."""
    secondary_gids: Sequence[int] = ()
    """Extra POSIX group ids (at most 16). Default: ()."""
    permissions: str = "0750"
    """Octal mode of ``path`` when EFS creates it (owned by ``uid``/``gid``). Default: "0750"."""


@dataclass(frozen=True, kw_only=True)
class FileSystemArgs:
    """Arguments of :class:`~fargate_components.FileSystem`."""

    network: NetworkLike
    """The network whose private subnets get a mount target each. Required."""
    access_points: Sequence[AccessPointSpec] = ()
    """Access points to create. Default: () (mount the file system root)."""
    kms_key_arn: pulumi.Input[str] | None = None
    """Customer managed KMS key for encryption at rest. Default: None (the AWS managed
    ``aws/elasticfilesystem`` key; the file system is always encrypted)."""
    performance_mode: str = "generalPurpose"
    """``"generalPurpose"`` or ``"maxIO"``. Default: "generalPurpose"."""
    throughput_mode: str = "bursting"
    """``"bursting"``, ``"elastic"`` or ``"provisioned"``. Default: "bursting" (no
    per-GB throughput charge; throughput grows with the data stored)."""
    provisioned_throughput_mibps: int | None = None
    """MiB/s with ``throughput_mode="provisioned"``, 1-3414. Default: None."""
    transition_to_ia: str | None = "AFTER_30_DAYS"
    """Move files not read for this long to Infrequent Access. Default: "AFTER_30_DAYS"."""
    transition_to_archive: str | None = None
    """Move files to Archive after this long (elastic throughput, generalPurpose only, later
    than ``transition_to_ia``). Default: None."""
    transition_to_primary: str | None = "AFTER_1_ACCESS"
    """Bring a file back to Standard when it is read again. Default: "AFTER_1_ACCESS"."""
    backup: bool = True
    """Daily AWS Backup of the file system (the EFS automatic backup policy). Default: True."""
    protect: bool = True
    """Protect the file system from deletion by Pulumi (data is sacred). Default: True."""
    allowed_security_group_ids: Sequence[pulumi.Input[str]] = ()
    """Other security groups admitted on NFS 2049 (tasks mounting the file system through
    ``FileSystem.volume`` are admitted automatically). Default: ()."""
    tags: Mapping[str, str] | None = field(default=None)
    """Tags for every taggable child. Default: None."""


def _check_posix_id(argument: str, value: Any) -> None:
    check_int_range(argument, value, 0, MAX_POSIX_ID)


def check_access_point(argument: str, spec: Any) -> None:
    """Validate one access point against the EFS API's limits."""
    if not isinstance(spec, AccessPointSpec):
        raise ValidationError(argument, spec, "an AccessPointSpec")
    check_name(f"{argument}.name", spec.name, 64)
    if (
        not isinstance(spec.path, str)
        or not _PATH.match(spec.path)
        or len(spec.path) > MAX_ROOT_PATH
        or "//" in spec.path
    ):
        raise ValidationError(
            f"{argument}.path",
            spec.path,
            f"an absolute path of at most {MAX_ROOT_PATH} characters such as '/jobs'",
        )
    _check_posix_id(f"{argument}.uid", spec.uid)
    _check_posix_id(f"{argument}.gid", spec.gid)
    gids = spec.secondary_gids
    if isinstance(gids, (str, int)) or not isinstance(gids, Sequence):
        raise ValidationError(f"{argument}.secondary_gids", gids, "a list of group ids")
    if len(gids) > MAX_SECONDARY_GIDS:
        raise ValidationError(
            f"{argument}.secondary_gids", list(gids), f"at most {MAX_SECONDARY_GIDS} group ids"
        )
    for i, gid in enumerate(gids):
        _check_posix_id(f"{argument}.secondary_gids[{i}]", gid)
    if not isinstance(spec.permissions, str) or not _PERMISSIONS.match(spec.permissions):
        raise ValidationError(
            f"{argument}.permissions", spec.permissions, "an octal mode such as '0750' or '755'"
        )


def validate_file_system_args(args: Any) -> None:
    """Every construction-time check of a file system (errors name ``FileSystemArgs.<field>``)."""
    if not isinstance(args, FileSystemArgs):
        raise ValidationError("FileSystem.args", args, "a FileSystemArgs")
    _check_file_system_args(args)


@argument_path(_ARGS)
def _check_file_system_args(args: FileSystemArgs) -> None:
    check_tags("tags", args.tags)
    if not hasattr(args.network, "private_subnet_id_list"):
        raise ValidationError("network", args.network, "a Network or Network.existing(...)")
    subnets = list(args.network.private_subnet_id_list)
    if not subnets:
        raise ValidationError("network", subnets, "a network with private subnets")
    check_choice("performance_mode", args.performance_mode, PERFORMANCE_MODES)
    check_choice("throughput_mode", args.throughput_mode, THROUGHPUT_MODES)
    _check_storage_modes(args)
    if (
        args.kms_key_arn is not None
        and is_known(args.kms_key_arn)
        and (
            not isinstance(args.kms_key_arn, str)
            or not args.kms_key_arn.startswith("arn:")
            or (":kms:" not in args.kms_key_arn)
        )
    ):
        raise ValidationError(
            "kms_key_arn", args.kms_key_arn, "a KMS key ARN (arn:<partition>:kms:...)"
        )
    check_key_region("kms_key_arn", args.kms_key_arn)
    if isinstance(args.access_points, (str, AccessPointSpec)) or not isinstance(
        args.access_points, Sequence
    ):
        raise ValidationError("access_points", args.access_points, "a list of AccessPointSpec")
    seen: set[str] = set()
    for i, spec in enumerate(args.access_points):
        check_access_point(f"access_points[{i}]", spec)
        if spec.name in seen:
            raise ValidationError("access_points[].name", spec.name, "each name once")
        seen.add(spec.name)
    if isinstance(args.allowed_security_group_ids, str):
        raise ValidationError(
            "allowed_security_group_ids",
            args.allowed_security_group_ids,
            "a list of security group ids",
        )


def _check_storage_modes(args: FileSystemArgs) -> None:
    """Provisioned throughput only with ``throughput_mode='provisioned'``; lifecycle
    transitions, archive only on elastic general-purpose file systems and after IA."""
    if args.throughput_mode == "provisioned":
        if args.provisioned_throughput_mibps is None:
            raise ValidationError(
                "provisioned_throughput_mibps",
                None,
                f"1-{MAX_PROVISIONED_MIBPS} MiB/s with throughput_mode='provisioned'",
            )
        check_int_range(
            "provisioned_throughput_mibps",
            args.provisioned_throughput_mibps,
            1,
            MAX_PROVISIONED_MIBPS,
        )
    elif args.provisioned_throughput_mibps is not None:
        raise ValidationError(
            "provisioned_throughput_mibps",
            args.provisioned_throughput_mibps,
            "unset unless throughput_mode='provisioned'",
        )
    for attr, choices in (
        ("transition_to_ia", LIFECYCLE_AFTER),
        ("transition_to_archive", LIFECYCLE_AFTER),
        ("transition_to_primary", TRANSITION_TO_PRIMARY),
    ):
        value = getattr(args, attr)
        if value is not None:
            check_choice(f"{attr}", value, choices)
    if args.transition_to_archive is not None:
        if args.throughput_mode != "elastic" or args.performance_mode != "generalPurpose":
            raise ValidationError(
                "transition_to_archive",
                args.transition_to_archive,
                "unset unless throughput_mode='elastic' and performance_mode='generalPurpose' "
                "(EFS Archive storage needs both)",
            )
        if args.transition_to_ia is not None and LIFECYCLE_AFTER.index(
            args.transition_to_archive
        ) <= LIFECYCLE_AFTER.index(args.transition_to_ia):
            raise ValidationError(
                "transition_to_archive",
                args.transition_to_archive,
                f"later than transition_to_ia ({args.transition_to_ia})",
            )


def lifecycle_policies(args: FileSystemArgs) -> list[dict[str, str]]:
    """One lifecycle policy per transition (EFS accepts one transition per object)."""
    result = []
    if args.transition_to_ia is not None:
        result.append({"transition_to_ia": args.transition_to_ia})
    if args.transition_to_archive is not None:
        result.append({"transition_to_archive": args.transition_to_archive})
    if args.transition_to_primary is not None:
        result.append({"transition_to_primary_storage_class": args.transition_to_primary})
    return result


# -- ARNs and IAM --------------------------------------------------------------------


def file_system_arn(partition: str, region: str, account: str, file_system_id: str) -> str:
    return f"arn:{partition}:elasticfilesystem:{region}:{account}:file-system/{file_system_id}"


def access_point_arn(partition: str, region: str, account: str, access_point_id: str) -> str:
    return f"arn:{partition}:elasticfilesystem:{region}:{account}:access-point/{access_point_id}"


def client_statements(
    file_system: str, access_point: str | None, *, write: bool, sid: str
) -> list[Statement]:
    """What a task role needs to mount one EFS volume with IAM authorization: ``ClientMount``
    (read), plus ``ClientWrite`` unless every mount is read-only, on the file system ARN;
    through an access point, only when the mount uses it (``elasticfilesystem:AccessPointArn``).
    Never ``ClientRootAccess``."""
    actions = [CLIENT_MOUNT, CLIENT_WRITE] if write else [CLIENT_MOUNT]
    condition = (
        {"StringEquals": {"elasticfilesystem:AccessPointArn": access_point}}
        if access_point
        else None
    )
    return [statement(actions, [file_system], sid=sid, condition=condition)]


def secure_transport_policy(file_system: str) -> dict[str, Any]:
    """The file system policy: deny every client request made without TLS."""
    deny = statement(
        ["*"],
        [file_system],
        sid="DenyWithoutTls",
        effect="Deny",
        condition={"Bool": {"aws:SecureTransport": "false"}},
    )
    deny["Principal"] = {"AWS": "*"}
    return policy_document([deny])
