"""Domains: the pure rules of ``Domain``, the wiring of ``DomainCertificate`` under a
``LoadBalancer``, and the replay of both into moto (hosted zone as a fixture)."""

from __future__ import annotations

import pytest

from fargate_components import Domain, Network, NetworkArgs, ValidationError
from fargate_components.ecs.domain import record_key, validation_base
from fargate_components.ecs.load_balancer_component import LoadBalancer, LoadBalancerArgs
from fargate_components.model.tokens import (
    ACM_CERTIFICATE,
    ACM_CERTIFICATE_VALIDATION,
    ROUTE53_RECORD,
)
from fargate_components.testing import Plan, run_in_mocks
from fargate_components.testing.simulate import simulate


# --- pure ---------------------------------------------------------------------------------
def test_names_and_validation_names_fold_wildcards_onto_their_base() -> None:
    d = Domain(
        name="example.com", aliases=["*.example.com", "www.example.com"], zone_name="example.com"
    )
    assert d.names == ("example.com", "*.example.com", "www.example.com")
    assert d.validation_names == ("example.com", "www.example.com")
    assert validation_base("*.api.example.com") == "api.example.com"
    assert record_key("*.api.example.com") == "wildcard-api-example-com"


def test_valid_domains_pass() -> None:
    Domain(name="example.com", zone_name="example.com").validate()
    Domain(name="a-b.c1.example.com", aliases=["*.example.com"], zone_name="Example.com").validate()
    # 63-character labels, 253 characters in all, in an alias (the Common Name stays short)
    long = ".".join(["a" * 63, "b" * 63, "c" * 63, "d" * 49]) + ".example.com"
    assert len(long) == 253
    Domain(name="x.example.com", aliases=[long], zone_name="example.com").validate()


def test_quota_above_ten_names_is_a_warning_not_an_error() -> None:
    aliases = [f"h{i}.example.com" for i in range(10)]
    d = Domain(name="app.example.com", aliases=aliases, zone_name="example.com")
    d.validate()
    assert d.needs_quota_increase()
    assert not Domain(name="a.example.com", zone_name="example.com").needs_quota_increase()


def test_errors_name_the_field_and_what_is_allowed() -> None:
    with pytest.raises(ValidationError) as err:
        Domain(name="app.example.org", zone_name="example.com").validate()
    assert err.value.argument == "Domain.name"
    assert "inside the hosted zone 'example.com'" in err.value.allowed


# --- wiring -------------------------------------------------------------------------------
def _program() -> None:
    net = Network("net", NetworkArgs(az_count=2, nat_gateways="single", flow_logs=False))
    LoadBalancer(
        "web",
        LoadBalancerArgs(
            network=net,
            domain=Domain(
                name="app.example.com",
                aliases=["*.app.example.com", "www.example.com"],
                zone_name="example.com",
            ),
        ),
    )


@pytest.fixture(scope="module")
def plan() -> Plan:
    return run_in_mocks(_program)


def test_certificate_validation_records_and_aliases(plan: Plan) -> None:
    cert = plan.named("web-domain-certificate")
    assert cert.type == ACM_CERTIFICATE
    assert cert.inputs["domainName"] == "app.example.com"
    assert cert.inputs["subjectAlternativeNames"] == ["*.app.example.com", "www.example.com"]
    assert cert.inputs["validationMethod"] == "DNS"
    records = {r.name: r for r in plan.of_type(ROUTE53_RECORD)}
    # one validation CNAME per base name (the wildcard shares app.example.com's)
    assert sorted(n for n in records if "-validation-" in n) == [
        "web-domain-validation-app-example-com",
        "web-domain-validation-www-example-com",
    ]
    cname = records["web-domain-validation-app-example-com"].inputs
    assert cname["type"] == "CNAME" and cname["allowOverwrite"] is True
    assert cname["name"].endswith(".app.example.com.")
    aliases = {r.inputs["name"]: r.inputs for n, r in records.items() if "-alias-" in n}
    assert set(aliases) == {"app.example.com", "*.app.example.com", "www.example.com"}
    alb = plan.named("web-alb")
    for alias in aliases.values():
        assert alias["type"] == "A"
        assert alias["aliases"][0]["name"] == alb.outputs["dnsName"]
        assert alias["aliases"][0]["zoneId"] == alb.outputs["zoneId"]
    zone_ids = {r.inputs["zoneId"] for r in records.values()}
    assert len(zone_ids) == 1  # the zone looked up by name, once


def test_https_waits_for_validation_and_http_redirects(plan: Plan) -> None:
    validation = plan.named("web-domain-validation")
    assert validation.type == ACM_CERTIFICATE_VALIDATION
    https = plan.named("web-https")
    assert https.inputs["certificateArn"] == validation.outputs["certificateArn"]
    assert validation.urn in https.depends_on
    http = plan.named("web-http").inputs["defaultActions"][0]
    assert http["type"] == "redirect" and http["redirect"]["protocol"] == "HTTPS"
    ports = {
        r.inputs["fromPort"]
        for r in plan.of_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
    }
    assert ports == {80, 443}
    component = plan.named("web-domain")
    assert component.inputs["zoneName"] == "example.com"


def test_the_domain_simulates_with_its_zone_as_a_fixture(plan: Plan) -> None:
    result = simulate(plan)
    assert result.failed == [] and result.not_simulated == []
    assert len(result.external_ids) == 1  # the hosted zone


def test_a_validation_record_missing_fails_the_simulated_wait(plan: Plan) -> None:
    """Replayed without its validation CNAMEs, the wait for ACM fails as it would in AWS."""
    from dataclasses import replace

    cut = replace(
        plan,
        resources=[
            r for r in plan.resources if not (r.type == ROUTE53_RECORD and "-validation-" in r.name)
        ],
    )
    result = simulate(cut)
    errors = {f["urn"].rsplit("::", 1)[-1]: f["error"] for f in result.failed}
    assert "ValidationTimedOut" in errors["web-domain-validation"]


def test_aaaa_aliases_only_for_a_dualstack_target() -> None:
    from fargate_components import DomainCertificate, DomainCertificateArgs
    from fargate_components.ecs.domain_component import AliasTarget

    def program() -> None:
        domain = Domain(
            name="api.example.com",
            aliases=["www.example.com"],
            zone_name="example.com",
            zone_id="Z1",
        )
        for name, dualstack in (("v4", False), ("v6", True)):
            DomainCertificate(
                name,
                DomainCertificateArgs(
                    domain=domain,
                    alias_target=AliasTarget("lb.elb.amazonaws.com", "Z35SXDOTRQ7X7K", dualstack),
                ),
            )

    plan = run_in_mocks(program)
    kinds = {r.name: r.inputs["type"] for r in plan.of_type(ROUTE53_RECORD) if "alias" in r.name}
    assert kinds == {
        "v4-alias-api-example-com": "A",
        "v4-alias-www-example-com": "A",
        "v6-alias-api-example-com": "A",
        "v6-alias-www-example-com": "A",
        "v6-alias6-api-example-com": "AAAA",
        "v6-alias6-www-example-com": "AAAA",
    }
    aaaa = plan.named("v6-alias6-api-example-com").inputs
    assert aaaa["aliases"][0]["name"] == "lb.elb.amazonaws.com"
    assert aaaa["aliases"][0]["evaluateTargetHealth"] is True
