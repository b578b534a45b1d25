"""Bad inputs of issue 13's task features: volumes, mount points, writable paths, read-only
root, restart policies, registry credentials, EFS file systems and ECS Exec."""

from __future__ import annotations

from typing import Any

from fargate_components.ecs import (
    Container,
    FargateCluster,
    FargateClusterArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
)
from fargate_components.ecs.restart_policy import RestartPolicy
from fargate_components.ecs.volumes import EfsVolume, MountPoint, Volume, VolumesFrom
from fargate_components.efs import AccessPointSpec, FileSystem, FileSystemArgs
from fargate_components.network import Network

from . import BadInput

TD = "FargateTaskDefinitionArgs"
FS = "FileSystemArgs"
FS_ID = "fs-0123456789abcdef0"
WIN = "WINDOWS_SERVER_2022_CORE"


def _c(name: str = "app", **kwargs: Any) -> Container:
    return Container(name=name, image="nginx:1.27", **kwargs)


def _td(**kwargs: Any) -> FargateTaskDefinition:
    kwargs.setdefault("containers", [_c()])
    return FargateTaskDefinition("bad", FargateTaskDefinitionArgs(**kwargs))


def _mount(volume: str = "data", path: str = "/data", **kwargs: Any) -> Container:
    return _c(mount_points=[MountPoint(volume=volume, path=path, **kwargs)])


def _fs(**kwargs: Any) -> FileSystem:
    net = Network.existing("vpc-1", ["subnet-p1"], ["subnet-a", "subnet-b"])
    return FileSystem("bad", FileSystemArgs(network=net, **kwargs))


def _efs(**kwargs: Any) -> Volume:
    kwargs.setdefault("file_system_id", FS_ID)
    return Volume(name="data", efs=EfsVolume(**kwargs))


