"""Queue workers: WorkQueue, backlog-per-task autoscaling, and a worker service end to end."""

from __future__ import annotations

import json

import pulumi
import pytest

from fargate_components import (
    CapacityStrategy,
    Container,
    FargateCluster,
    FargateClusterArgs,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    Network,
)
from fargate_components.ecs.autoscaling_component import ServiceAutoscaling, ServiceAutoscalingArgs
from fargate_components.ecs.queue_component import WorkQueue, WorkQueueArgs
from fargate_components.ecs.scaling import (
    Autoscaling,
    check_autoscaling,
    queue_backlog_metrics,
    tracking_specs,
)
from fargate_components.errors import ValidationError
from fargate_components.testing import run_in_mocks
from fargate_components.testing.simulate import simulated

POLICY = "aws:appautoscaling/policy:Policy"
QUEUE = "aws:sqs/queue:Queue"


def test_backlog_spec_and_metrics_are_pure() -> None:
    spec = Autoscaling(max_capacity=5, queue_backlog_target=50, queue_name="jobs")
    check_autoscaling(spec, has_load_balancer=False)
    (tracking,) = tracking_specs(spec)
    assert (tracking.suffix, tracking.target, tracking.custom) == ("queue-backlog", 50.0, True)
    m1, m2, e1 = queue_backlog_metrics("jobs", "c", "s")
    assert m1["metric_stat"]["metric"]["metric_name"] == "ApproximateNumberOfMessagesVisible"
    assert m2["metric_stat"]["metric"]["namespace"] == "ECS/ContainerInsights"
    assert (e1["expression"], e1["return_data"]) == ("m1 / m2", True)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"queue_backlog_target": 10}, "Autoscaling.queue_name"),
        ({"queue_name": "jobs"}, "Autoscaling.queue_backlog_target"),
        ({"queue_backlog_target": 0, "queue_name": "jobs"}, "Autoscaling.queue_backlog_target"),
        (
            {"queue_backlog_target": 5, "queue_name": "https://sqs.us-east-1.amazonaws.com/1/q"},
            "Autoscaling.queue_name",
        ),
    ],
)
def test_backlog_validation(kwargs: dict[str, object], argument: str) -> None:
    with pytest.raises(ValidationError, match=argument.replace(".", r"\.")):
        check_autoscaling(Autoscaling(max_capacity=5, **kwargs))  # type: ignore[arg-type]


def test_backlog_policy_uses_metric_math() -> None:
    def program() -> None:
        ServiceAutoscaling(
            "worker",
            ServiceAutoscalingArgs(
                cluster_name="batch",
                service_name=pulumi.Output.from_input("worker"),
                min_capacity=0,
                max_capacity=8,
                queue_backlog_target=100,
                queue_name=pulumi.Output.from_input("jobs-queue"),
            ),
        )

    plan = run_in_mocks(program)
    (policy,) = plan.of_type(POLICY)
    assert policy.name == "worker-queue-backlog"
    config = policy.inputs["targetTrackingScalingPolicyConfiguration"]
    assert config["targetValue"] == 100
    assert "predefinedMetricSpecification" not in config
    assert config["customizedMetricSpecification"] == {
        "metrics": [
            {
                "id": "m1",
                "label": "Visible messages",
                "metricStat": {
                    "metric": {
                        "namespace": "AWS/SQS",
                        "metricName": "ApproximateNumberOfMessagesVisible",
                        "dimensions": [{"name": "QueueName", "value": "jobs-queue"}],
                    },
                    "stat": "Sum",
                },
                "returnData": False,
            },
            {
                "id": "m2",
                "label": "Running tasks",
                "metricStat": {
                    "metric": {
                        "namespace": "ECS/ContainerInsights",
                        "metricName": "RunningTaskCount",
                        "dimensions": [
                            {"name": "ClusterName", "value": "batch"},
                            {"name": "ServiceName", "value": "worker"},
                        ],
                    },
                    "stat": "Average",
                },
                "returnData": False,
            },
            {"id": "e1", "label": "Backlog per task", "expression": "m1 / m2", "returnData": True},
        ]
    }
    # min 0: the ratio has no value without tasks, so target tracking cannot scale out.
    assert any("cannot scale out from zero" in d.message for d in plan.diagnostics)


def test_work_queue_with_dead_letter_queue() -> None:
    plan = run_in_mocks(
        lambda: WorkQueue("jobs", WorkQueueArgs(visibility_timeout_seconds=600, tags={"t": "1"}))
    )
    queue, dlq = plan.named("jobs-queue").inputs, plan.named("jobs-dlq").inputs
    assert queue["visibilityTimeoutSeconds"] == 600
    assert queue["receiveWaitTimeSeconds"] == 20
    assert queue["sqsManagedSseEnabled"] is True and dlq["sqsManagedSseEnabled"] is True
    assert dlq["messageRetentionSeconds"] == 1_209_600
    redrive = json.loads(queue["redrivePolicy"])
    assert redrive == {
        "deadLetterTargetArn": plan.named("jobs-dlq").outputs["arn"],
        "maxReceiveCount": 5,
    }
    allow = plan.named("jobs-dlq-allow").inputs
    assert allow["queueUrl"] == plan.named("jobs-dlq").outputs["url"]
    assert json.loads(allow["redriveAllowPolicy"]) == {
        "redrivePermission": "byQueue",
        "sourceQueueArns": [plan.named("jobs-queue").outputs["arn"]],
    }


