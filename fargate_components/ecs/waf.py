"""Pure decisions for an ALB's AWS WAF web ACL: the value object, its checks, and the rules of
the small managed-rules web ACL the library creates. No Pulumi resources here; see
``waf_component.py``.

AWS facts encoded below (each checked with the source named):

- Rate-based rule: the limit is 10 to 2,000,000,000 requests per evaluation window (WAFV2 API
  model, shape ``RateLimit``: min 10, max 2000000000; "The lowest limit setting allowed is
  10", AWS WAF developer guide, "Rate-based rule high-level settings"); the evaluation window
  is 60, 120, 300 or 600 seconds, 300 by default (same page; ``RateBasedStatement.
  EvaluationWindowSec``).
- Managed rule groups, by name, from vendor ``AWS``: the baseline ``AWSManagedRulesCommonRuleSet``
  (WCU 700) and ``AWSManagedRulesKnownBadInputsRuleSet`` (WCU 200), the IP reputation list
  ``AWSManagedRulesAmazonIpReputationList`` (WCU 25) and the anonymous IP list
  ``AWSManagedRulesAnonymousIpList`` (WCU 50: VPNs, proxies, Tor nodes and hosting providers)
  (AWS WAF developer guide, "Baseline rule groups" and "IP reputation rule groups",
  https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-ip-rep.html:
  the capacities confirmed there on 2026-12-01); none carries a subscription fee. All four
  with a rate-based rule use about 977 WCUs (the rate rule's 2 not re-confirmed), under the
  1,500 WCUs the base price covers (a web ACL holds at most 5,000).
- Request logging: a web ACL has one logging destination; a CloudWatch Logs log group
  destination's name must start with ``aws-waf-logs-`` (WAFV2 API reference,
  ``LoggingConfiguration``: "The name that you give the destination must start with
  aws-waf-logs-", https://docs.aws.amazon.com/waf/latest/APIReference/API_LoggingConfiguration.html);
  WAF then writes the log group's resource policy itself. Log group names: 1-512 of
  ``[.-_/#A-Za-z0-9]`` (CloudWatch Logs API reference, ``CreateLogGroup``).
- An ALB takes a ``REGIONAL`` web ACL of its own region and account: ``arn:<partition>:wafv2:
  <region>:<account>:regional/webacl/<name>/<id>``; a ``global`` (CloudFront) one can't be
  associated with it (``AssociateWebACL``, WAFV2 API reference). The region (and the
  partition it implies) is compared with the stack's ``aws:region`` when both are known: at
  construction, or once an Output ARN resolves.
- Rule and web ACL names: 1-128 of ``[A-Za-z0-9_-]``; CloudWatch metric names: 1-255 of
  ``[A-Za-z0-9_#:.-/]`` (WAFV2 API model, shapes ``EntityName`` and ``MetricName``). Ours are
  built from the component name, which the ALB already restricts to letters, digits and ``-``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from ..errors import ValidationError, check_choice, check_int_range, is_known
from ..kms import CREATE_KEY, check_kms_key
from ..logs import AUDIT_RETENTION_DAYS, check_retention_days

__all__ = [
    "AUTO",
    "DEFAULT_MANAGED_RULE_GROUPS",
    "DEFAULT_RATE_LIMIT",
    "MANAGED_RULE_GROUPS",
    "RATE_WINDOWS",
    "WAF_LOG_GROUP_PREFIX",
    "WafRule",
    "WebAcl",
    "check_waf",
    "check_web_acl_region",
    "log_group_name",
    "partition_of",
    "waf_rules",
]

#: The free AWS managed rule groups the library's web ACL can hold, with their WCUs.
MANAGED_RULE_GROUPS: dict[str, int] = {
    "AWSManagedRulesCommonRuleSet": 700,
    "AWSManagedRulesKnownBadInputsRuleSet": 200,
    "AWSManagedRulesAmazonIpReputationList": 25,
    "AWSManagedRulesAnonymousIpList": 50,
}
#: The default groups: all but the anonymous IP list, which also blocks VPN, Tor and
#: cloud-hosted clients (legitimate for many APIs): a choice for your stack, not a default.
DEFAULT_MANAGED_RULE_GROUPS = tuple(
    g for g in MANAGED_RULE_GROUPS if g != "AWSManagedRulesAnonymousIpList"
)
#: What a WAF log group's name must start with (see the module docstring).
WAF_LOG_GROUP_PREFIX = "aws-waf-logs-"
#: Requests per client IP per evaluation window before the rate rule blocks (2,000 per 5
#: minutes is about 6.7 requests a second from one address, sustained).
DEFAULT_RATE_LIMIT = 2000
MIN_RATE_LIMIT, MAX_RATE_LIMIT = 10, 2_000_000_000
RATE_WINDOWS = (60, 120, 300, 600)
_WEB_ACL_ARN = re.compile(
    r"^arn:(aws[a-z-]*):wafv2:([a-z0-9-]+):\d{12}:(regional|global)/webacl/[\w-]{1,128}/[a-f0-9-]+$"
)


@dataclass(frozen=True, kw_only=True)
class WebAcl:
    """The AWS WAF web ACL of an ALB: an existing one (``arn``), or one the library creates
    with AWS's managed rules and a per-IP rate limit.

    Example::

        WebAcl()                                           # managed rules, 2000 req / 5 min / IP
        WebAcl(rate_limit=500, rate_limit_window=60, count_only=True)  # watch before blocking
        WebAcl(arn="arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/a1b2c3d4-5678-90ab-cdef-111122223333")
    """

    arn: Any = None
    """An existing REGIONAL web ACL's ARN (``pulumi.Input[str]``) to associate instead of
    creating one; the other fields then keep their defaults (setting one is refused: it
    would not apply). Default: none (create one)."""
    managed_rule_groups: Sequence[str] = DEFAULT_MANAGED_RULE_GROUPS
    """AWS managed rule groups, in evaluation order: any of ``AWSManagedRulesCommonRuleSet``,
    ``AWSManagedRulesKnownBadInputsRuleSet``, ``AWSManagedRulesAmazonIpReputationList``,
    ``AWSManagedRulesAnonymousIpList`` (blocks VPNs, proxies, Tor and hosting providers:
    add it when your clients are people on browsers, not other clouds; Checkov's
    CKV2_AWS_76 asks for it). Default: the first three."""
    rate_limit: int | None = DEFAULT_RATE_LIMIT
    """Requests one client IP may send per ``rate_limit_window`` before it is blocked,
    10-2000000000; ``None``: no rate rule. Default: 2000."""
    rate_limit_window: int = 300
    """The rate rule's evaluation window in seconds: 60, 120, 300 or 600. Default: 300."""
    count_only: bool = False
    """Count matching requests instead of blocking them (to tune the rules on real traffic
    first; the metrics and sampled requests show what would have been blocked). Default:
    ``False`` (block)."""
    logging: bool = True
    """Log every request the web ACL inspects (client IP, headers, the rule that matched, the
    action) to a CloudWatch log group (child ``<alb>-waf-logs``, named
    ``aws-waf-logs-<project>-<stack>-<alb>`` as WAF requires; the ``authorization`` and
    ``cookie`` headers redacted) through ``<alb>-waf-logging``: the record a security team
    investigates an incident with (Checkov CKV2_AWS_31). Billed as vended logs, about USD 0.50
    per GB; ``False`` turns it off (dev). Default ``True``."""
    log_retention_days: int = AUDIT_RETENTION_DAYS
    """Retention of the WAF log group (security audit data), one of CloudWatch's allowed
    values; a dev stack may lower it (e.g. 7). Default 365."""
    log_kms_key_arn: Any = CREATE_KEY
    """The KMS key encrypting the WAF log group: ``"create"`` creates a customer managed key
    (child ``<alb>-waf-logs-key``, USD 1 a month, kept on delete) whose key policy lets
    CloudWatch Logs use it; a key ARN uses yours (its policy must allow
    ``logs.<region>.amazonaws.com``); ``None`` keeps CloudWatch's own encryption (dev).
    Default: "create"."""

    def validate(self) -> None:
        """Raise ``ValidationError`` naming ``WebAcl.<field>``."""
        argument = "WebAcl"
        if self.arn is not None:
            _check_arn(f"{argument}.arn", self.arn)
            _check_nothing_else(self)
            return
        groups = self.managed_rule_groups
        if isinstance(groups, str) or not isinstance(groups, Sequence):
            raise ValidationError(
                f"{argument}.managed_rule_groups", groups, "a list of managed rule group names"
            )
        for index, group in enumerate(groups):
            check_choice(f"{argument}.managed_rule_groups[{index}]", group, MANAGED_RULE_GROUPS)
        if len(set(groups)) != len(groups):
            raise ValidationError(
                f"{argument}.managed_rule_groups", list(groups), "each group once"
            )
        if self.rate_limit is not None:
            check_int_range(
                f"{argument}.rate_limit", self.rate_limit, MIN_RATE_LIMIT, MAX_RATE_LIMIT
            )
        check_choice(f"{argument}.rate_limit_window", self.rate_limit_window, RATE_WINDOWS)
        if not groups and self.rate_limit is None:
            raise ValidationError(
                f"{argument}.managed_rule_groups",
                [],
                "at least one rule: a managed rule group or a rate_limit (or no WAF: waf=None)",
            )
        if not isinstance(self.count_only, bool):
            raise ValidationError(f"{argument}.count_only", self.count_only, "True or False")
        if not isinstance(self.logging, bool):
            raise ValidationError(f"{argument}.logging", self.logging, "True or False")
        check_retention_days(f"{argument}.log_retention_days", self.log_retention_days)
        check_kms_key(f"{argument}.log_kms_key_arn", self.log_kms_key_arn)


