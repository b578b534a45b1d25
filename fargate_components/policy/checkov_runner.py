"""Run Checkov's Terraform-plan and Kubernetes checks over translated documents, through
Checkov's Python API (``RunnerRegistry`` with its plan and Kubernetes runners).

This file imports only the standard library and Checkov: ``plan --scan checkov`` runs it
with an interpreter that has Checkov installed, which need not be ours (Checkov 3.3 pins
``packaging<24`` and ``boto3==1.35.49``; Pulumi 3.2xx+ needs ``packaging>=26``, so the two
rarely share an environment: README, "Checkov"). Input on stdin, one JSON object::

    {"terraform_plan": {...}, "kubernetes": [{"id": "<key>", "manifest": {...}}, ...]}

Output on stdout, one JSON object: ``{"checkov_version": "3.3.30", "results": [...]}``,
one result per check and resource: ``check_id``, ``check_name``, ``result`` (``passed``,
``failed``, ``skipped``), ``resource`` (the Terraform address, or the Kubernetes key),
``severity`` (``null`` unless Checkov knows one), ``guideline``, ``evaluated_keys``,
``suppress_comment``.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def _result(record: Any, resource: str) -> dict[str, Any]:
    check_result = record.check_result or {}
    outcome = check_result.get("result")
    severity = getattr(record, "severity", None)
    return {
        "check_id": record.check_id,
        "check_name": record.check_name,
        "result": str(getattr(outcome, "value", outcome)).lower(),
        "resource": resource,
        "severity": getattr(severity, "name", None) if severity else None,
        "guideline": getattr(record, "guideline", None),
        "evaluated_keys": list(check_result.get("evaluated_keys") or []),
        "suppress_comment": check_result.get("suppress_comment"),
    }


def _k8s_key(record: Any, files: dict[str, str]) -> str:
    """The caller's key of the manifest a Kubernetes record came from (by its file)."""
    path = os.path.realpath(str(record.file_abs_path or record.file_path))
    return files.get(path, str(record.resource))


def run(document: dict[str, Any]) -> dict[str, Any]:
    """Checkov's results for one input document (see the module docstring)."""
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    logging.disable(logging.WARNING)
    from checkov.common.runners.runner_registry import RunnerRegistry
    from checkov.kubernetes.runner import Runner as KubernetesRunner
    from checkov.runner_filter import RunnerFilter
    from checkov.terraform.plan_runner import Runner as PlanRunner
    from checkov.version import version

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="fargate-checkov-") as folder:
        root = Path(folder)
        plan_file = root / "tfplan.json"
        plan_file.write_text(json.dumps(document.get("terraform_plan") or {}), encoding="utf-8")
        files = {}
        for i, item in enumerate(document.get("kubernetes") or []):
            path = root / f"k8s-{i}.json"
            path.write_text(json.dumps(item["manifest"]), encoding="utf-8")
            files[os.path.realpath(path)] = str(item["id"])
        frameworks = ["terraform_plan", *(["kubernetes"] if files else [])]
        runners = [PlanRunner(), *([KubernetesRunner()] if files else [])]
        registry = RunnerRegistry("", RunnerFilter(framework=frameworks), *runners)
        with contextlib.redirect_stdout(io.StringIO()):
            reports = registry.run(files=[str(plan_file), *files])
    for report in reports:
        kubernetes = report.check_type == "kubernetes"
        for kind in ("failed_checks", "passed_checks", "skipped_checks"):
            for record in getattr(report, kind):
                address = getattr(record, "resource_address", None) or str(record.resource)
                key = _k8s_key(record, files) if kubernetes else address
                results.append(_result(record, key))
    return {"checkov_version": version, "results": results}


def main() -> int:
    document = json.load(sys.stdin)
    out = run(document)
    sys.stdout.write(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
