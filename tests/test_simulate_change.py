"""A change replayed against a simulated base deploy (``plan --simulate --diff``): an image
change (a new task definition revision, the service updated in place) and a queue rename
(a new queue, the old one deleted, or retained as the library's default protection says)."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

from fargate_components import (
    Container,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    Network,
    WorkQueue,
    WorkQueueArgs,
)
from fargate_components.testing import Plan, run_in_mocks
from fargate_components.testing.simulate.replay import render_change_text, simulate_change

VPC = "vpc-0123456789abcdef0"
PUBLIC = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
PRIVATE = ["subnet-0a1b2c3d4e5f60011", "subnet-0a1b2c3d4e5f60012"]


def _worker(image: str = "python:3.12-slim", queue: str = "jobs") -> None:
    net = Network.existing(VPC, PUBLIC, PRIVATE)
    cluster = FargateCluster("workers")
    jobs = WorkQueue(queue, WorkQueueArgs())
    task = FargateTaskDefinition(
        "worker",
        FargateTaskDefinitionArgs(
            cpu=256,
            memory=512,
            containers=[Container(name="worker", image=image, environment={"QUEUE_URL": jobs.url})],
            task_policy_statements=[jobs.consumer_statement()],
        ),
    )
    FargateService("worker", FargateServiceArgs(cluster=cluster, task_definition=task, network=net))


def _plan(unprotected: bool = False, **kwargs: Any) -> Plan:
    config = {"fargate:dataProtection": "false"} if unprotected else None
    return run_in_mocks(lambda: _worker(**kwargs), config=config)


def _steps(result: Any) -> dict[tuple[str, str], str]:
    return {(s.action, s.urn.rsplit("::", 1)[-1]): s.outcome for s in result.steps}


def test_an_image_change_registers_a_revision_and_updates_the_service() -> None:
    result = simulate_change(_plan(), _plan(image="python:3.13-slim"))
    assert result.ok, render_change_text(result)
    steps = _steps(result)
    assert steps[("replace", "worker-task-definition")] == "ok"
    assert steps[("update", "worker-service")] == "ok"
    assert (
        steps[("delete", "worker-task-definition")] == "ok"
    )  # the old revision, deregistered last
    assert [s.action for s in result.steps][-1] == "delete"
    text = render_change_text(result)
    assert (
        "Simulated base deploy (moto)" in text
        and "+ update aws:ecs/service:Service worker-service: ok" in text
    )


def test_a_queue_rename_creates_the_new_queue_and_deletes_the_old_one() -> None:
    result = simulate_change(_plan(unprotected=True), _plan(unprotected=True, queue="orders"))
    assert result.ok, render_change_text(result)
    steps = _steps(result)
    assert steps[("create", "orders-queue")] == "ok"
    assert steps[("delete", "jobs-queue")] == "ok"
    assert steps[("delete", "jobs-dlq")] == "ok"
    (gone,) = [s for s in result.steps if s.urn.endswith("::jobs-queue")]
    assert gone.detail == "data loss: every message waiting in the queue"  # as the diff says
    # the task definition reads the new queue's URL: a new revision, the service follows
    assert steps[("replace", "worker-task-definition")] == "ok"
    assert steps[("update", "worker-service")] == "ok"
    order = [s.urn.rsplit("::", 1)[-1] for s in result.steps]
    assert order.index("orders-queue") < order.index("jobs-queue")  # create before delete


def test_a_queue_rename_with_default_protection_retains_the_old_queue() -> None:
    result = simulate_change(_plan(), _plan(queue="orders"))
    assert result.ok, render_change_text(result)
    steps = _steps(result)
    assert steps[("delete", "jobs-queue")] == "retained"
    assert "= delete aws:sqs/queue:Queue jobs-queue: retained" in render_change_text(result)


def test_protected_and_unsupported_steps_are_said() -> None:
    def program(protect: bool, retention: int) -> None:
        import pulumi

        aws.cloudwatch.LogGroup(
            "audit",
            retention_in_days=retention,
            opts=pulumi.ResourceOptions(protect=protect),
        )
        # A type the simulator has no handlers for (an SNS topic): its delete is "not simulated".
        aws.sns.Topic("images") if retention == 30 else None

    base = run_in_mocks(lambda: program(True, 30))
    result = simulate_change(base, run_in_mocks(lambda: program(True, 90)))
    assert _steps(result) == {("update", "audit"): "ok", ("delete", "images"): "not simulated"}
    gone = simulate_change(base, run_in_mocks(lambda: None))
    (step,) = [s for s in gone.steps if s.urn.endswith("::audit")]
    assert step.outcome == "failed" and "protected" in step.detail
    assert not gone.ok


@pytest.mark.parametrize("protect", [False])
def test_delete_before_replace_deletes_first(protect: bool) -> None:
    import pulumi

    def program(name: str) -> None:
        aws.sqs.Queue(
            "q", name=name, opts=pulumi.ResourceOptions(delete_before_replace=True, protect=protect)
        )

    result = simulate_change(run_in_mocks(lambda: program("a")), run_in_mocks(lambda: program("b")))
    assert [(s.action, s.outcome) for s in result.steps] == [("delete", "ok"), ("replace", "ok")]


PROGRAM = """
import pulumi
from fargate_components import (
    Container, FargateCluster, FargateService, FargateServiceArgs, FargateTaskDefinition,
    FargateTaskDefinitionArgs, Network, WorkQueue, WorkQueueArgs,
)

