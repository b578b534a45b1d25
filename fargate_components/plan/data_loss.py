"""Which changes of a plan diff lose data or cause downtime, why, and what to do instead.

A pure function over the changes of a :class:`~fargate_components.plan.diff.PlanDiff` and
the two plan JSON documents it compares (``diff_plans`` calls it: ``PlanDiff.impacts``). A *replace* or *delete* of a stateful resource
(:data:`fargate_components.data_protection.STATEFUL`: queues, KMS keys, EKS clusters, log
groups, file systems, ...) is **data loss**; of a resource whose re-creation interrupts
service (:data:`~fargate_components.data_protection.DOWNTIME`: ECS services, load balancers,
Fargate profiles, ...) it is **downtime**. Each impact names what is lost, the change that
causes it, and the in-place alternative when there is one:

- a delete paired with a create of the same type is a *rename* (a new logical name is a new
  resource in Pulumi); the alternative is an alias, on the component when the whole component
  was renamed (children inherit their parent's aliases);
- a replace names the inputs the provider cannot update in place (or the replaced resource it
  refers to) and suggests keeping them.

Options the base plan recorded are honoured: with ``retain_on_delete`` the old resource (and
its data) stays in AWS outside the stack; with ``protect`` the engine refuses the change, so
the deploy fails instead. Both are still reported: the program no longer reaches that data.

A retained resource whose physical name the program fixes (a WAF request-log group,
``aws-waf-logs-...``, when ``WebAcl(logging=False)`` drops it; the EKS log groups,
``/aws/eks/<cluster>/...``) keeps that name in AWS: declaring it again later (logging turned
back on) makes AWS refuse the create ("already exists"). The impact names the kept name
(``retained_name``) and the ``pulumi import`` that adopts it instead (``reimport``). The
library never renames those groups to dodge this: a new name would replace the deployed ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._markdown import cell
from ..data_protection import DOWNTIME, STATEFUL
from ..model.tokens import ECS_SERVICE, LOG_GROUP, STACK
from .replacement import physical_identity

if TYPE_CHECKING:  # diff.py computes the impacts of every diff: no import cycle at run time
    from .diff_model import ResourceChange

__all__ = ["Impact", "impacts", "render_impacts_markdown", "render_impacts_text"]

DATA_LOSS = "data_loss"
DOWNTIME_KIND = "downtime"

#: Replacements whose cause deserves its own words: ``(type, top-level key)`` -> the input
#: path shown with its old and new value, why, and what to do instead. An ECS service's ``deploymentController.type`` is ForceNew in the
#: provider (terraform-provider-aws internal/service/ecs/service.go): moving between the ECS,
#: CODE_DEPLOY and EXTERNAL controllers deletes the service (its tasks stop) and creates a
#: new one. The native strategies (ROLLING, BLUE_GREEN, LINEAR, CANARY) are
#: ``deploymentConfiguration.strategy`` of the ECS controller and change in place.
_NAMED_CAUSES: dict[tuple[str, str], tuple[str, str, str]] = {
    (ECS_SERVICE, "deploymentController"): (
        "deploymentController.type",
        "the deployment controller changed: ECS can't switch a service between the ECS, "
        "CODE_DEPLOY and EXTERNAL controllers in place, so the service is deleted (its tasks "
        "stop) and re-created",
        "keep the controller and change the strategy instead: the ECS controller's native "
        "BLUE_GREEN, LINEAR and CANARY strategies (Deployment(strategy=...)) update in place; "
        "or create the new service alongside and move traffic before removing the old one",
    ),
}


@dataclass(frozen=True)
class Impact:
    """One replace or delete that loses data (``kind="data_loss"``) or interrupts service
    (``kind="downtime"``)."""

    kind: str
    urn: str
    type: str
    name: str
    action: str
    lost: str
    cause: str
    alternative: str | None = None
    retained: bool = False
    """``retain_on_delete`` was set: the old resource and its data stay in AWS."""
    protected: bool = False
    """``protect`` was set: the engine refuses the change (the deploy fails)."""
    note: str = ""
    order: str = ""
    """A replacement's order and its cost: deleted first (the gap) or created first, and the
    failure when both halves share a name (:class:`.replacement.ReplacementOrder`)."""
    retained_name: str | None = None
    """A retained delete's physical name, fixed by the program, that stays taken in AWS (None
    otherwise): declaring the resource again fails until the retained one is imported."""
    reimport: str = ""
    """How to adopt the retained resource before declaring it again (a ``pulumi import``
    command); empty without ``retained_name``."""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "urn": self.urn,
            "type": self.type,
            "name": self.name,
            "action": self.action,
            "lost": self.lost,
            "cause": self.cause,
            "alternative": self.alternative,
            "retained": self.retained,
            "protected": self.protected,
            "note": self.note,
            "order": self.order,
            "retained_name": self.retained_name,
            "reimport": self.reimport,
        }

    def line(self) -> str:
        """One line of text for the diff."""
        label = "DATA LOSS" if self.kind == DATA_LOSS else "DOWNTIME"
        text = f"{label}: {self.action} {self.name} ({self.type}) loses {self.lost}; cause: {self.cause}"
        if self.protected:
            text += " [protected: the engine will refuse this change and the deploy fails]"
        elif self.retained:
            # a replacement or a rename has a successor; a plain delete has none
            successor = self.action == "replace" or self.alternative is not None
            text += (
                " [retain_on_delete: the old resource and its data stay in AWS, outside the "
                + ("stack; the program uses a new, empty one]" if successor else "stack]")
            )
        if self.note:
            text += f" ({self.note})"
        if self.order:
            text += f" {self.order}"
        if self.retained_name is not None:
            text += f". {self.reuse_warning()}"
        if self.alternative:
            text += f". Instead: {self.alternative}"
        return text

    def reuse_warning(self) -> str:
        """What declaring the retained resource again does, and the import that avoids it."""
        return (
            f"The retained {self.type} keeps the name {self.retained_name!r} in AWS: declaring "
            "it again (e.g. turning that logging back on) fails with 'already exists'; first "
            f"import it: {self.reimport}"
        )


#: Types whose ``pulumi import`` ID is their physical name: "Using pulumi import, import
#: Cloudwatch Log Groups using the name", ``pulumi import aws:cloudwatch/logGroup:LogGroup
#: test_group yada`` (pulumi-aws ``aws.cloudwatch.LogGroup``, Import section,
#: https://www.pulumi.com/registry/packages/aws/api-docs/cloudwatch/loggroup/). Other types
#: are imported by their own ID (an SQS queue by its URL, for one).
_IMPORT_ID_IS_NAME = frozenset({LOG_GROUP})


def _retained_name(
    change: ResourceChange,
    base: Mapping[str, Mapping[str, Any]],
    head: Mapping[str, Mapping[str, Any]],
) -> tuple[str, str] | None:
    """``(name, reimport)`` for a retained delete whose program-fixed name stays taken in AWS
    and that the head plan doesn't re-create under that name (that case is a rename
    conflict, reported on the create: ``diff._rename_conflicts``)."""
    record = base.get(change.urn) or {}
    if change.action != "delete" or not _options(record).get("retain_on_delete"):
        return None
    name = physical_identity(change.type, record.get("inputs") or {})
    if not isinstance(name, str):
        return None
    if any(
        other.get("type") == change.type
        and physical_identity(change.type, other.get("inputs") or {}) == name
        for other in head.values()
    ):
        return None
    import_id = name if change.type in _IMPORT_ID_IS_NAME else "<its import ID>"
    parent = base.get(str(record.get("parent"))) if record.get("parent") else None
    command = f"pulumi import {change.type} {change.name} {import_id}"
    if parent is not None and parent.get("type") != STACK:
        command += f" --parent '{parent.get('name')}={parent.get('urn')}'"
    return name, (
        f"`{command}` (same logical name and parent, so the program's declaration adopts it), "
        "or delete it in AWS if its data may go"
    )


def _records(doc: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {r["urn"]: r for r in doc.get("resources") or [] if isinstance(r, Mapping)}


def _options(record: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return (record or {}).get("options") or {}


def _rename_of(
    change: ResourceChange,
    creates: list[ResourceChange],
    deletes: list[ResourceChange],
    base: dict[str, Mapping[str, Any]],
    head: dict[str, Mapping[str, Any]],
) -> tuple[str, str] | None:
    """``(cause, alternative)`` when a deleted resource reappears under a new name."""
    record = base.get(change.urn) or {}
    parent = base.get(str(record.get("parent"))) if record.get("parent") else None
    same_type = [c for c in creates if c.type == change.type]
    # The whole component was renamed: its children keep their role suffix.
    if parent is not None and not parent.get("custom", True):
        old_prefix = str(parent.get("name"))
        gone = any(d.urn == parent.get("urn") for d in deletes)
        if gone and change.name.startswith(old_prefix):
            suffix = change.name[len(old_prefix) :]
            for created in same_type:
                new_parent = head.get(str((head.get(created.urn) or {}).get("parent")))
                if new_parent is None or new_parent.get("type") != parent.get("type"):
                    continue
                new_prefix = str(new_parent.get("name"))
                if created.name == new_prefix + suffix:
                    return (
                        f"component {old_prefix!r} ({parent.get('type')}) renamed to "
                        f"{new_prefix!r}: every child gets a new logical name",
                        f"keep the component's identity: pass "
                        f"opts=pulumi.ResourceOptions(aliases=[pulumi.Alias(name={old_prefix!r})]) "
                        f"to {new_prefix!r} (its children follow)",
                    )
    siblings = [
        c
        for c in same_type
        if (head.get(c.urn) or {}).get("parent") == record.get("parent") or not record.get("parent")
    ]
    if len(siblings) == 1:
        new = siblings[0].name
        return (
            f"renamed to {new!r} (a new logical name is a new resource)",
            f"keep its identity: opts=pulumi.ResourceOptions(aliases=[pulumi.Alias(name="
            f"{change.name!r})]) on {new!r}",
        )
    return None


def _replace_cause(
    change: ResourceChange,
    base: dict[str, Mapping[str, Any]],
    head: dict[str, Mapping[str, Any]] | None = None,
) -> tuple[str, str]:
    direct = [k for k in change.keys if k.replaces and not k.ignored and k.cause != "cascade"]
    cascade = [k for k in change.keys if k.replaces and not k.ignored and k.cause == "cascade"]
    for k in direct:
        named = _NAMED_CAUSES.get((change.type, k.key))
        if named is not None:
            path, cause, alternative = named
            before = _value_at(base, change.urn, path, "ECS (default)")
            after = _value_at(head or {}, change.urn, path, "ECS (default)")
            return f"{cause} ({path}: {before} -> {after})", alternative
    if direct:
        shown = ", ".join(
            f"`{k.key}`"
            + (f" ({', '.join(k.paths[:3])})" if k.paths and k.paths != [k.key] else "")
            for k in direct
        )
        keys = ", ".join(f"`{k.key}`" for k in direct)
        return (
            f"{shown} changed, which {change.type} cannot update in place",
            f"keep {keys} as it is in the base plan (or create the new resource alongside and "
            "move the data before removing the old one)",
        )
    via = sorted({base.get(u, {}).get("name", u) for k in cascade for u in k.via})
    return (
        f"it refers to {', '.join(repr(v) for v in via) or 'a resource'} which is replaced",
        "avoid replacing " + (", ".join(repr(v) for v in via) or "that resource"),
    )


def _value_at(docs: Mapping[str, Mapping[str, Any]], urn: str, path: str, unset: str) -> str:
    """The input at dotted ``path`` of ``urn`` in one plan's records, or ``unset``."""
    value: Any = (docs.get(urn) or {}).get("inputs") or {}
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return str(value) if value is not None else unset


