"""Kubernetes object names the EKS components accept from users. Pure.

- Namespaces are RFC 1123 DNS labels: "at most 63 characters, only lowercase alphanumeric
  characters or '-', start with an alphanumeric character, end with an alphanumeric
  character" (Kubernetes, "Object Names and IDs", RFC 1123 Label Names,
  https://kubernetes.io/docs/concepts/overview/working-with-objects/names/; "Namespaces":
  the name of a namespace must be a valid DNS label). Implemented once, in
  ``eks.team_namespace.check_dns_label``, and re-exported here.
- ServiceAccount names are DNS subdomain names: "no more than 253 characters, only lowercase
  alphanumeric characters, '-' or '.', start and end with an alphanumeric character" (same
  page, DNS Subdomain Names; "the name of a ServiceAccount object must be a valid DNS
  subdomain name", "Service Accounts").
- A Fargate profile selector's namespace may use EKS's wildcards ``*`` (zero or more
  characters) and ``?`` (one) ("Fargate profile components", selectors,
  https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html): with the wildcards
  read as one letter each, it is still a DNS label of at most 63 characters.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import ValidationError, is_known
from .team_namespace import check_dns_label

__all__ = ["check_dns_label", "check_dns_subdomain", "check_namespace_pattern"]

_LABEL = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_SUBDOMAIN = re.compile(rf"^{_LABEL}(\.{_LABEL})*$")
_PATTERN = re.compile(r"^[a-z0-9*?]([-a-z0-9*?]*[a-z0-9*?])?$")


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
