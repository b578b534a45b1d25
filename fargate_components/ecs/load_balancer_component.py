"""The ``LoadBalancer`` component (an Application Load Balancer that services share) and
:func:`attach_target`, which gives one service its target group and listener rule.

Design:

- The *routing listener* (HTTPS:443 with a certificate, else HTTP:80) answers a fixed
  ``404`` by default; every service attaches with a listener rule. A service without
  path/host conditions gets a ``/*`` rule at priority 50000 (evaluated last) — the
  equivalent of the default action — and only one service per load balancer may do so.
- With a certificate, HTTP:80 only redirects to HTTPS (``HTTP_301``).
- Priorities are claimed in program order, so automatic ones are deterministic.
- Names: the load balancer and target groups keep Pulumi auto-naming (logical name + ``-``
  + 7 random characters), so a replacement is create-before-delete without a name clash.
  The provider fails when that exceeds AWS's 32 characters (pulumi/pulumi-aws#1317,
  #1932), so their logical names are shortened to 24 characters with
  :func:`~fargate_components.ecs.load_balancing.short_name` (deterministic, hashed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pulumi
import pulumi_aws as aws

from .._component import TYPE_PREFIX, child_opts, merge_tags
from ..data_protection import data_protection_enabled
from ..errors import (
    ValidationError,
    argument_path,
    check_choice,
    check_int_range,
    is_known,
)
from ..network.security_component import allow_tcp_ingress_from
from ..network.types import UNKNOWN_VPC, NetworkLike, VpcIdentity, plain_vpc_id, vpc_identity
from ..outputs import concat
from ..regions import stack_region
from ..tags import check_name_tag, check_tags
from .access_logs import (
    CREATE_BUCKET,
    DEFAULT_ACCESS_LOG_DAYS,
    access_log_bucket_policy,
    creates_bucket,
)
from .access_logs_component import ACCESS_LOGS, build_access_log_bucket
from .certificates import check_certificate_arn
from .domain import Domain
from .domain_component import AliasTarget, DomainCertificate, DomainCertificateArgs, warn_quota
from .load_balancing import (
    CATCH_ALL_PRIORITY,
    DEFAULT_SSL_POLICY,
    MAX_PRIORITY,
    MAX_TARGET_GROUPS,
    MIN_PRIORITY,
    TARGET_PROTOCOLS,
    Routing,
    TargetHealthCheck,
    check_access_log_settings,
    check_deregistration_delay,
    check_ingress_cidrs,
    check_subnet_tier,
    cidr_key,
    default_subnets,
    ingress_cidrs,
    next_free_priority,
    short_name,
    vpc_cidr_of,
)
from .waf import AUTO, WebAcl, check_waf
from .waf_component import BuiltWaf, build_waf

__all__ = [
    "AttachedTarget",
    "LoadBalancer",
    "LoadBalancerArgs",
    "LoadBalancerRef",
    "TargetPlan",
    "attach_target",
    "plan_target",
    "wire_target",
]

# Child name suffixes (part of each child's identity).
ALB = "alb"
SG = "alb-sg"
HTTP = "http"
HTTPS = "https"
TG = "tg"
TG_GREEN = "tg-green"
RULE = "rule"
DOMAIN = "domain"

#: Pulumi auto-naming appends "-" + 7 characters; AWS allows 32.
AUTONAME_MAX = 32 - 8

_SSL_POLICY = re.compile(r"^ELBSecurityPolicy-[A-Za-z0-9-]+$")
#: Policies that accept nothing below TLS 1.2 (same rule as the policy pack's FC-ALB-002).
_TLS12_POLICY = re.compile(r"^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-")


@dataclass(frozen=True, kw_only=True)
class LoadBalancerArgs:
    """Arguments of :class:`LoadBalancer`."""

    network: NetworkLike
    """The VPC (a ``Network`` or ``Network.existing(...)``). Required."""
    internal: bool = False
    """An internal ALB (private subnets, reachable only inside the VPC). Default ``False``
    (internet-facing)."""
    subnet_ids: Sequence[pulumi.Input[str]] | None = None
    """Subnets for the ALB, at least two in different AZs; must be the network's public
    subnets for an internet-facing ALB and its private ones for an internal ALB. Default:
    all public (or, internal, all private) subnets of ``network``."""
    certificate_arn: pulumi.Input[str] | None = None
    """An ACM certificate ARN in the stack's region (or an IAM server-certificate ARN): serve
    HTTPS on 443 and redirect HTTP to HTTPS. Empty, malformed and other-region ARNs are
    refused. Default none (HTTP only on 80)."""
    domain: Domain | None = None
    """Serve HTTPS on these names: the library requests a DNS-validated ACM certificate,
    writes its validation records into the Route 53 zone, waits for it, points an alias
    record per name at the ALB and redirects HTTP to HTTPS; the URL is
    ``https://<domain.name>``. Not with ``certificate_arn``. Default none."""
    ssl_policy: str = DEFAULT_SSL_POLICY
    """The HTTPS listener's security policy. Default
    ``"ELBSecurityPolicy-TLS13-1-2-2021-06"`` (TLS 1.3 and 1.2, AWS's recommendation)."""
    ingress_cidrs: Sequence[str] | None = None
    """IPv4 CIDRs allowed to reach ports 80/443. Default ``["0.0.0.0/0"]`` for an
    internet-facing ALB, the VPC CIDR for an internal one (required for an internal ALB on
    ``Network.existing(...)``, whose CIDR is unknown)."""
    ingress_security_group_ids: Sequence[pulumi.Input[str]] = ()
    """Security groups also allowed to reach ports 80/443 (e.g. callers of an internal
    ALB). Default none."""
    idle_timeout: int = 60
    """Seconds a connection may stay idle, 1-4000. Default 60."""
    deletion_protection: bool = True
    """Refuse deletion through the API (CKV_AWS_150): ``pulumi destroy`` fails until a
    ``pulumi up`` with ``False`` turns it off, so a dev stack that is torn down often sets
    ``False``. Default ``True``."""
    access_logs_bucket: pulumi.Input[str] | None = CREATE_BUCKET
    """Where access logs go (CKV_AWS_91): ``"create"`` creates an S3 bucket for them (child
    ``<name>-access-logs``: SSE-S3 encrypted - the only encryption ALB log delivery supports -,
    public access blocked, ACLs disabled, versioned, TLS-only, the ELB log-delivery policy of
    the stack's region, logs expired after ``access_logs_retention_days``, kept on delete); a
    bucket name uses yours (its ELB log-delivery policy is yours); ``None`` turns access logs
    off (dev). Default: "create"."""
    access_logs_prefix: str | None = None
    """Key prefix for access logs. Default none."""
    access_logs_retention_days: int = DEFAULT_ACCESS_LOG_DAYS
    """Days the created bucket keeps access logs (1-3653; only with the created bucket).
    Default 365."""
    waf: WebAcl | str | None = AUTO
    """An AWS WAF web ACL for the ALB (child ``<name>-waf`` and ``<name>-waf-association``):
    ``WebAcl()`` creates one with AWS's managed rules (common rule set, known bad inputs, IP
    reputation), a per-IP rate limit and request logs to a KMS-encrypted CloudWatch log group
    kept a year (``<name>-waf-logs``); ``WebAcl(logging=False)`` keeps the rules without the
    logs (dev); ``WebAcl(arn=...)`` associates an existing regional one; ``None`` turns WAF
    off (dev: a web ACL costs about USD 9 a month plus USD 0.60 per million requests, its
    logs about USD 0.50 per GB). Default ``"auto"``: ``WebAcl()`` on an internet-facing ALB,
    none on an internal one."""
    data_protection: bool | None = None
    """Keep the created access-log bucket, WAF log group and WAF log key when the load
    balancer stops declaring them (``retain_on_delete``). Default: on, unless the stack
    config ``fargate:dataProtection`` is ``"false"``."""
    tags: Mapping[str, str] | None = None
    """Tags for every taggable child. Default none."""


