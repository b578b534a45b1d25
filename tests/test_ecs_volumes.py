"""Task volumes, mount points and writable scratch paths: pure decisions, no mocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from fargate_components.ecs.volumes import (
    EfsVolume,
    MountPoint,
    Volume,
    VolumesFrom,
    check_platform_version,
    check_task_volumes,
    check_volume,
    check_volume_list,
    mount_points_json,
    scratch_volume_name,
    task_volume_list,
    unused_volumes,
    volume_json,
)
from fargate_components.errors import ValidationError

FS = "fs-0123456789abcdef0"
AP = "fsap-0123456789abcdef0"


@dataclass(frozen=True)
class _C:
    """The container attributes the volume checks read (a stand-in for Container)."""

    name: str
    mount_points: tuple[MountPoint, ...] = ()
    volumes_from: tuple[VolumesFrom, ...] = ()
    writable_paths: tuple[str, ...] = field(default=())


def _check(volumes: list[Volume], containers: list[Any], *, windows: bool) -> dict[str, Any]:
    """The task definition's two volume checks in its order: the list, then the containers."""
    return check_task_volumes(
        check_volume_list(volumes, windows=windows), containers, windows=windows
    )


def test_bind_volume_json_is_just_a_name() -> None:
    assert volume_json(Volume.bind("shared")) == {"name": "shared"}


def test_efs_volume_defaults_to_tls_and_iam() -> None:
    v = Volume.efs_volume("data", file_system_id=FS, access_point_id=AP)
    assert volume_json(v) == {
        "name": "data",
        "efs_volume_configuration": {
            "file_system_id": FS,
            "transit_encryption": "ENABLED",
            "authorization_config": {"iam": "ENABLED", "access_point_id": AP},
        },
    }


