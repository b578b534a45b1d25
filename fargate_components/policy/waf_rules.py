"""FC-WAF-001: an internet-facing Application Load Balancer has an AWS WAF web ACL.

Checkov's CKV2_AWS_28 ("Ensure public facing ALB are protected by WAF"). Advisory: a web ACL
costs a monthly fee plus per request, and some ALBs sit behind CloudFront (whose own web ACL,
scope CLOUDFRONT, then protects them): waive it with that reason. An ALB is protected when a
``aws.wafv2.WebAclAssociation`` in the plan names it (``resourceArn``); ``LoadBalancer``
creates one by default (``LoadBalancerArgs.waf``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Graph, ResourceRecord, is_known
from ..model.tokens import LOAD_BALANCERS, WAF_WEB_ACL_ASSOCIATION
from .model import unseen
from .rules import _rule

__all__: list[str] = []


@_rule(
    "FC-WAF-001",
    "advisory",
    LOAD_BALANCERS,
    "Internet-facing Application Load Balancers have an AWS WAF web ACL",
    "associate a regional web ACL (LoadBalancerArgs(waf=WebAcl()) creates one with AWS's "
    "managed rules and a rate limit, or WebAcl(arn=...) uses yours); behind CloudFront with "
    "its own web ACL, waive it with that reason",
    checkov="CKV2_AWS_28",
    needs_graph=True,
)
def _web_acl(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    if record.inputs.get("loadBalancerType", "application") != "application":
        return
    internal = record.inputs.get("internal")
    if not is_known(internal):
        yield unseen("internal", internal)
        return
    if internal is True:
        return
    if not graph.referrers(record, WAF_WEB_ACL_ASSOCIATION, "resourceArn"):
        yield "no AWS WAF web ACL is associated with this internet-facing ALB"
