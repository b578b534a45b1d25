"""Elastic Load Balancing v2: load balancers, target groups, listeners, rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..context import Ctx, Out, Unsupported
from .common import (
    _as_int,
    _clean,
    _pascal,
    _tags,
)


# --- ELBv2 -------------------------------------------------------------------------------
def _elb_attributes(attributes: Mapping[str, Any]) -> list[dict[str, str]]:
    """ELBv2 ``Attributes`` pairs: values as strings (booleans lower case), unset ones left out."""
    return [
        {"Key": k, "Value": str(v).lower() if isinstance(v, bool) else str(v)}
        for k, v in attributes.items()
        if v is not None
    ]


#: A load balancer's inputs that are ELBv2 attributes (ModifyLoadBalancerAttributes).
LOAD_BALANCER_ATTRIBUTES = (
    "idleTimeout",
    "enableDeletionProtection",
    "dropInvalidHeaderFields",
    "enableHttp2",
    "accessLogs",
    "enableCrossZoneLoadBalancing",
)


def load_balancer_attributes(inputs: Mapping[str, Any]) -> list[dict[str, str]]:
    """The attributes a load balancer's inputs set, as ModifyLoadBalancerAttributes takes
    them (on create, and again on an update)."""
    attributes = {
        "idle_timeout.timeout_seconds": inputs.get("idleTimeout"),
        "deletion_protection.enabled": inputs.get("enableDeletionProtection"),
        "routing.http.drop_invalid_header_fields.enabled": inputs.get("dropInvalidHeaderFields"),
        "routing.http2.enabled": inputs.get("enableHttp2"),
    }
    if inputs.get("loadBalancerType") in ("network", "gateway"):
        # an ALB's cross-zone balancing is always on (a target group setting); a network or
        # gateway load balancer's is this attribute (ELBv2 API reference,
        # LoadBalancerAttribute: load_balancing.cross_zone.enabled)
        attributes["load_balancing.cross_zone.enabled"] = inputs.get("enableCrossZoneLoadBalancing")
    logs = inputs.get("accessLogs") or {}
    attributes["access_logs.s3.enabled"] = bool(logs.get("enabled"))
    if logs.get("enabled"):
        attributes["access_logs.s3.bucket"] = logs.get("bucket")
        attributes["access_logs.s3.prefix"] = logs.get("prefix")
    return _elb_attributes(attributes)


def load_balancer(inputs: dict[str, Any], ctx: Ctx) -> Out:
    elb = ctx.client("elbv2")
    name = ctx.name()
    lb = elb.create_load_balancer(
        Name=name,
        Type=inputs.get("loadBalancerType", "application"),
        Scheme="internal" if inputs.get("internal") else "internet-facing",
        **_clean(
            {
                "Subnets": inputs.get("subnets"),
                "SubnetMappings": [_pascal(m) for m in inputs.get("subnetMappings") or []] or None,
                "SecurityGroups": inputs.get("securityGroups"),
                "IpAddressType": inputs.get("ipAddressType"),
                "Tags": _tags(inputs) or None,
            }
        ),
    )["LoadBalancers"][0]
    pairs = load_balancer_attributes(inputs)
    arn = lb["LoadBalancerArn"]
    if pairs:
        elb.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=pairs)
    return {
        "id": arn,
        "arn": arn,
        "arnSuffix": arn.split(":loadbalancer/", 1)[-1],
        "dnsName": lb["DNSName"],
        "zoneId": lb.get("CanonicalHostedZoneId"),
        "name": name,
    }


def target_group(inputs: dict[str, Any], ctx: Ctx) -> Out:
    elb = ctx.client("elbv2")
    name = ctx.name()
    target_type = inputs.get("targetType", "instance")
    args = _clean(
        {
            "Name": name,
            "Protocol": inputs.get("protocol"),
            "ProtocolVersion": inputs.get("protocolVersion"),
            "Port": _as_int(inputs.get("port")),
            "VpcId": inputs.get("vpcId"),
            "TargetType": target_type,
            "IpAddressType": inputs.get("ipAddressType"),
            **health_check(inputs),
            "Tags": _tags(inputs) or None,
        }
    )
    group = elb.create_target_group(**args)["TargetGroups"][0]
    arn = group["TargetGroupArn"]
    pairs = target_group_attributes(inputs)
    if pairs:
        elb.modify_target_group_attributes(TargetGroupArn=arn, Attributes=pairs)
    return {
        "id": arn,
        "arn": arn,
        "arnSuffix": arn.split(":", 5)[-1],
        "name": name,
    }


#: A target group's inputs that are ELBv2 attributes (ModifyTargetGroupAttributes).
TARGET_GROUP_ATTRIBUTES = (
    "deregistrationDelay",
    "slowStart",
    "loadBalancingAlgorithmType",
    "stickiness",
)


def health_check(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """A target group's ``healthCheck`` as CreateTargetGroup / ModifyTargetGroup take it."""
    hc = inputs.get("healthCheck") or {}
    return _clean(
        {
            "HealthCheckEnabled": hc.get("enabled"),
            "HealthCheckProtocol": hc.get("protocol"),
            "HealthCheckPort": None if hc.get("port") is None else str(hc["port"]),
            "HealthCheckPath": hc.get("path"),
            "HealthCheckIntervalSeconds": _as_int(hc.get("interval")),
            "HealthCheckTimeoutSeconds": _as_int(hc.get("timeout")),
            "HealthyThresholdCount": _as_int(hc.get("healthyThreshold")),
            "UnhealthyThresholdCount": _as_int(hc.get("unhealthyThreshold")),
            "Matcher": {"HttpCode": hc["matcher"]} if hc.get("matcher") else None,
        }
    )


