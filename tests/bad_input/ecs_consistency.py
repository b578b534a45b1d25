"""Bad inputs that are each fine alone and wrong together: a service and the load balancer,
file system or callee it is wired to in different VPCs; two containers of one task on one
port; autoscaling targets outside what Application Auto Scaling accepts (docs/validation.md,
"Cross-resource consistency")."""

from __future__ import annotations

from typing import Any

from fargate_components import (
    Autoscaling,
    Container,
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
    MountPoint,
    Network,
    NetworkArgs,
    NetworkListener,
    NetworkLoadBalancer,
    NetworkLoadBalancerArgs,
    PortMapping,
    ServiceAutoscaling,
    ServiceAutoscalingArgs,
    ServiceConnect,
    ServiceConnectServer,
    Volume,
    WorkQueue,
    WorkQueueArgs,
)
from fargate_components.ecs.scheduled_task_component import ScheduledTask, ScheduledTaskArgs
from fargate_components.ecs.volumes import EfsVolume
from tests.bad_input import BadInput

A = "FargateServiceArgs"
#: A load balancer without its access-log bucket and web ACL (cheaper to plan; not judged).
_LEAN: dict[str, Any] = {"access_logs_bucket": None, "waf": None}


#: A key of another region than the suite's stack (us-east-1).
_EU_KEY = "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-0000-1111-2222-333344445555"


def _net(vpc: str = "vpc-1") -> Any:
    n = vpc[-1]
    return Network.existing(vpc, [f"subnet-{n}a", f"subnet-{n}b"], [f"subnet-{n}c", f"subnet-{n}d"])


def _task(name: str = "web", **kwargs: Any) -> FargateTaskDefinition:
    values: dict[str, Any] = {
        "cpu": 256,
        "memory": 512,
        "containers": [Container(name=name, image="nginx", port_mappings=[8080])],
        **kwargs,
    }
    return FargateTaskDefinition(name, FargateTaskDefinitionArgs(**values))


def _service(name: str = "web", *, network: Any = None, **kwargs: Any) -> FargateService:
    values: dict[str, Any] = {
        "cluster": FargateCluster(f"{name}-c"),
        "task_definition": _task(name),
        "network": network or _net(),
        **kwargs,
    }
    return FargateService(name, FargateServiceArgs(**values))


def _efs_task(network: Any) -> FargateTaskDefinition:
    fs = FileSystem("shared", FileSystemArgs(network=network))
    mount = MountPoint(volume="data", path="/data")
    return _task(
        volumes=[fs.volume("data")],
        containers=[
            Container(name="web", image="nginx", port_mappings=[8080], mount_points=[mount])
        ],
    )


def _two_networks() -> FargateService:
    """Two Network components: two VPCs this program creates (no peering between them)."""
    cheap = NetworkArgs(az_count=2, nat_gateways="single", flow_logs=False)
    lb = LoadBalancer("lb", LoadBalancerArgs(network=Network("edge", cheap), **_LEAN))
    return _service(network=Network("apps", cheap), load_balancer=lb)


def _calls_other_vpc() -> FargateService:
    """The callee runs on vpc-2, its caller (same cluster, same namespace) on vpc-1."""
    cluster = FargateCluster("c", FargateClusterArgs(service_connect_namespace="shop.local"))
    port = PortMapping(container_port=8080, name="http")
    callee = _service(
        "cart",
        cluster=cluster,
        task_definition=_task(
            "cart", containers=[Container(name="cart", image="nginx", port_mappings=[port])]
        ),
        network=_net("vpc-2"),
        service_connect=ServiceConnect(servers=[ServiceConnectServer(port_name="http")]),
    )
    return _service(cluster=cluster, calls=[callee])


def _scheduled_efs_other_vpc() -> ScheduledTask:
    return ScheduledTask(
        "nightly",
        ScheduledTaskArgs(
            cluster=FargateCluster("c"),
            task_definition=_efs_task(_net("vpc-2")),
            network=_net(),
            schedule="cron(0 2 * * ? *)",
        ),
    )


def _dns_service(listener: Any, mapping: str, **kwargs: Any) -> FargateService:
    """A DNS service whose container maps port 53 over ``mapping`` behind ``listener``."""
    port = PortMapping(container_port=53, protocol=mapping)
    task = _task("dns", containers=[Container(name="dns", image="coredns", port_mappings=[port])])
    return _service("dns", task_definition=task, load_balancer=listener, **kwargs)


