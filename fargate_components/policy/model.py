"""Findings and rules as data."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Graph, ResourceRecord

__all__ = ["SEVERITIES", "Check", "Finding", "Rule", "Unverified", "severity_rank", "unseen"]

#: Severities, most severe first.
SEVERITIES = ("error", "warning", "advisory")

#: A rule's check: yields one problem description per thing wrong with the resource.
Check = Callable[[ResourceRecord, Graph], Iterable[str]]


class Unverified(str):
    """What a check yields when it cannot decide: the value it needs is unknown at preview
    (or a secret). The rule reports an *unverified* result instead of passing silently.

    Example::

        def check(record, graph):
            value = record.inputs.get("sslPolicy")
            if value == "[unknown]":
                yield Unverified("sslPolicy is unknown at preview")
    """


class Matched(str):
    """A problem that a particular Checkov check also reports, for a rule whose problems map
    to different checks (FC-NET-101: port 22 is CKV_AWS_24, all ports CKV_AWS_277): the
    finding carries that id (instead of the rule's) so a Checkov scan reports it once.

    Example::

        def check(record, graph):
            yield Matched("opens tcp 22 to 0.0.0.0/0", checkov="CKV_AWS_24")
    """

    checkov: str | None

    def __new__(cls, text: str, checkov: str | None = None) -> Matched:
        made = super().__new__(cls, text)
        made.checkov = checkov
        return made


def unseen(what: str, value: Any) -> Unverified:
    """``Unverified("<what> is unknown at preview")`` (or ``"... is a secret"``)."""
    from ..model import SECRET_MARK

    kind = "a secret" if value == SECRET_MARK else "unknown at preview"
    return Unverified(f"{what} is {kind}")


def severity_rank(severity: str) -> int:
    """0 for ``error``, 1 for ``warning``, 2 for ``advisory``."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Finding:
    """One rule broken by one resource.

    ``message`` says what is wrong and how to fix it. ``checkov``/``trivy`` are the ids of
    the matching Checkov / Trivy checks (``None`` where none exists). ``waived`` holds the
    reason when a waiver covers the finding; a waived finding stays in the output but no
    longer counts for ``--fail-on``. ``unverified`` is True when the rule could not decide
    (a value it reads is unknown at preview): listed, never counted for ``--fail-on``, only
    for ``--fail-on-unverified``.
    """

    rule: str
    severity: str
    urn: str
    message: str
    checkov: str | None = None
    trivy: str | None = None
    waived: str | None = None
    unverified: bool = False

    @property
    def resource_name(self) -> str:
        """The logical name at the end of the URN."""
        return self.urn.rsplit("::", 1)[-1]

    def to_json(self) -> dict[str, Any]:
        """``{"rule","severity","urn","message","checkov","trivy"}`` (+ ``"waived"``)."""
        data: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "urn": self.urn,
            "message": self.message,
            "checkov": self.checkov,
            "trivy": self.trivy,
        }
        if self.waived is not None:
            data["waived"] = self.waived
        if self.unverified:
            data["unverified"] = True
        return data


@dataclass(frozen=True)
class Rule:
    """A policy rule: metadata plus a pure check over one resource and the graph.

    ``types`` are the resource type tokens the rule looks at (``"*"``: all of them). ``needs_graph`` is True when
    the check follows references to other resources (CrossGuard then runs it as a stack
    policy rather than a per-resource one).
    """

    id: str
    severity: str
    title: str
    fix: str
    types: tuple[str, ...]
    check: Check
    checkov: str | None = None
    trivy: str | None = None
    needs_graph: bool = False

    def __call__(self, record: ResourceRecord, graph: Graph) -> list[Finding]:
        if not self.applies_to(record.type):
            return []
        return [
            Finding(
                rule=self.id,
                severity=self.severity,
                urn=record.urn,
                message=(
                    f"{record.name}: not verified: {problem} ({self.title.lower()})"
                    if isinstance(problem, Unverified)
                    else f"{record.name}: {problem}. Fix: {self.fix}"
                ),
                checkov=getattr(problem, "checkov", None) or self.checkov,
                trivy=self.trivy,
                unverified=isinstance(problem, Unverified),
            )
            for problem in self.check(record, graph)
        ]

    def applies_to(self, type_: str) -> bool:
        """True when the rule looks at resources of this type (``"*"`` means every type)."""
        return "*" in self.types or type_ in self.types

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "severity": self.severity,
            "title": self.title,
            "fix": self.fix,
            "types": list(self.types),
            "checkov": self.checkov,
            "trivy": self.trivy,
        }
