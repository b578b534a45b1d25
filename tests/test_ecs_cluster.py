"""FargateCluster under mocks: cluster settings, capacity providers, ECS Exec logging."""

from __future__ import annotations

import json

import pulumi

from fargate_components.ecs import CapacityStrategy, FargateCluster, FargateClusterArgs
from fargate_components.testing import run_in_mocks

CLUSTER = "aws:ecs/cluster:Cluster"
PROVIDERS = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
KMS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def _export(cluster: FargateCluster) -> None:
    pulumi.export("arn", cluster.arn)
    pulumi.export("name", cluster.name)


def test_default_cluster() -> None:
    holder: dict[str, FargateCluster] = {}

    def program() -> None:
        holder["c"] = FargateCluster("apps", FargateClusterArgs(tags={"team": "core"}))
        _export(holder["c"])

    plan = run_in_mocks(program)
    component = plan.named("apps")
    assert component.type == "fargate:ecs:FargateCluster"
    cluster = plan.named("apps-cluster")
    assert cluster.parent == component.urn
    assert cluster.inputs["settings"] == [{"name": "containerInsights", "value": "enabled"}]
    assert cluster.inputs["tags"] == {"team": "core", "Name": "apps"}
    logs = plan.named("apps-exec-logs")
    assert logs.type == LOG_GROUP and logs.parent == component.urn
    assert logs.options["retain_on_delete"] is True
    assert logs.inputs["retentionInDays"] == 365
    key = plan.named("apps-exec-key")
    assert key.type == "aws:kms/key:Key" and key.parent == component.urn
    assert key.inputs["enableKeyRotation"] is True and key.options["retain_on_delete"] is True
    assert logs.inputs["kmsKeyId"] == key.outputs["arn"]
    assert cluster.inputs["configuration"] == {
        "executeCommandConfiguration": {
            "kmsKeyId": key.outputs["arn"],
            "logging": "OVERRIDE",
            "logConfiguration": {
                "cloudWatchLogGroupName": logs.outputs["name"],
                "cloudWatchEncryptionEnabled": True,
            },
        }
    }
    providers = plan.named("apps-capacity-providers")
    assert providers.type == PROVIDERS and providers.parent == component.urn
    assert providers.inputs == {
        "clusterName": cluster.outputs["name"],
        "capacityProviders": ["FARGATE", "FARGATE_SPOT"],
        "defaultCapacityProviderStrategies": [
            {"capacityProvider": "FARGATE", "base": 1, "weight": 1},
            {"capacityProvider": "FARGATE_SPOT", "base": 0, "weight": 4},
        ],
    }
    assert cluster.urn in providers.depends_on
    assert plan.outputs["arn"].value == cluster.outputs["arn"]
    assert plan.outputs["name"].value == cluster.outputs["name"]
    assert holder["c"].default_strategy == CapacityStrategy.default()
    assert plan.diagnostics == []


def test_custom_strategy_name_insights_and_kms() -> None:
    plan = run_in_mocks(
        lambda: FargateCluster(
            "apps",
            FargateClusterArgs(
                cluster_name="prod-apps",
                default_strategy=[("FARGATE", 0, 1)],
                container_insights="enhanced",
                exec_kms_key_arn=KMS,
                exec_log_retention_days=90,
            ),
        )
    )
    cluster = plan.of_type(CLUSTER)[0]
    assert cluster.inputs["name"] == "prod-apps"
    assert cluster.inputs["settings"][0]["value"] == "enhanced"
    exec_cfg = cluster.inputs["configuration"]["executeCommandConfiguration"]
    assert exec_cfg["kmsKeyId"] == KMS
    assert exec_cfg["logConfiguration"]["cloudWatchEncryptionEnabled"] is True
    logs = plan.of_type(LOG_GROUP)[0]
    assert logs.inputs["kmsKeyId"] == KMS and logs.inputs["retentionInDays"] == 90
    assert plan.of_type(PROVIDERS)[0].inputs["defaultCapacityProviderStrategies"] == [
        {"capacityProvider": "FARGATE", "base": 0, "weight": 1}
    ]


def test_risky_settings_warn() -> None:
    plan = run_in_mocks(
        lambda: FargateCluster(
            "apps", FargateClusterArgs(container_insights="disabled", exec_logging=False)
        )
    )
    assert not plan.of_type(LOG_GROUP)
    assert "configuration" not in plan.of_type(CLUSTER)[0].inputs
    messages = " ".join(d.message for d in plan.diagnostics)
    assert "CKV_AWS_65" in messages and "CKV_AWS_223" in messages


def test_exec_key_policy_lets_cloudwatch_logs_of_this_account_and_region_use_it() -> None:
    plan = run_in_mocks(lambda: FargateCluster("apps"))
    policy = json.loads(plan.named("apps-exec-key").inputs["policy"])
    root, logs = policy["Statement"]
    assert root["Principal"] == {"AWS": "arn:aws:iam::123456789012:root"}
    assert logs["Principal"] == {"Service": "logs.us-east-1.amazonaws.com"}
    assert logs["Condition"] == {
        "ArnLike": {
            "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:123456789012:log-group:*"
        }
    }


def test_exec_without_a_customer_managed_key_for_dev() -> None:
    plan = run_in_mocks(lambda: FargateCluster("apps", FargateClusterArgs(exec_kms_key_arn=None)))
    assert not plan.of_type("aws:kms/key:Key")
    exec_cfg = plan.of_type(CLUSTER)[0].inputs["configuration"]["executeCommandConfiguration"]
    assert "kmsKeyId" not in exec_cfg
    assert exec_cfg["logConfiguration"]["cloudWatchEncryptionEnabled"] is False


def test_ephemeral_storage_encrypted_with_a_customer_managed_key() -> None:
    key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    plan = run_in_mocks(
        lambda: FargateCluster("apps", FargateClusterArgs(ephemeral_storage_kms_key_arn=key))
    )
    config = plan.named("apps-cluster").inputs["configuration"]
    assert config["managedStorageConfiguration"] == {"fargateEphemeralStorageKmsKeyId": key}
    assert config["executeCommandConfiguration"]["logging"] == "OVERRIDE"  # both kept
    plain = run_in_mocks(
        lambda: FargateCluster(
            "apps", FargateClusterArgs(exec_logging=False, ephemeral_storage_kms_key_arn=key)
        )
    )
    assert plain.named("apps-cluster").inputs["configuration"] == {
        "managedStorageConfiguration": {"fargateEphemeralStorageKmsKeyId": key}
    }
