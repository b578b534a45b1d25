"""Bad certificate ARNs for the load balancer's HTTPS listener."""

from __future__ import annotations

from typing import Any

from fargate_components import Network
from fargate_components.ecs.load_balancer_component import LoadBalancer, LoadBalancerArgs
from tests.bad_input import BadInput

ARG = "LoadBalancerArgs.certificate_arn"


def _lb(certificate: Any) -> LoadBalancer:
    net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    return LoadBalancer("lb", LoadBalancerArgs(network=net, certificate_arn=certificate))


CASES = [
    BadInput("cert-empty", lambda: _lb(""), ARG),
    BadInput("cert-blank", lambda: _lb("  "), ARG),
    BadInput("cert-not-an-arn", lambda: _lb("my-certificate"), ARG),
    BadInput(
        "cert-not-acm",
        lambda: _lb("arn:aws:s3:::bucket/certificate/abc"),
        ARG,
    ),
    BadInput(
        "cert-short-account",
        lambda: _lb("arn:aws:acm:us-east-1:1234:certificate/abc"),
        ARG,
    ),
    # run_in_mocks plans in us-east-1: an ACM certificate from another region can't be used.
    BadInput(
        "cert-other-region",
        lambda: _lb("arn:aws:acm:eu-west-1:123456789012:certificate/abc"),
        ARG,
    ),
]
