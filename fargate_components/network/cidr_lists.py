"""Lists of CIDRs given to security-group rules (``allowed_cidrs``, ``ingress_cidrs``). Pure.

A security-group rule takes an IPv4 range "in CIDR format" (EC2 API reference, ``IpRange``:
CidrIp), one rule per range here. What is checked, for every entry:

- a list, not one string (a string would be read as a list of characters);
- each entry an IPv4 network in CIDR notation with no host bits set (``10.0.0.0/16``, not
  ``10.0.0.1/16``): the range the rule opens must be the one written, never a silently
  widened one;
- no entry twice (EC2 refuses a duplicate rule: ``InvalidPermission.Duplicate``).

Not checked: the rules-per-security-group quota. It is adjustable, counts every rule of the
group, and the stored references disagree on its default (50 in older EC2 API pages, 60 in
newer VPC quota pages), so it could not be confirmed; AWS reports
``RulesPerSecurityGroupLimitExceeded`` at deploy.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from ..errors import ValidationError, is_known

__all__ = ["check_cidr_list"]


def check_cidr_list(argument: str, cidrs: Any) -> list[str]:
    """Validate ``cidrs`` (see the module doc) and return it as a list."""
    if cidrs is None or not is_known(cidrs):
        return []
    if isinstance(cidrs, str) or not hasattr(cidrs, "__iter__"):
        raise ValidationError(argument, cidrs, "a list of IPv4 CIDRs, e.g. ['10.0.0.0/16']")
    seen: set[str] = set()
    out = []
    for i, cidr in enumerate(cidrs):
        where = f"{argument}[{i}]"
        if not is_known(cidr):
            out.append(cidr)
            continue
        try:
            network = ipaddress.ip_network(cidr, strict=False)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValidationError(where, cidr, "an IPv4 CIDR such as '10.0.0.0/16'") from None
        if network.version != 4:
            raise ValidationError(where, cidr, "an IPv4 CIDR (this rule is IPv4 only)")
        if str(network) != cidr:
            raise ValidationError(
                where, cidr, f"a network address without host bits: {network} (or a /32)"
            )
        if cidr in seen:
            raise ValidationError(where, cidr, "each CIDR once")
        seen.add(cidr)
        out.append(cidr)
    return out
