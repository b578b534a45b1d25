"""A plan as the documents Checkov reads: Terraform-plan JSON for the AWS resources,
manifests for the Kubernetes ones (``plan --scan checkov``). Pure: no Checkov import.

Pulumi's AWS provider is bridged from Terraform's, so the translation is mechanical:

- the type token ``aws:<module>/<camelName>:<Class>`` is the Terraform type
  ``aws_<module>_<snake_name>`` (``aws:ecs/service:Service`` -> ``aws_ecs_service``),
  except where Terraform names it otherwise (EC2's types carry no ``ec2_``; ``aws_lb``,
  ``aws_iam_openid_connect_provider``, ...): :data:`TERRAFORM_TYPES`, from pulumi-aws's
  ``bridge-metadata.json`` ("renames"/"resources");
- an input ``camelCase`` is the attribute ``camel_case``; a nested object (a Terraform
  block with at most one item) is a list of one block, as ``terraform show -json`` prints
  it; a list of objects is a block list whose Terraform name is singular (the bridge
  pluralises a repeatable block: ``loadBalancers`` <- ``load_balancer``), except the blocks
  Terraform itself names in the plural (:data:`PLURAL_BLOCKS`); maps (``tags``, a metric
  alarm's ``dimensions``: :data:`MAP_ATTRIBUTES`) stay objects;
- a value that refers to another planned resource (its id, ARN or name, by the engine's
  property dependencies) is *unknown*, as in a real plan of a new stack: left out of
  ``planned_values``, ``true`` in ``after_unknown``, and a ``references`` expression
  (``aws_subnet.net-private-a.id``) in ``configuration``, which is how Checkov's graph
  checks connect resources. A value the plan itself marks unknown (``--preview-faithful``)
  is left out the same way, without a reference; a secret is left out and marked in
  ``after_sensitive``.

Resource names: the Terraform name is the logical name (letters, digits, ``_`` and ``-``
kept, anything else ``_``; a repeat gets ``_2``...). :attr:`TerraformPlan.urns` maps each
address back to its URN, so a Checkov result is reported on our resource.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import SECRET_MARK, UNKNOWN_MARK, Graph, ResourceRecord
from ..model import tokens as t
from ..model.graph import distinctive_handles

__all__ = [
    "MAP_ATTRIBUTES",
    "PLURAL_BLOCKS",
    "TERRAFORM_TYPES",
    "KubernetesManifest",
    "NotScanned",
    "TerraformPlan",
    "attribute_name",
    "kubernetes_manifests",
    "snake_case",
    "terraform_plan",
    "terraform_type",
]

#: The Terraform version the document claims (Checkov reads a file with ``terraform_version``
#: and ``planned_values`` as a plan; the number is not interpreted).
TERRAFORM_VERSION = "1.9.0"
PROVIDER_NAME = "registry.terraform.io/hashicorp/aws"

#: Type tokens whose Terraform type is not ``aws_<module>_<snake name>`` (pulumi-aws,
#: provider/cmd/pulumi-resource-aws/bridge-metadata.json, "renames" -> "resources").
TERRAFORM_TYPES: dict[str, str] = {
    t.VPC: "aws_vpc",
    t.SUBNET: "aws_subnet",
    t.INTERNET_GATEWAY: "aws_internet_gateway",
    t.INTERNET_GATEWAY_ATTACHMENT: "aws_internet_gateway_attachment",
    t.NAT_GATEWAY: "aws_nat_gateway",
    t.EIP: "aws_eip",
    t.EIP_ASSOCIATION: "aws_eip_association",
    t.EC2_INSTANCE: "aws_instance",
    t.ROUTE: "aws_route",
    t.ROUTE_TABLE: "aws_route_table",
    t.ROUTE_TABLE_ASSOCIATION: "aws_route_table_association",
    t.SECURITY_GROUP: "aws_security_group",
    t.DEFAULT_SECURITY_GROUP: "aws_default_security_group",
    t.SECURITY_GROUP_RULE: "aws_security_group_rule",
    t.FLOW_LOG: "aws_flow_log",
    t.VPC_ENDPOINT: "aws_vpc_endpoint",
    t.LOAD_BALANCER: "aws_lb",
    t.ALB_LOAD_BALANCER: "aws_alb",
    t.IAM_OIDC_PROVIDER: "aws_iam_openid_connect_provider",
    t.IAM_INSTANCE_PROFILE: "aws_iam_instance_profile",
    t.S3_BUCKET_V2: "aws_s3_bucket",
    t.HTTP_NAMESPACE: "aws_service_discovery_http_namespace",
    t.PRIVATE_DNS_NAMESPACE: "aws_service_discovery_private_dns_namespace",
    t.DISCOVERY_SERVICE: "aws_service_discovery_service",
}

#: Repeatable blocks Terraform names in the plural, so the bridge kept the name:
#: (Terraform type, Pulumi input path) -> Terraform name. Every other list of objects is
#: singular in Terraform (``capacityProviderStrategies`` <- ``capacity_provider_strategy``).
PLURAL_BLOCKS: dict[tuple[str, str], str] = {
    ("aws_ecs_task_definition", "placementConstraints"): "placement_constraints",
    ("aws_ecs_service", "placementConstraints"): "placement_constraints",
    (
        "aws_appautoscaling_policy",
        "targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.metrics",
    ): "metrics",
    (
        "aws_appautoscaling_policy",
        "targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.dimensions",
    ): "dimensions",
    (
        "aws_appautoscaling_policy",
        "targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.metrics"
        ".metricStat.metric.dimensions",
    ): "dimensions",
    ("aws_security_group", "ingress"): "ingress",
    ("aws_security_group", "egress"): "egress",
    ("aws_default_security_group", "ingress"): "ingress",
    ("aws_default_security_group", "egress"): "egress",
    ("aws_ecs_service", "serviceConnectConfiguration.services.clientAlias"): "client_alias",
}

#: Inputs that are Terraform maps (objects), not blocks, by Pulumi input path.
MAP_ATTRIBUTES = frozenset({"tags", "tagsAll", "dimensions", "environment.variables"})

_IDENTIFIER = re.compile(r"[^A-Za-z0-9_-]")
_TOKEN = re.compile(r"^aws:(?P<module>[a-z0-9]+)/(?P<name>[A-Za-z0-9]+):[A-Za-z0-9]+$")


def snake_case(name: str) -> str:
    """``enableHttp2`` -> ``enable_http2``: the Terraform spelling of a Pulumi input."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


