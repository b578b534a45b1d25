"""EksFargateCluster under mocks: subnets, profile chain, CoreDNS ordering, roles, logging."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pulumi
import pytest

from fargate_components.eks import (
    EksFargateCluster,
    EksFargateClusterArgs,
    FargateLogging,
    FargateProfileSpec,
    LoadBalancerController,
    ProfileSelector,
)
from fargate_components.network import Network, NetworkArgs
from fargate_components.testing import Plan, run_in_mocks
from tests.bad_input.eks import FakeNetwork

PROFILE = "aws:eks/fargateProfile:FargateProfile"


def _plan(export: bool = False, **kwargs: Any) -> Plan:
    kwargs.setdefault("network", FakeNetwork())
    kwargs.setdefault(
        "profiles",
        [
            FargateProfileSpec(name="default", selectors=["default"]),
            FargateProfileSpec(
                name="apps", selectors=[ProfileSelector("apps", {"run": "on-fargate"})]
            ),
        ],
    )

    def program() -> None:
        cluster = EksFargateCluster("k8s", EksFargateClusterArgs(version="1.33", **kwargs))
        if export:
            pulumi.export("kubeconfig", cluster.kubeconfig)
            pulumi.export("profiles", cluster.profile_names)

    return run_in_mocks(program)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return _plan(
        export=True, load_balancer_controller=LoadBalancerController(chart_version="1.14.0")
    )


def test_every_profile_uses_exactly_the_private_subnets(plan: Plan) -> None:
    profiles = plan.of_type(PROFILE)
    assert [p.inputs["fargateProfileName"] for p in profiles] == ["kube-system", "default", "apps"]
    for profile in profiles:
        assert profile.inputs["subnetIds"] == ["subnet-priv-a", "subnet-priv-b"]


def test_profiles_form_a_creation_chain(plan: Plan) -> None:
    profiles = plan.of_type(PROFILE)
    for previous, current in itertools.pairwise(profiles):
        assert previous.urn in current.depends_on
    # the first waits for the pod execution role's policies
    role_policy = plan.named("k8s-pod-execution-policy")
    assert role_policy.urn in profiles[0].depends_on


def test_coredns_runs_on_fargate_after_every_profile(plan: Plan) -> None:
    coredns = plan.named("k8s-addon-coredns")
    assert json.loads(coredns.inputs["configurationValues"]) == {
        "computeType": "Fargate",
        "replicaCount": 2,
        "resources": {  # fills the 0.25 vCPU / 0.5 GB Fargate bills for
            "requests": {"cpu": "250m", "memory": "256Mi"},
            "limits": {"cpu": "250m", "memory": "256Mi"},
        },
    }
    for profile in plan.of_type(PROFILE):
        assert profile.urn in coredns.depends_on
    addons = {a.inputs["addonName"] for a in plan.of_type("aws:eks/addon:Addon")}
    assert addons == {"vpc-cni", "kube-proxy", "coredns"}


def test_pod_execution_role_trust_has_the_source_arn_condition(plan: Plan) -> None:
    role = plan.named("k8s-pod-execution")
    trust = json.loads(role.inputs["assumeRolePolicy"])["Statement"][0]
    assert trust["Principal"] == {"Service": "eks-fargate-pods.amazonaws.com"}
    assert trust["Condition"]["ArnLike"]["aws:SourceArn"] == (
        "arn:aws:eks:us-east-1:123456789012:fargateprofile/k8s/*"
    )
    attached = plan.named("k8s-pod-execution-policy").inputs["policyArn"]
    assert attached == "arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy"
    logging = json.loads(plan.named("k8s-pod-execution-logging").inputs["policy"])
    assert logging["Statement"][0]["Resource"][0].endswith("log-group:/aws/eks/k8s/fargate")


def test_cluster_settings(plan: Plan) -> None:
    cluster = plan.named("k8s-cluster").inputs
    assert cluster["version"] == "1.33"
    assert cluster["vpcConfig"]["subnetIds"] == [
        "subnet-priv-a", "subnet-priv-b", "subnet-pub-a", "subnet-pub-b"
    ]  # fmt: skip
    assert cluster["vpcConfig"]["endpointPrivateAccess"] is True
    assert cluster["vpcConfig"]["endpointPublicAccess"] is False
    assert cluster["accessConfig"] == {
        "authenticationMode": "API",
        "bootstrapClusterCreatorAdminPermissions": False,
    }
    assert sorted(cluster["enabledClusterLogTypes"]) == sorted(
        ["api", "audit", "authenticator", "controllerManager", "scheduler"]
    )
    key = plan.named("k8s-secrets-key")
    assert cluster["encryptionConfig"]["provider"]["keyArn"] == key.outputs["arn"]
    assert key.inputs["enableKeyRotation"] is True
    assert plan.named("k8s-control-plane-logs").inputs["name"] == "/aws/eks/k8s/cluster"
    role = plan.named("k8s-cluster-role-policy").inputs["policyArn"]
    assert role == "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"


def test_creator_is_cluster_admin_through_access_entries(plan: Plan) -> None:
    entry = plan.named("k8s-access-creator").inputs
    assert entry["principalArn"] == "arn:aws:iam::123456789012:user/plan"
    assoc = plan.named("k8s-access-creator-admin").inputs
    assert assoc["policyArn"].endswith(":cluster-access-policy/AmazonEKSClusterAdminPolicy")
    assert assoc["accessScope"] == {"type": "cluster"}


def test_logging_namespace_and_config_map(plan: Plan) -> None:
    namespace = plan.named("k8s-aws-observability").inputs["metadata"]
    assert namespace == {"name": "aws-observability", "labels": {"aws-observability": "enabled"}}
    config_map = plan.named("k8s-aws-logging").inputs
    assert config_map["metadata"] == {"name": "aws-logging", "namespace": "aws-observability"}
    output = config_map["data"]["output.conf"]
    assert "Name cloudwatch_logs" in output and "log_group_name /aws/eks/k8s/fargate" in output
    provider = plan.named("k8s-k8s")
    assert config_map.get("metadata") and plan.named("k8s-aws-logging").options[
        "provider"
    ].startswith(provider.urn)


def test_load_balancer_controller(plan: Plan) -> None:
    release = plan.named("k8s-lb-controller")
    assert release.type == "kubernetes:helm.sh/v3:Release"
    values = release.inputs["values"]
    assert values["clusterName"] == "k8s"
    assert values["vpcId"] == "vpc-0123456789abcdef0"
    role = plan.named("k8s-lb-controller-irsa")
    assert (
        values["serviceAccount"]["annotations"]["eks.amazonaws.com/role-arn"] == role.outputs["arn"]
    )
    trust = json.loads(role.inputs["assumeRolePolicy"])["Statement"][0]
    assert trust["Action"] == "sts:AssumeRoleWithWebIdentity"
    sub = next(v for k, v in trust["Condition"]["StringEquals"].items() if k.endswith(":sub"))
    assert sub == "system:serviceaccount:kube-system:aws-load-balancer-controller"
    assert plan.named("k8s-addon-coredns").urn in release.depends_on
    assert release.inputs["version"] == "1.14.0"


def test_outputs_kubeconfig_is_a_secret(plan: Plan) -> None:
    assert plan.outputs["kubeconfig"].secret
    assert plan.outputs["profiles"].value == ["kube-system", "default", "apps"]


def test_kubeconfig_uses_get_token() -> None:
    captured: dict[str, Any] = {}

    def program() -> None:
        cluster = EksFargateCluster("k8s", EksFargateClusterArgs(network=FakeNetwork()))
        cluster.kubeconfig.apply(lambda text: captured.update(json.loads(text)))

    run_in_mocks(program, config={"aws:region": "eu-west-1"})
    args = captured["users"][0]["user"]["exec"]["args"]
    assert args == ["eks", "get-token", "--cluster-name", "k8s", "--region", "eu-west-1"]


def test_open_public_endpoint_is_a_warning_and_logging_can_be_off() -> None:
    plan = _plan(public_access_cidrs=["0.0.0.0/0"], logging=FargateLogging(enabled=False))
    assert any("0.0.0.0/0" in d.message for d in plan.diagnostics if d.severity == "warning")
    vpc = plan.named("k8s-cluster").inputs["vpcConfig"]
    assert vpc["endpointPublicAccess"] is True and vpc["publicAccessCidrs"] == ["0.0.0.0/0"]
    assert not plan.of_type("kubernetes:core/v1:ConfigMap")
    assert not [r for r in plan.resources if r.name == "k8s-fargate-logs"]


def test_own_kms_key_is_used_as_is() -> None:
    arn = "arn:aws:kms:us-east-1:123456789012:key/abc"
    plan = _plan(kms_key_arn=arn, log_kms_key_arn=None)
    assert not plan.of_type("aws:kms/key:Key")
    assert plan.named("k8s-cluster").inputs["encryptionConfig"]["provider"]["keyArn"] == arn
    # log_kms_key_arn=None (dev): CloudWatch's own encryption; a shorter retention too
    assert "kmsKeyId" not in plan.named("k8s-control-plane-logs").inputs


def test_production_defaults_keys_and_retention(plan: Plan) -> None:
    secrets, logs = plan.named("k8s-secrets-key"), plan.named("k8s-logs-key")
    for key in (secrets, logs):
        policy = json.loads(key.inputs["policy"])
        root = policy["Statement"][0]
        assert root["Principal"] == {"AWS": "arn:aws:iam::123456789012:root"}
        assert key.inputs["enableKeyRotation"] is True
    logs_statement = json.loads(logs.inputs["policy"])["Statement"][1]
    assert logs_statement["Principal"] == {"Service": "logs.us-east-1.amazonaws.com"}
    assert len(json.loads(secrets.inputs["policy"])["Statement"]) == 1  # no service may use it
    control = plan.named("k8s-control-plane-logs")
    assert control.inputs["retentionInDays"] == 365
    assert control.inputs["kmsKeyId"] == logs.outputs["arn"]
    assert plan.named("k8s-fargate-logs").inputs["kmsKeyId"] == logs.outputs["arn"]
    vpc = plan.named("k8s-cluster").inputs["vpcConfig"]
    assert vpc["endpointPrivateAccess"] is True


def test_irsa_helper() -> None:
    def program() -> None:
        cluster = EksFargateCluster("k8s", EksFargateClusterArgs(network=FakeNetwork()))
        cluster.irsa_role(
            "reader",
            namespace="apps",
            service_account="web",
            policy_arns=["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        )

    plan = run_in_mocks(program)
    role = plan.named("k8s-reader")
    assert role.parent == plan.named("k8s").urn
    assert plan.named("k8s-reader-attach-0").inputs["policyArn"].endswith("ReadOnlyAccess")


def test_with_the_real_network_subnet_tags_for_the_cluster() -> None:
    def program() -> None:
        net = Network(
            "net", NetworkArgs(az_count=2, nat_gateways="single", eks_cluster_names=["k8s"])
        )
        EksFargateCluster("k8s", EksFargateClusterArgs(network=net))

    plan = run_in_mocks(program)
    subnets = plan.of_type("aws:ec2/subnet:Subnet")
    private = [s for s in subnets if s.inputs["tags"].get("kubernetes.io/role/internal-elb") == "1"]
    public = [s for s in subnets if s.inputs["tags"].get("kubernetes.io/role/elb") == "1"]
    assert len(private) == 2 and len(public) == 2
    for subnet in subnets:
        assert subnet.inputs["tags"]["kubernetes.io/cluster/k8s"] == "shared"
    private_ids = sorted(s.id for s in private)
    profile = plan.of_type(PROFILE)[0]
    assert sorted(profile.inputs["subnetIds"]) == private_ids


def test_upgrade_policy_standard_by_default_and_controller_sized_with_a_pdb(plan: Plan) -> None:
    cluster = plan.of_type("aws:eks/cluster:Cluster")[0]
    assert cluster.inputs["upgradePolicy"] == {"supportType": "STANDARD"}
    values = plan.named("k8s-lb-controller").inputs["values"]
    assert values["resources"]["requests"] == {"cpu": "250m", "memory": "768Mi"}
    assert values["resources"]["limits"] == values["resources"]["requests"]
    assert values["podDisruptionBudget"] == {"maxUnavailable": 1}


def test_stateful_children_are_protected(plan: Plan) -> None:
    (cluster,) = plan.of_type("aws:eks/cluster:Cluster")
    assert cluster.options["protect"] is True  # a replacement would delete every object
    keys = plan.of_type("aws:kms/key:Key")
    assert len(keys) == 2 and all(k.options["retain_on_delete"] for k in keys)
    groups = plan.of_type("aws:cloudwatch/logGroup:LogGroup")
    assert groups and all(g.options["retain_on_delete"] for g in groups)


def test_container_insights_metrics_collector() -> None:
    from fargate_components.eks import FargateMetrics
    from fargate_components.eks.coverage import analyse
    from fargate_components.pricing import estimate_cost

    plan = _plan(metrics=FargateMetrics())
    profile = plan.named("k8s-profile-container-insights")
    assert profile.inputs["selectors"] == [{"namespace": "fargate-container-insights"}]
    role = plan.named("k8s-metrics-irsa")
    trust = json.loads(role.inputs["assumeRolePolicy"])
    assert "fargate-container-insights:adot-collector" in json.dumps(trust)
    assert (
        plan.named("k8s-metrics-irsa-attach-0")
        .inputs["policyArn"]
        .endswith("CloudWatchAgentServerPolicy")
    )
    logs = plan.named("k8s-metrics-logs")
    assert logs.inputs["name"] == "/aws/containerinsights/k8s/performance"
    assert logs.inputs["kmsKeyId"] == plan.named("k8s-logs-key").outputs["arn"]
    config = json.loads(
        plan.named("k8s-metrics-config").inputs["data"]["adot-collector-config.yaml"]
    )
    assert config["exporters"]["awsemf"]["region"] == "us-east-1"
    path = config["receivers"]["prometheus"]["config"]["scrape_configs"][0]["relabel_configs"][2]
    assert path["replacement"] == "/api/v1/nodes/$${1}/proxy/metrics/cadvisor"
    collector = plan.named("k8s-metrics-collector")
    (placement,) = [p for p in analyse(plan.resources).placements if p.urn == collector.urn]
    assert placement.summary() == "profile container-insights, 1 x 0.5 vCPU / 1 GB"
    assert not placement.refusals
    report = estimate_cost(plan)
    assert any(
        "StatefulSet fargate-container-insights/adot-collector" in i.description
        for i in report.items
    )
    assert any("Container Insights metrics" in n.reason for n in report.not_costed)