def impacts(
    changes: Sequence[ResourceChange], base: Mapping[str, Any], head: Mapping[str, Any]
) -> list[Impact]:
    """Every data-loss and downtime impact of a diff's ``changes`` (data loss first, then
    by URN); ``base`` and ``head`` are the two plan documents compared."""
    old, new = _records(base), _records(head)
    creates = [c for c in changes if c.action == "create"]
    deletes = [c for c in changes if c.action == "delete"]
    out: list[Impact] = []
    for change in changes:
        if change.action not in ("replace", "delete"):
            continue
        stateful = STATEFUL.get(change.type)
        outage = DOWNTIME.get(change.type)
        if stateful is None and outage is None:
            continue
        if change.action == "delete":
            found = _rename_of(change, creates, deletes, old, new)
            cause, alternative = found or ("no longer declared by the program", None)
        else:
            cause, alternative = _replace_cause(change, old, new)
        options = _options(old.get(change.urn))
        kept = _retained_name(change, old, new)
        out.append(
            Impact(
                kind=DATA_LOSS if stateful is not None else DOWNTIME_KIND,
                urn=change.urn,
                type=change.type,
                name=change.name,
                action=change.action,
                lost=stateful.lost if stateful is not None else str(outage),
                cause=cause,
                alternative=alternative,
                retained=bool(options.get("retain_on_delete")),
                protected=bool(options.get("protect")) or change.protected,
                note=stateful.note if stateful is not None else "",
                order=change.order.text() if change.order is not None else "",
                retained_name=kept[0] if kept else None,
                reimport=kept[1] if kept else "",
            )
        )
    out.sort(key=lambda i: (i.kind != DATA_LOSS, i.urn))
    return out


def render_impacts_text(items: Iterable[Impact]) -> str:
    """One line per impact; empty when there is none."""
    return "\n".join(f"  {i.line()}" for i in items)


def render_impacts_markdown(items: Iterable[Impact]) -> str:
    """A table of impacts (kind, resource, what is lost, cause, instead); empty when none."""
    rows = list(items)
    if not rows:
        return ""
    lines = [
        "| | Resource | What is lost | Cause | Instead |",
        "|---|---|---|---|---|",
    ]
    for i in rows:
        label = "**data loss**" if i.kind == DATA_LOSS else "**downtime**"
        flags = (
            " (protected: deploy fails)"
            if i.protected
            else " (retained in AWS)"
            if i.retained
            else ""
        )
        cause = f"{i.cause} {i.order}" if i.order else i.cause
        instead = i.alternative or "-"
        if i.retained_name is not None:
            instead = i.reuse_warning() if instead == "-" else f"{instead}. {i.reuse_warning()}"
        lines.append(
            f"| {label} | `{cell(i.name)}` ({i.action}){flags} | {cell(i.lost)} "
            f"| {cell(cause)} | {cell(instead)} |"
        )
    return "\n".join(lines)
