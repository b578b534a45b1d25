"""Wiring for an ALB's AWS WAF web ACL: the web ACL the library creates (``<name>-waf``) or
an existing one, its association with the load balancer (``<name>-waf-association``) and,
for a created one with ``logging``, its request logs (``<name>-waf-logs`` log group,
``<name>-waf-logs-key`` KMS key, ``<name>-waf-logging`` logging configuration), all
parented to the ``LoadBalancer``. The decisions live in ``waf.py``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from .._component import child_kms_key_or_given, child_opts, log_group_arn, merge_tags
from ..data_protection import protection_options
from ..model.tokens import LOG_GROUP
from ..regions import stack_region
from .waf import WafRule, WebAcl, check_web_acl_region, log_group_name, waf_rules

__all__ = [
    "REDACTED_HEADERS",
    "WAF",
    "WAF_ASSOCIATION",
    "WAF_LOGGING",
    "WAF_LOGS",
    "WAF_LOGS_KEY",
    "BuiltWaf",
    "build_waf",
]

WAF = "waf"
WAF_ASSOCIATION = "waf-association"
WAF_LOGS = "waf-logs"
WAF_LOGS_KEY = "waf-logs-key"
WAF_LOGGING = "waf-logging"
#: Headers kept out of the WAF logs: they carry credentials (bearer tokens, session cookies)
#: that a log reader must not get. WAF logs redact by field (``RedactedFields``: a single
#: header, the URI path, the query string or the method; WAFV2 API reference,
#: ``LoggingConfiguration``).
REDACTED_HEADERS = ("authorization", "cookie")


@dataclass
class BuiltWaf:
    """What :func:`build_waf` created: the web ACL (``None`` for an existing one) and the
    association."""

    web_acl: aws.wafv2.WebAcl | None
    association: aws.wafv2.WebAclAssociation
    web_acl_arn: pulumi.Output[str]
    log_group: aws.cloudwatch.LogGroup | None = None
    """The request-log group (``None`` without logging or for an existing web ACL)."""
    logs_key: aws.kms.Key | None = None
    """The key the library created for the log group (``None`` otherwise)."""
    logging: aws.wafv2.WebAclLoggingConfiguration | None = None
    """The logging configuration that sends the web ACL's requests to ``log_group``."""


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
    protect: bool,
) -> BuiltWaf:
    """The web ACL (unless ``acl.arn`` names one), its association with the ALB and, for a
    created one with ``acl.logging``, its request logs (kept on delete with ``protect``)."""
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
    built = BuiltWaf(web_acl, association, arn)
    if web_acl is not None and acl.logging:
        _build_logging(parent, name, acl, built, web_acl, tags=tags, protect=protect)
    return built


def _build_logging(
    parent: pulumi.Resource,
    name: str,
    acl: WebAcl,
    built: BuiltWaf,
    web_acl: aws.wafv2.WebAcl,
    *,
    tags: Mapping[str, str] | None,
    protect: bool,
) -> None:
    """The log group (WAF's ``aws-waf-logs-`` name, audit retention, KMS), its key and the
    logging configuration. WAF adds the log group's resource policy itself on
    PutLoggingConfiguration (WAFV2 API reference, ``LoggingConfiguration``), in the shared
    ``AWSWAF-LOGS`` policy, which can outgrow its size limit in an account with many web ACLs
    (https://www.pulumi.com/registry/packages/aws/api-docs/wafv2/webaclloggingconfiguration/,
    "WARNING"): a policy of our own per web ACL would spend one of the 10 CloudWatch Logs
    resource policies a region allows, a quota that can't be raised
    (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html)."""
    built.logs_key, key_arn = child_kms_key_or_given(
        parent,
        f"{name}-{WAF_LOGS_KEY}",
        acl.log_kms_key_arn,
        purposes=["AWS WAF request logs"],
        logs=True,
        tags=tags,
        protect=protect,
    )
    built.log_group = aws.cloudwatch.LogGroup(
        f"{name}-{WAF_LOGS}",
        # WAF refuses a destination not named aws-waf-logs-...: an explicit name, not the
        # auto-name of the other log groups (the name is known at preview all the same)
        name=log_group_name(pulumi.get_project(), pulumi.get_stack(), name),
        retention_in_days=acl.log_retention_days,
        kms_key_id=key_arn,
        tags=merge_tags(tags, {"Name": f"{name}-{WAF_LOGS}"}),
        opts=child_opts(parent, **protection_options(LOG_GROUP, protect)),
    )
    built.logging = aws.wafv2.WebAclLoggingConfiguration(
        f"{name}-{WAF_LOGGING}",
        resource_arn=web_acl.arn,
        log_destination_configs=[log_group_arn(parent, built.log_group.name)],
        redacted_fields=[{"single_header": {"name": header}} for header in REDACTED_HEADERS],
        opts=child_opts(parent),
    )
