"""``plan --scan checkov``: Checkov's kept AWS and Kubernetes checks over a plan, as findings.

The plan is translated in-process (:mod:`.checkov_plan`), Checkov runs through its Python
API (:mod:`.checkov_runner`), and each failed check becomes a :class:`Finding` whose rule id
is Checkov's (``CKV_AWS_91``), on our resource (its URN), waivable like ours
(``fargate:waive:CKV_AWS_91`` tags, waiver files, and on Kubernetes objects Checkov's own
``checkov.io/skip1: CKV_K8S_8=reason`` annotation).

Which Python runs Checkov (:func:`find_checkov_python`): ``--checkov-python``, else
``$FARGATE_CHECKOV_PYTHON``, else ours when it can import ``checkov`` (then in-process, no
subprocess), else the interpreter of a ``checkov`` command on ``PATH`` (``pipx install
checkov``). Checkov 3.3 pins ``packaging<24``, which current Pulumi cannot share, so a
separate environment is the usual case.

Severity (Checkov's open-source checks carry none; a severity is only known with a
Prisma Cloud key): :data:`SEVERITY_MAP`, and ``warning`` when Checkov gives none.

Reported once: a failed Checkov check on a resource where one of our rules with the same
Checkov id (:attr:`Rule.checkov`) reported a finding is dropped (ours says it, with the
Checkov id). Misread: :data:`MISREAD` lists the checks that cannot read a shape we create,
with the exact condition and the reason; a failure that matches is not a finding but is
listed in the scan's ``misread`` (never dropped silently). Anything else fails as Checkov
says.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ValidationError
from ..model import Graph, ResourceRecord
from ..model import tokens as t
from .checkov_plan import NotScanned, kubernetes_manifests, terraform_plan
from .model import Finding

__all__ = [
    "CHECKOV_VERSION",
    "MISREAD",
    "PYTHON_ENV",
    "SEVERITY_MAP",
    "CheckovScan",
    "CheckovUnavailable",
    "Misread",
    "find_checkov_python",
    "scan_checkov",
]

#: The Checkov version the translation and :data:`MISREAD` were checked against.
CHECKOV_VERSION = "3.3.30"
#: The environment variable naming the Python that has Checkov.
PYTHON_ENV = "FARGATE_CHECKOV_PYTHON"
RUNNER = Path(__file__).with_name("checkov_runner.py")

#: Checkov severity -> ours. Default (no severity, as open-source Checkov reports): warning.
SEVERITY_MAP = {
    "CRITICAL": "error",
    "HIGH": "error",
    "MEDIUM": "warning",
    "LOW": "advisory",
    "INFO": "advisory",
}
DEFAULT_SEVERITY = "warning"


class CheckovUnavailable(ValidationError):
    """No Python with Checkov was found (or it failed): what to install or pass."""


def _references_a_group(record: ResourceRecord, graph: Graph) -> bool:
    inputs = record.inputs
    return bool(inputs.get("referencedSecurityGroupId") or inputs.get("prefixListId"))


def _used_by_a_schedule(record: ResourceRecord, graph: Graph) -> bool:
    return bool(graph.referrers(record, t.SCHEDULE, "target"))


@dataclass(frozen=True)
class Misread:
    """A Checkov check that cannot read one shape of a resource type we create."""

    check_ids: tuple[str, ...]
    types: tuple[str, ...]
    when: Callable[[ResourceRecord, Graph], bool]
    reason: str


#: The checks known to misread a shape this library creates (README, "Checkov").
MISREAD: tuple[Misread, ...] = (
    Misread(
        ("CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277"),
        (t.SECURITY_GROUP_INGRESS_RULE,),
        _references_a_group,
        "the rule's source is a security group or prefix list "
        "(referenced_security_group_id / prefix_list_id), which Checkov 3.3's unrestricted-"
        "ingress checks do not read: with no CIDR they take the rule as open to 0.0.0.0/0",
    ),
    Misread(
        ("CKV2_AWS_5",),
        (t.SECURITY_GROUP,),
        _used_by_a_schedule,
        "the group is attached to the tasks an EventBridge Scheduler schedule runs "
        "(target.ecs_parameters.network_configuration), a resource type Checkov 3.3's "
        "'security group attached to a resource' graph check does not list",
    ),
)


@dataclass(frozen=True)
class MisreadResult:
    """One failed check :data:`MISREAD` explains."""

    check_id: str
    urn: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"check_id": self.check_id, "urn": self.urn, "reason": self.reason}


@dataclass
class CheckovScan:
    """What one Checkov run found: the findings, the counts and what it could not judge."""

    version: str
    findings: list[Finding]
    counts: dict[str, int]
    misread: list[MisreadResult] = field(default_factory=list)
    not_scanned: list[NotScanned] = field(default_factory=list)
    unchecked_types: list[str] = field(default_factory=list)
    """Terraform types in the plan no Checkov check looked at."""
    unmapped: list[str] = field(default_factory=list)
    """Checkov results on a resource the translation did not create (should stay empty)."""

    def to_json(self) -> dict[str, Any]:
        """The plan JSON's ``scan`` key (README, "Plan JSON")."""
        return {
            "tool": "checkov",
            "version": self.version,
            "passed": self.counts.get("passed", 0),
            "failed": self.counts.get("failed", 0),
            "skipped": self.counts.get("skipped", 0),
            "misread": [m.to_json() for m in self.misread],
            "not_scanned": [n.to_json() for n in self.not_scanned],
            "unchecked_types": list(self.unchecked_types),
            "unmapped": list(self.unmapped),
        }

    def summary(self) -> str:
        """One line for the text and Markdown outputs."""
        c = self.counts
        text = (
            f"Checkov {self.version}: {c.get('passed', 0)} passed, {c.get('failed', 0)} failed, "
            f"{c.get('skipped', 0)} skipped"
        )
        if self.misread:
            text += f", {len(self.misread)} misread (see scan.misread)"
        if self.not_scanned:
            text += f"; {len(self.not_scanned)} resources not scanned (see scan.not_scanned)"
        if self.unmapped:
            text += f"; {len(self.unmapped)} results on no resource of ours (see scan.unmapped)"
        return text


