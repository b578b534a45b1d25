"""Microservices on a shared platform: a shop on an existing ECS cluster and VPC whose ids
come from the platform team's stack (a StackReference).

- ``web``, ``api`` and ``cart`` share one HTTPS ALB (path routing); ``web`` and ``api`` call
  ``cart`` over Service Connect (``http://cart``), and only they may reach it.
- ``mqtt`` speaks TCP behind a Network Load Balancer (TLS terminated at the NLB).
- ``api`` deploys blue/green with alarms that roll it back; ``web`` deploys canary.
"""

import pulumi

from fargate_components import (
    CapacityStrategy,
    Container,
    Deployment,
    DeploymentAlarms,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    LoadBalancer,
    LoadBalancerArgs,
    Network,
    NetworkHealthCheck,
    NetworkListener,
    NetworkLoadBalancer,
    NetworkLoadBalancerArgs,
    PortMapping,
    Routing,
    ServiceConnect,
    ServiceConnectServer,
)
from fargate_components.tags import waiver_tag

config = pulumi.Config()
image = config.get("image") or "public.ecr.aws/nginx/nginx:1.27"
certificate_arn = config.require("certificateArn")
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
NLB_WAIVERS = {
    # MQTT devices connect from anywhere: the TLS listener is public by design.
    **waiver_tag(
        "FC-NET-101", "MQTT over TLS on 8883 is public by design: devices connect from anywhere"
    ),
    # Its access-log bucket (a TLS listener logs):
    **waiver_tag("CKV_AWS_145", "access logs encrypted with SSE-S3 in this starter"),
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
SERVICE_WAIVERS = {
    **LOG_WAIVERS,  # the Service Connect proxy's log group
    **waiver_tag(
        "FC-ALB-007", "TLS ends at the ALB: private tasks are reached over HTTP in the VPC"
    ),
}

# The platform team's stack: the VPC, the shared cluster and its Service Connect namespace.
platform = pulumi.StackReference(config.require("platformStack"))
net = Network.existing(
    platform.get_output("vpc_id"),
    platform.get_output("public_subnet_ids"),
    platform.get_output("private_subnet_ids"),
)
cluster = FargateCluster.existing(
    platform.get_output("cluster_arn"),
    default_strategy=CapacityStrategy.spot_from(3),  # tasks 1-2 on-demand, 3+ on Spot
    service_connect_namespace=platform.get_output("service_connect_namespace_arn"),
)


def task(name: str, port: int, app_protocol: str | None = "http") -> FargateTaskDefinition:
    return FargateTaskDefinition(
        name,
        FargateTaskDefinitionArgs(
            cpu="0.25 vCPU",
            memory="0.5 GB",
            containers=[
                Container(
                    name=name,
                    image=image,
                    port_mappings=[
                        PortMapping(container_port=port, name="http", app_protocol=app_protocol)
                    ],
                    # Read-only root (the default); nginx's cache, pid and temp paths are
                    # task-local scratch volumes.
                    writable_paths=["/var/cache/nginx", "/var/run", "/tmp"],
                )
            ],
            tags={**LOG_WAIVERS, **IMAGE_WAIVERS},
        ),
    )


alb = LoadBalancer(
    "shop", LoadBalancerArgs(network=net, certificate_arn=certificate_arn, tags=ALB_WAIVERS)
)

cart = FargateService(
    "cart",
    FargateServiceArgs(
        cluster=cluster,
        task_definition=task("cart", 8080),
        network=net,
        load_balancer=alb,
        routing=Routing(path_patterns=["/cart/*"]),
        service_connect=ServiceConnect(
            servers=[ServiceConnectServer(port_name="http", dns_name="cart", port=80)]
        ),
        tags=SERVICE_WAIVERS,
    ),
)
api = FargateService(
    "api",
    FargateServiceArgs(
        cluster=cluster,
        task_definition=task("api", 8080),
        network=net,
        load_balancer=alb,
        routing=Routing(path_patterns=["/api/*"]),
        calls=[cart],
        deployment=Deployment(strategy="BLUE_GREEN", bake_time=15),
        alarms=DeploymentAlarms(target_5xx_threshold=20),
        tags=SERVICE_WAIVERS,
    ),
)
web = FargateService(
    "web",
    FargateServiceArgs(
        cluster=cluster,
        task_definition=task("web", 8080),
        network=net,
        load_balancer=alb,  # the catch-all route
        calls=[cart],
        deployment=Deployment(strategy="CANARY", canary_percent=10, canary_bake_time=10),
        tags=SERVICE_WAIVERS,
    ),
)

nlb = NetworkLoadBalancer(
    "mqtt",
    NetworkLoadBalancerArgs(
        network=net,
        listeners=[NetworkListener(port=8883, protocol="TLS", certificate_arn=certificate_arn)],
        tags=NLB_WAIVERS,
    ),
)
mqtt = FargateService(
    "mqtt",
    FargateServiceArgs(
        cluster=cluster,
        task_definition=task("mqtt", 1883, app_protocol=None),
        network=net,
        load_balancer=nlb,
        health_check=NetworkHealthCheck(),
    ),
)

pulumi.export("url", alb.url)
pulumi.export("mqtt_endpoint", mqtt.url)
