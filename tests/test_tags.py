"""AWS's tag rules as pure checks (fargate_components/tags.py), and their reach: every
component that takes ``tags`` is in the bad-input catalogue."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil

import pulumi
import pytest

import fargate_components
from fargate_components.errors import ValidationError
from fargate_components.policy.waivers import tag_waivers
from fargate_components.tags import (
    check_merged_tags,
    check_tags,
    user_tag_count,
    waiver_tag,
)
from fargate_components.testing import ResourceRecord
from tests.bad_input.tags import BUILDERS


def _args_classes_with_tags() -> set[str]:
    found = set()
    for info in pkgutil.walk_packages(fargate_components.__path__, "fargate_components."):
        if not info.name.endswith("_component"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
                and value.__name__.endswith("Args")
                and any(f.name == "tags" for f in dataclasses.fields(value))
            ):
                found.add(value.__name__)
    return found


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
    record = ResourceRecord(
        urn="urn:pulumi:s::p::t::r",
        type="t",
        name="r",
        id=None,
        parent=None,
        custom=True,
        inputs={"tags": tags},
        outputs={},
        depends_on=[],
        property_dependencies={},
    )
    assert tag_waivers(record) == {
        "FC-ALB-004": "dev stack - deleted nightly",
        "FC-ALB-005": "no bucket",
    }
