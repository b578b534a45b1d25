"""Jobs sharing one EFS file system on ECS Fargate: a Spot queue worker writes results, a
nightly scheduled task compacts them, a web service serves them read-only.

- a network (one NAT gateway per AZ; the dev stack uses a single one),
- a cluster that logs ECS Exec sessions; every task here has Exec on (``exec_cluster``),
- an encrypted, protected EFS file system with a mount target per private subnet, backups,
  a TLS-only policy and one access point (``/jobs``, POSIX user 1000:1000),
- an SQS work queue and a Spot worker (on-demand base) that mounts the access point
  read-write, with 110 s to finish after SIGTERM and a queue visibility timeout above that,
- a nightly ``ScheduledTask`` on Spot that mounts the same access point read-write,
- a web service (nginx) behind an ALB with a read-only root, bind scratch volumes for the
  paths nginx writes, the results mounted read-only, and a FireLens (Fluent Bit) sidecar
  shipping its logs to CloudWatch.

Every task role gets exactly what its mounts and sidecars need: ``ClientMount`` (plus
``ClientWrite`` for the writers) through the access point, the log router's two log
actions on its own log group, the ECS Exec channel and the cluster's Exec log group.
"""

import pulumi

from fargate_components import (
    AccessPointSpec,
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
    FileSystem,
    FileSystemArgs,
    LoadBalancer,
    LoadBalancerArgs,
    LogRouter,
    MountPoint,
    Network,
    NetworkArgs,
    ScheduledTask,
    ScheduledTaskArgs,
    TargetHealthCheck,
    WorkQueue,
    WorkQueueArgs,
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
EFS_WAIVERS = {
    **waiver_tag(
        "CKV_AWS_184", "encrypted with the AWS managed key: kms_key_arn for a key of your own"
    ),
}
job_seconds = config.get_int("jobSeconds") or 300
worker_image = config.get("workerImage") or "public.ecr.aws/docker/library/python:3.12-slim"

network = Network(
    "net",
    NetworkArgs(nat_gateways=config.get("natGateways") or "one_per_az", tags=tags),
)

spot_with_base = CapacityStrategy.mixed(base=1, on_demand_weight=0, spot_weight=1)
cluster = FargateCluster("jobs", FargateClusterArgs(default_strategy=spot_with_base, tags=tags))

shared = FileSystem(
    "shared",
    FileSystemArgs(
        network=network,
        access_points=[AccessPointSpec(name="jobs", path="/jobs", uid=1000, gid=1000)],
        tags={**tags, **EFS_WAIVERS},
    ),
)
results = shared.volume("results", access_point="jobs")

queue = WorkQueue(
    "work",
    WorkQueueArgs(visibility_timeout_seconds=2 * job_seconds, max_receive_count=5, tags=tags),
)

# -- the Spot queue worker --------------------------------------------------------------
worker = FargateTaskDefinition(
    "worker",
    FargateTaskDefinitionArgs(
        cpu="0.5 vCPU",
        memory="1 GB",
        exec_cluster=cluster,
        volumes=[results],
        containers=[
            Container(
                name="worker",
                image=worker_image,
                command=["python", "-m", "worker"],
                user="1000:1000",
                environment={"QUEUE_URL": queue.url, "RESULTS_DIR": "/results"},
                # Spot's notice is 120 s: SIGTERM, then SIGKILL after stopTimeout.
                stop_timeout=110,
                mount_points=[MountPoint(volume="results", path="/results")],
            )
        ],
        task_policy_statements=[queue.consumer_statement()],
        intended_strategy=spot_with_base,
        tags={**tags, **LOG_WAIVERS, **IMAGE_WAIVERS},
    ),
)
FargateService(
    "worker",
    FargateServiceArgs(
        cluster=cluster,
        task_definition=worker,
        network=network,
        capacity_strategy=spot_with_base,
        autoscaling=Autoscaling(
            min_capacity=1,
            max_capacity=config.get_int("maxWorkers") or 10,
            queue_backlog_target=100,
            queue_name=queue.name,
            scale_in_cooldown=300,
            scale_out_cooldown=60,
        ),
        tags=tags,
    ),
)

# -- the nightly job ------------------------------------------------------------------------
nightly = FargateTaskDefinition(
    "nightly",
    FargateTaskDefinitionArgs(
        cpu="1 vCPU",
        memory="2 GB",
        exec_cluster=cluster,
        volumes=[results],
        containers=[
            Container(
                name="compact",
                image=worker_image,
                command=["python", "-m", "compact", "/results"],
                user="1000:1000",
                stop_timeout=110,
                mount_points=[MountPoint(volume="results", path="/results")],
            )
        ],
        intended_strategy=CapacityStrategy.spot(),
        tags={**tags, **LOG_WAIVERS, **IMAGE_WAIVERS},
    ),
)
ScheduledTask(
    "nightly",
    ScheduledTaskArgs(
        cluster=cluster,
        task_definition=nightly,
        network=network,
        schedule="cron(0 2 * * ? *)",
        timezone=config.get("timezone") or "Europe/Paris",
        capacity_strategy=CapacityStrategy.spot(),
        retry_attempts=2,
        tags=tags,
    ),
)

# -- the web service: read-only root, scratch volumes, results read-only, FireLens ---------
web = FargateTaskDefinition(
    "web",
    FargateTaskDefinitionArgs(
        cpu="0.5 vCPU",
        memory="1 GB",
        exec_cluster=cluster,
        volumes=[results],
        log_router=LogRouter(),
        containers=[
            Container(
                name="web",
                image=config.get("webImage") or "public.ecr.aws/nginx/nginx:1.27",
                port_mappings=[80],
                stop_timeout=30,
                writable_paths=["/var/cache/nginx", "/var/run", "/tmp"],
                mount_points=[
                    MountPoint(volume="results", path="/usr/share/nginx/html", read_only=True)
                ],
            )
        ],
        tags={**tags, **LOG_WAIVERS, **IMAGE_WAIVERS},
    ),
)

# HTTPS on a domain (a DNS-validated certificate, alias records, HTTP redirecting): the dev
# stack's domain and zone are placeholders. Without a domain, set certificateArn instead.
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
        desired_count=2,
        tags={**tags, **TARGET_WAIVERS},
    ),
)

pulumi.export("url", service.url)
pulumi.export("queue_url", queue.url)
pulumi.export("file_system_id", shared.id)
pulumi.export("cluster_name", cluster.name)
