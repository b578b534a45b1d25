"""Existing resources given by id: pre-created in moto as fixtures before the replay.

A program that deploys into an existing VPC (``Network.existing("vpc-...", [...], [...])``)
passes plain ids the plan never created. In a real account they exist; in a fresh moto
account they do not, and every resource using them would fail with ``InvalidVpcID.NotFound``.
So, before the replay, each string in the inputs that

- has the shape of a VPC or subnet id (``vpc-`` / ``subnet-`` and 8 or 17 hex digits), and
- is neither the id of a resource in the plan nor a value the mocks computed,

is created in moto, but only when the inputs name both an external VPC and external subnets:
the signature of an existing network (``Network.existing`` always brings both). A lone
unknown VPC id, or an unknown subnet id in a program that builds its own VPC, is far more
likely a mistake, and fails as AWS would answer it (``InvalidVpcID.NotFound``). Created
are: one VPC per external VPC id (CIDR ``10.<200+n>.0.0/16``), and one /24
subnet per external subnet id in the first external VPC (the plan does not say which VPC a
subnet belongs to; ``Network.existing`` takes one VPC), spread over the region's first
three availability zones. The given id is then rewritten to moto's id everywhere, like a
created resource's. Each one is listed in ``SimulationResult.external_ids`` (given id ->
moto id) and printed under "Existing resources given by id": the simulation stays honest
about what it assumed. Nothing else about the real resources (routes, NAT, endpoints) is
known, so nothing else is assumed.

The same holds for three kinds of ARN the plan did not make (typically a StackReference's
outputs or a config value): an ECS cluster (created with the Fargate capacity providers,
as ``FargateCluster.existing`` requires), an ACM certificate (requested for a placeholder
domain) and a Cloud Map namespace (an HTTP namespace named ``external-<ns id>``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...model.tokens import DOMAIN_CERTIFICATE, EC2_INSTANCE, ROUTE53_RECORD, STACK_REFERENCE

if TYPE_CHECKING:
    from .context import SimulationLike as Simulation

__all__ = ["EXTERNAL_ID", "external_ids", "precreate_external"]

#: A VPC or subnet id as AWS prints them (8 hex digits for old ids, 17 for new ones).
EXTERNAL_ID = re.compile(r"^(vpc|subnet)-(?:[0-9a-f]{8}|[0-9a-f]{17})$")
TAG = "fargate:external-id"
#: An existing ACM certificate by ARN (``certificate_arn=...``).
EXTERNAL_CERTIFICATE = re.compile(r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[0-9a-f-]+$")
#: An existing ECS cluster by ARN (``FargateCluster.existing(arn, ...)``).
#: An existing Cloud Map namespace by ARN (``service_connect_namespace=<arn>``).
EXTERNAL_NAMESPACE = re.compile(
    r"^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:\d{12}:namespace/(ns-[a-z0-9]+)$"
)
EXTERNAL_CLUSTER = re.compile(
    r"^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster/([A-Za-z0-9_-]{1,255})$"
)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _computed(outputs: Any, inputs: Any) -> Iterator[str]:
    """Strings in ``outputs`` that are not echoes of ``inputs`` at the same place."""
    if outputs == inputs:
        return
    if isinstance(outputs, dict):
        given = inputs if isinstance(inputs, dict) else {}
        for key, value in outputs.items():
            yield from _computed(value, given.get(key))
    elif isinstance(outputs, list):
        given_list = inputs if isinstance(inputs, list) else []
        for i, value in enumerate(outputs):
            yield from _computed(value, given_list[i] if i < len(given_list) else None)
    elif isinstance(outputs, str):
        yield outputs


def external_ids(sim: Simulation) -> dict[str, list[str]]:
    """``{"vpc": [...], "subnet": [...]}``: ids the inputs use that the plan did not make,
    in first-seen order."""
    produced: set[str] = set(sim.fixtures.ids())  # declared in a fixtures file: made already
    for record in sim.plan.resources:
        if record.type == STACK_REFERENCE:
            continue  # another stack's outputs: existing resources, not made by this plan
        if record.id:
            produced.add(record.id)
        produced.update(_computed(record.outputs, record.inputs))
    found: dict[str, list[str]] = {
        "vpc": [],
        "subnet": [],
        "cluster": [],
        "certificate": [],
        "namespace": [],
    }
    for record in sim.order():
        if record.options.get("read"):
            continue
        for text in _strings(record.inputs):
            match = EXTERNAL_ID.match(text)
            kind = (
                match.group(1)
                if match
                else "cluster"
                if EXTERNAL_CLUSTER.match(text)
                else "certificate"
                if EXTERNAL_CERTIFICATE.match(text)
                else "namespace"
                if EXTERNAL_NAMESPACE.match(text)
                else None
            )
            if kind and text not in produced and text not in found[kind]:
                found[kind].append(text)
    return found


def _precreate_certificates(sim: Simulation, arns: list[str]) -> dict[str, str]:
    """An existing ACM certificate given by ARN: requested in moto (a placeholder domain;
    nothing about the real certificate is known) and ISSUED, as a certificate a program
    attaches to a listener is (declare a fixture with its status to say otherwise); its ARN
    rewritten to moto's."""
    from .fixture_file import set_certificate_status

    acm = sim.client("acm")
    made = {
        given: acm.request_certificate(
            DomainName="external.example.com", Tags=[{"Key": TAG, "Value": given}]
        )["CertificateArn"]
        for given in arns
    }
    for arn in made.values():
        set_certificate_status(sim, arn, "ISSUED")
    return made


