"""AWS WAF for the ALB: pure decisions (ecs/waf.py) and the wiring under mocks."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from fargate_components import LoadBalancer, LoadBalancerArgs, Network, WebAcl
from fargate_components.ecs.waf import (
    DEFAULT_MANAGED_RULE_GROUPS,
    check_waf,
    check_web_acl_region,
    log_group_name,
    partition_of,
    waf_rules,
)
from fargate_components.errors import ValidationError
from fargate_components.policy import RULES, evaluate
from fargate_components.pricing import estimate_cost
from fargate_components.testing import Plan, run_in_mocks

ACL = (
    "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/a1b2c3d4-5678-90ab-cdef-111122223333"
)
WEB_ACL = "aws:wafv2/webAcl:WebAcl"
ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation"
LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
KEY = "aws:kms/key:Key"


def test_auto_means_a_web_acl_on_internet_facing_albs_only() -> None:
    assert check_waf("auto", internal=False, region=None) == WebAcl()
    assert check_waf("auto", internal=True, region=None) is None
    assert check_waf(None, internal=False, region=None) is None
    internal = WebAcl(rate_limit=500)
    assert check_waf(internal, internal=True, region=None) is internal  # asked for: kept


def test_rules_rate_limit_first_then_the_managed_groups() -> None:
    rules = waf_rules(WebAcl(rate_limit=100, rate_limit_window=60))
    assert [(r.name, r.priority) for r in rules] == [
        ("rate-limit", 0),
        ("AWSManagedRulesCommonRuleSet", 1),
        ("AWSManagedRulesKnownBadInputsRuleSet", 2),
        ("AWSManagedRulesAmazonIpReputationList", 3),
    ]
    assert (rules[0].rate_limit, rules[0].rate_limit_window) == (100, 60)
    assert waf_rules(WebAcl(rate_limit=None))[0].name == "AWSManagedRulesCommonRuleSet"


def test_the_anonymous_ip_list_is_selectable_and_off_by_default() -> None:
    anonymous = "AWSManagedRulesAnonymousIpList"
    assert anonymous not in DEFAULT_MANAGED_RULE_GROUPS
    acl = WebAcl(managed_rule_groups=[*DEFAULT_MANAGED_RULE_GROUPS, anonymous])
    assert check_waf(acl, internal=False, region=None) is acl
    assert [r.managed_group for r in waf_rules(acl)][-1] == anonymous


def test_the_waf_log_group_name_has_wafs_prefix_and_cloudwatchs_characters() -> None:
    assert log_group_name("shop", "prod", "web") == "aws-waf-logs-shop-prod-web"
    assert log_group_name("my proj", "dev@1", "web") == "aws-waf-logs-my-proj-dev-1-web"
    assert len(log_group_name("p", "s" * 600, "web")) == 512


@pytest.mark.parametrize(
    ("acl", "argument"),
    [
        (WebAcl(rate_limit=9), "waf.rate_limit"),
        (WebAcl(rate_limit=2_000_000_001), "waf.rate_limit"),
        (WebAcl(rate_limit_window=30), "waf.rate_limit_window"),
        (
            WebAcl(managed_rule_groups=["AWSManagedRulesBotControlRuleSet"]),
            "waf.managed_rule_groups[0]",
        ),
        (WebAcl(managed_rule_groups="AWSManagedRulesCommonRuleSet"), "waf.managed_rule_groups"),
        (WebAcl(managed_rule_groups=[], rate_limit=None), "waf.managed_rule_groups"),
        (WebAcl(arn="edge"), "waf.arn"),
        (WebAcl(arn=ACL.replace("regional", "global")), "waf.arn"),
    ],
)
def test_bad_web_acls(acl: WebAcl, argument: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_waf(acl, internal=False, region=None)
    assert info.value.argument == argument


def test_an_existing_web_acl_must_be_in_the_stacks_region_and_partition() -> None:
    check_web_acl_region("waf.arn", ACL, "us-east-1")
    check_web_acl_region("waf.arn", ACL, None)  # region unknown: not checked
    with pytest.raises(ValidationError, match=r"\(aws, eu-west-1\)"):
        check_web_acl_region("waf.arn", ACL, "eu-west-1")
    with pytest.raises(ValidationError, match=r"aws-cn"):
        check_web_acl_region("waf.arn", ACL.replace("us-east-1", "cn-north-1"), "cn-north-1")
    assert (partition_of("us-gov-west-1"), partition_of("eu-west-1")) == ("aws-us-gov", "aws")


def _program(**lb: Any) -> None:
    net = Network.existing("vpc-1", ["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"])
    LoadBalancer("web", LoadBalancerArgs(network=net, **lb))


@cache
def _plan() -> Plan:
    return run_in_mocks(_program)


def test_the_default_web_acl_is_wired_to_the_alb_with_metrics_on() -> None:
    plan = _plan()
    (acl,) = plan.of_type(WEB_ACL)
    (association,) = plan.of_type(ASSOCIATION)
    assert (acl.name, association.name) == ("web-waf", "web-waf-association")
    assert acl.parent == association.parent and acl.parent.endswith("::web")
    assert acl.inputs["scope"] == "REGIONAL" and acl.inputs["defaultAction"] == {"allow": {}}
    rate, common = acl.inputs["rules"][:2]
    assert rate["statement"]["rateBasedStatement"] == {
        "limit": 2000,
        "aggregateKeyType": "IP",
        "evaluationWindowSec": 300,
    }
    assert rate["action"] == {"block": {}} and common["overrideAction"] == {"none": {}}
    for visibility in [
        acl.inputs["visibilityConfig"],
        *(r["visibilityConfig"] for r in acl.inputs["rules"]),
    ]:
        assert visibility["cloudwatchMetricsEnabled"] and visibility["sampledRequestsEnabled"]
    alb = plan.named("web-alb", None)
    assert association.inputs["resourceArn"] == alb.outputs["arn"]
    assert association.inputs["webAclArn"] == acl.outputs["arn"]
    assert evaluate(plan, rules=[RULES["FC-WAF-001"]]) == []


def test_the_default_web_acl_logs_its_requests_to_an_encrypted_audit_log_group() -> None:
    plan = _plan()
    (logging,) = plan.of_type(LOGGING)
    group = plan.named("web-waf-logs", LOG_GROUP)
    key = plan.named("web-waf-logs-key", KEY)
    assert logging.name == "web-waf-logging" and logging.parent == group.parent == key.parent
    assert group.inputs["name"] == "aws-waf-logs-project-dev-web"  # WAF's required prefix
    assert group.inputs["retentionInDays"] == 365 and group.inputs["kmsKeyId"] == key.outputs["arn"]
    assert group.options["retain_on_delete"] and key.options["retain_on_delete"]
    assert logging.inputs["resourceArn"] == plan.of_type(WEB_ACL)[0].outputs["arn"]
    assert logging.inputs["logDestinationConfigs"] == [group.outputs["arn"]]
    assert logging.inputs["redactedFields"] == [
        {"singleHeader": {"name": "authorization"}},
        {"singleHeader": {"name": "cookie"}},
    ]
    report = estimate_cost(plan)
    (item,) = [i for i in report.items if i.type == LOGGING]
    assert str(item.monthly) == "5.00"  # 10 GB x 0.50 vended logs
    assert "waf_log_gb_per_month" in item.uses
    (stored,) = [i for i in report.items if i.name == "web-waf-logs"]
    assert str(stored.monthly) == "0.00" and "web-waf-logging" in stored.formula


def test_the_web_acl_is_costed_with_its_request_assumption() -> None:
    report = estimate_cost(_plan())
    (item,) = [i for i in report.items if i.type == WEB_ACL]
    assert str(item.monthly) == "15.00"  # 5 + 4 rules x 1 + 10 M x 0.60
    assert "waf_requests_million_per_month" in item.uses
    assert not [n for n in report.not_costed if n.type == ASSOCIATION]
    assert [f.name for f in report.free if f.type == ASSOCIATION] == ["web-waf-association"]


def test_an_existing_web_acl_is_associated_not_created_and_listed_as_not_costed() -> None:
    plan = run_in_mocks(lambda: _program(waf=WebAcl(arn=ACL)))
    assert plan.of_type(WEB_ACL) == plan.of_type(LOGGING) == []  # its logs are its owner's
    (association,) = plan.of_type(ASSOCIATION)
    assert association.inputs["webAclArn"] == ACL
    (skipped,) = [n for n in estimate_cost(plan).not_costed if n.type == ASSOCIATION]
    assert "billed to that web ACL" in skipped.reason


def test_count_only_and_the_dev_opt_out() -> None:
    plan = run_in_mocks(lambda: _program(waf=WebAcl(count_only=True, logging=False)))
    rate, common = plan.of_type(WEB_ACL)[0].inputs["rules"][:2]
    assert rate["action"] == {"count": {}} and common["overrideAction"] == {"count": {}}
    for type_ in (LOGGING, LOG_GROUP, KEY):  # logging=False: the one-argument dev opt-out
        assert plan.of_type(type_) == []
    off = run_in_mocks(lambda: _program(waf=None))
    assert off.of_type(WEB_ACL) == off.of_type(ASSOCIATION) == []
    (finding,) = evaluate(off, rules=[RULES["FC-WAF-001"]])
    assert finding.severity == "advisory" and finding.checkov == "CKV2_AWS_28"
    internal = run_in_mocks(
        lambda: _program(
            internal=True, ingress_cidrs=["10.0.0.0/16"], subnet_ids=["subnet-c", "subnet-d"]
        )
    )
    assert internal.of_type(WEB_ACL) == [] and evaluate(internal, rules=[RULES["FC-WAF-001"]]) == []


def test_the_simulator_refuses_what_waf_refuses_and_moto_accepts() -> None:
    # The examples' ALBs deploy their web ACLs in moto (tests/test_examples.py); these are
    # the checks the handler adds, without a simulation.
    from botocore.exceptions import ClientError

    from fargate_components.testing.simulate.handlers.waf import _check_rate

    def rule(limit: int, window: int = 300) -> dict[str, Any]:
        rate = {"Limit": limit, "AggregateKeyType": "IP", "EvaluationWindowSec": window}
        return {"Name": "rate-limit", "Statement": {"RateBasedStatement": rate}}

    _check_rate(rule(10))
    for bad in (rule(9), rule(2_000_000_001), rule(100, 30)):
        with pytest.raises(ClientError, match="WAFInvalidParameterException"):
            _check_rate(bad)


def test_the_simulator_refuses_a_log_destination_waf_would_refuse() -> None:
    # moto's PutLoggingConfiguration stores any destination; WAF takes one log group named
    # aws-waf-logs-... that exists (WAFV2 API reference, LoggingConfiguration)
    import boto3
    from botocore.exceptions import ClientError
    from moto import mock_aws

    from fargate_components.testing.simulate.handlers.waf import _check_log_destination

    def group(name: str) -> str:
        return f"arn:aws:logs:us-east-1:123456789012:log-group:{name}"

    with mock_aws():
        logs = boto3.client("logs", region_name="us-east-1")
        logs.create_log_group(logGroupName="aws-waf-logs-web")
        logs.create_log_group(logGroupName="web-logs")

        class _Ctx:
            def client(self, service: str) -> Any:
                assert service == "logs"
                return logs

        ctx: Any = _Ctx()
        _check_log_destination([group("aws-waf-logs-web")], ctx)
        for bad, code in (
            ([group("web-logs")], "WAFInvalidParameterException"),
            ([group("aws-waf-logs-web")] * 2, "WAFInvalidParameterException"),
            ([group("aws-waf-logs-gone")], "WAFNonexistentItemException"),
        ):
            with pytest.raises(ClientError, match=code):
                _check_log_destination(bad, ctx)
