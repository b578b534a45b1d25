"""IAM policy documents as plain data (no Pulumi resources).

Documents are built as dicts and serialised with :func:`to_json`, which sorts keys so the
same inputs always give the same bytes (no spurious diffs in ``pulumi preview``).
Components pass ``pulumi.Output.json_dumps``-free strings: when an ARN is still an Output,
build the statement inside ``Output.all(...).apply(lambda v: to_json(...))``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "Statement",
    "assume_role_policy",
    "policy_document",
    "statement",
    "to_json",
]

Statement = dict[str, Any]
VERSION = "2012-10-17"


def to_json(document: Mapping[str, Any]) -> str:
    """Serialise a policy document deterministically (sorted keys, compact)."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"))


def statement(
    actions: Sequence[str],
    resources: Sequence[str] | str,
    *,
    sid: str | None = None,
    effect: str = "Allow",
    condition: Mapping[str, Any] | None = None,
) -> Statement:
    """One statement. ``actions`` are sorted and de-duplicated; ``resources`` keep order."""
    stmt: Statement = {"Effect": effect, "Action": sorted(set(actions))}
    stmt["Resource"] = resources if isinstance(resources, str) else list(resources)
    if sid:
        stmt["Sid"] = sid
    if condition:
        stmt["Condition"] = dict(condition)
    return stmt


def policy_document(statements: Iterable[Statement]) -> dict[str, Any]:
    """A policy document from statements (empty statements lists are kept: IAM rejects
    them, so callers only build a document when they have something to allow)."""
    return {"Version": VERSION, "Statement": list(statements)}


def assume_role_policy(
    service: str,
    *,
    source_account: str | None = None,
    source_arn_like: str | None = None,
) -> dict[str, Any]:
    """A trust policy letting one AWS service principal assume the role.

    Args:
        service: e.g. ``"ecs-tasks.amazonaws.com"``.
        source_account: when given, an ``aws:SourceAccount`` condition (confused-deputy
            protection). Default none.
        source_arn_like: when given, an ``ArnLike aws:SourceArn`` condition. Default none.
    """
    condition: dict[str, Any] = {}
    if source_account:
        condition["StringEquals"] = {"aws:SourceAccount": source_account}
    if source_arn_like:
        condition["ArnLike"] = {"aws:SourceArn": source_arn_like}
    stmt: Statement = {
        "Effect": "Allow",
        "Principal": {"Service": service},
        "Action": "sts:AssumeRole",
    }
    if condition:
        stmt["Condition"] = condition
    return policy_document([stmt])
