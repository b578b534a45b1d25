"""A second deploy, simulated: the plan before a change is deployed into moto, then the
change is applied to it the way ``pulumi up`` applies it.

Order, as the engine does it: creates, in-place updates and replacements in the new plan's
dependency order (a replacement creates the new resource first and deletes the old one
with the deletes, unless the resource has ``delete_before_replace`` or its provider deletes
first because the program names it (``plan.replacement.replacement_order``), when the old
one goes first); then deletes (and the old halves of replacements) in reverse dependency order,
dependants first. A ``protect``-ed resource is never replaced or deleted: ``pulumi up``
stops with an error, reported as a failed step. A ``retain_on_delete`` resource leaves the
stack but stays in AWS: reported as ``retained``, and nothing is deleted in moto.

Each step is reported: ``ok``, ``failed`` (AWS's error, or the dependency that failed),
``not simulated`` (the type has no update or delete handler: said, never skipped) or
``retained``. What changes comes from the plan diff (``plan.diff``), so the replay and the
diff a reviewer reads agree. An update compares what moto was sent before with the new
inputs in moto's values (``Simulation.sent``): the mocks give both halves of a replacement
one id, AWS does not, so a dependant is updated to the new half. A delete moto accepted
while something that stays still names the deleted resource is listed as ``unverified``.
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...model import ResourceRecord, strings
from .context import REPLACEMENT_NAMES, Ctx, Handler, Unsupported
from .engine import (
    Simulation,
    SimulationResult,
    _short,
    describe_error,
    render_simulation_text,
    simulated,
    why_unsupported,
)
from .fixture_file import Fixtures
from .handlers import lookup

if TYPE_CHECKING:
    from ...plan.diff_model import PlanDiff
    from ..harness import Plan

__all__ = ["ChangeSimulation", "ChangeStep", "render_change_text", "simulate_change"]

OK, FAILED, NOT_SIMULATED, RETAINED = "ok", "failed", "not simulated", "retained"
#: A name Pulumi generated: the logical name, a dash and 7 hex digits.
AUTONAME = re.compile(r"^.+-[0-9a-f]{7}$")


@dataclass
class ChangeStep:
    """One step of the replayed change."""

    action: str  # "create", "update", "replace", "delete" (a replacement's old half: delete)
    urn: str
    outcome: str  # "ok", "failed", "not simulated", "retained"
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "action": self.action,
            "urn": self.urn,
            "outcome": self.outcome,
            "detail": self.detail,
        }


@dataclass
class ChangeSimulation:
    """The base deploy and the steps of the change applied to it."""

    base: SimulationResult
    steps: list[ChangeStep] = field(default_factory=list)
    seconds: float = 0.0
    #: ``{"urn", "reason"}``: steps moto accepted that the simulator cannot vouch for (a
    #: create or replacement made without some of its inputs, a delete while something that
    #: stays still names the deleted resource).
    unverified: list[dict[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the base deployed and no step of the change failed."""
        return self.base.ok and not any(s.outcome == FAILED for s in self.steps)

    @property
    def failed(self) -> list[dict[str, str]]:
        """Failures of the base deploy and of the change (``{"urn", "error"}``)."""
        steps = [{"urn": s.urn, "error": s.detail} for s in self.steps if s.outcome == FAILED]
        return [*self.base.failed, *steps]

    def to_json(self) -> dict[str, Any]:
        return {
            "base": self.base.to_json(),
            "steps": [s.to_json() for s in self.steps],
            "unverified": [dict(u) for u in self.unverified],
        }


def _document(plan: Plan) -> dict[str, Any]:
    return {"format_version": 1, "resources": [r.to_json() for r in plan.resources]}


