"""Certificate ARNs: the formats AWS accepts, the stack's region, and Outputs checked when
they resolve (tests/bad_input/ecs_certificates.py holds the refused values)."""

from __future__ import annotations

import pulumi
import pytest

from fargate_components import Network
from fargate_components.ecs.certificates import check_certificate_arn
from fargate_components.ecs.load_balancer_component import LoadBalancer, LoadBalancerArgs
from fargate_components.errors import ValidationError
from fargate_components.testing import run_in_mocks
from tests.forked import run_forked

ACM = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"


@pytest.mark.parametrize(
    "arn",
    [
        ACM,
        "arn:aws-cn:acm:cn-north-1:123456789012:certificate/abc",
        "arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/abc",
        "arn:aws:iam::123456789012:server-certificate/web/prod-2026",
    ],
)
def test_accepted_formats(arn: str) -> None:
    check_certificate_arn("x", arn, None)


def test_region_must_be_the_stacks_when_known() -> None:
    check_certificate_arn("x", ACM, "eu-west-1")
    with pytest.raises(ValidationError, match=r"stack's region 'us-east-1'.*'eu-west-1'"):
        check_certificate_arn("x", ACM, "us-east-1")
    # IAM server certificates are global: no region to compare.
    check_certificate_arn("x", "arn:aws:iam::123456789012:server-certificate/a", "us-east-1")


def test_planned_region_comes_from_aws_region_config() -> None:
    def program() -> None:
        net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
        LoadBalancer("lb", LoadBalancerArgs(network=net, certificate_arn=ACM))

    plan = run_in_mocks(program, region="eu-west-1")
    (https,) = [r for r in plan.of_type("aws:lb/listener:Listener") if r.name == "lb-https"]
    assert https.inputs["certificateArn"] == ACM
    with pytest.raises(ValidationError, match="certificate_arn"):
        run_in_mocks(program, region="us-east-1")


def _empty_output_arn() -> str:
    """A plan whose certificate ARN is an Output that resolves to ``""``."""

    def program() -> None:
        net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
        arn = pulumi.Output.from_input("")
        LoadBalancer("lb", LoadBalancerArgs(network=net, certificate_arn=arn))

    run_in_mocks(program)
    return "no error"


def test_an_output_is_checked_when_it_resolves() -> None:
    def program() -> None:
        net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
        arn = pulumi.Output.from_input(ACM)
        LoadBalancer("lb", LoadBalancerArgs(network=net, certificate_arn=arn))

    plan = run_in_mocks(program, region="eu-west-1")
    (https,) = [r for r in plan.of_type("aws:lb/listener:Listener") if r.name == "lb-https"]
    assert https.inputs["certificateArn"] == ACM
    # The failing case runs in a child process: run_in_mocks cancels what a run failing
    # inside an apply leaves pending, but CPython 3.11 may fail a later compile() in that
    # process ("AST constructor recursion depth mismatch", a CPython bug fixed in 3.11.8;
    # the suite runs 3.11.7: see tests/forked.py).
    child = run_forked(_empty_output_arn)
    assert child.raised is not None, child.returned
    assert "LoadBalancerArgs.certificate_arn = '' is not allowed" in child.raised
