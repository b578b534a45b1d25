"""A plan: everything one run of a program registered, its stack outputs and diagnostics."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .records import SECRET_MARK, ResourceRecord
from .tokens import STACK

__all__ = ["Diagnostic", "Plan", "StackOutput", "records_of"]


@dataclass
class StackOutput:
    """A stack output: its value under the mocks, whether a real preview would already
    know it, and whether it is a secret (its value is then ``"[secret]"``)."""

    value: Any
    known: bool
    secret: bool

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "known": self.known, "secret": self.secret}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StackOutput:
        secret = bool(data.get("secret"))
        return cls(SECRET_MARK if secret else data.get("value"), bool(data.get("known")), secret)


@dataclass
class Diagnostic:
    """A message the program logged (``pulumi.log.warn`` and friends)."""

    severity: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"severity": self.severity, "message": self.message}


@dataclass
class Plan:
    """Everything one run registered, in registration order.

    Example::

        from fargate_components import Network
        from fargate_components.testing import run_in_mocks

        plan = run_in_mocks(lambda: Network("net"))
        assert len(plan.of_type("aws:ec2/subnet:Subnet")) == 6
    """

    project: str
    stack: str
    region: str
    resources: list[ResourceRecord]
    outputs: dict[str, StackOutput] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    preview_faithful: bool = False
    """Planned as the first ``pulumi preview`` of a new stack sees it: what the provider
    computes on create is ``"[unknown]"`` (``run_in_mocks(preview_faithful=True)``)."""

    def __iter__(self) -> Iterator[ResourceRecord]:
        return iter(self.resources)

    def of_type(self, type_: str) -> list[ResourceRecord]:
        """All resources of one type token, e.g. ``"aws:ec2/subnet:Subnet"``."""
        return [r for r in self.resources if r.type == type_]

    def named(self, name: str, type_: str | None = None) -> ResourceRecord:
        """The one resource with this logical name (and type token, when two types share
        the name); raises ``KeyError`` otherwise."""
        found = [r for r in self.resources if r.name == name and type_ in (None, r.type)]
        if len(found) != 1:
            raise KeyError(f"{len(found)} resources named {name!r}")
        return found[0]

    def by_urn(self, urn: str) -> ResourceRecord:
        for r in self.resources:
            if r.urn == urn:
                return r
        raise KeyError(urn)

    def by_id(self, physical_id: str) -> ResourceRecord:
        """The resource whose (mock) physical id is ``physical_id``."""
        for r in self.resources:
            if r.id == physical_id:
                return r
        raise KeyError(physical_id)

    def children(self, urn: str) -> list[ResourceRecord]:
        return [r for r in self.resources if r.parent == urn]

    @property
    def stack_urn(self) -> str | None:
        for r in self.resources:
            if r.type == STACK:
                return r.urn
        return None

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Plan:
        """A plan read back from its JSON document (``fargate-components plan --format
        json``); sections other than resources, outputs and diagnostics are not kept."""
        return cls(
            project=str(doc.get("project")),
            stack=str(doc.get("stack")),
            region=str(doc.get("region")),
            resources=records_of(doc),
            outputs={
                str(k): StackOutput.from_json(v) for k, v in (doc.get("outputs") or {}).items()
            },
            diagnostics=[
                Diagnostic(str(d.get("severity")), str(d.get("message")))
                for d in doc.get("diagnostics") or []
            ],
        )


def records_of(source: Any) -> list[ResourceRecord]:
    """The resources of a :class:`Plan`, a plan JSON document (``{"resources": [...]}``) or
    a list of records / JSON records, as :class:`ResourceRecord`."""
    if isinstance(source, Mapping):
        items: Any = source.get("resources") or []
    else:
        items = getattr(source, "resources", source)
    return [r if isinstance(r, ResourceRecord) else ResourceRecord.from_json(r) for r in items]
