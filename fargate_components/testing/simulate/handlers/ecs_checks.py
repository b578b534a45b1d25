"""ECS service settings moto accepts but neither stores nor checks: deployment strategies
(blue/green, linear, canary), deployment alarms and Service Connect.

moto's CreateService drops ``serviceConnectConfiguration`` and everything in
``deploymentConfiguration`` but the percentages and the circuit breaker. botocore still
validates their shapes (the handler sends them); the rules below are the ones the ECS API
reference documents, checked against the moto state (the namespace, the target groups, the
listener rule, the roles and the alarms exist), and refused in AWS's error shape:

- ``DeploymentAlarms`` only with the ``ECS`` deployment controller
  (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentAlarms.html).
- ``bakeTimeInMinutes`` is required with ``BLUE_GREEN``; the traffic-shifting strategies need
  the alternate target group, the production listener rule and the role of each load
  balancer's ``advancedConfiguration``
  (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html,
  https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AdvancedConfiguration.html,
  "Required resources for Amazon ECS blue/green deployments").
- ``canaryPercent`` 0.1-100 and ``stepPercent`` 3.0-100 (multiples of 0.1), bake times
  0-1440 (API_CanaryConfiguration, API_LinearConfiguration; as in ``ecs/deployment.py``).
- Service Connect: the namespace exists in Cloud Map; each ``portName`` names a port mapping
  of the task definition; a ``discoveryName`` has at most 64 characters (lowercase letters,
  digits, ``_``, ``-``; not starting with ``-``) and is unique in the namespace; at most one
  client alias per service
  (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html).
  ECS creates the Cloud Map service of each entry in the namespace: so does the handler,
  which makes a second service claiming the same discovery name fail as in AWS.
- Task-attached EBS volumes (``volumeConfigurations``): moto neither stores nor creates them
  (not simulated: said in the run's warnings). Checked here: the volume is one the task
  definition declares with ``configuredAtLaunch`` ("This value must match the volume name from
  the Volume object in the task definition", ServiceVolumeConfiguration), and the
  infrastructure role (``roleArn``, required) exists in IAM.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..context import Ctx
from .common import _as_int, _clean, aws_error
from .servicediscovery import create_cloud_map_service

__all__ = [
    "check_deployment",
    "check_volume_configuration",
    "deployment_configuration",
    "service_connect",
]

TRAFFIC_SHIFTING = ("BLUE_GREEN", "LINEAR", "CANARY")
MAX_BAKE_MINUTES = 1440
DISCOVERY_NAME = re.compile(r"^[a-z0-9_][a-z0-9_-]{0,63}$")


def _refuse(message: str) -> Exception:
    return aws_error("InvalidParameterException", message, "CreateService")


def _float(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def deployment_configuration(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The service's ``deploymentConfiguration`` as CreateService takes it, from Pulumi's
    flat inputs (percentages, circuit breaker, ``alarms``) and its nested block."""
    given = inputs.get("deploymentConfiguration") or {}
    breaker = inputs.get("deploymentCircuitBreaker")
    alarms = inputs.get("alarms")
    canary = given.get("canaryConfiguration")
    linear = given.get("linearConfiguration")
    return _clean(
        {
            "maximumPercent": _as_int(inputs.get("deploymentMaximumPercent")),
            "minimumHealthyPercent": _as_int(inputs.get("deploymentMinimumHealthyPercent")),
            "deploymentCircuitBreaker": {
                "enable": bool(breaker.get("enable")),
                "rollback": bool(breaker.get("rollback")),
            }
            if breaker
            else None,
            "alarms": {
                "alarmNames": list(alarms.get("alarmNames") or []),
                "enable": bool(alarms.get("enable")),
                "rollback": bool(alarms.get("rollback")),
            }
            if alarms
            else None,
            "strategy": given.get("strategy"),
            "bakeTimeInMinutes": _as_int(given.get("bakeTimeInMinutes")),
            "canaryConfiguration": _clean(
                {
                    "canaryPercent": _float(canary.get("canaryPercent")),
                    "canaryBakeTimeInMinutes": _as_int(canary.get("canaryBakeTimeInMinutes")),
                }
            )
            if canary
            else None,
            "linearConfiguration": _clean(
                {
                    "stepPercent": _float(linear.get("stepPercent")),
                    "stepBakeTimeInMinutes": _as_int(linear.get("stepBakeTimeInMinutes")),
                }
            )
            if linear
            else None,
            "lifecycleHooks": [
                _clean(
                    {
                        "hookTargetArn": h.get("hookTargetArn"),
                        "roleArn": h.get("roleArn"),
                        "lifecycleStages": list(h.get("lifecycleStages") or []),
                    }
                )
                for h in given.get("lifecycleHooks") or []
            ]
            or None,
        }
    )


