"""The ``DomainCertificate`` component: a DNS-validated ACM certificate for a
:class:`~fargate_components.ecs.domain.Domain`, its validation records in Route 53, the wait
for validation, and (given a target) an alias record per name.

``LoadBalancer(domain=...)`` creates one as its child; it can also be used on its own (e.g.
for a load balancer this library doesn't manage).

Design:

- The hosted zone is the domain's ``zone_id``, else looked up by ``zone_name`` (a public
  zone: ACM's DNS validation is answered from the public DNS).
- One validation CNAME per distinct base name (``*.x`` and ``x`` share one), named
  ``<name>-validation-<host>`` (keyed by host name, not position, so reordering the aliases
  replaces nothing). ``allow_overwrite`` lets a second certificate for the same names reuse
  the record ACM asks for (ACM gives every certificate of a name in an account the same one).
- ``certificate_arn`` is the ``CertificateValidation``'s output: whatever uses it (the HTTPS
  listener) waits until ACM has issued the certificate.
- Alias records (``A``) point every name at the target with ``evaluate_target_health``. An
  ``AAAA`` alias is added per name when, and only when, the target is dual-stack
  (``AliasTarget(dualstack=True)``): clients on IPv6 resolve the AAAA record, those on IPv4
  the A record ("Configure an Application Load Balancer with IPv6", AWS re:Post knowledge
  center: "Update the CNAME or Alias (A and AAAA) record of your domain",
  https://repost.aws/knowledge-center/elb-configure-with-ipv6). An AAAA alias to an IPv4-only
  load balancer would resolve to nothing, so it is never made for one. The load balancers of
  this library are IPv4 only (``LoadBalancerArgs`` has no ``ip_address_type``), so
  ``LoadBalancer(domain=...)`` makes A records only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from .._component import TYPE_PREFIX, child_opts, merge_tags
from ..errors import ValidationError, argument_path
from ..tags import check_name_tag, check_tags
from .domain import Domain, record_key, validation_base

__all__ = ["AliasTarget", "DomainCertificate", "DomainCertificateArgs"]

CERTIFICATE = "certificate"
VALIDATION = "validation"
ALIAS = "alias"
#: The AAAA alias of a name (dual-stack targets only).
ALIAS6 = "alias6"
#: Seconds a validation CNAME is cached; ACM re-reads it at each renewal.
VALIDATION_TTL = 300


@dataclass(frozen=True)
class AliasTarget:
    """What alias records point at: a load balancer's DNS name and hosted zone id."""

    dns_name: pulumi.Input[str]
    """The target's DNS name. Required."""
    zone_id: pulumi.Input[str]
    """The target's hosted zone id (a load balancer's ``zone_id``). Required."""
    dualstack: bool = False
    """The target answers on IPv6 too (a load balancer with ``ip_address_type`` ``dualstack``
    or ``dualstack-without-public-ipv4``): add an ``AAAA`` alias per name next to the ``A``
    one. Default: False (IPv4 only: A records only)."""


@dataclass(frozen=True, kw_only=True)
class DomainCertificateArgs:
    """Arguments of :class:`DomainCertificate`."""

    domain: Domain
    """The names, and the hosted zone they are in. Required."""
    alias_target: AliasTarget | None = None
    """Point an ``A`` alias record per name at this target. Default none (no alias
    records: only the certificate and its validation)."""
    tags: Mapping[str, str] | None = None
    """Tags for the certificate. Default none."""


@argument_path("DomainCertificateArgs")
def validate_domain_args(args: DomainCertificateArgs) -> None:
    check_tags("tags", args.tags)
    if not isinstance(args.domain, Domain):
        raise ValidationError("domain", args.domain, "a Domain(name=..., zone_name=...)")
    with argument_path("domain", "Domain"):
        args.domain.validate()
    if args.alias_target is not None:
        if not isinstance(args.alias_target, AliasTarget):
            raise ValidationError("alias_target", args.alias_target, "an AliasTarget")
        if not isinstance(args.alias_target.dualstack, bool):
            raise ValidationError(
                "alias_target.dualstack", args.alias_target.dualstack, "True or False"
            )


def warn_quota(owner: str, domain: Domain) -> None:
    """ACM's default quota is 10 names per certificate (adjustable up to 100)."""
    if domain.needs_quota_increase():
        pulumi.log.warn(
            f"{owner}: {len(domain.names)} names on one certificate exceed ACM's default "
            "quota of 10 domain names per certificate; request an increase (Service Quotas, "
            "ACM) before deploying or the certificate request fails"
        )


def _pick(options: Sequence[Any], name: str, field: str) -> str:
    """``field`` of the validation option of ``name`` (ACM lists one option per name)."""
    for option in options or []:
        get = option.get if isinstance(option, dict) else lambda k, o=option: getattr(o, k, None)
        if str(get("domain_name") or get("domainName") or "").lower() == name.lower():
            return str(get(field) or get(_camel(field)))
    raise ValidationError(
        "DomainCertificate", name, "a name ACM returned a DNS validation option for"
    )


