"""EKS's Fargate profile matching: wildcards, labels, several matching profiles (pure)."""

from __future__ import annotations

import pytest

from fargate_components.eks.profile_matching import (
    PROFILE_LABEL,
    ProfileRule,
    SelectorRule,
    choose_profile,
    selector_matches,
    wildcard_match,
)


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("prod*", "prod", True),  # '*' is none, one or several characters
        ("prod*", "prod-metrics", True),
        ("value?", "valuea", True),
        ("value?", "value", False),  # '?' is exactly one character
        ("value?", "value-a", False),
        ("*dev", "team-dev", True),
        ("frontend*?", "frontend", False),
        ("frontend*?", "frontend1", True),
        ("a.b", "axb", False),  # no regex: '.' is a dot
        ("[ab]", "a", False),  # no character classes
        ("[ab]", "[ab]", True),
        ("Prod", "prod", False),  # case-sensitive
    ],
)
def test_wildcards_as_eks_documents(pattern: str, text: str, expected: bool) -> None:
    assert wildcard_match(pattern, text) is expected


def test_selector_labels_all_required_with_wildcard_keys_and_values() -> None:
    selector = SelectorRule("apps-*", {"team?": "pay*", "run": "on-fargate"})
    assert selector_matches(selector, "apps-1", {"teamA": "payments", "run": "on-fargate"})
    assert not selector_matches(selector, "apps-1", {"teamA": "payments"})
    assert not selector_matches(selector, "other", {"teamA": "payments", "run": "on-fargate"})
    assert selector_matches(SelectorRule("apps"), "apps", {"any": "thing"})


def _profiles() -> list[ProfileRule]:
    return [
        ProfileRule("prod-workload", (SelectorRule("shop"),)),
        ProfileRule("beta-workload", (SelectorRule("sh*"),)),
        ProfileRule("labelled", (SelectorRule("shop", {"tier": "db"}),)),
    ]


def test_several_matches_take_the_first_by_name() -> None:
    choice = choose_profile(_profiles(), "shop", {})
    assert choice.profile == "beta-workload"
    assert choice.matching == ("beta-workload", "prod-workload")


def test_the_profile_label_picks_a_matching_profile() -> None:
    choice = choose_profile(_profiles(), "shop", {PROFILE_LABEL: "prod-workload"})
    assert choice.profile == "prod-workload"


def test_the_profile_label_must_name_a_matching_profile() -> None:
    assert choose_profile(_profiles(), "shop", {PROFILE_LABEL: "labelled"}).profile is None
    missing = choose_profile(_profiles(), "shop", {PROFILE_LABEL: "nope"})
    assert missing.profile is None and "does not exist" in missing.reason


def test_no_match() -> None:
    choice = choose_profile(_profiles(), "batch", {})
    assert choice.profile is None and choice.matching == ()
