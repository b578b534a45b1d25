"""Bad inputs of an ALB's WAF web ACL (LoadBalancerArgs.waf)."""

from __future__ import annotations

from typing import Any

from fargate_components import LoadBalancer, LoadBalancerArgs, Network, WebAcl
from tests.bad_input import BadInput

W = "LoadBalancerArgs.waf"
ACL = (
    "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/a1b2c3d4-5678-90ab-cdef-111122223333"
)


def _alb(waf: Any) -> LoadBalancer:
    net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    return LoadBalancer("web", LoadBalancerArgs(network=net, waf=waf))


CASES = [
    BadInput("waf-not-a-web-acl", lambda: _alb("on"), W),
    BadInput("waf-rate-limit-below-10", lambda: _alb(WebAcl(rate_limit=5)), f"{W}.rate_limit"),
    BadInput(
        "waf-rate-limit-above-2e9",
        lambda: _alb(WebAcl(rate_limit=3_000_000_000)),
        f"{W}.rate_limit",
    ),
    BadInput(
        "waf-rate-window", lambda: _alb(WebAcl(rate_limit_window=900)), f"{W}.rate_limit_window"
    ),
    BadInput(
        "waf-paid-managed-group",
        lambda: _alb(WebAcl(managed_rule_groups=["AWSManagedRulesBotControlRuleSet"])),
        f"{W}.managed_rule_groups[0]",
    ),
    BadInput(
        "waf-group-twice",
        lambda: _alb(WebAcl(managed_rule_groups=["AWSManagedRulesCommonRuleSet"] * 2)),
        f"{W}.managed_rule_groups",
    ),
    BadInput(
        "waf-no-rules",
        lambda: _alb(WebAcl(managed_rule_groups=[], rate_limit=None)),
        f"{W}.managed_rule_groups",
    ),
    BadInput("waf-count-only-not-bool", lambda: _alb(WebAcl(count_only="yes")), f"{W}.count_only"),  # type: ignore[arg-type]
    BadInput("waf-logging-not-bool", lambda: _alb(WebAcl(logging="on")), f"{W}.logging"),  # type: ignore[arg-type]
    BadInput(
        "waf-log-retention-not-allowed",
        lambda: _alb(WebAcl(log_retention_days=10)),
        f"{W}.log_retention_days",
    ),
    BadInput(
        "waf-log-key-not-a-kms-arn",
        lambda: _alb(WebAcl(log_kms_key_arn="alias/waf")),
        f"{W}.log_kms_key_arn",
    ),
    BadInput(
        "waf-arn-with-settings",  # they would be ignored: the web ACL is not ours
        lambda: _alb(WebAcl(arn=ACL, logging=False)),
        f"{W}.logging",
    ),
    BadInput("waf-arn-not-an-arn", lambda: _alb(WebAcl(arn="edge")), f"{W}.arn"),
    BadInput(
        "waf-arn-cloudfront-scope",
        lambda: _alb(WebAcl(arn=ACL.replace("regional", "global"))),
        f"{W}.arn",
    ),
    BadInput(
        "waf-arn-other-region",  # the test config pins aws:region to us-east-1
        lambda: _alb(WebAcl(arn=ACL.replace("us-east-1", "eu-west-1"))),
        f"{W}.arn",
    ),
]
