"""Two ECS Fargate services behind one load balancer, in a VPC that already exists.

Nothing of the network is created: ``Network.existing(...)`` wraps the VPC and subnet ids
from config, and every component takes it like a ``Network`` it built.

- a cluster (first task on-demand, the rest 1 : 4 with Spot),
- a load balancer in the existing public subnets (or internal, in the private ones),
- ``web`` (the catch-all route) and ``api`` (``/api/*``), each 0.25 vCPU / 0.5 GB, two
  tasks, in the existing private subnets without public IPs, reachable only from the
  load balancer.
"""

import pulumi

from fargate_components import (
    Container,
    FargateCluster,
    FargateClusterArgs,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    LoadBalancer,
    LoadBalancerArgs,
    Network,
    Routing,
    TargetHealthCheck,
)
from fargate_components.tags import waiver_tag

config = pulumi.Config()
tags = {"project": pulumi.get_project(), "stack": pulumi.get_stack()}
image = config.get("image") or "public.ecr.aws/nginx/nginx:1.27"

network = Network.existing(
    config.require("vpcId"),
    public_subnet_ids=config.require_object("publicSubnetIds"),
    private_subnet_ids=config.require_object("privateSubnetIds"),
)

cluster = FargateCluster("apps", FargateClusterArgs(tags=tags))

certificate_arn = config.get("certificateArn") or None
internal = config.get_bool("internal") or False
alb_tags = dict(tags)
if certificate_arn is None and not internal:
    # FC-ALB-001 (HTTPS only on internet-facing listeners) is an error without a
    # certificate: waived here with its reason. Set certificateArn and drop the waiver.
    alb_tags.update(waiver_tag("FC-ALB-001", "no certificate configured - set certificateArn"))
alb = LoadBalancer(
    "edge",
    LoadBalancerArgs(
        network=network, internal=internal, certificate_arn=certificate_arn, tags=alb_tags
    ),
)


def task(name: str) -> FargateTaskDefinition:
    return FargateTaskDefinition(
        name,
        FargateTaskDefinitionArgs(
            cpu=256,
            memory=512,
            containers=[
                Container(
                    name=name,
                    image=image,
                    port_mappings=[80],
                    stop_timeout=30,
                    # Read-only root filesystem (the default): nginx writes only here.
                    writable_paths=["/var/cache/nginx", "/var/run", "/tmp"],
                )
            ],
            tags=tags,
        ),
    )


web = FargateService(
    "web",
    FargateServiceArgs(
        cluster=cluster,
        task_definition=task("web"),
        network=network,
        load_balancer=alb,
        health_check=TargetHealthCheck(path="/"),
        desired_count=2,
        tags=tags,
    ),
)
api = FargateService(
    "api",
    FargateServiceArgs(
        cluster=cluster,
        task_definition=task("api"),
        network=network,
        load_balancer=alb,
        routing=Routing(path_patterns=["/api/*"]),
        health_check=TargetHealthCheck(path="/"),
        desired_count=2,
        tags=tags,
    ),
)

pulumi.export("url", web.url)
pulumi.export("api_url", api.url)
pulumi.export("cluster_name", cluster.name)
