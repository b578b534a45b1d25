"""The LoadBalancer component and attach_target, under mocks: wire inputs of the ALB, its
security group, listeners, target groups and listener rules."""

from __future__ import annotations

import copy
import json
from typing import Any

import pulumi
import pytest

from fargate_components import Network, NetworkArgs
from fargate_components.ecs.load_balancer_component import (
    LoadBalancer,
    LoadBalancerArgs,
    attach_target,
    plan_target,
)
from fargate_components.ecs.load_balancing import Routing, TargetHealthCheck
from fargate_components.errors import ValidationError
from fargate_components.testing import run_in_mocks

LB = "aws:lb/loadBalancer:LoadBalancer"
LISTENER = "aws:lb/listener:Listener"
TG = "aws:lb/targetGroup:TargetGroup"
RULE = "aws:lb/listenerRule:ListenerRule"
INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
S3_BUCKET = "aws:s3/bucket:Bucket"
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/abc"


class _Service(pulumi.ComponentResource):
    def __init__(self, name: str) -> None:
        super().__init__("test:index:Service", name)


def _net() -> Network:
    return Network("net", NetworkArgs(az_count=2, nat_gateways="single", flow_logs=False))


def _lb(**kwargs: Any) -> LoadBalancer:
    return LoadBalancer("web", LoadBalancerArgs(network=_net(), **kwargs))


def test_http_only_load_balancer() -> None:
    plan = run_in_mocks(_lb)
    (alb,) = plan.of_type(LB)
    assert alb.inputs["dropInvalidHeaderFields"] is True
    assert alb.inputs["internal"] is False
    assert alb.inputs["loadBalancerType"] == "application"
    assert alb.inputs["enableDeletionProtection"] is True  # production default
    assert alb.inputs["idleTimeout"] == 60
    public = {s.id for s in plan.of_type("aws:ec2/subnet:Subnet") if "public" in s.name}
    assert set(alb.inputs["subnets"]) == public
    sg = plan.named("web-alb-sg", "aws:ec2/securityGroup:SecurityGroup")
    assert alb.inputs["securityGroups"] == [sg.id]
    assert alb.parent == plan.named("web").urn

    (listener,) = plan.of_type(LISTENER)
    assert listener.inputs["protocol"] == "HTTP" and listener.inputs["port"] == 80
    (action,) = listener.inputs["defaultActions"]
    assert action["type"] == "fixed-response"
    assert action["fixedResponse"]["statusCode"] == "404"

    (ingress,) = plan.of_type(INGRESS)
    assert ingress.inputs["cidrIpv4"] == "0.0.0.0/0"
    assert ingress.inputs["fromPort"] == ingress.inputs["toPort"] == 80
    (egress,) = plan.of_type(EGRESS)
    assert egress.inputs["cidrIpv4"] == "10.0.0.0/16"