#: Plurals the simple rules of :func:`_singular` get wrong (Terraform name <- Pulumi name).
IRREGULAR_SINGULARS = {"aliases": "alias", "addresses": "address", "statuses": "status"}


def _singular(name: str) -> str:
    """The singular the bridge pluralised (``capacity_provider_strategies`` ->
    ``capacity_provider_strategy``; ``rules`` -> ``rule``)."""
    last = name.rsplit("_", 1)[-1]
    if last in IRREGULAR_SINGULARS:
        return name[: -len(last)] + IRREGULAR_SINGULARS[last]
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith(("sses", "xes")):
        return name[:-2]
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


def terraform_type(token: str) -> str | None:
    """The Terraform type of an AWS type token, or ``None`` for anything else."""
    if token in TERRAFORM_TYPES:
        return TERRAFORM_TYPES[token]
    match = _TOKEN.match(token)
    if not match:
        return None
    module, name = match["module"], snake_case(match["name"])
    return f"aws_{module}_{name}"


def attribute_name(tf_type: str, path: str, value: Any) -> str:
    """The Terraform attribute (or block) name of the input at ``path`` (dotted Pulumi
    names, list indexes left out) whose value is ``value``."""
    key = path.rsplit(".", 1)[-1]
    if (tf_type, path) in PLURAL_BLOCKS:
        return PLURAL_BLOCKS[(tf_type, path)]
    name = snake_case(key)
    if isinstance(value, list) and any(isinstance(v, Mapping) for v in value):
        return _singular(name)
    return name


@dataclass(frozen=True)
class NotScanned:
    """A resource the scan could not hand to Checkov, and why."""

    urn: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"urn": self.urn, "reason": self.reason}


@dataclass(frozen=True)
class KubernetesManifest:
    """One Kubernetes object of the plan, as the manifest Checkov's Kubernetes runner reads."""

    urn: str
    manifest: dict[str, Any]


@dataclass
class TerraformPlan:
    """The Terraform-plan JSON document of a plan's AWS resources, each address's URN, and
    the resources that are not in it (with the reason)."""

    document: dict[str, Any]
    urns: dict[str, str] = field(default_factory=dict)
    not_scanned: list[NotScanned] = field(default_factory=list)