CASES = [
    # -- volumes and mounts ----------------------------------------------------------------
    BadInput(
        "tasks-mount-undeclared-volume",
        lambda: _td(containers=[_mount("nope")]),
        "Container(name='app').mount_points[0].volume",
    ),
    BadInput(
        "tasks-mount-relative-path",
        lambda: _td(volumes=[Volume.bind("data")], containers=[_mount(path="data")]),
        "Container(name='app').mount_points[0].path",
    ),
    BadInput(
        "tasks-mount-duplicate-path",
        lambda: _td(
            volumes=[Volume.bind("a"), Volume.bind("b")],
            containers=[
                _c(
                    mount_points=[
                        MountPoint(volume="a", path="/d"),
                        MountPoint(volume="b", path="/d"),
                    ]
                )
            ],
        ),
        "Container(name='app').mount_points[1].path",
    ),
    BadInput(
        "tasks-volume-duplicate-name",
        lambda: _td(volumes=[Volume.bind("a"), Volume.bind("a")]),
        f"{TD}.volumes[].name",
    ),
    BadInput(
        "tasks-volume-name", lambda: _td(volumes=[Volume.bind("a b")]), f"{TD}.volumes[0].name"
    ),
    BadInput(
        "tasks-volumes-from-self",
        lambda: _td(containers=[_c(volumes_from=[VolumesFrom(container="app")])]),
        "Container(name='app').volumes_from[0].container",
    ),
    BadInput(
        "tasks-writable-path-relative",
        lambda: _c(writable_paths=["tmp"]),
        "Container(name='app').writable_paths[0]",
    ),
    BadInput(
        "tasks-writable-path-twice",
        lambda: _c(writable_paths=["/tmp", "/tmp"]),
        "Container(name='app').writable_paths",
    ),
    BadInput(
        "tasks-writable-paths-with-writable-root",
        lambda: _c(writable_paths=["/tmp"], readonly_root_filesystem=False),
        "Container(name='app').writable_paths",
    ),
    BadInput(
        "tasks-writable-paths-windows",
        lambda: _td(
            cpu=1024, memory=2048, operating_system=WIN, containers=[_c(writable_paths=["/tmp"])]
        ),
        "Container(name='app').writable_paths",
    ),
    BadInput(
        "tasks-readonly-root-windows",
        lambda: _td(
            cpu=1024,
            memory=2048,
            operating_system=WIN,
            containers=[_c(readonly_root_filesystem=True)],
        ),
        "Container(name='app').readonly_root_filesystem",
    ),
    # -- EFS volumes -------------------------------------------------------------------------
    BadInput(
        "tasks-efs-id", lambda: _td(volumes=[_efs(file_system_id="efs-1")]), ".efs.file_system_id"
    ),
    BadInput(
        "tasks-efs-root-with-access-point",
        lambda: _td(volumes=[_efs(access_point_id="fsap-0123456789abcdef0", root_directory="/x")]),
        ".efs.root_directory",
    ),
    BadInput(
        "tasks-efs-iam-without-tls",
        lambda: _td(volumes=[_efs(transit_encryption=False)]),
        ".efs.transit_encryption",
    ),
    BadInput(
        "tasks-efs-tls-port",
        lambda: _td(volumes=[_efs(transit_encryption_port=0)]),
        ".efs.transit_encryption_port",
    ),
    BadInput(
        "tasks-efs-windows",
        lambda: _td(cpu=1024, memory=2048, operating_system=WIN, volumes=[_efs()]),
        f"{TD}.volumes[name='data'].efs",
    ),
    # -- restart policy and registry credentials ---------------------------------------------
    BadInput(
        "tasks-restart-period-short",
        lambda: _c(restart_policy=RestartPolicy(restart_attempt_period=30)),
        "Container(name='app').restart_policy.restart_attempt_period",
    ),
    BadInput(
        "tasks-restart-too-many-codes",
        lambda: _c(restart_policy=RestartPolicy(ignored_exit_codes=list(range(51)))),
        "Container(name='app').restart_policy.ignored_exit_codes",
    ),
    BadInput(
        "tasks-restart-exit-code",
        lambda: _c(restart_policy=RestartPolicy(ignored_exit_codes=[300])),
        "Container(name='app').restart_policy.ignored_exit_codes[0]",
    ),
    BadInput(
        "tasks-registry-credentials-ssm",
        lambda: _c(repository_credentials="arn:aws:ssm:us-east-1:123456789012:parameter/hub"),
        "Container(name='app').repository_credentials",
    ),
    # -- ECS Exec ------------------------------------------------------------------------------
    BadInput("tasks-exec-without-logs", lambda: _td(enable_exec=True), f"{TD}.enable_exec"),
    BadInput(
        "tasks-exec-cluster-without-logging",
        lambda: _td(exec_cluster=FargateCluster("c", FargateClusterArgs(exec_logging=False))),
        f"{TD}.exec_cluster",
    ),
    BadInput(
        "tasks-exec-cluster-and-enable-exec",
        lambda: _td(exec_cluster=FargateCluster("c"), enable_exec=True),
        f"{TD}.enable_exec",
    ),
    BadInput("tasks-exec-cluster-type", lambda: _td(exec_cluster="apps"), f"{TD}.exec_cluster"),
    # -- EFS file systems ------------------------------------------------------------------------
    BadInput(
        "tasks-fs-throughput-mode", lambda: _fs(throughput_mode="turbo"), f"{FS}.throughput_mode"
    ),
    BadInput(
        "tasks-fs-provisioned-without-mibps",
        lambda: _fs(throughput_mode="provisioned"),
        f"{FS}.provisioned_throughput_mibps",
    ),
    BadInput(
        "tasks-fs-provisioned-too-much",
        lambda: _fs(throughput_mode="provisioned", provisioned_throughput_mibps=5000),
        f"{FS}.provisioned_throughput_mibps",
    ),
    BadInput(
        "tasks-fs-transition-ia",
        lambda: _fs(transition_to_ia="AFTER_3_DAYS"),
        f"{FS}.transition_to_ia",
    ),
    BadInput(
        "tasks-fs-archive-needs-elastic",
        lambda: _fs(transition_to_archive="AFTER_90_DAYS"),
        f"{FS}.transition_to_archive",
    ),
    BadInput(
        "tasks-fs-archive-before-ia",
        lambda: _fs(throughput_mode="elastic", transition_to_archive="AFTER_7_DAYS"),
        f"{FS}.transition_to_archive",
    ),
    BadInput("tasks-fs-kms", lambda: _fs(kms_key_arn="alias/x"), f"{FS}.kms_key_arn"),
    BadInput(
        "tasks-fs-access-point-path",
        lambda: _fs(access_points=[AccessPointSpec(name="a", path="jobs", uid=1, gid=1)]),
        f"{FS}.access_points[0].path",
    ),
    BadInput(
        "tasks-fs-access-point-uid",
        lambda: _fs(access_points=[AccessPointSpec(name="a", path="/a", uid=-1, gid=1)]),
        f"{FS}.access_points[0].uid",
    ),
    BadInput(
        "tasks-fs-access-point-permissions",
        lambda: _fs(
            access_points=[AccessPointSpec(name="a", path="/a", uid=1, gid=1, permissions="rwx")]
        ),
        f"{FS}.access_points[0].permissions",
    ),
    BadInput(
        "tasks-fs-access-point-gids",
        lambda: _fs(
            access_points=[
                AccessPointSpec(name="a", path="/a", uid=1, gid=1, secondary_gids=list(range(17)))
            ]
        ),
        f"{FS}.access_points[0].secondary_gids",
    ),
    BadInput(
        "tasks-fs-volume-unknown-access-point",
        lambda: _fs().volume("data", access_point="nope"),
        "FileSystem('bad').volume('data').access_point",
    ),
]


