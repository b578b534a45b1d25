"""Output plumbing with the fewest ``Output`` objects: each one the SDK makes is a task, a
future and their callbacks on the event loop, paid at every plan (issue 18)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pulumi

__all__ = ["apply_tree", "concat"]

T = TypeVar("T")


def concat(*parts: pulumi.Input[str]) -> pulumi.Output[str]:
    """``concat(*parts)`` (the same value, dependencies, secrecy and
    known-ness) with the fewest ``Output``s: plain strings stay plain, one Output part is
    one ``apply``. ``Output.concat`` lifts every part and joins them with ``Output.all``:
    ten Outputs for ``concat("service/", a, "/", b)`` where this makes four, and each one
    is a task, a future and their callbacks on the event loop (issue 18)."""
    if not all(isinstance(p, (str, pulumi.Output)) for p in parts):
        return concat(*parts)  # awaitables and the like: as the SDK does
    outputs = [p for p in parts if isinstance(p, pulumi.Output)]

    def join(values: list[str]) -> str:
        given = iter(values)
        return "".join(next(given) if isinstance(p, pulumi.Output) else p for p in parts)  # type: ignore[misc]

    if not outputs:
        return pulumi.Output.from_input("".join(parts))  # type: ignore[arg-type]
    if len(outputs) == 1:
        return outputs[0].apply(lambda value: join([value]))
    return pulumi.Output.all(*outputs).apply(join)


#: Values ``Output.from_input`` passes through as they are (no Output of their own needed).
_PLAIN = (str, int, float, bool, type(None))


def _outputs_in(value: Any, found: list[pulumi.Output[Any]]) -> bool:
    """Append every ``Output`` in ``value`` (dicts with string keys, lists, tuples) to
    ``found`` in a fixed order; False when ``value`` holds anything else (an input type,
    an awaitable, a resource), which only ``Output.from_input`` unwraps faithfully."""
    if isinstance(value, pulumi.Output):
        found.append(value)
        return True
    if isinstance(value, dict):
        return all(isinstance(k, str) and _outputs_in(v, found) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_outputs_in(v, found) for v in value)
    return isinstance(value, _PLAIN)


def _filled(value: Any, resolved: Iterator[Any]) -> Any:
    """``value`` with each ``Output`` replaced by the next of ``resolved`` (the order of
    :func:`_outputs_in`)."""
    if isinstance(value, pulumi.Output):
        return next(resolved)
    if isinstance(value, dict):
        return {k: _filled(v, resolved) for k, v in value.items()}
    if isinstance(value, list):
        return [_filled(v, resolved) for v in value]
    if isinstance(value, tuple):
        return tuple(_filled(v, resolved) for v in value)
    return value


def apply_tree(tree: Any, func: Callable[[Any], T]) -> pulumi.Output[T]:
    """``Output.from_input(tree).apply(func)`` (the same value, dependencies, secrecy and
    known-ness) with one flat ``Output.all`` over the Outputs inside ``tree``.
    ``from_input`` lifts every key and plain value of a nested document and gathers each
    dict and list on its own: for a container definition, dozens of Outputs, each a task and
    a future (issue 18). Trees holding anything but dicts, lists, tuples, plain values and
    Outputs take the SDK's path; a tree without Outputs is ``func(tree)`` at once."""
    found: list[pulumi.Output[Any]] = []
    if not _outputs_in(tree, found):
        return pulumi.Output.from_input(tree).apply(func)
    if not found:  # known, not secret, no dependencies: as from_input would make it
        return pulumi.Output.from_input(func(tree))
    return pulumi.Output.all(*found).apply(lambda values: func(_filled(tree, iter(values))))