def _precreate_namespaces(sim: Simulation, arns: list[str]) -> dict[str, str]:
    """An existing Cloud Map namespace given by ARN: an HTTP namespace in moto (named after
    the given id: its real name and type are not known), its ARN and id rewritten."""
    sd = sim.client("servicediscovery")
    created: dict[str, str] = {}
    for given in arns:
        match = EXTERNAL_NAMESPACE.match(given)
        assert match is not None
        operation = sd.create_http_namespace(
            Name=f"external-{match.group(1)}", Tags=[{"Key": TAG, "Value": given}]
        )["OperationId"]
        real_id = sd.get_operation(OperationId=operation)["Operation"]["Targets"]["NAMESPACE"]
        created[given] = sd.get_namespace(Id=real_id)["Namespace"]["Arn"]
        sim._global[match.group(1)] = real_id
    return created


def _precreate_clusters(sim: Simulation, arns: list[str]) -> dict[str, str]:
    """An existing cluster given by ARN: created in moto with the Fargate capacity
    providers associated (what ``FargateCluster.existing`` documents it needs)."""
    ecs = sim.client("ecs")
    created: dict[str, str] = {}
    for given in arns:
        match = EXTERNAL_CLUSTER.match(given)
        assert match is not None
        cluster = ecs.create_cluster(
            clusterName=match.group(1), tags=[{"key": TAG, "value": given}]
        )["cluster"]
        ecs.put_cluster_capacity_providers(
            cluster=match.group(1),
            capacityProviders=["FARGATE", "FARGATE_SPOT"],
            defaultCapacityProviderStrategy=[],
        )
        created[given] = cluster["clusterArn"]
    return created


def _precreate_zones(sim: Simulation) -> dict[str, str]:
    """The public hosted zone of each ``DomainCertificate``: its inputs name the zone, its
    Route 53 records carry the id the plan used (given, or looked up by name). Created in
    moto under that name, the plan's id rewritten to moto's. Nothing else about the real
    zone (its other records) is known, so nothing else is assumed."""
    zones = {
        r.urn: r.inputs.get("zoneName")
        for r in sim.plan.resources
        if r.type == DOMAIN_CERTIFICATE and isinstance(r.inputs.get("zoneName"), str)
    }
    route53 = sim.client("route53")
    created: dict[str, str] = {}
    for record in sim.plan.resources:
        zone_id = record.inputs.get("zoneId")
        if record.type != ROUTE53_RECORD or record.parent not in zones:
            continue
        if not isinstance(zone_id, str) or zone_id in created:
            continue
        zone = route53.create_hosted_zone(
            Name=zones[record.parent], CallerReference=f"fixture-{zone_id}"
        )["HostedZone"]
        created[zone_id] = str(zone["Id"]).rsplit("/", 1)[-1]
    return created


def _precreate_images(sim: Simulation) -> dict[str, str]:
    """An image id an EC2 instance launches from (given, or read from AWS's public SSM
    parameter at plan time) that moto does not know: registered in moto as a stand-in
    (arm64, ``/dev/xvda``), the plan's id rewritten to it. moto runs without its public
    image catalogue (too slow), and nothing about the real image is known, so only its
    existence is assumed."""
    ec2 = sim.client("ec2")
    wanted = [
        r.inputs.get("ami")
        for r in sim.plan.resources
        if r.type == EC2_INSTANCE and isinstance(r.inputs.get("ami"), str)
    ]
    created: dict[str, str] = {}
    for given in dict.fromkeys(wanted):
        if ec2.describe_images(Filters=[{"Name": "image-id", "Values": [given]}])["Images"]:
            continue
        image = ec2.register_image(
            Name=f"fixture-{given}",
            Architecture="arm64",
            RootDeviceName="/dev/xvda",
            Description=f"stand-in for {given}",
        )
        created[given] = image["ImageId"]
    return created


def precreate_external(sim: Simulation) -> dict[str, str]:
    """Create the external VPCs and subnets in moto and register the id rewrites; return
    ``{given id: moto id}``."""
    found = external_ids(sim)
    clusters = {
        **_precreate_clusters(sim, found["cluster"]),
        **_precreate_certificates(sim, found["certificate"]),
        **_precreate_namespaces(sim, found["namespace"]),
        **_precreate_zones(sim),
        **_precreate_images(sim),
    }
    sim._global.update(clusters)
    if not found["vpc"] or not found["subnet"]:
        return clusters
    ec2 = sim.client("ec2")
    created: dict[str, str] = {}

    def tags(given: str, kind: str) -> list[dict[str, Any]]:
        return [
            {
                "ResourceType": kind,
                "Tags": [{"Key": TAG, "Value": given}, {"Key": "Name", "Value": given}],
            }
        ]

    vpcs: list[tuple[str, int]] = []
    for n, given in enumerate(found["vpc"]):
        vpc = ec2.create_vpc(
            CidrBlock=f"10.{200 + n}.0.0/16", TagSpecifications=tags(given, "vpc")
        )["Vpc"]
        created[given] = vpc["VpcId"]
        vpcs.append((vpc["VpcId"], 200 + n))
    if found["subnet"]:
        vpc_id, octet = vpcs[0]
        zones = sorted(
            z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]
        )[:3]
        for n, given in enumerate(found["subnet"]):
            subnet = ec2.create_subnet(
                VpcId=vpc_id,
                CidrBlock=f"10.{octet}.{n}.0/24",
                AvailabilityZone=zones[n % len(zones)],
                TagSpecifications=tags(given, "subnet"),
            )["Subnet"]
            created[given] = subnet["SubnetId"]
    sim._global.update(created)
    return {**clusters, **created}