def _service(platform_version: str = "LATEST", other_cluster: bool = False) -> Any:
    from fargate_components.ecs import FargateService, FargateServiceArgs

    net = Network.existing("vpc-1", ["subnet-p1"], ["subnet-a", "subnet-b"])
    cluster = FargateCluster("apps")
    fs = FileSystem("shared", FileSystemArgs(network=net))
    task = _td(
        exec_cluster=cluster,
        volumes=[fs.volume("data")],
        containers=[_mount()],
    )
    return FargateService(
        "svc",
        FargateServiceArgs(
            cluster=FargateCluster("other") if other_cluster else cluster,
            task_definition=task,
            network=net,
            platform_version=platform_version,
        ),
    )


CASES += [
    BadInput(
        "tasks-service-efs-platform-1-3",
        lambda: _service(platform_version="1.3.0"),
        "FargateServiceArgs.platform_version",
    ),
    BadInput(
        "tasks-service-exec-other-cluster",
        lambda: _service(other_cluster=True),
        "FargateServiceArgs.cluster",
    ),
]


def _sidecar_td(**kwargs: Any) -> FargateTaskDefinition:
    from fargate_components.ecs.sidecars import LogRouter, TraceCollector  # noqa: F401

    return _td(**kwargs)


def _router(**kwargs: Any) -> Any:
    from fargate_components.ecs.sidecars import LogRouter

    return LogRouter(**kwargs)


def _collector(**kwargs: Any) -> Any:
    from fargate_components.ecs.sidecars import TraceCollector

    return TraceCollector(**kwargs)


CASES += [
    BadInput(
        "tasks-router-retention",
        lambda: _sidecar_td(log_router=_router(retention_days=2)),
        f"{TD}.log_router.retention_days",
    ),
    BadInput(
        "tasks-router-prefix",
        lambda: _sidecar_td(log_router=_router(stream_prefix="has space")),
        f"{TD}.log_router.stream_prefix",
    ),
    BadInput(
        "tasks-router-twice",
        lambda: _sidecar_td(
            log_router=_router(),
            containers=[_c(), _c("fb", firelens=__import__("fargate_components").FireLensConfig())],
        ),
        f"{TD}.log_router",
    ),
    BadInput(
        "tasks-collector-kind",
        lambda: _sidecar_td(trace_collector=_collector(kind="zipkin")),
        f"{TD}.trace_collector.kind",
    ),
    BadInput(
        "tasks-sidecar-name-clash",
        lambda: _sidecar_td(log_router=_router(name="app")),
        f"{TD}.containers[].name",
    ),
]