def target_group_attributes(inputs: Mapping[str, Any]) -> list[dict[str, str]]:
    """The attributes a target group's inputs set (ModifyTargetGroupAttributes)."""
    attributes: dict[str, Any] = {
        "deregistration_delay.timeout_seconds": inputs.get("deregistrationDelay"),
        "slow_start.duration_seconds": inputs.get("slowStart"),
        "load_balancing.algorithm.type": inputs.get("loadBalancingAlgorithmType"),
    }
    stickiness = inputs.get("stickiness") or {}
    if stickiness.get("enabled"):
        attributes["stickiness.enabled"] = True
        attributes["stickiness.type"] = stickiness.get("type")
        attributes["stickiness.lb_cookie.duration_seconds"] = stickiness.get("cookieDuration")
    return _elb_attributes(attributes)


def _action(action: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"Type": action["type"]}
    if action.get("order") is not None:
        out["Order"] = int(action["order"])
    if action.get("targetGroupArn"):
        out["TargetGroupArn"] = action["targetGroupArn"]
    forward = action.get("forward")
    if forward:
        config: dict[str, Any] = {
            "TargetGroups": [
                _clean({"TargetGroupArn": g["arn"], "Weight": _as_int(g.get("weight"))})
                for g in forward.get("targetGroups") or []
            ]
        }
        sticky = forward.get("stickiness")
        if sticky:
            config["TargetGroupStickinessConfig"] = _clean(
                {
                    "Enabled": bool(sticky.get("enabled")),
                    "DurationSeconds": _as_int(sticky.get("duration")),
                }
            )
        out["ForwardConfig"] = config
    if action.get("redirect"):
        redirect = dict(action["redirect"])
        if "port" in redirect:
            redirect["port"] = str(redirect["port"])
        out["RedirectConfig"] = _pascal(redirect)
    if action.get("fixedResponse"):
        out["FixedResponseConfig"] = _pascal(action["fixedResponse"])
    for key in ("authenticateCognito", "authenticateOidc"):
        if action.get(key):
            raise Unsupported(f"{key} listener actions")
    return out


#: A listener's inputs that ModifyListener changes in place.
LISTENER_SETTINGS = (
    "defaultActions",
    "protocol",
    "port",
    "sslPolicy",
    "certificateArn",
    "alpnPolicy",
)


def _certificates(inputs: Mapping[str, Any]) -> list[str]:
    return [inputs["certificateArn"]] if inputs.get("certificateArn") else []


def listener_settings(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """A listener's actions, protocol, port and TLS settings (CreateListener, ModifyListener)."""
    certificate = inputs.get("certificateArn")
    return _clean(
        {
            "DefaultActions": [_action(a) for a in inputs.get("defaultActions") or []],
            "Protocol": inputs.get("protocol"),
            "Port": _as_int(inputs.get("port")),
            "SslPolicy": inputs.get("sslPolicy"),
            "Certificates": [{"CertificateArn": certificate}] if certificate else None,
            "AlpnPolicy": [inputs["alpnPolicy"]] if inputs.get("alpnPolicy") else None,
        }
    )


def listener(inputs: dict[str, Any], ctx: Ctx) -> Out:
    from .dns import check_listener_certificates

    check_listener_certificates(ctx, _certificates(inputs), "CreateListener")
    answer = ctx.client("elbv2").create_listener(
        LoadBalancerArn=inputs["loadBalancerArn"],
        **listener_settings(inputs),
        **_clean({"Tags": _tags(inputs) or None}),
    )
    arn = answer["Listeners"][0]["ListenerArn"]
    return {"id": arn, "arn": arn}


_CONDITIONS = {
    "hostHeader": ("host-header", "HostHeaderConfig"),
    "pathPattern": ("path-pattern", "PathPatternConfig"),
    "httpRequestMethod": ("http-request-method", "HttpRequestMethodConfig"),
    "sourceIp": ("source-ip", "SourceIpConfig"),
}


def _condition(condition: Mapping[str, Any]) -> dict[str, Any]:
    for key, (field, config) in _CONDITIONS.items():
        if condition.get(key):
            return {"Field": field, config: {"Values": list(condition[key]["values"])}}
    if condition.get("httpHeader"):
        header = condition["httpHeader"]
        return {
            "Field": "http-header",
            "HttpHeaderConfig": {
                "HttpHeaderName": header["httpHeaderName"],
                "Values": list(header["values"]),
            },
        }
    if condition.get("queryStrings"):
        return {
            "Field": "query-string",
            "QueryStringConfig": {"Values": [_pascal(q) for q in condition["queryStrings"]]},
        }
    raise ValueError(f"listener rule condition with no known field: {sorted(condition)}")


def listener_rule(inputs: dict[str, Any], ctx: Ctx) -> Out:
    answer = ctx.client("elbv2").create_rule(
        ListenerArn=inputs["listenerArn"],
        Priority=int(inputs["priority"]) if inputs.get("priority") is not None else 1,
        Conditions=[_condition(c) for c in inputs.get("conditions") or []],
        Actions=[_action(a) for a in inputs.get("actions") or []],
        **_clean({"Tags": _tags(inputs) or None}),
    )
    arn = answer["Rules"][0]["RuleArn"]
    return {"id": arn, "arn": arn}


def target_group_attachment(inputs: dict[str, Any], ctx: Ctx) -> Out:
    target = _clean(
        {
            "Id": inputs["targetId"],
            "Port": _as_int(inputs.get("port")),
            "AvailabilityZone": inputs.get("availabilityZone"),
        }
    )
    ctx.client("elbv2").register_targets(TargetGroupArn=inputs["targetGroupArn"], Targets=[target])
    return {"id": f"{inputs['targetGroupArn']}-{inputs['targetId']}"}
