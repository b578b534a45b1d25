"""NetworkLoadBalancer: pure listener/health-check decisions, and the wiring under mocks."""

from __future__ import annotations

import json
from functools import cache

import pytest

from fargate_components import (
    Container,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    Network,
    NetworkArgs,
    NetworkHealthCheck,
    NetworkListener,
    NetworkLoadBalancer,
    NetworkLoadBalancerArgs,
    PortMapping,
)
from fargate_components.ecs.access_logs import nlb_access_log_bucket_policy
from fargate_components.ecs.network_load_balancing import check_listeners, ingress_protocols
from fargate_components.errors import ValidationError
from fargate_components.testing import Plan, run_in_mocks

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/abc"


def test_listener_rules() -> None:
    check_listeners([NetworkListener(port=53, protocol="TCP_UDP")])
    assert NetworkListener(port=443, protocol="TLS", certificate_arn=CERT).target_protocol == "TCP"
    assert ingress_protocols("TCP_UDP") == ("tcp", "udp")
    for listeners, argument in (
        ([], "listeners"),
        ([NetworkListener(port=443, protocol="TLS")], "listeners[0].certificate_arn"),
        ([NetworkListener(port=80, certificate_arn=CERT)], "listeners[0].certificate_arn"),
        ([NetworkListener(port=80, protocol="HTTP")], "listeners[0].protocol"),
        ([NetworkListener(port=80), NetworkListener(port=80, protocol="UDP")], "listeners[1].port"),
    ):
        with pytest.raises(ValidationError) as info:
            check_listeners(listeners)
        assert info.value.argument == argument


def test_health_check_ranges() -> None:
    NetworkHealthCheck(protocol="HTTP", path="/health", matcher="200-599").validate()
    assert "path" not in NetworkHealthCheck().to_args()
    for kwargs, field in (
        ({"interval": 4}, "interval"),
        ({"timeout": 121, "interval": 300}, "timeout"),
        ({"timeout": 10, "interval": 10}, "timeout"),
        ({"healthy_threshold": 11}, "healthy_threshold"),
        ({"unhealthy_threshold": 1}, "unhealthy_threshold"),
        ({"protocol": "UDP"}, "protocol"),
        ({"path": "/x"}, "path"),
        ({"protocol": "HTTP", "matcher": "600"}, "matcher"),
    ):
        with pytest.raises(ValidationError) as info:
            NetworkHealthCheck(**kwargs).validate()  # type: ignore[arg-type]
        assert info.value.argument == f"NetworkHealthCheck.{field}"


def _program(elastic_ips: bool = False) -> None:
    net = Network("net", NetworkArgs(az_count=2, nat_gateways="single", flow_logs=False))
    nlb = NetworkLoadBalancer(
        "edge",
        NetworkLoadBalancerArgs(
            network=net,
            elastic_ips=elastic_ips,
            listeners=[
                NetworkListener(port=443, protocol="TLS", certificate_arn=CERT),
                NetworkListener(port=5353, protocol="TCP_UDP"),
            ],
        ),
    )
    task = FargateTaskDefinition(
        "mqtt",
        FargateTaskDefinitionArgs(
            cpu=256,
            memory=512,
            containers=[
                Container(
                    name="mqtt",
                    image="eclipse-mosquitto:2",
                    port_mappings=[PortMapping(container_port=1883)],
                )
            ],
        ),
    )
    FargateService(
        "mqtt",
        FargateServiceArgs(
            cluster=FargateCluster("apps"),
            task_definition=task,
            network=net,
            load_balancer=nlb,
            listener_port=443,
        ),
    )


@cache
def _plan() -> Plan:
    return run_in_mocks(_program)