def _check_tenths(label: str, value: float | None, low: str) -> None:
    if value is None:
        return
    tenths = Decimal(str(value)) * 10
    if tenths != tenths.to_integral_value() or not Decimal(low) <= Decimal(str(value)) <= 100:
        raise _refuse(f"{label} must be a multiple of 0.1 from {low} to 100.0, got {value}")


def _check_bake(label: str, value: int | None) -> None:
    if value is not None and not 0 <= value <= MAX_BAKE_MINUTES:
        raise _refuse(f"{label} must be 0-{MAX_BAKE_MINUTES} minutes, got {value}")


def _check_advanced(ctx: Ctx, lb: Mapping[str, Any], strategy: str) -> None:
    """One load balancer of a traffic-shifting service: its advanced configuration names
    resources that exist (a second target group, the listener rule ECS re-weights, the
    infrastructure role ECS assumes)."""
    advanced = lb.get("advancedConfiguration") or {}
    missing = [
        k for k in ("alternateTargetGroupArn", "productionListenerRule", "roleArn")
        if not advanced.get(k)
    ]  # fmt: skip
    if missing:
        raise _refuse(
            f"a {strategy} deployment needs loadBalancers[].advancedConfiguration with "
            f"{', '.join(missing)}"
        )
    elbv2 = ctx.client("elbv2")
    elbv2.describe_target_groups(TargetGroupArns=[advanced["alternateTargetGroupArn"]])
    rule = advanced["productionListenerRule"]
    if ":listener-rule/" in rule:
        elbv2.describe_rules(RuleArns=[rule])
    else:  # a Network Load Balancer's listener
        elbv2.describe_listeners(ListenerArns=[rule])
    if advanced.get("testListenerRule") and ":listener-rule/" in advanced["testListenerRule"]:
        elbv2.describe_rules(RuleArns=[advanced["testListenerRule"]])
    ctx.client("iam").get_role(RoleName=advanced["roleArn"].rsplit("/", 1)[-1])


def check_deployment(ctx: Ctx, inputs: Mapping[str, Any], config: Mapping[str, Any]) -> None:
    """AWS's rules for the deployment strategy and alarms (module docstring)."""
    controller = (inputs.get("deploymentController") or {}).get("type") or "ECS"
    alarms = config.get("alarms")
    if alarms and controller != "ECS":
        raise _refuse("deployment alarms can only be used with the ECS deployment controller")
    if alarms:
        names = list(alarms["alarmNames"])
        found = ctx.client("cloudwatch").describe_alarms(AlarmNames=names)["MetricAlarms"]
        absent = sorted(set(names) - {a["AlarmName"] for a in found})
        if absent:  # AWS takes any name; the deployment then watches an alarm that never fires
            ctx.warn(
                f"deployment alarm(s) not in CloudWatch (this deploy creates none of that name): "
                f"{', '.join(absent)}"
            )
    strategy = config.get("strategy") or "ROLLING"
    if strategy not in TRAFFIC_SHIFTING:
        return
    if controller != "ECS":
        raise _refuse(f"the {strategy} strategy needs the ECS deployment controller")
    if strategy == "BLUE_GREEN" and config.get("bakeTimeInMinutes") is None:
        raise _refuse("bakeTimeInMinutes is required with the BLUE_GREEN strategy")
    _check_bake("bakeTimeInMinutes", config.get("bakeTimeInMinutes"))
    canary = config.get("canaryConfiguration") or {}
    linear = config.get("linearConfiguration") or {}
    _check_tenths("canaryPercent", canary.get("canaryPercent"), "0.1")
    _check_bake("canaryBakeTimeInMinutes", canary.get("canaryBakeTimeInMinutes"))
    _check_tenths("stepPercent", linear.get("stepPercent"), "3.0")
    _check_bake("stepBakeTimeInMinutes", linear.get("stepBakeTimeInMinutes"))
    balancers = inputs.get("loadBalancers") or []
    if not balancers and not inputs.get("serviceConnectConfiguration"):
        raise _refuse(f"a {strategy} deployment needs a load balancer or Service Connect")
    for lb in balancers:
        _check_advanced(ctx, lb, strategy)


def _namespace_id(ctx: Ctx, namespace: str) -> str:
    """A Cloud Map namespace by ARN or name, as ECS accepts it; refused when absent."""
    sd = ctx.client("servicediscovery")
    for ns in sd.list_namespaces()["Namespaces"]:
        if namespace in (ns["Arn"], ns["Name"], ns["Id"]):
            return str(ns["Id"])
    raise aws_error(
        "NamespaceNotFoundException", f"namespace {namespace} was not found", "CreateService"
    )


