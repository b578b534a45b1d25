"""The escape hatch: Pulumi's ``transforms`` option on one of our components reaches its
children, so any field we don't wrap can still be set. One test per component, each
changing a field of its main child (by type token and logical name)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
import pytest

from fargate_components import (
    Container,
    ContainerImage,
    ContainerImageArgs,
    Domain,
    DomainCertificate,
    DomainCertificateArgs,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    FileSystem,
    FileSystemArgs,
    ImageBuild,
    LoadBalancer,
    LoadBalancerArgs,
    Network,
    NetworkArgs,
    NetworkListener,
    NetworkLoadBalancer,
    NetworkLoadBalancerArgs,
    ScheduledTask,
    ScheduledTaskArgs,
)
from fargate_components.ecs.autoscaling_component import ServiceAutoscaling, ServiceAutoscalingArgs
from fargate_components.ecs.domain_component import AliasTarget
from fargate_components.ecs.queue_component import WorkQueue
from fargate_components.ecs.scaling import Autoscaling
from fargate_components.testing import run_in_mocks


def _existing() -> Any:
    return Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])


def _task(name: str = "web", opts: pulumi.ResourceOptions | None = None) -> FargateTaskDefinition:
    return FargateTaskDefinition(
        name,
        FargateTaskDefinitionArgs(
            cpu=256,
            memory=512,
            containers=[Container(name=name, image="nginx", port_mappings=[8080])],
        ),
        opts,
    )


APP = Path(__file__).parent.parent / "examples" / "ecs-dockerfile-https" / "app"
DOMAIN = Domain(name="api.example.com", zone_name="example.com", zone_id="Z1")


def _tagging(token: str) -> Callable[[pulumi.ResourceTransformArgs], Any]:
    def transform(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
        if args.type_ != token:
            return None
        tags = {**(args.props.get("tags") or {}), "cost-center": "42"}
        return pulumi.ResourceTransformResult(props={**args.props, "tags": tags}, opts=args.opts)

    return transform


CASES: list[tuple[str, str, str, Callable[[pulumi.ResourceOptions], Any]]] = [
    (
        "Network",
        "aws:ec2/vpc:Vpc",
        "net-vpc",
        lambda o: Network("net", NetworkArgs(az_count=2, nat_gateways="none"), o),
    ),
    (
        "FargateCluster",
        "aws:ecs/cluster:Cluster",
        "apps-cluster",
        lambda o: FargateCluster("apps", opts=o),
    ),
    (
        "FargateTaskDefinition",
        "aws:ecs/taskDefinition:TaskDefinition",
        "web-task-definition",
        lambda o: _task(opts=o),
    ),
    (
        "FargateService",
        "aws:ecs/service:Service",
        "web-service",
        lambda o: FargateService(
            "web",
            FargateServiceArgs(
                cluster=FargateCluster("c"), task_definition=_task(), network=_existing()
            ),
            o,
        ),
    ),
    (
        "LoadBalancer",
        "aws:lb/loadBalancer:LoadBalancer",
        "lb-alb",
        lambda o: LoadBalancer("lb", LoadBalancerArgs(network=_existing()), o),
    ),
    (
        "NetworkLoadBalancer",
        "aws:lb/loadBalancer:LoadBalancer",
        "edge-nlb",
        lambda o: NetworkLoadBalancer(
            "edge",
            NetworkLoadBalancerArgs(network=_existing(), listeners=[NetworkListener(port=80)]),
            o,
        ),
    ),
    ("WorkQueue", "aws:sqs/queue:Queue", "jobs-queue", lambda o: WorkQueue("jobs", opts=o)),
    (
        "ScheduledTask",
        "aws:scheduler/schedule:Schedule",
        "nightly-schedule",
        lambda o: ScheduledTask(
            "nightly",
            ScheduledTaskArgs(
                cluster=FargateCluster("c"),
                task_definition=_task("job"),
                network=_existing(),
                schedule="rate(1 day)",
            ),
            o,
        ),
    ),
    (
        "ContainerImage",
        "aws:ecr/repository:Repository",
        "app-repository",
        lambda o: ContainerImage("app", ContainerImageArgs(build=ImageBuild(context=str(APP))), o),
    ),
    (
        "DomainCertificate",
        "aws:acm/certificate:Certificate",
        "api-certificate",
        lambda o: DomainCertificate(
            "api",
            DomainCertificateArgs(
                domain=DOMAIN, alias_target=AliasTarget("lb.elb.amazonaws.com", "Z35SXDOTRQ7X7K")
            ),
            o,
        ),
    ),
    (
        "ServiceAutoscaling",
        "aws:appautoscaling/target:Target",
        "s-scaling",
        lambda o: ServiceAutoscaling(
            "s",
            ServiceAutoscalingArgs.for_service(
                Autoscaling(min_capacity=1, max_capacity=3, cpu_target=50),
                cluster_name="c",
                service_name="s",
            ),
            o,
        ),
    ),
    (
        "FileSystem",
        "aws:efs/fileSystem:FileSystem",
        "shared-fs",
        lambda o: FileSystem("shared", FileSystemArgs(network=_existing()), o),
    ),
]


@pytest.mark.parametrize(("component", "token", "child", "build"), CASES, ids=[c[0] for c in CASES])
def test_a_transform_on_the_component_reaches_its_main_child(
    component: str, token: str, child: str, build: Callable[[pulumi.ResourceOptions], Any]
) -> None:
    plan = run_in_mocks(lambda: build(pulumi.ResourceOptions(transforms=[_tagging(token)])))
    matches = [r for r in plan.of_type(token) if r.name == child]
    assert len(matches) == 1, [r.name for r in plan.of_type(token)]
    tags = matches[0].inputs.get("tags") or matches[0].inputs.get("tagsAll") or {}
    assert tags.get("cost-center") == "42", (component, matches[0].inputs)


#: The EKS components, planned once together (one EKS cluster plan costs seconds): each
#: component gets its own transform, aimed at its main child by type token and logical name.
EKS_CASES: list[tuple[str, str, str]] = [
    ("EksFargateCluster", "aws:eks/cluster:Cluster", "k8s-cluster"),
    ("TeamNamespace", "aws:eks/fargateProfile:FargateProfile", "payments-profile"),
    ("FargateProfile", "aws:eks/fargateProfile:FargateProfile", "batch-profile"),
]


def _eks_program() -> None:
    from fargate_components.eks import (
        EksFargateCluster,
        EksFargateClusterArgs,
        FargateProfile,
        FargateProfileArgs,
        FargateProfileSpec,
    )
    from fargate_components.eks.team_namespace_component import TeamNamespace, TeamNamespaceArgs
    from tests.bad_input.eks import FakeNetwork

    def opts(token: str, child: str) -> pulumi.ResourceOptions:
        def transform(args: pulumi.ResourceTransformArgs) -> pulumi.ResourceTransformResult | None:
            if args.type_ != token or args.name != child:
                return None
            tags = {**(args.props.get("tags") or {}), "cost-center": child}
            return pulumi.ResourceTransformResult(
                props={**args.props, "tags": tags}, opts=args.opts
            )

        return pulumi.ResourceOptions(transforms=[transform])

    cluster = EksFargateCluster(
        "k8s",
        EksFargateClusterArgs(
            network=FakeNetwork(),
            version="1.35",
            profiles=[FargateProfileSpec(name="default", selectors=["default"])],
        ),
        opts(*EKS_CASES[0][1:]),
    )
    TeamNamespace("payments", TeamNamespaceArgs(cluster=cluster), opts(*EKS_CASES[1][1:]))
    FargateProfile(
        "batch",
        FargateProfileArgs(cluster="k8s", selectors=["batch"], subnet_ids=["subnet-p1"]),
        opts(*EKS_CASES[2][1:]),
    )


@pytest.fixture(scope="module")
def eks_plan() -> Any:
    return run_in_mocks(_eks_program)


@pytest.mark.parametrize(("component", "token", "child"), EKS_CASES, ids=[c[0] for c in EKS_CASES])
def test_a_transform_on_an_eks_component_reaches_its_main_child(
    eks_plan: Any, component: str, token: str, child: str
) -> None:
    matches = [r for r in eks_plan.of_type(token) if r.name == child]
    assert len(matches) == 1, [r.name for r in eks_plan.of_type(token)]
    tags = matches[0].inputs.get("tags") or {}
    assert tags.get("cost-center") == child, (component, matches[0].inputs)
    others = [r for r in eks_plan.resources if (r.inputs.get("tags") or {}).get("cost-center")]
    assert len(others) == len(EKS_CASES), [r.name for r in others]
