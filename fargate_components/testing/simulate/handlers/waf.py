"""AWS WAF (v2): web ACLs and their association with an ALB.

moto emulates ``CreateWebACL`` and ``AssociateWebACL`` but checks neither a rate-based rule's
limit and window nor what is associated. AWS refuses a ``Limit`` outside 10-2,000,000,000 and
an ``EvaluationWindowSec`` other than 60, 120, 300 or 600 (WAFV2 API model, ``RateLimit``;
developer guide, "Rate-based rule high-level settings"), and associates a REGIONAL web ACL
only with a resource of its region that exists (``AssociateWebACL``:
``WAFNonexistentItemException``, ``WAFInvalidParameterException``), so those are checked here;
and it deletes a web ACL only once nothing is associated with it (``DeleteWebACL``:
``WAFAssociatedItemException``). Updates send the whole web ACL (``UpdateWebACL``, with the
lock token), tags go through ``TagResource`` (``tagging.py``).

Logging configurations (``PutLoggingConfiguration``): moto stores any destination. AWS takes
one destination per web ACL whose name starts with ``aws-waf-logs-`` (WAFV2 API reference,
``LoggingConfiguration``), so the handler refuses another name, a second destination, a web
ACL that doesn't exist and a log group that doesn't exist (the error code AWS returns for a
missing log group is not in the stored docs: ``WAFNonexistentItemException`` is assumed).
"""

from __future__ import annotations

from typing import Any

from ..context import Ctx, Out, Unsupported
from .common import _clean, _pascal, _tags, aws_error

__all__ = [
    "web_acl",
    "web_acl_association",
    "web_acl_association_delete",
    "web_acl_delete",
    "web_acl_logging",
    "web_acl_logging_delete",
    "web_acl_update",
]

_WINDOWS = (60, 120, 300, 600)