def test_nlb_wiring() -> None:
    plan = _plan()
    (lb,) = plan.of_type("aws:lb/loadBalancer:LoadBalancer")
    assert lb.inputs["loadBalancerType"] == "network"
    assert lb.inputs["enableCrossZoneLoadBalancing"] is True
    assert lb.inputs["securityGroups"] == [plan.named("edge-nlb-sg").id]
    listener = plan.named("mqtt-listener")
    assert listener.parent == plan.named("mqtt", "fargate:ecs:FargateService").urn
    assert (listener.inputs["port"], listener.inputs["protocol"]) == (443, "TLS")
    assert listener.inputs["sslPolicy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    (tg,) = plan.of_type("aws:lb/targetGroup:TargetGroup")
    assert (tg.inputs["protocol"], tg.inputs["port"], tg.inputs["targetType"]) == (
        "TCP",
        1883,
        "ip",
    )
    assert tg.inputs["healthCheck"]["protocol"] == "TCP"
    service = plan.named("mqtt-service")
    assert service.inputs["loadBalancers"][0]["targetGroupArn"] == tg.outputs["arn"]
    assert listener.urn in service.depends_on


def test_tasks_admit_only_the_nlb() -> None:
    plan = _plan()
    rule = plan.named("mqtt-sg-from-nlb-tcp")
    assert rule.inputs["referencedSecurityGroupId"] == plan.named("edge-nlb-sg").id
    assert rule.inputs["fromPort"] == 1883
    nlb_rules = {
        r.name
        for r in plan.of_type("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        if r.inputs["securityGroupId"] == plan.named("edge-nlb-sg").id
    }
    assert nlb_rules == {
        "edge-nlb-sg-tcp443-anywhere",
        "edge-nlb-sg-tcp5353-anywhere",
        "edge-nlb-sg-udp5353-anywhere",
    }


def test_static_elastic_ips() -> None:
    plan = run_in_mocks(lambda: _program(elastic_ips=True))
    (lb,) = plan.of_type("aws:lb/loadBalancer:LoadBalancer")
    eips = [plan.named(f"edge-eip-{i}") for i in range(2)]
    assert [m["allocationId"] for m in lb.inputs["subnetMappings"]] == [e.id for e in eips]
    assert "subnets" not in lb.inputs


# -- production defaults: deletion protection, access logs (TLS listeners only) ------------


def test_nlb_production_defaults_with_a_tls_listener() -> None:
    """Deletion protection on; access logs to a bucket the NLB creates, with NLB log
    delivery's policy (delivery.logs.amazonaws.com, not the ALB's ELB account), that the NLB
    waits for."""
    plan = _plan()
    (lb,) = plan.of_type("aws:lb/loadBalancer:LoadBalancer")
    assert lb.inputs["enableDeletionProtection"] is True
    bucket = plan.named("edge-access-logs", "aws:s3/bucket:Bucket")
    assert bucket.parent == plan.named("edge", "fargate:ecs:NetworkLoadBalancer").urn
    assert lb.inputs["accessLogs"] == {"bucket": bucket.outputs["bucket"], "enabled": True}
    policy = plan.named("edge-access-logs", "aws:s3/bucketPolicy:BucketPolicy")
    assert policy.urn in lb.depends_on
    statements = {s["Sid"]: s for s in json.loads(policy.inputs["policy"])["Statement"]}
    assert set(statements) == {"LogDeliveryAclCheck", "LogDeliveryWrite", "TlsOnly"}
    write = statements["LogDeliveryWrite"]
    assert write["Principal"] == {"Service": "delivery.logs.amazonaws.com"}
    assert write["Condition"]["StringEquals"]["s3:x-amz-acl"] == "bucket-owner-full-control"


def test_nlb_without_a_tls_listener_creates_no_log_bucket() -> None:
    """NLBs log TLS connections only: the default "create" creates nothing there."""
    plan = run_in_mocks(
        lambda: NetworkLoadBalancer(
            "db",
            NetworkLoadBalancerArgs(
                network=Network.existing("vpc-1", ["subnet-a"], ["subnet-b"]),
                internal=True,
                ingress_cidrs=["10.0.0.0/16"],
                listeners=[NetworkListener(port=5432)],
                access_logs_prefix="db",
            ),
        )
    )
    # A prefix there goes nowhere, and says so.
    assert any(
        "access_logs_prefix is set but no listener is TLS" in d.message for d in plan.diagnostics
    )
    (lb,) = plan.of_type("aws:lb/loadBalancer:LoadBalancer")
    assert not plan.of_type("aws:s3/bucket:Bucket")
    assert "accessLogs" not in lb.inputs
    assert lb.inputs["enableDeletionProtection"] is True


def test_nlb_policy_document_names_the_account_region_and_prefix() -> None:
    doc = nlb_access_log_bucket_policy("logs", "/nlb/", "123456789012", "aws", "eu-west-1")
    acl, write, tls = doc["Statement"]
    assert acl["Resource"] == "arn:aws:s3:::logs"
    assert acl["Condition"]["ArnLike"]["aws:SourceArn"] == "arn:aws:logs:eu-west-1:123456789012:*"
    assert write["Resource"] == "arn:aws:s3:::logs/nlb/AWSLogs/123456789012/*"
    assert tls["Effect"] == "Deny"
