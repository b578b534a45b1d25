"""Customer managed KMS keys: the one argument every component takes for them, and the key
policies the library writes (the key itself is wired by ``_component.child_kms_key``).

Every component that encrypts audit data (flow logs, ECS Exec sessions and their log group,
scheduler schedules) takes one key argument, ``kms_key_arn``-style, with three values:

- :data:`CREATE_KEY` (the default): the component creates a customer managed key, with
  rotation on and an explicit key policy (:func:`key_policy`), kept when the stack is
  destroyed (``retain_on_delete``: whatever it encrypted stays readable);
- an ARN (or an Output of one): that key is used as is; its key policy is yours;
- ``None``: AWS-managed encryption (the dev setting; checkov CKV_AWS_158 / CKV_AWS_224 /
  CKV_AWS_297 then fail and need a waiver).

A created key costs $1 a month (AWS KMS pricing: "Each AWS KMS key that you create in AWS
KMS costs $1/month", https://aws.amazon.com/kms/pricing/); the cost estimate shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .errors import ValidationError, is_known
from .iam import Statement, policy_document
from .regions import stack_region

__all__ = [
    "CREATE_KEY",
    "FARGATE_PRINCIPAL",
    "FARGATE_STORAGE_ACTIONS",
    "KEY_DELETION_WINDOW_DAYS",
    "SCHEDULER_CONTEXT_KEY",
    "check_key_region",
    "check_kms_key",
    "creates_key",
    "ephemeral_storage_key_policy",
    "fargate_storage_statements",
    "key_policy",
    "missing_fargate_storage_permissions",
    "scheduler_decrypt_condition",
]

#: The value of a component's key argument that makes it create a customer managed key.
CREATE_KEY = "create"

#: Days AWS waits before deleting a key scheduled for deletion: the longest window AWS allows
#: ("The waiting period ... between 7 and 30 days", KMS developer guide, "Deleting AWS KMS
#: keys", https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html).
KEY_DELETION_WINDOW_DAYS = 30

#: What CloudWatch Logs needs on a key that encrypts log groups (CloudWatch Logs user guide,
#: "Encrypt log data in CloudWatch Logs using AWS Key Management Service", step 2: the key
#: policy statement for ``logs.<region>.amazonaws.com`` with the
#: ``kms:EncryptionContext:aws:logs:arn`` condition,
#: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
LOGS_KEY_ACTIONS = (
    "kms:Decrypt*",
    "kms:Describe*",
    "kms:Encrypt*",
    "kms:GenerateDataKey*",
    "kms:ReEncrypt*",
)


def creates_key(value: Any) -> bool:
    """Whether a key argument asks the component to create its key."""
    return isinstance(value, str) and value == CREATE_KEY


def check_kms_key(argument: str, value: Any) -> None:
    """A key argument: :data:`CREATE_KEY`, a KMS key ARN (or an Output of one), or None."""
    if value is None or creates_key(value) or not is_known(value):
        return
    if (
        not isinstance(value, str)
        or not value.startswith("arn:")
        or value.split(":")[2:3] != ["kms"]
        or not (":key/" in value or ":alias/" in value)
    ):
        raise ValidationError(
            argument,
            value,
            f"{CREATE_KEY!r} (create a customer managed key), a KMS key ARN "
            "(arn:aws:kms:<region>:<account>:key/<id>), or None (AWS-managed encryption)",
        )
    check_key_region(argument, value)


def check_key_region(argument: str, value: Any, region: str | None = None) -> None:
    """A KMS key ARN given to a resource is in the stack's region (``region``, default the
    ``aws:region`` config / ``AWS_REGION``; skipped when that is unknown, or the ARN is an
    Output: construction can't see it, AWS refuses it at deploy).

    KMS keys are regional: the replicas of a multi-Region key share its key material and key
    ID but each is a key of its own Region, named by that Region in its ARN (KMS developer
    guide, "Multi-Region keys in AWS KMS",
    https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html),
    and a service encrypts with a key of its own Region: EKS "The KMS key must be symmetric
    and created in the same AWS Region as the cluster" (EKS API reference, ``Provider``,
    https://docs.aws.amazon.com/eks/latest/APIReference/API_Provider.html, confirmed);
    CloudWatch Logs refuses a key that "does not exist" in its Region
    (``InvalidParameterException``, ``CreateLogGroup``); for ECR, EBS, EFS, SQS, ECS Exec and
    EventBridge Scheduler the same-Region requirement follows from the key being regional and
    was not found stated on their own pages (not confirmed per service)."""
    if not (isinstance(value, str) and is_known(value)) or creates_key(value):
        return
    region = region if region is not None else stack_region()
    parts = value.split(":")
    if region is None or len(parts) < 4 or parts[2] != "kms" or parts[3] == region:
        return
    raise ValidationError(
        argument,
        value,
        f"a KMS key of the stack's region {region!r} (this key is in {parts[3]!r}; a key "
        "encrypts only in its own region: use the replica of a multi-Region key, or a key "
        f"made in {region!r})",
    )


#: The encryption context key EventBridge Scheduler binds a schedule's data to: the schedule's
#: ARN ("Encryption at rest in EventBridge Scheduler", managing KMS keys / CloudTrail event
#: examples, https://docs.aws.amazon.com/scheduler/latest/UserGuide/encryption-rest.html).
SCHEDULER_CONTEXT_KEY = "kms:EncryptionContext:aws:scheduler:schedule-arn"


def scheduler_decrypt_condition(schedule_arns: str) -> dict[str, Any]:
    """The condition that limits ``kms:Decrypt`` to the data of the schedules ``schedule_arns``
    (an ARN or an ARN pattern)."""
    return {"ArnLike": {SCHEDULER_CONTEXT_KEY: schedule_arns}}


def key_policy(
    account: str,
    partition: str,
    region: str,
    *,
    logs: bool = False,
    scheduler: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """An explicit key policy: the account's IAM policies decide who may use the key (the
    KMS default key policy statement, "Default key policy", "Allows access to the AWS account
    and enables IAM policies",
    https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html), and, with
    ``logs``, CloudWatch Logs of this region may use it for this account's log groups only.

    With ``scheduler=(role_arn, schedules)`` (``schedules`` is ``<group>/<name or pattern>``,
    the end of the schedule ARN ``arn:<partition>:scheduler:<region>:<account>:schedule/...``):
    the schedules' execution role may ``kms:Decrypt`` what EventBridge Scheduler encrypted for
    those schedules of this account and region only. Scheduler
    decrypts a schedule's payload with its execution role when it invokes the target; whoever
    creates or updates the schedule needs ``kms:DescribeKey``, ``kms:GenerateDataKey`` and
    ``kms:Decrypt`` through their own IAM policies, which the first statement enables
    ("Encryption at rest in EventBridge Scheduler", managing your KMS keys,
    https://docs.aws.amazon.com/scheduler/latest/UserGuide/encryption-rest.html; the exact
    statement text of that page could not be read here, see the module's README entry)."""
    statements: list[Statement] = [
        {
            "Sid": "AccountIamPolicies",
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:{partition}:iam::{account}:root"},
            "Action": "kms:*",
            "Resource": "*",
        }
    ]
    if logs:
        statements.append(_logs_statement(account, partition, region))
    if scheduler is not None:
        role_arn, schedules = scheduler
        schedule_arns = f"arn:{partition}:scheduler:{region}:{account}:schedule/{schedules}"
        statements.append(
            {
                "Sid": "SchedulerExecutionRole",
                "Effect": "Allow",
                "Principal": {"AWS": role_arn},
                "Action": "kms:Decrypt",
                "Resource": "*",
                "Condition": scheduler_decrypt_condition(schedule_arns),
            }
        )
    return policy_document(statements)


def _logs_statement(account: str, partition: str, region: str) -> Statement:
    return {
        "Sid": "CloudWatchLogs",
        "Effect": "Allow",
        "Principal": {"Service": f"logs.{region}.amazonaws.com"},
        "Action": sorted(LOGS_KEY_ACTIONS),
        "Resource": "*",
        "Condition": {
            "ArnLike": {
                "kms:EncryptionContext:aws:logs:arn": (
                    f"arn:{partition}:logs:{region}:{account}:log-group:*"
                )
            }
        },
    }


def describe(purposes: Sequence[str]) -> str:
    """The key's description: what it encrypts."""
    return "fargate-components: encrypts " + ", ".join(purposes)


# -- Fargate ephemeral storage -------------------------------------------------------------
#
# "Customer managed keys for AWS Fargate ephemeral storage" / "Create an encryption key for
# Fargate ephemeral storage for Amazon ECS" (ECS developer guide,
# https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-create-storage-key.html):
# the key policy must let the Fargate service principal call
# ``kms:GenerateDataKeyWithoutPlaintext`` and ``kms:CreateGrant`` (the grant lets Fargate
# ``Decrypt`` the storage data key), scoped with the encryption context keys
# ``kms:EncryptionContext:aws:ecs:clusterAccount`` and ``...:clusterName``, and the grant to the
# ``Decrypt`` operation (``ForAllValues:StringEquals kms:GrantOperations``). The guide's example
# statements are written here with its Sids (the same document the AWS CDK's
# ``updateKeyPolicyForEphemeralStorageConfiguration`` and the Terraform provider's
# ``aws_ecs_cluster`` example write). ``kms:DescribeKey``, also listed in the guide, is what the
# *cluster operator* (the caller of CreateCluster/UpdateCluster) needs: the account statement
# leaves that to the operator's IAM policies. "isn't available for Windows task clusters" and
# not before platform version 1.4.0 (same page).

#: The service principal that uses an ephemeral-storage key.
FARGATE_PRINCIPAL = "fargate.amazonaws.com"
#: What Fargate must be allowed on the key, per the guide.
FARGATE_STORAGE_ACTIONS = ("kms:GenerateDataKeyWithoutPlaintext", "kms:CreateGrant")
_CONTEXT_ACCOUNT = "kms:EncryptionContext:aws:ecs:clusterAccount"
_CONTEXT_CLUSTER = "kms:EncryptionContext:aws:ecs:clusterName"
_GRANT_OPERATIONS = "kms:GrantOperations"


def fargate_storage_statements(account: str, cluster_name: str) -> list[Statement]:
    """The two key-policy statements Fargate needs for ``cluster_name``'s ephemeral storage."""
    context = {_CONTEXT_ACCOUNT: [account], _CONTEXT_CLUSTER: [cluster_name]}
    return [
        {
            "Sid": "Allow generate data key access for Fargate tasks.",
            "Effect": "Allow",
            "Principal": {"Service": FARGATE_PRINCIPAL},
            "Action": ["kms:GenerateDataKeyWithoutPlaintext"],
            "Resource": "*",
            "Condition": {"StringEquals": dict(context)},
        },
        {
            "Sid": "Allow grant creation permission for Fargate tasks.",
            "Effect": "Allow",
            "Principal": {"Service": FARGATE_PRINCIPAL},
            "Action": ["kms:CreateGrant"],
            "Resource": "*",
            "Condition": {
                "StringEquals": dict(context),
                "ForAllValues:StringEquals": {_GRANT_OPERATIONS: ["Decrypt"]},
            },
        },
    ]


def ephemeral_storage_key_policy(account: str, partition: str, cluster_name: str) -> dict[str, Any]:
    """The key policy of a created ephemeral-storage key: the account's IAM policies
    (:func:`key_policy`) and Fargate, for this cluster only."""
    doc = key_policy(account, partition, "")
    doc["Statement"] = [*doc["Statement"], *fargate_storage_statements(account, cluster_name)]
    return doc


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _names_fargate(principal: Any) -> bool:
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    return FARGATE_PRINCIPAL in _as_list(principal.get("Service")) or "*" in _as_list(
        principal.get("AWS")
    )


def _allows_action(statement: dict[str, Any], action: str) -> bool:
    import fnmatch

    return any(
        isinstance(a, str) and fnmatch.fnmatchcase(action.lower(), a.lower())
        for a in _as_list(statement.get("Action"))
    )


def _condition_blocks(
    statement: dict[str, Any], action: str, account: str | None, cluster: str
) -> str:
    """Why the statement's conditions keep Fargate out for this cluster ('' when they don't).
    Only the condition keys the guide documents are judged; others are taken as satisfied
    (the account's too when ``account`` is None: not known, e.g. at a first preview)."""
    conditions = statement.get("Condition") or {}
    if not isinstance(conditions, dict):
        return ""
    for operator, block in conditions.items():
        if not isinstance(block, dict):
            continue
        exact = operator.endswith("StringEquals") and "IfExists" not in operator
        for key, wanted in block.items():
            values = [str(v) for v in _as_list(wanted)]
            if key == _CONTEXT_ACCOUNT and exact and account is not None and account not in values:
                return f"{key} is {values}, not this account {account}"
            if key == _CONTEXT_CLUSTER and exact and cluster not in values:
                return f"{key} is {values}, not this cluster {cluster!r}"
            if key == _GRANT_OPERATIONS and action == "kms:CreateGrant" and "Decrypt" not in values:
                return f"{key} is {values}, without Decrypt"
    return ""


def missing_fargate_storage_permissions(
    policy: dict[str, Any], *, account: str | None, cluster_name: str
) -> list[str]:
    """What a key policy lacks for Fargate to encrypt ``cluster_name``'s ephemeral storage:
    one sentence per action of :data:`FARGATE_STORAGE_ACTIONS` no Allow statement grants the
    Fargate principal (Deny statements are not evaluated); empty when nothing is missing.
    ``account`` None (not known) leaves the ``aws:ecs:clusterAccount`` condition unjudged."""
    statements = [s for s in _as_list(policy.get("Statement")) if isinstance(s, dict)]
    problems = []
    for action in FARGATE_STORAGE_ACTIONS:
        reasons = []
        allowed = False
        for s in statements:
            if s.get("Effect") != "Allow" or not _names_fargate(s.get("Principal")):
                continue
            if not _allows_action(s, action):
                continue
            blocked = _condition_blocks(s, action, account, cluster_name)
            if not blocked:
                allowed = True
                break
            reasons.append(blocked)
        if not allowed:
            why = f" ({'; '.join(reasons)})" if reasons else ""
            problems.append(f"{FARGATE_PRINCIPAL} is not allowed {action}{why}")
    return problems
