"""Pure checks for EKS on Fargate: selectors, profile names, versions, subnets, egress.

Limits and where they come from (checked 2026-11):

- 1-5 selectors per profile, a namespace in each: CreateFargateProfile API reference
  ("Each profile can have up to five selectors ... A namespace is required for every
  selector"), https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateFargateProfile.html
- 5 label pairs per selector and 10 profiles per cluster: the EKS service quotas ("Label
  pairs per Fargate profile selector", "Fargate profiles per cluster"),
  https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html (confirmed 2026-11:
  defaults 10 and 5, both *adjustable*, like "Selectors per Fargate profile" 5). If your
  account's quotas were raised, set :data:`MAX_PROFILES` / :data:`MAX_LABELS_PER_SELECTOR` /
  :data:`MAX_SELECTORS` to them before building components; the errors say so.
- Profile names: 1-63 characters (a DNS label; cdk-eks-blueprints FargateProfileConstraints),
  not starting with ``eks-`` (reserved by EKS/eksctl).
- Kubernetes versions are ``"1.NN"``; EKS offers each for 14 months of standard and 12 of
  extended support (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi

from ..errors import ValidationError, check_name, is_known, same_input
from ..network.cidr_lists import check_cidr_list
from .kubernetes_names import (
    check_dns_label,
    check_dns_subdomain,
    check_labels,
    check_namespace_pattern,
)
from .pod_sizing import check_pod_placement

__all__ = [
    "CONTROL_PLANE_LOG_TYPES",
    "LATEST_KNOWN_MINOR",
    "MAX_LABELS_PER_SELECTOR",
    "MAX_PROFILES",
    "MAX_PROFILE_NAME_LENGTH",
    "MAX_PUBLIC_ACCESS_CIDRS",
    "MAX_SELECTORS",
    "MIN_SUPPORTED_MINOR",
    "RESERVED_ENDPOINT_RANGES",
    "ProfileSelector",
    "check_addon_versions",
    "check_cluster_name",
    "check_endpoint_cidrs",
    "check_kubernetes_version",
    "check_log_types",
    "check_network_egress",
    "check_private_subnets",
    "check_profile_name",
    "check_profile_names",
    "check_selectors",
    "check_service_account",
    "subnets_routed_to_internet_gateway",
]

MAX_SELECTORS = 5
MAX_LABELS_PER_SELECTOR = 5
MAX_PROFILES = 10
MAX_PROFILE_NAME_LENGTH = 63

#: The five control-plane log types (CloudFormation LoggingTypeConfig allowed values).
CONTROL_PLANE_LOG_TYPES = ("api", "audit", "authenticator", "controllerManager", "scheduler")

#: Lowest minor version we accept: 1.28 and older have left even extended support
#: (endoflife.date/amazon-eks, checked 2026-02). Older strings are surely typos or rot.
MIN_SUPPORTED_MINOR = 29
#: Newest minor version known when this table was checked (2026-02: 1.35). A newer one is
#: accepted with a warning, so the library does not block a fresh EKS release.
LATEST_KNOWN_MINOR = 35
#: Minor versions above this are rejected as implausible (a typo such as "1.300").
_MAX_PLAUSIBLE_MINOR = 60

# "1.NN" exactly: no leading zeros ("1.029"), no patch ("1.29.0"), no "v" prefix; EKS
# versions are written this way in CreateCluster's ``version`` ("The desired Kubernetes
# version for your cluster", e.g. "1.35").
_VERSION = re.compile(r"^1\.([1-9]\d{0,2})$")


# An EKS cluster name: "The name can contain only alphanumeric characters (case-sensitive),
# hyphens, and underscores. It must start with an alphanumeric character and can't be longer
# than 100 characters" (CreateCluster ``name``,
# https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html; the pattern
# ``^[0-9A-Za-z][A-Za-z0-9\-_]*`` of the EKS cluster ids other APIs take, e.g. EMR on EKS
# ``SecureNamespaceInfo.clusterId``). A trailing ``-`` or ``_`` is allowed.
_CLUSTER_NAME = re.compile(r"^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$")

# An EKS add-on version as DescribeAddonVersions lists it: "v<major>.<minor>.<patch>-eksbuild.<n>"
# (e.g. "v1.11.1-eksbuild.9"; "The version must match one of the versions returned by
# describe-addon-versions", aws.eks.Addon ``addonVersion``,
# https://www.pulumi.com/registry/packages/aws/api-docs/eks/addon/; the EKS user guide's
# add-on pages list every version in this form). A version EKS does not offer for the
# cluster's Kubernetes version still fails at create: that list needs an AWS call.
_ADDON_VERSION = re.compile(r"^v\d+\.\d+\.\d+-eksbuild\.[1-9]\d*$")


@dataclass(frozen=True)
class ProfileSelector:
    """Which pods a Fargate profile takes: a namespace (``*`` and ``?`` wildcards allowed)
    and optional labels a pod must all carry.

    Example::

        ProfileSelector("apps", {"run": "on-fargate"})
    """

    namespace: str
    """The Kubernetes namespace to match (required)."""
    labels: Mapping[str, str] = field(default_factory=dict)
    """Labels a pod must all have to match. Default: none (every pod in the namespace)."""

    def __post_init__(self) -> None:
        check_selector(f"ProfileSelector(namespace={self.namespace!r})", self)

    def to_args(self) -> Any:
        """The ``selectors`` item for ``aws.eks.FargateProfile``."""
        args: dict[str, Any] = {"namespace": self.namespace}
        if self.labels:
            args["labels"] = dict(self.labels)
        return args


def check_selector(argument: str, selector: ProfileSelector) -> None:
    """One selector: a non-empty namespace, at most 5 labels, no Spot/Arm labels."""
    namespace = selector.namespace
    if is_known(namespace) and (not isinstance(namespace, str) or not namespace.strip()):
        raise ValidationError(
            f"{argument}.namespace",
            namespace,
            "a Kubernetes namespace (a selector without a namespace matches nothing)",
        )
    check_namespace_pattern(f"{argument}.namespace", namespace)
    labels = selector.labels
    if labels is None or not isinstance(labels, Mapping):
        raise ValidationError(f"{argument}.labels", labels, "a mapping of label key to value")
    check_labels(f"{argument}.labels", labels, wildcards=True)
    if len(labels) > MAX_LABELS_PER_SELECTOR:
        raise ValidationError(
            f"{argument}.labels",
            dict(labels),
            f"at most {MAX_LABELS_PER_SELECTOR} label pairs per selector (the default, "
            "adjustable EKS quota; if yours is raised, set "
            "fargate_components.eks.validation.MAX_LABELS_PER_SELECTOR)",
        )
    check_pod_placement(f"{argument}.labels", labels)


def check_selectors(selectors: Any) -> list[ProfileSelector]:
    """1 to 5 :class:`ProfileSelector` values (plain strings are read as a namespace).
    Errors name ``selectors`` / ``selectors[i]...``: the holder re-raises them under its own
    path (``with argument_path("profiles[0].selectors", "selectors")``)."""
    argument = "selectors"
    if selectors is None or isinstance(selectors, (str, ProfileSelector)):
        selectors = [] if selectors is None else [selectors]
    result: list[ProfileSelector] = []
    for i, item in enumerate(selectors):
        if isinstance(item, str):
            item = ProfileSelector(item)
        if not isinstance(item, ProfileSelector):
            raise ValidationError(f"{argument}[{i}]", item, "a ProfileSelector(namespace, labels)")
        check_selector(f"{argument}[{i}]", item)
        result.append(item)
    if not 1 <= len(result) <= MAX_SELECTORS:
        raise ValidationError(
            argument,
            [s.namespace for s in result],
            f"1 to {MAX_SELECTORS} selectors per Fargate profile",
        )
    return result


def check_profile_name(argument: str, name: Any) -> None:
    """A profile name: AWS name characters, at most 63 long, not starting with ``eks-``."""
    if not is_known(name):
        return
    check_name(argument, name, MAX_PROFILE_NAME_LENGTH)
    if name.lower().startswith("eks-"):
        raise ValidationError(argument, name, "a name not starting with 'eks-' (reserved by EKS)")


def check_profile_names(argument: str, names: Sequence[str]) -> None:
    """Each name valid, no duplicate, at most :data:`MAX_PROFILES` in a cluster."""
    if len(names) > MAX_PROFILES:
        raise ValidationError(
            argument,
            list(names),
            f"at most {MAX_PROFILES} Fargate profiles per cluster (the default, adjustable EKS "
            "quota; if yours is raised, set fargate_components.eks.validation.MAX_PROFILES)",
        )
    seen: set[str] = set()
    for i, name in enumerate(names):
        check_profile_name(f"{argument}[{i}].name", name)
        if name in seen:
            raise ValidationError(
                f"{argument}[{i}].name",
                name,
                "a profile name used once (the default 'kube-system' profile counts too)",
            )
        seen.add(name)


def check_kubernetes_version(argument: str, version: Any) -> None:
    """``"1.NN"`` with NN in a plausible range; warns when newer than the known latest."""
    if version is None or not is_known(version):
        return
    allowed = (
        f'a Kubernetes minor version string "1.NN", from "1.{MIN_SUPPORTED_MINOR}" '
        f'(older ones are out of EKS support), e.g. "1.{LATEST_KNOWN_MINOR}"'
    )
    match = _VERSION.match(version) if isinstance(version, str) else None
    if not match:
        raise ValidationError(argument, version, allowed)
    minor = int(match.group(1))
    if not MIN_SUPPORTED_MINOR <= minor <= _MAX_PLAUSIBLE_MINOR:
        raise ValidationError(argument, version, allowed)
    if minor > LATEST_KNOWN_MINOR:
        pulumi.log.warn(
            f"{argument} = {version!r} is newer than the latest version this library was "
            f"checked against (1.{LATEST_KNOWN_MINOR}); EKS will reject it if not yet offered."
        )


def check_cluster_name(argument: str, name: Any) -> None:
    """An EKS cluster name: 1-100 letters, digits, ``-`` or ``_``, starting with a letter or
    digit (unknown values pass)."""
    if is_known(name) and (not isinstance(name, str) or not _CLUSTER_NAME.match(name)):
        raise ValidationError(
            argument,
            name,
            "an EKS cluster name: 1-100 letters, digits, '-' or '_', starting with a letter "
            "or digit",
        )


def check_addon_versions(argument: str, versions: Any, addons: Sequence[str]) -> None:
    """``{add-on name: version}``: names among ``addons``, versions in EKS's form
    ``v1.11.1-eksbuild.9`` (unknown values pass)."""
    if not isinstance(versions, Mapping):
        raise ValidationError(argument, versions, "a mapping of add-on name to version")
    for addon, version in versions.items():
        if addon not in addons:
            raise ValidationError(argument, addon, f"one of {', '.join(addons)}")
        if is_known(version) and (
            not isinstance(version, str) or not _ADDON_VERSION.match(version)
        ):
            raise ValidationError(
                f"{argument}[{addon!r}]",
                version,
                "an EKS add-on version as `aws eks describe-addon-versions` lists it, "
                "e.g. 'v1.11.1-eksbuild.9'",
            )


def check_log_types(argument: str, log_types: Sequence[str]) -> None:
    for log_type in log_types:
        if log_type not in CONTROL_PLANE_LOG_TYPES:
            raise ValidationError(
                argument, log_type, f"one of {', '.join(CONTROL_PLANE_LOG_TYPES)}"
            )
    seen: set[str] = set()
    for log_type in log_types:
        if log_type in seen:
            raise ValidationError(argument, log_type, "each log type once")
        seen.add(log_type)


#: Ranges a public-endpoint source can never come from ("The block cannot include reserved
#: addresses", EKS user guide "Configure network access to cluster API server endpoint",
#: https://docs.aws.amazon.com/eks/latest/userguide/config-cluster-endpoint.html, which links
#: the IANA special-purpose list): RFC 1918 private, loopback, link-local, RFC 6598 shared
#: (carrier NAT), "this network", multicast and the 240/4 reserved block. The documentation
#: ranges (TEST-NET, e.g. 203.0.113.0/24) are not refused: the same page's own example is
#: 203.0.113.5/32. EKS does not publish its exact list, so this is the never-routable core.
RESERVED_ENDPOINT_RANGES = tuple(
    ipaddress.IPv4Network(n)
    for n in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "224.0.0.0/4",
        "240.0.0.0/4",
    )
)


#: EKS's quota of public endpoint CIDR ranges per cluster (see :func:`check_endpoint_cidrs`).
MAX_PUBLIC_ACCESS_CIDRS = 40


def check_endpoint_cidrs(argument: str, cidrs: Sequence[str] | None) -> bool:
    """Validate the public-endpoint CIDRs: a list of distinct IPv4 CIDRs without host bits
    (``network.cidr_lists.check_cidr_list``; "You can't add IPv6 CIDR blocks to IPv4
    clusters", EKS API ``VpcConfigRequest.publicAccessCidrs``, and the clusters here are
    IPv4), none inside a reserved range (:data:`RESERVED_ENDPOINT_RANGES`). Returns True
    when the endpoint is open to the world (``0.0.0.0/0``), which the caller reports as a
    warning-level finding (FC-EKS-001). At most :data:`MAX_PUBLIC_ACCESS_CIDRS` of them:
    EKS's "Public endpoint access CIDR ranges per cluster" quota, 40 and not adjustable
    (AWS General Reference, "Amazon EKS endpoints and quotas",
    https://docs.aws.amazon.com/general/latest/gr/eks.html, Service Quotas L-93A74D60)."""
    checked = check_cidr_list(argument, cidrs)
    if len(checked) > MAX_PUBLIC_ACCESS_CIDRS:
        raise ValidationError(
            argument,
            f"{len(checked)} CIDRs",
            f"at most {MAX_PUBLIC_ACCESS_CIDRS} (EKS's quota of public endpoint CIDR ranges per "
            "cluster, not adjustable): merge adjacent ranges",
        )
    open_to_world = False
    for i, cidr in enumerate(checked):
        if not is_known(cidr):
            continue
        network = ipaddress.IPv4Network(cidr)
        if network.prefixlen == 0:
            open_to_world = True
            continue
        reserved = next((r for r in RESERVED_ENDPOINT_RANGES if network.subnet_of(r)), None)
        if reserved is not None:
            raise ValidationError(
                f"{argument}[{i}]",
                cidr,
                f"a public address range (this is inside the reserved {reserved}, which "
                "never reaches a public endpoint; EKS refuses reserved addresses)",
            )
    return open_to_world


def check_private_subnets(
    argument: str,
    subnet_ids: Iterable[Any],
    public_subnet_ids: Iterable[Any] = (),
    internet_routed: Iterable[str] = (),
) -> None:
    """Reject a public subnet in a Fargate profile.

    A subnet is public when it is one of ``public_subnet_ids`` (the same ``Output`` object,
    or an equal plain string) or one of ``internet_routed`` (subnets whose route table
    sends traffic to an internet gateway; see :func:`subnets_routed_to_internet_gateway`).
    Subnets that are neither (e.g. plain ids from an existing VPC we know nothing about)
    are accepted: EKS itself rejects a public subnet with ``is not a private subnet``.
    """
    publics = list(public_subnet_ids)
    routed = set(internet_routed)
    for i, subnet in enumerate(subnet_ids):
        if any(same_input(subnet, p) for p in publics) or (is_known(subnet) and subnet in routed):
            shown = subnet if is_known(subnet) else f"<public subnet #{i}>"
            raise ValidationError(
                f"{argument}[{i}]",
                shown,
                "a private subnet (no route to an internet gateway): EKS runs Fargate pods "
                "in private subnets only",
            )


def subnets_routed_to_internet_gateway(
    route_tables: Mapping[str, Iterable[Mapping[str, Any]]],
) -> set[str]:
    """Subnet ids whose routes (``{subnet_id: [route, ...]}`` with ``gateway_id`` /
    ``gatewayId`` keys, as ``aws.ec2.get_route_table(...).routes`` gives them) include an
    internet gateway (``igw-...``)."""
    public: set[str] = set()
    for subnet, routes in route_tables.items():
        for route in routes:
            gateway = route.get("gateway_id") or route.get("gatewayId") or ""
            if isinstance(gateway, str) and gateway.startswith("igw-"):
                public.add(subnet)
    return public


def check_network_egress(argument: str, nat_strategy: str, has_vpc_endpoints: bool) -> None:
    """Fargate pods pull images and call AWS APIs: without NAT they need VPC endpoints
    (:func:`~fargate_components.network.types.check_private_egress`)."""
    from types import SimpleNamespace

    from ..network.types import check_private_egress

    network = SimpleNamespace(nat_strategy=nat_strategy, has_vpc_endpoints=has_vpc_endpoints)
    check_private_egress(argument, network, "Fargate pods")


def check_service_account(namespace: Any, service_account: Any) -> None:
    """The Kubernetes service account an IRSA role trusts: a namespace and a name, both
    non-empty strings. Errors name ``namespace`` / ``service_account`` relative to the
    caller, which re-raises them under its own path (``errors.argument_path``)."""
    if is_known(namespace):
        check_dns_label("namespace", namespace)
    check_dns_subdomain("service_account", service_account)
