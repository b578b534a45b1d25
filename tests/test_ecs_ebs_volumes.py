"""Task-attached EBS volumes: the pure rules (ecs/ebs_volumes.py, no mocks) and one service
planned under mocks (task definition volume, volume configuration, infrastructure role, key,
cost, policy, simulation)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from fargate_components.ecs import (
    Container,
    EbsVolume,
    FargateCluster,
    FargateClusterArgs,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
)
from fargate_components.ecs.ebs_volumes import managed_ebs_volume
from fargate_components.ecs.volumes import MountPoint, Volume
from fargate_components.network import Network
from fargate_components.policy import evaluate
from fargate_components.pricing import estimate_cost, load_prices
from fargate_components.testing import run_in_mocks

ACCOUNT = "123456789012"


@pytest.mark.parametrize(
    "volume",
    [
        EbsVolume(size_gib=1),
        EbsVolume(size_gib=16_384, iops=16_000, throughput=1_000),
        EbsVolume(size_gib=10, iops=5_000, throughput=1_000),
        EbsVolume(volume_type="io1", size_gib=4, iops=200),
        EbsVolume(volume_type="io2", size_gib=256, iops=256_000),
        EbsVolume(volume_type="st1", size_gib=125),
        EbsVolume(volume_type="sc1", size_gib=16_384),
        EbsVolume(volume_type="gp2", size_gib=20),
        EbsVolume(snapshot_id="snap-0123456789abcdef0", file_system_type="ext4"),
        EbsVolume(size_gib=20, encrypted=False),
        EbsVolume(size_gib=20, kms_key_arn="create"),
    ],
)
def test_valid_volumes_pass(volume: EbsVolume) -> None:
    volume.validate()


def test_gp3_baseline_and_wire_shape() -> None:
    plain = EbsVolume(size_gib=20)
    assert (plain.effective_iops, plain.effective_throughput) == (3000, 125)
    hdd = EbsVolume(volume_type="st1", size_gib=500)
    assert (hdd.effective_iops, hdd.effective_throughput) == (None, None)
    assert managed_ebs_volume(plain, role_arn="r", kms_key_arn=None, name="data") == {
        "name": "data",
        "managed_ebs_volume": {
            "role_arn": "r",
            "encrypted": True,
            "volume_type": "gp3",
            "file_system_type": "xfs",
            "size_in_gb": 20,
            "tag_specifications": [{"resource_type": "volume", "propagate_tags": "SERVICE"}],
        },
    }


def _program() -> None:
    net = Network("net")  # a real VPC: the plan is simulated in moto too
    cluster = FargateCluster("apps", FargateClusterArgs(exec_logging=False))
    task = FargateTaskDefinition(
        "scratch",
        FargateTaskDefinitionArgs(
            containers=[
                Container(
                    name="app",
                    image="busybox:1.36",
                    mount_points=[MountPoint(volume="work", path="/work")],
                )
            ],
            volumes=[Volume.ebs("work")],
        ),
    )
    FargateService(
        "batch",
        FargateServiceArgs(
            cluster=cluster,
            task_definition=task,
            network=net,
            desired_count=3,
            ebs_volume=EbsVolume(size_gib=100, iops=6000, kms_key_arn="create"),
        ),
    )


@pytest.fixture(scope="module")
def plan() -> Any:
    return run_in_mocks(_program)


def test_task_definition_declares_the_volume_configured_at_launch(plan: Any) -> None:
    td = plan.named("scratch-task-definition")
    assert td.inputs["volumes"] == [{"name": "work", "configureAtLaunch": True}]
    (container,) = json.loads(td.inputs["containerDefinitions"])
    assert container["mountPoints"] == [
        {"sourceVolume": "work", "containerPath": "/work", "readOnly": False}
    ]


def test_service_volume_configuration_role_and_key(plan: Any) -> None:
    service = plan.named("batch-service")
    role = plan.named("batch-ebs-role")
    key = plan.named("batch-ebs-key")
    config = service.inputs["volumeConfiguration"]
    assert config["name"] == "work"
    managed = config["managedEbsVolume"]
    assert managed["roleArn"] == f"arn:aws:iam::{ACCOUNT}:role/{role.outputs['name']}"
    assert managed["kmsKeyId"] == key.outputs["arn"]
    assert {k: v for k, v in managed.items() if k not in ("roleArn", "kmsKeyId")} == {
        "encrypted": True,
        "volumeType": "gp3",
        "fileSystemType": "xfs",
        "sizeInGb": 100,
        "iops": 6000,
        "tagSpecifications": [{"resourceType": "volume", "propagateTags": "SERVICE"}],
    }
    assert json.loads(role.inputs["assumeRolePolicy"]) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AllowAccessToECSForInfrastructureManagement",
                "Effect": "Allow",
                "Principal": {"Service": "ecs.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    attachment = plan.named("batch-ebs-role-volumes")
    assert attachment.inputs["policyArn"] == (
        "arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForVolumes"
    )
    key_arn = key.outputs["arn"]
    assert json.loads(plan.named("batch-ebs-role-key").inputs["policy"]) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "EbsVolumeKey",
                "Effect": "Allow",
                "Action": [
                    "kms:Decrypt",
                    "kms:DescribeKey",
                    "kms:GenerateDataKey",
                    "kms:GenerateDataKeyWithoutPlaintext",
                    "kms:ReEncryptFrom",
                    "kms:ReEncryptTo",
                ],
                "Resource": key_arn,
            },
            {
                "Sid": "EbsVolumeKeyGrants",
                "Effect": "Allow",
                "Action": "kms:CreateGrant",
                "Resource": key_arn,
                "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}},
            },
        ],
    }
    component = plan.named("batch").urn
    assert {plan.named(n).parent for n in ("batch-ebs-role", "batch-ebs-key")} == {component}
    # Tasks launch only once ECS may create their volumes.
    assert {attachment.urn, plan.named("batch-ebs-role-key").urn} <= set(service.depends_on)


def test_cost_and_policy(plan: Any) -> None:
    report = estimate_cost(plan)
    (item,) = [i for i in report.items if i.description.startswith("EBS task volumes")]
    assert "3 x 100 GB gp3" in item.description
    # 3 x (100 GB x $0.08 + 3000 IOPS above the baseline x $0.005)
    assert str(item.monthly) == "69.00"
    assert "3000 IOPS above 3000 x $0.005 (ebs_gp3_iops_month)" in item.formula
    assert set(item.uses) >= {"ebs_gp3_gb_month", "ebs_gp3_iops_month"}
    assert not [n for n in report.not_costed if "EBS" in n.reason]
    # a price file without the performance prices lists them, and still costs the storage
    book = load_prices("us-east-1")
    prices = {k: v for k, v in book.prices.items() if k != "ebs_gp3_iops_month"}
    partial = estimate_cost(plan, prices=dataclasses.replace(book, prices=prices))
    (skipped,) = [n for n in partial.not_costed if "EBS" in n.reason]
    assert "IOPS 6000 above the gp3 baseline 3000" in skipped.reason
    (storage,) = [i for i in partial.items if i.description.startswith("EBS task volumes")]
    assert str(storage.monthly) == "24.00"  # 3 x 100 GB x $0.08
    assert not [f for f in evaluate(plan) if f.rule == "FC-ECS-020"]


def test_simulates_with_the_volume_reported_as_not_simulated(plan: Any) -> None:
    from fargate_components.testing.simulate import simulate

    result = simulate(plan)
    assert result.ok, result.to_json()
    warnings = [w["warning"] for w in result.to_json().get("warnings") or []]
    assert any("EBS volume 'work' is not simulated" in w for w in warnings)


def test_plan_shows_each_tasks_volume_is_deleted_with_it(plan: Any) -> None:
    from fargate_components.plan.deployments import service_deployments

    (deployment,) = service_deployments(plan)
    assert deployment.to_json()["task_volume"] == {
        "name": "work",
        "volume_type": "gp3",
        "size_gib": 100,
        "delete_on_termination": True,
    }
    assert "each task: a 100 GiB gp3 EBS volume, deleted when the task stops" in (
        deployment.summary()
    )
