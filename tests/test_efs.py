"""EFS: the pure checks and IAM documents, then the FileSystem component under mocks."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fargate_components.ecs.volumes import volume_json
from fargate_components.efs import AccessPointSpec, FileSystem, FileSystemArgs
from fargate_components.efs.file_system import (
    client_statements,
    lifecycle_policies,
    secure_transport_policy,
    validate_file_system_args,
)
from fargate_components.errors import ValidationError
from fargate_components.network import Network
from fargate_components.testing import run_in_mocks

FS_ARN = "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0"
AP_ARN = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0"
NET = Network.existing("vpc-1", ["subnet-pub-a", "subnet-pub-b"], ["subnet-a", "subnet-b"])


def _args(**kwargs: Any) -> FileSystemArgs:
    kwargs.setdefault("network", NET)
    return FileSystemArgs(**kwargs)


def test_client_statements_read_write_through_access_point() -> None:
    assert client_statements(FS_ARN, AP_ARN, write=True, sid="Efs0") == [
        {
            "Effect": "Allow",
            "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
            "Resource": [FS_ARN],
            "Sid": "Efs0",
            "Condition": {"StringEquals": {"elasticfilesystem:AccessPointArn": AP_ARN}},
        }
    ]


def test_client_statements_read_only_never_write_nor_root() -> None:
    (stmt,) = client_statements(FS_ARN, None, write=False, sid="Efs0")
    assert stmt["Action"] == ["elasticfilesystem:ClientMount"]
    assert "Condition" not in stmt


def test_file_system_policy_denies_clients_without_tls() -> None:
    doc = secure_transport_policy(FS_ARN)
    (deny,) = doc["Statement"]
    assert deny["Effect"] == "Deny"
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert deny["Principal"] == {"AWS": "*"}


def test_lifecycle_one_transition_per_policy() -> None:
    assert lifecycle_policies(_args()) == [
        {"transition_to_ia": "AFTER_30_DAYS"},
        {"transition_to_primary_storage_class": "AFTER_1_ACCESS"},
    ]


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"throughput_mode": "fast"}, "FileSystemArgs.throughput_mode"),
        ({"throughput_mode": "provisioned"}, "FileSystemArgs.provisioned_throughput_mibps"),
        (
            {"throughput_mode": "provisioned", "provisioned_throughput_mibps": 3415},
            "FileSystemArgs.provisioned_throughput_mibps",
        ),
        ({"provisioned_throughput_mibps": 10}, "FileSystemArgs.provisioned_throughput_mibps"),
        ({"transition_to_ia": "AFTER_2_DAYS"}, "FileSystemArgs.transition_to_ia"),
        ({"transition_to_archive": "AFTER_90_DAYS"}, "FileSystemArgs.transition_to_archive"),
        (
            {"throughput_mode": "elastic", "transition_to_archive": "AFTER_14_DAYS"},
            "FileSystemArgs.transition_to_archive",
        ),
        ({"performance_mode": "fast"}, "FileSystemArgs.performance_mode"),
        ({"kms_key_arn": "alias/mine"}, "FileSystemArgs.kms_key_arn"),
        (
            {"access_points": [AccessPointSpec(name="a", path="rel", uid=1, gid=1)]},
            "FileSystemArgs.access_points[0].path",
        ),
        (
            {"access_points": [AccessPointSpec(name="a", path="/" + "x" * 100, uid=1, gid=1)]},
            "FileSystemArgs.access_points[0].path",
        ),
        (
            {"access_points": [AccessPointSpec(name="a", path="/a", uid=-1, gid=1)]},
            "FileSystemArgs.access_points[0].uid",
        ),
        (
            {"access_points": [AccessPointSpec(name="a", path="/a", uid=1, gid=2**32)]},
            "FileSystemArgs.access_points[0].gid",
        ),
        (
            {
                "access_points": [
                    AccessPointSpec(
                        name="a", path="/a", uid=1, gid=1, secondary_gids=list(range(17))
                    )
                ]
            },
            "FileSystemArgs.access_points[0].secondary_gids",
        ),
        (
            {
                "access_points": [
                    AccessPointSpec(name="a", path="/a", uid=1, gid=1, permissions="0999")
                ]
            },
            "FileSystemArgs.access_points[0].permissions",
        ),
        (
            {"access_points": [AccessPointSpec(name="a", path="/a", uid=1, gid=1)] * 2},
            "FileSystemArgs.access_points[].name",
        ),
    ],
)
def test_file_system_rules(kwargs: dict[str, Any], argument: str) -> None:
    with pytest.raises(ValidationError) as err:
        validate_file_system_args(_args(**kwargs))
    assert err.value.argument == argument


def test_archive_allowed_with_elastic_after_ia() -> None:
    validate_file_system_args(
        _args(throughput_mode="elastic", transition_to_archive="AFTER_90_DAYS")
    )


AP = AccessPointSpec(name="jobs", path="/jobs", uid=1000, gid=1000)


def _fs() -> FileSystem:
    return FileSystem("shared", _args(access_points=[AP]))


def test_file_system_wiring() -> None:
    plan = run_in_mocks(_fs)
    fs = plan.named("shared-fs")
    assert fs.type == "aws:efs/fileSystem:FileSystem"
    assert fs.inputs["encrypted"] is True
    assert fs.options.get("protect") is True
    assert fs.parent == plan.named("shared").urn
    mounts = plan.of_type("aws:efs/mountTarget:MountTarget")
    assert sorted(m.name for m in mounts) == ["shared-mount-a", "shared-mount-b"]
    assert sorted(m.inputs["subnetId"] for m in mounts) == ["subnet-a", "subnet-b"]
    assert plan.named("shared-backup").inputs["backupPolicy"] == {"status": "ENABLED"}
    policy = json.loads(plan.named("shared-policy").inputs["policy"])
    assert policy["Statement"][0]["Sid"] == "DenyWithoutTls"
    ap = plan.named("shared-ap-jobs")
    assert ap.inputs["posixUser"] == {"uid": 1000, "gid": 1000}
    assert ap.inputs["rootDirectory"] == {
        "path": "/jobs",
        "creationInfo": {"ownerUid": 1000, "ownerGid": 1000, "permissions": "0750"},
    }
    # No NFS ingress until a task that mounts it runs somewhere.
    assert not plan.of_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")


def test_volume_from_the_component() -> None:
    captured: dict[str, Any] = {}

    def program() -> None:
        fs = _fs()
        captured["volume"] = fs.volume("jobs", access_point="jobs")
        with pytest.raises(ValidationError, match="access points"):
            fs.volume("x", access_point="nope")

    run_in_mocks(program)
    v = captured["volume"]
    assert v.efs is not None and v.efs.iam_authorization and v.efs.transit_encryption
    assert v.efs.security_group_id is not None
    assert set(volume_json(v)["efs_volume_configuration"]) == {
        "file_system_id",
        "transit_encryption",
        "authorization_config",
    }


def test_file_system_is_costed_at_the_storage_assumption() -> None:
    from decimal import Decimal

    from fargate_components.pricing import estimate_cost

    plan = run_in_mocks(_fs)
    report = estimate_cost(plan, assumptions={"efs_storage_gb_per_month": 100})
    (item,) = [i for i in report.items if i.type == "aws:efs/fileSystem:FileSystem"]
    assert item.monthly == Decimal("30.00")
    assert "efs_storage_gb_per_month" in item.formula and "not included" in item.formula
    elastic = run_in_mocks(lambda: FileSystem("e", _args(throughput_mode="elastic")))
    (e,) = [i for i in estimate_cost(elastic).items if i.type == "aws:efs/fileSystem:FileSystem"]
    assert "elastic throughput" in e.formula