@argument_path("LoadBalancerArgs")
def _validate(args: LoadBalancerArgs) -> None:
    check_tags("tags", args.tags)
    check_access_log_settings(
        args.access_logs_bucket,
        args.access_logs_prefix,
        args.access_logs_retention_days,
        args.data_protection,
    )
    if not isinstance(args.network, NetworkLike):
        raise ValidationError("network", args.network, "a Network or Network.existing()")
    check_int_range("idle_timeout", args.idle_timeout, 1, 4000)
    if args.certificate_arn is not None:
        check_certificate_arn("certificate_arn", args.certificate_arn, stack_region())
    _check_domain(args)
    if not isinstance(args.ssl_policy, str) or not _SSL_POLICY.match(args.ssl_policy):
        raise ValidationError("ssl_policy", args.ssl_policy, "an ELBSecurityPolicy-* policy name")
    check_subnet_tier(
        "subnet_ids",
        args.subnet_ids,
        network=args.network,
        internal=args.internal,
        what="ALB",
    )
    subnets = _subnets(args)
    if isinstance(subnets, list):
        _two_subnets("subnet_ids" if args.subnet_ids is not None else "network", subnets)
    check_ingress_cidrs(
        "ingress_cidrs",
        args.ingress_cidrs,
        internal=args.internal,
        network=args.network,
        what="ALB",
    )
    check_waf(args.waf, internal=args.internal, region=stack_region())


