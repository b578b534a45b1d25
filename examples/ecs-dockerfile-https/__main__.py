"""From a Dockerfile to an HTTPS URL on ECS Fargate.

- the image is built from ``app/Dockerfile`` for the tasks' architecture (ARM64 here) and
  pushed to an ECR repository the program creates (scan on push, immutable tags, KMS, a
  lifecycle policy keeping 10 images and one build cache); tasks run it by its content tag,
  as fixed as a digest in that repository and known at the first preview;
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
from fargate_components.tags import waiver_tag

config = pulumi.Config()
tags = {"project": pulumi.get_project(), "stack": pulumi.get_stack()}
# Accepted on purpose: what `fargate-components plan --scan checkov` reports here, each as a
# waiver tag with its reason (listed as waived in the plan; README, "Checkov").
ALB_WAIVERS = {
    **waiver_tag("CKV_AWS_260", "port 80 only redirects to HTTPS"),
    **waiver_tag(
        "CKV2_AWS_76",
        "KnownBadInputs blocks Log4j: AnonymousIpList would also block VPN and cloud-hosted clients",
    ),
    **waiver_tag("CKV_AWS_145", "ALB access logs support SSE-S3 only - ELB user guide"),
    **waiver_tag("CKV_AWS_18", "this bucket holds access logs: logging it needs one more bucket"),
    **waiver_tag(
        "CKV_AWS_144", "access logs stay in the region: replicate them for disaster recovery"
    ),
    **waiver_tag("CKV2_AWS_62", "nothing consumes access-log object events"),
}
LOG_WAIVERS = {
    **waiver_tag(
        "CKV_AWS_338", "application logs kept 30 days: log_retention_days=365 for audit data"
    ),
    **waiver_tag(
        "CKV_AWS_158", "encrypted by CloudWatch Logs: log_kms_key_arn for a key of your own"
    ),
}
TARGET_WAIVERS = {
    **waiver_tag(
        "FC-ALB-007", "TLS ends at the ALB: private tasks are reached over HTTP in the VPC"
    ),
}
IMAGE_WAIVERS = {
    **waiver_tag(
        "CKV_AWS_51", "tags immutable except the buildcache tag: IMMUTABLE_WITH_EXCLUSION"
    ),
}

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
        tags={**tags, **LOG_WAIVERS, **IMAGE_WAIVERS},
    ),
)

alb = LoadBalancer(
    "hello",
    LoadBalancerArgs(
        network=network,
        domain=Domain(name=config.require("domain"), zone_name=config.require("zoneName")),
        tags={**tags, **ALB_WAIVERS},
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
        tags={**tags, **TARGET_WAIVERS},
    ),
)

pulumi.export("url", service.url)
pulumi.export("image", hello.images["hello"].image_uri)
pulumi.export("image_digest", hello.images["hello"].digest_uri)
pulumi.export("repository_url", hello.images["hello"].repository_url)
