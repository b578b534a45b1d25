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
    Domain,
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
# Public images by tag (FC-ECS-012: a tag is not a digest, and a public repository's tags
# move): pin image@sha256:<digest> of the image you tested; it is not knowable offline.
IMAGE_WAIVERS = {
    **waiver_tag("FC-ECS-012", "public image by tag: pin image@sha256 of the image you tested"),
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
image = config.get("image") or "public.ecr.aws/nginx/nginx:1.27"

network = Network.existing(
    config.require("vpcId"),
    public_subnet_ids=config.require_object("publicSubnetIds"),
    private_subnet_ids=config.require_object("privateSubnetIds"),
)

cluster = FargateCluster("apps", FargateClusterArgs(tags=tags))

internal = config.get_bool("internal") or False
# HTTPS on a domain (a DNS-validated certificate, alias records, HTTP redirecting): the dev
# stack's domain and zone are placeholders. Else your certificateArn; an internal ALB may
# serve plain HTTP inside the VPC.
domain_name = config.get("domain")
certificate_arn = config.get("certificateArn") or None
if not (domain_name or certificate_arn or internal):
    raise ValueError("set `domain` and `zoneName`, or `certificateArn` (HTTPS on the internet)")
alb = LoadBalancer(
    "edge",
    LoadBalancerArgs(
        network=network,
        internal=internal,
        domain=Domain(name=domain_name, zone_name=config.require("zoneName"))
        if domain_name
        else None,
        certificate_arn=None if domain_name else certificate_arn,
        tags={**tags, **ALB_WAIVERS},
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
            tags={**tags, **LOG_WAIVERS, **IMAGE_WAIVERS},
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
        tags={**tags, **TARGET_WAIVERS},
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
        tags={**tags, **TARGET_WAIVERS},
    ),
)

pulumi.export("url", web.url)
pulumi.export("api_url", api.url)
pulumi.export("cluster_name", cluster.name)
