"""From a Dockerfile to an HTTPS URL on ECS Fargate.

- the image is built from ``app/Dockerfile`` for the tasks' architecture (ARM64 here) and
  pushed to an ECR repository the program creates (scan on push, immutable tags, KMS, a
  lifecycle policy keeping 10 images and one build cache); tasks run it by digest;
- ``https://<domain>``: a DNS-validated ACM certificate in the Route 53 zone, an alias record
  to the ALB, HTTPS on 443 and HTTP redirected to it;
- the tasks in private subnets (egress through NAT), 2 of them, on-demand.
"""

import pulumi

from fargate_components import (
    CapacityStrategy,
    Container,
    Domain,
    FargateCluster,
    FargateClusterArgs,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    ImageBuild,
    LoadBalancer,
    LoadBalancerArgs,
    Network,
    NetworkArgs,
    TargetHealthCheck,
)

config = pulumi.Config()
tags = {"project": pulumi.get_project(), "stack": pulumi.get_stack()}

network = Network("net", NetworkArgs(nat_gateways=config.get("natGateways") or "single", tags=tags))
# ARM64 tasks run on-demand only (Fargate Spot is Linux X86_64 only).
cluster = FargateCluster(
    "apps", FargateClusterArgs(default_strategy=CapacityStrategy.on_demand(), tags=tags)
)

hello = FargateTaskDefinition(
    "hello",
    FargateTaskDefinitionArgs(
        cpu="0.25 vCPU",
        memory="0.5 GB",
        architecture=config.get("architecture") or "ARM64",
        containers=[
            Container(
                name="hello",
                # Built where `pulumi up` runs (Docker with BuildKit), cached in the repository.
                image=ImageBuild(context="app"),
                port_mappings=[8080],
            )
        ],
        tags=tags,
    ),
)

alb = LoadBalancer(
    "hello",
    LoadBalancerArgs(
        network=network,
        domain=Domain(name=config.require("domain"), zone_name=config.require("zoneName")),
        tags=tags,
    ),
)

service = FargateService(
    "hello",
    FargateServiceArgs(
        cluster=cluster,
        task_definition=hello,
        network=network,
        load_balancer=alb,
        desired_count=2,
        health_check=TargetHealthCheck(path="/healthz"),
        tags=tags,
    ),
)

pulumi.export("url", service.url)
pulumi.export("image", hello.images["hello"].image_uri)
pulumi.export("repository_url", hello.images["hello"].repository_url)
