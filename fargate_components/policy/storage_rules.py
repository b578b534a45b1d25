"""Policy rules on the storage ECS manages for tasks: FC-ECS-020 (a service's task-attached
EBS volumes are encrypted) and FC-ECS-021 (a cluster's Fargate ephemeral-storage key lets
Fargate use it: ``kms.missing_fargate_storage_permissions`` over the key policy in the plan;
a key outside the program is *unverified*, never a silent pass).

The decisions and their sources are :mod:`fargate_components.ecs.ebs_volumes`; this rule reads
the wire shape (``aws.ecs.Service`` ``volumeConfiguration.managedEbsVolume``), so it judges
services the library didn't build too. ECS encrypts when ``encrypted`` is unset ("If no value
is specified, encryption is turned on by default", ECS API
ServiceManagedEBSVolumeConfiguration), so only an explicit ``false`` is a finding; with
Region-level EBS encryption by default on, AWS encrypts anyway, which a plan can't see.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..kms import missing_fargate_storage_permissions
from ..model import Graph, ResourceRecord, is_known, parse_json
from ..model.tokens import ECS_CLUSTER, ECS_SERVICE, KMS_KEY, KMS_KEY_POLICY
from .model import Unverified, unseen
from .rules import _rule

__all__: list[str] = []

#: The encryption-context key naming the cluster's account (kms.py's condition check).
_CONTEXT_ACCOUNT = "kms:EncryptionContext:aws:ecs:clusterAccount"


@_rule(
    "FC-ECS-020",
    "warning",
    ECS_SERVICE,
    "Task-attached EBS volumes are encrypted",
    "drop `EbsVolume(encrypted=False)` (`managedEBSVolume.encrypted`): ECS encrypts with the "
    'account\'s EBS key, or with `kms_key_arn` ("create" or your key)',
)
def _ebs_encrypted(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    config = record.inputs.get("volumeConfiguration")
    if not isinstance(config, dict):
        return
    managed = config.get("managedEbsVolume")
    if not isinstance(managed, dict):
        return
    encrypted = managed.get("encrypted")
    if encrypted is False or (is_known(encrypted) and str(encrypted).lower() == "false"):
        yield (
            f"the EBS volume {config.get('name')!r} of every task is unencrypted "
            "(managedEBSVolume.encrypted = false)"
        )


def _key_policy_of(key: ResourceRecord, graph: Graph) -> Any:
    """The key's policy document as the plan holds it: an ``aws.kms.KeyPolicy`` on the key
    wins over the key's own ``policy`` input; None when neither is set (AWS's default key
    policy, which names only the account)."""
    for record in graph.referrers(key, KMS_KEY_POLICY, "keyId"):
        return record.inputs.get("policy")
    return key.inputs.get("policy")


@_rule(
    "FC-ECS-021",
    "error",
    ECS_CLUSTER,
    "The ephemeral-storage key's policy lets Fargate use it for this cluster",
    "allow `fargate.amazonaws.com` `kms:GenerateDataKeyWithoutPlaintext` and `kms:CreateGrant` "
    "(grant operations `Decrypt`) with the encryption context `aws:ecs:clusterAccount` / "
    "`aws:ecs:clusterName` of this cluster, or let the library create the key "
    '(`FargateClusterArgs(ephemeral_storage_kms_key_arn="create")`)',
    needs_graph=True,
)
def _storage_key_policy(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    storage = (record.inputs.get("configuration") or {}).get("managedStorageConfiguration")
    key_arn = (storage or {}).get("fargateEphemeralStorageKmsKeyId")
    if not key_arn:
        return
    keys = _storage_keys(record, key_arn, graph)
    if len(keys) > 1:
        yield Unverified(
            "which key of the program encrypts ephemeral storage is unknown at preview"
        )
        return
    if not keys:
        shown = key_arn if is_known(key_arn) else "(unknown at preview)"
        yield Unverified(
            f"the ephemeral-storage key {shown} is not in this program: its key policy can't "
            "be checked"
        )
        return
    account = _account_of(keys[0], key_arn)
    cluster = record.outputs.get("name") or record.inputs.get("name")
    policy = _key_policy_of(keys[0], graph)
    for what, value in (("the key policy", policy), ("the cluster name", cluster)):
        if value is not None and not is_known(value):
            yield unseen(what, value)
            return
    document = parse_json(policy) if policy is not None else {"Statement": []}
    if not isinstance(document, dict):
        yield Unverified("the key policy is not a JSON policy document")
        return
    if account is None and _CONTEXT_ACCOUNT in str(policy):
        # A key created in the program has no ARN before it exists (a first preview): the
        # account its policy's condition must name is not knowable from the plan.
        yield Unverified(
            f"key {keys[0].name}: the key's account is unknown at preview, so its "
            f"{_CONTEXT_ACCOUNT} condition is not checked"
        )
    for problem in missing_fargate_storage_permissions(
        document, account=account, cluster_name=str(cluster)
    ):
        yield f"key {keys[0].name}: {problem}: Fargate tasks of this cluster can't start"


def _storage_keys(record: ResourceRecord, key_arn: Any, graph: Graph) -> list[ResourceRecord]:
    """The key(s) ``managedStorageConfiguration`` may name: by ARN when known, else the keys
    the cluster's configuration depends on minus the one its Exec configuration names."""
    if is_known(key_arn):
        found = graph.lookup(key_arn, KMS_KEY)
        if found:
            return found
    candidates = graph.refs(record, "configuration", KMS_KEY)
    exec_config = (record.inputs.get("configuration") or {}).get("executeCommandConfiguration")
    exec_key = (exec_config or {}).get("kmsKeyId")
    if is_known(key_arn):
        # A known ARN no key of the program has: an existing key.
        return [k for k in candidates if k.outputs.get("arn") == key_arn]
    return [k for k in candidates if not (exec_key and k.outputs.get("arn") == exec_key)]


def _account_of(key: ResourceRecord, key_arn: Any) -> str | None:
    """The key's account (the 5th field of its ARN); None while no ARN is known (a key the
    program creates, at a first preview)."""
    arn = key.outputs.get("arn") if is_known(key.outputs.get("arn")) else key_arn
    parts = str(arn).split(":") if arn is not None and is_known(arn) else []
    return parts[4] if len(parts) > 4 and parts[4] else None
