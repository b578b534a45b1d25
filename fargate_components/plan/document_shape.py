"""Is a JSON document a plan (``plan --format json``, format_version 1)? A pure check.

``diff`` and ``plan --diff`` read documents from disk that anyone can hand them: another
tool's JSON, a ``diff --format json`` result, a truncated file. Without this check such a
document either crashes deep in the diff or, worse, reads as a plan with no resources, so that
everything "is created". This module checks the documented shape (README, "Plan JSON") and
names the first problem: the key path, what is there, and what a plan has.

Only what the README documents is checked, and only as strictly as the contract allows: keys
are only ever added to format_version 1, so unknown keys are accepted everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import ValidationError
from .render import FORMAT_VERSION

__all__ = ["check_plan_document"]

_HINT = "write plans with `fargate-components plan --format json`"

#: Per-resource keys and the JSON types they have (README, "Plan JSON"). ``urn``, ``type``
#: and ``name`` are required; the others are checked when present.
_RESOURCE_KEYS: dict[str, tuple[type | None, ...]] = {
    "urn": (str,),
    "type": (str,),
    "name": (str,),
    "id": (str, None),
    "parent": (str, None),
    "custom": (bool,),
    "inputs": (dict,),
    "outputs": (dict,),
    "depends_on": (list,),
    "options": (dict,),
}
_REQUIRED = ("urn", "type", "name")

#: Optional top-level sections and their JSON types.
_SECTIONS: dict[str, tuple[type | None, ...]] = {
    "program": (str, None),
    "project": (str,),
    "stack": (str,),
    "region": (str,),
    "outputs": (dict,),
    "diagnostics": (list,),
    "cost": (dict,),
    "findings": (list,),
    "critical_path": (dict,),
    "simulation": (dict,),
    "eks_workloads": (list,),
    "preview_faithful": (bool,),
    "preview_gaps": (list,),
}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )


def _allowed(types: tuple[type | None, ...]) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    return " or ".join("null" if t is None else names[t] for t in types)


def _check_type(where: str, value: Any, types: tuple[type | None, ...]) -> None:
    if any((value is None) if t is None else isinstance(value, t) for t in types):
        return
    raise ValidationError(where, _json_type(value), _allowed(types))


def _check_resource(where: str, resource: Any, seen: set[str]) -> None:
    if not isinstance(resource, Mapping):
        raise ValidationError(where, _json_type(resource), "a resource object")
    for key in _REQUIRED:
        if key not in resource:
            raise ValidationError(f"{where}.{key}", "<missing>", f"every resource has {key!r}")
    for key, types in _RESOURCE_KEYS.items():
        if key in resource:
            _check_type(f"{where}.{key}", resource[key], types)
    urn = resource["urn"]
    if not urn.startswith("urn:pulumi:"):
        raise ValidationError(f"{where}.urn", urn, "a Pulumi URN ('urn:pulumi:...')")
    if urn in seen:
        raise ValidationError(f"{where}.urn", urn, "a URN no other resource of the plan has")
    seen.add(urn)
    deps = resource.get("depends_on") or []
    if not all(isinstance(d, str) for d in deps):
        raise ValidationError(f"{where}.depends_on", deps, "an array of URN strings")


def check_plan_document(doc: Any, source: str = "plan") -> None:
    """Raise :class:`~fargate_components.errors.ValidationError` naming the first way in
    which ``doc`` is not a format_version 1 plan JSON document; ``source`` (e.g. the file
    name) starts the argument path of the error."""
    if not isinstance(doc, Mapping):
        raise ValidationError(source, _json_type(doc), f"a plan JSON object ({_HINT})")
    kind = doc.get("kind")
    if kind is not None:
        raise ValidationError(
            f"{source}.kind", kind, f"no 'kind': a plan has none (this is not a plan; {_HINT})"
        )
    version = doc.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise ValidationError(f"{source}.format_version", version, f"{FORMAT_VERSION} ({_HINT})")
    if "resources" not in doc:
        raise ValidationError(f"{source}.resources", "<missing>", "the array of planned resources")
    for key, types in _SECTIONS.items():
        if key in doc:
            _check_type(f"{source}.{key}", doc[key], types)
    resources = doc["resources"]
    _check_type(f"{source}.resources", resources, (list,))
    seen: set[str] = set()
    for i, resource in enumerate(resources):
        _check_resource(f"{source}.resources[{i}]", resource, seen)
    for i, finding in enumerate(doc.get("findings") or []):
        if not isinstance(finding, Mapping) or not all(
            isinstance(finding.get(k), str) for k in ("rule", "severity", "urn")
        ):
            raise ValidationError(
                f"{source}.findings[{i}]", finding, "an object with string rule, severity, urn"
            )