config = pulumi.Config()
net = Network.existing(EXISTING)
cluster = FargateCluster("workers")
jobs = WorkQueue(config.get("queue") or "jobs", WorkQueueArgs())
task = FargateTaskDefinition(
    "worker",
    FargateTaskDefinitionArgs(
        cpu=256,
        memory=512,
        containers=[
            Container(
                name="worker",
                image=config.get("image") or "python:3.12-slim",
                environment={"QUEUE_URL": jobs.url},
            )
        ],
        task_policy_statements=[jobs.consumer_statement()],
    ),
)
FargateService("worker", FargateServiceArgs(cluster=cluster, task_definition=task, network=net))
""".replace("EXISTING", repr(VPC) + ", " + repr(PUBLIC) + ", " + repr(PRIVATE))


def test_cli_replays_an_image_change_and_a_queue_rename(tmp_path: Any, capsys: Any) -> None:
    """The issue's "done when": ``plan --simulate --diff base.json`` against a simulated base
    deploy, for a new image and a renamed queue at once (the library's default protection
    keeps the old queue and its messages: retained, not deleted)."""
    import json

    from fargate_components.cli import main

    (tmp_path / "Pulumi.yaml").write_text("name: worker\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(PROGRAM)
    base = tmp_path / "base.json"
    # The base is deployed first, so it needs values: written with --no-preview-faithful.
    plain = ["--no-preview-faithful", "--format", "json", "-o", str(base)]
    assert main(["plan", str(tmp_path), *plain]) == 0
    change = ["--config", "image=python:3.13-slim", "--config", "queue=orders"]
    code = main(["plan", str(tmp_path), *change, "--simulate", "--diff", str(base),
                 "--format", "json"])  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out["simulation"]
    steps = {
        (s["action"], s["urn"].rsplit("::", 1)[-1]): s["outcome"]
        for s in out["simulation"]["steps"]
    }
    assert out["simulation"]["base"]["failed"] == []
    assert steps[("create", "orders-queue")] == "ok"
    assert steps[("replace", "worker-task-definition")] == "ok"  # the image and the new URL
    assert steps[("update", "worker-service")] == "ok"
    assert steps[("delete", "worker-task-definition")] == "ok"  # the old revision
    assert steps[("delete", "jobs-queue")] == "retained"


def test_a_replacement_gets_a_new_auto_name_and_a_fixed_name_goes_first() -> None:
    """Pulumi creates a replacement under a new auto-name beside the old resource; a name the
    program fixes makes pulumi-aws delete the old one first (the bridge's
    nameRequiresDeleteBeforeReplace), unless the old one is retained: it keeps the name in
    AWS, and AWS refuses the create."""
    import pulumi

    def program(description: str) -> None:
        vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
        aws.ec2.SecurityGroup("auto", vpc_id=vpc.id, description=description)
        aws.cloudwatch.LogGroup("fixed", name="/app/fixed", log_group_class=description.upper())
        aws.cloudwatch.LogGroup(
            "kept",
            name="/app/kept",
            log_group_class=description.upper(),
            opts=pulumi.ResourceOptions(retain_on_delete=True),
        )

    result = simulate_change(
        run_in_mocks(lambda: program("standard")),
        run_in_mocks(lambda: program("infrequent_access")),
    )
    steps = {(s.action, s.urn.rsplit("::", 1)[-1]): s for s in result.steps}
    assert steps[("replace", "auto")].outcome == "ok"
    assert steps[("delete", "auto")].outcome == "ok"
    order = [(s.action, s.urn.rsplit("::", 1)[-1]) for s in result.steps]
    assert order.index(("delete", "fixed")) < order.index(("replace", "fixed"))
    assert steps[("replace", "fixed")].outcome == "ok"
    assert steps[("delete", "kept")].outcome == "retained"
    assert "ResourceAlreadyExistsException" in steps[("replace", "kept")].detail


def _registered(keep_service: bool, registry_type: str | None = None) -> None:
    """An ECS service registering its tasks in a Cloud Map service (``keep_service``: the
    ECS service stays in AWS when it leaves the stack; a new ``registry_type`` replaces the
    Cloud Map service)."""
    namespace = aws.servicediscovery.HttpNamespace("ns", name="shop")
    registry = aws.servicediscovery.Service("api", namespace_id=namespace.id, type=registry_type)
    cluster = aws.ecs.Cluster("apps")
    task = aws.ecs.TaskDefinition(
        "api",
        family="api",
        cpu="256",
        memory="512",
        network_mode="awsvpc",
        requires_compatibilities=["FARGATE"],
        container_definitions='[{"name": "api", "image": "nginx"}]',
    )
    aws.ecs.Service(
        "api",
        cluster=cluster.arn,
        task_definition=task.arn,
        desired_count=1,
        service_registries={"registry_arn": registry.arn},
        opts=pulumi.ResourceOptions(retain_on_delete=keep_service),
    )


@pytest.mark.parametrize("keep_service", [False, True])
def test_a_cloud_map_service_with_registered_tasks_is_not_deleted(keep_service: bool) -> None:
    """Removing everything: the ECS service goes first and its tasks deregister, then the
    Cloud Map service and the namespace go. An ECS service that stays in AWS
    (retain_on_delete) keeps its tasks registered: AWS refuses DeleteService (ResourceInUse),
    and so the namespace that still contains it."""
    result = simulate_change(
        run_in_mocks(lambda: _registered(keep_service)), run_in_mocks(lambda: None)
    )
    failed = {s.urn.rsplit("$", 1)[-1]: s.detail for s in result.steps if s.outcome == "failed"}
    if not keep_service:
        assert result.ok and not failed
        return
    registry = failed["aws:servicediscovery/service:Service::api"]
    assert registry.startswith("ResourceInUse") and "ECS service(s) api-" in registry
    namespace = failed["aws:servicediscovery/httpNamespace:HttpNamespace::ns"]
    assert "ResourceInUse" in namespace


def _fronted(description: str, *, keep: bool = False) -> None:
    """A security group (replaced when its description changes: a new auto-name, created
    first) behind an ALB that names it (updated in place: SetSecurityGroups)."""
    vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
    subnets = [
        aws.ec2.Subnet(
            f"s{i}", vpc_id=vpc.id, cidr_block=f"10.0.{i}.0/24", availability_zone=f"us-east-1{z}"
        )
        for i, z in enumerate("ab")
    ]
    group = aws.ec2.SecurityGroup("sg", vpc_id=vpc.id, description=description)
    aws.lb.LoadBalancer(
        "alb",
        subnets=[s.id for s in subnets],
        security_groups=[group.id],
        opts=pulumi.ResourceOptions(retain_on_delete=keep),
    )


def test_dependants_of_a_create_first_replacement_use_the_new_half() -> None:
    """The mocks give both halves of a replacement one id (type and name); AWS gives the new
    group a new one. The ALB's update must send it (it used to compare the plans' mock ids,
    saw no change and kept the old group), and the old group's delete then succeeds: AWS
    refuses it while a load balancer holds it (DependencyViolation)."""
    result = simulate_change(
        run_in_mocks(lambda: _fronted("one")), run_in_mocks(lambda: _fronted("two"))
    )
    assert result.ok, render_change_text(result)
    assert _steps(result) == {
        ("replace", "sg"): "ok",
        ("update", "alb"): "ok",
        ("delete", "sg"): "ok",
    }
    assert result.unverified == [] and result.base.unverified == []


def _kept() -> None:
    """A retained ALB (its subnets and group stay in use) and a retained queue naming its
    dead-letter queue."""
    _fronted("one", keep=True)
    dlq = aws.sqs.Queue("dlq")
    redrive = dlq.arn.apply(lambda arn: f'{{"deadLetterTargetArn": "{arn}", "maxReceiveCount": 3}}')
    aws.sqs.Queue(
        "main", redrive_policy=redrive, opts=pulumi.ResourceOptions(retain_on_delete=True)
    )


def test_deletes_under_something_that_stays_fail_or_are_unverified() -> None:
    """What a retained resource still uses: AWS refuses to delete the ALB's subnets and
    group (DependencyViolation, which moto does not check: the simulator does); it lets the
    dead-letter queue go, leaving the retained queue's redrive policy naming nothing, which
    moto cannot vouch for: that delete is unverified, in the JSON and the text, never a
    plain ok."""
    result = simulate_change(run_in_mocks(_kept), run_in_mocks(lambda: None))
    failed = {s.urn.rsplit("::", 1)[-1]: s.detail for s in result.steps if s.outcome == "failed"}
    assert set(failed) == {"s0", "s1", "sg", "vpc"}
    assert "pulumi up stops at the first failure" in render_change_text(result)
    assert all(d.startswith("DependencyViolation") for d in failed.values())
    (doubt,) = result.to_json()["unverified"]
    assert doubt["urn"].endswith("::dlq") and "main (retained)" in doubt["reason"]
    text = render_change_text(result)
    assert "1 unverified" in text and "? delete aws:sqs/queue:Queue dlq: ok, unverified" in text


def test_a_failed_replacement_keeps_its_old_half() -> None:
    """pulumi up deletes the old half of a create-first replacement only once the new one
    exists: when the create fails, the old group stays (no delete step)."""
    from fargate_components.model import tokens
    from fargate_components.testing.simulate.handlers import HANDLERS

    def refuse_bad(inputs: dict[str, Any], ctx: Any) -> Any:
        if inputs.get("description") == "bad":
            raise ValueError("refused")
        return HANDLERS[tokens.SECURITY_GROUP](inputs, ctx)

    def program(description: str) -> None:
        vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
        aws.ec2.SecurityGroup("sg", vpc_id=vpc.id, description=description)

    handlers = {**HANDLERS, tokens.SECURITY_GROUP: refuse_bad}
    base, head = run_in_mocks(lambda: program("good")), run_in_mocks(lambda: program("bad"))
    result = simulate_change(base, head, handlers=handlers)
    assert _steps(result) == {("replace", "sg"): "failed"}


def test_a_dependant_the_diff_misses_is_unverified() -> None:
    """The replay follows the diff; a resource naming a replaced one that the diff left out
    (here removed from it by hand) would be updated by pulumi up: unverified, not ok."""
    import dataclasses

    from fargate_components.plan.diff import diff_plans
    from fargate_components.testing.simulate.replay import _document

    base, head = run_in_mocks(lambda: _fronted("one")), run_in_mocks(lambda: _fronted("two"))
    diff = diff_plans(_document(base), _document(head))
    kept = [c for c in diff.changes if not c.urn.endswith("::alb")]
    result = simulate_change(base, head, diff=dataclasses.replace(diff, changes=kept))
    (doubt,) = [u for u in result.unverified if u["urn"].endswith("::alb")]
    assert "securityGroups" in doubt["reason"] and "the diff shows no change" in doubt["reason"]


def test_a_replaced_cloud_map_service_is_the_one_ecs_registers_in() -> None:
    """The Cloud Map case of last session: the mocks auto-name no Cloud Map service, so both
    halves of a replacement had the logical name and the new one collided
    (ServiceAlreadyExists, which pulumi-aws's auto-name avoids). Now the new half gets its
    own name, the ECS service is updated to its ARN, and the old one, with no registered
    tasks left, is deleted (AWS refuses that while ECS uses it)."""
    result = simulate_change(
        run_in_mocks(lambda: _registered(False, "HTTP")), run_in_mocks(lambda: _registered(False))
    )
    assert result.ok, render_change_text(result)
    assert _steps(result) == {
        ("replace", "api"): "ok",
        ("update", "api"): "ok",
        ("delete", "api"): "ok",
    }
