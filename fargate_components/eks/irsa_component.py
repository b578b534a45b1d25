"""IAM roles for Kubernetes service accounts (IRSA)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pulumi
import pulumi_aws as aws

from .._component import child_opts, merge_tags
from ..errors import argument_path, check_name
from ..iam import to_json
from .iam_documents import irsa_trust_policy
from .validation import check_service_account

__all__ = ["irsa_role"]


def irsa_role(
    name: str,
    *,
    parent: pulumi.Resource,
    oidc_provider_arn: pulumi.Input[str],
    oidc_issuer_url: pulumi.Input[str],
    namespace: str,
    service_account: str,
    policy_arns: Sequence[pulumi.Input[str]] = (),
    policy_document: Mapping[str, Any] | None = None,
    tags: Mapping[str, str] | None = None,
) -> aws.iam.Role:
    """A role only the service account ``namespace/service_account`` of one cluster can
    assume, with managed ``policy_arns`` attached and ``policy_document`` as an inline
    policy. Children are named ``f"{name}"``, ``f"{name}-policy"``, ``f"{name}-attach-<i>"``
    and parented to ``parent``."""
    with argument_path("irsa_role"):
        check_service_account(namespace, service_account)
    check_name("irsa_role.name", name, 200)
    trust = pulumi.Output.all(oidc_provider_arn, oidc_issuer_url).apply(
        lambda v: to_json(irsa_trust_policy(v[0], v[1], namespace, service_account))
    )
    role = aws.iam.Role(
        name,
        assume_role_policy=trust,
        description=f"IRSA role for {namespace}/{service_account}",
        tags=merge_tags(tags, {"Name": name}),
        opts=child_opts(parent),
    )
    if policy_document is not None:
        aws.iam.RolePolicy(
            f"{name}-policy",
            role=role.name,
            policy=to_json(policy_document),
            opts=child_opts(parent),
        )
    for i, arn in enumerate(policy_arns):
        aws.iam.RolePolicyAttachment(
            f"{name}-attach-{i}", role=role.name, policy_arn=arn, opts=child_opts(parent)
        )
    return role
