"""FC-WRK-001: a worker that scales on an SQS queue's backlog may consume that queue.

``Autoscaling(queue_backlog_target=..., queue_name=...)`` scales a service on the queue's
visible messages (an Application Auto Scaling target-tracking policy whose metric has the
``AWS/SQS`` ``QueueName`` dimension; or a step-scaling policy an alarm on such a metric
runs). Scaling is granted by AWS, consuming is not: a task
role that may not ``sqs:ReceiveMessage`` and ``sqs:DeleteMessage`` on that queue (and, for a
queue encrypted with a customer managed KMS key, ``kms:Decrypt`` on the key) deploys fine,
then every task fails its receive calls while the backlog scales the service to its maximum.

The consumer actions are the ones ``WorkQueue.consumer_statement`` grants: receiving and
deleting a message (SQS API reference, ReceiveMessage / DeleteMessage; the actions a consumer
needs, as CDK's ``grantConsumeMessages`` grants them). The key: "For a customer managed KMS
key, you must configure the key policy to add permissions for each queue producer and
consumer ... Alternatively, you can specify the required permissions in an IAM policy
assigned to the principals that produce and consume encrypted messages" ("Amazon SQS Key
management", Configuring AWS KMS permissions,
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html);
the AWS managed key ``alias/aws/sqs`` and SSE-SQS need nothing ("The policy for this KMS key
includes permissions for all principals in the account"). That a consumer needs
``kms:Decrypt`` (and nothing more) is what CDK's ``grantConsumeMessages`` grants on the key
(aws-cdk-lib aws-sqs grants: keyActions ``kms:Decrypt``); the AWS page's own list of consumer
key actions was not found in the stored documentation: not confirmed there.

What the rule reads: the task role's inline policies, its ``aws.iam.RolePolicy`` and the
``aws.iam.Policy`` documents attached by ``RolePolicyAttachment``, and the key's policy. What
it can't read (a policy outside the plan, a document unknown at preview, a queue or key the
plan does not create, a queue policy granting the role) makes the result *unverified*, never
a pass. Deny statements, permission boundaries and SCPs are not evaluated.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Graph, ResourceRecord, is_known, parse_json
from ..model.tokens import (
    ECS_SERVICE,
    IAM_POLICY,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    KMS_KEY,
    KMS_KEY_POLICY,
    METRIC_ALARM,
    SCALING_POLICY,
    SCALING_TARGET,
    SQS_QUEUE,
    SQS_QUEUE_POLICY,
)
from .model import Unverified
from .rules import _as_list, _rule

__all__ = ["CONSUME_ACTIONS", "scaled_queue_names"]

#: What a worker needs on the queue it consumes (module docstring).
CONSUME_ACTIONS = ("sqs:ReceiveMessage", "sqs:DeleteMessage")
_DECRYPT = "kms:Decrypt"
#: SQS's AWS managed key: its key policy already admits every principal of the account.
_AWS_MANAGED_SQS_KEY = "alias/aws/sqs"

GRANTED, MAYBE, MISSING = "granted", "maybe", "missing"


def scaled_queue_names(policy: ResourceRecord, graph: Graph | None = None) -> list[Any]:
    """The ``QueueName`` dimension values of the ``AWS/SQS`` metrics a scaling policy
    follows: those a target-tracking policy tracks (the customized metric itself, or each
    metric of a metric-math expression) and, with ``graph``, those of the CloudWatch alarms
    whose actions run it (step scaling)."""
    config = policy.inputs.get("targetTrackingScalingPolicyConfiguration")
    spec = config.get("customizedMetricSpecification") if isinstance(config, dict) else None
    metrics = []
    if isinstance(spec, dict):
        metrics = [spec] + [
            (m.get("metricStat") or {}).get("metric") or {}
            for m in _as_list(spec.get("metrics"))
            if isinstance(m, dict)
        ]
    names = [
        d.get("value")
        for m in metrics
        if isinstance(m, dict) and m.get("namespace") == "AWS/SQS"
        for d in _as_list(m.get("dimensions"))
        if isinstance(d, dict) and d.get("name") == "QueueName"
    ]
    for alarm in graph.referrers(policy, METRIC_ALARM, "alarmActions") if graph else []:
        dimensions = alarm.inputs.get("dimensions")
        if alarm.inputs.get("namespace") == "AWS/SQS" and isinstance(dimensions, dict):
            names.append(dimensions.get("QueueName"))
    return [n for n in names if n is not None]


def _service_of(policy: ResourceRecord, graph: Graph) -> ResourceRecord | None:
    """The ECS service a scaling policy scales: through its scalable target (recorded
    dependencies), else by the service name in ``resourceId`` (``service/<cluster>/<name>``)."""
    for target in graph.refs(policy, "resourceId", SCALING_TARGET):
        found = graph.refs(target, "resourceId", ECS_SERVICE)
        if found:
            return found[0]
    resource_id = policy.inputs.get("resourceId")
    if isinstance(resource_id, str) and is_known(resource_id):
        parts = resource_id.split("/")
        if len(parts) == 3 and parts[0] == "service":
            return graph.first(parts[2], ECS_SERVICE)
    return None


@dataclass(frozen=True)
class _Holder:
    """A policy document attached to the task role, or why it can't be read."""

    record: ResourceRecord
    document: Any  # the parsed document; None when unknown or outside the plan
    prop: str  # the input it came from (for property dependencies)


