"""Task volumes, container mount points and writable scratch paths. Pure: no Pulumi resources.

A Fargate task has three kinds of volume here:

* a **bind volume** (task-local, on the task's ephemeral storage, shared by the containers that
  mount it and removed when the task stops; ``Volume.bind(name)``);
* an **EFS volume** (``Volume.efs_volume(name, file_system_id=..., access_point_id=...)``,
  or ``FileSystem.volume(...)``), with transit encryption and IAM authorization on by default;
* an **EBS volume** (``Volume.ebs(name)``, ``configuredAtLaunch``): the service that runs the
  task creates one per task (``FargateServiceArgs.ebs_volume``, ecs/ebs_volumes.py), deleted
  when the task stops.

Containers mount them with ``Container.mount_points=[MountPoint(volume=..., path=...)]``, share
another container's mounts with ``volumes_from=[VolumesFrom(container=...)]``, and get writable
scratch directories under a read-only root filesystem with ``Container.writable_paths``: each
path becomes a bind volume of its own mounted read-write at that path.

Rules encoded here, with their sources (checked 2026-12):

* volume names: "Up to 255 letters (uppercase and lowercase), numbers, hyphens (-), and
  underscores (_) are allowed. This name is referenced in the sourceVolume parameter of the
  container definition mountPoints" ("Specify a bind mount in an Amazon ECS task definition",
  https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specify-bind-mount-config.html);
  unique within the task, and every ``sourceVolume`` names a declared volume;
* bind mounts on Fargate take no ``host.sourcePath`` ("The sourcePath parameter is only
  supported when using tasks that are hosted on Amazon EC2 instances", same page), so a bind
  volume is just a name; its data lives on the task's ephemeral storage (20 GiB by default,
  21-200 GiB with ``ephemeralStorage``) and is removed when the task stops ("Use bind mounts
  with Amazon ECS", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html);
  a bind volume is created owned by root with mode 0755 (same page), so a container running
  as a non-root ``user`` can't write to it unless the image's Dockerfile declares a
  ``VOLUME`` at that path owned by that user (aws/containers-roadmap #938) - we warn;
* container paths are absolute; one mount per path per container (Docker rejects a duplicate
  mount point);
* EFS: "If an EFS access point is specified in the authorizationConfig, the root directory
  parameter must either be omitted or set to /"; "Transit encryption must be enabled if Amazon
  EFS IAM authorization is used" and "If an access point is used, transit encryption must be
  on" (EFSVolumeConfiguration / EFSAuthorizationConfig, ECS API reference,
  https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EFSVolumeConfiguration.html);
  ``transitEncryptionPort`` is a TCP port (1-65535);
* EFS on Fargate needs platform version 1.4.0 or later ("Fargate platform versions 1.3.0 or
  earlier don't support persistent storage using Amazon EFS", AWS knowledge center
  "mount an Amazon EFS file system on an Amazon ECS container or task running on Fargate";
  CDK ``FargatePlatformVersion.VERSION1_4``: "Supports EFS endpoints");
* Windows containers on Fargate: EFS volumes are not supported ("Amazon EFS volumes are not
  supported on Windows containers" is how the ECS guide's Windows considerations read;
  **not confirmed** from the stored docs, so we reject it as the conservative choice).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi

from ..errors import ValidationError, check_int_range, is_known
from ..network.types import NetworkLike

__all__ = [
    "EFS_MIN_PLATFORM_VERSION",
    "EfsVolume",
    "MountPoint",
    "Volume",
    "VolumesFrom",
    "check_platform_version",
    "check_volume",
    "mount_points_json",
    "scratch_volume_name",
    "volume_json",
    "volumes_from_json",
]

#: The first Fargate platform version with EFS volumes.
EFS_MIN_PLATFORM_VERSION = (1, 4, 0)

_VOLUME_NAME = re.compile(r"^[A-Za-z0-9_-]{1,255}$")
_LINUX_PATH = re.compile(r"^/[^\0]*$")
_WINDOWS_PATH = re.compile(r"^[A-Za-z]:\\")
_EFS_ID = re.compile(r"^fs-[0-9a-f]{8,40}$")
_ACCESS_POINT_ID = re.compile(r"^fsap-[0-9a-f]{8,40}$")


@dataclass(frozen=True, kw_only=True)
class EfsVolume:
    """Where an EFS volume comes from and how the task mounts it.

    Transit encryption and IAM authorization are on by default: with IAM on, ECS mounts with
    the *task role*, and :class:`~fargate_components.FargateTaskDefinition` grants that role
    exactly ``elasticfilesystem:ClientMount`` (plus ``ClientWrite`` when a container mounts
    the volume read-write) on this file system, through this access point when one is given.
    """

    file_system_id: pulumi.Input[str]
    """The EFS file system id (``fs-...``). Required."""
    access_point_id: pulumi.Input[str] | None = None
    """An access point id (``fsap-...``) that enforces its POSIX user and root directory.
    Default: None (mount the file system at ``root_directory``)."""
    root_directory: str | None = None
    """Directory of the file system to mount (absolute); must be unset or ``"/"`` with an
    access point. Default: None (the file system's root, or the access point's)."""
    transit_encryption: bool = True
    """Encrypt NFS traffic with TLS (required with IAM authorization or an access point).
    Default: True."""
    transit_encryption_port: int | None = None
    """TCP port for the encrypted tunnel, 1-65535. Default: None (the EFS mount helper picks)."""
    iam_authorization: bool = True
    """Mount with the task role (IAM authorization); the task role gets exactly the client
    actions it needs. Default: True."""
    security_group_id: pulumi.Input[str] | None = None
    """The mount targets' security group: services and scheduled tasks running this task get
    an NFS (2049/tcp) ingress rule on it from their own security group. Default: None (you
    admit the tasks yourself; set by ``FileSystem.volume``)."""
    file_system_arn: pulumi.Input[str] | None = None
    """The file system's ARN for the task role's policy. Default: None (built from the id,
    the stack's Region and account)."""
    access_point_arn: pulumi.Input[str] | None = None
    """The access point's ARN for the task role's condition. Default: None (built from the
    id, the stack's Region and account)."""
    network: Any = None
    """The network (``Network`` or ``Network.existing(...)``) whose VPC holds the file
    system's mount targets: a service or scheduled task running this task must run in that
    VPC (ECS mounts EFS by its DNS name, which resolves only there). Default: None (not
    checked; set by ``FileSystem.volume``)."""


@dataclass(frozen=True, kw_only=True)
class Volume:
    """A task volume: task-local bind storage, or an EFS file system.

    Example::

        Volume.bind("shared")
        Volume.efs_volume("data", file_system_id="fs-0123456789abcdef0", access_point_id="fsap-...")
    """

    name: str
    """Volume name, referenced by ``MountPoint.volume``: 1-255 letters, digits, '-' and '_'.
    Required."""
    efs: EfsVolume | None = None
    """EFS configuration. Default: None (a task-local bind volume)."""
    configured_at_launch: bool = False
    """An Amazon EBS volume the service creates for each task (``FargateServiceArgs.ebs_volume``;
    ``configuredAtLaunch``). Default: False."""

    @classmethod
    def bind(cls, name: str) -> Volume:
        """A task-local bind volume (ephemeral storage, removed when the task stops)."""
        return cls(name=name)

    @classmethod
    def ebs(cls, name: str) -> Volume:
        """An Amazon EBS volume configured at launch: the service running the task says what
        to create (``FargateServiceArgs.ebs_volume=EbsVolume(...)``); deleted with the task."""
        return cls(name=name, configured_at_launch=True)

    @classmethod
    def efs_volume(cls, name: str, **kwargs: Any) -> Volume:
        """An EFS volume; keyword arguments are those of :class:`EfsVolume`."""
        return cls(name=name, efs=EfsVolume(**kwargs))

    @property
    def kind(self) -> str:
        """``"bind"``, ``"efs"`` or ``"ebs"``."""
        if self.configured_at_launch:
            return "ebs"
        return "bind" if self.efs is None else "efs"


@dataclass(frozen=True, kw_only=True)
class MountPoint:
    """A task volume mounted into one container."""

    volume: str
    """Name of a volume of the task definition (``FargateTaskDefinitionArgs.volumes``). Required."""
    path: str
    """Absolute path in the container, e.g. ``"/data"``. Required."""
    read_only: bool = False
    """Mount read-only (for EFS: the task role gets no ``ClientWrite`` for it). Default: False."""


@dataclass(frozen=True, kw_only=True)
class VolumesFrom:
    """Mount every volume of another container of the task."""

    container: str
    """Name of another container in the task. Required."""
    read_only: bool = False
    """Mount them read-only. Default: False."""


def _where(container: str, attribute: str) -> str:
    return f"Container(name={container!r}).{attribute}"


def check_container_path(argument: str, path: Any, windows: bool = False) -> None:
    """Require an absolute container path (``/...`` on Linux, ``C:\\...`` on Windows)."""
    pattern = _WINDOWS_PATH if windows else _LINUX_PATH
    if not isinstance(path, str) or not pattern.match(path) or len(path) > 4096:
        allowed = (
            "an absolute Windows path such as 'C:\\\\data'"
            if windows
            else "an absolute path such as '/data' (at most 4096 characters)"
        )
        raise ValidationError(argument, path, allowed)


def check_volume(argument: str, volume: Any) -> None:
    """Validate one volume on its own (task-wide checks live in :func:`check_task_volumes`)."""
    if not isinstance(volume, Volume):
        raise ValidationError(
            argument, volume, "a Volume (Volume.bind(...) or Volume.efs_volume(...))"
        )
    if not isinstance(volume.name, str) or not _VOLUME_NAME.match(volume.name):
        raise ValidationError(f"{argument}.name", volume.name, "1-255 letters, digits, '-' and '_'")
    if not isinstance(volume.configured_at_launch, bool):
        raise ValidationError(
            f"{argument}.configured_at_launch", volume.configured_at_launch, "True or False"
        )
    efs = volume.efs
    if volume.configured_at_launch and efs is not None:
        raise ValidationError(
            f"{argument}.efs",
            efs.file_system_id,
            "unset on an EBS volume (Volume.ebs(...) is configured at launch, not on EFS)",
        )
    if efs is None:
        return
    where = f"{argument}.efs"
    if not isinstance(efs, EfsVolume):
        raise ValidationError(where, efs, "an EfsVolume")
    if efs.network is not None and not isinstance(efs.network, NetworkLike):
        raise ValidationError(
            f"{where}.network", efs.network, "a Network or Network.existing(...), or None"
        )
    if is_known(efs.file_system_id) and (
        not isinstance(efs.file_system_id, str) or not _EFS_ID.match(efs.file_system_id)
    ):
        raise ValidationError(
            f"{where}.file_system_id", efs.file_system_id, "an EFS file system id (fs-...)"
        )
    if (
        efs.access_point_id is not None
        and is_known(efs.access_point_id)
        and (
            not isinstance(efs.access_point_id, str)
            or not _ACCESS_POINT_ID.match(efs.access_point_id)
        )
    ):
        raise ValidationError(
            f"{where}.access_point_id", efs.access_point_id, "an EFS access point id (fsap-...)"
        )
    if efs.root_directory is not None:
        check_container_path(f"{where}.root_directory", efs.root_directory)
        if efs.access_point_id is not None and efs.root_directory != "/":
            raise ValidationError(
                f"{where}.root_directory",
                efs.root_directory,
                "unset or '/' with an access point (the access point sets the root directory)",
            )
    if efs.transit_encryption_port is not None:
        check_int_range(f"{where}.transit_encryption_port", efs.transit_encryption_port, 1, 65535)
        if not efs.transit_encryption:
            raise ValidationError(
                f"{where}.transit_encryption_port",
                efs.transit_encryption_port,
                "unset when transit_encryption=False",
            )
    if not efs.transit_encryption:
        if efs.iam_authorization:
            raise ValidationError(
                f"{where}.transit_encryption",
                False,
                "True with IAM authorization (ECS requires TLS for IAM-authorized mounts)",
            )
        if efs.access_point_id is not None:
            raise ValidationError(
                f"{where}.transit_encryption",
                False,
                "True with an access point (ECS requires TLS for access point mounts)",
            )


@dataclass(frozen=True)
class EfsGrant:
    """What the task role needs on one EFS volume: mount, and write unless every mount of it
    is read-only."""

    volume: Volume
    write: bool


def scratch_volume_name(container: str, path: str) -> str:
    """The bind volume behind ``Container.writable_paths``: ``<container>-<path as dashes>``,
    e.g. ``web`` + ``/var/cache/nginx`` -> ``web-var-cache-nginx`` (at most 255 characters)."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", path).strip("-") or "root"
    return f"{container}-{slug}"[:255]


def check_volume_list(volumes: Sequence[Volume], *, windows: bool) -> dict[str, Volume]:
    """The task's ``volumes``: a list of valid volumes, each name once, none on EFS for a
    Windows task; returns them by name. Raises under ``volumes`` (``volumes[0].name``); the
    task definition re-raises under its own path (``errors.argument_path``)."""
    argument = "volumes"
    if isinstance(volumes, (str, Volume)) or not isinstance(volumes, Sequence):
        raise ValidationError(argument, volumes, "a list of Volume objects")
    for i, volume in enumerate(volumes):
        check_volume(f"{argument}[{i}]", volume)
    declared: dict[str, Volume] = {}
    for volume in volumes:
        if volume.name in declared:
            raise ValidationError(f"{argument}[].name", volume.name, "each volume name once")
        declared[volume.name] = volume
    at_launch = [v.name for v in volumes if v.configured_at_launch]
    if len(at_launch) > 1:
        # "Each task definition revision may only have one volume configured at launch"
        # (ECS API, Volume.configuredAtLaunch); one EBS volume per task (ecs/ebs_volumes.py).
        raise ValidationError(
            f"{argument}[name={at_launch[1]!r}]",
            at_launch,
            "one Volume.ebs(...) per task definition (ECS attaches one EBS volume per task)",
        )
    if windows:
        for volume in volumes:
            if volume.efs is not None:
                raise ValidationError(
                    f"{argument}[name={volume.name!r}].efs",
                    volume.efs.file_system_id,
                    "unset for Windows tasks (EFS volumes need Linux on Fargate)",
                )
            if volume.configured_at_launch:
                raise ValidationError(
                    f"{argument}[name={volume.name!r}]",
                    "Volume.ebs(...)",
                    "a bind volume for Windows tasks (task-attached EBS volumes are Linux "
                    "only here: ecs/ebs_volumes.py)",
                )
    return declared


def check_task_volumes(
    volumes: Mapping[str, Volume],
    containers: Sequence[Any],
    *,
    windows: bool,
) -> dict[str, EfsGrant]:
    """The containers' use of the task's volumes (``volumes``: by name, from
    :func:`check_volume_list`); returns the EFS volumes that are mounted, with whether any
    container writes to them. Errors name the container (``Container(name='web')...``), the
    path the user typed it under.

    ``containers`` are :class:`~fargate_components.ecs.containers.Container` objects (typed
    loosely to keep this module free of an import cycle)."""
    declared = dict(volumes)
    for c in containers:
        for path in c.writable_paths:
            name = scratch_volume_name(c.name, path)
            if name in declared:
                raise ValidationError(
                    _where(c.name, "writable_paths"),
                    path,
                    f"a path whose scratch volume name {name!r} is not already a volume name",
                )
            declared[name] = Volume.bind(name)

    writes = _check_mounts(containers, declared, windows)
    # A container that takes another's volumes read-write writes to them too.
    by_name = {c.name: c for c in containers}
    for c in containers:
        for source in c.volumes_from:
            if source.read_only:
                continue
            for mount in by_name[source.container].mount_points:
                if not mount.read_only:
                    writes[mount.volume] = True
    return {
        name: EfsGrant(declared[name], writes[name])
        for name in sorted(writes)
        if declared[name].efs is not None
    }


def _check_mounts(
    containers: Sequence[Any], declared: dict[str, Volume], windows: bool
) -> dict[str, bool]:
    """Every container's mount points and ``volumes_from``; returns, per mounted volume,
    whether a container mounts it read-write."""
    names = {c.name for c in containers}
    writes: dict[str, bool] = {}
    for c in containers:
        paths: set[str] = set()
        mounts = [
            ("writable_paths", MountPoint(volume=scratch_volume_name(c.name, p), path=p))
            for p in c.writable_paths
        ]
        mounts += [(f"mount_points[{i}]", m) for i, m in enumerate(c.mount_points)]
        for attr, mount in mounts:
            where = _where(c.name, attr)
            if not isinstance(mount, MountPoint):
                raise ValidationError(where, mount, "a MountPoint")
            if mount.volume not in declared:
                raise ValidationError(
                    f"{where}.volume",
                    mount.volume,
                    "the name of a volume in FargateTaskDefinitionArgs.volumes"
                    + (f" ({', '.join(sorted(declared))})" if declared else " (none declared)"),
                )
            check_container_path(f"{where}.path", mount.path, windows)
            if mount.path in paths:
                raise ValidationError(
                    f"{where}.path", mount.path, "each container path once per container"
                )
            paths.add(mount.path)
            if not isinstance(mount.read_only, bool):
                raise ValidationError(f"{where}.read_only", mount.read_only, "True or False")
            writes[mount.volume] = writes.get(mount.volume, False) or not mount.read_only
        for i, source in enumerate(c.volumes_from):
            where = _where(c.name, f"volumes_from[{i}]")
            if not isinstance(source, VolumesFrom):
                raise ValidationError(where, source, "a VolumesFrom")
            if source.container == c.name or source.container not in names:
                raise ValidationError(
                    f"{where}.container",
                    source.container,
                    f"the name of another container in the task ({', '.join(sorted(names - {c.name}))})",
                )
    return writes


def unused_volumes(volumes: Sequence[Volume], containers: Sequence[Any]) -> list[str]:
    """Names of declared volumes no container mounts (legal, but usually a mistake)."""
    mounted = {m.volume for c in containers for m in c.mount_points}
    return sorted(v.name for v in volumes if v.name not in mounted)


def _parse_version(value: str) -> tuple[int, ...] | None:
    if not re.match(r"^\d+\.\d+\.\d+$", value):
        return None
    return tuple(int(part) for part in value.split("."))


def check_platform_version(
    argument: str,
    platform_version: Any,
    *,
    efs: bool = False,
    exec_on: bool = False,
    windows: bool = False,
) -> None:
    """EFS volumes and ECS Exec need Fargate platform version 1.4.0 or later on Linux (or
    ``LATEST``, which has resolved to 1.4.0 since March 2021: "AWS Fargate updates platform
    version 1.4.0 to be the latest version", which lists EFS and ECS Exec among its
    features). On Windows, Exec needs 1.0.0, the only Windows version ("If you're using AWS
    Fargate, you must use platform version 1.4.0 or higher (Linux) or 1.0.0 (Windows)", ECS
    guide "Running commands using ECS Exec",
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html); EFS on
    Windows is refused by :func:`check_task_volumes`, so nothing is left to check there."""
    if (
        windows
        or not (efs or exec_on)
        or not is_known(platform_version)
        or platform_version in (None, "LATEST")
    ):
        return
    version = _parse_version(str(platform_version))
    if version is not None and version < EFS_MIN_PLATFORM_VERSION:
        needs = " and ".join(n for n, on in (("EFS volumes", efs), ("ECS Exec", exec_on)) if on)
        raise ValidationError(
            argument,
            platform_version,
            f"'LATEST' or 1.4.0 or later: the task uses {needs}, which Fargate supports from "
            "Linux platform version 1.4.0",
        )


# -- JSON -------------------------------------------------------------------------------


def mount_points_json(container: Any) -> list[dict[str, Any]]:
    """``mountPoints`` of a container: scratch paths first, then ``mount_points``, each with
    an explicit ``readOnly`` (ECS echoes it back)."""
    mounts = [
        MountPoint(volume=scratch_volume_name(container.name, p), path=p)
        for p in container.writable_paths
    ]
    mounts += list(container.mount_points)
    return [
        {"sourceVolume": m.volume, "containerPath": m.path, "readOnly": m.read_only} for m in mounts
    ]


def volumes_from_json(container: Any) -> list[dict[str, Any]]:
    return [
        {"sourceContainer": v.container, "readOnly": v.read_only} for v in container.volumes_from
    ]


def task_volume_list(volumes: Sequence[Volume], containers: Sequence[Any]) -> list[Volume]:
    """Every volume of the task: the declared ones, then one bind volume per writable path."""
    result = list(volumes)
    for c in containers:
        result.extend(Volume.bind(scratch_volume_name(c.name, p)) for p in c.writable_paths)
    return result


def volume_json(volume: Volume) -> Mapping[str, Any]:
    """A volume as ``aws.ecs.TaskDefinition`` ``volumes`` input data (snake_case keys of the
    Pulumi input types), EFS leaves may be Outputs."""
    if volume.configured_at_launch:
        return {"name": volume.name, "configure_at_launch": True}
    if volume.efs is None:
        return {"name": volume.name}
    efs = volume.efs
    config: dict[str, Any] = {
        "file_system_id": efs.file_system_id,
        "transit_encryption": "ENABLED" if efs.transit_encryption else "DISABLED",
    }
    if efs.root_directory is not None:
        config["root_directory"] = efs.root_directory
    if efs.transit_encryption_port is not None:
        config["transit_encryption_port"] = efs.transit_encryption_port
    if efs.access_point_id is not None or efs.iam_authorization:
        auth: dict[str, Any] = {"iam": "ENABLED" if efs.iam_authorization else "DISABLED"}
        if efs.access_point_id is not None:
            auth["access_point_id"] = efs.access_point_id
        config["authorization_config"] = auth
    return {"name": volume.name, "efs_volume_configuration": config}
