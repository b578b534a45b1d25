"""Profile coverage over a whole plan: which profile runs each workload, at which size, and
what Fargate would refuse (pure; reads resource records, registers nothing).

The plan holds the whole graph at once: the EKS clusters, their Fargate profiles and every
Kubernetes object, add-on and Helm release. :func:`analyse` ties them together:

- each workload (:mod:`.workloads`) is placed on its cluster (through its Kubernetes
  provider's parent component, else the only cluster of the plan) and matched to the profile
  EKS would pick (:mod:`.profile_matching`);
- on a cluster with no EC2 node group in the plan (Fargate-only), a workload no profile
  selects is an error: its pods stay ``Pending``;
- each workload on Fargate is checked against the scheduler's refusals
  (:mod:`.fargate_admission`) and sized as EKS bills it;
- Pod Identity associations and the Pod Identity agent add-on on Fargate are reported:
  "Linux and Windows pods that run on AWS Fargate (Fargate) aren't supported" (EKS user
  guide, "EKS Pod Identity restrictions", https://docs.aws.amazon.com/eks/latest/userguide/
  pod-identities.html); IRSA (``EksFargateCluster.irsa_role``) is what works.

Records are duck-typed (``urn``, ``type``, ``name``, ``parent``, ``inputs``, ``options``), so
this module works on the offline plan and on a preview's resources alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..model.tokens import (
    EKS_ADDON,
    EKS_CLUSTER,
    EKS_NODE_GROUP,
    EKS_POD_IDENTITY_ASSOCIATION,
    FARGATE_PROFILE,
    K8S_PERSISTENT_VOLUME,
    K8S_PERSISTENT_VOLUME_CLAIM,
    K8S_STORAGE_CLASS,
)
from ..sizing import TaskSize
from .fargate_admission import Refusal, claim_backing, pod_size, refusals
from .profile_matching import ProfileChoice, ProfileRule, SelectorRule, choose_profile
from .workloads import (
    HELM_RELEASE_TYPES,
    WORKLOAD_TYPES,
    Workload,
    addon_workload,
    helm_workload,
    is_known,
    object_workload,
)

__all__ = [
    "POD_IDENTITY_AGENT",
    "Coverage",
    "Placement",
    "ProfileUse",
    "RecordLike",
    "analyse",
]

POD_IDENTITY_AGENT = "eks-pod-identity-agent"
SERVICE_ACCOUNT_DEFAULT = "default"


class RecordLike(Protocol):
    """What :func:`analyse` reads of a resource record."""

    urn: str
    type: str
    name: str
    parent: str | None
    inputs: dict[str, Any]
    options: dict[str, Any]


@dataclass(frozen=True)
class Placement:
    """Where one workload's pods run, at which size, and what Fargate refuses of them."""

    urn: str
    workload: Workload
    cluster: str | None
    """The EKS cluster name (``None``: not known)."""
    choice: ProfileChoice | None
    """The profile EKS picks (``None`` when the namespace is not known at preview)."""
    fargate_only: bool
    """True when the cluster has no EC2 node group in the plan."""
    size: TaskSize | None
    size_note: str
    refusals: tuple[Refusal, ...]

    @property
    def profile(self) -> str | None:
        return self.choice.profile if self.choice else None

    def summary(self) -> str:
        """``profile apps, 2 x 0.25 vCPU / 1 GB`` (or why it has none)."""
        if self.choice is None:
            return "profile unknown (namespace not known at preview)"
        if self.profile is None:
            where = "stays Pending" if self.fargate_only else "runs on EC2 nodes"
            return f"no Fargate profile ({where})"
        count = "?" if self.workload.replicas is None else str(self.workload.replicas)
        size = str(self.size) if self.size else "size unknown"
        text = f"profile {self.profile}, {count} x {size}"
        if self.refusals:
            text += "; Fargate refuses its pods (see findings)"
        return text

    def to_json(self) -> dict[str, Any]:
        """The plan JSON's ``eks_workloads[]`` entry (README "Plan JSON")."""
        workload = self.workload
        return {
            "urn": self.urn,
            "kind": workload.kind,
            "namespace": workload.namespace,
            "name": workload.name,
            "cluster": self.cluster,
            "profile": self.profile,
            "matching_profiles": list(self.choice.matching) if self.choice else None,
            "profile_reason": self.choice.reason if self.choice else None,
            "fargate_only": self.fargate_only,
            "pods": workload.replicas,
            "pods_source": workload.replicas_source,
            "size": (
                {"vcpu": self.size.vcpu, "memory_gb": self.size.memory_gib} if self.size else None
            ),
            "size_note": self.size_note,
            "refusals": [r.text() for r in self.refusals],
            "summary": self.summary(),
        }


