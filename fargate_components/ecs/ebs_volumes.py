"""Task-attached Amazon EBS volumes for Fargate services. Pure: no Pulumi resources.

A task definition declares the volume with ``Volume.ebs(name)`` (``configuredAtLaunch: true``;
containers mount it like any other volume) and the service that runs it says what to create
for each task with ``FargateServiceArgs.ebs_volume=EbsVolume(size_gib=..., ...)``
(``volumeConfigurations[].managedEBSVolume``). ECS creates one volume per task, in the task's
Availability Zone, with the infrastructure role the service creates (``<name>-ebs-role``:
``ecs.amazonaws.com`` may assume it, ``AmazonECSInfrastructureRolePolicyForVolumes``
attached), and **deletes it when the task stops**: a service-managed volume has no
termination policy (``ServiceManagedEBSVolumeConfiguration`` has no ``terminationPolicy``;
only a standalone task's ``TaskManagedEBSVolumeConfiguration`` does, "If no value is
specified, the default value is true", ECS API reference,
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskManagedEBSVolumeTerminationPolicy.html).
The volume is scratch space per task, not a database: keep data that must outlive a task on
EFS or S3, or take snapshots.

Rules encoded here, with their sources (checked 2026-12 with the docs search):

* one volume per task: "During service creation or update, you can provide the configuration
  that will be used to attach one EBS volume per task" ("Use Amazon EBS volumes with Amazon
  ECS", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-volumes.html), and
  "Each task definition revision may only have one volume configured at launch" (ECS API
  ``Volume.configuredAtLaunch``);
* sizes per type: "gp2 and gp3: 1-16,384; io1 and io2: 4-16,384; st1 and sc1: 125-16,384;
  standard: 1-1,024"; "You must specify either a volume size or a snapshot ID ... You can
  optionally specify a volume size greater than or equal to the snapshot size"
  (``TaskManagedEBSVolumeConfiguration.sizeInGiB``, the same text as the service's
  ``ServiceManagedEBSVolumeConfiguration``, ECS API reference);
* IOPS: "gp3: 3,000 - 16,000 IOPS; io1: 100 - 64,000 IOPS; io2: 100 - 256,000 IOPS. This
  parameter is required for io1 and io2 volume types. The default for gp3 volumes is 3,000
  IOPS. This parameter is not supported for st1, sc1, or standard volume types" (same
  reference, ``iops``); for gp2 it is the size-derived baseline, not a setting, so we refuse it
  too (EC2 ``ModifyVolume``: "This parameter is valid only for gp3, io1, and io2 volumes");
* IOPS per GiB: gp3 "The maximum ratio of provisioned IOPS to provisioned volume size is 500
  IOPS per GiB"; io1 50:1 and io2 1,000:1 ("Amazon EBS volume types" / "Provisioned IOPS SSD
  volumes", Amazon EBS user guide, https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html);
* throughput: "The throughput to provision for a volume, in MiB/s, with a maximum of 1,000
  MiB/s ... only supported for the gp3 volume type" (ECS API ``throughput``; the EC2 minimum is
  125, ``EbsBlockDevice.throughput`` "Minimum value of 125. Maximum value of 1000"), and at most
  0.25 MiB/s per provisioned IOPS ("Amazon EBS volume types", gp3);
* file system: "The available filesystem types are ext3, ext4, and xfs. If no value is
  specified, the xfs filesystem type is used by default"; a volume from a snapshot must use the
  snapshot's file system type (ECS API ``filesystemType``);
* encryption: "If no value is specified, encryption is turned on by default" (ECS API
  ``encrypted``); with a key, the key must be a symmetric KMS key (EBS encryption);
* platform and capacity: "Fargate: Amazon EBS volumes are supported on platform version
  1.4.0 or later (Linux)", Windows on Fargate "Not supported" (the guide's "Supported
  operating systems and capacity" table, "Use Amazon EBS volumes with Amazon ECS",
  https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-volumes.html, read
  2026-12-02 from the page's stored markdown in the code corpus). Every Linux platform
  version Fargate still offers is 1.4.0 (``platform_versions``); Windows tasks with
  ``Volume.ebs`` are refused (ecs/volumes.py, ``check_volume_list``). The NTFS file system
  the API offers (``filesystemType``: "The available Windows filesystem types are NTFS") is
  for Windows on EC2, so it is not accepted here;
* volume type: "The magnetic (standard) Amazon EBS volume type is not supported for tasks
  hosted on Fargate" (same page, Considerations; the API's ``volumeType``: "The magnetic
  volume type is not supported on Fargate"), so ``standard`` is refused;
* deployment controllers: "To use Amazon EBS volumes with Amazon ECS services, the deployment
  controller must be ECS. Both rolling and blue/green deployment strategies are supported
  when using this deployment controller" (same page, Considerations). Services here always
  use the ``ECS`` controller (``CODE_DEPLOY`` and ``EXTERNAL`` are never used), so every
  strategy is allowed. The page names rolling and blue/green only: that linear and canary
  (the same controller's traffic-shifting strategies) accept a volume is **unconfirmed**
  (searched 2026-12-02: their "Required resources for Amazon ECS linear / canary
  deployments" pages list load balancer and Service Connect requirements and say nothing of
  volumes); they are allowed, since the stated condition is the controller;
* not checked (the plan can't know): "You can't configure Amazon EBS volumes for attachment to
  Fargate Amazon ECS tasks in the use1-az3 Availability Zone" (zone *IDs* differ per account
  and the network picks zones by name), "Provisioning volumes from a snapshot of an Amazon EBS
  volume that contains partitions isn't supported", and Outposts (never used here) - all
  from the same Considerations list;
* scheduled tasks (EventBridge Scheduler's ``EcsParameters``) have no volume configuration, so
  a task definition with an EBS volume can't run on a schedule (the Pulumi/AWS input types of
  ``aws.scheduler.Schedule`` carry none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import ValidationError, check_choice, check_int_range, is_known
from ..kms import check_kms_key

__all__ = [
    "EBS_VOLUME_TYPES",
    "FILE_SYSTEM_TYPES",
    "GP3_BASELINE_IOPS",
    "GP3_BASELINE_THROUGHPUT",
    "EbsVolume",
]

#: Volume types ECS creates for tasks (``volumeType``).
EBS_VOLUME_TYPES = ("gp3", "gp2", "io1", "io2", "st1", "sc1")
#: The API's magnetic type, refused: "The magnetic (standard) Amazon EBS volume type is not
#: supported for tasks hosted on Fargate" (ebs-volumes.html, Considerations).
MAGNETIC = "standard"
#: ``filesystemType`` values; xfs is ECS's default.
FILE_SYSTEM_TYPES = ("xfs", "ext4", "ext3")
#: Size range (GiB) per volume type.
SIZE_GIB = {
    "gp2": (1, 16_384),
    "gp3": (1, 16_384),
    "io1": (4, 16_384),
    "io2": (4, 16_384),
    "st1": (125, 16_384),
    "sc1": (125, 16_384),
}
#: IOPS range per volume type that takes ``iops``.
IOPS = {"gp3": (3_000, 16_000), "io1": (100, 64_000), "io2": (100, 256_000)}
#: Most provisioned IOPS per GiB of size.
IOPS_PER_GIB = {"gp3": 500, "io1": 50, "io2": 1_000}
#: Types that require ``iops``.
IOPS_REQUIRED = ("io1", "io2")
#: gp3's throughput range (MiB/s) and most MiB/s per provisioned IOPS.
THROUGHPUT = (125, 1_000)
THROUGHPUT_PER_IOPS = 0.25
#: What a gp3 volume gets without ``iops`` / ``throughput`` (and is priced in its GB-month).
GP3_BASELINE_IOPS = 3_000
GP3_BASELINE_THROUGHPUT = 125

_SNAPSHOT_ID = re.compile(r"^snap-[0-9a-f]{8,17}$")
_VOLUME_NAME = re.compile(r"^[A-Za-z0-9_-]{1,255}$")


@dataclass(frozen=True, kw_only=True)
class EbsVolume:
    """The EBS volume ECS creates for each task of a service (``managedEBSVolume``).

    Example::

        EbsVolume(size_gib=50)                                  # gp3, 3000 IOPS, 125 MiB/s
        EbsVolume(size_gib=100, iops=6000, throughput=250)      # faster gp3
        EbsVolume(volume_type="io2", size_gib=100, iops=20000)
    """

    size_gib: int | None = None
    """Size per task, GiB (gp2/gp3 1-16384, io1/io2 4-16384, st1/sc1 125-16384). Required
    unless ``snapshot_id`` is given (then at least the snapshot's size). Default: None."""
    volume_type: str = "gp3"
    """``gp3``, ``gp2``, ``io1``, ``io2``, ``st1`` or ``sc1`` (magnetic ``standard`` is not
    supported on Fargate). Default: "gp3"."""
    iops: int | None = None
    """Provisioned IOPS: gp3 3000-16000 (at most 500 per GiB), io1 100-64000 (50 per GiB), io2
    100-256000 (1000 per GiB); required for io1/io2, refused for gp2/st1/sc1.
    Default: None (gp3: 3000)."""
    throughput: int | None = None
    """gp3 only: MiB/s, 125-1000, at most 0.25 per provisioned IOPS. Default: None (gp3:
    125)."""
    encrypted: bool = True
    """Encrypt the volume (policy FC-ECS-020 flags ``False``). Default: True."""
    kms_key_arn: Any = None
    """The key encrypting it: ``"create"`` creates a customer managed key (child
    ``<name>-ebs-key``, $1/month, kept on delete), a KMS key ARN uses yours; the infrastructure
    role is granted the key either way. Default: None (the account's EBS default key,
    ``aws/ebs``)."""
    snapshot_id: str | None = None
    """Create each volume from this snapshot (``snap-...``). Default: None (an empty
    volume)."""
    file_system_type: str = "xfs"
    """``xfs``, ``ext4`` or ``ext3``; with a snapshot, the snapshot's file system. Default:
    "xfs"."""
    volume: str | None = None
    """The task definition's ``Volume.ebs(...)`` this configures. Default: None (its only
    one)."""

    def validate(self) -> None:
        """Every rule above; errors name the field (``size_gib``), relative to the caller's
        path (``FargateServiceArgs.ebs_volume``)."""
        if self.volume_type == MAGNETIC:
            raise ValidationError(
                "volume_type",
                self.volume_type,
                f"one of {', '.join(EBS_VOLUME_TYPES)} (magnetic 'standard' volumes aren't "
                "supported for tasks on Fargate)",
            )
        check_choice("volume_type", self.volume_type, EBS_VOLUME_TYPES)
        check_choice("file_system_type", self.file_system_type, FILE_SYSTEM_TYPES)
        if self.volume is not None and (
            not isinstance(self.volume, str) or not _VOLUME_NAME.match(self.volume)
        ):
            raise ValidationError(
                "volume", self.volume, "a volume name (1-255 letters, digits, '-' and '_')"
            )
        if (
            self.snapshot_id is not None
            and is_known(self.snapshot_id)
            and (not isinstance(self.snapshot_id, str) or not _SNAPSHOT_ID.match(self.snapshot_id))
        ):
            raise ValidationError("snapshot_id", self.snapshot_id, "an EBS snapshot id (snap-...)")
        self._check_size()
        self._check_performance()
        if not isinstance(self.encrypted, bool):
            raise ValidationError("encrypted", self.encrypted, "True or False")
        check_kms_key("kms_key_arn", self.kms_key_arn)
        if self.kms_key_arn is not None and not self.encrypted:
            raise ValidationError(
                "kms_key_arn", self.kms_key_arn, "unset when encrypted=False (nothing to encrypt)"
            )

    def _check_size(self) -> None:
        low, high = SIZE_GIB[self.volume_type]
        if self.size_gib is None:
            if self.snapshot_id is None:
                raise ValidationError(
                    "size_gib",
                    None,
                    f"a size in GiB ({low}-{high} for {self.volume_type}), unless snapshot_id "
                    "is given",
                )
            return
        if isinstance(self.size_gib, bool) or not isinstance(self.size_gib, int):
            raise ValidationError("size_gib", self.size_gib, f"an integer {low}-{high}")
        if not low <= self.size_gib <= high:
            raise ValidationError(
                "size_gib", self.size_gib, f"{low}-{high} GiB for a {self.volume_type} volume"
            )

    def _check_performance(self) -> None:
        kind = self.volume_type
        if self.iops is None:
            if kind in IOPS_REQUIRED:
                low, high = IOPS[kind]
                raise ValidationError(
                    "iops", None, f"the provisioned IOPS ({low}-{high}): required for {kind}"
                )
        elif kind not in IOPS:
            raise ValidationError(
                "iops", self.iops, f"unset for {kind} volumes (only gp3, io1 and io2 take IOPS)"
            )
        else:
            low, high = IOPS[kind]
            check_int_range("iops", self.iops, low, high)
            ratio = IOPS_PER_GIB[kind]
            if self.size_gib is not None and self.iops > ratio * self.size_gib:
                raise ValidationError(
                    "iops",
                    self.iops,
                    f"at most {ratio} IOPS per GiB for {kind}: {ratio * self.size_gib} for "
                    f"{self.size_gib} GiB (or a larger size_gib)",
                )
        if self.throughput is None:
            return
        if kind != "gp3":
            raise ValidationError(
                "throughput", self.throughput, f"unset for {kind} volumes (gp3 only)"
            )
        check_int_range("throughput", self.throughput, *THROUGHPUT)
        iops = self.iops if self.iops is not None else GP3_BASELINE_IOPS
        if self.throughput > THROUGHPUT_PER_IOPS * iops:
            raise ValidationError(
                "throughput",
                self.throughput,
                f"at most {THROUGHPUT_PER_IOPS} MiB/s per provisioned IOPS: "
                f"{int(THROUGHPUT_PER_IOPS * iops)} for {iops} IOPS (raise iops)",
            )

    @property
    def effective_iops(self) -> int | None:
        """The IOPS the volume gets (gp3's baseline when unset; None where size decides)."""
        if self.iops is not None:
            return self.iops
        return GP3_BASELINE_IOPS if self.volume_type == "gp3" else None

    @property
    def effective_throughput(self) -> int | None:
        """The MiB/s a gp3 volume gets (its baseline when unset); None for other types."""
        if self.volume_type != "gp3":
            return None
        return self.throughput if self.throughput is not None else GP3_BASELINE_THROUGHPUT


def resolve_volume_name(ebs: EbsVolume, declared: str | None) -> str:
    """The task definition's EBS volume the service configures. ``declared`` is the task
    definition's ``Volume.ebs(...)`` name (None without one). Errors are relative
    (``ebs_volume``, ``ebs_volume.volume``)."""
    if declared is None:
        raise ValidationError(
            "ebs_volume",
            ebs,
            "only with a task definition that declares Volume.ebs(<name>) (the volume "
            "containers mount; configuredAtLaunch)",
        )
    if ebs.volume is not None and ebs.volume != declared:
        raise ValidationError(
            "ebs_volume.volume", ebs.volume, f"the task definition's EBS volume {declared!r}"
        )
    return declared


def managed_ebs_volume(
    ebs: EbsVolume, *, role_arn: Any, kms_key_arn: Any, name: str
) -> dict[str, Any]:
    """``volumeConfiguration`` of ``aws.ecs.Service`` (snake_case keys of the Pulumi input
    types): the volume name and its ``managedEBSVolume``. Unset settings are omitted (ECS's
    defaults apply and are documented above); tags propagate from the service so each
    volume is attributable in the bill."""
    managed: dict[str, Any] = {
        "role_arn": role_arn,
        "encrypted": ebs.encrypted,
        "volume_type": ebs.volume_type,
        "file_system_type": ebs.file_system_type,
        "tag_specifications": [{"resource_type": "volume", "propagate_tags": "SERVICE"}],
    }
    optional = {
        "size_in_gb": ebs.size_gib,
        "iops": ebs.iops,
        "throughput": ebs.throughput,
        "snapshot_id": ebs.snapshot_id,
        "kms_key_id": kms_key_arn,
    }
    managed.update({k: v for k, v in optional.items() if v is not None})
    return {"name": name, "managed_ebs_volume": managed}


#: What the infrastructure role needs on a customer managed key to create, attach and read
#: encrypted volumes for the tasks. The ECS guide: "The key policy must include the
#: kms:CreateGrant and kms:GenerateDataKey* permissions. The kms:ReEncryptTo and
#: kms:ReEncryptFrom permissions are necessary for encrypting volumes that are created using
#: snapshots", and its example statement adds ``kms:DescribeKey`` ("Encrypt data stored in
#: Amazon EBS volumes attached to Amazon ECS tasks", Customer managed KMS key policy,
#: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-kms-encryption.html, read
#: 2026-12-02 from the page's stored markdown in the code corpus). ``kms:GenerateDataKey*``
#: is spelled out as the two data-key actions of a symmetric key (``GenerateDataKey`` and
#: ``GenerateDataKeyWithoutPlaintext``; the ``...Pair`` ones make asymmetric key pairs, which
#: EBS never asks for); ReEncrypt is always granted, since ``snapshot_id`` may be set later.
#: ``kms:Decrypt`` is EBS's own requirement for encrypted volumes ("kms:CreateGrant,
#: kms:Decrypt, kms:DescribeKey, kms:GenerateDataKeyWithoutPlainText, kms:ReEncrypt",
#: "Requirements for Amazon EBS encryption", Permissions for users,
#: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption-requirements.html). Grants
#: only for AWS resources (``kms:GrantIsForAWSResource``, both pages). Not encoded: the ECS
#: example's further conditions (``kms:ViaService`` ``ec2.<region>.amazonaws.com``,
#: ``kms:CallerAccount``, ``kms:EncryptionContextKeys`` ``aws:ebs:id``); the statements are
#: scoped to the one key's ARN instead.
KEY_ACTIONS = (
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
)


def infrastructure_key_statements(key_arn: str) -> list[dict[str, Any]]:
    """The infrastructure role's statements on the volume key ``key_arn``."""
    return [
        {
            "Sid": "EbsVolumeKey",
            "Effect": "Allow",
            "Action": list(KEY_ACTIONS),
            "Resource": key_arn,
        },
        {
            "Sid": "EbsVolumeKeyGrants",
            "Effect": "Allow",
            "Action": "kms:CreateGrant",
            "Resource": key_arn,
            "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}},
        },
    ]