def _holders(role: ResourceRecord, graph: Graph) -> tuple[list[_Holder], list[str]]:
    """The task role's policy documents, and what attached to it the plan can't read."""
    holders, unread = [], []
    inline = role.inputs.get("inlinePolicies")
    for item in _as_list(inline):
        if isinstance(item, dict):
            holders.append(_Holder(role, parse_json(item.get("policy")), "inlinePolicies"))
    if inline is not None and not is_known(inline):
        holders.append(_Holder(role, None, "inlinePolicies"))
    for record in graph.referrers(role, IAM_ROLE_POLICY, "role"):
        holders.append(_Holder(record, parse_json(record.inputs.get("policy")), "policy"))
    for attachment in graph.referrers(role, IAM_ROLE_POLICY_ATTACHMENT, "role"):
        managed = graph.refs(attachment, "policyArn", IAM_POLICY)
        for record in managed:
            holders.append(_Holder(record, parse_json(record.inputs.get("policy")), "policy"))
        if not managed:
            unread.append(f"the managed policy {attachment.inputs.get('policyArn')}")
    unread += [
        f"the managed policy {arn}" for arn in _as_list(role.inputs.get("managedPolicyArns"))
    ]
    return holders, unread


def _action_matches(statement: dict[str, Any], action: str) -> bool:
    actions = [str(a).lower() for a in _as_list(statement.get("Action"))]
    return any(fnmatch.fnmatchcase(action.lower(), a) for a in actions)


def _arn_matches(pattern: Any, target: ResourceRecord, service: str) -> bool | None:
    """Whether a statement's resource names ``target`` (None: can't tell at preview)."""
    if not isinstance(pattern, str) or not is_known(pattern):
        return None
    if pattern == "*":
        return True
    arn = target.outputs.get("arn")
    if isinstance(arn, str) and is_known(arn):
        return fnmatch.fnmatchcase(arn, pattern)
    # At preview the target's ARN is unknown; a policy built from its name holds its ARN:
    # arn:<partition>:<service>:<region>:<account>:<resource> (SQS: the queue name).
    fields = pattern.split(":")
    name = target.outputs.get("name") or target.inputs.get("name")
    if len(fields) == 6 and fields[2] == service and isinstance(name, str) and is_known(name):
        return fnmatch.fnmatchcase(name, fields[5])
    return None if not isinstance(name, str) or not is_known(name) else False


#: Whether a statement's resource pattern names the target (None: can't tell at preview).
_Matcher = Callable[[Any], "bool | None"]


def _grant(
    holder: _Holder, action: str, matches: _Matcher, built_from: str | None, graph: Graph
) -> str:
    """Whether one document allows ``action`` on what ``matches`` accepts; a document unknown
    at preview is *maybe* when it was built from the target (URN ``built_from``) or the
    target is outside the plan (``built_from`` None)."""
    if holder.document is None:
        if built_from is None:
            return MAYBE
        sources = graph.refs(holder.record, holder.prop)
        return MAYBE if any(r.urn == built_from for r in sources) else MISSING
    result = MISSING
    statements = holder.document.get("Statement") if isinstance(holder.document, dict) else None
    for statement in _as_list(statements):
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        if not _action_matches(statement, action):
            continue
        for pattern in _as_list(statement.get("Resource")):
            matched = matches(pattern)
            if matched:
                return GRANTED
            if matched is None:
                result = MAYBE
    return result


def _on(target: ResourceRecord, service: str) -> _Matcher:
    return lambda pattern: _arn_matches(pattern, target, service)


def _on_arn(arn: Any) -> _Matcher:
    """A matcher for a resource outside the plan, known by ARN (or alias) only."""

    def matches(pattern: Any) -> bool | None:
        if pattern == "*":
            return True
        if not isinstance(pattern, str) or not is_known(pattern):
            return None
        if isinstance(arn, str) and is_known(arn) and arn.startswith("arn:"):
            return fnmatch.fnmatchcase(arn, pattern)
        return None  # an alias or key id: which key ARN it stands for is not in the plan

    return matches


def _best(results: list[str]) -> str:
    return GRANTED if GRANTED in results else MAYBE if MAYBE in results else MISSING


