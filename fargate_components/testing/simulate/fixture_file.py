"""Declared fixtures: the AWS objects a program references but does not create, described in
a file (``plan --simulate --fixtures fixtures.yaml``) or passed to ``simulate(...,
fixtures=...)``, and created in moto before the replay.

Without a file the simulator guesses (``fixtures.py``: ids of the right shape the plan did
not make). A file says exactly what exists, with the attributes AWS's checks read (a
certificate's domain, a subnet's CIDR and zone, a zone's name), and it wins over the guess
for every id it names. The file (YAML or JSON; every key optional)::

    # fragment: the file format (YAML)
    certificates:          # ACM certificates, by ARN
      - arn: arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-...
        domain: shop.example.com
        alternative_names: [www.shop.example.com]
        status: ISSUED     # ACM's CertificateStatus; default ISSUED
    hosted_zones:          # Route 53 hosted zones, by id
      - id: Z0123456789ABCDEFGHIJ
        name: example.com
    vpcs:                  # VPCs and their subnets, by id
      - id: vpc-0123456789abcdef0
        cidr: 10.1.0.0/16
        subnets:
          - {id: subnet-0a1b2c3d4e5f60001, cidr: 10.1.0.0/24, availability_zone: us-east-1a}
    security_groups:       # by id, in one of the VPCs above
      - {id: sg-0123456789abcdef0, vpc: vpc-0123456789abcdef0, name: platform-alb}
    clusters:              # ECS clusters, by ARN (the Fargate capacity providers associated)
      - arn: arn:aws:ecs:us-east-1:123456789012:cluster/platform
    namespaces:            # Cloud Map namespaces, by ARN
      - {arn: "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-0123456789abcdef",
         name: shop.local}
    listeners:             # an existing ALB listener, by ARN (its ALB is created in the
      - arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/edge/50dc6c495c0c9188/f2f7dc8efc522ab2
        port: 443          #   first VPC's subnets above)
        protocol: HTTPS
        certificate: arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-...
    stack_references:      # also read by the plain `plan`: each StackReference's outputs
      acme/platform/dev: {vpc_id: vpc-0123456789abcdef0}

Each object is created in moto and its given id rewritten to moto's everywhere; each is
listed under "Existing resources given by id" (``SimulationResult.external_ids``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import ValidationError

if TYPE_CHECKING:
    from .context import SimulationLike as Simulation

__all__ = [
    "FIXTURE_KINDS",
    "Fixtures",
    "create_fixtures",
    "load_fixtures",
    "parse_fixtures",
    "set_certificate_status",
]

#: Each kind's fields: required, then optional.
FIXTURE_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "certificates": (("arn", "domain"), ("alternative_names", "status")),
    "hosted_zones": (("id", "name"), ("private", "vpc")),
    "vpcs": (("id", "cidr"), ("subnets",)),
    "security_groups": (("id", "vpc"), ("name", "description")),
    "clusters": (("arn",), ()),
    "namespaces": (("arn", "name"), ("type", "vpc")),
    "listeners": (("arn", "port", "protocol"), ("certificate",)),
}
SUBNET_FIELDS = (("id", "cidr", "availability_zone"), ())
#: A certificate fixture's ``status``: ACM's CertificateStatus values ("CertificateDetail",
#: ACM API reference, https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateDetail.html).
#: Default ISSUED: an existing certificate a program attaches to a listener is an issued one
#: (ELB accepts only those).
CERTIFICATE_STATUSES = (
    "ISSUED",
    "PENDING_VALIDATION",
    "INACTIVE",
    "EXPIRED",
    "VALIDATION_TIMED_OUT",
    "REVOKED",
    "FAILED",
)
CERTIFICATE_DEFAULT_STATUS = "ISSUED"
TAG = "fargate:fixture"


@dataclass(frozen=True)
class Fixtures:
    """Declared pre-existing AWS objects (see the module docstring for the file format).

    Example::

        # fragment: `plan` is yours; CERT the ARN your program names
        fixtures = parse_fixtures({"certificates": [{"arn": CERT, "domain": "example.com"}]})
        result = simulate(plan, fixtures=fixtures)
    """

    objects: Mapping[str, Sequence[Mapping[str, Any]]] = field(default_factory=dict)
    """Kind (a key of ``FIXTURE_KINDS``) -> its objects. Default: none."""
    stack_references: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """``"org/project/stack"`` -> its outputs, for the mocks. Default: none."""

    def ids(self) -> set[str]:
        """Every id or ARN the file declares (the guessing in ``fixtures.py`` skips them)."""
        out: set[str] = set()
        for items in self.objects.values():
            for item in items:
                out.add(str(item.get("arn") or item.get("id")))
                out.update(str(s["id"]) for s in item.get("subnets") or [])
        return out


def _check_object(where: str, item: Any, fields: tuple[tuple[str, ...], tuple[str, ...]]) -> None:
    required, optional = fields
    if not isinstance(item, Mapping):
        raise ValidationError(where, item, "a mapping")
    for key in required:
        if item.get(key) in (None, ""):
            raise ValidationError(f"{where}.{key}", item.get(key), "a value (required)")
    unknown = sorted(set(item) - set(required) - set(optional))
    if unknown:
        allowed = ", ".join((*required, *optional))
        raise ValidationError(f"{where}.{unknown[0]}", item[unknown[0]], f"one of: {allowed}")


def parse_fixtures(data: Any, source: str = "fixtures") -> Fixtures:
    """Validate a fixtures document; errors name the path in it (``fixtures.vpcs[0].cidr``)."""
    if not isinstance(data, Mapping):
        raise ValidationError(source, data, "a mapping of fixture kinds")
    objects: dict[str, list[Mapping[str, Any]]] = {}
    for kind, items in data.items():
        if kind == "stack_references":
            continue
        if kind not in FIXTURE_KINDS:
            allowed = ", ".join((*FIXTURE_KINDS, "stack_references"))
            raise ValidationError(f"{source}.{kind}", items, f"one of: {allowed}")
        if not isinstance(items, list):
            raise ValidationError(f"{source}.{kind}", items, "a list")
        for i, item in enumerate(items):
            _check_object(f"{source}.{kind}[{i}]", item, FIXTURE_KINDS[kind])
            status = item.get("status", CERTIFICATE_DEFAULT_STATUS)
            if kind == "certificates" and status not in CERTIFICATE_STATUSES:
                allowed = f"one of {', '.join(CERTIFICATE_STATUSES)}"
                raise ValidationError(f"{source}.{kind}[{i}].status", status, allowed)
            for j, subnet in enumerate(item.get("subnets") or []) if kind == "vpcs" else []:
                _check_object(f"{source}.{kind}[{i}].subnets[{j}]", subnet, SUBNET_FIELDS)
        objects[kind] = items
    refs = data.get("stack_references") or {}
    if not isinstance(refs, Mapping) or not all(isinstance(v, Mapping) for v in refs.values()):
        raise ValidationError(f"{source}.stack_references", refs, "stack name -> outputs")
    return Fixtures(objects, {str(k): dict(v) for k, v in refs.items()})


def load_fixtures(path: str) -> Fixtures:
    """Read and validate a fixtures file (YAML or JSON)."""
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise ValidationError(path, None, f"a readable file ({err.strerror or err})") from None
    try:
        data = json.loads(text) if path.endswith(".json") else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as err:
        # One line: a user's bad --fixtures file printed YAML's seven-line parser report.
        reason = " ".join(str(err).split())
        raise ValidationError(path, "unparsable", f"YAML or JSON ({reason})") from None
    return parse_fixtures(data or {}, Path(path).name)


# --- creation in moto --------------------------------------------------------------------
def _tags(given: str) -> list[dict[str, str]]:
    return [{"Key": TAG, "Value": given}]


def _network(sim: Simulation, fx: Fixtures, made: dict[str, str]) -> None:
    ec2 = sim.client("ec2")
    for vpc in fx.objects.get("vpcs", []):
        spec = [{"ResourceType": "vpc", "Tags": _tags(vpc["id"])}]
        vpc_id = ec2.create_vpc(CidrBlock=vpc["cidr"], TagSpecifications=spec)["Vpc"]["VpcId"]
        made[vpc["id"]] = vpc_id
        for subnet in vpc.get("subnets") or []:
            made[subnet["id"]] = ec2.create_subnet(
                VpcId=vpc_id,
                CidrBlock=subnet["cidr"],
                AvailabilityZone=subnet["availability_zone"],
                TagSpecifications=[{"ResourceType": "subnet", "Tags": _tags(subnet["id"])}],
            )["Subnet"]["SubnetId"]
    for group in fx.objects.get("security_groups", []):
        made[group["id"]] = ec2.create_security_group(
            GroupName=group.get("name") or group["id"],
            Description=group.get("description") or "fixture",
            VpcId=made.get(group["vpc"], group["vpc"]),
        )["GroupId"]


def set_certificate_status(sim: Simulation, arn: str, status: str) -> None:
    """Give a certificate in moto its status. moto requests every certificate as
    PENDING_VALIDATION and issues it by the clock (``MOTO_ACM_VALIDATION_WAIT``), never by
    its validation; the simulator decides instead: a fixture has its declared status, a
    DomainCertificate is ISSUED when its DNS validation records are in a hosted zone."""
    from moto.acm.models import acm_backends

    acm_backends[sim.account_id][sim.region]._certificates[arn].status = status


def _certificates_and_zones(sim: Simulation, fx: Fixtures, made: dict[str, str]) -> None:
    acm = sim.client("acm")
    for cert in fx.objects.get("certificates", []):
        names = list(cert.get("alternative_names") or [])
        made[cert["arn"]] = acm.request_certificate(
            DomainName=cert["domain"],
            **({"SubjectAlternativeNames": names} if names else {}),
            Tags=_tags(cert["arn"]),
        )["CertificateArn"]
        set_certificate_status(
            sim, made[cert["arn"]], cert.get("status", CERTIFICATE_DEFAULT_STATUS)
        )
    route53 = sim.client("route53")
    for zone in fx.objects.get("hosted_zones", []):
        private = bool(zone.get("private"))
        extra: dict[str, Any] = {"HostedZoneConfig": {"PrivateZone": private, "Comment": TAG}}
        if private:
            extra["VPC"] = {"VPCRegion": sim.region, "VPCId": made.get(zone["vpc"], zone["vpc"])}
        answer = route53.create_hosted_zone(Name=zone["name"], CallerReference=zone["id"], **extra)
        made[zone["id"]] = answer["HostedZone"]["Id"].rsplit("/", 1)[-1]


def _ecs_and_cloud_map(sim: Simulation, fx: Fixtures, made: dict[str, str]) -> None:
    ecs = sim.client("ecs")
    for cluster in fx.objects.get("clusters", []):
        name = cluster["arn"].rsplit("/", 1)[-1]
        made[cluster["arn"]] = ecs.create_cluster(clusterName=name)["cluster"]["clusterArn"]
        ecs.put_cluster_capacity_providers(
            cluster=name,
            capacityProviders=["FARGATE", "FARGATE_SPOT"],
            defaultCapacityProviderStrategy=[],
        )
    sd = sim.client("servicediscovery")
    for ns in fx.objects.get("namespaces", []):
        if ns.get("type", "HTTP") == "HTTP":
            op = sd.create_http_namespace(Name=ns["name"])["OperationId"]
        else:
            vpc = made.get(ns.get("vpc", ""), ns.get("vpc"))
            op = sd.create_private_dns_namespace(Name=ns["name"], Vpc=vpc)["OperationId"]
        real = sd.get_operation(OperationId=op)["Operation"]["Targets"]["NAMESPACE"]
        made[ns["arn"]] = sd.get_namespace(Id=real)["Namespace"]["Arn"]
        made[ns["arn"].rsplit("/", 1)[-1]] = real


def _listeners(sim: Simulation, fx: Fixtures, made: dict[str, str]) -> None:
    """An existing listener: an internet-facing ALB over the first declared VPC's subnets,
    and the listener on it; the given listener and load balancer ARNs map to moto's."""
    listeners = fx.objects.get("listeners", [])
    if not listeners:
        return
    subnets = [made[s["id"]] for v in fx.objects.get("vpcs", []) for s in v.get("subnets") or []]
    if len(subnets) < 2:
        raise ValidationError(
            "fixtures.listeners", listeners[0]["arn"], "a VPC fixture with two subnets (its ALB)"
        )
    elbv2 = sim.client("elbv2")
    for n, item in enumerate(listeners):
        lb = elbv2.create_load_balancer(Name=f"fixture-{n}", Subnets=subnets)["LoadBalancers"][0]
        cert = item.get("certificate")
        listener = elbv2.create_listener(
            LoadBalancerArn=lb["LoadBalancerArn"],
            Port=int(item["port"]),
            Protocol=item["protocol"],
            DefaultActions=[
                {"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}
            ],
            **({"Certificates": [{"CertificateArn": made.get(cert, cert)}]} if cert else {}),
        )["Listeners"][0]
        made[item["arn"]] = listener["ListenerArn"]
        given_lb = item["arn"].replace(":listener/", ":loadbalancer/").rsplit("/", 1)[0]
        made[given_lb] = lb["LoadBalancerArn"]


def create_fixtures(sim: Simulation, fixtures: Fixtures) -> dict[str, str]:
    """Create every declared object in moto; return ``{given id or ARN: moto's}``."""
    made: dict[str, str] = {}
    _network(sim, fixtures, made)
    _certificates_and_zones(sim, fixtures, made)
    _ecs_and_cloud_map(sim, fixtures, made)
    _listeners(sim, fixtures, made)
    return made
