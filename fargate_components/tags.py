"""AWS tag rules, whole, for every ``tags`` argument and the tags the library adds. Pure.

One ``tags`` argument of a component reaches resources of several services (EC2 VPCs and
subnets, ELB load balancers, ECS clusters and services, IAM roles, CloudWatch log groups, EKS
clusters, SQS queues, EventBridge schedules). Each service documents the same basic rules, and
the strictest of them apply to the union, so that is what is checked:

- at most :data:`MAX_USER_TAGS` (50) user tags per resource; tags whose key starts with
  ``aws:`` are AWS's own and don't count ("Maximum number of tags per resource - 50 ... Tags
  with this prefix do not count against your tags per resource limit", ECS API reference,
  ``Tag``, https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Tag.html);
- key 1-128 and value 0-256 Unicode characters (same page; ELB ``Tag``: "Length Constraints:
  Minimum length of 1. Maximum length of 128" for keys, "Minimum length of 0. Maximum length
  of 256" for values, https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Tag.html);
- keys and values only of letters, numbers and spaces representable in UTF-8 and
  ``_ . : / = + - @`` (ELB ``Tag``: "Pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$" for both key
  and value; the ECS page: "Generally allowed characters are: letters, numbers, and spaces
  representable in UTF-8, and the following characters: + - = . _ : / @"). EC2 alone allows
  more, but the same map is given to load balancers, IAM and ECS, which refuse the rest;
- no ``aws:`` prefix in any case on keys or values ("Do not use aws:, AWS:, or any upper or
  lowercase combination of such as a prefix for either keys or values as it is reserved for
  Amazon Web Services use", ECS ``Tag``);
- each key once per resource (a mapping guarantees that; keys that differ only in case are
  allowed: "Tag keys and values are case-sensitive").

The library's own tags (``Name``, the ``fargate:waive:<RULE>`` waivers) count towards the 50
and obey the same rules: :func:`check_merged_tags` checks the merged map of every child.
So do the AWS provider's default tags, which the provider adds to every resource it tags
(``tags_all``: the resource's tags merged with the provider's ``default_tags``; Pulumi's AWS
provider is bridged from Terraform's, "Default Tags in the Terraform AWS Provider",
https://www.hashicorp.com/blog/default-tags-in-the-terraform-aws-provider, and Pulumi's
``ProviderDefaultTags``, "Resource tags to default across all resources"):
those set in the stack config (``aws:defaultTags``) are checked by the same rules and counted
by :func:`check_tags`; those of an explicit ``aws.Provider(default_tags=...)`` are invisible
to a component and are not counted (docs/validation.md says so).
Values that are still unknown at preview (``pulumi.Output``) can't be checked here.

Per-service deviations: EC2 allows more characters than the common set, but the same map is
also given to ELB, ECS, IAM and Logs resources, which don't, so the common set is enforced.
ECS refuses the keys ``AmazonECSCreated`` and ``AmazonECSManaged`` on the EBS volumes it
creates for a service ("AmazonECSCreated and AmazonECSManaged are reserved tags that can't be
used", ECS API reference, ``EBSTagSpecification``,
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EBSTagSpecification.html); a
service's tags propagate to those volumes, so :data:`ECS_EBS_RESERVED_KEYS` are refused on a
service with an EBS volume. ECS's own managed tags on tasks (``aws:ecs:clusterName``,
``aws:ecs:serviceName``) have the ``aws:`` prefix and don't count.

A waiver tag (key ``fargate:waive:<RULE-ID>``) has a value of its own syntax, inside the
character rule above (``;`` ``,`` and parentheses are refused by ELB, ECS, IAM and Logs, so
the expiry is one more word, ``=`` being allowed)::

    <reason> expires=YYYY-MM-DD

The reason is required; ``expires=`` is optional and, when present, is the last word: from
that day on (UTC) the tag waives nothing and is reported as ``FC-WAIVE-002``. A waiver tag
with no rule id after the prefix, no reason, or an ``expires`` word that is not the last one
or not a date is refused where tags are validated (:func:`check_tags`,
:func:`check_merged_tags`), so a typo can't make a waiver last for ever.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from . import timefmt
from .errors import ValidationError, is_known

__all__ = [
    "ECS_EBS_RESERVED_KEYS",
    "MAX_KEY_LENGTH",
    "MAX_USER_TAGS",
    "MAX_VALUE_LENGTH",
    "RESERVED_PREFIX",
    "WAIVER_EXPIRES",
    "WAIVER_TAG_PREFIX",
    "check_combined_tags",
    "check_ecs_ebs_tags",
    "check_merged_tags",
    "check_name_tag",
    "check_tag_key",
    "check_tag_value",
    "check_tags",
    "check_waiver_tag",
    "parse_waiver_value",
    "stack_default_tags",
    "user_tag_count",
    "waiver_tag",
]

MAX_USER_TAGS = 50
MAX_KEY_LENGTH = 128
MAX_VALUE_LENGTH = 256
RESERVED_PREFIX = "aws:"
#: Tag keys ECS refuses on the EBS volumes it creates for a service (``EBSTagSpecification``).
ECS_EBS_RESERVED_KEYS = ("AmazonECSCreated", "AmazonECSManaged")
#: A tag ``fargate:waive:<RULE-ID>`` whose value is the reason waives that policy rule on its
#: resource (see ``fargate_components.policy.waivers``).
WAIVER_TAG_PREFIX = "fargate:waive:"
_RULE_ID = re.compile(r"^(FC-[A-Z]+-\d{3}|CKV2?_[A-Z0-9]+_\d+)$")  # ours, or Checkov's
#: The word that ends a waiver tag's value with its expiry date: ``expires=YYYY-MM-DD``.
WAIVER_EXPIRES = "expires="
#: Any word that looks like an attempt at an expiry (``Expires=``, ``expires:``, ``expire=``).
_EXPIRY_LIKE = re.compile(r"^expires?[=:]", re.IGNORECASE)
_SYMBOLS = frozenset("_.:/=+-@")
_ALLOWED = "letters, digits, spaces and _ . : / = + - @"


@functools.lru_cache(maxsize=8192)
def _bad_character(text: str) -> str | None:
    """The first character outside ``[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]``, if any (cached: the
    same keys and names recur on every resource of a plan, issue 18)."""
    for char in text:
        if char in _SYMBOLS or unicodedata.category(char)[0] in ("L", "N", "Z"):
            continue
        return char
    return None


def check_tag_key(argument: str, key: Any) -> None:
    """One tag key: 1-128 allowed characters, not starting with ``aws:``."""
    problem = _key_problem(key)
    if problem is not None:
        raise ValidationError(f"{argument}[{key!r}]", key, problem)


def _key_problem(key: Any) -> str | None:
    if not isinstance(key, str) or not 1 <= len(key) <= MAX_KEY_LENGTH:
        return f"a key of 1 to {MAX_KEY_LENGTH} characters"
    if key.lower().startswith(RESERVED_PREFIX):
        return "a key not starting with 'aws:' (reserved for AWS)"
    char = _bad_character(key)
    return None if char is None else f"a key of {_ALLOWED} (not {char!r})"


def check_tag_value(argument: str, key: str, value: Any) -> None:
    """One tag value: 0-256 allowed characters, not starting with ``aws:``."""
    problem = _value_problem(value)
    if problem is not None:
        raise ValidationError(f"{argument}[{key!r}]", value, problem)


def _value_problem(value: Any) -> str | None:
    if isinstance(value, str):  # the common case first: a string is known
        if len(value) > MAX_VALUE_LENGTH:
            return f"a string of at most {MAX_VALUE_LENGTH} characters"
        if value.lower().startswith(RESERVED_PREFIX):
            return "a value not starting with 'aws:' (reserved for AWS)"
        char = _bad_character(value)
        return None if char is None else f"a value of {_ALLOWED} (not {char!r})"
    if not is_known(value):
        return None
    return f"a string of at most {MAX_VALUE_LENGTH} characters"


def parse_waiver_value(value: str) -> tuple[str, dt.date | None]:
    """A waiver tag's value as ``(reason, expires)``: ``"dev stack expires=2027-06-30"`` is
    ``("dev stack", date(2027, 6, 30))``; without the word, ``expires`` is ``None``.
    Raises ``ValueError`` saying what is wrong (no reason, a misplaced or malformed expiry)."""
    words = value.split()
    expiry = [i for i, word in enumerate(words) if _EXPIRY_LIKE.match(word)]
    expires = None
    if expiry:
        last = words[-1]
        if expiry != [len(words) - 1] or not last.startswith(WAIVER_EXPIRES):
            raise ValueError(
                f"one expiry, written as the last word {WAIVER_EXPIRES}YYYY-MM-DD "
                f"(e.g. 'dev stack {WAIVER_EXPIRES}2027-06-30')"
            )
        try:
            expires = dt.date.fromisoformat(last[len(WAIVER_EXPIRES) :])
        except ValueError:
            raise ValueError(
                f"an expiry {WAIVER_EXPIRES}YYYY-MM-DD with a real date (not {last!r})"
            ) from None
        words = words[:-1]
    reason = " ".join(words)
    if not reason:
        raise ValueError(f"a reason, optionally followed by {WAIVER_EXPIRES}YYYY-MM-DD")
    return reason, expires


def check_waiver_tag(argument: str, key: str, value: Any) -> None:
    """A ``fargate:waive:<RULE-ID>`` tag: a rule id after the prefix and a value of
    :func:`parse_waiver_value`'s syntax. Other keys and unknown values pass."""
    if not key.startswith(WAIVER_TAG_PREFIX) or not isinstance(value, str):
        return
    where = f"{argument}[{key!r}]"
    if not _RULE_ID.match(key[len(WAIVER_TAG_PREFIX) :]):
        raise ValidationError(
            where, key, f"a waiver key {WAIVER_TAG_PREFIX}<RULE-ID>, e.g. 'FC-ALB-004'"
        )
    try:
        parse_waiver_value(value)
    except ValueError as exc:
        raise ValidationError(where, value, f"a waiver value: {exc}") from None


