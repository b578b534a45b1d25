"""Replay a captured :class:`~fargate_components.testing.Plan` into moto, in dependency order.

The engine is independent of AWS services: it orders the records, rewrites the mock ids and
ARNs in each record's inputs to the values moto returned for the resources it depends on,
calls the record type's handler (see ``handlers.py``) and records what moto accepted or
refused. Everything runs in-process under ``moto.mock_aws()``; no request leaves the process.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...model import Graph, replace_values
from ...model.tokens import (
    KUBERNETES_PREFIX,
    PROVIDER_PREFIX,
    PULUMI_PREFIX,
)
from ..recorder import ResourceRecord
from .context import Ctx, Handler, Unsupported
from .fixture_file import Fixtures
from .reads import Reads, unread

if TYPE_CHECKING:
    from ..harness import Plan

#: Type prefixes that are never deployed and never reported: providers and the stack.
IGNORED_PREFIXES = (PROVIDER_PREFIX, PULUMI_PREFIX)

#: What is put in ``os.environ`` while a simulation runs (and restored after): fake
#: credentials and moto settings.
FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    # moto would otherwise build ~2,600 public AMIs per EC2 backend: most of a run's time.
    "MOTO_EC2_LOAD_DEFAULT_AMIS": "false",
}

#: A mock value shorter than this is only replaced where a whole string equals it,
#: never inside a longer string.
MIN_EMBEDDED = 8


@dataclass
class SimulationResult:
    """What the simulated deploy did.

    ``created``: URNs moto accepted, in deploy order. ``failed``: ``{"urn", "error"}`` with
    AWS's own error (``"<Code>: <message>"``) or ``"dependency failed: <urn>"``.
    ``unsupported``: type tokens the simulator cannot replay (no handler, or a setting moto
    does not emulate; Kubernetes resources are listed here too: they are not AWS
    resources). ``not_simulated``: ``{"urn", "type", "reason"}`` for each such resource.
    ``external``: URNs of resources read with ``.get()`` (they exist before the deploy, so
    moto has no copy of them). ``external_ids``: ids of existing VPCs and subnets the inputs
    name (e.g. ``Network.existing(...)``), pre-created in moto as fixtures: given id -> moto
    id (see ``fixtures.py``). ``warnings``: ``{"urn", "warning"}`` for what AWS accepts but
    will not work as meant (e.g. a deployment alarm name no alarm has). ``unverified``:
    ``{"urn", "reason"}`` for a resource moto accepted without some of its inputs (the
    simulator sent them nowhere, so AWS's checks on them were not made; ``reads.py``).
    """

    created: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    not_simulated: list[dict[str, str]] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    external_ids: dict[str, str] = field(default_factory=dict)
    warnings: list[dict[str, str]] = field(default_factory=list)
    unverified: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when moto accepted every resource it was asked to create."""
        return not self.failed

    def error_of(self, urn_or_name: str) -> str | None:
        """The failure message of a resource, by URN or by logical name (URN suffix)."""
        for failure in self.failed:
            urn = failure["urn"]
            if urn == urn_or_name or urn.endswith(f"::{urn_or_name}"):
                return failure["error"]
        return None

    def to_json(self) -> dict[str, Any]:
        """``{"created": [urn...], "failed": [{"urn", "error"}], "unsupported": [type...],
        "not_simulated": [{"urn", "type", "reason"}], "warnings": [{"urn", "warning"}],
        "unverified": [{"urn", "reason"}], "external_ids": {given: moto}}``."""
        return {
            "created": list(self.created),
            "failed": [dict(f) for f in self.failed],
            "unsupported": list(self.unsupported),
            "not_simulated": [dict(n) for n in self.not_simulated],
            "warnings": [dict(w) for w in self.warnings],
            "unverified": [dict(u) for u in self.unverified],
            "external_ids": dict(self.external_ids),
        }


class Simulation:
    """One replay of a plan into the moto backend that is active while it runs.

    Use :func:`simulated` (a context manager) or :func:`simulate`; after the replay,
    ``sim.client("ecs")`` is a boto3 client on the same moto state, and
    ``sim.physical_id(name_or_urn)`` gives the id moto assigned to a resource.
    """

    def __init__(
        self,
        plan: Plan,
        handlers: Mapping[str, Handler],
        *,
        session: Any,
        fixtures: Fixtures | None = None,
    ) -> None:
        self.plan = plan
        #: Declared pre-existing objects (``fixture_file.py``), created before the replay.
        self.fixtures = fixtures if fixtures is not None else Fixtures()
        self.region = plan.region
        self.handlers = handlers
        self.session = session
        self.account_id = "123456789012"
        self.result = SimulationResult()
        #: Handlers' shared notes (e.g. which resource associated capacity providers).
        self.notes: dict[str, dict[str, Any]] = {}
        self.outputs: dict[str, dict[str, Any]] = {}
        #: In a change replay: URN -> the resource's record in the plan before.
        self.before: dict[str, ResourceRecord] = {}
        #: URN -> the inputs last sent to moto for it (mock values rewritten to moto's): what
        #: AWS holds. An update compares these, not the plans' mock values: the mocks give
        #: both halves of a replacement the same id, AWS does not.
        self.sent: dict[str, dict[str, Any]] = {}
        self._pairs: dict[str, dict[str, str]] = {}  # urn -> {mock value: moto value}
        self._global: dict[str, str] = {}
        #: URN -> the error of every step that failed (dependants fail with it).
        self.failures: dict[str, str] = {}
        self._unsupported: dict[str, None] = {}
        self._skipped: set[str] = set()  # URNs reported not simulated
        self._records = {r.urn: r for r in plan.resources}
        self.graph = Graph(plan.resources)  # the one reference index
        self._index = {r.urn: i for i, r in enumerate(plan.resources)}

    # --- public helpers -------------------------------------------------------------
    def client(self, service: str) -> Any:
        """A boto3 client on the simulated account. It works only while the simulation is
        open (inside ``with simulated(...)``); afterwards every call raises instead of
        reaching for real AWS."""
        key = (service, self.region)
        if key not in _CLIENTS:
            _CLIENTS[key] = self.session.client(service, region_name=self.region)
        return _CLIENTS[key]

    def record(self, name_or_urn: str) -> ResourceRecord:
        if name_or_urn in self._records:
            return self._records[name_or_urn]
        return self.plan.named(name_or_urn)

    def physical_id(self, name_or_urn: str) -> str:
        """The id moto gave a created resource (by logical name or URN)."""
        return str(self.outputs[self.record(name_or_urn).urn]["id"])

    def output(self, name_or_urn: str, key: str) -> Any:
        """An output of a created resource as moto returned it (``"arn"``, ``"dnsName"``...)."""
        return self.outputs[self.record(name_or_urn).urn][key]

    def real(self, mock_value: str) -> str:
        """The moto value that replaced a mock value (the value itself when none did)."""
        return str(self.rewrite(mock_value, self._global))

    # --- ordering -------------------------------------------------------------------
    def _deployable(self, record: ResourceRecord) -> bool:
        return record.custom and not record.type.startswith(IGNORED_PREFIXES)

    def dependencies(self, record: ResourceRecord) -> set[str]:
        """The deployable resources ``record`` waits for (model.Graph.dependencies_of)."""
        deps = self.graph.dependencies_of(record)
        return {d for d in deps if self._deployable(self._records[d])}

    def order(self) -> list[ResourceRecord]:
        """Deployable records, topologically over their dependencies, registration order
        breaking ties (a cycle, which Pulumi cannot produce, falls back to that order)."""
        nodes = [r for r in self.plan.resources if self._deployable(r)]
        deps = {r.urn: self.dependencies(r) for r in nodes}
        dependants: dict[str, list[str]] = {r.urn: [] for r in nodes}
        for urn, ds in deps.items():
            for d in ds:
                dependants[d].append(urn)
        pending = {urn: len(ds) for urn, ds in deps.items()}
        ready = [self._index[u] for u, n in pending.items() if n == 0]
        heapq.heapify(ready)
        out: list[ResourceRecord] = []
        while ready:
            record = self.plan.resources[heapq.heappop(ready)]
            out.append(record)
            for d in dependants[record.urn]:
                pending[d] -= 1
                if pending[d] == 0:
                    heapq.heappush(ready, self._index[d])
        done = {r.urn for r in out}
        out.extend(r for r in nodes if r.urn not in done)
        return out

    # --- substitution ---------------------------------------------------------------
    def _mapping_for(self, deps: set[str]) -> dict[str, str]:
        """Pairs from the resource's own dependencies win over pairs from elsewhere
        (two resources may share a mock value, e.g. two revisions of one family)."""
        mapping = dict(self._global)
        for urn in sorted(deps, key=self._index.__getitem__):
            mapping.update(self._pairs.get(urn, {}))
        return mapping

    def rewrite(self, value: Any, mapping: Mapping[str, str]) -> Any:
        """Deep-replace mock values with moto values (see model.replace_values)."""
        return replace_values(value, mapping, min_embedded=MIN_EMBEDDED)

    def _pair(self, record: ResourceRecord, real: Mapping[str, Any]) -> None:
        pairs: dict[str, str] = {}
        for key, new in real.items():
            mock = record.id if key == "id" else _dig(record.outputs, key)
            if not isinstance(mock, str) or not isinstance(new, str) or not mock or mock == new:
                continue
            pairs[mock] = new
            for prefix in ("https://", "http://"):
                if mock.startswith(prefix) and new.startswith(prefix):
                    pairs[mock.removeprefix(prefix)] = new.removeprefix(prefix)
        self._pairs.setdefault(record.urn, {}).update(pairs)
        self._global.update(pairs)

    # --- the replay -----------------------------------------------------------------
    def run(self) -> SimulationResult:
        from .fixture_file import create_fixtures
        from .fixtures import precreate_external

        declared = create_fixtures(self, self.fixtures)
        self._global.update(declared)
        self.result.external_ids = {**declared, **precreate_external(self)}
        for record in self.order():
            if record.options.get("read"):
                self.result.external.append(record.urn)
                continue
            handler = self.handler_for(record.type)
            if self.apply(record, handler, why_unsupported(record.type)) == "ok":
                self.result.created.append(record.urn)
        return self.finish()

    def handler_for(self, type_: str) -> Handler | None:
        """The type's handler; every Kubernetes type falls back to the ``"kubernetes:"``
        entry (one emulated API server for all kinds)."""
        found = self.handlers.get(type_)
        if found is None and type_.startswith(KUBERNETES_PREFIX):
            found = self.handlers.get(KUBERNETES_PREFIX)
        return found

    def finish(self) -> SimulationResult:
        """Fill in the result's lists gathered while the steps ran."""
        self.result.unsupported = list(self._unsupported)
        self.result.warnings = [
            {"urn": urn, "warning": text}
            for urn, texts in self.notes.get("warnings", {}).items()
            for text in texts
        ]
        return self.result

    def apply(self, record: ResourceRecord, call: Handler | None, reason: str = "") -> str:
        """One step on ``record`` (a create, or an update handler): its dependencies must
        have succeeded, its inputs are rewritten to moto's values, and what ``call`` returns
        becomes its outputs. Returns ``"ok"``, ``"failed"`` or ``"not simulated"``
        (``reason`` when ``call`` is None); failures land in ``result.failed``."""
        deps = self.dependencies(record)
        broken = [d for d in sorted(deps, key=self._index.__getitem__) if d in self.failures]
        if broken:
            self.fail(record.urn, f"dependency failed: {broken[0]}")
            return "failed"
        if call is None:
            self.not_simulated(record, reason)
            return "not simulated"
        inputs = self.rewrite(record.inputs, self._mapping_for(deps))
        ctx = Ctx(self, record)
        creating = record.urn not in self.outputs
        if creating:  # which inputs the create sends (an update says so itself: updates.py)
            inputs = ctx.reads = Reads(inputs)
        try:
            real = call(inputs, ctx)
        except Unsupported as exc:
            self.not_simulated(record, str(exc))
            return "not simulated"
        except Exception as exc:  # a ClientError, or moto refusing in-process
            skipped = self._skipped_of(deps)
            if skipped:  # refused for lack of what was not simulated: no verdict either way
                why = f"refers to {skipped}, which was not simulated; moto refused it"
                self.not_simulated(record, f"{why}: {describe_error(exc)}")
                return "not simulated"
            self.fail(record.urn, describe_error(exc))
            return "failed"
        self.outputs[record.urn] = {**self.outputs.get(record.urn, {}), **real}
        if isinstance(inputs, Reads):
            self._unread(record, inputs)
            self._names_skipped(record, deps)
        self.sent[record.urn] = dict(dict.items(inputs))
        self._pair(record, real)
        return "ok"

    def _unread(self, record: ResourceRecord, inputs: Reads) -> None:
        missing = unread(record.type, inputs)
        if missing:
            reason = (
                f"created without {', '.join(missing)}: the simulator sends no call for "
                "them, so AWS's checks on them are not made"
            )
            self.result.unverified.append({"urn": record.urn, "reason": reason})

    def _names_skipped(self, record: ResourceRecord, deps: set[str]) -> None:
        """A create that refers to a resource the simulator did not create: moto accepted
        a reference to something it does not have (it checks few), so it is unverified."""
        named = self._skipped_of(deps)
        if named:
            reason = (
                f"created naming {named}, which was not simulated: moto accepted a reference "
                "to a resource it does not have"
            )
            self.result.unverified.append({"urn": record.urn, "reason": reason})

    def _skipped_of(self, deps: set[str]) -> str:
        """The dependencies reported not simulated, named (empty when none)."""
        return ", ".join(_short(d) for d in sorted(deps) if d in self._skipped)

    def fail(self, urn: str, error: str) -> None:
        self.failures[urn] = error
        self.result.failed.append({"urn": urn, "error": error})

    def not_simulated(self, record: ResourceRecord, reason: str) -> None:
        self._skipped.add(record.urn)
        self._unsupported.setdefault(record.type)
        self.result.not_simulated.append({"urn": record.urn, "type": record.type, "reason": reason})


def why_unsupported(type_: str) -> str:
    if type_.startswith(KUBERNETES_PREFIX):
        return "a Kubernetes object: the cluster applies it, not an AWS API"
    return "the simulator has no handler for this type"


def _dig(data: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def describe_error(exc: BaseException) -> str:
    """``"<AWS error code>: <message>"`` for a botocore ClientError; the exception's class
    and text for anything else moto raised (parameter validation, a moto limitation)."""
    response = getattr(exc, "response", None)
    if isinstance(response, dict) and isinstance(response.get("Error"), dict):
        error = response["Error"]
        code = error.get("Code") or type(exc).__name__
        message = error.get("Message") or str(exc)
        return f"{code}: {message}"
    text = str(exc).strip() or repr(exc)
    return f"{type(exc).__name__}: {text}"


@contextmanager
def _fake_environment(region: str) -> Iterator[None]:
    """Fake credentials and the plan's region, set only while the simulation runs."""
    values = {**FAKE_ENV, "AWS_DEFAULT_REGION": region, "AWS_REGION": region}
    removed = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL")
    saved = {k: os.environ.get(k) for k in (*values, *removed)}
    try:
        for key in removed:
            os.environ.pop(key, None)
        os.environ.update(values)
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


_SESSION: Any = None
_CLIENTS: dict[tuple[str, str], Any] = {}
_OPEN = 0
#: botocore loaders by data path, shared by every session made while a simulation runs.
_LOADERS: dict[Any, Any] = {}


@contextmanager
def _one_botocore_loader() -> Iterator[None]:
    """Share one botocore data loader per data path while the simulation runs (issue 18).

    moto makes a fresh ``boto3.Session()`` for every backend it builds, only to list the
    regions; each session gets its own loader and parses ``endpoints.json`` and the service
    model (several MB for EC2) again: about a third of a first simulation's time. A loader
    only reads botocore's files and caches what it parsed, so one serves all the sessions
    (restored on exit: nothing outside the simulation sees it)."""
    import botocore.session

    original = botocore.session.create_loader

    def shared(search_path_string: Any = None) -> Any:
        if search_path_string not in _LOADERS:
            _LOADERS[search_path_string] = original(search_path_string)
        return _LOADERS[search_path_string]

    botocore.session.create_loader = shared
    try:
        yield
    finally:
        botocore.session.create_loader = original


def _refuse_outside_simulation(**_: Any) -> None:
    """A ``before-send`` hook: outside an open simulation moto does not answer, so botocore
    would send the request to AWS; refuse instead."""
    if _OPEN > 0:
        return
    raise RuntimeError(
        "a simulation client was used outside `with simulated(...)`: "
        "refusing to send a request to real AWS"
    )


@contextmanager
def simulated(
    plan: Plan,
    *,
    handlers: Mapping[str, Handler] | None = None,
    fixtures: Fixtures | None = None,
) -> Iterator[Simulation]:
    """Replay ``plan`` into an in-process moto account and keep it open for queries.

    Example::

        # fragment: `plan` is yours (a Plan from run_in_mocks)
        with simulated(plan) as sim:
            assert sim.result.ok, sim.result.failed
            ecs = sim.client("ecs")
            ecs.describe_services(cluster=..., services=[...])

    The moto state and the fake credentials exist only inside the ``with`` block.
    ``fixtures`` (``fixture_file.Fixtures``) are created in moto before the replay.
    """
    import time

    try:
        import boto3
        from moto import mock_aws
    except ImportError as exc:  # moto and boto3 are test-time dependencies
        raise ImportError(
            "the simulated deploy needs moto 5 and boto3: pip install 'moto>=5,<6' boto3"
        ) from exc

    from .handlers import HANDLERS

    global _SESSION, _OPEN
    if _OPEN > 0:
        # moto keeps one account per process: a second replay would land in the first one's
        # state (every name "already exists"), so refuse instead of reporting false failures.
        raise RuntimeError(
            "a simulation is already open (inside `with simulated(...)`): moto has one "
            "account per process, so close it before simulating another plan"
        )
    from .handlers.tagging import elb_tag_quota

    with _fake_environment(plan.region), _one_botocore_loader(), mock_aws(), elb_tag_quota():
        if _SESSION is None:
            # One session (and one client per service and region) for the process:
            # botocore then parses each service model once, most of a simulation's cost.
            # Created while moto is active, with fake credentials, and guarded so that a
            # call made outside a simulation fails instead of reaching real AWS.
            _SESSION = boto3.session.Session(
                aws_access_key_id=FAKE_ENV["AWS_ACCESS_KEY_ID"],
                aws_secret_access_key=FAKE_ENV["AWS_SECRET_ACCESS_KEY"],
                aws_session_token=FAKE_ENV["AWS_SESSION_TOKEN"],
                region_name=plan.region,
            )
            _SESSION.events.register("before-send", _refuse_outside_simulation)
        sim = Simulation(
            plan, HANDLERS if handlers is None else handlers, session=_SESSION, fixtures=fixtures
        )
        _OPEN += 1
        try:
            start = time.perf_counter()
            sim.run()
            sim.result.seconds = time.perf_counter() - start
            yield sim
        finally:
            _OPEN -= 1


def simulate(
    plan: Plan,
    *,
    handlers: Mapping[str, Handler] | None = None,
    fixtures: Fixtures | None = None,
) -> SimulationResult:
    """Replay ``plan`` into moto and return what AWS (as moto emulates it) accepted.

    Example::

        # fragment: `program` is yours (a function that creates resources)
        plan = run_in_mocks(program)
        result = simulate(plan)
        assert result.ok, result.failed
    """
    with simulated(plan, handlers=handlers, fixtures=fixtures) as sim:
        return sim.result


def assert_simulates(
    plan: Plan,
    *,
    handlers: Mapping[str, Handler] | None = None,
    fixtures: Fixtures | None = None,
) -> SimulationResult:
    """Simulate ``plan`` and raise ``AssertionError`` (with the rendered result) if moto
    refused any resource: the one-liner for "this program deploys"."""
    result = simulate(plan, handlers=handlers, fixtures=fixtures)
    if result.failed:
        raise AssertionError(render_simulation_text(result))
    return result


def render_simulation_text(result: SimulationResult) -> str:
    """The simulated deploy as the ``plan --simulate`` command prints it."""
    unverified = f", {len(result.unverified)} unverified" if result.unverified else ""
    lines = [
        f"Simulated deploy (moto): {len(result.created)} created, {len(result.failed)} failed, "
        f"{len(result.unsupported)} unsupported type(s){unverified}"
    ]
    for urn in result.created:
        lines.append(f"  + {_short(urn)}")
    for failure in result.failed:
        lines.append(f"  ! {_short(failure['urn'])}")
        lines.append(f"      {failure['error']}")
    for warning in result.warnings:
        lines.append(f"  ~ {_short(warning['urn'])}: {warning['warning']}")
    if result.unverified:
        lines.append("  Unverified (moto accepted them without some inputs):")
        lines.extend(f"  ? {_short(u['urn'])}: {u['reason']}" for u in result.unverified)
    if result.unsupported:
        lines.append("  Not simulated (no emulation for these types):")
        reasons = {n["type"]: n["reason"] for n in reversed(result.not_simulated)}
        counts: dict[str, int] = {}
        for n in result.not_simulated:
            counts[n["type"]] = counts.get(n["type"], 0) + 1
        for t in result.unsupported:
            lines.append(f"  ? {t} x{counts.get(t, 0)}: {reasons.get(t, '')}")
    if result.external_ids:
        lines.append("  Existing resources given by id, pre-created as fixtures:")
        lines.extend(f"  = {given} (moto {real})" for given, real in result.external_ids.items())
    if result.external:
        lines.append("  Read with .get(), not created:")
        lines.extend(f"  = {_short(u)}" for u in result.external)
    return "\n".join(lines)


def _short(urn: str) -> str:
    """``type::name`` from a URN (the qualified type's last segment plus the name)."""
    parts = urn.split("::")
    if len(parts) >= 4:
        type_ = parts[2].rsplit("$", 1)[-1]
        return f"{type_} {parts[3]}"
    return urn
