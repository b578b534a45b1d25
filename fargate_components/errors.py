"""The one error type for bad input, and the small checks every module shares.

Every component validates its arguments in pure functions called first in ``__init__``,
before any child resource exists. A failed check raises :class:`ValidationError`, whose
message names the argument, the bad value and what is allowed::

    ValidationError: NetworkArgs.az_count = 9 is not allowed: an integer from 1 to 6

Validate, then wire: a component finishes every check, nested value objects included,
before it registers itself or any child (tests/test_validate_then_wire.py runs the whole
bad-input catalogue with registration instrumented). Paths are built on the way up: a
value object raises under its own name (``Routing.priority``) and the argument holding it
re-raises under the path the user typed (:func:`argument_path`, :meth:`ValidationError.under`)::

    with argument_path("FargateServiceArgs.routing", "Routing"):
        args.routing.validate()    # FargateServiceArgs.routing.priority = 0 is not allowed: ...

Values that are still unknown (``pulumi.Output``) are skipped by the checks here; the
component documents what it checks once they resolve.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import pulumi

__all__ = [
    "ValidationError",
    "argument_path",
    "check_choice",
    "check_instance",
    "check_int_range",
    "check_name",
    "check_unique",
    "is_known",
    "same_input",
]


class ValidationError(ValueError):
    """A bad argument, reported at construction time.

    Attributes:
        argument: dotted path of the argument, e.g. ``"FargateServiceArgs.desired_count"``.
        value: the value that was given.
        allowed: what would have been accepted, in words.
    """

    def __init__(self, argument: str, value: Any, allowed: str) -> None:
        self.argument = argument
        self.value = value
        self.allowed = allowed
        super().__init__(f"{argument} = {value!r} is not allowed: {allowed}")

    def under(self, prefix: str, own: str | None = None) -> ValidationError:
        """The same error seen from the argument that holds the bad value, so the path is
        built on the way up. A value object raises under its own name (``own``, e.g.
        ``"Routing"`` in ``"Routing.priority"``), which ``prefix`` replaces (giving
        ``"FargateServiceArgs.routing.priority"``); any other path is relative to
        ``prefix`` and goes under it (``"priority"`` -> ``"<prefix>.priority"``; an index or a
        call's argument joins it directly: ``"[0]"`` -> ``"<prefix>[0]"``,
        ``"(scheme)"`` -> ``"<prefix>(scheme)"``)."""
        path = self.argument
        if own is not None and (path == own or path.startswith((own + ".", own + "["))):
            path = prefix + path[len(own) :]
        elif path.startswith(("[", "(")):
            path = prefix + path
        else:
            path = f"{prefix}.{path}"
        return ValidationError(path, self.value, self.allowed)


@contextmanager
def argument_path(prefix: str, own: str | None = None) -> Iterator[None]:
    """Re-raise any :class:`ValidationError` of the block under ``prefix`` (see
    :meth:`ValidationError.under`)::

        with argument_path("FargateServiceArgs.routing", "Routing"):
            args.routing.validate()   # "Routing.priority" -> "FargateServiceArgs.routing.priority"
    """
    try:
        yield
    except ValidationError as error:
        raise error.under(prefix, own) from None


def is_known(value: Any) -> bool:
    """True for a plain Python value, False for a ``pulumi.Output`` (not known yet)."""
    return not isinstance(value, pulumi.Output)


def same_input(a: Any, b: Any) -> bool:
    """The same input: the very same object, or equal plain values (a ``pulumi.Output``
    equals only itself: its value is not known yet)."""
    return a is b or (is_known(a) and is_known(b) and bool(a == b))


def check_int_range(argument: str, value: Any, low: int, high: int) -> None:
    """Require an integer (not a bool) between ``low`` and ``high`` inclusive."""
    if not is_known(value):
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(argument, value, f"an integer from {low} to {high}")


def check_instance(argument: str, value: Any, kind: type, allowed: str) -> None:
    """Require an instance of ``kind`` (e.g. a component another component is wired to)."""
    if not isinstance(value, kind):
        raise ValidationError(argument, value, allowed)


def check_choice(argument: str, value: Any, choices: Collection[Any]) -> None:
    """Require one of ``choices`` (compared exactly; no case folding)."""
    if not is_known(value):
        return
    if value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        raise ValidationError(argument, value, f"one of {allowed}")


def check_unique(argument: str, values: Iterable[Any]) -> None:
    """Require that no value appears twice."""
    seen: set[Any] = set()
    for value in values:
        if not is_known(value):
            continue
        if value in seen:
            raise ValidationError(argument, value, "each value may appear only once")
        seen.add(value)


_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$")


def check_name(argument: str, value: Any, max_length: int = 255) -> None:
    """Require an AWS-style name: letters, digits, ``-`` and ``_``, not starting or ending
    with ``-`` or ``_``, at most ``max_length`` characters."""
    if not is_known(value):
        return
    if not isinstance(value, str) or len(value) > max_length or not _NAME.match(value):
        raise ValidationError(
            argument,
            value,
            f"letters, digits, '-' and '_' (not first or last), at most {max_length} characters",
        )