class _Replay:
    """The change applied onto an open base simulation."""

    def __init__(
        self,
        base: Simulation,
        head: Plan,
        diff: PlanDiff,
        updaters: Mapping[str, Handler],
        deleters: Mapping[str, Any],
    ) -> None:
        from ...plan.diff import match

        self.base = base
        self.sim = Simulation(head, base.handlers, session=base.session)
        self.updaters, self.deleters = updaters, deleters
        self.actions = {c.urn: c.action for c in diff.changes}
        self.steps: list[ChangeStep] = []
        self.doomed: list[ResourceRecord] = []  # base records deleted at the end
        self.early: set[str] = set()  # replaced records whose old half is already deleted
        self.unverified: list[dict[str, str]] = []
        matched = match(_document(base.plan), _document(head))
        heads = {old["urn"]: new["urn"] for old, new in matched.pairs.values()}
        losses = {i.urn: i.lost for i in diff.data_loss}
        #: base URN -> what deleting it loses, as the diff names it (data is sacred); a
        #: replacement's impact is under its head URN
        self.losses: dict[str, str] = {}
        for urn in {*heads, *losses}:
            lost = losses.get(heads.get(urn, urn)) or losses.get(urn)
            if lost:
                self.losses[urn] = lost
        self._carry_over(matched.pairs.values())

    def _carry_over(self, pairs: Any) -> None:
        """What the base deploy made is the head's starting state (renamed URNs included)."""
        sim, base = self.sim, self.base
        sim.notes, sim._global = base.notes, dict(base._global)
        for old, new in pairs:
            before, after = old["urn"], new["urn"]
            sim.before[after] = base._records[before]
            if before in base.sent:
                sim.sent[after] = base.sent[before]
            if before in base.outputs:
                sim.outputs[after] = dict(base.outputs[before])
                sim._pairs[after] = dict(base._pairs.get(before, {}))
            if before in base._skipped:
                sim._skipped.add(after)
            if before in base.failures:
                sim.failures[after] = f"failed in the base deploy: {base.failures[before]}"

    def run(self) -> list[ChangeStep]:
        for record in self.sim.order():
            action = self.actions.get(record.urn)
            if action is None or record.options.get("read"):
                continue
            if action == "create":
                self._step("create", record, self.sim.handler_for(record.type))
            elif action == "update":
                self._update(record)
            elif action == "replace":
                self._replace(record)
        stale = self._stale()
        deleted = {c for c, a in self.actions.items() if a == "delete"}
        self.doomed += [r for r in self.base.plan.resources if r.urn in deleted and r.custom]
        position = {r.urn: i for i, r in enumerate(self.base.order())}
        for record in sorted(self.doomed, key=lambda r: -position.get(r.urn, -1)):
            self.steps.append(self._delete(record))
        # creates and replacements made without some inputs, then deletes under a user
        self.unverified = [*self.sim.result.unverified, *stale, *self._still_named()]
        self.sim.finish()
        return self.steps

    def _stale(self) -> list[dict[str, str]]:
        """Resources the diff leaves alone whose inputs, in moto's values, now differ from
        what AWS holds (they name a replaced resource, whose new half has a new id): pulumi
        up would update them, the replay did not (it follows the diff): unverified."""
        from .handlers.updates import changed_inputs

        sim, found = self.sim, []
        for record in sim.order():
            if record.urn in self.actions or record.urn not in sim.sent:
                continue
            now = sim.rewrite(record.inputs, sim._mapping_for(sim.dependencies(record)))
            keys = changed_inputs(sim.sent[record.urn], now)
            if keys:
                reason = (
                    f"the diff shows no change, but {', '.join(keys)} now name(s) a replaced "
                    "resource's new id or ARN in AWS: pulumi up updates it, the replay (which "
                    "follows the diff) did not"
                )
                found.append({"urn": record.urn, "reason": reason})
        return found

    def _still_named(self) -> list[dict[str, str]]:
        """Deletes moto accepted while a resource that stays (in the stack, or retained in
        AWS) still holds the deleted one's ARN or id in what AWS was sent for it. AWS
        refuses to delete many resources in use (DependencyViolation, ResourceInUse,
        DeleteConflict) and leaves the others' users naming nothing; moto checks few of
        these, so such a step is *unverified*, never a silent ``ok``."""
        base, sim = self.base, self.sim
        deleted = [s for s in self.steps if s.action == "delete" and s.outcome == OK]
        if not deleted:
            return []
        retained = {s.urn for s in self.steps if s.outcome == RETAINED}
        sent = {u: sim.sent[u] for u in sim._records if u in sim.sent}
        sent.update({u: base.sent[u] for u in retained if u in base.sent})
        staying = {u: _texts(inputs) for u, inputs in sent.items()}  # walked once each
        live = _handles(sim.outputs.get(u, {}) for u in sim._records)
        live |= _handles(base.outputs.get(u, {}) for u in retained)
        found: list[dict[str, str]] = []
        for step in deleted:
            handles = _handles([base.outputs.get(step.urn, {})]) - live
            users = [u for u, texts in staying.items() if u != step.urn and _names(texts, handles)]
            if users:
                found.append({"urn": step.urn, "reason": _in_use_reason(users, retained)})
        return found

    def _step(
        self, action: str, record: ResourceRecord, call: Handler | None, why: str = ""
    ) -> str:
        outcome = self.sim.apply(record, call, why or why_unsupported(record.type))
        detail = ""
        if outcome == FAILED:
            detail = self.sim.failures[record.urn]
        elif outcome == NOT_SIMULATED:
            detail = self.sim.result.not_simulated[-1]["reason"]
        self.steps.append(ChangeStep(action, record.urn, outcome, detail))
        return outcome

    def _update(self, record: ResourceRecord) -> None:
        if record.urn in self.sim.failures:
            error = self.sim.failures[record.urn]
            self.steps.append(ChangeStep("update", record.urn, FAILED, error))
            return
        if record.urn not in self.sim.outputs:
            why = "not created in the base deploy (see above): nothing to update"
            self.steps.append(ChangeStep("update", record.urn, NOT_SIMULATED, why))
            return
        call = lookup(self.updaters, record.type)
        why = f"no update handler for {record.type}: the in-place update is not replayed"
        self._step("update", record, call, why)

    def _replace(self, record: ResourceRecord) -> None:
        old = self.sim.before[record.urn]
        if old.options.get("protect"):
            error = _protected(old, "replace")
            self.sim.fail(record.urn, error)
            self.steps.append(ChangeStep("replace", record.urn, FAILED, error))
            return
        if record.urn in self.early:
            pass  # deleted with a resource it refers to, replaced delete-first
        elif _delete_first(old, record):
            self._delete_dependents(old)
            first = self._delete(old)
            self.early.add(record.urn)
            self.steps.append(first)
            if first.outcome == FAILED:
                self.sim.fail(record.urn, f"deleting the old one failed: {first.detail}")
                return
        else:
            self.doomed.append(old)
        self.sim.outputs.pop(record.urn, None)
        self._rename(record)
        failed = self._step("replace", record, self.sim.handler_for(record.type)) == FAILED
        if failed and old in self.doomed:
            # pulumi up deletes the old half only once its replacement exists
            self.doomed.remove(old)
            self.sim.outputs[record.urn] = dict(self.base.outputs.get(old.urn, {}))

    def _delete_dependents(self, old: ResourceRecord) -> None:
        """Deleting first takes down, before ``old``, the replaced resources that refer to it,
        dependants first, as the engine does (pulumi/pulumi step_generator.go: "we must also
        eagerly delete all resources that depend directly or indirectly on the resource being
        replaced and would be replaced", ``calculateDependentReplacements``)."""
        for record in reversed(self.sim.order()):
            before = self.sim.before.get(record.urn)
            if (
                before is None
                or record.urn in self.early
                or self.actions.get(record.urn) != "replace"
                or old.urn not in self.base.dependencies(before)
            ):
                continue
            self._delete_dependents(before)
            self.early.add(record.urn)
            self.steps.append(self._delete(before))

    def _rename(self, record: ResourceRecord) -> None:
        """A replacement is created under a new auto-name, as Pulumi gives every create a
        new random suffix (``<name>-<7 hex>``): the old resource still exists beside it.
        A name the program sets is kept, and collides as it would in AWS."""
        fresh = {}
        for key, value in record.outputs.items():
            if key in record.inputs or not isinstance(value, str):
                continue
            if AUTONAME.match(value) and value.rsplit("-", 1)[0] == record.name:
                suffix = f"{zlib.crc32(f'{value}/replacement'.encode()):08x}"[:7]
                fresh[key] = f"{record.name}-{suffix}"
        if "name" not in record.inputs and "name" not in record.outputs:
            # the mocks auto-named nothing (e.g. a Cloud Map service): the create fell back
            # on the logical name, which pulumi-aws would have auto-named (every input called
            # ``name``), so the new half gets its own too rather than a false collision
            suffix = f"{zlib.crc32(f'{record.urn}/replacement'.encode()):08x}"[:7]
            fresh["name"] = f"{record.name}-{suffix}"
        if fresh:
            self.sim.notes.setdefault(REPLACEMENT_NAMES, {})[record.urn] = fresh

    def _delete(self, record: ResourceRecord) -> ChangeStep:
        base = self.base
        if record.options.get("protect"):
            return ChangeStep("delete", record.urn, FAILED, _protected(record, "delete"))
        if record.options.get("retain_on_delete"):
            return ChangeStep(
                "delete", record.urn, RETAINED, "retain_on_delete: leaves the stack, stays in AWS"
            )
        if record.urn not in base.outputs:
            why = "not created in the base deploy (see above)"
            return ChangeStep("delete", record.urn, NOT_SIMULATED, why)
        deleter = lookup(self.deleters, record.type)
        if deleter is None:
            why = f"no delete handler for {record.type}: the delete is not replayed"
            return ChangeStep("delete", record.urn, NOT_SIMULATED, why)
        inputs = base.rewrite(record.inputs, base._mapping_for(base.dependencies(record)))
        try:
            note = deleter(inputs, Ctx(base, record))
        except Unsupported as exc:
            return ChangeStep("delete", record.urn, NOT_SIMULATED, str(exc))
        except Exception as exc:  # AWS (moto) refused the delete
            return ChangeStep("delete", record.urn, FAILED, describe_error(exc))
        said = [note] if isinstance(note, str) and note else []
        if record.urn in self.losses:  # the diff's data loss, done: said on the step too
            said.append(f"data loss: {self.losses[record.urn]}")
        return ChangeStep("delete", record.urn, OK, "; ".join(said))