# -- task-attached EBS volumes (configured on the service) -----------------------------------
def _ebs_service(ebs: Any = None, *, volumes: Any = None, **kwargs: Any) -> Any:
    from fargate_components.ecs import FargateService, FargateServiceArgs

    net = Network.existing("vpc-1", ["subnet-p1"], ["subnet-a", "subnet-b"])
    task = _td(
        volumes=[Volume.ebs("data")] if volumes is None else volumes,
        containers=[_mount()],
        **kwargs,
    )
    return FargateService(
        "bad",
        FargateServiceArgs(
            cluster=FargateCluster("bad-c"), task_definition=task, network=net, ebs_volume=ebs
        ),
    )


def _ebs(**kwargs: Any) -> Any:
    from fargate_components.ecs import EbsVolume

    kwargs.setdefault("size_gib", 50)
    return EbsVolume(**kwargs)


SVC = "FargateServiceArgs.ebs_volume"
CASES += [
    BadInput("tasks-ebs-missing-config", lambda: _ebs_service(None), SVC),
    BadInput(
        "tasks-ebs-without-declared-volume",
        lambda: _ebs_service(_ebs(), volumes=[Volume.bind("data")]),
        SVC,
    ),
    BadInput("tasks-ebs-volume-name", lambda: _ebs_service(_ebs(volume="other")), f"{SVC}.volume"),
    BadInput(
        "tasks-ebs-two-volumes",
        lambda: _td(volumes=[Volume.ebs("a"), Volume.ebs("b")]),
        f"{TD}.volumes[name='b']",
    ),
    BadInput(
        "tasks-ebs-windows",
        lambda: _td(cpu=1024, memory=2048, operating_system=WIN, volumes=[Volume.ebs("data")]),
        f"{TD}.volumes[name='data']",
    ),
    BadInput(
        "tasks-ebs-and-efs",
        lambda: _td(
            volumes=[
                Volume(name="data", configured_at_launch=True, efs=EfsVolume(file_system_id=FS_ID))
            ]
        ),
        f"{TD}.volumes[0].efs",
    ),
    BadInput("tasks-ebs-type", lambda: _ebs_service(_ebs(volume_type="gp4")), f"{SVC}.volume_type"),
    BadInput(
        "tasks-ebs-size-missing", lambda: _ebs_service(_ebs(size_gib=None)), f"{SVC}.size_gib"
    ),
    BadInput("tasks-ebs-size-gp3", lambda: _ebs_service(_ebs(size_gib=16_385)), f"{SVC}.size_gib"),
    BadInput(
        "tasks-ebs-size-io1",
        lambda: _ebs_service(_ebs(volume_type="io1", size_gib=3, iops=100)),
        f"{SVC}.size_gib",
    ),
    BadInput(
        "tasks-ebs-size-st1",
        lambda: _ebs_service(_ebs(volume_type="st1", size_gib=124)),
        f"{SVC}.size_gib",
    ),
    BadInput(
        # "The magnetic (standard) Amazon EBS volume type is not supported for tasks hosted
        # on Fargate" (ebs-volumes.html, Considerations)
        "tasks-ebs-standard-on-fargate",
        lambda: _ebs_service(_ebs(volume_type="standard", size_gib=100)),
        f"{SVC}.volume_type",
    ),
    BadInput(
        "tasks-ebs-iops-required",
        lambda: _ebs_service(_ebs(volume_type="io2", size_gib=100)),
        f"{SVC}.iops",
    ),
    BadInput(
        "tasks-ebs-iops-refused",
        lambda: _ebs_service(_ebs(volume_type="gp2", iops=3000)),
        f"{SVC}.iops",
    ),
    BadInput(
        "tasks-ebs-iops-refused-hdd",
        lambda: _ebs_service(_ebs(volume_type="sc1", size_gib=500, iops=3000)),
        f"{SVC}.iops",
    ),
    BadInput("tasks-ebs-iops-range-gp3", lambda: _ebs_service(_ebs(iops=2999)), f"{SVC}.iops"),
    BadInput(
        "tasks-ebs-iops-range-io1",
        lambda: _ebs_service(_ebs(volume_type="io1", size_gib=2000, iops=64_001)),
        f"{SVC}.iops",
    ),
    BadInput(
        "tasks-ebs-iops-ratio-gp3",
        lambda: _ebs_service(_ebs(size_gib=10, iops=6000)),
        f"{SVC}.iops",
    ),
    BadInput(
        "tasks-ebs-iops-ratio-io1",
        lambda: _ebs_service(_ebs(volume_type="io1", size_gib=10, iops=501)),
        f"{SVC}.iops",
    ),
    BadInput(
        "tasks-ebs-iops-ratio-io2",
        lambda: _ebs_service(_ebs(volume_type="io2", size_gib=10, iops=10_001)),
        f"{SVC}.iops",
    ),
    BadInput(
        "tasks-ebs-throughput-type",
        lambda: _ebs_service(_ebs(volume_type="gp2", throughput=200)),
        f"{SVC}.throughput",
    ),
    BadInput(
        "tasks-ebs-throughput-range",
        lambda: _ebs_service(_ebs(throughput=1001)),
        f"{SVC}.throughput",
    ),
    BadInput(
        "tasks-ebs-throughput-ratio",
        lambda: _ebs_service(_ebs(throughput=751)),
        f"{SVC}.throughput",
    ),
    BadInput(
        "tasks-ebs-snapshot",
        lambda: _ebs_service(_ebs(snapshot_id="snapshot-1")),
        f"{SVC}.snapshot_id",
    ),
    BadInput(
        "tasks-ebs-fs-type",
        lambda: _ebs_service(_ebs(file_system_type="btrfs")),
        f"{SVC}.file_system_type",
    ),
    BadInput(
        "tasks-ebs-kms", lambda: _ebs_service(_ebs(kms_key_arn="alias/x")), f"{SVC}.kms_key_arn"
    ),
    BadInput(
        "tasks-ebs-kms-unencrypted",
        lambda: _ebs_service(_ebs(encrypted=False, kms_key_arn="create")),
        f"{SVC}.kms_key_arn",
    ),
    BadInput(
        "tasks-ebs-encrypted-type", lambda: _ebs_service(_ebs(encrypted="yes")), f"{SVC}.encrypted"
    ),
    BadInput("tasks-ebs-not-ebsvolume", lambda: _ebs_service({"size_gib": 5}), SVC),
]


