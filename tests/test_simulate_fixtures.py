"""Declared fixtures (``--fixtures FILE``, ``simulate(plan, fixtures=...)``): pre-existing AWS
objects created in moto with their declared attributes before the replay."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pulumi_aws as aws
import pytest

from fargate_components.errors import ValidationError
from fargate_components.testing import run_in_mocks
from fargate_components.testing.simulate import parse_fixtures, render_simulation_text, simulated

ROOT = Path(__file__).resolve().parents[1]
VPC = "vpc-0123456789abcdef0"
SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
LISTENER = (
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/edge/"
    "50dc6c495c0c9188/f2f7dc8efc522ab2"
)
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
ZONE = "Z0123456789ABCDEFGHIJ"
FIXTURES: dict[str, Any] = {
    "vpcs": [
        {
            "id": VPC,
            "cidr": "10.9.0.0/16",
            "subnets": [
                {"id": SUBNETS[0], "cidr": "10.9.0.0/24", "availability_zone": "us-east-1a"},
                {"id": SUBNETS[1], "cidr": "10.9.1.0/24", "availability_zone": "us-east-1b"},
            ],
        }
    ],
    "security_groups": [{"id": "sg-0123456789abcdef0", "vpc": VPC, "name": "edge"}],
    "certificates": [{"arn": CERT, "domain": "shop.example.com"}],
    "hosted_zones": [{"id": ZONE, "name": "example.com"}],
    "listeners": [{"arn": LISTENER, "port": 443, "protocol": "HTTPS", "certificate": CERT}],
}


def _program() -> None:
    tg = aws.lb.TargetGroup("tg", port=80, protocol="HTTP", target_type="ip", vpc_id=VPC)
    aws.lb.ListenerRule(
        "rule",
        listener_arn=LISTENER,
        priority=10,
        actions=[{"type": "forward", "target_group_arn": tg.arn}],
        conditions=[{"path_pattern": {"values": ["/shop/*"]}}],
    )
    aws.ec2.SecurityGroupRule(
        "from-edge",
        type="ingress",
        security_group_id="sg-0123456789abcdef0",
        from_port=80,
        to_port=80,
        protocol="tcp",
        cidr_blocks=["10.9.0.0/16"],
    )


def test_declared_objects_exist_with_their_attributes() -> None:
    with simulated(run_in_mocks(_program), fixtures=parse_fixtures(FIXTURES)) as sim:
        assert sim.result.ok, render_simulation_text(sim.result)
        ids = sim.result.external_ids
        assert {VPC, *SUBNETS, CERT, ZONE, LISTENER} <= set(ids)
        cert = sim.client("acm").describe_certificate(CertificateArn=ids[CERT])["Certificate"]
        assert cert["DomainName"] == "shop.example.com"
        subnet = sim.client("ec2").describe_subnets(SubnetIds=[ids[SUBNETS[1]]])["Subnets"][0]
        assert (subnet["CidrBlock"], subnet["AvailabilityZone"]) == ("10.9.1.0/24", "us-east-1b")
        zone = sim.client("route53").get_hosted_zone(Id=ids[ZONE])["HostedZone"]
        assert zone["Name"] == "example.com."
        (rule,) = [
            r
            for r in sim.client("elbv2").describe_rules(ListenerArn=ids[LISTENER])["Rules"]
            if not r["IsDefault"]
        ]
        assert rule["Priority"] == "10"


@pytest.mark.parametrize(
    ("data", "argument"),
    [
        ({"buckets": []}, "fixtures.buckets"),
        ({"vpcs": [{"id": VPC}]}, "fixtures.vpcs[0].cidr"),
        ({"vpcs": [{"id": VPC, "cidr": "10.0.0.0/16", "subnets": [{"id": "s"}]}]},
         "fixtures.vpcs[0].subnets[0].cidr"),
        ({"certificates": [{"arn": CERT, "domain": "a.com", "sans": []}]},
         "fixtures.certificates[0].sans"),
        ({"stack_references": {"a/b/c": 3}}, "fixtures.stack_references"),
        ({"certificates": [{"arn": CERT, "domain": "a.com", "status": "issued"}]},
         "fixtures.certificates[0].status"),
    ],
)  # fmt: skip
def test_bad_fixtures_name_the_path(data: dict[str, Any], argument: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_fixtures(data)
    assert info.value.argument == argument


def test_the_https_example_simulates_with_its_certificate_fixture(capsys: Any) -> None:
    from fargate_components.cli import main

    example = ROOT / "examples" / "ecs-microservices"
    fixtures = example / "fixtures.dev.yaml"
    args = ["plan", str(example), "--simulate", "--fixtures", str(fixtures), "--format", "json"]
    assert main(args) == 0
    simulation = json.loads(capsys.readouterr().out)["simulation"]
    assert simulation["failed"] == [] and simulation["unsupported"] == []
    assert CERT in simulation["external_ids"]


def test_a_bad_fixtures_file_is_exit_2(tmp_path: Path, capsys: Any) -> None:
    from fargate_components.cli import main

    bad = tmp_path / "fixtures.yaml"
    bad.write_text("vpcs:\n  - {id: vpc-1}\n")
    assert main(["plan", str(ROOT / "examples" / "network"), "--fixtures", str(bad)]) == 2
    assert "fixtures.yaml.vpcs[0].cidr" in capsys.readouterr().err


def test_an_unparsable_fixtures_file_is_one_line(tmp_path: Path) -> None:
    # A user's truncated --fixtures file printed YAML's seven-line parser report.
    from fargate_components.testing.simulate.fixture_file import load_fixtures

    bad = tmp_path / "fixtures.yaml"
    bad.write_text("{bad\n")
    with pytest.raises(ValidationError) as error:
        load_fixtures(str(bad))
    assert "\n" not in str(error.value) and "YAML or JSON" in str(error.value)


PENDING = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456780"


def _https_program() -> None:
    """An ALB with three HTTPS listeners: an issued fixture certificate, a pending one, and
    a certificate of the program's own, validated through DNS in the fixture zone."""
    lb = aws.lb.LoadBalancer("alb", internal=True, subnets=SUBNETS)
    cert = aws.acm.Certificate("own", domain_name="api.example.com", validation_method="DNS")
    option = cert.domain_validation_options[0]
    record = aws.route53.Record(
        "own-validation",
        zone_id=ZONE,
        name=option.resource_record_name,
        type=option.resource_record_type,
        records=[option.resource_record_value],
        ttl=60,
    )
    validation = aws.acm.CertificateValidation(
        "own-validated", certificate_arn=cert.arn, validation_record_fqdns=[record.fqdn]
    )
    fixed = [
        aws.lb.ListenerDefaultActionArgs(
            type="fixed-response",
            fixed_response=aws.lb.ListenerDefaultActionFixedResponseArgs(
                content_type="text/plain", status_code="404"
            ),
        )
    ]
    for name, port, arn in (
        ("issued", 443, CERT),
        ("pending", 8443, PENDING),
        ("validated", 9443, validation.certificate_arn),
        ("racing", 10443, cert.arn),  # does not wait for the validation
    ):
        aws.lb.Listener(
            name,
            load_balancer_arn=lb.arn,
            port=port,
            protocol="HTTPS",
            certificate_arn=arn,
            default_actions=fixed,
        )


def test_certificates_are_issued_as_on_aws_and_a_pending_one_cannot_be_served() -> None:
    pending = {"arn": PENDING, "domain": "pending.example.com", "status": "PENDING_VALIDATION"}
    fixtures = parse_fixtures({**FIXTURES, "certificates": [*FIXTURES["certificates"], pending]})
    with simulated(run_in_mocks(_https_program), fixtures=fixtures) as sim:
        result = sim.result
        assert result.error_of("issued") is None and result.error_of("validated") is None, (
            result.failed
        )
        assert "UnsupportedCertificate" in str(result.error_of("pending"))
        assert "UnsupportedCertificate" in str(result.error_of("racing"))
        acm = sim.client("acm")
        status = {
            name: acm.describe_certificate(CertificateArn=arn)["Certificate"]["Status"]
            for name, arn in (
                ("fixture", result.external_ids[CERT]),
                ("own", sim.physical_id("own")),
            )
        }
        assert status == {"fixture": "ISSUED", "own": "ISSUED"}