def user_tag_count(tags: Mapping[str, Any]) -> int:
    """The tags that count towards the per-resource limit (``aws:`` ones don't)."""
    return sum(1 for k in tags if not str(k).lower().startswith(RESERVED_PREFIX))


def stack_default_tags() -> dict[str, Any]:
    """The AWS provider's default tags from the stack config (``aws:defaultTags``, whose
    value is ``{"tags": {...}}``), checked by the tag rules; ``{}`` without them or outside a
    Pulumi program. Read and checked once per Pulumi run (every tagged resource asks: 18
    config reads per service, issue 18); separate runs in one process read their own."""
    from ._component import run_scoped

    checked = run_scoped("aws:defaultTags", _read_default_tags)
    return dict(_read_default_tags() if checked is None else checked)


def _read_default_tags() -> dict[str, Any]:
    try:
        import pulumi

        value = pulumi.Config("aws").get_object("defaultTags")
    except Exception:  # outside a Pulumi program there is no config
        return {}
    tags = value.get("tags") if isinstance(value, Mapping) else None
    if not isinstance(tags, Mapping):
        return {}
    argument = "aws:defaultTags (stack config)"
    for key, val in tags.items():
        check_tag_key(argument, key)
        check_tag_value(argument, key, val)
    return dict(tags)


