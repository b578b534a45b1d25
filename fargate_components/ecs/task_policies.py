"""IAM documents for ECS task roles, and the parsing of what they grant access to. Pure.

Two roles, least privilege, never the same one (CKV_AWS_249):

* the **execution role**, used by the ECS/Fargate agent before and around the containers:
  pull images from ECR, write the awslogs log group, read exactly the secrets the
  container definitions reference (``kms:Decrypt`` only on keys the user names);
* the **task role**, used by the application: the statements the user passes, plus the
  ``ssmmessages`` channel actions when ECS Exec is on.

Sources (checked 2026-11):

* Execution role permissions: "Amazon ECS task execution IAM role",
  https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
  (ECR pull: ``ecr:GetAuthorizationToken``, ``ecr:BatchCheckLayerAvailability``,
  ``ecr:GetDownloadUrlForLayer``, ``ecr:BatchGetImage``; awslogs: ``logs:CreateLogStream``,
  ``logs:PutLogEvents``; secrets: ``secretsmanager:GetSecretValue``, ``ssm:GetParameters``,
  ``kms:Decrypt`` for a customer managed key).
  ``ecr:GetAuthorizationToken`` takes no resource-level permission, so its ``Resource`` is
  ``"*"``; the three pull actions are scoped to the repositories the images name.
* ECS Exec: the task role needs ``ssmmessages:CreateControlChannel``,
  ``ssmmessages:CreateDataChannel``, ``ssmmessages:OpenControlChannel`` and
  ``ssmmessages:OpenDataChannel``; these actions have no resource types ("Actions,
  resources, and condition keys for Amazon Message Gateway Service",
  https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonmessagegatewayservice.html),
  so ``"*"`` is the narrowest resource. Session logging to CloudWatch needs
  ``logs:DescribeLogGroups`` (on ``log-group:*`` of the account, as the CloudWatch Logs guide
  asks for that action) and ``logs:CreateLogStream``,
  ``logs:DescribeLogStreams``, ``logs:PutLogEvents`` on the exec log group (ECS developer
  guide, "Monitor Amazon ECS containers with ECS Exec", IAM permissions section).
* Secret references: ``valueFrom`` is a Secrets Manager ARN, optionally followed by
  ``:json-key:version-stage:version-id``, an SSM parameter ARN, or (same Region) an SSM
  parameter name ("Pass sensitive data to an Amazon ECS container").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ValidationError
from ..iam import Statement, assume_role_policy, policy_document, statement

__all__ = [
    "ECS_EXEC_ACTIONS",
    "ECS_TASKS_PRINCIPAL",
    "EcrRepository",
    "SecretRef",
    "ecr_repository",
    "execution_role_policy",
    "parse_secret_reference",
    "partition_of_region",
    "task_role_policy",
    "task_trust_policy",
]

ECS_TASKS_PRINCIPAL = "ecs-tasks.amazonaws.com"
ECS_EXEC_ACTIONS = (
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
)
ECR_PULL_ACTIONS = (
    "ecr:BatchCheckLayerAvailability",
    "ecr:BatchGetImage",
    "ecr:GetDownloadUrlForLayer",
)

_PARTITION = r"aws(?:-[a-z]+)*"
_SM_ARN = re.compile(
    rf"^arn:({_PARTITION}):secretsmanager:([a-z0-9-]+):(\d{{12}}):secret:([A-Za-z0-9/_+=.@-]+)"
    r"(?::([^:]*):([^:]*):([^:]*))?$"
)
_SSM_ARN = re.compile(
    rf"^arn:({_PARTITION}):ssm:([a-z0-9-]+):(\d{{12}}):parameter/?([A-Za-z0-9_./-]+)$"
)
_SSM_NAME = re.compile(r"^/?[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*$")
_SM_SUFFIX = re.compile(r"-[A-Za-z0-9]{6}$")
_ECR_IMAGE = re.compile(
    r"^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?/([a-z0-9][a-z0-9._/-]*)(?:[:@].*)?$"
)

SECRET_ALLOWED = (
    "a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>"
    "[:<json-key>:<version-stage>:<version-id>]), an SSM parameter ARN "
    "(arn:aws:ssm:<region>:<account>:parameter/<name>) or an SSM parameter name"
)


def partition_of_region(region: str) -> str:
    """The ARN partition of a Region name (``cn-*`` -> ``aws-cn``, ``us-gov-*`` -> ``aws-us-gov``)."""
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


@dataclass(frozen=True)
class SecretRef:
    """A parsed secret reference.

    kind: ``"secretsmanager"`` or ``"ssm"``.
    resources: the IAM resource ARNs the execution role needs (empty for an SSM parameter
        name, which is resolved with :meth:`resources_in`).
    parameter_name: the SSM parameter name when the reference was a bare name.
    """

    kind: str
    resources: tuple[str, ...] = ()
    parameter_name: str | None = None

    @property
    def action(self) -> str:
        return (
            "secretsmanager:GetSecretValue"
            if self.kind == "secretsmanager"
            else "ssm:GetParameters"
        )

    def resources_in(self, partition: str, region: str, account: str) -> tuple[str, ...]:
        """The IAM resources, building a parameter ARN from a bare name in this account."""
        if self.parameter_name is None:
            return self.resources
        name = self.parameter_name.lstrip("/")
        return (f"arn:{partition}:ssm:{region}:{account}:parameter/{name}",)


def parse_secret_reference(argument: str, value: Any) -> SecretRef:
    """Classify a secret's ``valueFrom``; raise ``ValidationError`` when it is none of the
    accepted shapes (see ``SECRET_ALLOWED``).

    For a Secrets Manager ARN with a ``:json-key:version-stage:version-id`` suffix the IAM
    resource is the secret ARN without that suffix. A partial ARN (a name without the
    6-character random suffix AWS appends) also grants ``<arn>-??????``.
    """
    if not isinstance(value, str) or not value:
        raise ValidationError(argument, value, SECRET_ALLOWED)
    match = _SM_ARN.match(value)
    if match:
        partition, region, account, name = match.group(1, 2, 3, 4)
        base = f"arn:{partition}:secretsmanager:{region}:{account}:secret:{name}"
        resources = (base,) if _SM_SUFFIX.search(name) else (base, f"{base}-??????")
        return SecretRef("secretsmanager", resources)
    match = _SSM_ARN.match(value)
    if match:
        partition, region, account, name = match.group(1, 2, 3, 4)
        return SecretRef("ssm", (f"arn:{partition}:ssm:{region}:{account}:parameter/{name}",))
    if value.startswith("arn:"):
        raise ValidationError(argument, value, SECRET_ALLOWED)
    if len(value) <= 2048 and _SSM_NAME.match(value):
        return SecretRef("ssm", (), parameter_name=value)
    raise ValidationError(argument, value, SECRET_ALLOWED)


@dataclass(frozen=True)
class EcrRepository:
    """The ECR repository an image URI names."""

    account: str
    region: str
    partition: str
    name: str

    @property
    def arn(self) -> str:
        return f"arn:{self.partition}:ecr:{self.region}:{self.account}:repository/{self.name}"


def ecr_repository(image: str) -> EcrRepository | None:
    """The private ECR repository of an image URI such as
    ``123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.2``; ``None`` for any other
    registry (Docker Hub, ``public.ecr.aws``, GHCR, ...), which needs no ECR permission."""
    match = _ECR_IMAGE.match(image)
    if not match:
        return None
    account, region, china, name = match.group(1, 2, 3, 4)
    partition = "aws-cn" if china else partition_of_region(region)
    return EcrRepository(account, region, partition, name)


def task_trust_policy(account_id: str) -> dict[str, Any]:
    """Trust policy for both task roles: only ``ecs-tasks.amazonaws.com``, only on behalf
    of this account (``aws:SourceAccount``, confused-deputy protection)."""
    return assume_role_policy(ECS_TASKS_PRINCIPAL, source_account=account_id)


def _dedupe(values: Iterable[str]) -> list[str]:
    return sorted(set(values))


def _log_resources(log_group_arns: Iterable[str]) -> list[str]:
    """A log group's ARN (``CreateLogStream`` authorises on the log-group resource type)
    and its streams (``PutLogEvents`` authorises on log-stream), nothing wider."""
    resources: set[str] = set()
    for arn in log_group_arns:
        arn = arn.removesuffix(":*")
        resources.update((arn, f"{arn}:log-stream:*"))
    return sorted(resources)


def execution_role_policy(
    *,
    images: Sequence[str],
    log_group_arns: Sequence[str],
    secrets: Sequence[SecretRef],
    kms_key_arns: Sequence[str],
    partition: str,
    region: str,
    account: str,
) -> dict[str, Any] | None:
    """The execution role's inline policy, or ``None`` when it would grant nothing.

    Args:
        images: the container images (resolved URIs).
        log_group_arns: the awslogs log groups (ARNs without a trailing ``:*``).
        secrets: parsed references of every secret in every container (and log router).
        kms_key_arns: customer managed keys that encrypt those secrets.
        partition, region, account: where bare SSM parameter names live.
    """
    statements: list[Statement] = []
    repositories = _dedupe(r.arn for r in (ecr_repository(i) for i in images) if r)
    if repositories:
        # GetAuthorizationToken has no resource-level permission: "*" is its only resource.
        statements.append(statement(["ecr:GetAuthorizationToken"], "*", sid="EcrAuth"))
        statements.append(statement(ECR_PULL_ACTIONS, repositories, sid="EcrPull"))
    if log_group_arns:
        statements.append(
            statement(
                ["logs:CreateLogStream", "logs:PutLogEvents"],
                _log_resources(log_group_arns),
                sid="Logs",
            )
        )
    by_kind: dict[str, set[str]] = {}
    for ref in secrets:
        by_kind.setdefault(ref.kind, set()).update(ref.resources_in(partition, region, account))
    if "secretsmanager" in by_kind:
        statements.append(
            statement(
                ["secretsmanager:GetSecretValue"], sorted(by_kind["secretsmanager"]), sid="Secrets"
            )
        )
    if "ssm" in by_kind:
        statements.append(
            statement(["ssm:GetParameters"], sorted(by_kind["ssm"]), sid="Parameters")
        )
    if kms_key_arns:
        statements.append(statement(["kms:Decrypt"], _dedupe(kms_key_arns), sid="Decrypt"))
    return policy_document(statements) if statements else None


def task_role_policy(
    *,
    statements: Sequence[Mapping[str, Any]] = (),
    exec_enabled: bool = False,
    exec_log_group_arn: str | None = None,
    exec_kms_key_arn: str | None = None,
) -> dict[str, Any] | None:
    """The task role's inline policy, or ``None`` when it would grant nothing.

    Args:
        statements: the application's statements, as given (e.g. built with
            ``fargate_components.iam.statement``).
        exec_enabled: add the ECS Exec channel permissions.
        exec_log_group_arn: the cluster's exec log group, where sessions are logged.
        exec_kms_key_arn: the cluster's exec KMS key (sessions are encrypted with it).
    """
    result: list[Statement] = [dict(s) for s in statements]
    if exec_enabled:
        # ssmmessages actions have no resource types: "*" is the only valid resource.
        result.append(statement(ECS_EXEC_ACTIONS, "*", sid="EcsExec"))
        if exec_log_group_arn:
            # DescribeLogGroups is checked against "log-group:*" (CloudWatch Logs guide,
            # "Logs sent to CloudWatch Logs": use a wildcard log-group ARN, not one group).
            account_prefix = ":".join(exec_log_group_arn.split(":")[:5])
            result.append(
                statement(
                    ["logs:DescribeLogGroups"],
                    [f"{account_prefix}:log-group:*"],
                    sid="EcsExecLogGroups",
                )
            )
            result.append(
                statement(
                    ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                    _log_resources([exec_log_group_arn]),
                    sid="EcsExecLogs",
                )
            )
        if exec_kms_key_arn:
            result.append(statement(["kms:Decrypt"], [exec_kms_key_arn], sid="EcsExecDecrypt"))
    return policy_document(result) if result else None


_EFFECTS = ("Allow", "Deny")


def check_policy_statements(argument: str, statements: Any) -> None:
    """Require IAM statements as mappings with ``Effect``, ``Action`` (or ``NotAction``) and
    ``Resource`` (or ``NotResource``)."""
    if isinstance(statements, (str, bytes, Mapping)) or not isinstance(statements, Sequence):
        raise ValidationError(argument, statements, "a list of IAM statement mappings")
    for i, stmt in enumerate(statements):
        where = f"{argument}[{i}]"
        if not isinstance(stmt, Mapping):
            raise ValidationError(where, stmt, "an IAM statement mapping")
        if stmt.get("Effect") not in _EFFECTS:
            raise ValidationError(f"{where}.Effect", stmt.get("Effect"), "'Allow' or 'Deny'")
        if not ({"Action", "NotAction"} & set(stmt)) or not (
            {"Resource", "NotResource"} & set(stmt)
        ):
            raise ValidationError(
                where,
                dict(stmt),
                "a statement with Action (or NotAction) and Resource (or NotResource)",
            )
