"""A load balancer's domain: the host names a DNS-validated ACM certificate covers and that
alias records point at the load balancer, checked before anything is created.

The rules encoded here, with their sources:

- Host names: "The maximum length of a DNS name is 253 octets. The name is made up of
  multiple labels separated by periods. No label can be longer than 63 octets" (ACM API
  Reference, RequestCertificate ``DomainName``); ACM's pattern for a name is
  ``^(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$``
  (same page): letters, digits and hyphens, no label starting or ending with a hyphen, at
  least two labels.
- The certificate's first name is its subject Common Name: "In compliance with RFC 5280,
  the length of the domain name (technically, the Common Name) that you provide cannot
  exceed 64 octets (characters), including periods" (RequestCertificate ``DomainName``).
- Wildcards: "Use an asterisk (*) to create a wildcard certificate that protects several
  sites in the same domain" (RequestCertificate); in Route 53 "The * must replace the entire
  label ... can't replace any of the middle labels" (Route 53 API Reference,
  ResourceRecordSet ``Name``). So ``*`` only as the whole leftmost label. ``Domain.name``
  is the service's URL, so it must be a concrete host name; wildcards go in ``aliases``.
- Names per certificate: "The default quota is 10 domain names for each ACM certificate
  ... You can request up to 100 domain names" (ACM User Guide, "Quotas",
  https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html). Above 100 is refused;
  11-100 warns that the quota must be raised first.
- Every name must be inside the hosted zone (equal to the zone's name or ending in
  ``.<zone name>``): Route 53 refuses a record outside its zone ("RRSet with DNS name ... is
  not permitted in zone ...", ChangeResourceRecordSets ``InvalidChangeBatch``), and DNS
  validation needs the validation CNAME in a zone that answers for the name.
- Hosted zone ids: "Z" and upper-case letters and digits, at most 32 characters (Route 53
  API Reference, HostedZone ``Id``: "Length Constraints: Maximum length of 32"); the
  ``/hostedzone/`` prefix the API prints is refused with a hint rather than stripped.

DNS validation of ``*.example.com`` and ``example.com`` asks for one and the same CNAME (the
record name is derived from the name without ``*.``, as the Terraform/Pulumi ACM examples and
moto's ACM show; not confirmed in the stored ACM docs), so one validation record is made per
distinct base name. The CNAME holds only the value ACM gives ("If you include your domain
name in the DNS database CNAME record, validation fails", ACM API Reference,
DomainValidation ``ResourceRecord``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import ValidationError, is_known

__all__ = [
    "ACM_DEFAULT_NAMES_PER_CERTIFICATE",
    "ACM_MAX_NAMES_PER_CERTIFICATE",
    "Domain",
    "record_key",
    "validation_base",
]

#: ACM's default quota of domain names per certificate (adjustable), and its hard maximum.
ACM_DEFAULT_NAMES_PER_CERTIFICATE = 10
ACM_MAX_NAMES_PER_CERTIFICATE = 100
#: RFC 5280's upper bound of a Common Name, which ACM applies to the first name.
COMMON_NAME_MAX = 64
NAME_MAX = 253
LABEL_MAX = 63

_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_ZONE_ID = re.compile(r"^Z[A-Z0-9]{1,31}$")


def _host_name_problem(name: str, *, wildcard: bool) -> str | None:
    """Why ``name`` is not a host name ACM and Route 53 accept, or ``None``."""
    if len(name) > NAME_MAX:
        return f"at most {NAME_MAX} characters (this is {len(name)})"
    labels = name.split(".")
    if len(labels) < 2:
        return "a fully qualified name of at least two labels, e.g. 'app.example.com'"
    for i, label in enumerate(labels):
        if label == "*":
            if i != 0:
                return "'*' only as the whole leftmost label (e.g. '*.example.com')"
            if not wildcard:
                return (
                    "a concrete host name (it is the service's URL); put wildcard names "
                    "in Domain.aliases"
                )
            continue
        if "*" in label:
            return "'*' only as the whole leftmost label, never inside a label"
        if len(label) > LABEL_MAX:
            return f"labels of at most {LABEL_MAX} characters ({label[:20]}... is {len(label)})"
        if not _LABEL.match(label):
            return (
                "labels of letters, digits and hyphens, not starting or ending with a "
                f"hyphen (not {label!r}); no trailing dot"
            )
    return None


def validation_base(name: str) -> str:
    """The name whose DNS validation record covers ``name`` (``*.x`` and ``x`` share one)."""
    return name[2:] if name.startswith("*.") else name


def record_key(name: str) -> str:
    """A logical-name-safe key for a host name: ``*.api.example.com`` ->
    ``wildcard-api-example-com``."""
    return name.lower().replace("*", "wildcard").replace(".", "-")


def in_zone(name: str, zone: str) -> bool:
    name, zone = name.lower(), zone.lower()
    return name == zone or name.endswith("." + zone)


@dataclass(frozen=True, kw_only=True)
class Domain:
    """The host names of a load balancer: the library requests a DNS-validated ACM
    certificate for ``name`` and ``aliases``, writes the validation records into the
    Route 53 hosted zone, waits for the certificate, points an alias record per name at the
    load balancer, and serves HTTPS with HTTP redirecting to it.

    Example::

        Domain(name="api.example.com", aliases=["www.example.com"], zone_name="example.com")
    """

    name: str
    """The host name the service is reached at (its URL), e.g. ``"api.example.com"``; the
    certificate's Common Name, so at most 64 characters. Required."""
    zone_name: str
    """The public Route 53 hosted zone every name is inside, e.g. ``"example.com"``.
    Required (the names are checked against it at plan time)."""
    zone_id: str | None = None
    """The hosted zone's id (``"Z..."``), when known. Default: looked up by ``zone_name``
    (a public zone) at plan time."""
    aliases: Sequence[str] = ()
    """More names on the certificate and in DNS, e.g. ``["www.example.com",
    "*.example.com"]`` (a wildcard only as the leftmost label). Default none."""

    @property
    def names(self) -> tuple[str, ...]:
        """``name`` then ``aliases``."""
        return (self.name, *self.aliases)

    @property
    def validation_names(self) -> tuple[str, ...]:
        """One name per distinct DNS validation record (wildcards fold onto their base)."""
        seen: dict[str, str] = {}
        for name in self.names:
            seen.setdefault(validation_base(name).lower(), name)
        return tuple(seen.values())

    def needs_quota_increase(self) -> bool:
        """More names than ACM's default quota allows (the quota must be raised first)."""
        return len(self.names) > ACM_DEFAULT_NAMES_PER_CERTIFICATE

    def validate(self) -> None:
        """Raise ``ValidationError`` (under ``Domain.<field>``) for a name ACM or Route 53
        would refuse, a name outside the zone, a bad zone id or too many names."""
        self._check_zone()
        self._check_name("Domain.name", self.name, wildcard=False)
        if len(self.name) > COMMON_NAME_MAX:
            raise ValidationError(
                "Domain.name",
                self.name,
                f"at most {COMMON_NAME_MAX} characters: it is the certificate's Common Name "
                "(RFC 5280, as ACM applies it); put a longer name in aliases",
            )
        if isinstance(self.aliases, str) or not isinstance(self.aliases, Sequence):
            raise ValidationError("Domain.aliases", self.aliases, "a list of host names")
        seen = {self.name.lower(): "name"}
        for i, alias in enumerate(self.aliases):
            where = f"Domain.aliases[{i}]"
            self._check_name(where, alias, wildcard=True)
            holder = seen.setdefault(alias.lower(), where)
            if holder != where:
                raise ValidationError(where, alias, f"a name not already given (as {holder})")
        if len(self.names) > ACM_MAX_NAMES_PER_CERTIFICATE:
            raise ValidationError(
                "Domain.aliases",
                f"{len(self.names)} names",
                f"at most {ACM_MAX_NAMES_PER_CERTIFICATE} names per ACM certificate, name "
                "included (ACM quotas)",
            )

    def _check_zone(self) -> None:
        if not isinstance(self.zone_name, str) or not self.zone_name:
            raise ValidationError("Domain.zone_name", self.zone_name, "a hosted zone name")
        problem = _host_name_problem(self.zone_name, wildcard=False)
        if problem is not None:
            raise ValidationError("Domain.zone_name", self.zone_name, problem)
        if self.zone_id is None or not is_known(self.zone_id):
            return
        if not isinstance(self.zone_id, str) or not _ZONE_ID.match(self.zone_id):
            hint = (
                " (without the '/hostedzone/' prefix)"
                if isinstance(self.zone_id, str) and self.zone_id.startswith("/hostedzone/")
                else ""
            )
            raise ValidationError(
                "Domain.zone_id",
                self.zone_id,
                f"a Route 53 hosted zone id: 'Z' then up to 31 upper-case letters and digits{hint}",
            )

    def _check_name(self, where: str, name: object, *, wildcard: bool) -> None:
        if not isinstance(name, str) or not name:
            raise ValidationError(where, name, "a host name, e.g. 'app.example.com'")
        problem = _host_name_problem(name, wildcard=wildcard)
        if problem is not None:
            raise ValidationError(where, name, problem)
        if not in_zone(name, self.zone_name):
            raise ValidationError(
                where,
                name,
                f"a name inside the hosted zone {self.zone_name!r} (equal to it or ending "
                f"in '.{self.zone_name}')",
            )
