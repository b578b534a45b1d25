"""Shared helpers of the handlers: cleaning wire inputs into boto3 parameters, tags, numbers, AWS errors."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ...recorder import SECRET_MARK, UNKNOWN_MARK
from ..context import Unsupported


# --- small helpers ----------------------------------------------------------------------
def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    """Drop ``None`` values (boto3 rejects them)."""
    return {k: v for k, v in data.items() if v is not None}


def _pascal(value: Any) -> Any:
    """camelCase keys (Pulumi's wire names) to PascalCase (most AWS query/JSON APIs)."""
    if isinstance(value, dict):
        return {k[:1].upper() + k[1:]: _pascal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_pascal(v) for v in value]
    return value


def _tags(
    inputs: Mapping[str, Any], key: str = "Key", value: str = "Value"
) -> list[dict[str, str]]:
    tags = inputs.get("tags") or {}
    return [{key: str(k), value: str(v)} for k, v in tags.items()]


def _tag_spec(inputs: Mapping[str, Any], resource_type: str) -> dict[str, Any]:
    tags = _tags(inputs)
    return {"TagSpecifications": [{"ResourceType": resource_type, "Tags": tags}]} if tags else {}


def _as_int(value: Any) -> int | None:
    return None if value is None or value == "" else int(value)


def _as_float(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def aws_error(code: str, message: str, operation: str) -> Exception:
    """An error in AWS's shape, for the few checks AWS makes and moto does not (each use
    says which): reported exactly like moto's own errors."""
    from botocore.exceptions import ClientError

    return ClientError({"Error": {"Code": code, "Message": message}}, operation)


def refuse_while_a_load_balancer_holds(ctx: Any, resource_id: str, operation: str) -> None:
    """DependencyViolation when a load balancer's network interfaces hold ``resource_id`` (a
    security group or a subnet): AWS refuses DeleteSecurityGroup for a group "associated
    with an instance or network interface" and DeleteSubnet while network interfaces are in
    the subnet (EC2 API reference, DeleteSecurityGroup and DeleteSubnet). moto's load
    balancers have no interfaces, so moto checks neither."""
    pages = ctx.client("elbv2").get_paginator("describe_load_balancers").paginate()
    for page in pages:
        for lb in page["LoadBalancers"]:
            subnets = [z.get("SubnetId") for z in lb.get("AvailabilityZones") or []]
            if resource_id in [*(lb.get("SecurityGroups") or []), *subnets]:
                raise aws_error(
                    "DependencyViolation",
                    f"resource {resource_id} has a dependent object (load balancer "
                    f"{lb['LoadBalancerName']})",
                    operation,
                )


def _known(value: Any, field: str) -> Any:
    """A value the replay needs whole: refuse secrets and unknowns (the plan does not hold
    them), rather than sending AWS the placeholder."""
    if value in (SECRET_MARK, UNKNOWN_MARK):
        what = "a secret" if value == SECRET_MARK else "unknown until deploy"
        raise Unsupported(f"{field} is {what}: the plan does not hold its value")
    return value


def _json_doc(value: Any, field: str = "policy") -> str:
    value = _known(value, field)
    return value if isinstance(value, str) else json.dumps(value)
