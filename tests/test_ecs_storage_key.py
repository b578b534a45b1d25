"""Fargate ephemeral storage encrypted with a customer managed key: the key policy Fargate
needs (kms.py, pure), the key the cluster creates and writes it on (mocks), and the check of a
key policy that is in the program (FC-ECS-021)."""

from __future__ import annotations

import json
from typing import Any

import pulumi_aws as aws
import pytest

from fargate_components.ecs import FargateCluster, FargateClusterArgs
from fargate_components.kms import (
    ephemeral_storage_key_policy,
    fargate_storage_statements,
    key_policy,
    missing_fargate_storage_permissions,
)
from fargate_components.policy import evaluate
from fargate_components.testing import run_in_mocks

ACCOUNT = "123456789012"


def _check(statements: list[dict[str, Any]], cluster: str = "apps") -> list[str]:
    return missing_fargate_storage_permissions(
        {"Statement": statements}, account=ACCOUNT, cluster_name=cluster
    )


def _fargate(action: Any, condition: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    statement = {"Effect": "Allow", "Principal": {"Service": "fargate.amazonaws.com"}}
    statement |= {"Action": action, "Resource": "*", **extra}
    if condition is not None:
        statement["Condition"] = condition
    return statement


def test_the_guides_statements_are_enough_and_exact() -> None:
    statements = fargate_storage_statements(ACCOUNT, "apps")
    assert _check(statements) == []
    context = {
        "kms:EncryptionContext:aws:ecs:clusterAccount": [ACCOUNT],
        "kms:EncryptionContext:aws:ecs:clusterName": ["apps"],
    }
    assert statements == [
        {
            "Sid": "Allow generate data key access for Fargate tasks.",
            "Effect": "Allow",
            "Principal": {"Service": "fargate.amazonaws.com"},
            "Action": ["kms:GenerateDataKeyWithoutPlaintext"],
            "Resource": "*",
            "Condition": {"StringEquals": context},
        },
        {
            "Sid": "Allow grant creation permission for Fargate tasks.",
            "Effect": "Allow",
            "Principal": {"Service": "fargate.amazonaws.com"},
            "Action": ["kms:CreateGrant"],
            "Resource": "*",
            "Condition": {
                "StringEquals": context,
                "ForAllValues:StringEquals": {"kms:GrantOperations": ["Decrypt"]},
            },
        },
    ]


@pytest.mark.parametrize(
    ("statements", "missing"),
    [
        ([], ["GenerateDataKeyWithoutPlaintext", "CreateGrant"]),
        (key_policy(ACCOUNT, "aws", "us-east-1")["Statement"], ["GenerateData", "CreateGrant"]),
        ([_fargate("kms:*")], []),
        ([_fargate(["kms:GenerateDataKey*", "kms:CreateGrant"])], []),
        ([_fargate("kms:CreateGrant")], ["GenerateDataKeyWithoutPlaintext"]),
        (
            [
                _fargate(
                    "kms:*",
                    {"StringEquals": {"kms:EncryptionContext:aws:ecs:clusterAccount": "999"}},
                )
            ],
            ["not this account", "not this account"],
        ),
        (
            [
                _fargate(
                    "kms:*",
                    {"ForAllValues:StringEquals": {"kms:GrantOperations": ["Encrypt"]}},
                )
            ],
            ["without Decrypt"],
        ),
        ([{**_fargate("kms:*"), "Effect": "Deny"}], ["GenerateData", "CreateGrant"]),
    ],
)
def test_what_a_key_policy_lacks(statements: list[dict[str, Any]], missing: list[str]) -> None:
    problems = _check(statements)
    assert len(problems) == len(missing)
    for problem, text in zip(problems, missing, strict=True):
        assert text in problem


def _program() -> None:
    FargateCluster("apps", FargateClusterArgs(ephemeral_storage_kms_key_arn="create"))
    mine = aws.kms.Key("mine")
    FargateCluster("byok", FargateClusterArgs(ephemeral_storage_kms_key_arn=mine.arn))
    FargateCluster(
        "external",
        FargateClusterArgs(
            ephemeral_storage_kms_key_arn=f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd"
        ),
    )


@pytest.fixture(scope="module")
def plan() -> Any:
    return run_in_mocks(_program)


def test_created_key_carries_the_policy_for_this_cluster(plan: Any) -> None:
    key = plan.named("apps-storage-key")
    policy = plan.named("apps-storage-key-policy")
    cluster = plan.named("apps-cluster")
    assert key.parent == policy.parent == plan.named("apps").urn
    assert key.inputs.get("policy") is None  # written by the KeyPolicy, not twice
    assert key.inputs["enableKeyRotation"] is True
    assert policy.inputs["keyId"] == key.id
    storage = cluster.inputs["configuration"]["managedStorageConfiguration"]
    assert storage == {"fargateEphemeralStorageKmsKeyId": key.outputs["arn"]}
    expected = ephemeral_storage_key_policy(ACCOUNT, "aws", cluster.outputs["name"])
    assert json.loads(policy.inputs["policy"]) == expected
    assert expected["Statement"][0]["Sid"] == "AccountIamPolicies"


def test_fc_ecs_021_over_created_given_and_external_keys(plan: Any) -> None:
    findings = [f for f in evaluate(plan) if f.rule == "FC-ECS-021"]
    by_cluster: dict[str, list[Any]] = {}
    for f in findings:
        by_cluster.setdefault(f.urn.split("::")[-1], []).append(f)
    assert "apps-cluster" not in by_cluster  # the created key's policy is complete
    byok = by_cluster["byok-cluster"]
    assert [f.unverified for f in byok] == [False, False]
    assert "key mine: fargate.amazonaws.com is not allowed kms:CreateGrant" in byok[1].message
    (external,) = by_cluster["external-cluster"]
    assert external.unverified and "not in this program" in external.message


def test_simulates_with_the_key_policy_put_on_the_created_key(plan: Any) -> None:
    from fargate_components.testing.simulate import simulated

    with simulated(plan) as sim:
        key_id = sim.physical_id("apps-storage-key")
        written = json.loads(
            sim.client("kms").get_key_policy(KeyId=key_id, PolicyName="default")["Policy"]
        )
    sids = [s.get("Sid") for s in written["Statement"]]
    assert sids == [
        "AccountIamPolicies",
        "Allow generate data key access for Fargate tasks.",
        "Allow grant creation permission for Fargate tasks.",
    ]