def _check_count(argument: str, keys: set[str], added: int, own: str = "Name") -> None:
    """``keys`` (a resource's tags, the provider's default tags included) leave room for
    ``added`` tags of the library's own (``own`` names them) within the 50-tag limit."""
    count = user_tag_count(dict.fromkeys(keys))
    if count + added > MAX_USER_TAGS:
        defaults = stack_default_tags()
        extra = f" and the stack's aws:defaultTags {len(defaults)}" if defaults else ""
        raise ValidationError(
            argument,
            f"{count} tags",
            f"at most {MAX_USER_TAGS - added} tags: AWS allows {MAX_USER_TAGS} per resource, "
            f"the library adds {added} of its own ({own}){extra}",
        )


def check_tags(argument: str, tags: Any, *, added: int = 1, own: str = "Name") -> None:
    """A ``tags`` argument: a mapping of valid keys and values, with room for ``added`` tags
    the library sets itself (``own`` names them: ``Name`` by default) within the 50-tag limit,
    counting the provider's default tags from the stack config (:func:`stack_default_tags`).
    ``None`` is no tags."""
    defaults = stack_default_tags()  # checked even when the component has no tags
    if tags is None or not is_known(tags):
        _check_count(argument, set(defaults), added, own)
        return
    if not isinstance(tags, Mapping):
        raise ValidationError(argument, tags, "a mapping of tag key to value")
    for key, value in tags.items():
        check_tag_key(argument, key)
        check_tag_value(argument, key, value)
        check_waiver_tag(argument, key, value)
    _check_count(argument, set(tags) | set(defaults), added, own)


