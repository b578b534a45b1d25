"""Policy rules across resources for tasks that are stopped with SIGTERM (Fargate Spot's
two-minute interruption notice, deployments, scale-in): FC-ECS-010 (a Spot service behind a
load balancer can't drain and stop inside the notice) and FC-ECS-011 (a queue worker's queue
hands a message to another worker while the first is still finishing it).

The decisions (the numbers, the facts and their sources) are
:mod:`fargate_components.ecs.spot_interruption`; these rules read the same numbers from the
plan's wire shapes: the service's capacity strategy (its own, else the cluster's default),
its target groups' ``deregistrationDelay``, its task definition's containers'
``stopTimeout``, and the ``visibilityTimeoutSeconds`` of every queue the task role may
``sqs:ReceiveMessage`` from.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from typing import Any

from ..ecs.capacity import FARGATE_SPOT
from ..ecs.spot_interruption import spot_drain, visibility_summary
from ..model import Graph, ResourceRecord, is_known, parse_json
from ..model.tokens import ECS_SERVICE, ECS_TASK_DEFINITION, IAM_ROLE, IAM_ROLE_POLICY, SQS_QUEUE
from .model import Unverified, unseen
from .rules import _as_list, _containers, _rule

__all__ = ["queues_received_by"]

#: AWS's defaults when the input is unset (ELB API_CreateTargetGroup: deregistration delay
#: 300 s; SQS API_CreateQueue: VisibilityTimeout 30 s).
_DEFAULT_DEREGISTRATION_DELAY = 300
_DEFAULT_VISIBILITY_TIMEOUT = 30


def _stop_timeouts(task_def: ResourceRecord) -> list[int | None] | None:
    """The containers' ``stopTimeout`` values (``None`` = unset), or ``None`` when one is
    unknown at preview."""
    values: list[int | None] = []
    for container in _containers(task_def):
        value = container.get("stopTimeout")
        if value is not None and not isinstance(value, int):
            return None
        values.append(value)
    return values


def _uses_spot(service: ResourceRecord, graph: Graph) -> bool:
    strategy, _ = graph.capacity_strategy_of(service)
    return any(
        item.provider == FARGATE_SPOT and (item.weight > 0 or item.base > 0)
        for item in strategy or ()
    )


@_rule(
    "FC-ECS-010",
    "warning",
    ECS_SERVICE,
    "A Spot service behind a load balancer drains and stops inside the 2-minute notice",
    "make the target groups' deregistration delay plus the longest container stopTimeout at "
    "most 120 s (FargateServiceArgs.deregistration_delay, Container.stop_timeout), or run the "
    "service on CapacityStrategy.on_demand()",
    needs_graph=True,
)
def _spot_drain(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    task_def = graph.task_definition_of(record)
    groups = graph.target_groups_of(record)
    if task_def is None or not groups or not _uses_spot(record, graph):
        return
    stops = _stop_timeouts(task_def)
    delays = [g.inputs.get("deregistrationDelay", _DEFAULT_DEREGISTRATION_DELAY) for g in groups]
    if stops is None or not all(is_known(d) for d in delays):
        return
    summary = spot_drain(max(int(d) for d in delays), stops).summary()
    if summary:
        yield f"the service {summary}"


def _receives(statement: dict[str, Any]) -> bool:
    if statement.get("Effect") != "Allow":
        return False
    actions = [str(a).lower() for a in _as_list(statement.get("Action"))]
    return any(fnmatch.fnmatchcase("sqs:receivemessage", a) for a in actions)


def _policy_records(task_role: ResourceRecord, graph: Graph) -> list[ResourceRecord]:
    return [task_role, *graph.referrers(task_role, IAM_ROLE_POLICY, "role")]


def _documents(record: ResourceRecord) -> list[Any]:
    if record.type == IAM_ROLE:
        return [
            parse_json(inline.get("policy"))
            for inline in _as_list(record.inputs.get("inlinePolicies"))
            if isinstance(inline, dict)
        ]
    return [parse_json(record.inputs.get("policy"))]


def _queues_of_arn(arn: Any, graph: Graph) -> list[ResourceRecord]:
    """The queues an ARN in a policy names: by ARN, else (at preview, where a queue's ARN
    output is unknown but a policy built from its name already holds the ARN) by the queue
    name, the ARN's last field: ``arn:<partition>:sqs:<region>:<account>:<name>``, as AWS's
    SDK documentation addresses a queue, "arn:aws:sqs:us-east-1:987654321000:MyQueue"
    (https://docs.amazonaws.cn/sdkfornet/v3/apidocs/items/Auth/MResourcectorString.html)."""
    found = graph.lookup(arn, SQS_QUEUE)
    if found or not isinstance(arn, str) or not is_known(arn):
        return found
    fields = arn.split(":")
    if len(fields) != 6 or fields[0] != "arn" or fields[2] != "sqs" or "*" in fields[5]:
        return []
    return graph.lookup(fields[5], SQS_QUEUE)


def _unknown_documents(holder: ResourceRecord) -> bool:
    """Whether a policy holder's document (a role's inline policies) is unknown at preview."""
    if holder.type == IAM_ROLE:
        inline = holder.inputs.get("inlinePolicies")
        return not is_known(inline) or any(
            isinstance(i, dict) and not is_known(i.get("policy")) for i in _as_list(inline)
        )
    return not is_known(holder.inputs.get("policy"))


def _received_from(holder: ResourceRecord, graph: Graph) -> list[ResourceRecord]:
    """The queues one policy holder's ``sqs:ReceiveMessage`` statements name."""
    found: dict[str, ResourceRecord] = {}
    for document in _documents(holder):
        statements = document.get("Statement") if isinstance(document, dict) else None
        for statement in _as_list(statements):
            if not isinstance(statement, dict) or not _receives(statement):
                continue
            resources = _as_list(statement.get("Resource"))
            for arn in resources:
                for queue in _queues_of_arn(arn, graph):
                    found.setdefault(queue.urn, queue)
            if not all(is_known(r) for r in resources) and holder.type != IAM_ROLE:
                for queue in graph.refs(holder, "policy", SQS_QUEUE):
                    found.setdefault(queue.urn, queue)
    return list(found.values())


def queues_received_by(
    task_def: ResourceRecord, graph: Graph
) -> tuple[list[ResourceRecord], list[ResourceRecord]]:
    """The SQS queues of the plan that ``task_def``'s task role may receive messages from
    (a ``sqs:ReceiveMessage`` statement naming the queue's ARN; at preview, where ARNs are
    unknown, the queues such a policy was built from), and the queues a policy document
    unknown at preview was built from (it may receive from them: the plan can't say)."""
    found: dict[str, ResourceRecord] = {}
    maybe: dict[str, ResourceRecord] = {}
    for role in graph.refs(task_def, "taskRoleArn", IAM_ROLE):
        for holder in _policy_records(role, graph):
            for queue in _received_from(holder, graph):
                found.setdefault(queue.urn, queue)
            if _unknown_documents(holder):
                prop = "inlinePolicies" if holder.type == IAM_ROLE else "policy"
                for queue in graph.refs(holder, prop, SQS_QUEUE):
                    maybe.setdefault(queue.urn, queue)
    return list(found.values()), [q for urn, q in maybe.items() if urn not in found]


@_rule(
    "FC-ECS-011",
    "warning",
    ECS_TASK_DEFINITION,
    "A queue worker's queue keeps a message hidden while a stopped task finishes it",
    "raise the queue's visibility timeout (WorkQueueArgs.visibility_timeout_seconds) to at "
    "least the containers' longest stopTimeout (better: the longest job), or lower stopTimeout",
    needs_graph=True,
)
def _queue_visibility(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    known = is_known(record.inputs.get("containerDefinitions"))
    stops = _stop_timeouts(record) if known else None
    if not stops and stops is not None:
        return
    received, maybe = queues_received_by(record, graph)
    for queue in [*received, *maybe]:
        timeout = queue.inputs.get("visibilityTimeoutSeconds", _DEFAULT_VISIBILITY_TIMEOUT)
        if stops is None:
            yield Unverified(
                f"a container's stopTimeout is unknown at preview (queue {queue.name!r})"
            )
        elif not is_known(timeout) or not isinstance(timeout, int):
            yield unseen(f"the visibility timeout of queue {queue.name!r}", timeout)
        else:
            summary = visibility_summary(timeout, stops)
            if summary and queue in received:
                yield f"the task {summary} (queue {queue.name!r})"
            elif summary:
                yield Unverified(
                    f"the task role's policy is unknown at preview; if it receives from queue "
                    f"{queue.name!r}, the task {summary}"
                )
