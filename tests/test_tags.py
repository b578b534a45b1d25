"""AWS's tag rules as pure checks (fargate_components/tags.py), and their reach: every
component that takes ``tags`` is in the bad-input catalogue."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import pkgutil

import pulumi
import pytest

import fargate_components
from fargate_components.errors import ValidationError
from fargate_components.policy import RULES, evaluate
from fargate_components.policy.waivers import tag_waivers
from fargate_components.tags import (
    check_merged_tags,
    check_tags,
    parse_waiver_value,
    user_tag_count,
    waiver_tag,
)
from fargate_components.testing import ResourceRecord
from tests.bad_input.tags import BUILDERS

#: Dataclasses with ``tags`` that need no cases of their own, and why.
_NO_CASES = {
    # FargateService builds it from its own tags, already checked (FargateServiceArgs cases).
    "PrevalidatedServiceAutoscaling",
}


def _args_classes_with_tags() -> set[str]:
    """Every dataclass of the library with a ``tags`` field: component args anywhere (EFS's
    live in efs/file_system.py) and nested holders (``FargateProfileSpec``)."""
    found = set()
    for info in pkgutil.walk_packages(fargate_components.__path__, "fargate_components."):
        if info.name.endswith("__main__") or ".testing" in info.name:
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
                and any(f.name == "tags" for f in dataclasses.fields(value))
            ):
                found.add(value.__name__)
    return found - _NO_CASES


def test_every_component_taking_tags_has_bad_tag_cases() -> None:
    missing = _args_classes_with_tags() - set(BUILDERS)
    assert not missing, f"add these to tests/bad_input/tags.py BUILDERS: {sorted(missing)}"


@pytest.mark.parametrize(
    "tags",
    [
        None,
        {},
        {"team": "payments", "cost-center": "1234", "env": "prod"},
        {"k" * 128: "v" * 256},
        {"Name": ""},  # an empty value is allowed
        {"Team": "a", "team": "b"},  # keys are case-sensitive: two tags
        {"équipe": "paiements", "チーム": "支払い", "path": "a/b:c=d+e@f_g.h-i"},
        {f"k{i}": "v" for i in range(49)},  # 49 + the library's Name = 50
        {"team": pulumi.Output.from_input("unknown at preview")},
    ],
)
def test_valid_tags_pass(tags: object) -> None:
    check_tags("X.tags", tags)


def test_aws_tags_do_not_count_towards_the_limit() -> None:
    tags = {f"k{i}": "v" for i in range(50)}
    assert user_tag_count({**tags, "aws:cloudformation:stack-name": "x"}) == 50
    check_merged_tags(tags)
    with pytest.raises(ValidationError, match="at most 50"):
        check_merged_tags({**tags, "one-more": "x"})
    with pytest.raises(ValidationError, match="at most 49"):
        check_tags("X.tags", tags)


@pytest.mark.parametrize(
    ("tags", "allowed"),
    [
        ({"aws:x": "y"}, "reserved for AWS"),
        ({"Aws:x": "y"}, "reserved for AWS"),
        ({"x": "AWS:y"}, "reserved for AWS"),
        ({"": "y"}, "1 to 128"),
        ({"k" * 129: "y"}, "1 to 128"),
        ({"x": "v" * 257}, "at most 256"),
        ({"x": "a;b"}, "not ';'"),
        ({"x": "a,b"}, "not ','"),
        ({"x": "a\tb"}, "not '\\t'"),
        ({"a*b": "y"}, "not '*'"),
        ({"x": None}, "a string"),
    ],
)
def test_each_rule_is_enforced(tags: dict, allowed: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_tags("X.tags", tags)
    assert allowed in str(info.value)


def test_waiver_tags_per_rule_and_the_older_combined_tag() -> None:
    tags = {
        **waiver_tag("FC-ALB-004", "dev stack - deleted nightly"),
        "fargate:waive": "FC-ALB-005: no bucket",
    }
    check_merged_tags(tags)
    assert tag_waivers(_tagged(tags)) == {
        "FC-ALB-004": "dev stack - deleted nightly",
        "FC-ALB-005": "no bucket",
    }


# --- waiver tags with an expiry (fargate_components/tags.py: parse_waiver_value) ----------


@pytest.mark.parametrize(
    ("value", "reason", "expires"),
    [
        ("dev stack - deleted nightly", "dev stack - deleted nightly", None),
        ("dev  stack expires=2027-06-30", "dev stack", dt.date(2027, 6, 30)),
        ("the expired bucket is gone", "the expired bucket is gone", None),
    ],
)
def test_parse_waiver_value(value: str, reason: str, expires: dt.date | None) -> None:
    assert parse_waiver_value(value) == (reason, expires)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("expires=2027-06-30", "a reason"),
        ("dev expires=2027-02-30", "a real date"),
        ("dev expires=2027-06-30 nightly", "the last word"),
        ("dev expire=2027-06-30", "the last word"),
        ("dev expires=2027-06-30 expires=2028-01-01", "one expiry"),
    ],
)
def test_malformed_waiver_values_are_refused(value: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        parse_waiver_value(value)
    with pytest.raises(ValidationError, match=why):
        check_tags("X.tags", {"fargate:waive:FC-ALB-004": value})


def test_waiver_tag_builds_the_expiry_word_inside_the_tag_character_rule() -> None:
    tag = waiver_tag("FC-ALB-004", "dev stack", dt.date(2027, 6, 30))
    assert tag == {"fargate:waive:FC-ALB-004": "dev stack expires=2027-06-30"}
    assert tag == waiver_tag("FC-ALB-004", "dev stack", "2027-06-30")
    check_merged_tags(tag)


def _tagged(tags: dict[str, str]) -> ResourceRecord:
    return ResourceRecord(
        urn="urn:pulumi:s::p::aws:lb/loadBalancer:LoadBalancer::web-alb",
        type="aws:lb/loadBalancer:LoadBalancer",
        name="web-alb",
        id=None,
        parent=None,
        custom=True,
        inputs={"tags": tags, "loadBalancerType": "application", "internal": True},
        outputs={},
        depends_on=[],
        property_dependencies={},
    )


def test_an_expired_waiver_tag_stops_waiving_and_is_reported() -> None:
    """Like a waiver-file entry: from its ``expires`` day on (the pinned today is
    2026-12-01) the tag waives nothing and FC-WAIVE-002 names it on its resource."""
    rule = RULES["FC-ALB-004"]
    live = _tagged(waiver_tag("FC-ALB-004", "dev", "2026-12-02"))
    assert tag_waivers(live) == {"FC-ALB-004": "dev"}
    assert [f.waived for f in evaluate([live], rules=[rule])] == ["dev"]

    expired = _tagged(waiver_tag("FC-ALB-004", "dev", "2026-12-01"))
    assert tag_waivers(expired) == {}
    found = evaluate([expired], rules=[rule])
    assert [(f.rule, f.waived) for f in found] == [("FC-ALB-004", None), ("FC-WAIVE-002", None)]
    assert "expired on 2026-12-01" in found[1].message
    assert "no longer waives it" in found[1].message


def test_an_expired_waiver_tag_with_nothing_to_waive_says_remove_it() -> None:
    record = _tagged(waiver_tag("FC-LOG-001", "legacy", "2020-01-01"))
    found = evaluate([record], rules=[RULES["FC-LOG-001"]])
    assert [f.rule for f in found] == ["FC-WAIVE-002"]
    assert "matches no finding; remove it" in found[0].message


def test_a_malformed_waiver_tag_on_a_foreign_resource_is_reported_by_fc_waive_001() -> None:
    record = _tagged({"fargate:waive:FC-ALB-004": "dev expires=soon"})
    found = evaluate([record], rules=[RULES["FC-WAIVE-001"]])
    assert len(found) == 1 and "a real date" in found[0].message