def _check_domain(args: LoadBalancerArgs) -> None:
    if args.domain is None:
        return
    if not isinstance(args.domain, Domain):
        raise ValidationError("domain", args.domain, "a Domain(name=..., zone_name=...)")
    if args.certificate_arn is not None:
        raise ValidationError(
            "domain",
            args.domain.name,
            "either domain (the library requests and validates the certificate) or "
            "certificate_arn (yours), not both",
        )
    with argument_path("domain", "Domain"):
        args.domain.validate()


@argument_path("LoadBalancer.existing")
def _check_existing(listener_arn: Any, security_group_id: Any, scheme: Any) -> None:
    """The arguments of :meth:`LoadBalancer.existing`, named as typed there
    (``LoadBalancer.existing(listener_arn)``)."""
    for label, value in (
        ("listener_arn", listener_arn),
        ("security_group_id", security_group_id),
    ):
        if value is None or (is_known(value) and not isinstance(value, str)):
            raise ValidationError(f"({label})", value, "a string or an Output")
    if is_known(listener_arn) and ":listener/app/" not in str(listener_arn):
        raise ValidationError(
            "(listener_arn)",
            listener_arn,
            "an Application Load Balancer listener ARN "
            "(arn:aws:elasticloadbalancing:...:listener/app/<name>/<id>/<id>)",
        )
    if is_known(security_group_id) and not str(security_group_id).startswith("sg-"):
        raise ValidationError("(security_group_id)", security_group_id, "an 'sg-...' id")
    check_choice("(scheme)", scheme, ("http", "https"))


def _https(args: LoadBalancerArgs) -> bool:
    """HTTPS on 443 (and HTTP only redirecting): with a certificate ARN or a domain."""
    return args.certificate_arn is not None or args.domain is not None


def _checked_certificate(arn: pulumi.Input[str]) -> pulumi.Input[str]:
    """The certificate ARN, checked again once an Output resolves (a StackReference or
    config Output): an empty or malformed value fails the preview instead of the deploy."""
    if is_known(arn):
        return arn
    where = "LoadBalancerArgs.certificate_arn"
    region = stack_region()

    def check(value: str) -> str:
        check_certificate_arn(where, value, region)
        return value

    return pulumi.Output.from_input(arn).apply(check)


def _subnets(args: LoadBalancerArgs) -> Any:
    """The ALB's subnets: a list, or (network ids from an Output list) an Output checked
    inside ``apply`` for the two AZs an ALB needs."""
    subnets = default_subnets(args.subnet_ids, network=args.network, internal=args.internal)
    if isinstance(subnets, list):
        return subnets
    return subnets.apply(lambda v: _two_subnets("LoadBalancerArgs.network", v))


def _two_subnets(argument: str, subnets: list[Any]) -> list[Any]:
    if len(subnets) < 2:
        raise ValidationError(
            argument,
            f"{len(subnets)} subnet(s)",
            "at least two subnets in different AZs (an ALB needs two AZs)",
        )
    return subnets


def access_logs_args(
    bucket: pulumi.Input[str] | None, prefix: str | None
) -> aws.lb.LoadBalancerAccessLogsArgs | None:
    """A load balancer's ``access_logs`` input: on, to ``bucket``/``prefix``, or ``None``."""
    if bucket is None:
        return None
    return aws.lb.LoadBalancerAccessLogsArgs(bucket=bucket, prefix=prefix, enabled=True)


