"""Policy rules: one passing and one failing graph per rule, waivers, --fail-on, rendering,
and two small programs of raw pulumi_aws resources planned under mocks."""

from __future__ import annotations

import json
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

from fargate_components.errors import ValidationError
from fargate_components.kms import fargate_storage_statements
from fargate_components.policy import (
    RULES,
    WAIVER_TAG,
    Finding,
    assert_no_findings,
    evaluate,
    load_waivers,
    parse_waiver_tag,
    render_findings_markdown,
    render_findings_text,
    render_rules_markdown,
    should_fail,
)
from fargate_components.testing import UNKNOWN_MARK, ResourceRecord, run_in_mocks

# --- hand-built records (fast) -------------------------------------------------------------


def rec(
    type_: str,
    name: str,
    inputs: dict[str, Any] | None = None,
    *,
    rid: str | None = None,
    outputs: dict[str, Any] | None = None,
    deps: dict[str, list[str]] | None = None,
) -> ResourceRecord:
    return ResourceRecord(
        urn=urn(type_, name),
        type=type_,
        name=name,
        id=rid or f"{name}-id",
        parent=None,
        custom=True,
        inputs=inputs or {},
        outputs=outputs or {},
        depends_on=[],
        property_dependencies=deps or {},
    )


def urn(type_: str, name: str) -> str:
    return f"urn:pulumi:dev::project::{type_}::{name}"


TD = "aws:ecs/taskDefinition:TaskDefinition"
SVC = "aws:ecs/service:Service"
CLUSTER = "aws:ecs/cluster:Cluster"
CCP = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"
LB = "aws:lb/loadBalancer:LoadBalancer"
LISTENER = "aws:lb/listener:Listener"
TG = "aws:lb/targetGroup:TargetGroup"
EKS = "aws:eks/cluster:Cluster"
PROFILE = "aws:eks/fargateProfile:FargateProfile"
VPC = "aws:ec2/vpc:Vpc"
SUBNET = "aws:ec2/subnet:Subnet"
RT = "aws:ec2/routeTable:RouteTable"
RTA = "aws:ec2/routeTableAssociation:RouteTableAssociation"
ROUTE = "aws:ec2/route:Route"
IGW = "aws:ec2/internetGateway:InternetGateway"
ROLE = "aws:iam/role:Role"

EXEC_ARN = "arn:aws:iam::123456789012:role/exec"
TASK_ARN = "arn:aws:iam::123456789012:role/task"
TD_ARN = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1"
CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/main"
LB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1"
PINNED = "nginx@sha256:" + "0" * 64
SAFE_CONTAINER = {"name": "web", "image": PINNED, "readonlyRootFilesystem": True}


def task_def(name: str = "web", containers: list[dict[str, Any]] | None = None, **inputs: Any):
    body = {"containerDefinitions": json.dumps(containers or [SAFE_CONTAINER]), **inputs}
    return rec(TD, name, body, rid="web", outputs={"arn": TD_ARN})


def cluster(**inputs: Any) -> ResourceRecord:
    return rec(
        CLUSTER, "main", inputs, rid=CLUSTER_ARN, outputs={"arn": CLUSTER_ARN, "name": "main"}
    )


def lb(**inputs: Any) -> ResourceRecord:
    return rec(LB, "web-lb", inputs, rid=LB_ARN, outputs={"arn": LB_ARN})


def listener(**inputs: Any) -> ResourceRecord:
    return rec(LISTENER, "web-http", {"loadBalancerArn": LB_ARN, **inputs})


TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1"


def _forwarding(protocol: str, internal: bool = False) -> list[ResourceRecord]:
    """An ALB whose listener forwards to a target group speaking ``protocol``."""
    group = rec(TG, "web-tg", {"protocol": protocol, "targetType": "ip"}, outputs={"arn": TG_ARN})
    action = {"type": "forward", "targetGroupArn": TG_ARN}
    return [lb(internal=internal, **GOOD_LB), listener(defaultActions=[action]), group]


