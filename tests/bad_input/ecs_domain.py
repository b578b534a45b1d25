"""Bad domains for a load balancer's HTTPS (ACM names, Route 53 zones, ACM's quota)."""

from __future__ import annotations

from typing import Any

from fargate_components import Domain, DomainCertificate, DomainCertificateArgs, Network
from fargate_components.ecs.domain_component import AliasTarget
from fargate_components.ecs.load_balancer_component import LoadBalancer, LoadBalancerArgs
from tests.bad_input import BadInput

ARG = "LoadBalancerArgs.domain"


def _lb(**domain: Any) -> LoadBalancer:
    net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    fields = {"name": "app.example.com", "zone_name": "example.com", **domain}
    return LoadBalancer("lb", LoadBalancerArgs(network=net, domain=Domain(**fields)))


def _many(n: int) -> list[str]:
    return [f"h{i}.example.com" for i in range(n)]


CASES = [
    BadInput("domain-empty-name", lambda: _lb(name=""), f"{ARG}.name"),
    BadInput("domain-one-label", lambda: _lb(name="localhost"), f"{ARG}.name"),
    BadInput("domain-outside-zone", lambda: _lb(name="app.example.org"), f"{ARG}.name"),
    BadInput("domain-suffix-not-zone", lambda: _lb(name="badexample.com"), f"{ARG}.name"),
    BadInput("domain-name-wildcard", lambda: _lb(name="*.example.com"), f"{ARG}.name"),
    BadInput("domain-underscore", lambda: _lb(name="my_app.example.com"), f"{ARG}.name"),
    BadInput("domain-hyphen-edge", lambda: _lb(name="-app.example.com"), f"{ARG}.name"),
    BadInput("domain-trailing-dot", lambda: _lb(name="app.example.com."), f"{ARG}.name"),
    BadInput("domain-label-64", lambda: _lb(name="a" * 64 + ".example.com"), f"{ARG}.name"),
    # The certificate's Common Name: at most 64 characters (RFC 5280, as ACM applies it).
    BadInput(
        "domain-common-name-65",
        lambda: _lb(name="a" * 53 + ".example.com"),
        f"{ARG}.name",
    ),
    BadInput("domain-too-long", lambda: _lb(aliases=[("a" * 60 + ".") * 4 + "example.com"]), ARG),
    BadInput(
        "domain-wildcard-middle", lambda: _lb(aliases=["a.*.example.com"]), f"{ARG}.aliases[0]"
    ),
    BadInput(
        "domain-wildcard-in-label", lambda: _lb(aliases=["*app.example.com"]), f"{ARG}.aliases[0]"
    ),
    BadInput(
        "domain-alias-duplicate", lambda: _lb(aliases=["APP.example.com"]), f"{ARG}.aliases[0]"
    ),
    BadInput("domain-aliases-string", lambda: _lb(aliases="www.example.com"), f"{ARG}.aliases"),
    BadInput("domain-over-100-names", lambda: _lb(aliases=_many(100)), f"{ARG}.aliases"),
    BadInput("domain-zone-empty", lambda: _lb(zone_name=""), f"{ARG}.zone_name"),
    BadInput("domain-zone-id-lower", lambda: _lb(zone_id="z123abc"), f"{ARG}.zone_id"),
    BadInput(
        "domain-zone-id-prefixed", lambda: _lb(zone_id="/hostedzone/Z123ABC"), f"{ARG}.zone_id"
    ),
    BadInput("domain-zone-id-too-long", lambda: _lb(zone_id="Z" + "A" * 32), f"{ARG}.zone_id"),
    BadInput(
        "domain-and-certificate",
        lambda: LoadBalancer(
            "lb",
            LoadBalancerArgs(
                network=Network.existing(
                    "vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"]
                ),
                domain=Domain(name="app.example.com", zone_name="example.com"),
                certificate_arn="arn:aws:acm:us-east-1:123456789012:certificate/abc",
            ),
        ),
        ARG,
    ),
    BadInput("domain-not-a-domain", lambda: _lb_raw("app.example.com"), ARG),
    BadInput(
        "domain-certificate-bad-name",
        lambda: DomainCertificate(
            "c", DomainCertificateArgs(domain=Domain(name="x", zone_name="example.com"))
        ),
        "DomainCertificateArgs.domain.name",
    ),
    BadInput(
        "domain-alias-dualstack-not-bool",
        lambda: DomainCertificate(
            "c",
            DomainCertificateArgs(
                domain=Domain(name="app.example.com", zone_name="example.com"),
                alias_target=AliasTarget("lb.example.com", "Z1", "yes"),  # type: ignore[arg-type]
            ),
        ),
        "DomainCertificateArgs.alias_target.dualstack",
    ),
]


def _lb_raw(domain: Any) -> LoadBalancer:
    net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    return LoadBalancer("lb", LoadBalancerArgs(network=net, domain=domain))