def test_https_with_redirect_and_ssl_policy() -> None:
    plan = run_in_mocks(lambda: _lb(certificate_arn=CERT))
    https = plan.named("web-https", LISTENER)
    assert https.inputs["protocol"] == "HTTPS" and https.inputs["port"] == 443
    assert https.inputs["sslPolicy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    assert https.inputs["certificateArn"] == CERT
    assert https.inputs["defaultActions"][0]["type"] == "fixed-response"
    http = plan.named("web-http", LISTENER)
    (redirect,) = http.inputs["defaultActions"]
    assert redirect["type"] == "redirect"
    assert redirect["redirect"] == {"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"}
    assert sorted(r.inputs["fromPort"] for r in plan.of_type(INGRESS)) == [80, 443]


def test_internal_load_balancer_uses_private_subnets_and_vpc_cidr() -> None:
    plan = run_in_mocks(lambda: _lb(internal=True))
    (alb,) = plan.of_type(LB)
    assert alb.inputs["internal"] is True
    private = {s.id for s in plan.of_type("aws:ec2/subnet:Subnet") if "private" in s.name}
    assert set(alb.inputs["subnets"]) == private
    (ingress,) = plan.of_type(INGRESS)
    assert ingress.inputs["cidrIpv4"] == "10.0.0.0/16"


def test_options_access_logs_and_deletion_protection() -> None:
    plan = run_in_mocks(
        lambda: _lb(
            deletion_protection=False,
            access_logs_bucket="logs",
            access_logs_prefix="alb",
            idle_timeout=120,
            ingress_cidrs=["203.0.113.0/24"],
            ingress_security_group_ids=["sg-0123"],
            tags={"team": "a"},
        )
    )
    (alb,) = plan.of_type(LB)
    assert alb.inputs["enableDeletionProtection"] is False
    assert alb.inputs["accessLogs"] == {"bucket": "logs", "prefix": "alb", "enabled": True}
    assert not plan.of_type(S3_BUCKET)  # the user's bucket: none created
    assert alb.inputs["idleTimeout"] == 120
    assert alb.inputs["tags"] == {"team": "a", "Name": "web-alb"}
    ingress = plan.of_type(INGRESS)
    assert {r.inputs.get("cidrIpv4") for r in ingress} == {"203.0.113.0/24", None}
    assert {r.inputs.get("referencedSecurityGroupId") for r in ingress} == {"sg-0123", None}


def test_existing_network_egress_anywhere() -> None:
    def program() -> None:
        net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
        LoadBalancer("web", LoadBalancerArgs(network=net))

    plan = run_in_mocks(program)
    assert plan.of_type(LB)[0].inputs["subnets"] == ["subnet-a", "subnet-b"]
    assert plan.of_type(EGRESS)[0].inputs["cidrIpv4"] == "0.0.0.0/0"


def test_long_names_stay_within_aws_limits() -> None:
    long = "a-really-long-component-name-for-production"

    def program() -> None:
        lb = LoadBalancer(long, LoadBalancerArgs(network=_net()))
        attach_target(_Service(long), long, lb, port=8080)

    plan = run_in_mocks(program)
    for record in plan.of_type(LB) + plan.of_type(TG):
        assert len(record.name) <= 24  # Pulumi adds "-" + 7 characters: <= 32 in AWS
        assert len(record.outputs["name"]) <= 32


def test_attach_target_creates_target_group_and_rule() -> None:
    def program() -> None:
        lb = _lb(certificate_arn=CERT)
        attach_target(
            _Service("api"),
            "api",
            lb,
            port=8080,
            health_check=TargetHealthCheck(path="/healthz", matcher="200"),
            routing=Routing(path_patterns=["/api/*"], host_headers=["example.com"]),
            deregistration_delay=15,
        )
        attach_target(_Service("site"), "site", lb, port=80)

    plan = run_in_mocks(program)
    tg = plan.named("api-tg", TG)
    assert tg.parent == plan.named("api", "test:index:Service").urn
    assert tg.inputs["targetType"] == "ip"
    assert tg.inputs["port"] == 8080 and tg.inputs["protocol"] == "HTTP"
    assert tg.inputs["deregistrationDelay"] == 15
    vpc = plan.of_type("aws:ec2/vpc:Vpc")[0]
    assert tg.inputs["vpcId"] == vpc.id
    assert tg.inputs["healthCheck"] == {
        "enabled": True,
        "path": "/healthz",
        "interval": 15,
        "timeout": 5,
        "healthyThreshold": 2,
        "unhealthyThreshold": 3,
        "matcher": "200",
        "port": "traffic-port",
    }
    rule = plan.named("api-rule", RULE)
    https = plan.named("web-https", LISTENER)
    assert rule.inputs["listenerArn"] == https.id
    assert rule.inputs["priority"] == 100
    assert rule.inputs["conditions"] == [
        {"hostHeader": {"values": ["example.com"]}},
        {"pathPattern": {"values": ["/api/*"]}},
    ]
    assert rule.inputs["actions"] == [{"type": "forward", "targetGroupArn": tg.outputs["arn"]}]
    catch_all = plan.named("site-rule", RULE)
    assert catch_all.inputs["priority"] == 50000
    assert catch_all.inputs["conditions"] == [{"pathPattern": {"values": ["/*"]}}]


def test_attached_target_url_and_resource_label() -> None:
    seen: dict[str, Any] = {}

    def program() -> None:
        lb = _lb()
        target = attach_target(
            _Service("api"), "api", lb, port=8080, routing=Routing(path_patterns=["/api/*"])
        )
        pulumi.export("url", target.url)
        pulumi.export("label", target.resource_label)
        seen["priority"] = target.priority

    plan = run_in_mocks(program)
    dns = plan.of_type(LB)[0].outputs["dnsName"]
    assert plan.outputs["url"].value == f"http://{dns}/api/"
    label = plan.outputs["label"].value
    assert label.startswith("app/") and "/targetgroup/" in label
    assert seen["priority"] == 100


def test_priorities_are_claimed_in_order_and_duplicates_rejected() -> None:
    def program() -> None:
        lb = _lb()
        for index, name in enumerate(["a", "b", "c"]):
            attach_target(
                _Service(name), name, lb, port=80, routing=Routing(path_patterns=[f"/{index}"])
            )
        attach_target(
            _Service("d"), "d", lb, port=80, routing=Routing(path_patterns=["/d"], priority=110)
        )

    with pytest.raises(ValidationError, match=r"routing\.priority = 110"):
        run_in_mocks(program)

    def ok() -> None:
        lb = _lb()
        for index, name in enumerate(["a", "b"]):
            attach_target(
                _Service(name), name, lb, port=80, routing=Routing(path_patterns=[f"/{index}"])
            )

    plan = run_in_mocks(ok)
    assert [r.inputs["priority"] for r in plan.of_type(RULE)] == [100, 110]


def test_weak_ssl_policy_warns() -> None:
    plan = run_in_mocks(lambda: _lb(certificate_arn=CERT, ssl_policy="ELBSecurityPolicy-2016-08"))
    assert any("below 1.2" in d.message for d in plan.diagnostics)
    assert run_in_mocks(lambda: _lb(certificate_arn=CERT)).diagnostics == []


def test_access_logs_go_to_a_private_encrypted_bucket_the_load_balancer_creates() -> None:
    plan = run_in_mocks(lambda: _lb(access_logs_prefix="edge"))
    component = plan.named("web")
    bucket = plan.named("web-access-logs", S3_BUCKET)
    assert bucket.parent == component.urn and bucket.options["retain_on_delete"] is True
    # auto-named (known at preview), the names of earlier versions' buckets kept
    assert "bucketPrefix" not in bucket.inputs
    assert bucket.outputs["bucket"].startswith("web-access-logs-")
    assert set(bucket.options["ignore_changes"]) == {"bucket", "bucketPrefix"}
    (alb,) = plan.of_type(LB)
    assert alb.inputs["accessLogs"] == {
        "bucket": bucket.outputs["bucket"],
        "prefix": "edge",
        "enabled": True,
    }
    policy = plan.named("web-access-logs", "aws:s3/bucketPolicy:BucketPolicy")
    assert policy.urn in alb.depends_on  # ELB checks the policy when logging is turned on
    doc = json.loads(policy.inputs["policy"])
    deliver, tls_only = doc["Statement"]
    # us-east-1 is a Region from before August 2022: the ELB account of the region writes.
    assert deliver["Principal"] == {"AWS": "arn:aws:iam::127311923021:root"}
    name = bucket.outputs["bucket"]
    assert deliver["Resource"] == f"arn:aws:s3:::{name}/edge/AWSLogs/123456789012/*"
    assert tls_only["Effect"] == "Deny"
    assert tls_only["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    block = plan.named("web-access-logs", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")
    assert all(block.inputs[k] is True for k in ("blockPublicAcls", "blockPublicPolicy"))
    sse = plan.named(
        "web-access-logs",
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    )
    assert sse.inputs["rules"][0]["applyServerSideEncryptionByDefault"] == {
        "sseAlgorithm": "AES256"  # the only encryption ALB log delivery supports
    }
    life = plan.named(
        "web-access-logs", "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"
    )
    assert life.inputs["rules"][0]["expiration"] == {"days": 365}


def test_access_logs_off_for_dev() -> None:
    plan = run_in_mocks(lambda: _lb(access_logs_bucket=None, deletion_protection=False))
    (alb,) = plan.of_type(LB)
    assert "accessLogs" not in alb.inputs and not plan.of_type(S3_BUCKET)


def test_newer_regions_use_the_log_delivery_service_principal() -> None:
    from fargate_components.ecs.access_logs import ELB_LOG_DELIVERY, access_log_bucket_policy

    doc = access_log_bucket_policy("b", None, "123456789012", "aws", "eu-central-2")
    assert doc["Statement"][0]["Principal"] == {"Service": ELB_LOG_DELIVERY}
    assert doc["Statement"][0]["Resource"] == "arn:aws:s3:::b/AWSLogs/123456789012/*"


def test_the_access_log_bucket_and_its_children_are_known_at_the_first_preview() -> None:
    plan = run_in_mocks(lambda: _lb(), preview_faithful=True)
    bucket = plan.named("web-access-logs", S3_BUCKET)
    name = bucket.outputs["bucket"]
    assert isinstance(name, str) and name.startswith("web-access-logs-")  # Pulumi's auto-name
    children = [r for r in plan.resources if r.name == "web-access-logs" and r is not bucket]
    assert len(children) == 6 and all(r.inputs["bucket"] == name for r in children)
    policy = plan.named("web-access-logs", "aws:s3/bucketPolicy:BucketPolicy")
    assert f"arn:aws:s3:::{name}/AWSLogs/" in policy.inputs["policy"]


def test_a_bucket_named_from_a_prefix_by_an_earlier_version_is_kept() -> None:
    from fargate_components.plan import plan_document
    from fargate_components.plan.diff import diff_plans

    head = plan_document(run_in_mocks(_lb), "p")
    base = copy.deepcopy(head)
    for r in base["resources"]:
        if r["type"] == S3_BUCKET:  # as earlier versions wrote it
            r["inputs"]["bucketPrefix"] = "web-logs-"
            r["options"]["ignore_changes"] = []
    result = diff_plans(base, head)
    assert result.count("replace") == 0 and result.count("delete") == 0
    assert not result.data_loss


def test_the_bucket_logical_name_auto_names_a_valid_bucket() -> None:
    from fargate_components.ecs.access_logs import bucket_resource_name, check_bucket_name

    assert bucket_resource_name("web-access-logs") == "web-access-logs"
    odd = [
        "Web_Front-access-logs",
        "web-access-logs",
        "x" * 80,
        "xn--a-access-logs",
        "Web-access-logs",
    ]
    names = [bucket_resource_name(role) for role in odd]
    assert len(set(names)) == len(names)  # "Web" and "web" never share a bucket
    for name in names:
        assert len(name) <= 55 and name == name.lower()
        check_bucket_name("auto-name", f"{name}-1a2b3c4")  # what pulumi-aws names it
    assert names[0].startswith("web-front-access-logs-")


def test_target_groups_are_counted_per_load_balancer() -> None:
    # 100 target groups per ALB, not adjustable: 50 blue/green services fill it.
    def program() -> None:
        lb = LoadBalancer(
            "web", LoadBalancerArgs(network=Network.existing("vpc-1", ["a", "b"], ["c", "d"]))
        )
        for i in range(50):
            plan_target(
                f"s{i}", lb, port=80, routing=Routing(path_patterns=[f"/{i}"]), target_groups=2
            )
        plan_target("last", lb, port=80, routing=Routing(path_patterns=["/last"]))

    with pytest.raises(ValidationError, match=r"'last': 1 more target group\(s\), 100 in use"):
        run_in_mocks(program)