def log_group_name(project: str, stack: str, name: str) -> str:
    """The WAF log group's AWS name, ``aws-waf-logs-<project>-<stack>-<name>``: WAF's
    required prefix, then what makes it unique in the account and region (two stacks of one
    project each get their own). Known at preview: nothing AWS assigns. Characters CloudWatch
    does not allow become ``-``; cut to CloudWatch's 512."""
    raw = f"{WAF_LOG_GROUP_PREFIX}{project}-{stack}-{name}"
    return re.sub(r"[^.\-_/#A-Za-z0-9]", "-", raw)[:512]


def _check_nothing_else(acl: WebAcl) -> None:
    """With ``arn`` the web ACL is someone else's: a rule, logging or key setting given beside
    it would be ignored, so it is refused (never silently dropped)."""
    for item in fields(acl):
        if item.name != "arn" and getattr(acl, item.name) != item.default:
            raise ValidationError(
                f"WebAcl.{item.name}",
                getattr(acl, item.name),
                "nothing beside arn: an existing web ACL keeps its own rules and logging "
                "(drop the field, or drop arn to have the library create the web ACL)",
            )


def _check_arn(argument: str, arn: Any) -> None:
    if not is_known(arn):
        return
    match = _WEB_ACL_ARN.match(arn) if isinstance(arn, str) else None
    if match is None:
        raise ValidationError(
            argument,
            arn,
            "a WAFv2 web ACL ARN: arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>",
        )
    if match.group(3) != "regional":
        raise ValidationError(
            argument,
            arn,
            "a REGIONAL web ACL (this one is CloudFront's, 'global'; an ALB takes a web ACL of "
            "its own region)",
        )


