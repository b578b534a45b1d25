"""Output plumbing with the fewest ``Output`` objects: each one the SDK makes is a task, a
future and their callbacks on the event loop, paid at every plan (issue 18)."""

from __future__ import annotations

import pulumi

__all__ = ["concat"]


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
