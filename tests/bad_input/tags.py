"""Bad tags: every rule of AWS's tag rules (fargate_components/tags.py), on every component
that takes ``tags`` (tests/test_tags.py checks that no component is missing here)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fargate_components import (
    Container,
    ContainerImage,
    ContainerImageArgs,
    Domain,
    DomainCertificate,
    DomainCertificateArgs,
    FargateCluster,
    FargateClusterArgs,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    ImageBuild,
    LoadBalancer,
    LoadBalancerArgs,
    Network,
    NetworkArgs,
    Volume,
)
from fargate_components.ecs.autoscaling_component import ServiceAutoscaling, ServiceAutoscalingArgs
from fargate_components.ecs.queue_component import WorkQueue, WorkQueueArgs
from fargate_components.efs import FileSystem, FileSystemArgs
from fargate_components.eks import FargateProfileSpec
from fargate_components.eks.team_namespace_component import TeamNamespace, TeamNamespaceArgs
from fargate_components.tags import waiver_tag

from . import BadInput
from .ecs_fargate_service import _service
from .ecs_network_load_balancer import _nlb
from .ecs_scheduled import _scheduled
from .eks import _cluster, _profile

_EXISTING = ("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])

#: Every component that takes ``tags``: its Args class name and how to build it with tags.
_APP = str(Path(__file__).parent.parent.parent / "examples" / "ecs-dockerfile-https" / "app")

BUILDERS: dict[str, Callable[[Any], object]] = {
    "NetworkArgs": lambda t: Network("net", NetworkArgs(az_count=2, flow_logs=False, tags=t)),
    "FargateClusterArgs": lambda t: FargateCluster("c", FargateClusterArgs(tags=t)),
    "FargateTaskDefinitionArgs": lambda t: FargateTaskDefinition(
        "td", FargateTaskDefinitionArgs(containers=[Container(name="w", image="nginx")], tags=t)
    ),
    "FargateServiceArgs": lambda t: _service(tags=t),
    "LoadBalancerArgs": lambda t: LoadBalancer(
        "lb", LoadBalancerArgs(network=Network.existing(*_EXISTING), tags=t)
    ),
    "ServiceAutoscalingArgs": lambda t: ServiceAutoscaling(
        "s", ServiceAutoscalingArgs(cluster_name="c", service_name="s", max_capacity=4, tags=t)
    ),
    "NetworkLoadBalancerArgs": lambda t: _nlb(tags=t),
    "ContainerImageArgs": lambda t: ContainerImage(
        "img", ContainerImageArgs(build=ImageBuild(context=_APP), tags=t)
    ),
    "DomainCertificateArgs": lambda t: DomainCertificate(
        "d",
        DomainCertificateArgs(
            domain=Domain(name="app.example.com", zone_name="example.com"), tags=t
        ),
    ),
    "WorkQueueArgs": lambda t: WorkQueue("q", WorkQueueArgs(tags=t)),
    "ScheduledTaskArgs": lambda t: _scheduled(tags=t),
    "EksFargateClusterArgs": lambda t: _cluster(tags=t),
    "FargateProfileArgs": lambda t: _profile(tags=t),
    "TeamNamespaceArgs": lambda t: TeamNamespace(
        "payments", TeamNamespaceArgs(cluster=None, tags=t)
    ),
    "FileSystemArgs": lambda t: FileSystem(
        "fs", FileSystemArgs(network=Network.existing(*_EXISTING), tags=t)
    ),
    "FargateProfileSpec": lambda t: _cluster(
        profiles=[FargateProfileSpec(name="apps", selectors=["apps"], tags=t)]
    ),
}

#: One bad tag map per rule, and the text the error names.
RULES: dict[str, tuple[Any, str]] = {
    "reserved-key-prefix": ({"aws:owner": "me"}, "['aws:owner']"),
    "reserved-key-prefix-any-case": ({"AWS:Owner": "me"}, "['AWS:Owner']"),
    "reserved-value-prefix": ({"owner": "aws:me"}, "['owner']"),
    "empty-key": ({"": "x"}, "['']"),
    "key-too-long": ({"k" * 129: "x"}, "['kkkk"),
    "value-too-long": ({"team": "v" * 257}, "['team']"),
    "key-bad-character": ({"cost;center": "x"}, "['cost;center']"),
    "value-bad-character": ({"team": "payments, billing"}, "['team']"),
    "value-parenthesis": ({"team": "payments (eu)"}, "['team']"),
    "value-not-string": ({"team": 7}, "['team']"),
    "too-many": ({f"k{i}": "v" for i in range(50)}, ""),
    # The waiver tag's own value syntax (fargate_components/tags.py: parse_waiver_value).
    "waiver-no-rule-id": ({"fargate:waive:ALB-4": "dev"}, "['fargate:waive:ALB-4']"),
    "waiver-no-reason": ({"fargate:waive:FC-ALB-004": " "}, "['fargate:waive:FC-ALB-004']"),
    "waiver-only-expiry": (
        {"fargate:waive:FC-ALB-004": "expires=2027-06-30"},
        "['fargate:waive:FC-ALB-004']",
    ),
    "waiver-expiry-not-a-date": (
        {"fargate:waive:FC-ALB-004": "dev expires=2027-02-30"},
        "['fargate:waive:FC-ALB-004']",
    ),
    "waiver-expiry-not-last": (
        {"fargate:waive:FC-ALB-004": "dev expires=2027-06-30 nightly"},
        "['fargate:waive:FC-ALB-004']",
    ),
    "waiver-expiry-misspelt": (
        {"fargate:waive:FC-ALB-004": "dev Expires:2027-06-30"},
        "['fargate:waive:FC-ALB-004']",
    ),
    "not-a-mapping": (["team=payments"], ""),
}


#: Where the error points for a holder of ``tags`` nested in another component's args.
_PATHS = {"FargateProfileSpec": "EksFargateClusterArgs.profiles[0]"}


def _case(args: str, rule: str) -> BadInput:
    build, (tags, text) = BUILDERS[args], RULES[rule]
    slug = args.removesuffix("Args").lower()
    path = _PATHS.get(args, args)
    return BadInput(f"tags-{slug}-{rule}", lambda: build(tags), f"{path}.tags{text}")


# Every rule on one component, and two representative rules on every component.
CASES = [_case("FargateServiceArgs", rule) for rule in RULES]
CASES += [
    _case(args, rule)
    for args in BUILDERS
    if args != "FargateServiceArgs"
    for rule in ("reserved-key-prefix", "value-bad-character", "too-many")
]
CASES += [
    BadInput(
        "tags-waiver-tag-bad-reason",
        lambda: waiver_tag("FC-ALB-004", "dev (nightly)"),
        "waiver_tag.reason",
    ),
    BadInput(
        "tags-component-name-too-long-for-name-tag",
        lambda: Network("n" * 201, NetworkArgs(az_count=2, flow_logs=False)),
        "name = 'nnnn",
    ),
    BadInput("tags-waiver-tag-bad-rule", lambda: waiver_tag("ALB-4", "dev"), "waiver_tag.rule"),
    BadInput(
        "tags-waiver-tag-bad-expires",
        lambda: waiver_tag("FC-ALB-004", "dev", "30/06/2027"),
        "waiver_tag.expires",
    ),
    BadInput(
        "tags-library-name-tag-from-component-name",
        lambda: FargateCluster("apps!", FargateClusterArgs()),
        "name = 'apps!'",
    ),
]


# -- tags merged from several places onto one resource ----------------------------------------
def _default_tags(count: int, **extra: str) -> dict[str, str]:
    """Stack config with ``count`` provider default tags (``aws:defaultTags``)."""
    tags = {f"d{i}": "v" for i in range(count)} | extra
    return {"aws:defaultTags": json.dumps({"tags": tags})}


def _spec_tags(tags: dict[str, str], cluster_tags: dict[str, str] | None = None) -> object:
    spec = FargateProfileSpec(name="apps", selectors=["apps"], tags=tags)
    return _cluster(profiles=[spec], tags=cluster_tags)


def _ebs_service(tags: dict[str, str]) -> object:
    from .ecs_tasks import _ebs, _mount, _td

    net = Network.existing("vpc-1", ["subnet-p1"], ["subnet-a", "subnet-b"])
    task = _td(volumes=[Volume.ebs("data")], containers=[_mount()])
    return FargateService(
        "bad",
        FargateServiceArgs(
            cluster=FargateCluster("bad-c"),
            task_definition=task,
            network=net,
            ebs_volume=_ebs(),
            tags=tags,
        ),
    )


_P = "EksFargateClusterArgs.profiles[0].tags"
CASES += [
    BadInput(
        "tags-network-subnet-own-tags-count",
        lambda: Network(
            "net",
            NetworkArgs(
                az_count=2,
                flow_logs=False,
                eks_cluster_names=["k8s"],
                tags={f"k{i}": "v" for i in range(47)},
            ),
        ),
        "NetworkArgs.tags",
    ),
    BadInput(
        "tags-profile-spec-with-cluster-tags-too-many",
        lambda: _spec_tags({f"p{i}": "v" for i in range(20)}, {f"c{i}": "v" for i in range(30)}),
        _P,
    ),
    BadInput(
        "tags-provider-default-tags-count",
        lambda: FargateCluster("c", FargateClusterArgs(tags={f"k{i}": "v" for i in range(5)})),
        "FargateClusterArgs.tags",
        config=_default_tags(45),
    ),
    BadInput(
        "tags-provider-default-tags-invalid",
        lambda: FargateCluster("c", FargateClusterArgs()),
        "aws:defaultTags (stack config)['aws:owner']",
        config=_default_tags(0, **{"aws:owner": "me"}),
    ),
    BadInput(
        "tags-ecs-ebs-reserved-key",
        lambda: _ebs_service({"AmazonECSManaged": "true"}),
        "FargateServiceArgs.tags['AmazonECSManaged']",
    ),
]
