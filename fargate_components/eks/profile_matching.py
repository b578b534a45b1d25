"""Which Fargate profile takes a pod: EKS's selector matching, wildcards included (pure).

The rules, from "Define which Pods use AWS Fargate when launched" (EKS user guide,
https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html, checked 2026-12):

- A pod matches a selector when its namespace matches the selector's namespace and it
  carries every label of the selector; a selector without labels takes every pod of the
  namespace. A pod matches a profile when it matches any of the profile's selectors.
- ``*`` (none, one or several characters) and ``?`` (exactly one character) may appear
  anywhere in a selector's namespace, label keys and label values; no other pattern syntax
  (no ``[...]`` classes, no regular expressions).
- When several profiles match, Fargate takes the first by alphanumeric sorting of the
  profile names, unless the pod carries the label ``eks.amazonaws.com/fargate-profile:
  <name>``: then that profile is used, and the pod must match one of its selectors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "PROFILE_LABEL",
    "ProfileChoice",
    "ProfileRule",
    "SelectorRule",
    "choose_profile",
    "selector_matches",
    "wildcard_match",
]

#: The pod label that picks one of several matching profiles.
PROFILE_LABEL = "eks.amazonaws.com/fargate-profile"


@lru_cache(maxsize=1024)
def _compile(pattern: str) -> re.Pattern[str]:
    parts = []
    for char in pattern:
        if char == "*":
            parts.append(".*")
        elif char == "?":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.DOTALL)


def wildcard_match(pattern: str, text: str) -> bool:
    """True when ``text`` matches ``pattern`` with EKS's ``*`` and ``?`` wildcards only
    (case-sensitive, the whole text)."""
    return _compile(pattern).fullmatch(text) is not None


@dataclass(frozen=True)
class SelectorRule:
    """One selector of a profile as EKS stores it: a namespace and labels (patterns)."""

    namespace: str
    labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ProfileRule:
    """A Fargate profile: its name and selectors (``cluster`` names the EKS cluster)."""

    name: str
    selectors: tuple[SelectorRule, ...]
    cluster: str | None = None


def selector_matches(selector: SelectorRule, namespace: str, labels: Mapping[str, str]) -> bool:
    """True when a pod in ``namespace`` with ``labels`` matches ``selector``."""
    if not wildcard_match(selector.namespace, namespace):
        return False
    for key_pattern, value_pattern in selector.labels.items():
        if not any(
            wildcard_match(key_pattern, key) and wildcard_match(value_pattern, str(value))
            for key, value in labels.items()
        ):
            return False
    return True


def _matches(profile: ProfileRule, namespace: str, labels: Mapping[str, str]) -> bool:
    return any(selector_matches(s, namespace, labels) for s in profile.selectors)


@dataclass(frozen=True)
class ProfileChoice:
    """The profile EKS would use for a pod (``None``: the pod is not scheduled on Fargate),
    every profile that matches, and why."""

    profile: str | None
    matching: tuple[str, ...]
    reason: str


def choose_profile(
    profiles: Iterable[ProfileRule], namespace: str, labels: Mapping[str, str]
) -> ProfileChoice:
    """The profile a pod in ``namespace`` with ``labels`` runs under, EKS's way."""
    ordered = sorted(profiles, key=lambda p: p.name)
    matching = tuple(p.name for p in ordered if _matches(p, namespace, labels))
    wanted = labels.get(PROFILE_LABEL)
    if wanted is not None:
        if wanted in matching:
            return ProfileChoice(wanted, matching, f"label {PROFILE_LABEL}={wanted}")
        known = any(p.name == wanted for p in ordered)
        why = (
            f"the pod asks for profile {wanted!r} ({PROFILE_LABEL}) but matches none of its "
            "selectors"
            if known
            else f"the pod asks for profile {wanted!r} ({PROFILE_LABEL}), which does not exist"
        )
        return ProfileChoice(None, matching, why)
    if not matching:
        return ProfileChoice(None, (), "no profile selects this namespace and these labels")
    if len(matching) == 1:
        return ProfileChoice(matching[0], matching, "the only matching profile")
    return ProfileChoice(
        matching[0],
        matching,
        f"first of {len(matching)} matching profiles by name ({', '.join(matching)})",
    )
