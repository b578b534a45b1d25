"""Pure EKS decisions: selectors, names, versions, subnets, documents, logging, kubeconfig."""

from __future__ import annotations

import json

import pulumi
import pytest

from fargate_components.eks.iam_documents import (
    irsa_trust_policy,
    load_balancer_controller_policy,
    pod_execution_trust_policy,
)
from fargate_components.eks.kubeconfig import kubeconfig
from fargate_components.eks.logging_config import FargateLogging, logging_config_data
from fargate_components.eks.validation import (
    ProfileSelector,
    check_endpoint_cidrs,
    check_kubernetes_version,
    check_private_subnets,
    check_profile_names,
    check_selectors,
    subnets_routed_to_internet_gateway,
)
from fargate_components.errors import ValidationError


def test_selectors_accept_strings_and_objects() -> None:
    result = check_selectors(["default", ProfileSelector("apps", {"run": "on-fargate"})])
    assert [s.to_args() for s in result] == [
        {"namespace": "default"},
        {"namespace": "apps", "labels": {"run": "on-fargate"}},
    ]


@pytest.mark.parametrize("count", [0, 6])
def test_selector_count(count: int) -> None:
    with pytest.raises(ValidationError, match="1 to 5 selectors"):
        check_selectors([f"ns{i}" for i in range(count)])


def test_selector_limits() -> None:
    with pytest.raises(ValidationError, match="namespace"):
        ProfileSelector("")
    with pytest.raises(ValidationError, match="at most 5 label pairs"):
        ProfileSelector("apps", {f"k{i}": "v" for i in range(6)})
    with pytest.raises(ValidationError, match="amd64"):
        ProfileSelector("apps", {"kubernetes.io/arch": "arm64"})


def test_profile_names() -> None:
    check_profile_names("p", ["kube-system", "apps"])
    with pytest.raises(ValidationError, match="eks-"):
        check_profile_names("p", ["eks-apps"])
    with pytest.raises(ValidationError, match="used once"):
        check_profile_names("p", ["apps", "apps"])
    with pytest.raises(ValidationError, match="at most 10"):
        check_profile_names("p", [f"p{i}" for i in range(11)])


@pytest.mark.parametrize("good", ["1.29", "1.33", "1.35", None])
def test_versions_accepted(good: str | None) -> None:
    check_kubernetes_version("v", good)


@pytest.mark.parametrize("bad", ["1.28", "v1.33", "1.33.2", "2.0", "1.300", "latest", 1.33])
def test_versions_rejected(bad: object) -> None:
    with pytest.raises(ValidationError, match=r'"1\.NN"'):
        check_kubernetes_version("v", bad)


def test_newer_version_than_known_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    from fargate_components.eks.validation import LATEST_KNOWN_MINOR

    warned: list[str] = []
    monkeypatch.setattr(pulumi.log, "warn", lambda message, *a, **k: warned.append(message))
    check_kubernetes_version("v", f"1.{LATEST_KNOWN_MINOR + 1}")
    assert len(warned) == 1 and "newer than the latest" in warned[0]


@pytest.mark.parametrize(
    ("labels", "wildcards"),
    [
        ({}, False),
        ({"app": "web", "tier": ""}, False),  # an empty value is allowed
        ({"pod-security.kubernetes.io/enforce": "restricted"}, False),  # reserved but settable
        ({"example.com/Team_Name.v2": "A-b_c.9"}, False),  # upper case in names and values
        ({"k" * 63: "v" * 63, ".".join(["a" * 63] * 3) + ".ab/x": "y"}, False),  # at the limits
        ({"team": "pay*", "tier?": "*"}, True),  # EKS wildcards in a selector
    ],
)
def test_valid_labels_pass(labels: dict[str, str], wildcards: bool) -> None:
    from fargate_components.eks.kubernetes_names import check_labels

    check_labels("labels", labels, wildcards=wildcards)


def test_valid_addon_versions_pass() -> None:
    from fargate_components.eks.validation import check_addon_versions

    versions = {"coredns": "v1.11.1-eksbuild.9", "vpc-cni": pulumi.Output.from_input("v1")}
    check_addon_versions("addon_versions", versions, ("coredns", "vpc-cni"))