class LoadBalancer(pulumi.ComponentResource):
    """An Application Load Balancer that one or more ``FargateService``\\ s share.

    Example::

        # fragment: `net` (a Network) and `cert_arn` (an ACM certificate ARN) are yours
        lb = LoadBalancer("web", LoadBalancerArgs(network=net, certificate_arn=cert_arn))
        pulumi.export("url", lb.url)

    Creates the ALB (``drop_invalid_header_fields`` on, deletion protection on, access logs
    to a bucket it creates: see ``access_logs_bucket``), its security group (80/443 from
    ``ingress_cidrs``; egress to the VPC CIDR when known, else anywhere) and listeners:
    HTTP:80 alone without a certificate; with one, HTTPS:443 (``ssl_policy``) plus HTTP:80
    redirecting to HTTPS. The routing listener answers 404 until services attach rules.
    """

    def __init__(
        self,
        name: str,
        args: LoadBalancerArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        check_name_tag(name)
        _validate(args)
        if args.domain is not None:
            warn_quota(f"LoadBalancer {name!r}", args.domain)
        if _https(args) and not _TLS12_POLICY.match(args.ssl_policy):
            pulumi.log.warn(
                f"LoadBalancer {name!r}: ssl_policy {args.ssl_policy!r} accepts TLS versions "
                f"below 1.2; prefer {DEFAULT_SSL_POLICY!r}"
            )
        super().__init__(f"{TYPE_PREFIX}:ecs:LoadBalancer", name, None, opts)
        self.internal = args.internal
        self.vpc_id: pulumi.Output[str] = pulumi.Output.from_input(args.network.vpc_id)
        network = vpc_identity(args.network)
        self.vpc_identity = replace(network, label=f"LoadBalancer({name!r}) on {network.label}")
        self._priorities: dict[int, str] = {}
        self._target_groups: dict[str, int] = {}
        self._catch_all: str | None = None

        self._build_security_group(name, args)
        self._build_load_balancer(name, args)
        self._build_domain(name, args)
        self._build_listeners(name, args)
        self._build_waf(name, args)

        self.scheme = "https" if _https(args) else "http"
        self.arn: pulumi.Output[str] = self.load_balancer.arn
        self.arn_suffix: pulumi.Output[str] = self.load_balancer.arn_suffix
        self.dns_name: pulumi.Output[str] = self.load_balancer.dns_name
        self.zone_id: pulumi.Output[str] = self.load_balancer.zone_id
        host: pulumi.Input[str] = args.domain.name if args.domain is not None else self.dns_name
        self.url: pulumi.Output[str] = concat(f"{self.scheme}://", host)
        self.security_group_id: pulumi.Output[str] = self.security_group.id
        self.register_outputs(
            {
                "arn": self.arn,
                "dns_name": self.dns_name,
                "url": self.url,
                "security_group_id": self.security_group_id,
                "listener_arn": self.listener.arn,
            }
        )

    @staticmethod
    def existing(
        listener_arn: pulumi.Input[str],
        security_group_id: pulumi.Input[str],
        *,
        vpc_id: pulumi.Input[str],
        scheme: str = "https",
        dns_name: pulumi.Input[str] | None = None,
        arn_suffix: pulumi.Input[str] | None = None,
    ) -> LoadBalancerRef:
        """Attach services to a listener of an ALB this program doesn't manage (e.g. ids from
        a StackReference). Services add their target groups and listener rules to
        ``listener_arn``; their tasks admit ``security_group_id`` (the ALB's group).

        The listener's existing rules can't be read at plan time, so every non-catch-all
        service on it must give ``Routing(priority=...)`` explicitly. ``dns_name`` makes
        service URLs (else they're unknown); ``arn_suffix`` (``app/<name>/<id>``) enables
        ``requests_per_target`` autoscaling.

        Example::

            # Each argument may be an Output, e.g. StackReference(...).get_output("alb_sg_id").
            alb = LoadBalancer.existing(
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shared/"
                "50dc6c495c0c9188/f2f7dc8efc522ab2",
                "sg-0123456789abcdef0", vpc_id="vpc-0123456789abcdef0")
        """
        _check_existing(listener_arn, security_group_id, scheme)
        ref = LoadBalancerRef(
            listener=_ListenerHandle(pulumi.Output.from_input(listener_arn)),
            security_group_id=pulumi.Output.from_input(security_group_id),
            vpc_id=pulumi.Output.from_input(vpc_id),
            scheme=scheme,
            dns_name=dns_name,
            arn_suffix=pulumi.Output.from_input(arn_suffix) if arn_suffix is not None else None,
        )
        ref.vpc_identity = plain_vpc_id(vpc_id, f"LoadBalancer.existing(vpc_id={vpc_id!r})")
        return ref

    @staticmethod
    def _tags(name: str, args: LoadBalancerArgs, role: str) -> dict[str, str]:
        return merge_tags(args.tags, {"Name": f"{name}-{role}"})

    def _build_security_group(self, name: str, args: LoadBalancerArgs) -> None:
        """The ALB's security group: 80 (and 443) from ``ingress_cidrs`` and
        ``ingress_security_group_ids``; egress only to the VPC's CIDR when known."""
        vpc_cidr = vpc_cidr_of(args.network)
        self.security_group: aws.ec2.SecurityGroup = aws.ec2.SecurityGroup(
            f"{name}-{SG}",
            vpc_id=args.network.vpc_id,
            description=f"{'Internal' if args.internal else 'Internet-facing'} ALB {name}",
            tags=self._tags(name, args, SG),
            opts=child_opts(self),
        )
        ports = [80, 443] if _https(args) else [80]
        for port in ports:
            self._allow_ingress(name, args, port)
        # The ALB only talks to its targets (and health checks them) inside the VPC.
        egress_cidr = vpc_cidr or "0.0.0.0/0"
        aws.vpc.SecurityGroupEgressRule(
            f"{name}-{SG}-egress",
            security_group_id=self.security_group.id,
            ip_protocol="tcp",
            from_port=0,
            to_port=65535,
            cidr_ipv4=egress_cidr,
            description="to targets in the VPC" if vpc_cidr else "to targets",
            tags=self._tags(name, args, SG),
            opts=child_opts(self),
        )

    def _allow_ingress(self, name: str, args: LoadBalancerArgs, port: int) -> None:
        """``port`` from ``ingress_cidrs`` (or the default) and ``ingress_security_group_ids``."""
        allow_tcp_ingress_from(
            self,
            security_group_id=self.security_group.id,
            port=port,
            cidrs=ingress_cidrs(args.ingress_cidrs, internal=args.internal, network=args.network),
            security_group_ids=args.ingress_security_group_ids,
            cidr_rule_name=lambda _, cidr: f"{name}-{SG}-{port}-{cidr_key(cidr)}",
            group_rule_name=lambda i: f"{name}-{SG}-{port}-sg{i}",
            cidr_description=lambda cidr: f"port {port} from {cidr}",
            group_description=f"port {port} from a security group",
            tags=self._tags(name, args, SG),
        )

    def _build_access_logs(self, name: str, args: LoadBalancerArgs) -> list[pulumi.Resource]:
        """The access-log bucket, when asked for (:func:`build_access_log_bucket`, with ALB
        log delivery's bucket policy). Returns what the load balancer must wait for (ELB checks
        the bucket policy when logging is turned on)."""
        self.access_logs_bucket: aws.s3.Bucket | None = None
        if not creates_bucket(args.access_logs_bucket):
            return []
        created = build_access_log_bucket(
            self,
            name,
            tags=self._tags(name, args, ACCESS_LOGS),
            prefix=args.access_logs_prefix,
            retention_days=args.access_logs_retention_days,
            data_protection=args.data_protection,
            policy=access_log_bucket_policy,
        )
        self.access_logs_bucket = created.bucket
        return [created.policy]

    def _build_waf(self, name: str, args: LoadBalancerArgs) -> None:
        """The web ACL (created or existing) and its association, as ``waf`` says."""
        acl = check_waf(args.waf, internal=args.internal, region=None)  # validated above
        self.waf: BuiltWaf | None = None
        if acl is not None:
            self.waf = build_waf(
                self,
                name,
                acl,
                load_balancer_arn=self.load_balancer.arn,
                tags=args.tags,
                protect=data_protection_enabled(args.data_protection),
            )

    def _build_load_balancer(self, name: str, args: LoadBalancerArgs) -> None:
        wait_for = self._build_access_logs(name, args)
        bucket = (
            self.access_logs_bucket.bucket
            if self.access_logs_bucket is not None
            else args.access_logs_bucket
        )
        self.load_balancer: aws.lb.LoadBalancer = aws.lb.LoadBalancer(
            short_name(name, ALB, max_length=AUTONAME_MAX),
            load_balancer_type="application",
            internal=args.internal,
            subnets=_subnets(args),
            security_groups=[self.security_group.id],
            idle_timeout=args.idle_timeout,
            drop_invalid_header_fields=True,
            enable_deletion_protection=args.deletion_protection,
            enable_http2=True,
            access_logs=access_logs_args(bucket, args.access_logs_prefix),
            tags=self._tags(name, args, ALB),
            opts=child_opts(self, depends_on=wait_for),
        )

    def _build_domain(self, name: str, args: LoadBalancerArgs) -> None:
        """With a domain: its certificate, validation and alias records (a child
        ``DomainCertificate``), whose validated ARN the HTTPS listener uses."""
        self.domain: DomainCertificate | None = None
        if args.domain is None:
            return
        self.domain = DomainCertificate(
            f"{name}-{DOMAIN}",
            DomainCertificateArgs(
                domain=args.domain,
                alias_target=AliasTarget(self.load_balancer.dns_name, self.load_balancer.zone_id),
                tags=args.tags,
            ),
            opts=child_opts(self),
        )

    def _certificate_arn(self, args: LoadBalancerArgs) -> pulumi.Input[str] | None:
        if self.domain is not None:
            return self.domain.certificate_arn
        if args.certificate_arn is not None:
            return _checked_certificate(args.certificate_arn)
        return None

    def _build_listeners(self, name: str, args: LoadBalancerArgs) -> None:
        """HTTP:80 alone without a certificate; with one, HTTPS:443 plus HTTP:80 redirecting
        to it. The routing listener answers 404 until services attach rules."""
        not_found = aws.lb.ListenerDefaultActionArgs(
            type="fixed-response",
            fixed_response=aws.lb.ListenerDefaultActionFixedResponseArgs(
                content_type="text/plain", message_body="no route", status_code="404"
            ),
        )
        self.https_listener: aws.lb.Listener | None = None
        certificate_arn = self._certificate_arn(args)
        if certificate_arn is not None:
            self.https_listener = aws.lb.Listener(
                f"{name}-{HTTPS}",
                load_balancer_arn=self.load_balancer.arn,
                port=443,
                protocol="HTTPS",
                ssl_policy=args.ssl_policy,
                certificate_arn=certificate_arn,
                default_actions=[not_found],
                tags=self._tags(name, args, HTTPS),
                opts=child_opts(self),
            )
        # With HTTPS, plain HTTP only redirects; without it, HTTP is the routing listener.
        http_action = not_found
        if self.https_listener is not None:
            http_action = aws.lb.ListenerDefaultActionArgs(
                type="redirect",
                redirect=aws.lb.ListenerDefaultActionRedirectArgs(
                    protocol="HTTPS", port="443", status_code="HTTP_301"
                ),
            )
        self.http_listener: aws.lb.Listener = aws.lb.Listener(
            f"{name}-{HTTP}",
            load_balancer_arn=self.load_balancer.arn,
            port=80,
            protocol="HTTP",
            default_actions=[http_action],
            tags=self._tags(name, args, HTTP),
            opts=child_opts(self),
        )
        self.listener: aws.lb.Listener = self.https_listener or self.http_listener

    # -- priorities ---------------------------------------------------------------------
    def claim_priority(self, owner: str, routing: Routing, target_groups: int = 1) -> int:
        """Reserve a listener-rule priority for ``owner`` (a service name): ``routing``'s
        explicit one, 50000 for the catch-all, else the next free one from 100 in steps of
        10. Raises ``ValidationError`` naming ``Routing`` (re-raised under the argument
        that holds it) on a duplicate, or when the rule's ``target_groups`` would take the
        load balancer past ELB's 100 target groups (``load_balancing.MAX_TARGET_GROUPS``).
        Each rule forwards to its own target group(s), so that limit, not adjustable, is
        reached no later than the 100 rules per ALB (``MAX_RULES``)."""
        argument = "Routing"
        used = sum(self._target_groups.values())
        if used + target_groups > MAX_TARGET_GROUPS:
            raise ValidationError(
                argument,
                f"{owner!r}: {target_groups} more target group(s), {used} in use",
                f"at most {MAX_TARGET_GROUPS} target groups per Application Load Balancer "
                "(ELB quota, not adjustable): spread the services over another LoadBalancer",
            )
        if routing.is_catch_all:
            if self._catch_all is not None:
                raise ValidationError(
                    argument,
                    "catch-all (no path_patterns or host_headers)",
                    f"path_patterns or host_headers: {self._catch_all!r} already receives "
                    "every request no other rule matches on this load balancer",
                )
            priority = CATCH_ALL_PRIORITY
        elif routing.priority is not None:
            priority = routing.priority
            check_int_range(f"{argument}.priority", priority, MIN_PRIORITY, MAX_PRIORITY)
        else:
            priority = next_free_priority(set(self._priorities))
        holder = self._priorities.get(priority)
        if holder is not None:
            raise ValidationError(
                f"{argument}.priority",
                priority,
                f"a priority not already used on this listener (taken by {holder!r})",
            )
        self._priorities[priority] = owner
        self._target_groups[owner] = target_groups
        if routing.is_catch_all:
            self._catch_all = owner
        return priority


@dataclass(frozen=True)
class TargetPlan:
    """A service's validated target on a load balancer, its listener-rule priority
    claimed (:meth:`LoadBalancer.plan_target`); :func:`wire_target` creates it."""

    load_balancer: LoadBalancer | LoadBalancerRef
    port: int
    protocol: str
    health_check: TargetHealthCheck
    routing: Routing
    deregistration_delay: int
    priority: int


def plan_target(
    name: str,
    load_balancer: LoadBalancer | LoadBalancerRef,
    *,
    port: int,
    protocol: str = "HTTP",
    health_check: TargetHealthCheck | None = None,
    routing: Routing | None = None,
    deregistration_delay: int = 30,
    target_groups: int = 1,
) -> TargetPlan:
    """Validate a target of ``load_balancer`` for the service ``name`` and claim its
    listener-rule priority and its ``target_groups`` (2 with an alternate target group for
    blue/green) last, so a bad argument claims nothing. Errors name the
    arguments relative to the caller (``routing.priority``, ``health_check.timeout``,
    ``container_port``, ...); the caller re-raises them under its own path."""
    routing = routing or Routing()
    health_check = health_check or TargetHealthCheck()
    with argument_path("routing", "Routing"):
        routing.validate()
    with argument_path("health_check", "TargetHealthCheck"):
        health_check.validate()
    check_int_range("container_port", port, 1, 65535)
    check_choice("protocol", protocol, TARGET_PROTOCOLS)
    check_deregistration_delay("deregistration_delay", deregistration_delay)
    with argument_path("routing", "Routing"):
        priority = load_balancer.claim_priority(name, routing, target_groups)
    return TargetPlan(
        load_balancer=load_balancer,
        port=port,
        protocol=protocol,
        health_check=health_check,
        routing=routing,
        deregistration_delay=deregistration_delay,
        priority=priority,
    )


@dataclass
class AttachedTarget:
    """What :func:`attach_target` created for one service."""

    target_group: aws.lb.TargetGroup
    listener_rule: aws.lb.ListenerRule
    priority: int
    url: pulumi.Output[str]
    """The service's URL: ``<scheme>://<host or ALB DNS name><path prefix>``."""
    resource_label: pulumi.Output[str] | None
    """``<ALB ARN suffix>/<target-group ARN suffix>``: the ``ALBRequestCountPerTarget``
    resource label."""
    alternate_target_group: aws.lb.TargetGroup | None = None
    """The green target group of a traffic-shifting deployment strategy."""


def _rule_conditions(routing: Routing) -> list[aws.lb.ListenerRuleConditionArgs]:
    """A routing's path and host conditions as listener-rule condition arguments."""
    return [
        aws.lb.ListenerRuleConditionArgs(
            path_pattern=aws.lb.ListenerRuleConditionPathPatternArgs(**c["path_pattern"])
        )
        if "path_pattern" in c
        else aws.lb.ListenerRuleConditionArgs(
            host_header=aws.lb.ListenerRuleConditionHostHeaderArgs(**c["host_header"])
        )
        for c in routing.conditions()
    ]


def wire_target(
    parent: pulumi.Resource,
    name: str,
    plan: TargetPlan,
    tags: Mapping[str, str] | None = None,
    *,
    alternate: bool = False,
) -> AttachedTarget:
    """Create, as children of ``parent``, the target group (``target_type="ip"``) and the
    listener rule of a :class:`TargetPlan` on its load balancer's routing listener.

    With ``alternate`` (ECS blue/green, linear, canary), also a second, identical target
    group ``<name>-tg-green``; the rule forwards to both (weights 100/0) and its actions are
    then ECS's to re-weight during deployments, so later updates leave them alone."""
    load_balancer, routing = plan.load_balancer, plan.routing

    checks = plan.health_check.to_args(plan.protocol)

    def group(role: str) -> aws.lb.TargetGroup:
        return aws.lb.TargetGroup(
            short_name(name, role, max_length=AUTONAME_MAX),
            target_type="ip",
            port=plan.port,
            protocol=plan.protocol,
            vpc_id=load_balancer.vpc_id,
            deregistration_delay=plan.deregistration_delay,
            health_check=aws.lb.TargetGroupHealthCheckArgs(**checks),
            tags=merge_tags(tags, {"Name": f"{name}-{role}"}),
            opts=child_opts(parent),
        )

    target_group = group(TG)
    green = group(TG_GREEN) if alternate else None
    action = (
        aws.lb.ListenerRuleActionArgs(
            type="forward",
            forward=aws.lb.ListenerRuleActionForwardArgs(
                target_groups=[
                    aws.lb.ListenerRuleActionForwardTargetGroupArgs(
                        arn=target_group.arn, weight=100
                    ),
                    aws.lb.ListenerRuleActionForwardTargetGroupArgs(arn=green.arn, weight=0),
                ]
            ),
        )
        if green is not None
        else aws.lb.ListenerRuleActionArgs(type="forward", target_group_arn=target_group.arn)
    )
    conditions = _rule_conditions(routing)
    rule = aws.lb.ListenerRule(
        f"{name}-{RULE}",
        listener_arn=load_balancer.listener.arn,
        priority=plan.priority,
        conditions=conditions,
        actions=[action],
        tags=merge_tags(tags, {"Name": f"{name}-{RULE}"}),
        opts=child_opts(parent, ignore_changes=["actions"] if green is not None else None),
    )
    host = routing.url_host()
    base: pulumi.Input[str] = (
        f"{load_balancer.scheme}://{host}" if host is not None else load_balancer.url
    )
    return AttachedTarget(
        target_group=target_group,
        listener_rule=rule,
        priority=plan.priority,
        url=concat(base, routing.url_path()),
        resource_label=concat(load_balancer.arn_suffix, "/", target_group.arn_suffix)
        if load_balancer.arn_suffix is not None
        else None,
        alternate_target_group=green,
    )


def attach_target(
    parent: pulumi.Resource,
    name: str,
    load_balancer: LoadBalancer | LoadBalancerRef,
    *,
    port: int,
    protocol: str = "HTTP",
    health_check: TargetHealthCheck | None = None,
    routing: Routing | None = None,
    deregistration_delay: int = 30,
    tags: Mapping[str, str] | None = None,
    argument: str = "FargateServiceArgs",
) -> AttachedTarget:
    """Create, as children of ``parent``, a target group (``target_type="ip"``) and a
    listener rule forwarding ``routing``'s requests to it on ``load_balancer``'s routing
    listener: :func:`plan_target`, then :func:`wire_target`. ``argument`` is the path of
    the arguments these came from in error messages (e.g. ``"FargateServiceArgs"``).

    ``deregistration_delay`` defaults to 30 s (AWS: 300 s), so deployments finish sooner;
    raise it for long-lived requests. Validates everything before creating anything.
    """
    with argument_path(argument):
        plan = plan_target(
            name,
            load_balancer,
            port=port,
            protocol=protocol,
            health_check=health_check,
            routing=routing,
            deregistration_delay=deregistration_delay,
        )
    return wire_target(parent, name, plan, tags)


@dataclass(frozen=True)
class _ListenerHandle:
    arn: pulumi.Output[str]


@dataclass
class LoadBalancerRef:
    """A listener of an existing ALB (:meth:`LoadBalancer.existing`); services attach to it
    as to a :class:`LoadBalancer`."""

    listener: _ListenerHandle
    security_group_id: pulumi.Output[str]
    vpc_id: pulumi.Output[str]
    scheme: str
    dns_name: pulumi.Input[str] | None = None
    arn_suffix: pulumi.Output[str] | None = None

    def __post_init__(self) -> None:
        self._priorities: dict[int, str] = {}
        self._target_groups: dict[str, int] = {}
        self._catch_all: str | None = None
        # Set by LoadBalancer.existing from the vpc_id it was given.
        self.vpc_identity: VpcIdentity = UNKNOWN_VPC

    @property
    def url(self) -> pulumi.Output[str]:
        if self.dns_name is None:
            return pulumi.Output.from_input("[unknown: give LoadBalancer.existing(dns_name=...)]")
        return concat(f"{self.scheme}://", self.dns_name)

    def claim_priority(self, owner: str, routing: Routing, target_groups: int = 1) -> int:
        """As :meth:`LoadBalancer.claim_priority`, but a non-catch-all route must name its
        priority: the existing listener's other rules (and target groups) are unknown here,
        so only this program's are counted."""
        if not routing.is_catch_all and routing.priority is None:
            raise ValidationError(
                "Routing.priority",
                None,
                "an explicit priority (1-50000) on an existing listener: its other rules "
                "can't be read at plan time, so automatic priorities could collide",
            )
        return LoadBalancer.claim_priority(self, owner, routing, target_groups)  # type: ignore[arg-type]
