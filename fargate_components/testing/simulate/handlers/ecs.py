"""ECS: clusters, capacity providers, task definitions, services."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ....ecs.capacity import StrategyItem
from ..context import Ctx, Out
from .common import (
    _as_int,
    _clean,
    _known,
    _pascal,
    _tags,
    aws_error,
)
from .ecs_checks import (
    check_deployment,
    check_volume_configuration,
    deployment_configuration,
    service_connect,
)


# --- ECS ---------------------------------------------------------------------------------
def _strategy(items: Any) -> list[dict[str, Any]]:
    """A capacity provider strategy as ECS's API takes it, read through the one strategy
    model (``ecs.capacity.StrategyItem.from_wire``: absent base/weight are 0, as in ECS)."""
    return [StrategyItem.from_wire(s).to_wire() for s in items or []]


def ecs_cluster(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    cluster = ctx.client("ecs").create_cluster(
        clusterName=name,
        **_clean(
            {
                "settings": [
                    {"name": s["name"], "value": s["value"]} for s in inputs.get("settings") or []
                ]
                or None,
                "serviceConnectDefaults": _clean(dict(inputs["serviceConnectDefaults"]))
                if inputs.get("serviceConnectDefaults")
                else None,
                # executeCommandConfiguration, managedStorageConfiguration: the wire names
                # are CreateCluster's (ECS API reference, ClusterConfiguration)
                "configuration": inputs.get("configuration") or None,
                "tags": _tags(inputs, "key", "value") or None,
            }
        ),
    )["cluster"]
    return {"id": cluster["clusterArn"], "arn": cluster["clusterArn"], "name": name}


def ecs_cluster_capacity_providers(inputs: dict[str, Any], ctx: Ctx) -> Out:
    cluster = inputs["clusterName"]
    ctx.client("ecs").put_cluster_capacity_providers(
        cluster=cluster,
        capacityProviders=list(inputs.get("capacityProviders") or []),
        defaultCapacityProviderStrategy=_strategy(inputs.get("defaultCapacityProviderStrategies")),
    )
    ctx.sim.notes.setdefault("ecs-capacity-providers", {})[cluster] = ctx.record.urn
    return {"id": cluster}


def _volume(v: Mapping[str, Any]) -> dict[str, Any]:
    volume: dict[str, Any] = {"name": v["name"]}
    if v.get("hostPath"):
        volume["host"] = {"sourcePath": v["hostPath"]}
    if v.get("efsVolumeConfiguration"):
        efs = dict(v["efsVolumeConfiguration"])
        if "transitEncryptionPort" in efs:
            efs["transitEncryptionPort"] = int(efs["transitEncryptionPort"])
        volume["efsVolumeConfiguration"] = efs
    if v.get("configureAtLaunch") is not None:
        volume["configuredAtLaunch"] = v["configureAtLaunch"]
    return volume


def ecs_task_definition(inputs: dict[str, Any], ctx: Ctx) -> Out:
    definitions = _known(inputs["containerDefinitions"], "containerDefinitions")
    if isinstance(definitions, str):
        definitions = json.loads(definitions)
    platform = inputs.get("runtimePlatform")
    storage = inputs.get("ephemeralStorage")
    answer = ctx.client("ecs").register_task_definition(
        family=inputs["family"],
        containerDefinitions=definitions,
        **_clean(
            {
                "taskRoleArn": inputs.get("taskRoleArn"),
                "executionRoleArn": inputs.get("executionRoleArn"),
                "networkMode": inputs.get("networkMode"),
                "cpu": None if inputs.get("cpu") is None else str(inputs["cpu"]),
                "memory": None if inputs.get("memory") is None else str(inputs["memory"]),
                "requiresCompatibilities": inputs.get("requiresCompatibilities"),
                "runtimePlatform": dict(platform) if platform else None,
                "ephemeralStorage": {"sizeInGiB": int(storage["sizeInGib"])} if storage else None,
                "volumes": [_volume(v) for v in inputs.get("volumes") or []] or None,
                "pidMode": inputs.get("pidMode"),
                "ipcMode": inputs.get("ipcMode"),
                "tags": _tags(inputs, "key", "value") or None,
            }
        ),
    )["taskDefinition"]
    arn = answer["taskDefinitionArn"]
    return {
        "id": inputs["family"],
        "arn": arn,
        "arnWithoutRevision": arn.rsplit(":", 1)[0],
        "revision": answer["revision"],
    }


def _awsvpc(network: Mapping[str, Any], *, upper: bool = False) -> dict[str, Any]:
    assign = network.get("assignPublicIp")
    config = _clean(
        {
            "subnets": list(network.get("subnets") or []),
            "securityGroups": list(network.get("securityGroups") or []) or None,
            "assignPublicIp": None if assign is None else ("ENABLED" if assign else "DISABLED"),
        }
    )
    return _pascal(config) if upper else config


def _check_service_strategy(
    ecs: Any, cluster: str, strategy: list[dict[str, Any]], launch_type: str | None
) -> None:
    """Two checks AWS makes on CreateService that moto does not: a capacity provider
    strategy excludes a launch type, and every provider in it must already be associated
    with the cluster (PutClusterCapacityProviders, i.e. ``ClusterCapacityProviders``).
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-capacity-providers.html
    """
    if not strategy:
        return
    if launch_type:
        raise aws_error(
            "InvalidParameterException",
            "Specifying both a launch type and capacity provider strategy is not supported. "
            "Remove one and try again.",
            "CreateService",
        )
    found = ecs.describe_clusters(clusters=[cluster])["clusters"]
    if not found:
        return  # CreateService reports the missing cluster itself
    associated = set(found[0].get("capacityProviders") or [])
    missing = [s["capacityProvider"] for s in strategy if s["capacityProvider"] not in associated]
    if missing:
        raise aws_error(
            "InvalidParameterException",
            "The specified capacity provider strategy cannot contain a capacity provider that "
            f"is not associated with the cluster ({', '.join(missing)}). Associate the capacity "
            "provider with the cluster or specify a valid capacity provider and try again.",
            "CreateService",
        )


def _check_association_is_awaited(ctx: Ctx, cluster: str, strategy: list[dict[str, Any]]) -> None:
    """The replay is sequential, a real deploy is not: Pulumi creates a service and the
    ``ClusterCapacityProviders`` of its cluster concurrently unless the service depends on
    it, and CreateService then fails (see ``_check_service_strategy``) whenever it wins."""
    if not strategy:
        return
    associated_by = ctx.sim.notes.get("ecs-capacity-providers", {})
    name = cluster.rsplit("/", 1)[-1]
    urn = associated_by.get(name) or associated_by.get(cluster)
    if urn and urn not in ctx.upstream():
        raise aws_error(
            "InvalidParameterException",
            "The specified capacity provider strategy cannot contain a capacity provider that "
            f"is not associated with the cluster (a real deploy creates this service "
            f"concurrently with {urn}, which associates them: make the service depend on it)",
            "CreateService",
        )


def _service_load_balancers(inputs: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A service's ``loadBalancers`` as CreateService takes them."""
    return [
        _clean(
            {
                "targetGroupArn": lb.get("targetGroupArn"),
                "loadBalancerName": lb.get("elbName"),
                "containerName": lb.get("containerName"),
                "containerPort": _as_int(lb.get("containerPort")),
            }
        )
        for lb in inputs.get("loadBalancers") or []
    ]


