"""In-place updates, input by input: which AWS call replays a change of which input.

An update replays only the inputs that changed between the deploy before and this one
(``ctx.old_inputs``: what was sent to moto then, against the new inputs rewritten to moto's
values, so a dependency replaced in between counts as a change, as in AWS), each through the update API the provider calls for it (a
:class:`InPlace` table per type); a changed ``tags`` goes through the service's tagging API
(``tagging.py``). An input the provider keeps to itself (``forceDestroy``, a deletion window)
needs no call. A changed input the table does not name is never skipped silently: the step
is reported "not simulated" with the inputs it could not replay, and nothing is called.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ....model.tokens import S3_BUCKET, S3_BUCKET_V2
from ..context import Ctx, Handler, Out, Unsupported
from ..reads import Reads
from .tagging import EMULATED_TAGS, TAG_APIS, retag

__all__ = ["NO_CALL", "InPlace", "Setter", "changed_inputs"]

#: A setter: applies the new inputs of one group of changed inputs to moto (and may return
#: outputs that changed, e.g. a service's task definition).
Setter = Callable[[dict[str, Any], Ctx], Any]


def _no_call(inputs: dict[str, Any], ctx: Ctx) -> None:
    """The provider keeps the input in its state only: no AWS call."""


#: Marks inputs the provider stores without calling AWS (e.g. ``forceDestroy``).
NO_CALL: Setter = _no_call
#: Never compared: the provider's merge of default tags, and Pulumi-only settings.
IGNORED = frozenset({"tagsAll", "__defaults"})


def changed_inputs(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The top-level inputs whose value differs (JSON documents compared parsed)."""

    def norm(value: Any) -> Any:
        if isinstance(value, str) and value.strip()[:1] in ("{", "["):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    keys = (set(old) | set(new)) - IGNORED
    return sorted(k for k in keys if norm(old.get(k)) != norm(new.get(k)))


@dataclass(frozen=True)
class InPlace:
    """A type's in-place update: ``calls`` pairs a group of inputs with the setter that
    replays a change of any of them (called once, with every new input). ``tags`` are
    replayed through the type's tagging API when the type has one. ``why``: what a
    change of any other input needs (said in the "not simulated" step)."""

    calls: tuple[tuple[tuple[str, ...], Setter], ...] = ()
    why: str = "the simulator has no update call for it"

    def handled(self, record_type: str) -> set[str]:
        keys = {k for group, _ in self.calls for k in group}
        if record_type in TAG_APIS or record_type in EMULATED_TAGS:
            keys.add("tags")
        if record_type in (S3_BUCKET, S3_BUCKET_V2):
            keys.add("tags")
        return keys

    def __call__(self, inputs: dict[str, Any], ctx: Ctx) -> Out:
        old = ctx.old_inputs  # moto's values on both sides: a replaced dependency's new id
        inputs = _keep_ignored(old, inputs, ctx)
        changed = changed_inputs(old, inputs)  # is a change, as in AWS (not in the mocks)
        missing = [k for k in changed if k not in self.handled(ctx.record.type)]
        if missing:
            raise Unsupported(
                f"the in-place change of {', '.join(missing)} is not replayed: {self.why}"
            )
        out: Out = {}
        tracked = Reads(inputs)  # a setter that skips a changed input of its group is said
        tracked.read.add("tags")
        for group, setter in self.calls:
            if any(k in changed for k in group):
                if setter is NO_CALL:
                    tracked.read.update(group)
                out.update(setter(tracked, ctx) or {})
        if "tags" in changed:
            retag(ctx, old.get("tags"), inputs.get("tags"))
        skipped = [k for k in changed if k not in tracked.read]
        if skipped:
            ctx.unverified(
                f"updated without {', '.join(skipped)}: its update call does not send them"
            )
        return out


def _keep_ignored(old: Mapping[str, Any], new: dict[str, Any], ctx: Ctx) -> dict[str, Any]:
    """``ignore_changes``: the engine keeps the old value of an ignored input, so the
    replay does too (a top-level input). A nested rule (``tags.team``) is not applied
    piecewise: the whole new input is sent, and the step says so (unverified)."""
    rules = [str(r) for r in ctx.record.options.get("ignore_changes") or []]
    if not rules:
        return new
    whole = {r for r in rules if not re.search(r"[.\[]", r)}  # "*", or a top-level input
    kept = dict(new)
    for key in set(old) | set(new):
        if key in whole or "*" in whole:
            if key in old:
                kept[key] = old[key]
            else:
                kept.pop(key, None)
    changed = changed_inputs(old, kept)
    tops = {r: re.split(r"[.\[]", r, maxsplit=1)[0] for r in rules}
    nested = sorted(r for r, top in tops.items() if r != top and top in changed)
    if nested:
        ctx.unverified(
            f"ignore_changes {', '.join(nested)}: the replay sends the whole new input, "
            "the engine keeps the ignored part's old value"
        )
    return kept


def calls(
    *pairs: tuple[tuple[str, ...] | str, Setter],
) -> tuple[tuple[tuple[str, ...], Setter], ...]:
    """``calls(("a", set_a), (("b", "c"), set_bc))``: a key or a group of keys per setter."""
    return tuple(((k,) if isinstance(k, str) else k, setter) for k, setter in pairs)


def only_tags(why: str) -> Handler:
    """A type whose every input but ``tags`` forces a replacement (``why`` says so)."""
    return InPlace((), why)