def _camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(p.title() for p in rest)


class DomainCertificate(pulumi.ComponentResource):
    """A DNS-validated ACM certificate for a domain, its validation records, the wait for
    validation, and optional alias records.

    Example::

        # fragment: `alb` (an aws.lb.LoadBalancer) is yours
        cert = DomainCertificate(
            "api",
            DomainCertificateArgs(
                domain=Domain(name="api.example.com", zone_name="example.com"),
                alias_target=AliasTarget(alb.dns_name, alb.zone_id),
            ),
        )
        # cert.certificate_arn: use it on an HTTPS listener (it waits for validation)
    """

    def __init__(
        self,
        name: str,
        args: DomainCertificateArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        check_name_tag(name)
        validate_domain_args(args)
        warn_quota(f"DomainCertificate {name!r}", args.domain)
        domain = args.domain
        # The zone's name is part of the component's inputs: the plan shows it, and the
        # simulator creates the zone from it (the records carry the zone's id).
        super().__init__(
            f"{TYPE_PREFIX}:ecs:DomainCertificate",
            name,
            {"zoneName": domain.zone_name, "zoneId": domain.zone_id, "names": list(domain.names)},
            opts,
        )
        self.zone_id: pulumi.Output[str] = self._zone_id(domain)
        self._build_certificate(name, domain, args.tags)
        self._build_validation(name, domain)
        #: The ``A`` alias record of every name.
        self.alias_records: dict[str, aws.route53.Record] = {}
        #: The ``AAAA`` alias record of every name (empty unless the target is dual-stack).
        self.ipv6_alias_records: dict[str, aws.route53.Record] = {}
        if args.alias_target is not None:
            self._build_aliases(name, domain, args.alias_target)
        self.certificate_arn: pulumi.Output[str] = self.validation.certificate_arn
        self.names = list(domain.names)
        self.register_outputs(
            {"certificate_arn": self.certificate_arn, "zone_id": self.zone_id, "names": self.names}
        )

    def _zone_id(self, domain: Domain) -> pulumi.Output[str]:
        if domain.zone_id is not None:
            return pulumi.Output.from_input(domain.zone_id)
        zone = aws.route53.get_zone_output(
            name=domain.zone_name,
            private_zone=False,
            opts=pulumi.InvokeOutputOptions(parent=self),
        )
        return zone.zone_id

    def _build_certificate(self, name: str, domain: Domain, tags: Mapping[str, str] | None) -> None:
        self.certificate: aws.acm.Certificate = aws.acm.Certificate(
            f"{name}-{CERTIFICATE}",
            domain_name=domain.name,
            subject_alternative_names=list(domain.aliases) or None,
            validation_method="DNS",
            tags=merge_tags(tags, {"Name": f"{name}-{CERTIFICATE}"}),
            opts=child_opts(self),
        )

    def _build_validation(self, name: str, domain: Domain) -> None:
        options = self.certificate.domain_validation_options
        self.validation_records: dict[str, aws.route53.Record] = {}
        for host in domain.validation_names:
            key = record_key(validation_base(host))

            def field(f: str, host: str = host) -> pulumi.Output[str]:
                return options.apply(lambda opts: _pick(opts, host, f))

            self.validation_records[host] = aws.route53.Record(
                f"{name}-{VALIDATION}-{key}",
                zone_id=self.zone_id,
                name=field("resource_record_name"),
                type=field("resource_record_type"),
                records=[field("resource_record_value")],
                ttl=VALIDATION_TTL,
                allow_overwrite=True,
                opts=child_opts(self),
            )
        self.validation: aws.acm.CertificateValidation = aws.acm.CertificateValidation(
            f"{name}-{VALIDATION}",
            certificate_arn=self.certificate.arn,
            validation_record_fqdns=[r.fqdn for r in self.validation_records.values()],
            opts=child_opts(self),
        )

    def _build_aliases(self, name: str, domain: Domain, target: AliasTarget) -> None:
        for host in domain.names:
            self.alias_records[host] = self._alias(
                f"{name}-{ALIAS}-{record_key(host)}", host, "A", target
            )
            if target.dualstack:
                self.ipv6_alias_records[host] = self._alias(
                    f"{name}-{ALIAS6}-{record_key(host)}", host, "AAAA", target
                )

    def _alias(
        self, resource: str, host: str, kind: str, target: AliasTarget
    ) -> aws.route53.Record:
        return aws.route53.Record(
            resource,
            zone_id=self.zone_id,
            name=host,
            type=kind,
            aliases=[
                aws.route53.RecordAliasArgs(
                    name=target.dns_name,
                    zone_id=target.zone_id,
                    evaluate_target_health=True,
                )
            ],
            opts=child_opts(self),
        )