def _service_registries(inputs: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A service's ``serviceRegistries`` (one object or a list) as CreateService takes them."""
    given = inputs.get("serviceRegistries")
    return [
        _clean(
            {
                "registryArn": r.get("registryArn"),
                "port": _as_int(r.get("port")),
                "containerName": r.get("containerName"),
                "containerPort": _as_int(r.get("containerPort")),
            }
        )
        for r in ([given] if isinstance(given, dict) else given or [])
    ]


def _service_load_balancers_with_advanced(inputs: Mapping[str, Any]) -> list[dict[str, Any]]:
    """``loadBalancers`` with each one's blue/green ``advancedConfiguration``."""
    out = _service_load_balancers(inputs)
    for lb, given in zip(out, inputs.get("loadBalancers") or [], strict=True):
        advanced = given.get("advancedConfiguration")
        if advanced:
            lb["advancedConfiguration"] = _clean(dict(advanced))
    return out


def ecs_service(inputs: dict[str, Any], ctx: Ctx) -> Out:
    """CreateService; the settings moto drops (deployment strategy, alarms, Service
    Connect) are checked with AWS's rules in ``ecs_checks.py`` first."""
    name = ctx.name()
    deployment = deployment_configuration(inputs)
    network = inputs.get("networkConfiguration")
    controller = inputs.get("deploymentController")
    cluster = inputs.get("cluster", "default")
    strategy = _strategy(inputs.get("capacityProviderStrategies"))
    ecs = ctx.client("ecs")
    _check_service_strategy(ecs, cluster, strategy, inputs.get("launchType"))
    _check_association_is_awaited(ctx, cluster, strategy)
    check_deployment(ctx, inputs, deployment)
    connect = service_connect(ctx, inputs, cluster)
    volumes = check_volume_configuration(ctx, inputs)
    # moto's CreateService ignores these settings (its UpdateService keeps them): send them
    # in both, so the SDK validates them and an operator's DescribeServices shows them.
    later = _clean(
        {
            "capacityProviderStrategy": strategy or None,
            "deploymentConfiguration": deployment or None,
            "healthCheckGracePeriodSeconds": _as_int(inputs.get("healthCheckGracePeriodSeconds")),
            "enableExecuteCommand": inputs.get("enableExecuteCommand"),
        }
    )
    service = ecs.create_service(
        cluster=cluster,
        serviceName=name,
        **later,
        **_clean(
            {
                "taskDefinition": inputs.get("taskDefinition"),
                "desiredCount": _as_int(inputs.get("desiredCount")),
                "launchType": inputs.get("launchType"),
                "platformVersion": inputs.get("platformVersion"),
                "networkConfiguration": {"awsvpcConfiguration": _awsvpc(network)}
                if network
                else None,
                "loadBalancers": _service_load_balancers_with_advanced(inputs) or None,
                "serviceRegistries": _service_registries(inputs) or None,
                "serviceConnectConfiguration": connect,
                "volumeConfigurations": volumes or None,
                "schedulingStrategy": inputs.get("schedulingStrategy"),
                "deploymentController": {"type": controller["type"]} if controller else None,
                "enableECSManagedTags": inputs.get("enableEcsManagedTags"),
                "propagateTags": inputs.get("propagateTags"),
                "availabilityZoneRebalancing": inputs.get("availabilityZoneRebalancing"),
                "tags": _tags(inputs, "key", "value") or None,
            }
        ),
    )["service"]
    if later:
        ecs.update_service(cluster=cluster, service=name, **later)
    return {"id": service["serviceArn"], "arn": service["serviceArn"], "name": name}