@dataclass(frozen=True)
class ProfileUse:
    """A profile and the workloads it runs."""

    urn: str
    rule: ProfileRule
    selected: tuple[str, ...] = ()
    """Titles of the workloads EKS would run under this profile."""
    shadowed: tuple[str, ...] = ()
    """Workloads this profile matches but another profile (first by name) takes."""

    def summary(self) -> str:
        """``runs 2 workloads of this program`` (the tree's Info column)."""
        count = len(self.selected)
        text = (
            f"runs {count} workload{'s' if count != 1 else ''} of this program"
            if count
            else "runs no workload of this program"
        )
        if self.shadowed:
            text += f"; {len(self.shadowed)} more match it but go to another profile"
        return text


@dataclass(frozen=True)
class Coverage:
    """The analysis of one plan."""

    placements: tuple[Placement, ...]
    profiles: tuple[ProfileUse, ...]
    pod_identity: Mapping[str, str] = field(default_factory=dict)
    """URN of a Pod Identity association or agent add-on -> the problem with it."""
    not_analysed: Mapping[str, str] = field(default_factory=dict)
    """URN -> why its pods could not be analysed (Helm charts not rendered offline, ...)."""

    def placement(self, urn: str) -> Placement | None:
        return next((p for p in self.placements if p.urn == urn), None)


def _profile_rule(record: RecordLike) -> ProfileRule:
    selectors = []
    for item in record.inputs.get("selectors") or []:
        if isinstance(item, Mapping) and isinstance(item.get("namespace"), str):
            labels = item.get("labels")
            labels = labels if isinstance(labels, Mapping) else {}
            selectors.append(
                SelectorRule(item["namespace"], {str(k): str(v) for k, v in labels.items()})
            )
    name = record.inputs.get("fargateProfileName")
    cluster = record.inputs.get("clusterName")
    return ProfileRule(
        name=str(name) if isinstance(name, str) and is_known(name) else record.name,
        selectors=tuple(selectors),
        cluster=str(cluster) if isinstance(cluster, str) and is_known(cluster) else None,
    )


def _workload(record: RecordLike) -> Workload | None:
    if record.type in WORKLOAD_TYPES:
        return object_workload(record.type, record.inputs, record.name)
    if record.type == EKS_ADDON:
        return addon_workload(record.inputs)
    if record.type in HELM_RELEASE_TYPES:
        return helm_workload(record.inputs)
    return None


class _Index:
    """The records :func:`analyse` needs, indexed once."""

    def __init__(self, records: Iterable[RecordLike]) -> None:
        self.records = list(records)
        self.by_urn = {r.urn: r for r in self.records}
        self.profiles = [(r, _profile_rule(r)) for r in self.records if r.type == FARGATE_PROFILE]
        self.clusters = {
            str(r.inputs.get("name") or r.name) for r in self.records if r.type == EKS_CLUSTER
        } | {rule.cluster for _, rule in self.profiles if rule.cluster}
        self.node_group_clusters = {
            r.inputs.get("clusterName") for r in self.records if r.type == EKS_NODE_GROUP
        }
        self.claims = {
            (_namespace(r), _name(r)): r.inputs
            for r in self.records
            if r.type == K8S_PERSISTENT_VOLUME_CLAIM
        }
        self.storage_classes = {
            _name(r): r.inputs for r in self.records if r.type == K8S_STORAGE_CLASS
        }
        self.volumes = {_name(r): r.inputs for r in self.records if r.type == K8S_PERSISTENT_VOLUME}

    def cluster_of(self, record: RecordLike) -> str | None:
        """The EKS cluster a Kubernetes resource is deployed to."""
        provider = record.options.get("provider") if isinstance(record.options, Mapping) else None
        if isinstance(provider, str) and "::" in provider:
            provider_record = self.by_urn.get(provider.rsplit("::", 1)[0])
            owner = provider_record.parent if provider_record else None
            for profile, rule in self.profiles:
                if owner and profile.parent == owner and rule.cluster:
                    return rule.cluster
        if record.type == EKS_ADDON and isinstance(record.inputs.get("clusterName"), str):
            return str(record.inputs["clusterName"])
        return next(iter(self.clusters)) if len(self.clusters) == 1 else None

    def profiles_of(self, cluster: str | None) -> list[ProfileRule]:
        return [rule for _, rule in self.profiles if cluster is None or rule.cluster == cluster]

    def fargate_only(self, cluster: str | None) -> bool:
        if cluster is None:
            return not self.node_group_clusters
        return cluster not in self.node_group_clusters

    def backing(self, namespace: str | None, claim: str) -> str:
        return claim_backing(
            self.claims.get((namespace or "default", claim)), self.storage_classes, self.volumes
        )


