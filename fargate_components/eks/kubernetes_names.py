"""Kubernetes names and labels the EKS components accept from users. Pure.

Every rule here is the whole rule of Kubernetes' "Object Names and IDs"
(https://kubernetes.io/docs/concepts/overview/working-with-objects/names/) and "Labels and
Selectors" (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/,
"Syntax and character set"); docs/validation.md lists where each is applied:

- Namespaces are RFC 1123 DNS labels: "at most 63 characters, only lowercase alphanumeric
  characters or '-', start with an alphanumeric character, end with an alphanumeric
  character" (RFC 1123 Label Names; "Namespaces": the name of a namespace must be a valid
  DNS label): :func:`check_dns_label`.
- ServiceAccount names (and most other objects') are DNS subdomain names: "no more than 253
  characters, only lowercase alphanumeric characters, '-' or '.', start and end with an
  alphanumeric character" (DNS Subdomain Names; "the name of a ServiceAccount object must be
  a valid DNS subdomain name", "Service Accounts"): :func:`check_dns_subdomain`.
- A Fargate profile selector's namespace may use EKS's wildcards ``*`` (zero or more
  characters) and ``?`` (one) ("Fargate profile components", selectors,
  https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html): with the wildcards
  read as one letter each, it is still a DNS label of at most 63 characters:
  :func:`check_namespace_pattern`.
- Label keys: "an optional prefix and name, separated by a slash (/). The name segment is
  required and must be 63 characters or less, beginning and ending with an alphanumeric
  character ([a-z0-9A-Z]) with dashes (-), underscores (_), dots (.), and alphanumerics
  between. The prefix is optional. If specified, the prefix must be a DNS subdomain: a series
  of DNS labels separated by dots (.), not longer than 253 characters in total, followed by a
  slash (/)." Label values: "must be 63 characters or less (can be empty), unless empty, must
  begin and end with an alphanumeric character ([a-z0-9A-Z]), could contain dashes (-),
  underscores (_), dots (.), and alphanumerics between." Keys and values are strings
  (:func:`check_labels`). The ``kubernetes.io/`` and ``k8s.io/`` prefixes are "reserved for
  Kubernetes core components" but some are meant to be set by users
  (``pod-security.kubernetes.io/enforce`` on a namespace; selectors read
  ``kubernetes.io/arch``), so they are not refused.
- Fargate profile selector labels: EKS matches their keys and values with the same ``*`` and
  ``?`` wildcards as namespaces (the EKS "wildcard selectors" launch, 2022; not found in the
  stored copy of the user guide, so only *allowed* here, never required).

Values that are still unknown at preview (``pulumi.Output``) can't be checked here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import ValidationError, is_known

__all__ = [
    "MAX_LABEL_NAME_LENGTH",
    "MAX_LABEL_PREFIX_LENGTH",
    "MAX_LABEL_VALUE_LENGTH",
    "check_dns_label",
    "check_dns_subdomain",
    "check_label_key",
    "check_label_value",
    "check_labels",
    "check_namespace_pattern",
]

#: A label key's name segment and a label value: at most 63 characters ("Labels and Selectors").
MAX_LABEL_NAME_LENGTH = 63
MAX_LABEL_VALUE_LENGTH = 63
#: A label key's optional prefix, a DNS subdomain: at most 253 characters.
MAX_LABEL_PREFIX_LENGTH = 253

_LABEL = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS_LABEL = re.compile(rf"^{_LABEL}$")
_SUBDOMAIN = re.compile(rf"^{_LABEL}(\.{_LABEL})*$")
_PATTERN = re.compile(r"^[a-z0-9*?]([-a-z0-9*?]*[a-z0-9*?])?$")
_LABEL_NAME = re.compile(r"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
_WILDCARDS = str.maketrans({"*": "a", "?": "a"})

_LABEL_NAME_RULE = (
    "1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"
)


def check_dns_label(argument: str, value: Any) -> None:
    """A Kubernetes namespace name: an RFC 1123 DNS label, 1-63 characters."""
    if not isinstance(value, str) or len(value) > 63 or not _DNS_LABEL.match(value):
        raise ValidationError(
            argument,
            value,
            "an RFC 1123 DNS label: 1-63 lowercase letters, digits or '-', starting and "
            "ending with a letter or digit",
        )


def check_dns_subdomain(argument: str, value: Any) -> None:
    """A ServiceAccount (or other object) name: an RFC 1123 DNS subdomain, 1-253 characters."""
    if not is_known(value):
        return
    if not isinstance(value, str) or len(value) > 253 or not _SUBDOMAIN.match(value):
        raise ValidationError(
            argument,
            value,
            "a DNS subdomain name: 1-253 lowercase letters, digits, '-' or '.', starting and "
            "ending with a letter or digit",
        )


def check_namespace_pattern(argument: str, value: Any) -> None:
    """A Fargate selector namespace: a DNS label in which ``*`` and ``?`` may appear."""
    if not is_known(value):
        return
    if not isinstance(value, str) or len(value) > 63 or not _PATTERN.match(value):
        raise ValidationError(
            argument,
            value,
            "a namespace name (an RFC 1123 DNS label: 1-63 lowercase letters, digits or '-', "
            "starting and ending with a letter or digit), with EKS's wildcards * and ? allowed",
        )


def _read(text: str, wildcards: bool) -> str:
    """``text`` with each wildcard read as one letter (a selector's pattern)."""
    return text.translate(_WILDCARDS) if wildcards else text


def check_label_key(argument: str, key: Any, *, wildcards: bool = False) -> None:
    """A label key: ``[prefix/]name``, the prefix a DNS subdomain of at most 253 characters,
    the name 1-63 characters of :data:`_LABEL_NAME`. ``wildcards`` allows ``*`` / ``?``
    (a Fargate profile selector)."""
    where = f"{argument}[{key!r}]"
    if not isinstance(key, str):
        raise ValidationError(where, key, "a label key (a string)")
    prefix, slash, name = _read(key, wildcards).rpartition("/")
    if slash and (len(prefix) > MAX_LABEL_PREFIX_LENGTH or not _SUBDOMAIN.match(prefix)):
        raise ValidationError(
            where,
            key,
            "a label key whose prefix (before '/') is a DNS subdomain: at most 253 lowercase "
            "letters, digits, '-' or '.', starting and ending with a letter or digit",
        )
    if len(name) > MAX_LABEL_NAME_LENGTH or not _LABEL_NAME.match(name):
        raise ValidationError(
            where, key, f"a label key whose name (after any 'prefix/') is {_LABEL_NAME_RULE}"
        )


def check_label_value(argument: str, key: str, value: Any, *, wildcards: bool = False) -> None:
    """A label value: empty, or 1-63 characters of :data:`_LABEL_NAME`."""
    if not is_known(value):
        return
    where = f"{argument}[{key!r}]"
    if not isinstance(value, str):
        raise ValidationError(where, value, "a label value (a string)")
    read = _read(value, wildcards)
    if read and (len(read) > MAX_LABEL_VALUE_LENGTH or not _LABEL_NAME.match(read)):
        raise ValidationError(where, value, f"a label value: empty, or {_LABEL_NAME_RULE}")


def check_labels(argument: str, labels: Any, *, wildcards: bool = False) -> None:
    """A mapping of Kubernetes labels: every key and value valid (see the module doc)."""
    if not is_known(labels):
        return
    if not isinstance(labels, Mapping):
        raise ValidationError(argument, labels, "a mapping of label key to value")
    for key, value in labels.items():
        check_label_key(argument, key, wildcards=wildcards)
        check_label_value(argument, key, value, wildcards=wildcards)
