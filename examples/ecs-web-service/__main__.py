"""A web service on ECS Fargate behind a public Application Load Balancer,
serving HTTPS on a domain.

- a network (one NAT gateway per AZ; the dev stack uses a single one),
- a cluster whose default strategy keeps 1 task on-demand and splits the rest 1:4 with Spot,
- an nginx-like service on 0.5 vCPU / 1 GB behind the ALB,
- autoscaling 2-10 tasks on CPU 50 % and on requests per target, scaled up ahead of
  weekday mornings (Fargate tasks take 30-60 s to start).
"""

import pulumi

from fargate_components import (
    Autoscaling,
    CapacityStrategy,
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
    NetworkArgs,
    ScheduledScaling,
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

network = Network(
    "net",
    NetworkArgs(nat_gateways=config.get("natGateways") or "one_per_az", tags=tags),
)

cluster = FargateCluster(
    "apps",
    FargateClusterArgs(
        # The first task always on-demand; the rest 1 on-demand : 4 Spot.
        default_strategy=CapacityStrategy.mixed(base=1, on_demand_weight=1, spot_weight=4),
        tags=tags,
    ),
)

web = FargateTaskDefinition(
    "web",
    FargateTaskDefinitionArgs(
        cpu="0.5 vCPU",
        memory="1 GB",
        containers=[
            Container(
                name="web",
                image=config.get("image") or "public.ecr.aws/nginx/nginx:1.27",
                port_mappings=[80],
                # Spot gives two minutes' notice; drain well inside it.
                stop_timeout=30,
                # The root filesystem is read-only (the default); nginx writes its cache,
                # pid file and temp files here, each a task-local scratch volume.
                writable_paths=["/var/cache/nginx", "/var/run", "/tmp"],
            )
        ],
        tags={**tags, **LOG_WAIVERS, **IMAGE_WAIVERS},
    ),
)

# HTTPS on a domain: the library requests a DNS-validated certificate in the Route 53 zone,
# points the names at the ALB and redirects HTTP to HTTPS (the dev stack's domain is a
# placeholder: set yours with `pulumi config set domain api.yours.com` and `zoneName`).
# Without a domain, give your own ACM certificate: `pulumi config set certificateArn arn:...`.
domain_name = config.get("domain")
alb = LoadBalancer(
    "web",
    LoadBalancerArgs(
        network=network,
        domain=Domain(name=domain_name, zone_name=config.require("zoneName"))
        if domain_name
        else None,
        certificate_arn=None if domain_name else config.require("certificateArn"),
        tags={**tags, **ALB_WAIVERS},
    ),
)

service = FargateService(
    "web",
    FargateServiceArgs(
        cluster=cluster,
        task_definition=web,
        network=network,
        load_balancer=alb,
        health_check=TargetHealthCheck(path="/"),
        autoscaling=Autoscaling(
            min_capacity=config.get_int("minTasks") or 2,
            max_capacity=config.get_int("maxTasks") or 10,
            cpu_target=50,
            requests_per_target=1000,
            schedules=[
                ScheduledScaling(
                    name="weekday-morning",
                    schedule="cron(30 7 ? * MON-FRI *)",
                    timezone="Europe/Paris",
                    min_capacity=4,
                ),
                ScheduledScaling(
                    name="weekday-evening",
                    schedule="cron(0 20 ? * MON-FRI *)",
                    timezone="Europe/Paris",
                    min_capacity=config.get_int("minTasks") or 2,
                ),
            ],
        ),
        tags={**tags, **TARGET_WAIVERS},
    ),
)

pulumi.export("url", service.url)
pulumi.export("service_name", service.name)
pulumi.export("cluster_name", cluster.name)
pulumi.export("vpc_id", network.vpc_id)