def _name(record: RecordLike) -> str:
    metadata = record.inputs.get("metadata")
    name = metadata.get("name") if isinstance(metadata, Mapping) else None
    return str(name) if isinstance(name, str) else record.name


def _namespace(record: RecordLike) -> str:
    metadata = record.inputs.get("metadata")
    namespace = metadata.get("namespace") if isinstance(metadata, Mapping) else None
    return str(namespace) if isinstance(namespace, str) else "default"


def _place(index: _Index, record: RecordLike, workload: Workload) -> Placement:
    cluster = index.cluster_of(record)
    choice = None
    if workload.namespace is not None:
        choice = choose_profile(index.profiles_of(cluster), workload.namespace, workload.pod_labels)
    on_fargate = choice is not None and choice.profile is not None
    size, note = pod_size(workload.pod_spec) if on_fargate else (None, "not on Fargate")
    found = tuple(refusals(workload, index.backing)) if on_fargate else ()
    return Placement(
        urn=record.urn,
        workload=workload,
        cluster=cluster,
        choice=choice,
        fargate_only=index.fargate_only(cluster),
        size=size,
        size_note=note,
        refusals=found,
    )


def _profile_uses(index: _Index, placements: list[Placement]) -> tuple[ProfileUse, ...]:
    uses = []
    for record, rule in index.profiles:
        mine = [p for p in placements if p.cluster in (None, rule.cluster) and p.choice]
        selected = tuple(p.workload.title for p in mine if p.profile == rule.name)
        shadowed = tuple(
            p.workload.title
            for p in mine
            if p.choice and rule.name in p.choice.matching and p.profile != rule.name
        )
        uses.append(ProfileUse(record.urn, rule, selected, shadowed))
    return tuple(uses)


def _service_account(workload: Workload) -> str:
    name = workload.pod_spec.get("serviceAccountName") or workload.pod_spec.get("serviceAccount")
    return str(name) if isinstance(name, str) else SERVICE_ACCOUNT_DEFAULT


def _pod_identity(index: _Index, placements: list[Placement]) -> dict[str, str]:
    problems: dict[str, str] = {}
    for record in index.records:
        if record.type == EKS_ADDON and record.inputs.get("addonName") == POD_IDENTITY_AGENT:
            cluster = index.cluster_of(record)
            if index.fargate_only(cluster):
                problems[record.urn] = (
                    f"the {POD_IDENTITY_AGENT} add-on is a DaemonSet on the host network: it "
                    "never runs on Fargate, and EKS Pod Identity doesn't support Fargate pods"
                )
        if record.type != EKS_POD_IDENTITY_ASSOCIATION:
            continue
        namespace, account = record.inputs.get("namespace"), record.inputs.get("serviceAccount")
        if not (isinstance(namespace, str) and is_known(namespace) and isinstance(account, str)):
            continue
        cluster = record.inputs.get("clusterName")
        cluster = cluster if isinstance(cluster, str) and is_known(cluster) else None
        users = [
            p.workload.title
            for p in placements
            if p.profile
            and p.workload.namespace == namespace
            and _service_account(p.workload) == account
            and (cluster is None or p.cluster in (None, cluster))
        ]
        by_namespace = choose_profile(index.profiles_of(cluster), namespace, {}).profile
        if users or by_namespace or index.fargate_only(cluster):
            who = f" ({', '.join(users)})" if users else ""
            problems[record.urn] = (
                f"service account {namespace}/{account} is used by Fargate pods{who}, and EKS Pod "
                "Identity doesn't support Fargate: they would get no credentials"
            )
    return problems


def analyse(records: Iterable[RecordLike]) -> Coverage:
    """Place every workload of a plan on its profile, size it, and list what Fargate refuses."""
    index = _Index(records)
    placements: list[Placement] = []
    not_analysed: dict[str, str] = {}
    for record in index.records:
        workload = _workload(record)
        if workload is not None:
            placements.append(_place(index, record, workload))
        elif record.type in HELM_RELEASE_TYPES:
            not_analysed[record.urn] = (
                f"Helm chart {record.inputs.get('chart')!r}: its templates are not rendered "
                "offline, so its pods' profile, size and Fargate support are not checked"
            )
    return Coverage(
        placements=tuple(placements),
        profiles=_profile_uses(index, placements),
        pod_identity=_pod_identity(index, placements),
        not_analysed=not_analysed,
    )
