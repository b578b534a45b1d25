"""Profile coverage over a plan's records: placement, sizes, refusals, Pod Identity (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fargate_components.eks.coverage import analyse

PROVIDER = "urn:pulumi:dev::p::fargate:eks:EksFargateCluster$pulumi:providers:kubernetes::k8s"
COMPONENT = "urn:pulumi:dev::p::fargate:eks:EksFargateCluster::k8s"


@dataclass
class Rec:
    type: str
    name: str
    inputs: dict[str, Any]
    parent: str | None = None
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def urn(self) -> str:
        return f"urn:pulumi:dev::p::{self.type}::{self.name}"


def _profile(name: str, *selectors: dict[str, Any], cluster: str = "prod") -> Rec:
    return Rec(
        "aws:eks/fargateProfile:FargateProfile",
        f"k8s-profile-{name}",
        {"fargateProfileName": name, "clusterName": cluster, "selectors": list(selectors)},
        parent=COMPONENT,
    )


def _k8s(
    kind: str, name: str, namespace: str, pod: dict[str, Any] | None = None, **extra: Any
) -> Rec:
    api = {"DaemonSet": "apps/v1", "Deployment": "apps/v1"}.get(kind, "core/v1")
    spec: dict[str, Any] = {
        "template": {
            "metadata": {"labels": {"app": name}},
            "spec": pod or {"containers": [{"name": "c"}]},
        }
    }
    spec.update(extra)
    return Rec(
        f"kubernetes:{api}:{kind}",
        name,
        {"metadata": {"name": name, "namespace": namespace}, "spec": spec},
        options={"provider": f"{PROVIDER}::id-1"},
    )


def _plan(*extra: Rec) -> list[Rec]:
    return [
        Rec("aws:eks/cluster:Cluster", "k8s-cluster", {"name": "prod"}, parent=COMPONENT),
        Rec("pulumi:providers:kubernetes", "k8s", {}, parent=COMPONENT),
        _profile("kube-system", {"namespace": "kube-system"}),
        _profile("apps", {"namespace": "apps-*"}),
        _profile("apps-web", {"namespace": "apps-web", "labels": {"app": "web"}}),
        *extra,
    ]


def test_workloads_are_placed_and_sized() -> None:
    coverage = analyse(
        _plan(
            _k8s("Deployment", "web", "apps-web", replicas=3),
            _k8s("Deployment", "lost", "batch"),
            Rec(
                "aws:eks/addon:Addon",
                "k8s-addon-coredns",
                {
                    "addonName": "coredns",
                    "clusterName": "prod",
                    "configurationValues": '{"computeType": "Fargate"}',
                },
            ),
        )
    )
    by_name = {p.workload.name: p for p in coverage.placements}
    web = by_name["web"]
    assert web.profile == "apps" and web.choice is not None
    assert web.choice.matching == ("apps", "apps-web")  # both match: first by name wins
    assert web.summary() == "profile apps, 3 x 0.25 vCPU / 0.5 GB"
    lost = by_name["lost"]
    assert lost.profile is None and lost.fargate_only
    assert lost.summary() == "no Fargate profile (stays Pending)"
    assert by_name["coredns"].profile == "kube-system"
    uses = {u.rule.name: u for u in coverage.profiles}
    assert uses["apps-web"].selected == () and uses["apps-web"].shadowed == (
        "Deployment apps-web/web",
    )
    assert uses["apps"].summary() == "runs 1 workload of this program"
    assert uses["apps-web"].summary() == (
        "runs no workload of this program; 1 more match it but go to another profile"
    )


def test_placements_in_the_plan_json() -> None:
    coverage = analyse(
        _plan(
            _k8s("Deployment", "web", "apps-web", replicas=3),
            _k8s("Deployment", "lost", "batch"),
            _k8s(
                "Deployment",
                "priv",
                "apps-x",
                {"containers": [{"name": "c", "securityContext": {"privileged": True}}]},
            ),
        )
    )
    web, lost, priv = (p.to_json() for p in coverage.placements)
    assert web["profile"] == "apps" and web["matching_profiles"] == ["apps", "apps-web"]
    assert web["pods"] == 3 and web["pods_source"] == "spec.replicas"
    assert web["size"] == {"vcpu": 0.25, "memory_gb": 0.5}
    assert web["summary"] == "profile apps, 3 x 0.25 vCPU / 0.5 GB"
    assert lost["profile"] is None and lost["size"] is None and lost["fargate_only"]
    assert lost["profile_reason"] == "no profile selects this namespace and these labels"
    assert priv["refusals"] and priv["refusals"][0].startswith(
        "containers[c].securityContext.privileged"
    )
    assert priv["summary"].endswith("; Fargate refuses its pods (see findings)")


def test_node_groups_mean_unmatched_pods_run_on_ec2() -> None:
    coverage = analyse(
        _plan(
            _k8s("Deployment", "lost", "batch"),
            Rec("aws:eks/nodeGroup:NodeGroup", "ng", {"clusterName": "prod"}),
        )
    )
    (lost,) = coverage.placements
    assert not lost.fargate_only and lost.summary() == "no Fargate profile (runs on EC2 nodes)"


def test_refusals_only_for_pods_on_fargate() -> None:
    privileged = {"containers": [{"name": "c", "securityContext": {"privileged": True}}]}
    coverage = analyse(
        _plan(
            _k8s("DaemonSet", "agent", "kube-system"),
            _k8s("Deployment", "priv", "apps-x", privileged),
            _k8s("Deployment", "priv-elsewhere", "batch", privileged),
        )
    )
    refused = {p.workload.name: [r.field for r in p.refusals] for p in coverage.placements}
    assert refused == {
        "agent": ["kind"],
        "priv": ["containers[c].securityContext.privileged"],
        "priv-elsewhere": [],
    }


def test_ebs_claims_found_through_the_storage_class() -> None:
    pod = {
        "containers": [{"name": "c"}],
        "volumes": [{"name": "d", "persistentVolumeClaim": {"claimName": "data"}}],
    }
    coverage = analyse(
        _plan(
            Rec(
                "kubernetes:storage.k8s.io/v1:StorageClass",
                "gp3",
                {"metadata": {"name": "gp3"}, "provisioner": "ebs.csi.aws.com"},
            ),
            Rec(
                "kubernetes:core/v1:PersistentVolumeClaim",
                "data",
                {
                    "metadata": {"name": "data", "namespace": "apps-db"},
                    "spec": {"storageClassName": "gp3"},
                },
            ),
            _k8s("Deployment", "db", "apps-db", pod),
        )
    )
    (db,) = [p for p in coverage.placements]
    assert [r.field for r in db.refusals] == ["spec.volumes[d]"]


def test_pod_identity_for_fargate_namespaces() -> None:
    association = Rec(
        "aws:eks/podIdentityAssociation:PodIdentityAssociation",
        "pia",
        {"clusterName": "prod", "namespace": "apps-web", "serviceAccount": "web", "roleArn": "arn"},
    )
    agent = Rec(
        "aws:eks/addon:Addon",
        "agent",
        {"addonName": "eks-pod-identity-agent", "clusterName": "prod"},
    )
    coverage = analyse(
        _plan(
            association,
            agent,
            _k8s(
                "Deployment",
                "web",
                "apps-web",
                {"serviceAccountName": "web", "containers": [{"name": "c"}]},
            ),
        )
    )
    assert "Deployment apps-web/web" in coverage.pod_identity[association.urn]
    assert "DaemonSet" in coverage.pod_identity[agent.urn]


def test_other_helm_charts_are_listed_not_skipped() -> None:
    release = Rec(
        "kubernetes:helm.sh/v3:Release", "redis", {"chart": "redis", "namespace": "apps-x"}
    )
    coverage = analyse(_plan(release))
    assert "not rendered offline" in coverage.not_analysed[release.urn]
