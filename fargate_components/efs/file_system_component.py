"""``FileSystem``: an encrypted EFS file system for Fargate tasks, with a mount target per
private subnet, its own NFS security group, access points, lifecycle, backups and a policy
that refuses clients without TLS."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from .._component import TYPE_PREFIX, child_opts, merge_tags
from ..ecs.volumes import EfsVolume, Volume, check_volume
from ..errors import ValidationError
from ..iam import to_json
from ..network.security_component import allow_tcp_ingress
from ..tags import check_name_tag
from .file_system import (
    NFS_PORT,
    AccessPointSpec,
    FileSystemArgs,
    lifecycle_policies,
    secure_transport_policy,
    validate_file_system_args,
)

__all__ = ["FileSystem"]

FILE_SYSTEM = "fs"
SECURITY_GROUP = "sg"
MOUNT_TARGET = "mount"
BACKUP_POLICY = "backup"
POLICY = "policy"
ACCESS_POINT = "ap"
NFS_INGRESS = "nfs"


class FileSystem(pulumi.ComponentResource):
    """An EFS file system that Fargate tasks mount.

    Creates ``aws.efs.FileSystem`` (encrypted at rest, protected from deletion by default),
    one ``aws.efs.MountTarget`` per private subnet of the network, a security group that
    admits NFS (2049/tcp) only from the tasks that mount it (their services add the rule) and
    the groups you list, an ``aws.efs.FileSystemPolicy`` that denies clients without TLS, an
    ``aws.efs.BackupPolicy`` and the access points you declare.

    Example::

        from fargate_components import AccessPointSpec, FileSystem, FileSystemArgs
        from fargate_components import Network, NetworkArgs

        net = Network("net", NetworkArgs(nat_gateways="single"))
        shared = FileSystem("shared", FileSystemArgs(
            network=net,
            access_points=[AccessPointSpec(name="jobs", path="/jobs", uid=1000, gid=1000)],
        ))
        volume = shared.volume("jobs", access_point="jobs")
        # FargateTaskDefinitionArgs(volumes=[volume], containers=[Container(...,
        #     mount_points=[MountPoint(volume="jobs", path="/data")])])

    Attributes:
        file_system: the ``aws.efs.FileSystem``; ``id``, ``arn``: its id and ARN.
        security_group: the mount targets' security group; ``security_group_id`` its id.
        mount_targets: one ``aws.efs.MountTarget`` per private subnet.
        access_points: access point name -> ``aws.efs.AccessPoint``.
        backup_policy: the ``aws.efs.BackupPolicy`` (status ENABLED or DISABLED).
        policy: the ``aws.efs.FileSystemPolicy``.
    """

    def __init__(
        self,
        name: str,
        args: FileSystemArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        check_name_tag(name)
        validate_file_system_args(args)
        super().__init__(f"{TYPE_PREFIX}:efs:FileSystem", name, None, opts)
        self._name = name
        self._network = args.network
        tags = merge_tags(args.tags)
        self._build_security_group(name, args, tags)
        self._build_file_system(name, args, tags)
        self._build_mount_targets(name, args)
        self._build_access_points(name, args, tags)
        self.id: pulumi.Output[str] = self.file_system.id
        self.arn: pulumi.Output[str] = self.file_system.arn
        self.security_group_id: pulumi.Output[str] = self.security_group.id
        self.register_outputs(
            {
                "id": self.id,
                "arn": self.arn,
                "securityGroupId": self.security_group_id,
                "accessPointIds": {k: v.id for k, v in self.access_points.items()},
            }
        )

    def _build_security_group(self, name: str, args: FileSystemArgs, tags: dict[str, str]) -> None:
        self.security_group: aws.ec2.SecurityGroup = aws.ec2.SecurityGroup(
            f"{name}-{SECURITY_GROUP}",
            vpc_id=args.network.vpc_id,
            description=f"NFS to the {name} EFS mount targets, only from tasks that mount it",
            tags=merge_tags(tags, {"Name": f"{name}-{SECURITY_GROUP}"}),
            opts=child_opts(self),
        )
        for i, group in enumerate(args.allowed_security_group_ids):
            allow_tcp_ingress(
                self,
                f"{name}-{NFS_INGRESS}-{i}",
                security_group_id=self.security_group.id,
                port=NFS_PORT,
                description=f"NFS from an allowed security group ({name})",
                source_security_group_id=group,
            )

    def _build_file_system(self, name: str, args: FileSystemArgs, tags: dict[str, str]) -> None:
        self.file_system: aws.efs.FileSystem = aws.efs.FileSystem(
            f"{name}-{FILE_SYSTEM}",
            encrypted=True,
            kms_key_id=args.kms_key_arn,
            performance_mode=args.performance_mode,
            throughput_mode=args.throughput_mode,
            provisioned_throughput_in_mibps=args.provisioned_throughput_mibps,
            lifecycle_policies=[
                aws.efs.FileSystemLifecyclePolicyArgs(**p) for p in lifecycle_policies(args)
            ]
            or None,
            tags=merge_tags(tags, {"Name": name}),
            # Data is sacred: a file system is never deleted by accident.
            opts=child_opts(self, protect=args.protect),
        )
        self.backup_policy: aws.efs.BackupPolicy = aws.efs.BackupPolicy(
            f"{name}-{BACKUP_POLICY}",
            file_system_id=self.file_system.id,
            backup_policy=aws.efs.BackupPolicyBackupPolicyArgs(
                status="ENABLED" if args.backup else "DISABLED"
            ),
            opts=child_opts(self),
        )
        if not args.backup:
            pulumi.log.warn(
                f"FileSystem {name!r}: automatic backups are disabled (CKV2_AWS_18).",
                resource=self,
            )
        self.policy: aws.efs.FileSystemPolicy = aws.efs.FileSystemPolicy(
            f"{name}-{POLICY}",
            file_system_id=self.file_system.id,
            policy=self.file_system.arn.apply(lambda arn: to_json(secure_transport_policy(arn))),
            opts=child_opts(self),
        )

    def _build_mount_targets(self, name: str, args: FileSystemArgs) -> None:
        # One per private subnet (one per AZ); named by position so the names are known now.
        self.mount_targets: list[aws.efs.MountTarget] = [
            aws.efs.MountTarget(
                f"{name}-{MOUNT_TARGET}-{chr(ord('a') + i)}",
                file_system_id=self.file_system.id,
                subnet_id=subnet,
                security_groups=[self.security_group.id],
                opts=child_opts(self),
            )
            for i, subnet in enumerate(args.network.private_subnet_id_list)
        ]

    def _build_access_points(self, name: str, args: FileSystemArgs, tags: dict[str, str]) -> None:
        self.access_points: dict[str, aws.efs.AccessPoint] = {}
        self._specs: dict[str, AccessPointSpec] = {}
        for spec in args.access_points:
            self._specs[spec.name] = spec
            self.access_points[spec.name] = aws.efs.AccessPoint(
                f"{name}-{ACCESS_POINT}-{spec.name}",
                file_system_id=self.file_system.id,
                posix_user=aws.efs.AccessPointPosixUserArgs(
                    uid=spec.uid,
                    gid=spec.gid,
                    secondary_gids=list(spec.secondary_gids) or None,
                ),
                root_directory=aws.efs.AccessPointRootDirectoryArgs(
                    path=spec.path,
                    creation_info=aws.efs.AccessPointRootDirectoryCreationInfoArgs(
                        owner_uid=spec.uid, owner_gid=spec.gid, permissions=spec.permissions
                    ),
                ),
                tags=merge_tags(tags, {"Name": f"{name}-{ACCESS_POINT}-{spec.name}"}),
                opts=child_opts(self),
            )

    def volume(
        self,
        volume_name: str,
        *,
        access_point: str | None = None,
        root_directory: str | None = None,
        iam_authorization: bool = True,
    ) -> Volume:
        """A task volume on this file system (transit encryption on, IAM authorization on by
        default), through the access point named ``access_point`` when given. Tasks that
        mount it are admitted on NFS by their service's or scheduled task's security group."""
        where = f"FileSystem({self._name!r}).volume({volume_name!r})"
        ap = None
        if access_point is not None:
            ap = self.access_points.get(access_point)
            if ap is None:
                raise ValidationError(
                    f"{where}.access_point",
                    access_point,
                    f"one of the file system's access points ({', '.join(sorted(self.access_points)) or 'none'})",
                )
        volume = Volume(
            name=volume_name,
            efs=EfsVolume(
                file_system_id=self.file_system.id,
                access_point_id=ap.id if ap is not None else None,
                root_directory=root_directory,
                iam_authorization=iam_authorization,
                security_group_id=self.security_group.id,
                file_system_arn=self.file_system.arn,
                access_point_arn=ap.arn if ap is not None else None,
                network=self._network,
            ),
        )
        check_volume(where, volume)
        return volume