def policy_doc(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


GOOD_LB = {"dropInvalidHeaderFields": True, "enableDeletionProtection": True}


TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1"
QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:jobs"
QUEUE = "aws:sqs/queue:Queue"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"


def spot_service() -> ResourceRecord:
    return rec(
        SVC,
        "svc",
        {
            "taskDefinition": TD_ARN,
            "capacityProviderStrategies": SPOT,
            "loadBalancers": [{"targetGroupArn": TG_ARN, "containerPort": 80}],
        },
    )


def target_group(**inputs: Any) -> ResourceRecord:
    return rec(TG, "tg", {"protocol": "HTTP", **inputs}, rid=TG_ARN, outputs={"arn": TG_ARN})


def queue_worker(*, visibility: int, stop: int) -> list[ResourceRecord]:
    """A task definition whose task role may receive from a queue (as WorkQueue grants it)."""
    role_arn = "arn:aws:iam::123456789012:role/worker-task"
    statement = {"Effect": "Allow", "Action": ["sqs:ReceiveMessage"], "Resource": [QUEUE_ARN]}
    return [
        task_def(containers=[{**SAFE_CONTAINER, "stopTimeout": stop}], taskRoleArn=role_arn),
        rec(ROLE, "worker-task", rid="worker-task", outputs={"arn": role_arn}),
        rec(ROLE_POLICY, "worker-policy", {"role": "worker-task", "policy": policy_doc(statement)}),
        rec(
            QUEUE,
            "jobs",
            {"visibilityTimeoutSeconds": visibility},
            rid=QUEUE_ARN,
            outputs={"arn": QUEUE_ARN},
        ),
    ]


REDIRECT = [{"type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443"}}]
FORWARD = [{"type": "forward", "targetGroupArn": "arn:tg"}]
SPOT = [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]
ARM = {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"}
ALL_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"]


def subnet_graph(public: bool) -> list[ResourceRecord]:
    """A subnet associated to a route table whose separate Route goes to an IGW (or NAT)."""
    gateway = {"gatewayId": "igw-1"} if public else {"natGatewayId": "nat-1"}
    return [
        rec(IGW, "igw", rid="igw-1"),
        rec(SUBNET, "sub", {"cidrBlock": "10.0.0.0/24"}, rid="subnet-1"),
        rec(RT, "rt", rid="rtb-1"),
        rec(RTA, "assoc", {"subnetId": "subnet-1", "routeTableId": "rtb-1"}),
        rec(
            ROUTE,
            "default",
            {"routeTableId": "rtb-1", "destinationCidrBlock": "0.0.0.0/0", **gateway},
        ),
        rec(PROFILE, "apps", {"subnetIds": ["subnet-1"], "clusterName": "eks"}),
    ]


# (rule, passing graph, failing graph, text the failing message contains)
STORAGE_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def storage_cluster(statements: list[dict[str, Any]]) -> list[ResourceRecord]:
    """A cluster whose ephemeral storage is encrypted with a key of the program."""
    policy = json.dumps({"Version": "2012-10-17", "Statement": statements})
    key = rec("aws:kms/key:Key", "storage", {"policy": policy}, outputs={"arn": STORAGE_KEY_ARN})
    config = {"managedStorageConfiguration": {"fargateEphemeralStorageKmsKeyId": STORAGE_KEY_ARN}}
    return [key, rec(CLUSTER, "main", {"name": "main", "configuration": config})]


CASES: list[tuple[str, list[ResourceRecord], list[ResourceRecord], str]] = [
    (
        "FC-ECS-001",
        [task_def(executionRoleArn=EXEC_ARN, taskRoleArn=TASK_ARN)],
        [task_def(executionRoleArn=EXEC_ARN, taskRoleArn=EXEC_ARN)],
        "same role",
    ),
    (
        "FC-ECS-002",
        [task_def()],
        [task_def(containers=[{**SAFE_CONTAINER, "privileged": True}])],
        "privileged",
    ),
    (
        "FC-ECS-003",
        [task_def()],
        [task_def(containers=[{"name": "web", "image": "nginx"}])],
        "writable root",
    ),
    (
        "FC-ECS-004",
        [
            task_def(
                containers=[
                    {
                        **SAFE_CONTAINER,
                        "environment": [
                            {"name": "DB_SECRET_ARN", "value": "arn:aws:secretsmanager:x"},
                            {"name": "LOG_LEVEL", "value": "info"},
                            {"name": "API_TOKEN_URL", "value": "https://auth.example.com/t"},
                        ],
                        "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:x"}],
                    }
                ]
            )
        ],
        [
            task_def(
                containers=[
                    {
                        **SAFE_CONTAINER,
                        "environment": [
                            {"name": "DB_PASSWORD", "value": "hunter2"},
                            {"name": "DATABASE_URL", "value": "postgres://app:pw@db:5432/x"},
                        ],
                    }
                ]
            )
        ],
        "DB_PASSWORD, DATABASE_URL",
    ),
    (
        "FC-ECS-005",
        [rec(SVC, "svc", {"networkConfiguration": {"assignPublicIp": False}})],
        [rec(SVC, "svc", {"networkConfiguration": {"assignPublicIp": True}})],
        "assignPublicIp",
    ),
    (
        "FC-ECS-006",
        [rec(SVC, "svc", {"platformVersion": "LATEST"}), rec(SVC, "svc2", {})],
        [rec(SVC, "svc", {"platformVersion": "1.3.0"})],
        "1.3.0",
    ),
    (
        "FC-ECS-007",
        [cluster(settings=[{"name": "containerInsights", "value": "enhanced"}])],
        [cluster(settings=[{"name": "containerInsights", "value": "disabled"}])],
        "Container Insights",
    ),
    (
        "FC-ECS-008",
        [
            cluster(
                configuration={
                    "executeCommandConfiguration": {
                        "logging": "OVERRIDE",
                        "logConfiguration": {"cloudWatchLogGroupName": "/ecs/exec"},
                    }
                }
            ),
            rec(SVC, "svc", {"cluster": CLUSTER_ARN, "enableExecuteCommand": True}),
        ],
        [cluster(), rec(SVC, "svc", {"cluster": CLUSTER_ARN, "enableExecuteCommand": True})],
        "enable ECS Exec",
    ),
    (
        "FC-ECS-009",
        [
            task_def(runtimePlatform=ARM),
            rec(
                SVC,
                "svc",
                {
                    "taskDefinition": TD_ARN,
                    "capacityProviderStrategies": [{"capacityProvider": "FARGATE", "weight": 1}],
                },
            ),
        ],
        [
            task_def(runtimePlatform=ARM),
            cluster(),
            rec(CCP, "cps", {"clusterName": "main", "defaultCapacityProviderStrategies": SPOT}),
            rec(SVC, "svc", {"taskDefinition": TD_ARN, "cluster": CLUSTER_ARN}),
        ],
        "ARM64",
    ),
    (
        "FC-ECS-010",
        [task_def(), spot_service(), target_group(deregistrationDelay=30)],
        [task_def(), spot_service(), target_group()],  # AWS's default delay: 300 s
        "stopping a task takes up to 330 s",
    ),
    (
        "FC-ECS-011",
        queue_worker(visibility=600, stop=110),
        queue_worker(visibility=60, stop=110),
        "visibility timeout is 60 s, shorter than its containers' stopTimeout of 110 s",
    ),
    (
        "FC-ECS-020",
        [rec(SVC, "svc", {"volumeConfiguration": {"name": "d", "managedEbsVolume": {}}})],
        [
            rec(
                SVC,
                "svc",
                {"volumeConfiguration": {"name": "d", "managedEbsVolume": {"encrypted": False}}},
            )
        ],
        "unencrypted",
    ),
    (
        "FC-ECS-021",
        storage_cluster(fargate_storage_statements("123456789012", "main")),
        storage_cluster(fargate_storage_statements("123456789012", "other")),
        "not allowed kms:CreateGrant (kms:EncryptionContext:aws:ecs:clusterName is ['other']",
    ),
    (
        "FC-ALB-001",
        [lb(**GOOD_LB), listener(protocol="HTTP", defaultActions=REDIRECT)],
        [lb(**GOOD_LB), listener(protocol="HTTP", defaultActions=FORWARD)],
        "redirecting to HTTPS",
    ),
    (
        "FC-ALB-002",
        [listener(protocol="HTTPS", sslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06")],
        [listener(protocol="HTTPS", sslPolicy="ELBSecurityPolicy-TLS13-1-0-2021-06")],
        "below 1.2",
    ),
    ("FC-ALB-003", [lb(**GOOD_LB)], [lb(enableDeletionProtection=True)], "dropInvalidHeaderFields"),
    ("FC-ALB-004", [lb(**GOOD_LB)], [lb(dropInvalidHeaderFields=True)], "enableDeletionProtection"),
    (
        "FC-ALB-005",
        [lb(accessLogs={"enabled": True, "bucket": "logs"})],
        [lb(accessLogs={"enabled": False, "bucket": "logs"})],
        "access logs",
    ),
    (
        "FC-ALB-006",
        [rec(TG, "tg", {"protocol": "HTTP", "healthCheck": {"enabled": True, "path": "/health"}})],
        [rec(TG, "tg", {"protocol": "HTTP", "healthCheck": {"enabled": True}})],
        "no path",
    ),
    (
        "FC-ALB-007",
        _forwarding("HTTPS"),
        _forwarding("HTTP"),
        "forwards plain HTTP",
    ),
    (
        "FC-EKS-001",
        [
            rec(
                EKS,
                "eks",
                {
                    "vpcConfig": {
                        "endpointPublicAccess": True,
                        "publicAccessCidrs": ["203.0.113.0/24"],
                    }
                },
            )
        ],
        [rec(EKS, "eks", {"vpcConfig": {"subnetIds": ["subnet-1"]}})],
        "0.0.0.0/0",
    ),
    (
        "FC-EKS-002",
        [
            rec(
                EKS,
                "eks",
                {"encryptionConfig": {"resources": ["secrets"], "provider": {"keyArn": "arn:k"}}},
            )
        ],
        [rec(EKS, "eks", {})],
        "KMS",
    ),
    (
        "FC-EKS-003",
        [rec(EKS, "eks", {"enabledClusterLogTypes": ALL_LOGS})],
        [rec(EKS, "eks", {"enabledClusterLogTypes": ["api", "audit"]})],
        "authenticator, controllerManager, scheduler",
    ),
    ("FC-EKS-004", subnet_graph(public=False), subnet_graph(public=True), "internet gateway"),
    (
        "FC-VPC-001",
        [rec(VPC, "vpc", rid="vpc-1"), rec("aws:ec2/flowLog:FlowLog", "fl", {"vpcId": "vpc-1"})],
        [rec(VPC, "vpc", rid="vpc-1")],
        "no flow log",
    ),
    (
        "FC-LOG-001",
        [rec("aws:cloudwatch/logGroup:LogGroup", "lg", {"retentionInDays": 30})],
        [rec("aws:cloudwatch/logGroup:LogGroup", "lg", {"name": "/ecs/web"})],
        "never expire",
    ),
    (
        "FC-IAM-001",
        [
            rec(
                "aws:iam/rolePolicy:RolePolicy",
                "p",
                {
                    "policy": policy_doc(
                        {
                            "Effect": "Allow",
                            "Action": ["ecr:GetAuthorizationToken", "ssmmessages:*"],
                            "Resource": "*",
                        },
                        {
                            "Effect": "Allow",
                            "Action": "secretsmanager:GetSecretValue",
                            "Resource": ["arn:aws:secretsmanager:x"],
                        },
                        {"Effect": "Deny", "Action": "*", "Resource": "*"},
                    )
                },
            )
        ],
        [
            rec(
                "aws:iam/policy:Policy",
                "p",
                {
                    "policy": policy_doc(
                        {
                            "Effect": "Allow",
                            "Action": ["logs:PutLogEvents", "s3:*"],
                            "Resource": "*",
                        },
                    )
                },
            )
        ],
        "logs:PutLogEvents on Resource '*'",
    ),
    (
        "FC-WAIVE-001",
        [rec(LB, "lb", {"tags": {WAIVER_TAG: "FC-ALB-004: dev"}})],
        [rec(LB, "lb", {"tags": {WAIVER_TAG: "FC-ALB-004; FC-NOPE-999: why"}})],
        "waives nothing",
    ),
]


LISTENER_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/1/2"


def routes(*rules: tuple[str, int, list[dict[str, Any]], str]) -> list[ResourceRecord]:
    """A listener, one target group per distinct target, and ``(name, priority,
    conditions, target)`` listener rules."""
    out = [rec(LISTENER, "l", {"protocol": "HTTP", "port": 80}, outputs={"arn": LISTENER_ARN})]
    for target in dict.fromkeys(t for *_, t in rules):
        out.append(rec(TG, target, outputs={"arn": f"arn:tg/{target}"}))
    for name, priority, conditions, target in rules:
        inputs = {
            "listenerArn": LISTENER_ARN,
            "priority": priority,
            "conditions": conditions,
            "actions": [{"type": "forward", "targetGroupArn": f"arn:tg/{target}"}],
        }
        out.append(rec("aws:lb/listenerRule:ListenerRule", name, inputs))
    return out


HOST_API = {"hostHeader": {"values": ["api.example.com"]}}
PATH_V2 = {"pathPattern": {"values": ["/v2/*"]}}
PATH_ADMIN = {"pathPattern": {"values": ["/admin/*"]}}
PATH_API = {"pathPattern": {"values": ["/api/*"]}}
CASES += [
    (
        "FC-ROUTE-001",
        routes(("v2", 100, [HOST_API, PATH_V2], "b"), ("api", 120, [HOST_API], "a")),
        routes(("api", 100, [HOST_API], "a"), ("v2", 120, [HOST_API, PATH_V2], "b")),
        "can never match",
    ),
    (
        "FC-ROUTE-002",
        # Disjoint rules to different targets; an overlap only between rules to one target.
        routes(
            ("api", 100, [PATH_API], "a"),
            ("v2", 110, [PATH_V2], "b"),
            ("api-any", 120, [{"pathPattern": {"values": ["/api*"]}}], "a"),
        ),
        routes(("api", 100, [HOST_API], "a"), ("admin", 120, [PATH_ADMIN], "b")),
        "both match some requests",
    ),
]


# --- Service Connect (FC-SC-001): names unique per namespace, by name or by ARN ----------
NS_ARN = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1"


def sc_service(name: str, namespace: str, discovery: str | None, dns: str) -> ResourceRecord:
    entry: dict[str, Any] = {"portName": "http", "clientAlias": [{"dnsName": dns, "port": 80}]}
    if discovery is not None:
        entry["discoveryName"] = discovery
    config = {"enabled": True, "namespace": namespace, "services": [entry]}
    return rec(SVC, name, {"serviceConnectConfiguration": config})


def sc_namespace() -> ResourceRecord:
    ns = "aws:servicediscovery/httpNamespace:HttpNamespace"
    outputs = {"arn": NS_ARN, "name": "shop.local"}
    return rec(ns, "ns", {"name": "shop.local"}, rid="ns-1", outputs=outputs)


CASES += [
    (
        "FC-SC-001",
        [
            sc_namespace(),
            sc_service("cart", NS_ARN, "cart", "cart"),
            sc_service("orders", "shop.local", "orders", "orders"),
        ],
        [
            sc_namespace(),
            sc_service("cart", NS_ARN, None, "cart"),
            sc_service("orders", "shop.local", None, "orders"),  # the same namespace by name
        ],
        "discovery name 'http' is already claimed in the namespace 'shop.local' by cart",
    ),
]


# --- Workers (FC-WRK-001): a service scaling on a queue's backlog may consume it -----------
WORKER_ROLE_ARN = "arn:aws:iam::123456789012:role/worker-task"
CMK_ARN = "arn:aws:kms:us-east-1:123456789012:key/5678abcd-12ab-34cd-56ef-1234567890ab"


def backlog_worker(actions: list[str], *, key: bool = False, decrypt: bool = False):
    """A service scaled on queue ``jobs``'s backlog, whose task role may ``actions`` on it
    (and ``kms:Decrypt`` on the queue's customer managed key, with ``key``/``decrypt``)."""
    statements: list[dict[str, Any]] = [
        {"Effect": "Allow", "Action": actions, "Resource": QUEUE_ARN}
    ]
    if decrypt:
        statements.append({"Effect": "Allow", "Action": "kms:Decrypt", "Resource": CMK_ARN})
    metric = {
        "namespace": "AWS/SQS",
        "metricName": "ApproximateNumberOfMessagesVisible",
        "dimensions": [{"name": "QueueName", "value": "jobs"}],
    }
    config = {
        "customizedMetricSpecification": {
            "metrics": [{"id": "m1", "metricStat": {"metric": metric}}]
        }
    }
    queue_inputs: dict[str, Any] = {"visibilityTimeoutSeconds": 600}
    records = []
    if key:
        queue_inputs["kmsMasterKeyId"] = CMK_ARN
        records.append(rec("aws:kms/key:Key", "jobs-key", outputs={"arn": CMK_ARN}, rid="k-1"))
    return [
        *records,
        rec(QUEUE, "jobs", queue_inputs, rid=QUEUE_ARN, outputs={"arn": QUEUE_ARN, "name": "jobs"}),
        rec(ROLE, "worker-task", rid="worker-task", outputs={"arn": WORKER_ROLE_ARN}),
        rec(
            ROLE_POLICY, "worker-policy", {"role": "worker-task", "policy": policy_doc(*statements)}
        ),
        task_def(taskRoleArn=WORKER_ROLE_ARN),
        rec(SVC, "worker", {"taskDefinition": TD_ARN}, outputs={"name": "worker-svc"}),
        rec(
            "aws:appautoscaling/policy:Policy",
            "worker-backlog",
            {
                "resourceId": "service/main/worker-svc",
                "targetTrackingScalingPolicyConfiguration": config,
            },
        ),
    ]


CONSUME = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"]
CASES += [
    (
        "FC-WRK-001",
        backlog_worker(CONSUME, key=True, decrypt=True),
        backlog_worker(["sqs:ReceiveMessage"]),
        "task role 'worker-task' is not allowed sqs:DeleteMessage",
    ),
    (
        "FC-WRK-001",
        backlog_worker(["sqs:*"]),
        backlog_worker(CONSUME, key=True),
        "is not allowed kms:Decrypt on its key 'jobs-key'",
    ),
]


# --- WAF (FC-WAF-001): an internet-facing ALB has a web ACL association ----------------
WAF_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation"
ACL_ARN = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/1"

CASES += [
    (
        "FC-WAF-001",
        [
            lb(**GOOD_LB),
            rec(
                WAF_ASSOCIATION,
                "web-waf-association",
                {"resourceArn": LB_ARN, "webAclArn": ACL_ARN},
            ),
            rec(LB, "internal", {"internal": True}),
            rec(LB, "nlb", {"loadBalancerType": "network"}),
        ],
        [lb(**GOOD_LB)],
        "no AWS WAF web ACL is associated",
    ),
]


# --- exposure (FC-NET-101): what the internet reaches opens only 80/443 to the world -----
SG = "aws:ec2/securityGroup:SecurityGroup"
INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"


def world_ingress(port: int, group: str = "sg-nlb") -> ResourceRecord:
    return rec(
        INGRESS,
        f"{group}-{port}",
        {
            "securityGroupId": group,
            "cidrIpv4": "0.0.0.0/0",
            "ipProtocol": "tcp",
            "fromPort": port,
            "toPort": port,
        },
    )


def exposed_nlb(internal: bool, *ports: int) -> list[ResourceRecord]:
    return [
        rec(SG, "nlb-sg", rid="sg-nlb"),
        rec(
            LB,
            "pg-nlb",
            {"loadBalancerType": "network", "internal": internal, "securityGroups": ["sg-nlb"]},
        ),
        *[world_ingress(p) for p in ports],
    ]


CASES += [
    (
        "FC-NET-101",
        [
            *exposed_nlb(False, 443, 80),
            rec(SG, "int-sg", rid="sg-int"),
            rec(LB, "int-nlb", {"internal": True, "securityGroups": ["sg-int"]}),
            world_ingress(5432, "sg-int"),
        ],
        exposed_nlb(False, 5432),
        "opens tcp 5432 to 0.0.0.0/0 on the internet-facing load balancer 'pg-nlb'",
    ),
]


# --- certificates (FC-NET-102): a routed host is a name the HTTPS listener's certificates cover
ACM = "aws:acm/certificate:Certificate"
LISTENER_RULE = "aws:lb/listenerRule:ListenerRule"
CERT_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/1"
HTTPS_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/1/2"


def tls_routes(*hosts: str) -> list[ResourceRecord]:
    return [
        rec(
            ACM,
            "cert",
            {"domainName": "app.example.com", "subjectAlternativeNames": ["*.api.example.com"]},
            rid=CERT_ARN,
        ),
        rec(
            LISTENER, "web-https", {"protocol": "HTTPS", "certificateArn": CERT_ARN}, rid=HTTPS_ARN
        ),
        *[
            rec(
                LISTENER_RULE,
                f"rule-{i}",
                {"listenerArn": HTTPS_ARN, "conditions": [{"hostHeader": {"values": [h]}}]},
            )
            for i, h in enumerate(hosts)
        ],
    ]


CASES += [
    (
        "FC-NET-102",
        tls_routes("app.example.com", "APP.example.com", "v1.api.example.com", "*.other.com"),
        tls_routes("app.example.com", "api.example.com", "a.b.api.example.com"),
        "routes host 'api.example.com' on listener 'web-https'",
    ),
]


# --- VPCs (FC-NET-103): a service's target groups are in its tasks' VPC ------------------
def tasks_in(vpc: str, target_group_vpc: str) -> list[ResourceRecord]:
    return [
        rec(SG, "svc-sg", {"vpcId": vpc}, rid="sg-svc"),
        rec(TG, "svc-tg", {"vpcId": target_group_vpc}, rid=TG_ARN),
        rec(
            SVC,
            "svc",
            {
                "networkConfiguration": {"securityGroups": ["sg-svc"]},
                "loadBalancers": [{"targetGroupArn": TG_ARN}],
            },
        ),
    ]


CASES += [
    (
        "FC-NET-103",
        tasks_in("vpc-1", "vpc-1"),
        tasks_in("vpc-2", "vpc-1"),
        "registers its tasks (security group 'svc-sg', VPC vpc-2) in target group 'svc-tg' of VPC vpc-1",
    ),
]


# --- Capacity providers (FC-ECS-013): a strategy names providers its cluster has ---------
def spot_in_cluster(*providers: str) -> list[ResourceRecord]:
    return [
        cluster(),
        rec(CCP, "cps", {"clusterName": "main", "capacityProviders": list(providers)}),
        rec(SVC, "svc", {"cluster": CLUSTER_ARN, "capacityProviderStrategies": SPOT}),
    ]


CASES += [
    (
        "FC-ECS-013",
        spot_in_cluster("FARGATE", "FARGATE_SPOT"),
        spot_in_cluster("FARGATE"),
        "names FARGATE_SPOT, which its cluster does not have associated (associated: FARGATE)",
    ),
]


def test_a_schedules_ecs_target_names_providers_its_cluster_has() -> None:
    target = {"arn": CLUSTER_ARN, "ecsParameters": {"capacityProviderStrategies": SPOT}}
    records = [
        cluster(),
        rec(CCP, "cps", {"clusterName": "main", "capacityProviders": ["FARGATE"]}),
        rec("aws:scheduler/schedule:Schedule", "nightly", {"target": target}),
    ]
    (found,) = _of("FC-ECS-013", records)
    assert "names FARGATE_SPOT, which its cluster does not have associated" in found.message
    other = {**target, "arn": "arn:aws:ecs:us-east-1:123456789012:cluster/theirs"}
    (elsewhere,) = _of(
        "FC-ECS-013", [rec("aws:scheduler/schedule:Schedule", "n", {"target": other})]
    )
    assert elsewhere.unverified and "FARGATE_SPOT" in elsewhere.message


# --- Load balancer subnets (FC-NET-104): one VPC, one per AZ, an ALB's in two AZs --------
def lb_on(*subnets: tuple[str, str]) -> list[ResourceRecord]:
    """An ALB on subnets given as (VPC id, AZ) pairs."""
    records = [
        rec(SUBNET, f"s{i}", {"vpcId": vpc, "availabilityZone": az}, rid=f"subnet-{i}")
        for i, (vpc, az) in enumerate(subnets)
    ]
    return [*records, rec(LB, "web-lb", {"subnets": [r.id for r in records]}, rid=LB_ARN)]


CASES += [
    (
        "FC-NET-104",
        lb_on(("vpc-1", "us-east-1a"), ("vpc-1", "us-east-1b")),
        lb_on(("vpc-1", "us-east-1a"), ("vpc-2", "us-east-1b")),
        "its subnets ['s0', 's1'] are in 2 VPCs",
    ),
]


# --- Service discovery (FC-NET-105): the namespace is one of the tasks' VPC ---------------
def registered_in(namespace_vpc: str) -> list[ResourceRecord]:
    ns = rec(PDNS, "ns", {"name": "internal", "vpc": namespace_vpc}, rid="ns-1")
    registry = rec(SDS, "reg", {"dnsConfig": {"namespaceId": "ns-1"}}, rid=REG_ARN)
    return [
        ns,
        registry,
        rec(SG, "svc-sg", {"vpcId": "vpc-1"}, rid="sg-svc"),
        rec(
            SVC,
            "svc",
            {
                "networkConfiguration": {"securityGroups": ["sg-svc"]},
                "serviceRegistries": {"registryArn": REG_ARN},
            },
        ),
    ]


PDNS = "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace"
SDS = "aws:servicediscovery/service:Service"
REG_ARN = "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-1"
CASES += [
    (
        "FC-NET-105",
        registered_in("vpc-1"),
        registered_in("vpc-2"),
        "registers its tasks (VPC vpc-1) in namespace 'ns' of VPC vpc-2",
    ),
]


# --- Target protocols (FC-NET-106): the target group reaches the registered mapping ----
def udp_target(mapping: str) -> list[ResourceRecord]:
    port = {"containerPort": 53, "protocol": mapping}
    containers = [{"name": "dns", "image": "coredns", "portMappings": [port]}]
    return [
        rec(TD, "td", {"containerDefinitions": json.dumps(containers)}, rid=TD_ARN),
        rec(TG, "dns-tg", {"protocol": "UDP", "port": 53}, rid=TG_ARN),
        rec(
            SVC,
            "svc",
            {
                "taskDefinition": TD_ARN,
                "loadBalancers": [
                    {"targetGroupArn": TG_ARN, "containerName": "dns", "containerPort": 53}
                ],
            },
        ),
    ]


CASES += [
    (
        "FC-NET-106",
        udp_target("udp"),
        udp_target("tcp"),
        "registers 'dns' port 53/tcp in the UDP target group 'dns-tg'",
    ),
]


# --- KMS keys (FC-KMS-001): a resource's key is of its region ------------------------------
KMS = "aws:kms/key:Key"
LOGS = "aws:cloudwatch/logGroup:LogGroup"


def log_group_with(key_region: str) -> list[ResourceRecord]:
    key = f"arn:aws:kms:{key_region}:123456789012:key/0a1b2c3d-0000-1111-2222-333344445555"
    return [rec(LOGS, "logs", {"region": "us-east-1", "kmsKeyId": key, "retentionInDays": 30})]


CASES += [
    (
        "FC-KMS-001",
        log_group_with("us-east-1"),
        log_group_with("eu-west-1"),
        "kmsKeyId is a key of 'eu-west-1', not of its region 'us-east-1'",
    ),
]


def test_a_key_the_plan_does_not_make_is_unverified_and_one_it_makes_passes() -> None:
    from fargate_components.model import Graph

    key = rec(KMS, "key", rid="key-1", outputs={"arn": "arn:aws:kms:eu-west-1:1:key/key-1"})
    own = rec(LOGS, "own", {"kmsKeyId": UNKNOWN_MARK}, deps={"kmsKeyId": [key.urn]})
    outside = rec(LOGS, "outside", {"kmsKeyId": UNKNOWN_MARK})
    graph = Graph([key, own, outside])
    graph.region = "us-east-1"
    found = evaluate(graph, rules=[RULES["FC-KMS-001"]])
    assert [(f.resource_name, f.unverified) for f in found] == [("outside", True)]
    assert "the key of kmsKeyId is not in the plan" in found[0].message


# --- EKS on Fargate (FC-K8S-*, FC-EKS-005..008): judged on FARGATE_COMPONENTS_TODAY -------
def eks_cluster(version: str = "1.35", policy: str = "STANDARD") -> ResourceRecord:
    return rec(
        EKS, "eks", {"name": "prod", "version": version, "upgradePolicy": {"supportType": policy}}
    )


def profile(name: str, namespace: str) -> ResourceRecord:
    selectors = [{"namespace": namespace}]
    return rec(
        PROFILE, name, {"clusterName": "prod", "fargateProfileName": name, "selectors": selectors}
    )


def workload(
    kind: str, name: str, namespace: str = "apps", pod: dict[str, Any] | None = None, **spec: Any
) -> ResourceRecord:
    api = {"Job": "batch/v1", "Pod": "core/v1"}.get(kind, "apps/v1")
    template = {
        "metadata": {"labels": {"app": name}},
        "spec": pod or {"containers": [{"name": "c"}]},
    }
    return rec(
        f"kubernetes:{api}:{kind}",
        name,
        {
            "metadata": {"name": name, "namespace": namespace},
            "spec": {"template": template, **spec},
        },
    )


def k8s_service(kind: str, annotations: dict[str, str] | None = None) -> ResourceRecord:
    metadata = {"name": "web", "namespace": "apps", "annotations": annotations or {}}
    return rec(
        "kubernetes:core/v1:Service",
        "web-svc",
        {"metadata": metadata, "spec": {"type": kind, "selector": {"app": "web"}}},
    )


def fargate(*records: ResourceRecord) -> list[ResourceRecord]:
    return [eks_cluster(), profile("apps", "apps"), workload("Deployment", "web"), *records]


SIZED = {
    "containers": [
        {
            "name": "c",
            "resources": {
                "requests": {"cpu": "250m", "memory": "256Mi"},
                "limits": {"cpu": "250m", "memory": "256Mi"},
            },
        }
    ]
}
NLB_IP = {
    "service.beta.kubernetes.io/aws-load-balancer-type": "external",
    "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
}
CASES += [
    ("FC-K8S-001", fargate(), fargate(workload("Deployment", "lost", "batch")), "stay Pending"),
    (
        "FC-K8S-002",
        fargate(),
        fargate(workload("DaemonSet", "agent")),
        "DaemonSets aren't supported",
    ),
    (
        "FC-K8S-003",
        fargate(k8s_service("LoadBalancer", NLB_IP)),
        fargate(k8s_service("LoadBalancer")),
        "in-tree cloud controller",
    ),
    (
        "FC-K8S-004",
        fargate(k8s_service("ClusterIP")),
        fargate(k8s_service("NodePort")),
        "no node port",
    ),
    (
        "FC-K8S-005",
        fargate(workload("Job", "once", ttlSecondsAfterFinished=600)),
        fargate(workload("Job", "once")),
        "ttlSecondsAfterFinished",
    ),
    (
        "FC-K8S-006",
        fargate(workload("Deployment", "sized", pod=SIZED)),
        fargate(
            workload(
                "Deployment",
                "loose",
                pod={
                    "containers": [
                        {
                            "name": "c",
                            "resources": {
                                "requests": {"memory": "256Mi"},
                                "limits": {"memory": "1Gi"},
                            },
                        }
                    ]
                },
            )
        ),
        "sizes (and bills) the pod by its requests",
    ),
    (
        "FC-K8S-007",
        fargate(
            rec(
                "kubernetes:helm.sh/v3:Release",
                "lbc",
                {"chart": "aws-load-balancer-controller", "namespace": "apps"},
            )
        ),
        fargate(
            rec("kubernetes:helm.sh/v3:Release", "redis", {"chart": "redis", "namespace": "apps"})
        ),
        "not rendered offline",
    ),
    ("FC-EKS-005", fargate(), fargate(profile("spare", "spare")), "selects no workload"),
    (
        "FC-EKS-006",
        fargate(),
        fargate(
            rec(
                "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                "pia",
                {"clusterName": "prod", "namespace": "apps", "serviceAccount": "default"},
            )
        ),
        "Pod Identity doesn't support Fargate",
    ),
    (
        "FC-EKS-007",
        [eks_cluster("1.35")],
        [eks_cluster("1.31", "EXTENDED")],
        "creates no new cluster",
    ),
    (
        "FC-EKS-008",
        [eks_cluster("1.35")],
        [eks_cluster("1.34")],
        "leaves standard support on 2026-12-02",
    ),
    (
        "FC-ECS-012",
        [task_def()],
        [task_def(containers=[{**SAFE_CONTAINER, "image": "nginx:latest"}])],
        "the tag `latest`",
    ),
    (
        "FC-K8S-008",
        fargate(
            workload("Deployment", "pinned", pod={"containers": [{"name": "c", "image": PINNED}]})
        ),
        fargate(
            workload(
                "Deployment", "moving", pod={"containers": [{"name": "c", "image": "nginx:1"}]}
            )
        ),
        "not known to keep tags immutable",
    ),
]


def test_every_rule_has_a_case_and_complete_metadata() -> None:
    assert sorted({c[0] for c in CASES}) == sorted(RULES)
    for rule in RULES.values():
        assert rule.severity in ("error", "warning", "advisory")
        assert rule.title and rule.fix and rule.types


def _of(rule_id: str, records: list[ResourceRecord]) -> list[Finding]:
    return evaluate(records, rules=[RULES[rule_id]])


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rule_passes_and_fails(
    case: tuple[str, list[ResourceRecord], list[ResourceRecord], str],
) -> None:
    rule_id, good, bad, text = case
    assert _of(rule_id, good) == []
    found = _of(rule_id, bad)
    assert found, f"{rule_id} found nothing"
    assert {(f.rule, f.severity) for f in found} == {(rule_id, RULES[rule_id].severity)}
    assert any(text in f.message for f in found), [f.message for f in found]
    assert all("Fix: " in f.message for f in found)


def test_unknown_values_are_unverified_never_failed_nor_passed() -> None:
    records = [
        rec(SVC, "svc", {"networkConfiguration": {"assignPublicIp": UNKNOWN_MARK}}),
        rec(LB, "lb", {"dropInvalidHeaderFields": UNKNOWN_MARK, "enableDeletionProtection": True}),
        task_def(executionRoleArn=UNKNOWN_MARK, taskRoleArn=UNKNOWN_MARK),
        rec(TD, "secret", {"containerDefinitions": "[secret]"}),
    ]
    findings = evaluate(records)
    assert [f for f in findings if f.severity == "error" and not f.unverified] == []
    unverified = {(f.rule, f.resource_name) for f in findings if f.unverified}
    assert {("FC-ALB-003", "lb"), ("FC-ECS-003", "secret")} <= unverified
    secret = next(f for f in findings if f.unverified and f.resource_name == "secret")
    assert "containerDefinitions is a secret" in secret.message
    assert all(f.to_json()["unverified"] is True for f in findings if f.unverified)
    # listed, but never counted for --fail-on; only --fail-on-unverified fails on them
    assert not should_fail([f for f in findings if f.unverified], "advisory")
    assert should_fail(findings, None, fail_on_unverified=True)
    assert not should_fail([], None, fail_on_unverified=True)
    text = render_findings_text(findings)
    assert "UNVERIFIED FC-ALB-003" in text and " unverified" in text.splitlines()[0]
    assert text.splitlines()[-1].lstrip().startswith("UNVERIFIED")  # after the real findings


def test_same_role_found_through_property_dependencies_when_arns_are_unknown() -> None:
    role = rec(ROLE, "role")
    td = task_def(
        executionRoleArn=UNKNOWN_MARK,
        taskRoleArn=UNKNOWN_MARK,
    )
    td.property_dependencies = {"executionRoleArn": [role.urn], "taskRoleArn": [role.urn]}
    assert [f.rule for f in _of("FC-ECS-001", [role, td])] == ["FC-ECS-001"]


def test_internal_alb_may_serve_http_and_inline_igw_routes_count() -> None:
    internal = [lb(internal=True, **GOOD_LB), listener(protocol="HTTP", defaultActions=FORWARD)]
    assert _of("FC-ALB-001", internal) == []
    inline = [
        rec(SUBNET, "sub", rid="subnet-1"),
        rec(RT, "rt", {"routes": [{"cidrBlock": "0.0.0.0/0", "gatewayId": "igw-9"}]}, rid="rtb-1"),
        rec(RTA, "a", {"subnetId": "subnet-1", "routeTableId": "rtb-1"}),
        rec(PROFILE, "apps", {"subnetIds": ["subnet-1"]}),
    ]
    assert len(_of("FC-EKS-004", inline)) == 1
    mapped = [rec(SUBNET, "sub", {"mapPublicIpOnLaunch": True}, rid="subnet-1"), inline[-1]]
    assert "maps public IPs" in _of("FC-EKS-004", mapped)[0].message


def test_access_logs_are_asked_of_an_nlb_only_when_it_has_a_tls_listener() -> None:
    # NLB access logs cover TLS listeners only (ELB, "Access logs for your Network Load
    # Balancer"): a TCP-only NLB has nothing to log, so FC-ALB-005 must not ask for them.
    nlb = lb(loadBalancerType="network", **GOOD_LB)
    assert _of("FC-ALB-005", [nlb, listener(protocol="TCP", port=5432)]) == []
    assert _of("FC-ALB-005", [nlb]) == []
    tls = listener(protocol="TLS", port=443, sslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06")
    assert [f.rule for f in _of("FC-ALB-005", [nlb, tls])] == ["FC-ALB-005"]
    assert [f.rule for f in _of("FC-ALB-005", [lb(**GOOD_LB)])] == ["FC-ALB-005"]


def test_iam_inline_role_policies_and_not_action_are_checked() -> None:
    role = rec(
        ROLE,
        "r",
        {
            "inlinePolicies": [
                {
                    "name": "x",
                    "policy": policy_doc(
                        {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}
                    ),
                }
            ]
        },
    )
    assert "NotAction" in _of("FC-IAM-001", [role])[0].message


# --- waivers -------------------------------------------------------------------------------


def test_parse_waiver_tag() -> None:
    waived, problems = parse_waiver_tag("FC-ALB-004: dev stack ; FC-ALB-005: no bucket;;bad")
    assert waived == {"FC-ALB-004": "dev stack", "FC-ALB-005": "no bucket"}
    assert problems == ["bad"]


def test_tag_waiver_keeps_the_finding_marked_and_stops_it_failing() -> None:
    tagged = lb(
        dropInvalidHeaderFields=True,
        tags={WAIVER_TAG: "FC-ALB-004: deletion protection off for dev"},
    )
    findings = evaluate([tagged], rules=[RULES["FC-ALB-004"]])
    assert findings[0].waived == "deletion protection off for dev"
    assert findings[0].to_json()["waived"] == "deletion protection off for dev"
    assert not should_fail(findings, "warning")


def test_waiver_file_yaml_json_and_mapping(tmp_path) -> None:
    records = [
        rec(
            "aws:iam/policy:Policy",
            "web-exec-policy",
            {
                "policy": policy_doc(
                    {"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}
                )
            },
        )
    ]
    yaml_file = tmp_path / "waivers.yaml"
    yaml_file.write_text(
        "FC-IAM-001:\n  - resource: 'web-exec-*'\n    reason: legacy log group names\n"
    )
    json_file = tmp_path / "waivers.json"
    json_file.write_text(
        json.dumps({"FC-IAM-001": [{"resource": records[0].urn, "reason": "by urn"}]})
    )
    assert evaluate(records, waivers=yaml_file)[0].waived == "legacy log group names"
    assert evaluate(records, waivers=str(json_file))[0].waived == "by urn"
    other = {"FC-IAM-001": [{"resource": "api-*", "reason": "not this one"}]}
    assert evaluate(records, waivers=other)[0].waived is None


@pytest.mark.parametrize(
    ("data", "argument"),
    [
        ({"FC-NOPE-001": [{"resource": "x", "reason": "y"}]}, "waivers['FC-NOPE-001']"),
        ({"FC-ALB-004": [{"resource": "x"}]}, "waivers['FC-ALB-004'][0].reason"),
        ({"FC-ALB-004": [{"reason": "y"}]}, "waivers['FC-ALB-004'][0].resource"),
        ({"FC-ALB-004": "x"}, "waivers['FC-ALB-004']"),
        (["FC-ALB-004"], "waivers"),
    ],
)
def test_bad_waiver_files_are_rejected(data: Any, argument: str) -> None:
    with pytest.raises(ValidationError) as info:
        load_waivers(data, known_rules=RULES) if isinstance(data, dict) else evaluate(
            [], waivers=data
        )
    assert argument in str(info.value)


def test_missing_waiver_file_is_rejected(tmp_path) -> None:
    with pytest.raises(ValidationError, match="waivers"):
        evaluate([], waivers=tmp_path / "nope.yaml")


# --- fail-on, JSON, rendering --------------------------------------------------------------


def _finding(severity: str, waived: str | None = None) -> Finding:
    return Finding("FC-X-001", severity, "urn:a::b", "msg", "CKV_1", None, waived)


@pytest.mark.parametrize(
    ("severities", "fail_on", "expected"),
    [
        (["warning"], "error", False),
        (["warning"], "warning", True),
        (["error"], "warning", True),
        (["advisory"], "warning", False),
        (["advisory"], "advisory", True),
        ([], "advisory", False),
        (["error"], None, False),
    ],
)
def test_should_fail(severities: list[str], fail_on: str | None, expected: bool) -> None:
    findings = [_finding(s) for s in severities]
    assert should_fail(findings, fail_on) is expected
    assert should_fail([f.to_json() for f in findings], fail_on) is expected


def test_should_fail_ignores_waived_and_rejects_bad_level() -> None:
    assert not should_fail([_finding("error", waived="accepted")], "error")
    with pytest.raises(ValidationError, match="--fail-on"):
        should_fail([], "fatal")


def test_finding_json_keys() -> None:
    assert list(_finding("error").to_json()) == [
        "rule",
        "severity",
        "urn",
        "message",
        "checkov",
        "trivy",
    ]
    assert _finding("error").to_json()["trivy"] is None


def test_rendering() -> None:
    findings = [_finding("warning", waived="ok"), _finding("error")]
    text = render_findings_text(findings)
    assert text.splitlines()[0] == "Policy: 2 findings: 1 error, 0 warning, 0 advisory (1 waived)"
    assert "ERROR" in text.splitlines()[1] and "(waived: ok)" in text
    markdown = render_findings_markdown(findings)
    assert "| error | FC-X-001 | `b` | msg | CKV_1 |  |" in markdown
    assert render_findings_text([]) == "Policy: no findings."
    assert render_findings_text([_finding("advisory")]).startswith("Policy: 1 finding: ")
    assert render_rules_markdown().count("| FC-") == len(RULES)
    assert render_findings_markdown([]) == "**Policy:** no findings."


# --- raw pulumi_aws programs under mocks ---------------------------------------------------


def _ecs_program(*, arm_on_spot: bool, public_ip: bool) -> None:
    assume = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": "sts:AssumeRole",
                    "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                }
            ],
        }
    )
    execution = aws.iam.Role("exec", assume_role_policy=assume)
    task = aws.iam.Role("task", assume_role_policy=assume)
    logs = aws.cloudwatch.LogGroup("logs", retention_in_days=30)
    ecs = aws.ecs.Cluster(
        "main",
        settings=[{"name": "containerInsights", "value": "enhanced"}],
        configuration={
            "execute_command_configuration": {
                "logging": "OVERRIDE",
                "log_configuration": {"cloud_watch_log_group_name": logs.name},
            }
        },
    )
    aws.ecs.ClusterCapacityProviders(
        "cps",
        cluster_name=ecs.name,
        capacity_providers=["FARGATE", "FARGATE_SPOT"],
        default_capacity_provider_strategies=[{"capacity_provider": "FARGATE_SPOT", "weight": 1}],
    )
    container = {"name": "web", "image": "nginx", "essential": True, "readonlyRootFilesystem": True}
    td = aws.ecs.TaskDefinition(
        "web",
        family="web",
        cpu="256",
        memory="512",
        network_mode="awsvpc",
        requires_compatibilities=["FARGATE"],
        execution_role_arn=execution.arn,
        task_role_arn=task.arn,
        container_definitions=json.dumps([container]),
        runtime_platform={
            "cpu_architecture": "ARM64" if arm_on_spot else "X86_64",
            "operating_system_family": "LINUX",
        },
    )
    aws.ecs.Service(
        "svc",
        cluster=ecs.arn,
        task_definition=td.arn,
        desired_count=1,
        network_configuration={"subnets": ["subnet-1"], "assign_public_ip": public_ip},
    )
    aws.iam.RolePolicy(
        "exec-pull",
        role=execution.id,
        policy=pulumi.Output.from_input(
            policy_doc(
                {"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken"], "Resource": "*"}
            )
        ),
    )


