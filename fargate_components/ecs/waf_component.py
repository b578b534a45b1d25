"""Wiring for an ALB's AWS WAF web ACL: the web ACL the library creates (``<name>-waf``) or
an existing one, and its association with the load balancer (``<name>-waf-association``),
both parented to the ``LoadBalancer``. The decisions live in ``waf.py``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from .._component import child_opts, merge_tags
from .certificates import stack_region
from .waf import WafRule, WebAcl, check_web_acl_region, waf_rules

__all__ = ["WAF", "WAF_ASSOCIATION", "BuiltWaf", "build_waf"]

WAF = "waf"
WAF_ASSOCIATION = "waf-association"


@dataclass
class BuiltWaf:
    """What :func:`build_waf` created: the web ACL (``None`` for an existing one) and the
    association."""

    web_acl: aws.wafv2.WebAcl | None
    association: aws.wafv2.WebAclAssociation
    web_acl_arn: pulumi.Output[str]


def _visibility(metric: str) -> Any:
    """CloudWatch metrics and sampled requests on (what a reviewer tunes the rules with)."""
    return {
        "cloudwatch_metrics_enabled": True,
        "sampled_requests_enabled": True,
        "metric_name": metric,
    }


def _rule_args(name: str, rule: WafRule, count_only: bool) -> Any:
    """One rule of the web ACL (Pulumi input names; a dict the provider types as a TypedDict)."""
    metric = f"{name}-{rule.name}"
    if rule.managed_group is None:
        return {
            "name": rule.name,
            "priority": rule.priority,
            "action": {"count": {}} if count_only else {"block": {}},
            "statement": {
                "rate_based_statement": {
                    "limit": rule.rate_limit,
                    "evaluation_window_sec": rule.rate_limit_window,
                    "aggregate_key_type": "IP",
                }
            },
            "visibility_config": _visibility(metric),
        }
    return {
        "name": rule.name,
        "priority": rule.priority,
        # a rule group's own actions apply (none), or are all turned into counts
        "override_action": {"count": {}} if count_only else {"none": {}},
        "statement": {
            "managed_rule_group_statement": {"name": rule.managed_group, "vendor_name": "AWS"}
        },
        "visibility_config": _visibility(metric),
    }


def _checked_arn(arn: pulumi.Input[str]) -> pulumi.Output[str]:
    """An existing web ACL's ARN, checked against the stack's region once an Output resolves
    (a wrong one fails the preview, not the association)."""
    region = stack_region()

    def check(given: str) -> str:
        check_web_acl_region("LoadBalancerArgs.waf.arn", given, region)
        return given

    return pulumi.Output.from_input(arn).apply(check)


def build_waf(
    parent: pulumi.Resource,
    name: str,
    acl: WebAcl,
    *,
    load_balancer_arn: pulumi.Input[str],
    tags: Mapping[str, str] | None,
) -> BuiltWaf:
    """The web ACL (unless ``acl.arn`` names one) and its association with the ALB."""
    web_acl = None
    if acl.arn is not None:
        arn = _checked_arn(acl.arn)
    else:
        web_acl = aws.wafv2.WebAcl(
            f"{name}-{WAF}",
            scope="REGIONAL",
            description=f"Managed rules and a per-IP rate limit for the {name} load balancer",
            default_action=aws.wafv2.WebAclDefaultActionArgs(
                allow=aws.wafv2.WebAclDefaultActionAllowArgs()
            ),
            rules=[_rule_args(name, rule, acl.count_only) for rule in waf_rules(acl)],
            visibility_config=_visibility(f"{name}-{WAF}"),
            tags=merge_tags(tags, {"Name": f"{name}-{WAF}"}),
            opts=child_opts(parent),
        )
        arn = web_acl.arn
    association = aws.wafv2.WebAclAssociation(
        f"{name}-{WAF_ASSOCIATION}",
        resource_arn=load_balancer_arn,
        web_acl_arn=arn,
        opts=child_opts(parent),
    )
    return BuiltWaf(web_acl, association, arn)