# -- Fargate ephemeral storage with a customer managed key: Linux tasks only --------------------
def _windows_on_storage_key(kind: str) -> Any:
    from fargate_components.ecs import FargateService, FargateServiceArgs
    from fargate_components.ecs.scheduled_task_component import ScheduledTask, ScheduledTaskArgs

    net = Network.existing("vpc-1", ["subnet-p1"], ["subnet-a", "subnet-b"])
    cluster = FargateCluster("bad-c", FargateClusterArgs(ephemeral_storage_kms_key_arn="create"))
    task = _td(cpu=1024, memory=2048, operating_system=WIN)
    if kind == "service":
        return FargateService(
            "bad", FargateServiceArgs(cluster=cluster, task_definition=task, network=net)
        )
    return ScheduledTask(
        "bad",
        ScheduledTaskArgs(
            cluster=cluster, task_definition=task, network=net, schedule="rate(1 hour)"
        ),
    )


CASES += [
    BadInput(
        "tasks-storage-key-windows-service",
        lambda: _windows_on_storage_key("service"),
        "FargateServiceArgs.task_definition",
    ),
    BadInput(
        "tasks-storage-key-windows-scheduled",
        lambda: _windows_on_storage_key("scheduled"),
        "ScheduledTaskArgs.task_definition",
    ),
]
