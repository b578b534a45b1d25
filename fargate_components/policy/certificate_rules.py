"""FC-NET-102: a host an HTTPS listener routes is a name its certificates cover.

``Routing(host_headers=["api.other.com"])`` on a ``LoadBalancer`` whose certificate is for
``app.example.com`` plans cleanly, and every HTTPS request for ``api.other.com`` then gets a
certificate for another name, which the client refuses: the listener picks a certificate by
the name the client asks for (SNI) among its certificates and otherwise serves its default
one (ELB, "SSL certificates for your Application Load Balancer",
https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html;
the stored docs did not hold that page's text, so its wording is not quoted here). A
certificate's names are its ``domainName`` and ``subjectAlternativeNames``; a wildcard name
``*.example.com`` covers exactly one left-most label (``api.example.com``, not
``a.b.example.com`` nor ``example.com``: RFC 6125, section 6.4.3).

Judged when every certificate of the listener (its ``certificateArn`` and its
``ListenerCertificate`` resources) is an ACM certificate of the plan; otherwise the names are
not in the plan and the result is *unverified*. Host patterns with ``*`` or ``?`` are not
judged (they match names the certificate may or may not cover).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Graph, ResourceRecord, is_known
from ..model.tokens import (
    ACM_CERTIFICATE,
    ACM_CERTIFICATE_VALIDATION,
    LISTENER_CERTIFICATES,
    LISTENER_RULES,
)
from .model import Unverified, unseen
from .rules import _rule

__all__ = ["certificate_covers"]


def certificate_covers(name: str, host: str) -> bool:
    """Whether the certificate name ``name`` (``app.example.com``, ``*.example.com``)
    covers the host ``host`` (DNS names compare case-insensitively)."""
    name, host = name.lower().rstrip("."), host.lower().rstrip(".")
    if name.startswith("*."):
        label, _, rest = host.partition(".")
        return bool(label) and rest == name[2:]
    return name == host


def _literal_hosts(rule: ResourceRecord) -> list[str]:
    hosts: list[str] = []
    for condition in rule.inputs.get("conditions") or []:
        header = condition.get("hostHeader") if isinstance(condition, dict) else None
        values = header.get("values") if isinstance(header, dict) else None
        for value in values if isinstance(values, list) else []:
            if isinstance(value, str) and is_known(value) and not set(value) & {"*", "?"}:
                hosts.append(value)
    return hosts


def _names(certificate: ResourceRecord) -> set[str] | None:
    names = [
        certificate.inputs.get("domainName"),
        *(certificate.inputs.get("subjectAlternativeNames") or []),
    ]
    if not all(isinstance(n, str) and is_known(n) for n in names):
        return None
    return set(names)  # type: ignore[arg-type]


def _certificates(source: ResourceRecord, graph: Graph) -> list[ResourceRecord]:
    """The ACM certificates of the plan that ``source``'s ``certificateArn`` names, directly
    or through a ``CertificateValidation``."""
    found: list[ResourceRecord] = []
    for target in graph.refs(source, "certificateArn", ACM_CERTIFICATE, ACM_CERTIFICATE_VALIDATION):
        if target.type == ACM_CERTIFICATE:
            found.append(target)
        else:
            found += graph.refs(target, "certificateArn", ACM_CERTIFICATE)
    return found


def listener_names(listener: ResourceRecord, graph: Graph) -> set[str] | None:
    """Every name the listener's certificates cover, or ``None`` when one of them is not an
    ACM certificate of the plan (or its names are unknown)."""
    sources = [listener, *graph.referrers(listener, LISTENER_CERTIFICATES, "listenerArn")]
    names: set[str] = set()
    for source in sources:
        arn: Any = source.inputs.get("certificateArn")
        if (
            source is listener
            and arn is None
            and not source.property_dependencies.get("certificateArn")
        ):
            continue  # no default certificate (not an HTTPS listener of ours)
        certificates = _certificates(source, graph)
        if not certificates:
            return None
        for certificate in certificates:
            more = _names(certificate)
            if more is None:
                return None
            names |= more
    return names


@_rule(
    "FC-NET-102",
    "warning",
    LISTENER_RULES,
    "Hosts an HTTPS listener routes are names its certificates cover",
    "add the host to the certificate (Domain(aliases=[...]) for a LoadBalancer with a "
    "domain) or attach a certificate for it to the listener (aws.lb.ListenerCertificate); "
    "or route a host the certificate covers",
    needs_graph=True,
)
def _hosts_covered(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    hosts = _literal_hosts(record)
    listener = graph.listener_of(record) if hosts else None
    if listener is None:
        return
    protocol = listener.inputs.get("protocol")
    if not is_known(protocol):
        yield unseen(f"the protocol of listener {listener.name!r}", protocol)
        return
    if protocol != "HTTPS":
        return
    names = listener_names(listener, graph)
    if names is None:
        yield Unverified(
            f"the names of listener {listener.name!r}'s certificates are not in the plan "
            "(a certificate created elsewhere)"
        )
        return
    for host in hosts:
        if not any(certificate_covers(name, host) for name in names):
            yield (
                f"routes host {host!r} on listener {listener.name!r}, whose certificates cover "
                f"only {', '.join(sorted(names))}: clients asking for {host!r} get a "
                "certificate for another name"
            )