@dataclass
class _Value:
    """One input translated: the planned value, its after_unknown / after_sensitive marks and
    its configuration expression (``None`` when there is nothing to say)."""

    planned: Any = None
    known: bool = True
    unknown: Any = None
    sensitive: Any = None
    expression: Any = None


def _one(value: Any) -> Any:
    """The block inside a list of one (how a nested object is planned)."""
    return value[0] if isinstance(value, list) and len(value) == 1 else value


class _Translator:
    def __init__(self, graph: Graph, addresses: Mapping[str, str]) -> None:
        self.graph = graph
        self.addresses = addresses  # URN -> address

    def reference(self, record: ResourceRecord, top: str, value: str) -> list[str] | None:
        """The Terraform references of ``value`` when it is another planned resource's id,
        ARN or name (recorded as a property dependency of the top-level input ``top``)."""
        if record.property_dependencies:  # the engine said where each input came from
            candidates = [self.graph.by_urn(u) for u in record.property_dependencies.get(top, [])]
        else:  # a plan without them (older plan JSON): distinctive ids and ARNs only
            candidates = [
                r
                for r in self.graph.lookup(value)
                if r.urn != record.urn and value in distinctive_handles(r)
            ]
        for target in candidates:
            if target is None or target.urn not in self.addresses:
                continue
            address = self.addresses[target.urn]
            if target.outputs.get("arn") == value:
                return [f"{address}.arn", address]
            if target.id == value:
                return [f"{address}.id", address]
            for key, handle in target.outputs.items():  # name, dnsName, zoneId, ...
                if handle == value and key not in ("tags", "tagsAll"):
                    return [f"{address}.{snake_case(key)}", address]
        return None

    def dependency_references(self, record: ResourceRecord, top: str) -> list[str]:
        """``<address>.id, <address>`` of each resource the input ``top`` came from (a value a
        preview does not know yet: which attribute it is can't be told)."""
        refs: list[str] = []
        for urn in record.property_dependencies.get(top, []):
            if urn in self.addresses:
                refs += [f"{self.addresses[urn]}.id", self.addresses[urn]]
        return refs

    def value(self, record: ResourceRecord, tf_type: str, path: str, value: Any) -> _Value:
        top = path.split(".", 1)[0]
        if value == UNKNOWN_MARK:  # with a property dependency: a reference to what it came from
            deps = self.dependency_references(record, top)
            return _Value(
                known=False, unknown=True, expression={"references": deps} if deps else None
            )
        if value == SECRET_MARK:
            return _Value(known=False, sensitive=True)
        if isinstance(value, str):
            refs = self.reference(record, top, value)
            if refs:
                return _Value(known=False, unknown=True, expression={"references": refs})
            return _Value(planned=value, expression={"constant_value": value})
        if isinstance(value, Mapping):
            if path in MAP_ATTRIBUTES:
                return _Value(planned=dict(value), expression={"constant_value": dict(value)})
            block = self.block(record, tf_type, path, value)
            return _Value(
                planned=[block.planned],
                unknown=[block.unknown],
                sensitive=[block.sensitive],
                expression=[block.expression],
            )
        if isinstance(value, list):
            return self.items(record, tf_type, path, value)
        return _Value(planned=value, expression={"constant_value": value})

    def items(self, record: ResourceRecord, tf_type: str, path: str, value: list[Any]) -> _Value:
        parts = [self.value(record, tf_type, path, v) for v in value]
        if any(isinstance(v, Mapping) for v in value):  # a block list: one block per item
            return _Value(
                planned=[_one(p.planned) for p in parts],
                unknown=[_one(p.unknown) or {} for p in parts],
                sensitive=[_one(p.sensitive) or {} for p in parts],
                expression=[_one(p.expression) or {} for p in parts],
            )
        refs = [
            ref
            for p in parts
            if isinstance(p.expression, dict)
            for ref in p.expression.get("references", [])
        ]
        return _Value(
            planned=[p.planned for p in parts],
            unknown=[bool(p.unknown) for p in parts],
            sensitive=[bool(p.sensitive) for p in parts],
            expression={"references": refs} if refs else {"constant_value": value},
        )

    def block(
        self, record: ResourceRecord, tf_type: str, path: str, inputs: Mapping[str, Any]
    ) -> _Value:
        """An object of inputs (the resource's own, or a nested block's) as planned values,
        after_unknown, after_sensitive and configuration expressions."""
        out = _Value(planned={}, unknown={}, sensitive={}, expression={})
        for key, raw in inputs.items():
            if raw is None:
                continue
            sub = f"{path}.{key}" if path else key
            name = attribute_name(tf_type, sub, raw)
            part = self.value(record, tf_type, sub, raw)
            if part.known:
                out.planned[name] = part.planned
            if part.unknown is not None and part.unknown is not False:
                out.unknown[name] = part.unknown
            if part.sensitive is not None and part.sensitive is not False:
                out.sensitive[name] = part.sensitive
            if part.expression is not None:
                out.expression[name] = part.expression
        return out