def _wire(value: Any) -> Any:
    """Pulumi's wire names to WAF's: PascalCase, ``CloudWatch`` spelled as WAF does."""
    if isinstance(value, dict):
        return {
            ("CloudWatchMetricsEnabled" if k == "CloudwatchMetricsEnabled" else k): _wire(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_wire(v) for v in value]
    return value


def _check_rate(rule: dict[str, Any]) -> None:
    rate = (rule.get("Statement") or {}).get("RateBasedStatement")
    if not rate:
        return
    limit, window = rate.get("Limit"), rate.get("EvaluationWindowSec", 300)
    if not isinstance(limit, int) or not 10 <= limit <= 2_000_000_000:
        raise aws_error(
            "WAFInvalidParameterException",
            f"rule {rule.get('Name')}: Limit {limit} is outside 10-2000000000",
            "CreateWebACL",
        )
    if window not in _WINDOWS:
        raise aws_error(
            "WAFInvalidParameterException",
            f"rule {rule.get('Name')}: EvaluationWindowSec {window} is not 60, 120, 300 or 600",
            "CreateWebACL",
        )


def web_acl(inputs: dict[str, Any], ctx: Ctx) -> Out:
    rules = _wire(_pascal(inputs.get("rules") or []))
    for rule in rules:
        _check_rate(rule)
    answer = ctx.client("wafv2").create_web_acl(
        Name=ctx.name(),
        Scope=inputs.get("scope", "REGIONAL"),
        DefaultAction=_pascal(inputs.get("defaultAction") or {"allow": {}}),
        Rules=rules,
        VisibilityConfig=_wire(_pascal(inputs["visibilityConfig"])),
        **_clean({"Description": inputs.get("description"), "Tags": _tags(inputs) or None}),
    )["Summary"]
    return {
        "id": answer["Id"],
        "arn": answer["ARN"],
        "name": answer["Name"],
        "lockToken": answer["LockToken"],
    }


def web_acl_association(inputs: dict[str, Any], ctx: Ctx) -> Out:
    acl, resource = inputs["webAclArn"], inputs["resourceArn"]
    if ":regional/webacl/" not in acl:
        raise aws_error(
            "WAFInvalidParameterException",
            f"{acl} is not a REGIONAL web ACL: only those can be associated with an ALB",
            "AssociateWebACL",
        )
    found = ctx.client("elbv2").describe_load_balancers()["LoadBalancers"]
    if not any(lb["LoadBalancerArn"] == resource for lb in found):
        raise aws_error(
            "WAFNonexistentItemException",
            f"the resource {resource} does not exist",
            "AssociateWebACL",
        )
    ctx.client("wafv2").associate_web_acl(WebACLArn=acl, ResourceArn=resource)
    return {"id": f"{acl},{resource}"}


def _name(ctx: Ctx) -> str:
    """The web ACL's name as created (its outputs: a replacement's new name is not it)."""
    return str(ctx.outputs.get("name") or ctx.name())


def _current(ctx: Ctx) -> dict[str, Any]:
    """The web ACL as WAF holds it now (with the lock token every change needs)."""
    return dict(
        ctx.client("wafv2").get_web_acl(Name=_name(ctx), Scope="REGIONAL", Id=ctx.outputs["id"])
    )


def web_acl_update(inputs: dict[str, Any], ctx: Ctx) -> None:
    """UpdateWebACL: the whole rule list, default action and visibility, as the provider
    sends them."""
    rules = _wire(_pascal(inputs.get("rules") or []))
    for rule in rules:
        _check_rate(rule)
    ctx.client("wafv2").update_web_acl(
        Name=_name(ctx),
        Scope=inputs.get("scope", "REGIONAL"),
        Id=ctx.outputs["id"],
        DefaultAction=_pascal(inputs.get("defaultAction") or {"allow": {}}),
        Rules=rules,
        VisibilityConfig=_wire(_pascal(inputs["visibilityConfig"])),
        LockToken=_current(ctx)["LockToken"],
        **_clean({"Description": inputs.get("description")}),
    )


def web_acl_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    """DeleteWebACL, refused while a resource is still associated with the web ACL
    (``WAFAssociatedItemException``, DeleteWebACL in the WAFV2 API reference: "Before
    deleting any web ACL, first disassociate it from all resources"); moto doesn't check."""
    waf, arn = ctx.client("wafv2"), ctx.outputs["arn"]
    # moto has no ListResourcesForWebACL: ask each load balancer for its web ACL
    in_use = []
    for lb in ctx.client("elbv2").describe_load_balancers()["LoadBalancers"]:
        try:
            found = waf.get_web_acl_for_resource(ResourceArn=lb["LoadBalancerArn"]).get("WebACL")
        except waf.exceptions.WAFNonexistentItemException:
            continue  # nothing associated with this one
        if found and found.get("ARN") == arn:
            in_use.append(lb["LoadBalancerArn"])
    if in_use:
        raise aws_error(
            "WAFAssociatedItemException",
            f"web ACL {arn} is still associated with {', '.join(in_use)}",
            "DeleteWebACL",
        )
    waf.delete_web_acl(
        Name=_name(ctx),
        Scope="REGIONAL",
        Id=ctx.outputs["id"],
        LockToken=_current(ctx)["LockToken"],
    )


def web_acl_association_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("wafv2").disassociate_web_acl(ResourceArn=inputs["resourceArn"])


def _check_log_destination(destinations: list[str], ctx: Ctx) -> None:
    """One CloudWatch log group destination, named ``aws-waf-logs-...``, that exists."""
    if len(destinations) != 1:
        raise aws_error(
            "WAFInvalidParameterException",
            f"{len(destinations)} logging destinations: a web ACL takes exactly one",
            "PutLoggingConfiguration",
        )
    (arn,) = destinations
    if ":log-group:" not in arn:
        raise Unsupported(f"logging destination {arn}: only CloudWatch log groups are simulated")
    name = arn.split(":log-group:", 1)[1].removesuffix(":*")
    if not name.startswith("aws-waf-logs-"):
        raise aws_error(
            "WAFInvalidParameterException",
            f"logging destination {name}: its name must start with aws-waf-logs-",
            "PutLoggingConfiguration",
        )
    found = ctx.client("logs").describe_log_groups(logGroupNamePrefix=name)["logGroups"]
    if not any(group["logGroupName"] == name for group in found):
        raise aws_error(
            "WAFNonexistentItemException",
            f"the log group {name} does not exist",
            "PutLoggingConfiguration",
        )


def web_acl_logging(inputs: dict[str, Any], ctx: Ctx) -> Out:
    """PutLoggingConfiguration for a web ACL that exists (also the in-place update: the call
    replaces the whole configuration)."""
    acl, destinations = inputs["resourceArn"], list(inputs.get("logDestinationConfigs") or [])
    waf = ctx.client("wafv2")
    if not any(a["ARN"] == acl for a in waf.list_web_acls(Scope="REGIONAL")["WebACLs"]):
        raise aws_error(
            "WAFNonexistentItemException",
            f"the web ACL {acl} does not exist",
            "PutLoggingConfiguration",
        )
    _check_log_destination(destinations, ctx)
    config = {
        "ResourceArn": acl,
        "LogDestinationConfigs": destinations,
        **_clean(
            {
                "RedactedFields": _pascal(inputs.get("redactedFields") or []) or None,
                "LoggingFilter": _pascal(inputs.get("loggingFilter")) or None,
            }
        ),
    }
    waf.put_logging_configuration(LoggingConfiguration=config)
    return {"id": acl}


def web_acl_logging_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    """DeleteLoggingConfiguration: the web ACL stops logging."""
    ctx.client("wafv2").delete_logging_configuration(ResourceArn=inputs["resourceArn"])
