"""ScheduledTask under mocks: the schedule's wire inputs, its role, and a simulated deploy."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fargate_components import (
    CapacityStrategy,
    Container,
    FargateCluster,
    FargateClusterArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    Network,
)
from fargate_components.ecs.scheduled_task_component import (
    ScheduledTask,
    ScheduledTaskArgs,
    scheduler_role_policy,
)
from fargate_components.testing import Plan, run_in_mocks
from fargate_components.testing.simulate import simulated

SCHEDULE = "aws:scheduler/schedule:Schedule"
PRIVATE = ["subnet-0000000000000000c", "subnet-0000000000000000d"]
PUBLIC = ["subnet-0000000000000000a", "subnet-0000000000000000b"]


def _program(**kwargs: Any) -> Any:
    def program() -> None:
        net = Network.existing("vpc-00000000000000001", PUBLIC, PRIVATE)
        cluster = FargateCluster(
            "batch", FargateClusterArgs(default_strategy=CapacityStrategy.on_demand())
        )
        job = FargateTaskDefinition(
            "job",
            FargateTaskDefinitionArgs(
                containers=[Container(name="job", image="busybox:1.36", command=["true"])]
            ),
        )
        ScheduledTask(
            "nightly",
            ScheduledTaskArgs(
                cluster=cluster,
                task_definition=job,
                network=net,
                schedule="cron(0 2 * * ? *)",
                **kwargs,
            ),
        )

    return program


@pytest.fixture(scope="module")
def plan() -> Plan:
    return run_in_mocks(
        _program(
            timezone="Europe/Paris",
            capacity_strategy=CapacityStrategy.spot(),
            retry_attempts=3,
            maximum_event_age_seconds=1800,
            tags={"team": "data"},
        )
    )


def test_schedule_runs_the_task_on_the_cluster(plan: Plan) -> None:
    (schedule,) = plan.of_type(SCHEDULE)
    cluster = plan.named("batch-cluster")
    task_def = plan.named("job-task-definition")
    inputs = schedule.inputs
    assert inputs["scheduleExpression"] == "cron(0 2 * * ? *)"
    assert inputs["scheduleExpressionTimezone"] == "Europe/Paris"
    assert inputs["state"] == "ENABLED"
    assert inputs["flexibleTimeWindow"] == {"mode": "OFF"}
    target = inputs["target"]
    assert target["arn"] == cluster.outputs["arn"]
    assert target["roleArn"] == plan.named("nightly-role").outputs["arn"]
    ecs = target["ecsParameters"]
    assert ecs["taskDefinitionArn"] == task_def.outputs["arn"]
    assert ecs["taskCount"] == 1
    assert "launchType" not in ecs
    assert ecs["capacityProviderStrategies"] == [
        {"capacityProvider": "FARGATE_SPOT", "base": 0, "weight": 1}
    ]
    network = ecs["networkConfiguration"]
    assert network["subnets"] == PRIVATE
    assert network["securityGroups"] == [plan.named("nightly-sg").id]
    assert network["assignPublicIp"] is False
    assert ecs["propagateTags"] == "TASK_DEFINITION"
    assert ecs["enableEcsManagedTags"] is True
    assert target["retryPolicy"] == {"maximumRetryAttempts": 3, "maximumEventAgeInSeconds": 1800}
    assert target["deadLetterConfig"] == {"arn": plan.named("nightly-dlq").outputs["arn"]}
    assert plan.named("nightly-role-policy").urn in schedule.depends_on
    assert schedule.parent == plan.named("nightly").urn


def test_dead_letter_queue_and_security_group(plan: Plan) -> None:
    dlq = plan.named("nightly-dlq").inputs
    assert dlq["sqsManagedSseEnabled"] is True
    assert dlq["messageRetentionSeconds"] == 1_209_600
    assert dlq["tags"] == {"team": "data", "Name": "nightly-dlq"}
    assert plan.named("nightly-sg").inputs["vpcId"] == "vpc-00000000000000001"
    egress = plan.named("nightly-sg-egress").inputs
    assert (egress["ipProtocol"], egress["cidrIpv4"]) == ("-1", "0.0.0.0/0")
    assert not plan.of_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")


def test_role_trust_and_policy_exactly(plan: Plan) -> None:
    trust = json.loads(plan.named("nightly-role").inputs["assumeRolePolicy"])
    assert trust == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "scheduler.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
            }
        ],
    }
    policy = json.loads(plan.named("nightly-role-policy").inputs["policy"])
    cluster = plan.named("batch-cluster").outputs
    roles = sorted(plan.named(n).outputs["arn"] for n in ("job-execution-role", "job-task-role"))
    prefix = "arn:aws:ecs:us-east-1:123456789012"
    assert policy == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "RunTask",
                "Effect": "Allow",
                "Action": ["ecs:RunTask"],
                "Resource": [f"{prefix}:task-definition/job:*"],
                "Condition": {"ArnEquals": {"ecs:cluster": cluster["arn"]}},
            },
            {
                "Sid": "PassTaskRoles",
                "Effect": "Allow",
                "Action": ["iam:PassRole"],
                "Resource": roles,
                "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}},
            },
            {
                "Sid": "TagLaunchedTasks",
                "Effect": "Allow",
                "Action": ["ecs:TagResource"],
                "Resource": [f"{prefix}:task/{cluster['name']}/*"],
                "Condition": {"StringEquals": {"ecs:CreateAction": "RunTask"}},
            },
            {
                "Sid": "DeadLetter",
                "Effect": "Allow",
                "Action": ["sqs:SendMessage"],
                "Resource": [plan.named("nightly-dlq").outputs["arn"]],
            },
            {
                "Sid": "DecryptSchedule",
                "Effect": "Allow",
                "Action": ["kms:Decrypt"],
                "Resource": [plan.named("nightly-key").outputs["arn"]],
                "Condition": {"ArnLike": {SCHEDULER_CONTEXT: SCHEDULES}},
            },
        ],
    }


# -- the schedule's customer managed key (kms_key_arn) --------------------------------------
SCHEDULER_CONTEXT = "kms:EncryptionContext:aws:scheduler:schedule-arn"
SCHEDULES = "arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly-schedule-*"


def test_schedule_is_encrypted_with_a_key_whose_policy_lets_its_role_decrypt(plan: Plan) -> None:
    """By default the component creates ``<name>-key``; its key policy lets the account's
    IAM policies decide, and the schedule's own role decrypt this schedule's data only."""
    (schedule,) = plan.of_type(SCHEDULE)
    key = plan.named("nightly-key")
    assert schedule.inputs["kmsKeyArn"] == key.outputs["arn"]
    assert key.parent == plan.named("nightly").urn
    assert key.inputs["enableKeyRotation"] is True
    assert key.inputs["tags"] == {"team": "data", "Name": "nightly-key"}
    statements = {s["Sid"]: s for s in json.loads(key.inputs["policy"])["Statement"]}
    assert set(statements) == {"AccountIamPolicies", "SchedulerExecutionRole"}
    role = statements["SchedulerExecutionRole"]
    assert role["Principal"] == {"AWS": plan.named("nightly-role").outputs["arn"]}
    assert role["Action"] == "kms:Decrypt"
    assert role["Condition"] == {"ArnLike": {SCHEDULER_CONTEXT: SCHEDULES}}
    assert key.options.get("retain_on_delete") is True


def test_a_given_key_or_none() -> None:
    """A key ARN is used as is (no key created; the role's policy grants the decrypt); an
    alias ARN is matched by kms:ResourceAliases; None leaves the AWS owned key (dev)."""
    given = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    plan = run_in_mocks(_program(kms_key_arn=given, schedule_name="nightly-job"))
    assert not [r for r in plan.resources if r.name == "nightly-key"]
    (schedule,) = plan.of_type(SCHEDULE)
    assert schedule.inputs["kmsKeyArn"] == given
    (decrypt,) = [
        s
        for s in json.loads(plan.named("nightly-role-policy").inputs["policy"])["Statement"]
        if s["Sid"] == "DecryptSchedule"
    ]
    assert decrypt["Resource"] == [given]
    exact = "arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly-job"
    assert decrypt["Condition"] == {"ArnLike": {SCHEDULER_CONTEXT: exact}}

    alias = scheduler_role_policy(
        partition="aws",
        region="eu-west-1",
        account_id="123456789012",
        family="job",
        cluster_arn="arn:aws:ecs:eu-west-1:123456789012:cluster/batch",
        cluster_name="batch",
        pass_role_arns=[],
        kms_key_arn="arn:aws:kms:eu-west-1:123456789012:alias/schedules",
    )["Statement"][-1]
    assert alias["Resource"] == ["arn:aws:kms:eu-west-1:123456789012:key/*"]
    assert alias["Condition"]["ForAnyValue:StringEquals"] == {
        "kms:ResourceAliases": "alias/schedules"
    }

    dev = run_in_mocks(_program(kms_key_arn=None))
    (schedule,) = dev.of_type(SCHEDULE)
    assert "kmsKeyArn" not in schedule.inputs
    assert not [r for r in dev.resources if r.name == "nightly-key"]
    sids = [
        s["Sid"] for s in json.loads(dev.named("nightly-role-policy").inputs["policy"])["Statement"]
    ]
    assert "DecryptSchedule" not in sids


def test_defaults_and_options() -> None:
    plan = run_in_mocks(
        _program(
            dead_letter_queue=False,
            security_group_ids=["sg-0123456789abcdef0"],
            flexible_time_window_minutes=15,
            enabled=False,
            propagate_tags=False,
        )
    )
    (schedule,) = plan.of_type(SCHEDULE)
    inputs = schedule.inputs
    assert inputs["state"] == "DISABLED"
    assert inputs["scheduleExpressionTimezone"] == "UTC"
    assert inputs["flexibleTimeWindow"] == {"mode": "FLEXIBLE", "maximumWindowInMinutes": 15}
    ecs = inputs["target"]["ecsParameters"]
    # The cluster's default strategy when none is given.
    assert ecs["capacityProviderStrategies"] == [
        {"capacityProvider": "FARGATE", "base": 0, "weight": 1}
    ]
    assert ecs["networkConfiguration"]["securityGroups"] == ["sg-0123456789abcdef0"]
    assert "propagateTags" not in ecs
    assert inputs["target"]["retryPolicy"] == {
        "maximumRetryAttempts": 2,
        "maximumEventAgeInSeconds": 3600,
    }
    assert "deadLetterConfig" not in inputs["target"]
    assert not plan.of_type("aws:sqs/queue:Queue")
    assert not plan.of_type("aws:ec2/securityGroup:SecurityGroup")
    policy = json.loads(plan.named("nightly-role-policy").inputs["policy"])
    assert [s["Sid"] for s in policy["Statement"]] == [
        "RunTask",
        "PassTaskRoles",
        "TagLaunchedTasks",
        "DecryptSchedule",
    ]


def test_role_policy_without_dlq_and_with_one_role() -> None:
    doc = scheduler_role_policy(
        partition="aws-cn",
        region="cn-north-1",
        account_id="111122223333",
        family="etl",
        cluster_arn="arn:aws-cn:ecs:cn-north-1:111122223333:cluster/c",
        cluster_name="c",
        pass_role_arns=[
            "arn:aws-cn:iam::111122223333:role/r",
            "arn:aws-cn:iam::111122223333:role/r",
        ],
    )
    assert doc["Statement"][0]["Resource"] == [
        "arn:aws-cn:ecs:cn-north-1:111122223333:task-definition/etl:*"
    ]
    assert doc["Statement"][1]["Resource"] == ["arn:aws-cn:iam::111122223333:role/r"]
    assert len(doc["Statement"]) == 3


def test_simulated_deploy_creates_the_schedule(plan: Plan) -> None:
    with simulated(plan) as sim:
        assert sim.result.ok, sim.result.failed
        # Only the ids the plan uses: the public subnets are never referenced.
        assert set(sim.result.external_ids) == {"vpc-00000000000000001", *PRIVATE}
        name = sim.output("nightly-schedule", "name")
        got = sim.client("scheduler").get_schedule(Name=name)
        ecs = got["Target"]["EcsParameters"]
        assert ecs["CapacityProviderStrategy"] == [
            {"capacityProvider": "FARGATE_SPOT", "base": 0, "weight": 1}
        ]
        assert ecs["NetworkConfiguration"]["awsvpcConfiguration"]["AssignPublicIp"] == "DISABLED"
        assert got["Target"]["RetryPolicy"]["MaximumRetryAttempts"] == 3
        assert got["Target"]["DeadLetterConfig"]["Arn"] == sim.output("nightly-dlq", "arn")