def _nlb(protocol: str) -> NetworkLoadBalancer:
    listener = NetworkListener(port=53, protocol=protocol)
    return NetworkLoadBalancer("nlb", NetworkLoadBalancerArgs(network=_net(), listeners=[listener]))


CASES = [
    # A user's service on the apps VPC behind an ALB built on the edge VPC planned cleanly;
    # the deploy failed on the security-group reference and the target registration.
    BadInput(
        "consistency-service-alb-other-vpc",
        lambda: _service(
            network=_net("vpc-2"),
            load_balancer=LoadBalancer("lb", LoadBalancerArgs(network=_net(), **_LEAN)),
        ),
        f"{A}.load_balancer",
    ),
    BadInput("consistency-service-alb-other-network", _two_networks, f"{A}.load_balancer"),
    BadInput(
        "consistency-service-existing-alb-other-vpc",
        lambda: _service(
            load_balancer=LoadBalancer.existing(
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shared/"
                "50dc6c495c0c9188/f2f7dc8efc522ab2",
                "sg-0123456789abcdef0",
                vpc_id="vpc-9",
            )
        ),
        f"{A}.load_balancer",
    ),
    BadInput(
        "consistency-service-nlb-other-vpc",
        lambda: _service(
            network=_net("vpc-2"),
            load_balancer=NetworkLoadBalancer(
                "nlb",
                NetworkLoadBalancerArgs(network=_net(), listeners=[NetworkListener(port=8080)]),
            ),
        ),
        f"{A}.load_balancer",
    ),
    # A user's CoreDNS behind a UDP listener, its port mapping left at the default tcp,
    # planned silently: ECS registered port 53 for a UDP target group (and the reverse).
    BadInput(
        "consistency-service-udp-listener-tcp-port",
        lambda: _dns_service(_nlb("UDP"), "tcp"),
        f"{A}.load_balancer",
    ),
    BadInput(
        "consistency-service-tcp-listener-udp-port",
        lambda: _dns_service(_nlb("TCP"), "udp", listener_port=53),
        f"{A}.listener_port",
    ),
    BadInput(
        "consistency-service-alb-udp-port",
        lambda: _dns_service(LoadBalancer("lb", LoadBalancerArgs(network=_net(), **_LEAN)), "udp"),
        f"{A}.load_balancer",
    ),
    # A user's ALB on the apps Network given the edge VPC's subnet ids (copied from the
    # console) planned silently; ELB refused the subnets of another VPC at deploy.
    BadInput(
        "consistency-alb-subnets-not-of-network",
        lambda: LoadBalancer(
            "lb",
            LoadBalancerArgs(network=_net(), subnet_ids=["subnet-1a", "subnet-2a"], **_LEAN),
        ),
        "LoadBalancerArgs.subnet_ids[1]",
    ),
    BadInput(
        "consistency-nlb-subnets-not-of-own-network",
        lambda: NetworkLoadBalancer(
            "nlb",
            NetworkLoadBalancerArgs(
                network=Network(
                    "apps", NetworkArgs(az_count=2, nat_gateways="single", flow_logs=False)
                ),
                subnet_ids=["subnet-0edge"],
                listeners=[NetworkListener(port=8080)],
            ),
        ),
        "NetworkLoadBalancerArgs.subnet_ids[0]",
    ),
    # A key ARN copied from the eu-west-1 stack into a us-east-1 one planned silently; the
    # log group (and the queue) were refused at deploy: a key encrypts only in its region.
    BadInput(
        "consistency-flow-logs-key-other-region",
        lambda: Network("net", NetworkArgs(az_count=2, flow_logs_kms_key_arn=_EU_KEY)),
        "NetworkArgs.flow_logs_kms_key_arn",
    ),
    BadInput(
        "consistency-queue-key-other-region",
        lambda: WorkQueue("jobs", WorkQueueArgs(kms_key_arn=_EU_KEY)),
        "WorkQueueArgs.kms_key_arn",
    ),
    BadInput(
        "consistency-service-efs-other-vpc",
        lambda: _service(task_definition=_efs_task(_net("vpc-2"))),
        f"{A}.task_definition",
    ),
    BadInput(
        "consistency-scheduled-efs-other-vpc",
        _scheduled_efs_other_vpc,
        "ScheduledTaskArgs.task_definition",
    ),
    BadInput("consistency-service-calls-other-vpc", _calls_other_vpc, f"{A}.calls[0]"),
    BadInput(
        "consistency-efs-volume-network-not-network",
        lambda: _task(
            volumes=[
                Volume(
                    name="data",
                    efs=EfsVolume(file_system_id="fs-0123456789abcdef0", network="vpc-1"),
                )
            ]
        ),
        "FargateTaskDefinitionArgs.volumes[0].efs.network",
    ),
    # Two containers of one task on one port: both bind the task's one network interface,
    # and the second fails at run time (a user's app and metrics sidecar both on 8080).
    BadInput(
        "consistency-task-two-containers-one-port",
        lambda: _task(
            containers=[
                Container(name="web", image="nginx", port_mappings=[8080]),
                Container(name="metrics", image="nginx", port_mappings=[8080]),
            ]
        ),
        "Container(name='metrics').port_mappings[0]",
    ),
    BadInput(
        "consistency-task-two-containers-one-port-udp",
        lambda: _task(
            containers=[
                Container(name="web", image="nginx", port_mappings=[8080]),
                Container(
                    name="dns",
                    image="coredns/coredns",
                    port_mappings=[PortMapping(container_port=8080, protocol="udp")],
                ),
            ]
        ),
        "Container(name='dns').port_mappings[0]",
    ),
    BadInput(
        "consistency-container-port-two-protocols",
        lambda: Container(
            name="dns",
            image="coredns/coredns",
            port_mappings=[
                PortMapping(container_port=53, protocol="tcp"),
                PortMapping(container_port=53, protocol="udp"),
            ],
        ),
        "Container(name='dns').port_mappings[1]",
    ),
    # Two port mappings named "http": Service Connect's port_name="http" picked one silently.
    BadInput(
        "consistency-task-port-name-twice",
        lambda: _task(
            containers=[
                Container(
                    name="web",
                    image="nginx",
                    port_mappings=[PortMapping(container_port=8080, name="http")],
                ),
                Container(
                    name="admin",
                    image="nginx",
                    port_mappings=[PortMapping(container_port=9090, name="http")],
                ),
            ]
        ),
        "Container(name='admin').port_mappings[0].name",
    ),
    BadInput(
        "consistency-container-port-name-twice",
        lambda: _task(
            containers=[
                Container(
                    name="web",
                    image="nginx",
                    port_mappings=[
                        PortMapping(container_port=8080, name="http"),
                        PortMapping(container_port=8081, name="http"),
                    ],
                )
            ]
        ),
        "Container(name='web').port_mappings[1].name",
    ),
    BadInput(
        "consistency-container-port-name-uppercase",
        lambda: Container(
            name="web",
            image="nginx",
            port_mappings=[PortMapping(container_port=8080, name="HTTP")],
        ),
        "Container(name='web').port_mappings[0].name",
    ),
    # A user's Autoscaling(cpu_target=0.6) planned silently: 0.6 % CPU keeps the service
    # at max_capacity (they meant 60).
    BadInput(
        "consistency-autoscaling-cpu-fraction",
        lambda: _service(autoscaling=Autoscaling(max_capacity=4, cpu_target=0.6)),
        f"{A}.autoscaling.cpu_target",
    ),
    BadInput(
        "consistency-autoscaling-memory-fraction",
        lambda: ServiceAutoscaling(
            "api",
            ServiceAutoscalingArgs(
                cluster_name="apps", service_name="api", max_capacity=4, memory_target=0.75
            ),
        ),
        "ServiceAutoscalingArgs.memory_target",
    ),
    BadInput(
        "consistency-autoscaling-allow-below-one-unused",
        lambda: Autoscaling(max_capacity=4, cpu_target=60, allow_target_below_one=True).validate(),
        "Autoscaling.allow_target_below_one",
    ),
    BadInput(
        "consistency-autoscaling-requests-infinite",
        lambda: Autoscaling(max_capacity=4, requests_per_target=float("inf")).validate(),
        "Autoscaling.requests_per_target",
    ),
    BadInput(
        "consistency-autoscaling-backlog-nan",
        lambda: Autoscaling(
            max_capacity=4, queue_backlog_target=float("nan"), queue_name="jobs"
        ).validate(),
        "Autoscaling.queue_backlog_target",
    ),
]
