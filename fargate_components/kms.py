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

__all__ = [
    "CREATE_KEY",
    "KEY_DELETION_WINDOW_DAYS",
    "check_kms_key",
    "creates_key",
    "key_policy",
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


def key_policy(
    account: str,
    partition: str,
    region: str,
    *,
    logs: bool = False,
) -> dict[str, Any]:
    """An explicit key policy: the account's IAM policies decide who may use the key (the
    KMS default key policy statement, "Default key policy", "Allows access to the AWS account
    and enables IAM policies",
    https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html), and, with
    ``logs``, CloudWatch Logs of this region may use it for this account's log groups only."""
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