def _key_policy_grants(key: ResourceRecord, role: ResourceRecord, graph: Graph) -> str:
    """Whether the key's own policy names the task role for ``kms:Decrypt`` (an
    ``aws.kms.KeyPolicy`` on the key wins over the key's ``policy`` input)."""
    holders = graph.referrers(key, KMS_KEY_POLICY, "keyId") or [key]
    policy = holders[0].inputs.get("policy")
    if policy is not None and not is_known(policy):
        built_from = graph.refs(holders[0], "policy", IAM_ROLE)
        return MAYBE if any(r.urn == role.urn for r in built_from) else MISSING
    document = parse_json(policy)
    role_arn = role.outputs.get("arn")
    result = MISSING
    for statement in _as_list(document.get("Statement") if isinstance(document, dict) else None):
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        if not _action_matches(statement, _DECRYPT):
            continue
        principal = statement.get("Principal")
        names = _as_list(principal.get("AWS")) if isinstance(principal, dict) else []
        if is_known(role_arn) and role_arn in names:
            return GRANTED
        if not is_known(role_arn) or not all(is_known(n) for n in names):
            result = MAYBE
    return result


def _decrypt(
    queue: ResourceRecord, role: ResourceRecord, holders: list[_Holder], graph: Graph
) -> tuple[str, str]:
    """(result, what) for the queue's KMS key: granted when the queue needs no key grant."""
    key_id = queue.inputs.get("kmsMasterKeyId")
    if not key_id or key_id == _AWS_MANAGED_SQS_KEY:
        return GRANTED, ""
    keys = graph.refs(queue, "kmsMasterKeyId", KMS_KEY)
    if not keys:  # a key outside the plan, by ARN or alias
        results = [_grant(h, _DECRYPT, _on_arn(key_id), None, graph) for h in holders]
        return _best(results), f"kms:Decrypt on its key {key_id}"
    key = keys[0]
    results = [_grant(h, _DECRYPT, _on(key, "kms"), key.urn, graph) for h in holders]
    results.append(_key_policy_grants(key, role, graph))
    return _best(results), f"kms:Decrypt on its key {key.name!r}"


def _task_role(service: ResourceRecord, graph: Graph) -> tuple[ResourceRecord | None, str]:
    task_def = graph.task_definition_of(service)
    if task_def is None:
        return None, "its task definition is not in this plan"
    roles = graph.refs(task_def, "taskRoleArn", IAM_ROLE)
    if roles:
        return roles[0], ""
    if task_def.inputs.get("taskRoleArn"):
        return None, "its task role is not in this plan"
    return None, f"the task definition {task_def.name!r} has no task role"


def _queue_problems(
    queue: ResourceRecord, role: ResourceRecord, graph: Graph
) -> Iterator[tuple[str, str]]:
    """(result, what is needed) for each consume permission the role may lack."""
    holders, unread = _holders(role, graph)
    for action in CONSUME_ACTIONS:
        result = _best([_grant(h, action, _on(queue, "sqs"), queue.urn, graph) for h in holders])
        if result == MISSING and (unread or graph.referrers(queue, SQS_QUEUE_POLICY, "queueUrl")):
            result = MAYBE
        yield result, action
    result, what = _decrypt(queue, role, holders, graph)
    if result == MISSING and unread:
        result = MAYBE
    if what:
        yield result, what


@_rule(
    "FC-WRK-001",
    "error",
    SCALING_POLICY,
    "A worker scaling on a queue's backlog may consume that queue",
    "give the task role the consumer statement of that queue "
    "(`task_policy_statements=[queue.consumer_statement()]`: sqs:ReceiveMessage, "
    "sqs:DeleteMessage, ... on its ARN) and, for a queue encrypted with your KMS key, "
    "kms:Decrypt on that key; or scale on the queue the worker reads",
    needs_graph=True,
)
def _worker_consumes(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    names = scaled_queue_names(record, graph)
    if not names:
        return
    service = _service_of(record, graph)
    if service is None:
        yield Unverified("the scaled ECS service is not in this plan")
        return
    role, why = _task_role(service, graph)
    queues = {q.urn: q for n in names for q in graph.lookup(n, SQS_QUEUE)}
    built = graph.refs(record, "targetTrackingScalingPolicyConfiguration", SQS_QUEUE)
    queues.update({q.urn: q for q in built})
    outside = [n for n in names if is_known(n) and not graph.lookup(n, SQS_QUEUE)]
    for name in outside if not built else []:
        yield Unverified(
            f"the scaled queue {name} is not in this plan: its consumers can't be checked"
        )
    for queue in queues.values():
        if role is None:
            yield (
                Unverified(f"{why}: whether it may consume queue {queue.name!r} is unknown")
                if "not in this plan" in why
                else f"{why}, so its tasks can't consume the queue {queue.name!r} it scales on"
            )
            continue
        results = list(_queue_problems(queue, role, graph))
        missing = [what for result, what in results if result == MISSING]
        maybe = [what for result, what in results if result == MAYBE]
        if missing:
            yield (
                f"the service scales on queue {queue.name!r}, but its task role "
                f"{role.name!r} is not allowed {', '.join(missing)}"
            )
        elif maybe:
            yield Unverified(
                f"whether the task role {role.name!r} is allowed {', '.join(maybe)} of queue "
                f"{queue.name!r} (a policy unknown at preview or outside this plan)"
            )
