"""A queue worker on ECS Fargate: mostly Spot, one task on-demand, scaling on the backlog.

- a network (one NAT gateway per AZ; the dev stack uses a single one),
- an SQS work queue (SSE, long polling) with a dead-letter queue after 5 receives,
- a cluster whose strategy keeps the first task on-demand and every further task on Spot,
- a worker task (0.5 vCPU / 1 GB) allowed exactly to consume that queue, with 110 s to
  finish its job after SIGTERM (Fargate Spot gives a two-minute notice),
- a service with no load balancer and no inbound rules, scaling 1..N tasks to keep
  ``backlogPerTask`` messages waiting per running task.
"""

import pulumi

from fargate_components import (
    Autoscaling,
    CapacityStrategy,
    Container,
    FargateCluster,
    FargateClusterArgs,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    Network,
    NetworkArgs,
    WorkQueue,
    WorkQueueArgs,
)
from fargate_components.tags import waiver_tag

config = pulumi.Config()
tags = {"project": pulumi.get_project(), "stack": pulumi.get_stack()}
# Accepted on purpose: what `fargate-components plan --scan checkov` reports here, each as a
# waiver tag with its reason (listed as waived in the plan; README, "Checkov").
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
job_seconds = config.get_int("jobSeconds") or 300

network = Network(
    "net",
    NetworkArgs(nat_gateways=config.get("natGateways") or "one_per_az", tags=tags),
)

# On-demand base, the rest Spot: the first task is never interrupted, every further task
# runs at the Spot discount.
strategy = CapacityStrategy.mixed(base=1, on_demand_weight=0, spot_weight=1)
cluster = FargateCluster("workers", FargateClusterArgs(default_strategy=strategy, tags=tags))

jobs = WorkQueue(
    "jobs",
    WorkQueueArgs(
        # A job in progress stays hidden from other workers for twice its longest run.
        visibility_timeout_seconds=2 * job_seconds,
        max_receive_count=5,
        tags=tags,
    ),
)

worker = FargateTaskDefinition(
    "worker",
    FargateTaskDefinitionArgs(
        cpu="0.5 vCPU",
        memory="1 GB",
        containers=[
            Container(
                name="worker",
                image=config.get("image") or "public.ecr.aws/docker/library/python:3.12-slim",
                # Replace with your worker: poll QUEUE_URL, delete each message when done,
                # and on SIGTERM stop receiving and finish (or release) the job in hand.
                command=["python", "-m", "worker"],
                environment={"QUEUE_URL": jobs.url},
                # Spot interrupts with a two-minute notice: SIGTERM, then SIGKILL after
                # stopTimeout. 110 s leaves a margin inside the 120 s.
                stop_timeout=110,
                # The root filesystem is read-only (the default); /tmp is scratch space.
                writable_paths=["/tmp"],
            )
        ],
        task_policy_statements=[jobs.consumer_statement()],
        intended_strategy=strategy,
        tags={**tags, **LOG_WAIVERS, **IMAGE_WAIVERS},
    ),
)

service = FargateService(
    "worker",
    FargateServiceArgs(
        cluster=cluster,
        task_definition=worker,
        network=network,
        capacity_strategy=strategy,
        autoscaling=Autoscaling(
            # At least one task: backlog per task has no value with none running.
            min_capacity=config.get_int("minTasks") or 1,
            max_capacity=config.get_int("maxTasks") or 20,
            queue_backlog_target=config.get_int("backlogPerTask") or 100,
            queue_name=jobs.name,
            # Scale in slowly: a task stopped mid-job gives its message back to the queue.
            scale_in_cooldown=300,
            scale_out_cooldown=60,
        ),
        tags=tags,
    ),
)

pulumi.export("queue_url", jobs.url)
pulumi.export("dead_letter_queue_url", jobs.dead_letter_url)
pulumi.export("service_name", service.name)
pulumi.export("cluster_name", cluster.name)