@pytest.mark.parametrize(
    ("efs", "argument"),
    [
        (EfsVolume(file_system_id="nope"), "v.efs.file_system_id"),
        (EfsVolume(file_system_id=FS, access_point_id="ap-1"), "v.efs.access_point_id"),
        (
            EfsVolume(file_system_id=FS, access_point_id=AP, root_directory="/x"),
            "v.efs.root_directory",
        ),
        (EfsVolume(file_system_id=FS, root_directory="relative"), "v.efs.root_directory"),
        (EfsVolume(file_system_id=FS, transit_encryption=False), "v.efs.transit_encryption"),
        (
            EfsVolume(
                file_system_id=FS,
                transit_encryption=False,
                iam_authorization=False,
                access_point_id=AP,
            ),
            "v.efs.transit_encryption",
        ),
        (
            EfsVolume(file_system_id=FS, transit_encryption_port=70000),
            "v.efs.transit_encryption_port",
        ),
    ],
)
def test_efs_rules(efs: EfsVolume, argument: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_volume("v", Volume(name="data", efs=efs))
    assert err.value.argument == argument


def test_efs_without_tls_and_iam_is_allowed_when_asked() -> None:
    check_volume(
        "v",
        Volume(
            name="d",
            efs=EfsVolume(file_system_id=FS, transit_encryption=False, iam_authorization=False),
        ),
    )


def test_volume_names() -> None:
    with pytest.raises(ValidationError, match="1-255 letters"):
        check_volume("v", Volume.bind("has space"))
    with pytest.raises(ValidationError, match="1-255 letters"):
        check_volume("v", Volume.bind("x" * 256))


def test_every_mount_names_a_declared_volume() -> None:
    c = _C("app", mount_points=(MountPoint(volume="missing", path="/data"),))
    with pytest.raises(ValidationError) as err:
        _check([Volume.bind("shared")], [c], windows=False)
    assert err.value.argument == "Container(name='app').mount_points[0].volume"
    assert "shared" in str(err.value)


def test_paths_absolute_and_unique_per_container() -> None:
    vols = [Volume.bind("a"), Volume.bind("b")]
    rel = _C("app", mount_points=(MountPoint(volume="a", path="data"),))
    with pytest.raises(ValidationError, match="absolute path"):
        _check(vols, [rel], windows=False)
    dup = _C(
        "app", mount_points=(MountPoint(volume="a", path="/d"), MountPoint(volume="b", path="/d"))
    )
    with pytest.raises(ValidationError, match="each container path once"):
        _check(vols, [dup], windows=False)
    # The same path in two containers is fine.
    _check(
        vols,
        [
            _C("x", mount_points=(MountPoint(volume="a", path="/d"),)),
            _C("y", mount_points=(MountPoint(volume="a", path="/d"),)),
        ],
        windows=False,
    )


def test_duplicate_volume_names() -> None:
    with pytest.raises(ValidationError, match="each volume name once"):
        _check([Volume.bind("a"), Volume.bind("a")], [], windows=False)


def test_writable_paths_become_scratch_volumes() -> None:
    c = _C("web", writable_paths=("/var/cache/nginx", "/tmp"))
    assert scratch_volume_name("web", "/var/cache/nginx") == "web-var-cache-nginx"
    _check([], [c], windows=False)
    assert [v.name for v in task_volume_list([], [c])] == ["web-var-cache-nginx", "web-tmp"]
    assert mount_points_json(c) == [
        {
            "sourceVolume": "web-var-cache-nginx",
            "containerPath": "/var/cache/nginx",
            "readOnly": False,
        },
        {"sourceVolume": "web-tmp", "containerPath": "/tmp", "readOnly": False},
    ]


def test_writable_path_colliding_with_a_declared_volume() -> None:
    c = _C("web", writable_paths=("/tmp",))
    with pytest.raises(ValidationError) as err:
        _check([Volume.bind("web-tmp")], [c], windows=False)
    assert err.value.argument == "Container(name='web').writable_paths"


def test_writable_path_and_mount_at_the_same_path() -> None:
    c = _C("web", writable_paths=("/tmp",), mount_points=(MountPoint(volume="s", path="/tmp"),))
    with pytest.raises(ValidationError, match="each container path once"):
        _check([Volume.bind("s")], [c], windows=False)


def test_efs_grants_follow_read_only_flags() -> None:
    ro = Volume.efs_volume("ro", file_system_id=FS)
    rw = Volume.efs_volume("rw", file_system_id=FS, access_point_id=AP)
    a = _C(
        "a",
        mount_points=(
            MountPoint(volume="ro", path="/ro", read_only=True),
            MountPoint(volume="rw", path="/rw", read_only=True),
        ),
    )
    b = _C("b", mount_points=(MountPoint(volume="rw", path="/rw"),))
    grants = _check([ro, rw], [a, b], windows=False)
    assert {k: g.write for k, g in grants.items()} == {"ro": False, "rw": True}


def test_volumes_from_read_write_grants_write() -> None:
    v = Volume.efs_volume("data", file_system_id=FS)
    a = _C("a", mount_points=(MountPoint(volume="data", path="/d", read_only=True),))
    b = _C("b", volumes_from=(VolumesFrom(container="a"),))
    assert _check([v], [a, b], windows=False)["data"].write is False
    a2 = _C("a", mount_points=(MountPoint(volume="data", path="/d"),))
    b2 = _C("b", volumes_from=(VolumesFrom(container="a", read_only=True),))
    assert _check([v], [a2, b2], windows=False)["data"].write is True


def test_volumes_from_names_another_container() -> None:
    with pytest.raises(ValidationError) as err:
        _check([], [_C("a", volumes_from=(VolumesFrom(container="a"),))], windows=False)
    assert err.value.argument == "Container(name='a').volumes_from[0].container"
    with pytest.raises(ValidationError):
        _check([], [_C("a", volumes_from=(VolumesFrom(container="zz"),))], windows=False)


def test_unmounted_efs_needs_no_grant_and_is_reported_unused() -> None:
    v = Volume.efs_volume("data", file_system_id=FS)
    assert _check([v], [_C("a")], windows=False) == {}
    assert unused_volumes([v], [_C("a")]) == ["data"]


def test_windows_rejects_efs_and_wants_drive_paths() -> None:
    with pytest.raises(ValidationError, match="Linux"):
        _check([Volume.efs_volume("d", file_system_id=FS)], [], windows=True)
    c = _C("w", mount_points=(MountPoint(volume="s", path="/data"),))
    with pytest.raises(ValidationError, match="Windows path"):
        _check([Volume.bind("s")], [c], windows=True)
    ok = _C("w", mount_points=(MountPoint(volume="s", path="C:\\data"),))
    _check([Volume.bind("s")], [ok], windows=True)


@pytest.mark.parametrize("version", ["1.3.0", "1.2.0", "1.0.0"])
def test_efs_needs_platform_1_4(version: str) -> None:
    with pytest.raises(ValidationError, match=r"1\.4\.0"):
        check_platform_version("svc.platform_version", version, efs=True)


@pytest.mark.parametrize("version", ["LATEST", "1.4.0", None])
def test_efs_platform_ok(version: str | None) -> None:
    check_platform_version("svc.platform_version", version, efs=True)
    check_platform_version("svc.platform_version", "1.3.0", efs=False)


def test_exec_on_windows_runs_on_platform_1_0_0() -> None:
    # ECS guide "Running commands using ECS Exec": 1.4.0+ on Linux, 1.0.0 on Windows.
    check_platform_version("svc.platform_version", "1.0.0", exec_on=True, windows=True)
    with pytest.raises(ValidationError, match=r"Linux platform version 1\.4\.0"):
        check_platform_version("svc.platform_version", "1.0.0", exec_on=True)