def _handles(outputs: Any) -> set[str]:
    """The ARNs and distinctive ids (``sg-0a1b...``: 8 characters or more, with a dash,
    colon or slash) among some resources' moto outputs."""
    found: set[str] = set()
    for out in outputs:
        for key in ("arn", "id"):
            value = out.get(key)
            if isinstance(value, str) and len(value) >= 8 and re.search(r"[-:/]", value):
                found.add(value)
    return found


def _texts(inputs: Any) -> tuple[frozenset[str], str]:
    """The strings of some inputs (documents walked): as a set, and joined."""
    found = frozenset(strings(inputs, documents=True))
    return found, "\n".join(found)


def _names(texts: tuple[frozenset[str], str], handles: set[str]) -> bool:
    """Whether inputs' strings (:func:`_texts`) hold one of ``handles``: a whole string, or
    an ARN inside a longer one (a policy document, a container definition)."""
    whole, joined = texts
    return bool(handles & whole) or any(h in joined for h in handles if h.startswith("arn:"))


def _in_use_reason(users: list[str], retained: set[str]) -> str:
    named = ", ".join(
        f"{_short(u)}{' (retained)' if u in retained else ''}" for u in sorted(users)[:3]
    )
    more = f" and {len(users) - 3} more" if len(users) > 3 else ""
    return (
        f"deleted while {named}{more} still name(s) it: AWS refuses to delete many resources "
        "in use (DependencyViolation, ResourceInUse, DeleteConflict) and leaves the others' "
        "users naming nothing; moto checks few of these, so this delete is unverified"
    )