def _addresses(records: Iterable[ResourceRecord]) -> dict[str, str]:
    """URN -> Terraform address, unique, for every AWS resource."""
    taken: set[str] = set()
    out: dict[str, str] = {}
    for record in records:
        tf_type = terraform_type(record.type) if record.custom else None
        if tf_type is None:
            continue
        base = _IDENTIFIER.sub("_", record.name) or "_"
        if not re.match(r"[A-Za-z_]", base):
            base = f"_{base}"
        name, n = base, 1
        while f"{tf_type}.{name}" in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(f"{tf_type}.{name}")
        out[record.urn] = f"{tf_type}.{name}"
    return out


def _skip_reason(record: ResourceRecord) -> str | None:
    """Why a resource is not scanned at all (``None``: it is, as AWS or Kubernetes)."""
    if not record.custom or record.type.startswith((t.PULUMI_PREFIX, t.PROVIDER_PREFIX)):
        return ""  # components, the stack and providers hold no configuration of their own
    if record.type.startswith(t.HELM_PREFIX):
        return (
            "a Helm release's manifests are rendered by Helm at deploy time; the plan holds "
            "only its values"
        )
    if record.type.startswith(t.KUBERNETES_PREFIX) or terraform_type(record.type):
        return None
    return "not an AWS or Kubernetes resource: Checkov has no checks for it here"


def terraform_plan(plan: Any, region: str | None = None) -> TerraformPlan:
    """The Terraform-plan JSON document of ``plan`` (a Plan, a Graph, or records)."""
    graph = plan if isinstance(plan, Graph) else Graph(plan)
    region = region or getattr(plan, "region", None) or "us-east-1"
    addresses = _addresses(r for r in graph if _skip_reason(r) is None)
    translator = _Translator(graph, addresses)
    planned: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    configuration: list[dict[str, Any]] = []
    not_scanned = [NotScanned(r.urn, reason) for r in graph if (reason := _skip_reason(r))]
    for record in graph:
        address = addresses.get(record.urn)
        if address is None:
            continue
        tf_type, name = address.split(".", 1)
        body = translator.block(record, tf_type, "", record.inputs)
        head = {"address": address, "mode": "managed", "type": tf_type, "name": name}
        planned.append(
            {
                **head,
                "provider_name": PROVIDER_NAME,
                "schema_version": 0,
                "values": body.planned,
                "sensitive_values": body.sensitive,
            }
        )
        changes.append(
            {
                **head,
                "provider_name": PROVIDER_NAME,
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": body.planned,
                    "after_unknown": body.unknown,
                    "before_sensitive": False,
                    "after_sensitive": body.sensitive,
                },
            }
        )
        configuration.append(
            {
                **head,
                "provider_config_key": "aws",
                "expressions": body.expression,
                "schema_version": 0,
            }
        )
    document = {
        "format_version": "1.2",
        "terraform_version": TERRAFORM_VERSION,
        "planned_values": {"root_module": {"resources": planned}},
        "resource_changes": changes,
        # No provider_config: the provider is the stack's (credentials never in the program),
        # so Checkov's provider checks have nothing of ours to judge.
        "configuration": {"root_module": {"resources": configuration}},
        "variables": {"region": {"value": region}},
    }
    urns = {address: urn for urn, address in addresses.items()}
    return TerraformPlan(document, urns, not_scanned)


def kubernetes_manifests(plan: Any) -> list[KubernetesManifest]:
    """Every Kubernetes object of ``plan`` (Helm releases excepted: see :func:`terraform_plan`'s
    ``not_scanned``) as the manifest its inputs are."""
    graph = plan if isinstance(plan, Graph) else Graph(plan)
    found = []
    for record in graph:
        kubernetes = record.custom and record.type.startswith(t.KUBERNETES_PREFIX)
        if kubernetes and _skip_reason(record) is None and record.inputs.get("kind"):
            found.append(KubernetesManifest(record.urn, dict(record.inputs)))
    return found
