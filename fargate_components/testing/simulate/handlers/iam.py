"""IAM: roles, policies, attachments, OIDC providers."""

from __future__ import annotations

import functools
import json
import zlib
from typing import Any

from ..context import Ctx, Out
from .common import (
    _as_int,
    _clean,
    _json_doc,
    _tags,
)


# --- IAM ---------------------------------------------------------------------------------
def iam_role(inputs: dict[str, Any], ctx: Ctx) -> Out:
    iam = ctx.client("iam")
    name = ctx.name()
    role = iam.create_role(
        RoleName=name,
        AssumeRolePolicyDocument=_json_doc(inputs["assumeRolePolicy"]),
        **_clean(
            {
                "Path": inputs.get("path"),
                "Description": inputs.get("description"),
                "MaxSessionDuration": _as_int(inputs.get("maxSessionDuration")),
                "PermissionsBoundary": inputs.get("permissionsBoundary"),
                "Tags": _tags(inputs) or None,
            }
        ),
    )["Role"]
    # AWS validates the trust policy on CreateRole; moto only on UpdateAssumeRolePolicy,
    # so send the same document again to get moto's MalformedPolicyDocument checks.
    iam.update_assume_role_policy(
        RoleName=name, PolicyDocument=_json_doc(inputs["assumeRolePolicy"])
    )
    for policy in inputs.get("inlinePolicies") or []:
        if policy.get("name") and policy.get("policy"):
            iam.put_role_policy(
                RoleName=name, PolicyName=policy["name"], PolicyDocument=policy["policy"]
            )
    for arn in inputs.get("managedPolicyArns") or []:
        _ensure_aws_managed_policy(ctx, arn)
        iam.attach_role_policy(RoleName=name, PolicyArn=arn)
    return {"id": name, "name": name, "arn": role["Arn"], "uniqueId": role["RoleId"]}


def iam_policy(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    policy = ctx.client("iam").create_policy(
        PolicyName=name,
        PolicyDocument=_json_doc(inputs["policy"]),
        **_clean(
            {
                "Path": inputs.get("path"),
                "Description": inputs.get("description"),
                "Tags": _tags(inputs) or None,
            }
        ),
    )["Policy"]
    return {"id": name, "name": name, "arn": policy["Arn"]}


def iam_role_policy(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = ctx.name()
    role = inputs["role"]
    ctx.client("iam").put_role_policy(
        RoleName=role, PolicyName=name, PolicyDocument=_json_doc(inputs["policy"])
    )
    return {"id": f"{role}:{name}", "name": name}


_AWS_POLICY_PREFIX = "arn:aws:iam::aws:policy/"


@functools.cache
def _aws_managed_policies() -> dict[str, Any]:
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    parsed: dict[str, Any] = json.loads(aws_managed_policies_data)
    return parsed


def _ensure_aws_managed_policy(ctx: Ctx, arn: str) -> None:
    """AWS-managed policies exist in every account; moto only has them when told to load
    all ~1,300 (slow). Register the one being attached, if AWS has it (moto's copy of the
    list): an unknown name still fails with AWS's own NoSuchEntity."""
    if not arn.startswith(_AWS_POLICY_PREFIX):
        return
    from moto.iam.models import AWSManagedPolicy, iam_backends

    backend = iam_backends[ctx.sim.account_id]["aws"]
    if arn in backend.managed_policies:
        return
    name = arn.rsplit("/", 1)[-1]
    data = _aws_managed_policies().get(name)
    if data is None:
        return
    policy = AWSManagedPolicy.from_data(name, ctx.sim.account_id, "aws", data)
    if policy.arn == arn:
        backend.managed_policies[arn] = policy


def iam_role_policy_attachment(inputs: dict[str, Any], ctx: Ctx) -> Out:
    role, arn = inputs["role"], inputs["policyArn"]
    _ensure_aws_managed_policy(ctx, arn)
    ctx.client("iam").attach_role_policy(RoleName=role, PolicyArn=arn)
    return {"id": f"{role}-{zlib.crc32(arn.encode()):08x}"}


def oidc_provider(inputs: dict[str, Any], ctx: Ctx) -> Out:
    arn = ctx.client("iam").create_open_id_connect_provider(
        Url=inputs["url"],
        ClientIDList=list(inputs.get("clientIdLists") or []),
        ThumbprintList=list(inputs.get("thumbprintLists") or []),
        **_clean({"Tags": _tags(inputs) or None}),
    )["OpenIDConnectProviderArn"]
    return {"id": arn, "arn": arn}