def _delete_first(old: ResourceRecord, new: ResourceRecord) -> bool:
    """The old one goes first when the engine or its provider says so (the diff's rule:
    ``delete_before_replace``, or a name the program sets, see ``plan.replacement``)."""
    from ...plan.replacement import replacement_order

    halves = ({"inputs": r.inputs, "options": r.options} for r in (old, new))
    return replacement_order(new.type, *halves).delete_first


def _protected(record: ResourceRecord, verb: str) -> str:
    return (
        f"{record.name} is protected: pulumi up refuses to {verb} it (set protect=False "
        "first, or keep it with an alias)"
    )


def simulate_change(
    base: Plan,
    head: Plan,
    *,
    diff: PlanDiff | None = None,
    handlers: Mapping[str, Handler] | None = None,
    updaters: Mapping[str, Handler] | None = None,
    deleters: Mapping[str, Any] | None = None,
    fixtures: Fixtures | None = None,
) -> ChangeSimulation:
    """Deploy ``base`` into moto, then apply the change to ``head`` as ``pulumi up`` would.

    Example::

        # fragment: two plans of your program, before and after a change
        result = simulate_change(run_in_mocks(before), run_in_mocks(after))
        assert result.ok, render_change_text(result)
    """
    from ...plan.diff import diff_plans
    from .handlers import DELETERS, UPDATERS

    if diff is None:
        diff = diff_plans(_document(base), _document(head))
    with simulated(base, handlers=handlers, fixtures=fixtures) as sim:
        start = time.perf_counter()
        replay = _Replay(
            sim,
            head,
            diff,
            UPDATERS if updaters is None else updaters,
            DELETERS if deleters is None else deleters,
        )
        steps = replay.run()
        seconds = sim.result.seconds + time.perf_counter() - start
    return ChangeSimulation(sim.result, steps, seconds, replay.unverified)