def _port_names(ctx: Ctx, task_definition: str | None) -> set[str]:
    if not task_definition:
        return set()
    found = ctx.client("ecs").describe_task_definition(taskDefinition=task_definition)
    return {
        p["name"]
        for c in found["taskDefinition"]["containerDefinitions"]
        for p in c.get("portMappings") or []
        if p.get("name")
    }


def _cluster_namespace(ctx: Ctx, cluster: str) -> str | None:
    found = ctx.client("ecs").describe_clusters(clusters=[cluster])["clusters"]
    defaults = found[0].get("serviceConnectDefaults") if found else None
    return (defaults or {}).get("namespace")


def service_connect(ctx: Ctx, inputs: Mapping[str, Any], cluster: str) -> dict[str, Any] | None:
    """Check the service's Service Connect configuration against AWS's rules, create the
    Cloud Map services ECS would, and return the configuration as CreateService takes it."""
    given = inputs.get("serviceConnectConfiguration")
    if not given or not given.get("enabled"):
        return None
    namespace = given.get("namespace") or _cluster_namespace(ctx, cluster)
    if not namespace:
        raise _refuse(
            "Service Connect needs a namespace: the service's or the cluster's "
            "serviceConnectDefaults"
        )
    namespace_id = _namespace_id(ctx, namespace)
    ports = _port_names(ctx, inputs.get("taskDefinition"))
    services = []
    for entry in given.get("services") or []:
        port_name = entry.get("portName")
        if port_name not in ports:
            raise _refuse(
                f"Service Connect portName {port_name!r} is not the name of a port mapping "
                f"of the task definition (named: {', '.join(sorted(ports)) or 'none'})"
            )
        discovery = entry.get("discoveryName") or port_name
        if not DISCOVERY_NAME.match(discovery):
            raise _refuse(
                f"discoveryName {discovery!r}: up to 64 lowercase letters, digits, '_' or "
                "'-', not starting with '-'"
            )
        aliases = entry.get("clientAlias") or []
        if len(aliases) > 1:
            raise _refuse(f"Service Connect service {discovery!r}: at most one client alias")
        # ECS creates the discovery name's Cloud Map service (unique in the namespace).
        create_cloud_map_service(ctx, discovery, namespace_id)
        services.append(
            _clean(
                {
                    "portName": port_name,
                    "discoveryName": entry.get("discoveryName"),
                    "ingressPortOverride": _as_int(entry.get("ingressPortOverride")),
                    "clientAliases": [
                        _clean({"port": int(a["port"]), "dnsName": a.get("dnsName")})
                        for a in aliases
                    ]
                    or None,
                }
            )
        )
    return _clean(
        {
            "enabled": True,
            "namespace": namespace,
            "services": services or None,
            "logConfiguration": given.get("logConfiguration"),
        }
    )


def check_volume_configuration(ctx: Ctx, inputs: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The service's ``volumeConfigurations`` in the API's shape (botocore validates it),
    after AWS's cross-resource rules (module docstring); the volume itself is not simulated."""
    config = inputs.get("volumeConfiguration")
    if not config:
        return []
    name = config.get("name")
    task = ctx.client("ecs").describe_task_definition(taskDefinition=inputs["taskDefinition"])
    volumes = task["taskDefinition"].get("volumes") or []
    if not any(v.get("name") == name and v.get("configuredAtLaunch") for v in volumes):
        raise _refuse(
            f"volume {name!r} is not a volume of the task definition configured at launch"
        )
    managed = dict(config.get("managedEbsVolume") or {})
    role = str(managed.get("roleArn") or "")
    if not role:
        raise _refuse("managedEBSVolume.roleArn is required")
    ctx.client("iam").get_role(RoleName=role.rsplit("/", 1)[-1])  # NoSuchEntity as in AWS
    ctx.warn(
        f"the task-attached EBS volume {name!r} is not simulated: moto's ECS creates no "
        "volumes (its name and infrastructure role were checked)"
    )
    wire = {
        "roleArn": role,
        "encrypted": managed.get("encrypted"),
        "kmsKeyId": managed.get("kmsKeyId"),
        "volumeType": managed.get("volumeType"),
        "sizeInGiB": _as_int(managed.get("sizeInGb")),
        "snapshotId": managed.get("snapshotId"),
        "iops": _as_int(managed.get("iops")),
        "throughput": _as_int(managed.get("throughput")),
        "filesystemType": managed.get("fileSystemType"),
        "tagSpecifications": [
            _clean({"resourceType": t.get("resourceType"), "propagateTags": t.get("propagateTags")})
            for t in managed.get("tagSpecifications") or []
        ]
        or None,
    }
    return [{"name": name, "managedEBSVolume": _clean(wire)}]