def test_good_ecs_program_has_no_errors() -> None:
    plan = run_in_mocks(lambda: _ecs_program(arm_on_spot=False, public_ip=False))
    findings = assert_no_findings(plan)
    assert {f.rule for f in findings} <= {"FC-ECS-003", "FC-ECS-006", "FC-ECS-012"}


def test_bad_ecs_program_is_caught_on_wire_shapes() -> None:
    plan = run_in_mocks(lambda: _ecs_program(arm_on_spot=True, public_ip=True))
    errors = {f.rule for f in evaluate(plan) if f.severity == "error"}
    assert errors == {"FC-ECS-005", "FC-ECS-009"}
    with pytest.raises(AssertionError, match="FC-ECS-009"):
        assert_no_findings(plan)


def test_eks_profile_on_public_subnet_from_a_real_program() -> None:
    def program() -> None:
        vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
        aws.ec2.FlowLog("flow", vpc_id=vpc.id, traffic_type="ALL", log_destination="arn:aws:logs:x")
        igw = aws.ec2.InternetGateway("igw", vpc_id=vpc.id)
        public = aws.ec2.Subnet("public", vpc_id=vpc.id, cidr_block="10.0.0.0/24")
        private = aws.ec2.Subnet("private", vpc_id=vpc.id, cidr_block="10.0.1.0/24")
        table = aws.ec2.RouteTable("public-rt", vpc_id=vpc.id)
        aws.ec2.Route(
            "public-default",
            route_table_id=table.id,
            destination_cidr_block="0.0.0.0/0",
            gateway_id=igw.id,
        )
        aws.ec2.RouteTableAssociation("public-assoc", subnet_id=public.id, route_table_id=table.id)
        eks = aws.eks.Cluster(
            "eks",
            role_arn="arn:aws:iam::123456789012:role/eks",
            vpc_config={"subnet_ids": [private.id], "endpoint_public_access": False},
        )
        aws.eks.FargateProfile(
            "apps",
            cluster_name=eks.name,
            pod_execution_role_arn="arn:r",
            subnet_ids=[private.id, public.id],
            selectors=[{"namespace": "apps"}],
        )

    findings = evaluate(run_in_mocks(program))
    profile = [f for f in findings if f.rule == "FC-EKS-004"]
    assert len(profile) == 1 and "'public'" in profile[0].message
    assert "FC-VPC-001" not in {f.rule for f in findings}


