"""Pure decisions for Application Load Balancers: target-group health checks, listener-rule
routing, priorities and AWS-safe names. No Pulumi resources here; see ``load_balancer.py``.

AWS limits encoded below (Elastic Load Balancing user guide and API reference):

- Target group and load balancer names: at most 32 characters, letters, digits and ``-``,
  not starting or ending with ``-``; a load balancer name may not start with ``internal-``
  (API_CreateTargetGroup / API_CreateLoadBalancer).
- Health check: interval 5-300 s, timeout 2-120 s and less than the interval, thresholds
  2-10, matcher HTTP codes 200-499 (``"200"``, ``"200,202"``, ``"200-299"``), path at most
  1024 characters (API_CreateTargetGroup). Deregistration delay 0-3600 s (AWS default 300).
- Listener rules: priority 1-50000, unique per listener. Host-header and path-pattern
  values up to 128 characters; at most 5 condition values and 5 wildcards per rule
  ("Quotas for your Application Load Balancers", Rules:
  https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html;
  character sets: "Condition types for listener rules",
  https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html).
- Per load balancer (same quota page): "Target Groups per Application Load Balancer: 100,
  not adjustable" (:data:`MAX_TARGET_GROUPS`, an error) and "Rules per Application Load
  Balancer (excluding default rules): 100" (:data:`MAX_RULES`): every rule the library writes
  forwards to target groups of its own, so the target-group limit is reached first and
  enforces the rules limit too. "Target Groups
  per Action: 5, not adjustable" and forward weights 0-999 are the library's own (one target
  group, or two weighted 100/0 for blue/green), never the user's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..data_protection import check_data_protection
from ..errors import (
    ValidationError,
    check_choice,
    check_int_range,
    check_unique,
    is_known,
    same_input,
)
from ..network.cidr_lists import check_cidr_list
from ..network.types import NetworkLike, subnet_lists_known
from .access_logs import DEFAULT_ACCESS_LOG_DAYS, check_bucket_name, creates_bucket

__all__ = [
    "CATCH_ALL_PATH",
    "CATCH_ALL_PRIORITY",
    "DEFAULT_SSL_POLICY",
    "FIRST_PRIORITY",
    "MAX_PRIORITY",
    "MAX_RULES",
    "MAX_TARGET_GROUPS",
    "MIN_PRIORITY",
    "PRIORITY_STEP",
    "TARGET_PROTOCOLS",
    "Routing",
    "TargetHealthCheck",
    "check_access_logs",
    "check_deregistration_delay",
    "check_ingress_cidrs",
    "check_matcher",
    "check_subnet_membership",
    "check_subnet_tier",
    "cidr_key",
    "default_subnets",
    "ingress_cidrs",
    "next_free_priority",
    "short_name",
    "vpc_cidr_of",
]

#: Recommended TLS 1.3 + 1.2 policy: the console's default for HTTPS listeners ("Security
#: policies for your Application Load Balancer"). The API default, ELBSecurityPolicy-2016-08,
#: still allows TLS 1.0, so we always set one.
DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"

#: Protocols a target group (ALB -> task) may use.
TARGET_PROTOCOLS = ("HTTP", "HTTPS")

MIN_PRIORITY = 1
MAX_PRIORITY = 50000
#: Where automatic priorities start, and their step (room to insert rules by hand).
FIRST_PRIORITY = 100
PRIORITY_STEP = 10
#: A service without path/host conditions gets this rule: "/*" at the lowest priority,
#: the equivalent of the listener's default action (which stays a fixed 404).
CATCH_ALL_PRIORITY = MAX_PRIORITY
CATCH_ALL_PATH = "/*"

# ELB, "Condition types for listener rules" (condition basics,
# https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html):
# "You can specify up to three match evaluations per condition", "up to five match
# evaluations per rule", "The maximum number of wildcards per rule is five". Host names:
# "can be up to 128 characters in length, and can contain any of the following characters:
# A-Z, a-z, 0-9; - .; * ...; ? ...", "You must include at least one "." character. You can
# include only alphabetical characters after the final "." character." (the zh-CN copy says
# alphanumeric; letters-only would reject nothing valid under the looser reading, so the
# looser one is encoded). Path patterns: up to 128 of A-Z a-z 0-9 _ - . $ / ~ " ' @ : + & * ?.
#: Target groups one ALB may use (its rules' forward actions), not adjustable.
MAX_TARGET_GROUPS = 100
#: Listener rules per ALB, default rules excluded (enforced through MAX_TARGET_GROUPS).
MAX_RULES = 100
MAX_VALUES_PER_CONDITION = 3
MAX_CONDITION_VALUES = 5
MAX_WILDCARDS = 5
MAX_CONDITION_VALUE_LENGTH = 128

#: An S3 object key's length limit, in UTF-8 bytes (the prefix is part of every log key).
MAX_LOG_PREFIX_BYTES = 1024

_PATH_CHARS = re.compile(r"^[A-Za-z0-9_\-.$/~\"'@:+&*?]+$")
_HOST_CHARS = re.compile(r"^[A-Za-z0-9\-.*?]+$")
_HTTP_CODE_ITEM = re.compile(r"^(\d{3})(?:-(\d{3}))?$")


# --- names -------------------------------------------------------------------------------
_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")
_DASHES = re.compile(r"-{2,}")
_MIN_HASH = 8


def short_name(*parts: str, max_length: int = 32) -> str:
    """A deterministic AWS-safe name from ``parts`` joined with ``-``.

    The joined name is returned unchanged when it is already safe (letters, digits and
    ``-``; no leading/trailing ``-``; not starting with ``internal-``) and *shorter* than
    ``max_length``. Otherwise the result is a readable prefix of the sanitised name plus a
    hash of the full original name, exactly ``max_length`` characters long. Because kept
    names are shorter than ``max_length`` and hashed names are exactly ``max_length``,
    two different inputs never give the same name (short of a SHA-256 prefix collision).

    Example::

        short_name("orders", "tg")                    # 'orders-tg'
        short_name("a-very-long-service-name", "tg", max_length=24)
        # 'a-very-long-ser-3f1c9a0b' (24 characters)
    """
    if not 12 <= max_length <= 64:
        raise ValueError(f"max_length must be 12-64, got {max_length}")
    full = "-".join(parts)
    clean = _DASHES.sub("-", _UNSAFE.sub("-", full)).strip("-")
    if clean == full and len(full) < max_length and not full.lower().startswith("internal-"):
        return full
    digest = hashlib.sha256(full.encode()).hexdigest()
    prefix = clean[: max_length - _MIN_HASH - 1].strip("-")
    if prefix.lower().startswith("internal-"):
        prefix = "int-" + prefix[len("internal-") :]
    if not prefix:
        return digest[:max_length]
    return f"{prefix}-{digest[: max_length - len(prefix) - 1]}"


# --- health checks -----------------------------------------------------------------------
def check_matcher(argument: str, value: Any) -> None:
    """Require HTTP codes 200-499: one code, a comma list, ranges, or a mix
    (``"200"``, ``"200,202"``, ``"200-299"``)."""
    allowed = "HTTP codes from 200 to 499: '200', '200,202' or '200-299'"
    if not isinstance(value, str) or not value:
        raise ValidationError(argument, value, allowed)
    for item in value.split(","):
        match = _HTTP_CODE_ITEM.match(item)
        if not match:
            raise ValidationError(argument, value, allowed)
        low = int(match.group(1))
        high = int(match.group(2) or low)
        if not 200 <= low <= high <= 499:
            raise ValidationError(argument, value, allowed)


def check_deregistration_delay(argument: str, value: Any) -> None:
    """Deregistration delay: 0-3600 seconds."""
    check_int_range(argument, value, 0, 3600)


@dataclass(frozen=True, kw_only=True)
class TargetHealthCheck:
    """The load balancer's health check of a service's tasks (a target-group health check;
    not the container's own :class:`~fargate_components.ecs.containers.HealthCheck`).

    Example::

        TargetHealthCheck(path="/healthz", interval=10, healthy_threshold=2)
    """

    path: str = "/"
    """The HTTP path probed: starts with ``/``, at most 1024 characters. Default ``"/"``."""
    interval: int = 15
    """Seconds between checks, 5-300. Default 15 (AWS: 30); with 2 healthy checks a new
    task takes traffic after about 30 s."""
    timeout: int = 5
    """Seconds before a check fails, 2-120 and less than ``interval``. Default 5."""
    healthy_threshold: int = 2
    """Consecutive successes before a target is healthy, 2-10. Default 2 (AWS: 5)."""
    unhealthy_threshold: int = 3
    """Consecutive failures before a target is unhealthy, 2-10. Default 3 (AWS: 2)."""
    matcher: str = "200-399"
    """HTTP codes that mean healthy (200-499): ``"200"``, ``"200,202"``, ``"200-299"``.
    Default ``"200-399"`` (a redirect still proves the app answers)."""
    protocol: str | None = None
    """``"HTTP"`` or ``"HTTPS"``. Default: the target group's protocol (set explicitly for an
    HTTPS target group: AWS's own default is HTTP, "For Application Load Balancers, the
    default is HTTP", ELB API ``CreateTargetGroup`` ``HealthCheckProtocol``)."""
    port: int | None = None
    """Port probed, 1-65535. Default: the port traffic goes to (``traffic-port``)."""

    def validate(self) -> None:
        """Raise ``ValidationError`` naming ``TargetHealthCheck.<field>`` for any bad value
        (the argument holding it re-raises under its own path, ``errors.argument_path``)."""
        where = "TargetHealthCheck"
        if not isinstance(self.path, str) or not self.path.startswith("/"):
            raise ValidationError(f"{where}.path", self.path, "a path starting with '/'")
        if len(self.path) > 1024:
            raise ValidationError(f"{where}.path", self.path, "at most 1024 characters")
        check_int_range(f"{where}.interval", self.interval, 5, 300)
        check_int_range(f"{where}.timeout", self.timeout, 2, 120)
        if self.timeout >= self.interval:
            raise ValidationError(
                f"{where}.timeout",
                self.timeout,
                f"less than the interval ({self.interval} s)",
            )
        check_int_range(f"{where}.healthy_threshold", self.healthy_threshold, 2, 10)
        check_int_range(f"{where}.unhealthy_threshold", self.unhealthy_threshold, 2, 10)
        check_matcher(f"{where}.matcher", self.matcher)
        if self.protocol is not None:
            check_choice(f"{where}.protocol", self.protocol, TARGET_PROTOCOLS)
        if self.port is not None:
            check_int_range(f"{where}.port", self.port, 1, 65535)

    def to_args(self, target_protocol: str = "HTTP") -> dict[str, Any]:
        """The ``health_check`` argument of ``aws.lb.TargetGroup`` (snake_case keys) of a
        target group speaking ``target_protocol``: the check speaks ``protocol``, else the
        target group's protocol (written out when it is not AWS's default, HTTP, so an HTTPS
        target group is never health-checked over plain HTTP)."""
        args: dict[str, Any] = {
            "enabled": True,
            "path": self.path,
            "interval": self.interval,
            "timeout": self.timeout,
            "healthy_threshold": self.healthy_threshold,
            "unhealthy_threshold": self.unhealthy_threshold,
            "matcher": self.matcher,
            "port": str(self.port) if self.port is not None else "traffic-port",
        }
        protocol = self.protocol or (target_protocol if target_protocol != "HTTP" else None)
        if protocol is not None:
            args["protocol"] = protocol
        return args


# --- routing -----------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class Routing:
    """Which requests of a shared load balancer reach a service: a listener rule.

    With no path and no host the service is the load balancer's *catch-all* (a ``/*``
    rule at priority 50000, evaluated last); only one service per load balancer may be.

    Example::

        Routing(path_patterns=["/api/*"], host_headers=["api.example.com"], priority=20)
    """

    path_patterns: Sequence[str] = ()
    """Path patterns (case-sensitive, ``*`` and ``?`` wildcards), e.g. ``["/api/*"]``.
    Default none."""
    host_headers: Sequence[str] = ()
    """Host names (case-insensitive, wildcards allowed), e.g. ``["api.example.com"]``.
    Default none."""
    priority: int | None = None
    """Rule priority 1-50000, unique on the listener (lower is evaluated first). Default:
    the next free one from 100 in steps of 10, in program order (the catch-all: 50000)."""

    @property
    def is_catch_all(self) -> bool:
        return not self.path_patterns and not self.host_headers

    def validate(self) -> None:
        """Raise ``ValidationError`` naming ``Routing.<field>`` for any bad value (the
        argument holding it re-raises under its own path, ``errors.argument_path``)."""
        where = "Routing"
        _check_condition_values(f"{where}.path_patterns", self.path_patterns, _PATH_CHARS)
        _check_condition_values(f"{where}.host_headers", self.host_headers, _HOST_CHARS)
        for path in self.path_patterns:
            # Not an ELB rule but a dead rule: every request path starts with '/', so a
            # pattern that starts with another literal character can never match.
            if path[0] not in "/*?":
                raise ValidationError(
                    f"{where}.path_patterns",
                    path,
                    "a path pattern starting with '/' (or a wildcard): request paths always "
                    "start with '/', so this rule would never match",
                )
        for host in self.host_headers:
            tld = host.rsplit(".", 1)[1] if "." in host else None
            if not tld or not tld.isalnum() or not tld.isascii():
                raise ValidationError(
                    f"{where}.host_headers",
                    host,
                    "a host name with at least one '.' and only letters or digits after the "
                    "last '.' (e.g. 'api.example.com', '*.example.com')",
                )
        _check_rule_totals(f"{where}.path_patterns", [*self.path_patterns, *self.host_headers])
        if self.priority is not None:
            check_int_range(f"{where}.priority", self.priority, MIN_PRIORITY, MAX_PRIORITY)
            if self.is_catch_all and self.priority != CATCH_ALL_PRIORITY:
                raise ValidationError(
                    f"{where}.priority",
                    self.priority,
                    "omitted (or 50000) for a catch-all route; "
                    "give path_patterns or host_headers to set a priority",
                )

    def conditions(self) -> list[dict[str, Any]]:
        """The ``conditions`` argument of ``aws.lb.ListenerRule`` (snake_case keys)."""
        if self.is_catch_all:
            return [{"path_pattern": {"values": [CATCH_ALL_PATH]}}]
        conditions: list[dict[str, Any]] = []
        if self.host_headers:
            conditions.append({"host_header": {"values": list(self.host_headers)}})
        if self.path_patterns:
            conditions.append({"path_pattern": {"values": list(self.path_patterns)}})
        return conditions

    def url_path(self) -> str:
        """The path part of the service's URL: the first path pattern up to its first
        wildcard (``"/api/*"`` -> ``"/api/"``), or ``""``."""
        if not self.path_patterns:
            return ""
        first = self.path_patterns[0]
        cut = min((i for i in (first.find("*"), first.find("?")) if i >= 0), default=len(first))
        path = first[:cut]
        return path if path.startswith("/") else ""

    def url_host(self) -> str | None:
        """The first host header without wildcards, if any."""
        for host in self.host_headers:
            if "*" not in host and "?" not in host:
                return host
        return None


def _check_condition_values(argument: str, values: Any, pattern: re.Pattern[str]) -> None:
    """One condition's values: a list of distinct, non-empty strings of up to 128 allowed
    characters, at most 3 of them (the module doc and the constants above)."""
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise ValidationError(argument, values, "a list of strings, e.g. ['/api/*']")
    check_unique(argument, values)
    paths = argument.endswith("path_patterns")
    for value in values:
        if (
            not isinstance(value, str)
            or not value
            or len(value) > MAX_CONDITION_VALUE_LENGTH
            or not pattern.match(value)
        ):
            allowed = (
                "up to 128 of A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ?"
                if paths
                else "a host name of up to 128 of A-Z a-z 0-9 - . * ?"
            )
            raise ValidationError(argument, value, allowed)
    if len(values) > MAX_VALUES_PER_CONDITION:
        raise ValidationError(
            argument,
            list(values),
            f"at most {MAX_VALUES_PER_CONDITION} values per condition (ELB)",
        )


def _check_rule_totals(argument: str, values: list[str]) -> None:
    """The rule's quotas over all of its conditions: 5 values, 5 wildcards."""
    if len(values) > MAX_CONDITION_VALUES:
        raise ValidationError(
            argument,
            values,
            f"at most {MAX_CONDITION_VALUES} path and host values in total per rule",
        )
    wildcards = sum(v.count("*") + v.count("?") for v in values)
    if wildcards > MAX_WILDCARDS:
        raise ValidationError(
            argument,
            values,
            f"at most {MAX_WILDCARDS} wildcards ('*', '?') in total per rule",
        )


def next_free_priority(taken: Sequence[int] | set[int]) -> int:
    """The first priority from 100 in steps of 10 not in ``taken``."""
    used = set(taken)
    for priority in range(FIRST_PRIORITY, CATCH_ALL_PRIORITY, PRIORITY_STEP):
        if priority not in used:
            return priority
    raise ValidationError("Routing.priority", None, "a free priority (all automatic ones are used)")


# --- ingress (shared by the ALB and the NLB) ----------------------------------------------
def vpc_cidr_of(network: NetworkLike) -> str | None:
    """The network's VPC CIDR when this program knows it (a ``Network``), else ``None``."""
    cidr = getattr(network, "cidr_block", None)
    return cidr if isinstance(cidr, str) else None


def check_ingress_cidrs(
    argument: str, cidrs: Sequence[str] | None, *, internal: bool, network: NetworkLike, what: str
) -> None:
    """A load balancer's ``ingress_cidrs``: a list of distinct IPv4 CIDRs without host bits
    (``network.cidr_lists.check_cidr_list``, the rule every security-group CIDR list
    follows); required for an internal ``what`` (``"ALB"``, ``"NLB"``) on a network whose
    VPC CIDR is unknown."""
    if cidrs is not None:
        check_cidr_list(argument, cidrs)
    elif internal and vpc_cidr_of(network) is None:
        raise ValidationError(
            argument,
            None,
            f"the CIDRs allowed to reach an internal {what} (required: the VPC CIDR of "
            "Network.existing(...) is unknown)",
        )


def cidr_key(cidr: str) -> str:
    """A CIDR as a resource-name part: ``"anywhere"`` for 0.0.0.0/0, else its digits."""
    if cidr == "0.0.0.0/0":
        return "anywhere"
    return re.sub(r"[^0-9a-zA-Z]+", "-", cidr).strip("-")


def ingress_cidrs(
    cidrs: Sequence[str] | None, *, internal: bool, network: NetworkLike
) -> list[str]:
    """A load balancer's ingress CIDRs: the given ones, else anywhere (internet-facing) or
    the VPC CIDR (internal; :func:`check_ingress_cidrs` requires one when it is unknown)."""
    if cidrs is not None:
        return list(cidrs)
    return [str(vpc_cidr_of(network))] if internal else ["0.0.0.0/0"]


def check_subnet_tier(
    argument: str,
    subnet_ids: Sequence[Any] | None,
    *,
    network: NetworkLike,
    internal: bool,
    what: str,
) -> None:
    """A load balancer's ``subnet_ids``: a list without repeats, none of them one of the
    network's subnets of the other tier (an internet-facing ``what`` in public subnets, an
    internal one in private subnets), each one of the network's
    (:func:`check_subnet_membership`)."""
    if subnet_ids is None:
        return
    if isinstance(subnet_ids, str):
        raise ValidationError(argument, subnet_ids, "a list of subnet ids")
    check_unique(argument, subnet_ids)
    wrong = network.public_subnet_id_list if internal else network.private_subnet_id_list
    kind, other = ("private", "public") if internal else ("public", "private")
    for subnet in subnet_ids:
        index = next((i for i, w in enumerate(wrong) if same_input(subnet, w)), None)
        if index is not None:
            shown = subnet if is_known(subnet) else f"network.{other}_subnet_id_list[{index}]"
            raise ValidationError(
                argument,
                shown,
                f"{kind} subnets only for an "
                f"{'internal' if internal else 'internet-facing'} {what} "
                f"(this is one of the network's {other} subnets)",
            )
    check_subnet_membership(argument, subnet_ids, network=network, internal=internal, what=what)


def check_subnet_membership(
    argument: str,
    subnet_ids: Sequence[Any] | None,
    *,
    network: NetworkLike,
    internal: bool,
    what: str,
) -> None:
    """A load balancer's ``subnet_ids`` are subnets of its ``network`` (of the tier
    :func:`check_subnet_tier` asks for), where both sides are known: a plain id that is
    none of them is refused. A load balancer lives in the one VPC of its subnets, one
    subnet per Availability Zone, an ALB in at least two ("You can specify only one subnet
    per Availability Zone ... [Application Load Balancers] You must specify subnets from
    at least two Availability Zones", ELB API reference, ``CreateLoadBalancer``
    ``Subnets``, https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html);
    a ``Network``'s subnets are one per AZ, so distinct subnets of one tier of it are in
    distinct AZs. A subnet of another ``Network`` component, or an id from a StackReference,
    can't be told here: the plan's FC-NET-104 judges it (or says it is unverified)."""
    if subnet_ids is None or not subnet_lists_known(network):
        return
    tier = "private" if internal else "public"
    mine = network.private_subnet_id_list if internal else network.public_subnet_id_list
    ours = getattr(network, "nat_strategy", "existing") != "existing"  # a Network component
    if not ours and not all(isinstance(m, str) and is_known(m) for m in mine):
        return  # Network.existing given Outputs: a plain id may be one of them
    for index, subnet in enumerate(subnet_ids):
        if not (isinstance(subnet, str) and is_known(subnet)):
            continue
        if not any(same_input(subnet, m) for m in mine):
            raise ValidationError(
                f"{argument}[{index}]",
                subnet,
                f"one of the network's {tier} subnets (a {what} is in the one VPC of its "
                "subnets and must reach the tasks in the network's VPC): give "
                "Network.existing(...) the subnets of that VPC, or leave subnet_ids unset",
            )


def default_subnets(
    subnet_ids: Sequence[Any] | None, *, network: NetworkLike, internal: bool
) -> Any:
    """A load balancer's subnets: ``subnet_ids``, else the network's public (internal:
    private) ones; a list, or (network ids from an Output list) the Output itself."""
    if subnet_ids is not None:
        return list(subnet_ids)
    if not subnet_lists_known(network):
        return network.private_subnet_ids if internal else network.public_subnet_ids
    return list(network.private_subnet_id_list if internal else network.public_subnet_id_list)


def check_access_log_settings(
    bucket: Any, prefix: Any, retention_days: Any, data_protection: Any
) -> None:
    """A load balancer's access-log arguments together (ALB and NLB take the same four):
    :func:`check_access_logs`, ``data_protection`` (a bool or None),
    ``access_logs_retention_days`` 1-3653 (S3 lifecycle expiration days are a positive
    integer; ten years is the library's bound) and only with the bucket the library creates
    (your own bucket's lifecycle is yours). Relative paths, like :func:`check_access_logs`."""
    check_access_logs(bucket, prefix)
    check_data_protection("data_protection", data_protection)
    check_int_range("access_logs_retention_days", retention_days, 1, 3653)
    if retention_days != DEFAULT_ACCESS_LOG_DAYS and not creates_bucket(bucket):
        raise ValidationError(
            "access_logs_retention_days",
            retention_days,
            "only with access_logs_bucket='create' (your own bucket's lifecycle is yours)",
        )


def check_access_logs(bucket: Any, prefix: Any) -> None:
    """Access-log prefix rules: "The prefix that you specify must not include AWSLogs. We add
    the portion of the file name starting with AWSLogs after the bucket name and prefix"
    (ELB, "Enable access logs", bucket requirements,
    https://docs.aws.amazon.com/elasticloadbalancing/latest/network/enable-access-logs.html;
    the ALB log file name is ``bucket[/prefix]/AWSLogs/...``, "Access logs for your
    Application Load Balancer"). A prefix without a bucket would be silently dropped.
    Raises under ``access_logs_bucket`` / ``access_logs_prefix``; the load balancer's
    arguments re-raise under their own path (``errors.argument_path``)."""
    if bucket is not None and not creates_bucket(bucket):
        check_bucket_name("access_logs_bucket", bucket)
    if prefix is None or not is_known(prefix):
        return
    argument = "access_logs_prefix"
    if bucket is None:
        raise ValidationError(argument, prefix, "only with access_logs_bucket (logs go nowhere)")
    if not isinstance(prefix, str) or not prefix.strip():
        raise ValidationError(argument, prefix, "a non-empty key prefix, e.g. 'alb/prod'")
    if "AWSLogs" in prefix:
        raise ValidationError(
            argument, prefix, "a prefix without 'AWSLogs' (ELB appends AWSLogs/... itself)"
        )
    # ELB writes bucket/<prefix>/AWSLogs/...: a leading or trailing '/' or an empty segment
    # puts the logs under a key the library's bucket policy (access_logs.py, which joins
    # '<prefix>/AWSLogs/...') does not name, and delivery is refused. Not a documented ELB
    # rule; the consistency of the key ELB writes and the key the policy allows.
    if prefix.startswith("/") or prefix.endswith("/") or "//" in prefix:
        raise ValidationError(
            argument,
            prefix,
            "a key prefix without a leading or trailing '/' and no empty segment "
            "('//'), e.g. 'alb/prod'",
        )
    # An S3 object key is at most 1024 bytes of UTF-8 ("Naming Amazon S3 objects",
    # https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html); ELB appends
    # about 150 more characters (AWSLogs/<account>/elasticloadbalancing/<region>/<date>/
    # <file name>), a length it does not document, so only the S3 bound is encoded.
    if len(prefix.encode()) > MAX_LOG_PREFIX_BYTES:
        raise ValidationError(
            argument, prefix, f"at most {MAX_LOG_PREFIX_BYTES} bytes (an S3 key's limit)"
        )
