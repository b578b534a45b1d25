"""The simulated deploy: a captured plan replayed into moto, then queried like an operator.

One raw pulumi_aws program (network, security groups, IAM, logs, ECS, ALB, autoscaling,
EKS Fargate, SQS, EventBridge) is simulated once for the whole ``TestDeployedStack`` class;
the other tests replay small plans, mostly bad input that our components' validation would
have caught, fed in raw to show that AWS's checks (as moto emulates them) surface as clear
failures.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

from fargate_components.testing import Plan, ResourceRecord, run_in_mocks
from fargate_components.testing.simulate import (
    SimulationResult,
    assert_simulates,
    render_simulation_text,
    simulate,
    simulated,
)
from fargate_components.testing.simulate.engine import Simulation

REGION = "us-east-1"


def trust(service: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
            ],
        }
    )


def stack_program() -> None:
    """A Fargate stack built from raw resources: ~45 of them, every type the issue lists."""
    vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16", enable_dns_hostnames=True)
    pub_a = aws.ec2.Subnet(
        "pub-a", vpc_id=vpc.id, cidr_block="10.0.0.0/24", availability_zone=f"{REGION}a"
    )
    pub_b = aws.ec2.Subnet(
        "pub-b", vpc_id=vpc.id, cidr_block="10.0.1.0/24", availability_zone=f"{REGION}b"
    )
    priv_a = aws.ec2.Subnet(
        "priv-a", vpc_id=vpc.id, cidr_block="10.0.10.0/24", availability_zone=f"{REGION}a"
    )
    priv_b = aws.ec2.Subnet(
        "priv-b", vpc_id=vpc.id, cidr_block="10.0.11.0/24", availability_zone=f"{REGION}b"
    )
    igw = aws.ec2.InternetGateway("igw", vpc_id=vpc.id)
    eip = aws.ec2.Eip("nat-eip", domain="vpc")
    nat = aws.ec2.NatGateway(
        "nat",
        subnet_id=pub_a.id,
        allocation_id=eip.id,
        opts=pulumi.ResourceOptions(depends_on=[igw]),
    )
    public_rt = aws.ec2.RouteTable("public-rt", vpc_id=vpc.id)
    aws.ec2.Route(
        "public-default", route_table_id=public_rt.id, destination_cidr_block="0.0.0.0/0",
        gateway_id=igw.id,
    )  # fmt: skip
    private_rt = aws.ec2.RouteTable("private-rt", vpc_id=vpc.id)
    aws.ec2.Route(
        "private-default", route_table_id=private_rt.id, destination_cidr_block="0.0.0.0/0",
        nat_gateway_id=nat.id,
    )  # fmt: skip
    for name, sub, table in (
        ("pub-a", pub_a, public_rt),
        ("pub-b", pub_b, public_rt),
        ("priv-a", priv_a, private_rt),
        ("priv-b", priv_b, private_rt),
    ):
        aws.ec2.RouteTableAssociation(f"{name}-assoc", subnet_id=sub.id, route_table_id=table.id)

    alb_sg = aws.ec2.SecurityGroup("alb-sg", vpc_id=vpc.id, description="load balancer")
    task_sg = aws.ec2.SecurityGroup("task-sg", vpc_id=vpc.id, description="tasks")
    aws.vpc.SecurityGroupIngressRule(
        "alb-https", security_group_id=alb_sg.id, ip_protocol="tcp", from_port=80, to_port=80,
        cidr_ipv4="0.0.0.0/0",
    )  # fmt: skip
    aws.vpc.SecurityGroupEgressRule(
        "alb-to-tasks", security_group_id=alb_sg.id, ip_protocol="tcp", from_port=8080,
        to_port=8080, referenced_security_group_id=task_sg.id,
    )  # fmt: skip
    aws.vpc.SecurityGroupIngressRule(
        "tasks-from-alb", security_group_id=task_sg.id, ip_protocol="tcp", from_port=8080,
        to_port=8080, referenced_security_group_id=alb_sg.id,
    )  # fmt: skip
    aws.vpc.SecurityGroupEgressRule(
        "tasks-https-out", security_group_id=task_sg.id, ip_protocol="tcp", from_port=443,
        to_port=443, cidr_ipv4="0.0.0.0/0",
    )  # fmt: skip

    logs = aws.cloudwatch.LogGroup("logs", retention_in_days=30)
    exec_role = aws.iam.Role("exec", assume_role_policy=trust("ecs-tasks.amazonaws.com"))
    aws.iam.RolePolicyAttachment(
        "exec-managed",
        role=exec_role.name,
        policy_arn="arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    )
    task_role = aws.iam.Role("task", assume_role_policy=trust("ecs-tasks.amazonaws.com"))
    aws.iam.RolePolicy(
        "task-logs",
        role=task_role.id,
        policy=logs.arn.apply(
            lambda arn: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": f"{arn}:*"}
                    ],
                }
            )
        ),
    )

    cluster = aws.ecs.Cluster(
        "cluster", settings=[aws.ecs.ClusterSettingArgs(name="containerInsights", value="enabled")]
    )
    cps = aws.ecs.ClusterCapacityProviders(
        "cluster-cps",
        cluster_name=cluster.name,
        capacity_providers=["FARGATE", "FARGATE_SPOT"],
        default_capacity_provider_strategies=[
            aws.ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs(
                capacity_provider="FARGATE", weight=1, base=1
            )
        ],
    )
    task_def = aws.ecs.TaskDefinition(
        "web-td",
        family="web",
        cpu="256",
        memory="512",
        network_mode="awsvpc",
        requires_compatibilities=["FARGATE"],
        execution_role_arn=exec_role.arn,
        task_role_arn=task_role.arn,
        runtime_platform=aws.ecs.TaskDefinitionRuntimePlatformArgs(
            operating_system_family="LINUX", cpu_architecture="ARM64"
        ),
        container_definitions=logs.name.apply(
            lambda group: json.dumps(
                [
                    {
                        "name": "web",
                        "image": "public.ecr.aws/nginx/nginx:1.27",
                        "essential": True,
                        "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
                        "logConfiguration": {
                            "logDriver": "awslogs",
                            "options": {
                                "awslogs-group": group,
                                "awslogs-region": REGION,
                                "awslogs-stream-prefix": "web",
                            },
                        },
                    }
                ]
            )
        ),
    )
    alb = aws.lb.LoadBalancer(
        "alb", load_balancer_type="application", subnets=[pub_a.id, pub_b.id],
        security_groups=[alb_sg.id], idle_timeout=120, drop_invalid_header_fields=True,
    )  # fmt: skip
    tg = aws.lb.TargetGroup(
        "web-tg",
        port=8080,
        protocol="HTTP",
        target_type="ip",
        vpc_id=vpc.id,
        deregistration_delay=30,
        health_check=aws.lb.TargetGroupHealthCheckArgs(
            path="/healthz", matcher="200-299", interval=15, healthy_threshold=2,
            unhealthy_threshold=3, timeout=5,
        ),
    )  # fmt: skip
    listener = aws.lb.Listener(
        "http",
        load_balancer_arn=alb.arn,
        port=80,
        protocol="HTTP",
        default_actions=[
            aws.lb.ListenerDefaultActionArgs(
                type="fixed-response",
                fixed_response=aws.lb.ListenerDefaultActionFixedResponseArgs(
                    content_type="text/plain", status_code="404", message_body="not found"
                ),
            )
        ],
    )
    aws.lb.ListenerRule(
        "web-rule",
        listener_arn=listener.arn,
        priority=10,
        actions=[aws.lb.ListenerRuleActionArgs(type="forward", target_group_arn=tg.arn)],
        conditions=[
            aws.lb.ListenerRuleConditionArgs(
                path_pattern=aws.lb.ListenerRuleConditionPathPatternArgs(values=["/*"])
            )
        ],
    )
    service = aws.ecs.Service(
        "web",
        cluster=cluster.arn,
        task_definition=task_def.arn,
        desired_count=2,
        capacity_provider_strategies=[
            aws.ecs.ServiceCapacityProviderStrategyArgs(
                capacity_provider="FARGATE", weight=1, base=1
            ),
            aws.ecs.ServiceCapacityProviderStrategyArgs(capacity_provider="FARGATE_SPOT", weight=3),
        ],
        network_configuration=aws.ecs.ServiceNetworkConfigurationArgs(
            subnets=[priv_a.id, priv_b.id], security_groups=[task_sg.id], assign_public_ip=False
        ),
        load_balancers=[
            aws.ecs.ServiceLoadBalancerArgs(
                target_group_arn=tg.arn, container_name="web", container_port=8080
            )
        ],
        deployment_circuit_breaker=aws.ecs.ServiceDeploymentCircuitBreakerArgs(
            enable=True, rollback=True
        ),
        health_check_grace_period_seconds=60,
        # the strategy's providers must be associated first: without this dependency a
        # real deploy races the two (test_service_racing_its_capacity_providers_fails)
        opts=pulumi.ResourceOptions(depends_on=[listener, cps]),
    )
    target = aws.appautoscaling.Target(
        "web-scaling",
        service_namespace="ecs",
        scalable_dimension="ecs:service:DesiredCount",
        resource_id=pulumi.Output.all(cluster.name, service.name).apply(
            lambda names: f"service/{names[0]}/{names[1]}"
        ),
        min_capacity=2,
        max_capacity=10,
    )
    aws.appautoscaling.Policy(
        "web-cpu",
        policy_type="TargetTrackingScaling",
        service_namespace=target.service_namespace,
        scalable_dimension=target.scalable_dimension,
        resource_id=target.resource_id,
        target_tracking_scaling_policy_configuration=aws.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationArgs(
            target_value=60,
            scale_in_cooldown=300,
            scale_out_cooldown=60,
            predefined_metric_specification=aws.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs(
                predefined_metric_type="ECSServiceAverageCPUUtilization"
            ),
        ),
    )
    aws.appautoscaling.ScheduledAction(
        "web-night",
        service_namespace=target.service_namespace,
        scalable_dimension=target.scalable_dimension,
        resource_id=target.resource_id,
        schedule="cron(0 22 * * ? *)",
        timezone="Europe/Paris",
        scalable_target_action=aws.appautoscaling.ScheduledActionScalableTargetActionArgs(
            min_capacity="1", max_capacity="2"
        ),
    )

    eks_role = aws.iam.Role("eks-role", assume_role_policy=trust("eks.amazonaws.com"))
    eks = aws.eks.Cluster(
        "eks",
        role_arn=eks_role.arn,
        version="1.31",
        vpc_config=aws.eks.ClusterVpcConfigArgs(
            subnet_ids=[priv_a.id, priv_b.id], endpoint_private_access=True
        ),
    )
    pod_role = aws.iam.Role("pod-exec", assume_role_policy=trust("eks-fargate-pods.amazonaws.com"))
    aws.eks.FargateProfile(
        "apps",
        cluster_name=eks.name,
        pod_execution_role_arn=pod_role.arn,
        subnet_ids=[priv_a.id, priv_b.id],
        selectors=[
            aws.eks.FargateProfileSelectorArgs(namespace="apps", labels={"tier": "web"}),
            aws.eks.FargateProfileSelectorArgs(namespace="kube-system"),
        ],
    )

    dlq = aws.sqs.Queue("jobs-dlq", message_retention_seconds=1_209_600)
    jobs = aws.sqs.Queue(
        "jobs",
        visibility_timeout_seconds=120,
        sqs_managed_sse_enabled=True,
        redrive_policy=dlq.arn.apply(
            lambda arn: json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": 5})
        ),
    )
    events_role = aws.iam.Role("events", assume_role_policy=trust("events.amazonaws.com"))
    nightly = aws.cloudwatch.EventRule("nightly", schedule_expression="cron(0 3 * * ? *)")
    aws.cloudwatch.EventTarget(
        "nightly-task",
        rule=nightly.name,
        arn=cluster.arn,
        role_arn=events_role.arn,
        ecs_target=aws.cloudwatch.EventTargetEcsTargetArgs(
            task_definition_arn=task_def.arn,
            launch_type="FARGATE",
            task_count=1,
            network_configuration=aws.cloudwatch.EventTargetEcsTargetNetworkConfigurationArgs(
                subnets=[priv_a.id], security_groups=[task_sg.id]
            ),
        ),
    )
    aws.cloudwatch.EventTarget("nightly-queue", rule=nightly.name, arn=jobs.arn)


@pytest.fixture(scope="module")
def stack_plan() -> Plan:
    return run_in_mocks(stack_program, config={"aws:region": REGION})


def urn_of(plan: Plan, name: str) -> str:
    return plan.named(name).urn


class TestDeployedStack:
    """One simulation of ``stack_program``; each test queries moto like an operator."""

    @pytest.fixture(scope="class")
    def sim(self, stack_plan: Plan) -> Iterator[Simulation]:
        with simulated(stack_plan) as sim:
            yield sim

    def test_every_resource_is_created(self, sim: Simulation, stack_plan: Plan) -> None:
        assert sim.result.failed == [], render_simulation_text(sim.result)
        assert sim.result.unsupported == []
        custom = [r.urn for r in stack_plan.resources if r.custom]
        assert sorted(sim.result.created) == sorted(custom)
        assert len(custom) >= 45
        # measured: ~0.1-0.5 s for this plan once botocore and moto are loaded
        assert sim.result.seconds < 20

    def test_created_in_dependency_order(self, sim: Simulation, stack_plan: Plan) -> None:
        position = {urn: i for i, urn in enumerate(sim.result.created)}
        for record in stack_plan.resources:
            for dep in record.depends_on:
                if dep in position and record.urn in position:
                    assert position[dep] < position[record.urn], (dep, record.urn)

    def test_moto_ids_replace_mock_ids(self, sim: Simulation, stack_plan: Plan) -> None:
        vpc_id = sim.physical_id("vpc")
        assert vpc_id.startswith("vpc-")
        assert vpc_id != stack_plan.named("vpc").id
        subnets = sim.client("ec2").describe_subnets(
            Filters=[{"Name": "vpc-id", "Values": [vpc_id]}]
        )
        assert len(subnets["Subnets"]) == 4
        assert sim.real(stack_plan.named("vpc").id) == vpc_id

    def test_service_capacity_provider_strategy(self, sim: Simulation) -> None:
        ecs = sim.client("ecs")
        service = ecs.describe_services(
            cluster=sim.output("cluster", "arn"), services=[sim.output("web", "name")]
        )["services"][0]
        strategy = {s["capacityProvider"]: s for s in service["capacityProviderStrategy"]}
        assert strategy["FARGATE"]["base"] == 1 and strategy["FARGATE"]["weight"] == 1
        assert strategy["FARGATE_SPOT"]["weight"] == 3
        vpc = service["networkConfiguration"]["awsvpcConfiguration"]
        assert sorted(vpc["subnets"]) == sorted(
            [sim.physical_id("priv-a"), sim.physical_id("priv-b")]
        )
        assert vpc["securityGroups"] == [sim.physical_id("task-sg")]
        assert vpc["assignPublicIp"] == "DISABLED"
        assert service["loadBalancers"][0]["targetGroupArn"] == sim.output("web-tg", "arn")
        assert service["taskDefinition"] == sim.output("web-td", "arn")
        breaker = service["deploymentConfiguration"]["deploymentCircuitBreaker"]
        assert breaker == {"enable": True, "rollback": True}

    def test_cluster_capacity_providers(self, sim: Simulation) -> None:
        cluster = sim.client("ecs").describe_clusters(clusters=[sim.output("cluster", "name")])[
            "clusters"
        ][0]
        assert cluster["capacityProviders"] == ["FARGATE", "FARGATE_SPOT"]
        assert cluster["defaultCapacityProviderStrategy"] == [
            {"capacityProvider": "FARGATE", "weight": 1, "base": 1}
        ]

    def test_task_definition_points_at_real_role_and_log_group(self, sim: Simulation) -> None:
        td = sim.client("ecs").describe_task_definition(taskDefinition="web")["taskDefinition"]
        assert td["executionRoleArn"] == sim.output("exec", "arn")
        assert td["runtimePlatform"] == {
            "cpuArchitecture": "ARM64",
            "operatingSystemFamily": "LINUX",
        }
        options = td["containerDefinitions"][0]["logConfiguration"]["options"]
        groups = sim.client("logs").describe_log_groups(logGroupNamePrefix=options["awslogs-group"])
        assert groups["logGroups"][0]["retentionInDays"] == 30

    def test_private_route_tables_route_through_the_nat(self, sim: Simulation) -> None:
        ec2 = sim.client("ec2")
        for subnet in ("priv-a", "priv-b"):
            table = ec2.describe_route_tables(
                Filters=[{"Name": "association.subnet-id", "Values": [sim.physical_id(subnet)]}]
            )["RouteTables"][0]
            default = [r for r in table["Routes"] if r.get("DestinationCidrBlock") == "0.0.0.0/0"]
            assert default[0]["NatGatewayId"] == sim.physical_id("nat")
        public = ec2.describe_route_tables(
            Filters=[{"Name": "association.subnet-id", "Values": [sim.physical_id("pub-a")]}]
        )["RouteTables"][0]
        default = [r for r in public["Routes"] if r.get("DestinationCidrBlock") == "0.0.0.0/0"]
        assert default[0]["GatewayId"] == sim.physical_id("igw")
        nat = ec2.describe_nat_gateways(NatGatewayIds=[sim.physical_id("nat")])["NatGateways"][0]
        assert nat["SubnetId"] == sim.physical_id("pub-a")
        assert nat["NatGatewayAddresses"][0]["AllocationId"] == sim.physical_id("nat-eip")

    def test_target_group_health_check_and_routing(self, sim: Simulation) -> None:
        elb = sim.client("elbv2")
        tg = elb.describe_target_groups(TargetGroupArns=[sim.output("web-tg", "arn")])[
            "TargetGroups"
        ][0]
        assert tg["HealthCheckPath"] == "/healthz"
        assert tg["Matcher"] == {"HttpCode": "200-299"}
        assert tg["HealthCheckIntervalSeconds"] == 15
        assert tg["HealthyThresholdCount"] == 2
        assert tg["UnhealthyThresholdCount"] == 3
        assert tg["VpcId"] == sim.physical_id("vpc")
        attributes = elb.describe_target_group_attributes(TargetGroupArn=tg["TargetGroupArn"])
        values = {a["Key"]: a["Value"] for a in attributes["Attributes"]}
        assert values["deregistration_delay.timeout_seconds"] == "30"
        rules = elb.describe_rules(ListenerArn=sim.output("http", "arn"))["Rules"]
        forward = next(r for r in rules if r["Priority"] == "10")
        assert forward["Actions"][0]["TargetGroupArn"] == tg["TargetGroupArn"]
        lb = elb.describe_load_balancers(LoadBalancerArns=[sim.output("alb", "arn")])
        assert lb["LoadBalancers"][0]["DNSName"] == sim.output("alb", "dnsName")

    def test_fargate_profile_subnets_and_selectors(self, sim: Simulation) -> None:
        eks = sim.client("eks")
        profile = eks.describe_fargate_profile(
            clusterName=sim.output("eks", "name"),
            fargateProfileName=sim.output("apps", "fargateProfileName"),
        )["fargateProfile"]
        assert sorted(profile["subnets"]) == sorted(
            [sim.physical_id("priv-a"), sim.physical_id("priv-b")]
        )
        assert profile["selectors"] == [
            {"namespace": "apps", "labels": {"tier": "web"}},
            {"namespace": "kube-system"},
        ]
        assert profile["podExecutionRoleArn"] == sim.output("pod-exec", "arn")
        cluster = eks.describe_cluster(name=sim.output("eks", "name"))["cluster"]
        assert cluster["version"] == "1.31"
        # EKS's cluster security group (made by the simulator, as EKS would) is in the VPC
        sg = sim.output("eks", "vpcConfig.clusterSecurityGroupId")
        groups = sim.client("ec2").describe_security_groups(GroupIds=[sg])["SecurityGroups"]
        assert groups[0]["VpcId"] == sim.physical_id("vpc")

    def test_iam_trust_policies(self, sim: Simulation) -> None:
        iam = sim.client("iam")
        expected = {
            "exec": "ecs-tasks.amazonaws.com",
            "task": "ecs-tasks.amazonaws.com",
            "eks-role": "eks.amazonaws.com",
            "pod-exec": "eks-fargate-pods.amazonaws.com",
            "events": "events.amazonaws.com",
        }
        for name, service in expected.items():
            role = iam.get_role(RoleName=sim.physical_id(name))["Role"]
            doc = role["AssumeRolePolicyDocument"]
            doc = json.loads(doc) if isinstance(doc, str) else doc
            assert doc["Statement"][0]["Principal"] == {"Service": service}, name
        attached = iam.list_attached_role_policies(RoleName=sim.physical_id("exec"))
        assert [p["PolicyName"] for p in attached["AttachedPolicies"]] == [
            "AmazonECSTaskExecutionRolePolicy"
        ]
        inline = iam.get_role_policy(
            RoleName=sim.physical_id("task"), PolicyName=sim.output("task-logs", "name")
        )["PolicyDocument"]
        inline = json.loads(inline) if isinstance(inline, str) else inline
        assert inline["Statement"][0]["Resource"] == f"{sim.output('logs', 'arn')}:*"

    def test_security_groups(self, sim: Simulation) -> None:
        ec2 = sim.client("ec2")
        alb_sg, task_sg = sim.physical_id("alb-sg"), sim.physical_id("task-sg")
        groups = {
            g["GroupId"]: g
            for g in ec2.describe_security_groups(GroupIds=[alb_sg, task_sg])["SecurityGroups"]
        }
        task_in = groups[task_sg]["IpPermissions"]
        assert task_in[0]["UserIdGroupPairs"][0]["GroupId"] == alb_sg
        assert task_in[0]["FromPort"] == 8080
        # AWS's default allow-all egress is removed, as Pulumi does: only declared rules remain
        alb_out = groups[alb_sg]["IpPermissionsEgress"]
        assert len(alb_out) == 1 and alb_out[0]["UserIdGroupPairs"][0]["GroupId"] == task_sg
        task_out = groups[task_sg]["IpPermissionsEgress"]
        assert [(p["FromPort"], p["IpRanges"][0]["CidrIp"]) for p in task_out] == [
            (443, "0.0.0.0/0")
        ]

    def test_autoscaling(self, sim: Simulation) -> None:
        aas = sim.client("application-autoscaling")
        resource_id = f"service/{sim.output('cluster', 'name')}/{sim.output('web', 'name')}"
        target = aas.describe_scalable_targets(ServiceNamespace="ecs", ResourceIds=[resource_id])[
            "ScalableTargets"
        ][0]
        assert (target["MinCapacity"], target["MaxCapacity"]) == (2, 10)
        policy = aas.describe_scaling_policies(ServiceNamespace="ecs", ResourceId=resource_id)[
            "ScalingPolicies"
        ][0]
        config = policy["TargetTrackingScalingPolicyConfiguration"]
        assert config["TargetValue"] == 60
        assert config["ScaleInCooldown"] == 300
        action = aas.describe_scheduled_actions(ServiceNamespace="ecs", ResourceId=resource_id)[
            "ScheduledActions"
        ][0]
        assert action["Schedule"] == "cron(0 22 * * ? *)"
        assert action["Timezone"] == "Europe/Paris"
        assert action["ScalableTargetAction"] == {"MinCapacity": 1, "MaxCapacity": 2}

    def test_queue_redrive_and_eventbridge_targets(self, sim: Simulation) -> None:
        sqs = sim.client("sqs")
        attrs = sqs.get_queue_attributes(
            QueueUrl=sim.output("jobs", "url"), AttributeNames=["All"]
        )["Attributes"]
        assert json.loads(attrs["RedrivePolicy"])["deadLetterTargetArn"] == sim.output(
            "jobs-dlq", "arn"
        )
        assert attrs["VisibilityTimeout"] == "120"
        assert attrs["SqsManagedSseEnabled"] == "true"
        dlq = sqs.get_queue_attributes(
            QueueUrl=sim.output("jobs-dlq", "url"), AttributeNames=["MessageRetentionPeriod"]
        )["Attributes"]
        assert dlq["MessageRetentionPeriod"] == "1209600"
        events = sim.client("events")
        targets = events.list_targets_by_rule(Rule=sim.output("nightly", "name"))["Targets"]
        by_arn = {t["Arn"]: t for t in targets}
        ecs_target = by_arn[sim.output("cluster", "arn")]
        assert ecs_target["RoleArn"] == sim.output("events", "arn")
        params = ecs_target["EcsParameters"]
        assert params["TaskDefinitionArn"] == sim.output("web-td", "arn")
        assert params["NetworkConfiguration"]["awsvpcConfiguration"]["Subnets"] == [
            sim.physical_id("priv-a")
        ]
        assert sim.output("jobs", "arn") in by_arn

    def test_json_and_text(self, sim: Simulation, stack_plan: Plan) -> None:
        data = sim.result.to_json()
        assert set(data) == {
            "created",
            "failed",
            "unsupported",
            "not_simulated",
            "warnings",
            "unverified",
            "external_ids",
        }
        assert json.loads(json.dumps(data)) == data
        text = render_simulation_text(sim.result)
        assert text.splitlines()[0].startswith(
            f"Simulated deploy (moto): {len(data['created'])} created, 0 failed"
        )
        assert "+ aws:ecs/service:Service web" in text


# --- failures: AWS's own checks, past our validation -------------------------------------
def simulate_program(program: Any) -> SimulationResult:
    return simulate(run_in_mocks(program, config={"aws:region": REGION}))


def small_vpc() -> aws.ec2.Vpc:
    return aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")


def test_overlapping_subnet_cidrs_fail_with_aws_error_and_dependants_are_not_attempted() -> None:
    def program() -> None:
        vpc = small_vpc()
        aws.ec2.Subnet("a", vpc_id=vpc.id, cidr_block="10.0.0.0/24", availability_zone="us-east-1a")
        b = aws.ec2.Subnet(
            "b", vpc_id=vpc.id, cidr_block="10.0.0.128/25", availability_zone="us-east-1b"
        )
        rt = aws.ec2.RouteTable("rt", vpc_id=vpc.id)
        aws.ec2.RouteTableAssociation("b-assoc", subnet_id=b.id, route_table_id=rt.id)

    result = simulate_program(program)
    error = result.error_of("b")
    assert error is not None and error.startswith("InvalidSubnet.Conflict:")
    assert "10.0.0.128/25" in error
    assert result.error_of("b-assoc") == f"dependency failed: {result.failed[0]['urn']}"
    assert len(result.created) == 3  # vpc, subnet a, route table
    text = render_simulation_text(result)
    assert "! aws:ec2/subnet:Subnet b" in text and "InvalidSubnet.Conflict" in text
    with pytest.raises(AssertionError, match=r"InvalidSubnet\.Conflict"):
        assert_simulates(run_in_mocks(program))


def test_subnet_outside_the_vpc_fails() -> None:
    def program() -> None:
        vpc = small_vpc()
        aws.ec2.Subnet("far", vpc_id=vpc.id, cidr_block="10.1.0.0/24")

    error = simulate_program(program).error_of("far")
    assert error is not None and error.startswith("InvalidSubnet.Range:")


def test_route_to_a_nat_gateway_that_does_not_exist_fails() -> None:
    def program() -> None:
        vpc = small_vpc()
        rt = aws.ec2.RouteTable("rt", vpc_id=vpc.id)
        aws.ec2.Route(
            "to-nat", route_table_id=rt.id, destination_cidr_block="0.0.0.0/0",
            nat_gateway_id="nat-0123456789abcdef0",
        )  # fmt: skip

    error = simulate_program(program).error_of("to-nat")
    assert error == (
        "InvalidNatGatewayID.NotFound: The natGateway ID 'nat-0123456789abcdef0' does not exist"
    )


def test_security_group_in_a_vpc_that_does_not_exist_fails() -> None:
    def program() -> None:
        aws.ec2.SecurityGroup("sg", vpc_id="vpc-0000000000000000a")

    error = simulate_program(program).error_of("sg")
    assert error is not None and error.startswith("InvalidVpcID.NotFound:")


def test_queue_redrive_to_a_missing_dead_letter_queue_fails() -> None:
    def program() -> None:
        missing = f"arn:aws:sqs:{REGION}:123456789012:nowhere"
        aws.sqs.Queue(
            "q", redrive_policy=json.dumps({"deadLetterTargetArn": missing, "maxReceiveCount": 3})
        )

    error = simulate_program(program).error_of("q")
    assert error is not None and "Could not find DLQ" in error


def test_malformed_trust_policy_and_unknown_managed_policy_fail() -> None:
    def program() -> None:
        role = aws.iam.Role("r", assume_role_policy="{not json")
        ok = aws.iam.Role("ok", assume_role_policy=trust("ecs-tasks.amazonaws.com"))
        aws.iam.RolePolicyAttachment(
            "typo",
            role=ok.name,
            policy_arn="arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicyy",
        )
        del role

    result = simulate_program(program)
    assert (result.error_of("r") or "").startswith("MalformedPolicyDocument:")
    assert (result.error_of("typo") or "").startswith("NoSuchEntity:")


def test_out_of_range_values_fail_in_the_sdk_with_its_message() -> None:
    def program() -> None:
        vpc = small_vpc()
        aws.lb.TargetGroup(
            "tg", port=80, protocol="HTTP", target_type="ip", vpc_id=vpc.id,
            health_check=aws.lb.TargetGroupHealthCheckArgs(path="/", interval=1),
        )  # fmt: skip

    error = simulate_program(program).error_of("tg") or ""
    assert error.startswith("ParamValidationError:") and "HealthCheckIntervalSeconds" in error


def fargate_service(
    name: str, cluster: aws.ecs.Cluster, *, deps: list[pulumi.Resource] | None = None, **extra: Any
) -> aws.ecs.Service:
    return aws.ecs.Service(
        name,
        cluster=cluster.arn,
        desired_count=1,
        capacity_provider_strategies=[
            aws.ecs.ServiceCapacityProviderStrategyArgs(capacity_provider="FARGATE_SPOT", weight=1)
        ],
        opts=pulumi.ResourceOptions(depends_on=deps or []),
        **extra,
    )


def spot_providers(cluster: aws.ecs.Cluster) -> aws.ecs.ClusterCapacityProviders:
    return aws.ecs.ClusterCapacityProviders(
        "cps", cluster_name=cluster.name, capacity_providers=["FARGATE", "FARGATE_SPOT"]
    )


def test_service_strategy_needs_providers_associated_with_the_cluster() -> None:
    def program() -> None:
        fargate_service("svc", aws.ecs.Cluster("cluster"))

    error = simulate_program(program).error_of("svc") or ""
    assert error.startswith("InvalidParameterException: The specified capacity provider strategy")
    assert "(FARGATE_SPOT)" in error


def test_service_racing_its_capacity_providers_fails() -> None:
    def racing() -> None:
        cluster = aws.ecs.Cluster("cluster")
        spot_providers(cluster)
        fargate_service("svc", cluster)

    def ordered() -> None:
        cluster = aws.ecs.Cluster("cluster")
        fargate_service("svc", cluster, deps=[spot_providers(cluster)])

    error = simulate_program(racing).error_of("svc") or ""
    assert "concurrently with" in error and "ClusterCapacityProviders::cps" in error
    assert simulate_program(ordered).failed == []


def test_service_with_both_launch_type_and_strategy_fails() -> None:
    def program() -> None:
        cluster = aws.ecs.Cluster("cluster")
        fargate_service("svc", cluster, deps=[spot_providers(cluster)], launch_type="FARGATE")

    error = simulate_program(program).error_of("svc") or ""
    assert error.startswith("InvalidParameterException: Specifying both a launch type")


def test_scaling_a_service_that_does_not_exist_fails() -> None:
    def program() -> None:
        aws.appautoscaling.Target(
            "t", service_namespace="ecs", scalable_dimension="ecs:service:DesiredCount",
            resource_id="service/nope/nope", min_capacity=1, max_capacity=2,
        )  # fmt: skip

    assert simulate_program(program).error_of("t") == "ClusterNotFoundException: Cluster not found."


# --- what is not simulated is listed ------------------------------------------------------
def test_unsupported_types_are_listed_not_skipped() -> None:
    table = "aws:dynamodb/table:Table"  # the library creates none; the simulator has no handler

    def program() -> None:
        aws.sqs.Queue("q")
        aws.dynamodb.Table(
            "t",
            hash_key="id",
            attributes=[{"name": "id", "type": "S"}],
            billing_mode="PAY_PER_REQUEST",
        )

    result = simulate_program(program)
    assert result.failed == []
    assert result.unsupported == [table]
    assert [n["type"] for n in result.not_simulated] == [table]
    assert f"? {table}" in render_simulation_text(result)
    assert result.to_json()["unsupported"] == [table]


def test_components_and_providers_are_not_deployed_but_their_children_are() -> None:
    class Net(pulumi.ComponentResource):
        def __init__(self, name: str) -> None:
            super().__init__("test:net:Net", name)
            self.vpc = aws.ec2.Vpc(
                f"{name}-vpc", cidr_block="10.0.0.0/16", opts=pulumi.ResourceOptions(parent=self)
            )
            self.register_outputs({})

    def program() -> None:
        provider = aws.Provider("eu", region="eu-west-1")
        net = Net("net")
        aws.ec2.Subnet(
            "s", vpc_id=net.vpc.id, cidr_block="10.0.1.0/24",
            opts=pulumi.ResourceOptions(depends_on=[net], provider=provider),
        )  # fmt: skip

    plan = run_in_mocks(program)
    result = simulate(plan)
    assert result.failed == [] and result.unsupported == []
    assert [u.rsplit("::", 1)[-1] for u in result.created] == ["net-vpc", "s"]


# --- the engine, on hand-made plans --------------------------------------------------------
def record(
    name: str, deps: tuple[str, ...] = (), *, custom: bool = True, parent: str | None = None
) -> ResourceRecord:
    return ResourceRecord(
        urn=name, type="test:index:Thing", name=name, id=f"mock-{name}-0123456789",
        parent=parent, custom=custom, inputs={"ref": [f"mock-{d}-0123456789" for d in deps]},
        outputs={}, depends_on=list(deps), property_dependencies={},
    )  # fmt: skip


def test_order_is_topological_with_registration_order_breaking_ties() -> None:
    records = [
        record("c", ("b",)),
        record("a"),
        record("comp", custom=False),
        record("b", ("comp",)),
        record("child", parent="comp"),
        record("d"),
    ]
    plan = Plan("p", "s", REGION, records)
    sim = Simulation(plan, {}, session=None)
    assert [r.name for r in sim.order()] == ["a", "child", "b", "c", "d"]


def test_mock_values_are_rewritten_whole_and_embedded() -> None:
    seen: dict[str, Any] = {}

    def handler(inputs: dict[str, Any], ctx: Any) -> dict[str, Any]:
        seen[ctx.record.name] = inputs
        return {"id": f"real-{ctx.record.name}"}

    records = [record("a"), record("b", ("a",))]
    records[1].inputs["doc"] = json.dumps({"Resource": "arn:x:mock-a-0123456789/*"})
    plan = Plan("p", "s", REGION, records)
    result = Simulation(plan, {"test:index:Thing": handler}, session=None).run()
    assert result.created == ["a", "b"]
    assert seen["b"]["ref"] == ["real-a"]
    assert json.loads(seen["b"]["doc"]) == {"Resource": "arn:x:real-a/*"}


def test_environment_is_restored_and_clients_refuse_to_leave_the_simulation() -> None:
    before = os.environ.get("AWS_ACCESS_KEY_ID")
    plan = run_in_mocks(lambda: small_vpc())
    with simulated(plan) as sim:
        assert os.environ["AWS_ACCESS_KEY_ID"] in ("testing", "FOOBARKEY")  # ours, or moto's
        assert os.environ["AWS_DEFAULT_REGION"] == REGION
        ec2 = sim.client("ec2")
        assert ec2.describe_vpcs(VpcIds=[sim.physical_id("vpc")])["Vpcs"]
    assert os.environ.get("AWS_ACCESS_KEY_ID") == before
    with pytest.raises(RuntimeError, match="refusing to send a request to real AWS"):
        ec2.describe_vpcs()