def test_endpoint_cidrs() -> None:
    assert check_endpoint_cidrs("c", None) is False
    assert check_endpoint_cidrs("c", ["203.0.113.0/24"]) is False
    assert check_endpoint_cidrs("c", ["0.0.0.0/0"]) is True
    with pytest.raises(ValidationError):
        check_endpoint_cidrs("c", ["203.0.113.1/24"])  # host bits set


def test_public_subnets_are_found_by_identity_equality_or_route() -> None:
    public_output = pulumi.Output.from_input("subnet-pub")
    with pytest.raises(ValidationError, match="private subnet"):
        check_private_subnets("s", ["subnet-a", public_output], [public_output])
    with pytest.raises(ValidationError, match="private subnet"):
        check_private_subnets("s", ["subnet-pub"], ["subnet-pub"])
    routed = subnets_routed_to_internet_gateway(
        {"subnet-x": [{"gateway_id": "igw-123"}], "subnet-y": [{"nat_gateway_id": "nat-1"}]}
    )
    assert routed == {"subnet-x"}
    with pytest.raises(ValidationError):
        check_private_subnets("s", ["subnet-y", "subnet-x"], [], routed)
    check_private_subnets("s", ["subnet-unknown"], [])  # nothing known: accepted


def test_pod_execution_trust_is_scoped_to_the_cluster_profiles() -> None:
    doc = pod_execution_trust_policy("aws", "eu-west-1", "123456789012", "prod")
    stmt = doc["Statement"][0]
    assert stmt["Principal"] == {"Service": "eks-fargate-pods.amazonaws.com"}
    assert stmt["Condition"]["ArnLike"]["aws:SourceArn"] == (
        "arn:aws:eks:eu-west-1:123456789012:fargateprofile/prod/*"
    )


def test_irsa_trust_names_one_service_account() -> None:
    doc = irsa_trust_policy(
        "arn:aws:iam::1:oidc-provider/oidc.eks.x/id/AB", "https://oidc.eks.x/id/AB", "ns", "sa"
    )
    cond = doc["Statement"][0]["Condition"]["StringEquals"]
    assert cond == {
        "oidc.eks.x/id/AB:sub": "system:serviceaccount:ns:sa",
        "oidc.eks.x/id/AB:aud": "sts.amazonaws.com",
    }


def test_load_balancer_controller_policy_scopes_mutations_by_cluster_tag() -> None:
    doc = load_balancer_controller_policy("aws-us-gov")
    text = json.dumps(doc)
    assert "arn:aws-us-gov:elasticloadbalancing" in text and "arn:aws:" not in text
    sids = [s["Sid"] for s in doc["Statement"]]
    assert len(sids) == len(set(sids))
    for stmt in doc["Statement"]:
        mutating = [a for a in stmt["Action"] if a.split(":")[1].startswith(("Delete", "Modify"))]
        if mutating and stmt["Resource"] == "*" and stmt["Sid"] != "ListenersAndRules":
            assert stmt["Sid"] in ("ListenerSettings", "CertificatesWafShield") or (
                "aws:ResourceTag/elbv2.k8s.aws/cluster" in stmt["Condition"]["Null"]
            )


def test_logging_config_map_content() -> None:
    data = logging_config_data("eu-west-1", "/aws/eks/prod/fargate", FargateLogging())
    assert "Name cloudwatch_logs" in data["output.conf"]
    assert "region eu-west-1" in data["output.conf"]
    assert "log_group_name /aws/eks/prod/fargate" in data["output.conf"]
    assert "auto_create_group false" in data["output.conf"]
    assert "Name kubernetes" in data["filters.conf"]
    with pytest.raises(ValidationError, match="5300"):
        logging_config_data("r", "g", FargateLogging(extra_filters="#" * 6000))


def test_kubeconfig_uses_aws_eks_get_token() -> None:
    cfg = kubeconfig("prod", "https://x.eks.amazonaws.com", "Q0E=", "eu-west-1", profile="ops")
    user = cfg["users"][0]["user"]["exec"]
    assert user["command"] == "aws"
    assert user["args"] == ["eks", "get-token", "--cluster-name", "prod", "--region", "eu-west-1"]
    assert user["env"] == [{"name": "AWS_PROFILE", "value": "ops"}]
    assert cfg["clusters"][0]["cluster"]["certificate-authority-data"] == "Q0E="