def test_https_to_targets_spares_internal_albs_and_flags_unknown_load_balancers() -> None:
    """FC-ALB-007: an internal ALB may speak HTTP inside the VPC; a target group a service
    registers in whose load balancer is not in the plan (LoadBalancer.existing) is unverified."""
    rule = RULES["FC-ALB-007"]
    assert evaluate(_forwarding("HTTP", internal=True), rules=[rule]) == []
    group = rec(TG, "web-tg", {"protocol": "HTTP"}, outputs={"arn": TG_ARN})
    service = rec(SVC, "web", {"loadBalancers": [{"targetGroupArn": TG_ARN}]})
    (found,) = evaluate([group, service], rules=[rule])
    assert found.unverified and "not in this plan" in found.message


def test_service_connect_in_a_namespace_of_another_stack_is_unverified() -> None:
    """FC-SC-001 can't see other stacks' services in a namespace the plan does not create."""
    (found,) = _of("FC-SC-001", [sc_service("cart", NS_ARN, None, "cart")])
    assert found.unverified and "not created by this plan" in found.message
    assert "'http'" in found.message
    # a namespace of the plan: checked here, nothing to report
    assert _of("FC-SC-001", [sc_namespace(), sc_service("cart", NS_ARN, None, "cart")]) == []


def test_a_step_scaling_worker_follows_its_alarm_to_the_queue() -> None:
    """FC-WRK-001 reads the queue of a step-scaling policy from the alarm that runs it."""
    records = backlog_worker(["sqs:ReceiveMessage"])
    policy = records[-1]
    policy.inputs.pop("targetTrackingScalingPolicyConfiguration")
    policy.outputs["arn"] = "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1"
    alarm = rec(
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        "backlog-high",
        {
            "namespace": "AWS/SQS",
            "metricName": "ApproximateNumberOfMessagesVisible",
            "dimensions": {"QueueName": "jobs"},
            "alarmActions": [policy.outputs["arn"]],
        },
    )
    (found,) = _of("FC-WRK-001", [*records, alarm])
    assert "not allowed sqs:DeleteMessage" in found.message and not found.unverified
    assert _of("FC-WRK-001", records) == []  # no alarm: the policy follows no queue