def check_combined_tags(argument: str, *tag_sets: Any, added: int = 1) -> None:
    """Tag maps that are merged on one resource (a cluster's ``tags`` and one profile's):
    each already checked by :func:`check_tags`, their union within the limit."""
    keys: set[str] = set(stack_default_tags())
    for tags in tag_sets:
        if tags is None or not is_known(tags):
            continue
        keys |= set(tags)
    _check_count(argument, keys, added)


def check_ecs_ebs_tags(argument: str, tags: Any) -> None:
    """A service's tags, which ECS propagates to the EBS volumes it creates: not
    :data:`ECS_EBS_RESERVED_KEYS`."""
    if not isinstance(tags, Mapping):
        return
    for key in tags:
        if key in ECS_EBS_RESERVED_KEYS:
            raise ValidationError(
                f"{argument}[{key!r}]",
                key,
                f"a key other than {' and '.join(ECS_EBS_RESERVED_KEYS)} (ECS reserves them on "
                "the EBS volumes it creates, and the service's tags propagate to them)",
            )


#: Room left in a ``Name`` value for the suffix the library appends (``-<role>``).
_NAME_SUFFIX_ROOM = 56


def check_name_tag(name: Any) -> None:
    """A component's name becomes the ``Name`` tag of its children (``<name>-<role>``):
    called first in every component's ``__init__``, so a name tags can't carry fails before
    anything is registered."""
    if not isinstance(name, str) or not is_known(name):
        return
    limit = MAX_VALUE_LENGTH - _NAME_SUFFIX_ROOM
    if len(name) > limit:
        raise ValidationError(
            "name", name, f"at most {limit} characters (it is the children's Name tag)"
        )
    char = _bad_character(name)
    if char is not None or name.lower().startswith(RESERVED_PREFIX):
        raise ValidationError(
            "name",
            name,
            f"{_ALLOWED}, not starting with 'aws:' (the name is the children's Name tag)",
        )


def check_merged_tags(tags: Mapping[str, Any]) -> None:
    """The final tag map of one child resource (the user's tags merged with the library's),
    checked as AWS will check it. A failure here means a tag the library added is invalid,
    e.g. a component name with characters tags can't carry."""
    argument = "tags (the user's merged with the library's own)"
    for key, value in tags.items():
        check_tag_key(argument, key)
        check_tag_value(argument, key, value)
        check_waiver_tag(argument, key, value)
    count = user_tag_count(dict.fromkeys(set(tags) | set(stack_default_tags())))
    if count > MAX_USER_TAGS:
        raise ValidationError(
            argument,
            f"{count} tags",
            f"at most {MAX_USER_TAGS} per resource (the provider's aws:defaultTags included)",
        )


def waiver_tag(rule: str, reason: str, expires: dt.date | str | None = None) -> dict[str, str]:
    """The tag that waives policy rule ``rule`` on a resource, with its reason and, optionally,
    the first day (UTC) it waives nothing::

        tags={**tags, **waiver_tag("FC-ALB-004", "dev stack - deleted nightly", "2027-06-30")}

    Raises ``ValidationError`` for a rule id that isn't ``FC-<AREA>-<NNN>`` (or a Checkov id,
    ``CKV_AWS_91``, for ``plan --scan checkov``), a reason that is empty or not a valid tag
    value (no ``,`` ``;`` or parentheses: see the module doc), or an ``expires`` that is not a
    date (``YYYY-MM-DD``)."""
    if not isinstance(rule, str) or not _RULE_ID.match(rule):
        raise ValidationError(
            "waiver_tag.rule", rule, "a rule id such as 'FC-ALB-004' or 'CKV_AWS_91'"
        )
    if not isinstance(reason, str) or not reason.strip():
        raise ValidationError("waiver_tag.reason", reason, "a non-empty reason")
    key = WAIVER_TAG_PREFIX + rule
    value = reason.strip()
    if expires is not None:
        try:
            day = expires if isinstance(expires, dt.date) else dt.date.fromisoformat(expires)
        except (TypeError, ValueError):
            raise ValidationError("waiver_tag.expires", expires, "a date, YYYY-MM-DD") from None
        value = f"{value} {WAIVER_EXPIRES}{timefmt.day(day)}"
    check_tag_value("waiver_tag.reason", key, value)
    check_waiver_tag("waiver_tag.reason", key, value)
    return {key: value}