def render_change_text(result: ChangeSimulation) -> str:
    """The base deploy, then each step of the change, as ``plan --simulate --diff`` prints."""
    failed = sum(1 for s in result.steps if s.outcome == FAILED)
    skipped = sum(1 for s in result.steps if s.outcome == NOT_SIMULATED)
    doubts = {u["urn"]: u["reason"] for u in result.unverified}
    unverified = f", {len(doubts)} unverified" if doubts else ""
    lines = [
        render_simulation_text(result.base).replace(
            "Simulated deploy (moto)", "Simulated base deploy (moto)", 1
        ),
        f"Simulated change (moto): {len(result.steps)} step(s), {failed} failed, "
        f"{skipped} not simulated{unverified}",
    ]
    first = next((s for s in result.steps if s.outcome == FAILED), None)
    if first is not None and first is not result.steps[-1]:
        # pulumi/pulumi#16035 (pulumi up/destroy --continue-on-error): by default "any
        # subsequent resource operations ... that had not yet started will not occur"
        lines.append(
            f"  (pulumi up stops at the first failure, {_short(first.urn)}: the steps after "
            "it run only with --continue-on-error, which this replay follows to show them all)"
        )
    marks = {OK: "+", FAILED: "!", NOT_SIMULATED: "?", RETAINED: "="}
    for step in result.steps:
        doubt = step.action == "delete" and step.outcome == OK and step.urn in doubts
        outcome = f"{step.outcome}, unverified" if doubt else step.outcome
        lines.append(f"  {'?' if doubt else marks[step.outcome]} {step.action} "
                     f"{_short(step.urn)}: {outcome}")  # fmt: skip
        if step.detail:
            lines.append(f"      {step.detail}")
        if doubt:
            lines.append(f"      {doubts[step.urn]}")
    return "\n".join(lines)
