"""What the engine, the handlers and the fixtures share: the handler's context, the handler
signature and the "cannot replay this" signal. Its own module, so engine -> handlers ->
context and engine -> fixtures -> context form no import cycle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from ...model import ResourceRecord

__all__ = ["REPLACEMENT_NAMES", "Ctx", "Handler", "Out", "SimulationLike", "Unsupported"]

#: ``sim.notes`` key: URN -> {output key: the new auto-name of a replacement}.
REPLACEMENT_NAMES = "replacement-names"

#: A handler's result: the resource's outputs as moto reports them.
Out = dict[str, Any]


class SimulationLike(Protocol):
    """What handlers and fixtures use of a running :class:`~.engine.Simulation`."""

    region: str
    account_id: str
    notes: dict[str, dict[str, Any]]
    outputs: dict[str, dict[str, Any]]
    before: dict[str, ResourceRecord]
    result: Any
    sent: dict[str, dict[str, Any]]
    fixtures: Any
    _records: dict[str, ResourceRecord]
    _global: dict[str, str]

    def client(self, service: str) -> Any: ...

    def dependencies(self, record: ResourceRecord) -> set[str]: ...

    def order(self) -> list[ResourceRecord]: ...

    @property
    def plan(self) -> Any: ...


class Ctx:
    """What a handler gets besides the rewritten inputs: the record, the region, boto3
    clients, and helpers for names and tags."""

    def __init__(self, sim: SimulationLike, record: ResourceRecord) -> None:
        self.sim = sim
        self.record = record
        self.region = sim.region
        #: In a create: the inputs the handler read (the engine reports the others).
        self.reads: Any = None

    def client(self, service: str) -> Any:
        return self.sim.client(service)

    @property
    def outputs(self) -> dict[str, Any]:
        """The resource's outputs from moto so far (in an update or a delete: the deploy
        before's)."""
        return self.sim.outputs.get(self.record.urn, {})

    @property
    def old_inputs(self) -> dict[str, Any]:
        """In an update: the inputs AWS holds from the deploy before, in moto's values (what
        was sent then), to compare with the rewritten new inputs. Not the plan's mock
        values: the mocks derive ids and ARNs from type and name, so a dependency replaced
        in between has the same mock id in both plans but a new one in AWS."""
        return self.sim.sent.get(self.record.urn, {})

    def upstream(self) -> set[str]:
        """Every URN this resource waits for in a real deploy (transitive dependencies).
        Anything else may be created concurrently with it."""
        seen: set[str] = set()
        todo = [self.record.urn]
        while todo:
            for dep in self.sim.dependencies(self.sim._records[todo.pop()]):
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        return seen

    def name(self, key: str = "name") -> str:
        """The resource's physical name: the input if given, else the name the mocks
        auto-generated (so the names in the plan are the names created in moto)."""
        if self.reads is not None:
            self.reads.read.add(key)
        renamed = self.sim.notes.get(REPLACEMENT_NAMES, {}).get(self.record.urn, {})
        if key in renamed:
            return str(renamed[key])
        for source in (self.record.inputs, self.record.outputs):
            value = source.get(key)
            if isinstance(value, str) and value:
                return value
        return self.record.name

    def warn(self, message: str) -> None:
        """Something AWS accepts that will not do what the program means (e.g. a deployment
        alarm that does not exist): listed under ``SimulationResult.warnings``."""
        self.sim.notes.setdefault("warnings", {}).setdefault(self.record.urn, []).append(message)

    def unverified(self, reason: str) -> None:
        """Something moto accepted that the simulator cannot vouch for (e.g. an input no
        call sent): listed under ``SimulationResult.unverified``."""
        self.sim.result.unverified.append({"urn": self.record.urn, "reason": reason})

    def arn(self, service: str, resource: str, *, region: bool = True) -> str:
        return f"arn:aws:{service}:{self.region if region else ''}:{self.sim.account_id}:{resource}"


Handler = Callable[[dict[str, Any], Ctx], dict[str, Any]]


class Unsupported(Exception):
    """Raised by a handler for a setting the simulator cannot replay into moto."""
