"""Bad inputs of existing clusters, listeners and networks."""

from __future__ import annotations

from fargate_components import CapacityStrategy, FargateCluster, LoadBalancer, Network
from tests.bad_input import BadInput

LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/a/1/2"

CASES = [
    BadInput(
        "existing-cluster-not-an-arn",
        lambda: FargateCluster.existing("shared", default_strategy=CapacityStrategy.on_demand()),
        "FargateCluster.existing(arn)",
    ),
    BadInput(
        "existing-cluster-no-strategy",
        lambda: FargateCluster.existing(
            "arn:aws:ecs:us-east-1:123456789012:cluster/shared",
            default_strategy=None,  # type: ignore[arg-type]
        ),
        "FargateCluster.existing(default_strategy)",
    ),
    BadInput(
        "existing-cluster-bad-namespace",
        lambda: FargateCluster.existing(
            "arn:aws:ecs:us-east-1:123456789012:cluster/shared",
            default_strategy=CapacityStrategy.on_demand(),
            service_connect_namespace="a<b",
        ),
        "FargateCluster.existing(service_connect_namespace)",
    ),
    BadInput(
        "existing-listener-not-alb",
        lambda: LoadBalancer.existing(
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/a/1/2",
            "sg-1",
            vpc_id="vpc-1",
        ),
        "LoadBalancer.existing(listener_arn)",
    ),
    BadInput(
        "existing-listener-bad-sg",
        lambda: LoadBalancer.existing(LISTENER, "alb-sg", vpc_id="vpc-1"),
        "LoadBalancer.existing(security_group_id)",
    ),
    BadInput(
        "existing-listener-scheme",
        lambda: LoadBalancer.existing(LISTENER, "sg-1", vpc_id="vpc-1", scheme="tcp"),
        "LoadBalancer.existing(scheme)",
    ),
    BadInput(
        "existing-network-subnets-a-string",
        lambda: Network.existing("vpc-1", [], "subnet-a"),  # type: ignore[arg-type]
        "Network.existing(private_subnet_ids)",
    ),
]