def _shebang_python(command: str) -> str | None:
    """The interpreter of a ``checkov`` script (a pipx or virtualenv install)."""
    try:
        with open(command, "rb") as handle:
            first = handle.readline().decode("utf-8", "replace").strip()
    except OSError:
        return None
    if first.startswith("#!") and "python" in first:
        return first[2:].strip().split()[0]
    return None


def _importable() -> bool:
    """True when this Python can import Checkov (then it runs in-process)."""
    return importlib.util.find_spec("checkov") is not None


def find_checkov_python(explicit: str | None = None) -> str:
    """The Python that runs Checkov (see the module docstring for the order)."""
    if explicit or os.environ.get(PYTHON_ENV):
        python = explicit or os.environ[PYTHON_ENV]
        if not shutil.which(python) and not Path(python).is_file():
            raise CheckovUnavailable(
                "--checkov-python", python, "the path of a Python with Checkov"
            )
        return python
    if _importable():
        return sys.executable
    command = shutil.which("checkov")
    found = _shebang_python(command) if command else None
    if found:
        return found
    raise CheckovUnavailable(
        "--scan",
        "checkov",
        f"Checkov installed: `pipx install checkov=={CHECKOV_VERSION}` (found on PATH), or a "
        f"virtualenv with it named by --checkov-python / ${PYTHON_ENV}, or "
        "`pip install 'fargate-components[checkov]'` (see README, \"Checkov\")",
    )


def _run(document: dict[str, Any], python: str, timeout: float | None) -> dict[str, Any]:
    if python == sys.executable:
        from . import checkov_runner  # in-process: Checkov's Python API, no subprocess

        return checkov_runner.run(document)
    try:
        done = subprocess.run(
            [python, str(RUNNER)],
            input=json.dumps(document),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise CheckovUnavailable(
            "--checkov-python", python, f"a Python that runs Checkov ({err})"
        ) from None
    if done.returncode != 0:
        tail = " | ".join(done.stderr.strip().splitlines()[-3:])
        raise CheckovUnavailable("--checkov-python", python, f"a Python with Checkov ({tail})")
    return dict(json.loads(done.stdout))


def _severity(value: Any) -> str:
    return SEVERITY_MAP.get(str(value).upper(), DEFAULT_SEVERITY) if value else DEFAULT_SEVERITY


def _misread(check_id: str, record: ResourceRecord, graph: Graph) -> str | None:
    for entry in MISREAD:
        if check_id in entry.check_ids and record.type in entry.types and entry.when(record, graph):
            return entry.reason
    return None


def _finding(result: Mapping[str, Any], record: ResourceRecord) -> Finding:
    check_id = str(result["check_id"])
    guide = result.get("guideline")
    fix = f"see {guide}" if guide else f"see Checkov's policy index for {check_id}"
    skipped = result.get("result") == "skipped"
    return Finding(
        rule=check_id,
        severity=_severity(result.get("severity")),
        urn=record.urn,
        message=f"{record.name}: {result.get('check_name')} (Checkov). Fix: {fix}",
        checkov=check_id,
        waived=(str(result.get("suppress_comment") or "skipped by a Checkov annotation"))
        if skipped
        else None,
    )


def _unchecked(results: Iterable[Mapping[str, Any]], addresses: Mapping[str, str]) -> list[str]:
    seen = {str(r["resource"]).split(".", 1)[0] for r in results}
    return sorted({a.split(".", 1)[0] for a in addresses} - seen)


def scan_checkov(
    plan: Any, *, python: str | None = None, timeout: float | None = 600
) -> CheckovScan:
    """Run Checkov over ``plan`` (a Plan, a Graph or records): failed and annotation-skipped
    checks as findings (not yet deduplicated against our rules: ``evaluate(extra=...)``)."""
    graph = plan if isinstance(plan, Graph) else Graph(plan)
    tf = terraform_plan(graph, getattr(plan, "region", None))
    manifests = kubernetes_manifests(graph)
    document = {
        "terraform_plan": tf.document,
        "kubernetes": [{"id": m.urn, "manifest": m.manifest} for m in manifests],
    }
    out = _run(document, find_checkov_python(python), timeout)
    results = list(out.get("results") or [])
    urns = {**tf.urns, **{m.urn: m.urn for m in manifests}}
    findings: list[Finding] = []
    misread: list[MisreadResult] = []
    unmapped: list[str] = []
    for result in results:
        record = graph.by_urn(urns.get(str(result.get("resource")), ""))
        if record is None:
            unmapped.append(f"{result.get('check_id')} {result.get('resource')}")
            continue
        if result.get("result") == "passed":
            continue
        reason = _misread(str(result["check_id"]), record, graph)
        if reason and result.get("result") == "failed":
            misread.append(MisreadResult(str(result["check_id"]), record.urn, reason))
            continue
        findings.append(_finding(result, record))
    return CheckovScan(
        version=str(out.get("checkov_version") or "?"),
        findings=findings,
        counts=dict(Counter(str(r.get("result")) for r in results)),
        misread=misread,
        not_scanned=tf.not_scanned,
        unchecked_types=_unchecked(results, tf.urns),
        unmapped=unmapped,
    )