def partition_of(region: str) -> str:
    """The partition a region belongs to (``cn-*``: ``aws-cn``, ``us-gov-*``: ``aws-us-gov``,
    ``us-iso-*``: ``aws-iso``, ``us-isob-*``: ``aws-iso-b``, else ``aws``)."""
    for prefix, partition in (
        ("cn-", "aws-cn"),
        ("us-gov-", "aws-us-gov"),
        ("us-isob-", "aws-iso-b"),
        ("us-iso-", "aws-iso"),
    ):
        if region.startswith(prefix):
            return partition
    return "aws"


def check_web_acl_region(argument: str, arn: Any, region: str | None) -> None:
    """Raise ``ValidationError`` when a known web ACL ARN is in another region (or partition)
    than the stack's ``region`` (skipped when either is unknown: the component checks an
    Output once it resolves)."""
    if region is None or not is_known(arn):
        return
    match = _WEB_ACL_ARN.match(arn) if isinstance(arn, str) else None
    if match is None:
        _check_arn(argument, arn)
        return
    expected = (partition_of(region), region)
    if (match.group(1), match.group(2)) != expected:
        raise ValidationError(
            argument,
            arn,
            f"a web ACL in the stack's partition and region ({expected[0]}, {region}): an "
            "ALB can only be associated with a regional web ACL of its own region",
        )


#: ``LoadBalancerArgs.waf``'s default: a managed web ACL when internet-facing, none internal.
AUTO = "auto"


def check_waf(waf: Any, *, internal: bool, region: str | None) -> WebAcl | None:
    """The web ACL an ALB gets: ``"auto"`` is ``WebAcl()`` when internet-facing, none when
    internal; ``None`` is none. An existing web ACL's ARN must be in the stack's ``region``
    (when known). Errors name ``waf...`` (relative to the caller's path)."""
    if waf is None:
        return None
    if waf == AUTO:
        return None if internal else WebAcl()
    if not isinstance(waf, WebAcl):
        raise ValidationError("waf", waf, "a WebAcl, 'auto' or None")
    try:
        waf.validate()
    except ValidationError as error:
        raise error.under("waf", "WebAcl") from None
    if waf.arn is not None:
        check_web_acl_region("waf.arn", waf.arn, region)
    return waf


@dataclass(frozen=True)
class WafRule:
    """One rule of the web ACL the library creates, as the wiring needs it."""

    name: str
    priority: int
    managed_group: str | None
    """The AWS managed rule group, or ``None`` for the rate rule."""
    rate_limit: int | None = None
    rate_limit_window: int | None = None


def waf_rules(acl: WebAcl) -> tuple[WafRule, ...]:
    """The rules in evaluation order: the rate rule first (cheap, and it stops a flood before
    the managed groups inspect it), then the managed groups as given."""
    rules: list[WafRule] = []
    if acl.rate_limit is not None:
        rules.append(WafRule("rate-limit", 0, None, acl.rate_limit, acl.rate_limit_window))
    for group in acl.managed_rule_groups:
        rules.append(WafRule(group, len(rules), group))
    return tuple(rules)