def test_work_queue_with_a_kms_key() -> None:
    key = "arn:aws:kms:us-east-1:123456789012:key/abcd"
    plan = run_in_mocks(lambda: WorkQueue("jobs", WorkQueueArgs(kms_key_arn=key)))
    for record in plan.of_type(QUEUE):
        assert record.inputs["kmsMasterKeyId"] == key
        assert "sqsManagedSseEnabled" not in record.inputs


def _worker_program() -> None:
    net = Network.existing(
        "vpc-00000000000000001",
        ["subnet-0000000000000000a", "subnet-0000000000000000b"],
        ["subnet-0000000000000000c", "subnet-0000000000000000d"],
    )
    strategy = CapacityStrategy.mixed(base=1, on_demand_weight=0, spot_weight=1)
    cluster = FargateCluster("workers", FargateClusterArgs(default_strategy=strategy))
    jobs = WorkQueue("jobs")
    task = FargateTaskDefinition(
        "worker",
        FargateTaskDefinitionArgs(
            containers=[
                Container(
                    name="worker",
                    image="busybox:1.36",
                    environment={"QUEUE_URL": jobs.url},
                    stop_timeout=110,
                )
            ],
            task_policy_statements=[jobs.consumer_statement()],
        ),
    )
    FargateService(
        "worker",
        FargateServiceArgs(
            cluster=cluster,
            task_definition=task,
            network=net,
            autoscaling=Autoscaling(
                min_capacity=1, max_capacity=4, queue_backlog_target=20, queue_name=jobs.name
            ),
        ),
    )


def test_worker_service_end_to_end() -> None:
    plan = run_in_mocks(_worker_program)
    policy = json.loads(plan.named("worker-task-policy").inputs["policy"])
    assert policy["Statement"] == [
        {
            "Sid": "ConsumeQueue",
            "Effect": "Allow",
            "Action": [
                "sqs:ChangeMessageVisibility",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes",
                "sqs:ReceiveMessage",
            ],
            "Resource": [plan.named("jobs-queue").outputs["arn"]],
        }
    ]
    service = plan.named("worker-service").inputs
    assert "loadBalancers" not in service
    assert service["capacityProviderStrategies"] == [
        {"capacityProvider": "FARGATE", "base": 1, "weight": 0},
        {"capacityProvider": "FARGATE_SPOT", "base": 0, "weight": 1},
    ]
    assert service["desiredCount"] == 1
    assert not plan.of_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
    (container,) = json.loads(plan.named("worker-task-definition").inputs["containerDefinitions"])
    assert container["stopTimeout"] == 110
    assert "portMappings" not in container
    with simulated(plan) as sim:
        assert sim.result.ok, sim.result.failed
        attributes = sim.client("sqs").get_queue_attributes(
            QueueUrl=sim.output("jobs-queue", "url"), AttributeNames=["All"]
        )["Attributes"]
        assert json.loads(attributes["RedrivePolicy"])["maxReceiveCount"] == 5
        policies = sim.client("application-autoscaling").describe_scaling_policies(
            ServiceNamespace="ecs"
        )["ScalingPolicies"]
        (backlog,) = policies
        custom = backlog["TargetTrackingScalingPolicyConfiguration"][
            "CustomizedMetricSpecification"
        ]
        assert [m["Id"] for m in custom["Metrics"]] == ["m1", "m2", "e1"]


CMK = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def _workers_missing_grants() -> None:
    """Two workers scaling on queues they may not consume: 'idle' has no statement at all,
    'sealed' reads an encrypted queue without kms:Decrypt on its key; 'ok' has both."""
    net = Network.existing("vpc-00000000000000001", [], ["subnet-0000000000000000a"])
    cluster = FargateCluster("workers")
    for name, statements in (("idle", None), ("sealed", "sqs"), ("ok", "all")):
        queue = WorkQueue(name, WorkQueueArgs(kms_key_arn=CMK if name != "idle" else None))
        granted = {
            None: [],
            "sqs": [queue.consumer_statement()],
            "all": queue.consumer_statements(),
        }[statements]
        task = FargateTaskDefinition(
            name,
            FargateTaskDefinitionArgs(
                containers=[Container(name="worker", image="busybox:1.36")],
                task_policy_statements=granted,
            ),
        )
        FargateService(
            name,
            FargateServiceArgs(
                cluster=cluster,
                task_definition=task,
                network=net,
                autoscaling=Autoscaling(
                    min_capacity=1, max_capacity=4, queue_backlog_target=20, queue_name=queue.name
                ),
            ),
        )


@pytest.mark.parametrize("preview_faithful", [False, True])
def test_a_worker_scaling_on_a_queue_it_may_not_consume_is_an_error(
    preview_faithful: bool,
) -> None:
    """FC-WRK-001, on the plan with values and on the first preview of the same program."""
    from fargate_components.policy import RULES, evaluate

    plan = run_in_mocks(_workers_missing_grants, preview_faithful=preview_faithful)
    found = evaluate(plan, rules=[RULES["FC-WRK-001"]])
    by_worker = {f.resource_name.split("-")[0]: f for f in found}
    assert set(by_worker) == {"idle", "sealed"}, [f.message for f in found]
    assert all(f.severity == "error" and not f.unverified for f in found)
    assert "not allowed sqs:ReceiveMessage" in by_worker["idle"].message
    assert f"not allowed kms:Decrypt on its key {CMK}" in by_worker["sealed"].message
