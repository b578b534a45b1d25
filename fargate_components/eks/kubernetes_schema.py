"""Kubernetes objects checked against the OpenAPI schema of the cluster's version (pure).

``kubernetes-validate`` (PyPI; part of the ``simulate`` extra) ships the JSON schemas of every
Kubernetes minor version since 1.25, generated from Kubernetes' own OpenAPI documents. The
strict schemas reject unknown fields as the API server's field validation does (``kubectl
apply --validate=strict``, the default since 1.27), so a misspelt ``imagePullPolicyy`` or a
string ``replicas`` is caught before the cluster sees it.

Values a preview cannot know (the plan's ``"[unknown]"`` / ``"[secret]"`` marks) are sent as
``null``, which every optional field of the schemas allows: an unknown value is never
reported as a type error. A version newer than the library's schemas, or a kind it has no
schema for (custom resources), is reported as unchecked, not as valid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .workloads import UNKNOWN_MARKS

__all__ = ["SchemaCheck", "api_version_and_kind", "validate_object"]


@dataclass(frozen=True)
class SchemaCheck:
    """The outcome of one object's schema check."""

    status: str
    """``"valid"``, ``"invalid"`` or ``"unchecked"``."""
    message: str
    """What is wrong (``invalid``), why it was not checked (``unchecked``), or the schema
    version used (``valid``)."""


def api_version_and_kind(type_: str) -> tuple[str, str] | None:
    """``("apps/v1", "Deployment")`` from ``kubernetes:apps/v1:Deployment`` (``core/v1``
    is ``v1``); ``None`` for a type that is not a Kubernetes object (Helm releases, ...)."""
    parts = type_.split(":")
    if len(parts) != 3 or parts[0] != "kubernetes" or parts[1].startswith("helm.sh"):
        return None
    group_version = parts[1][len("core/") :] if parts[1].startswith("core/") else parts[1]
    if group_version.endswith("yaml") or "/" not in parts[1]:
        return None
    return group_version, parts[2]


def _nulls(value: Any) -> Any:
    if isinstance(value, str) and value in UNKNOWN_MARKS:
        return None
    if isinstance(value, Mapping):
        return {k: _nulls(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nulls(v) for v in value]
    return value


def _path(path: Any) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "(the object)"


def validate_object(type_: str, inputs: Mapping[str, Any], version: str) -> SchemaCheck:
    """Check one Kubernetes object (its Pulumi inputs) against the strict schema of
    Kubernetes ``version`` ("1.NN")."""
    try:
        import kubernetes_validate
        from kubernetes_validate.utils import VersionNotSupportedError
    except ImportError:
        return SchemaCheck(
            "unchecked",
            "kubernetes-validate is not installed (pip install 'fargate-components[simulate]')",
        )
    found = api_version_and_kind(type_)
    if found is None:
        return SchemaCheck("unchecked", f"{type_} is not a Kubernetes object with a schema")
    api_version, kind = found
    data = dict(_nulls(inputs))
    data.setdefault("apiVersion", api_version)
    data.setdefault("kind", kind)
    try:
        used = kubernetes_validate.validate(data, version, strict=True)
    except VersionNotSupportedError:
        return SchemaCheck(
            "unchecked",
            f"kubernetes-validate has no schema for Kubernetes {version} (newest: "
            f"{kubernetes_validate.latest_version()}); upgrade it",
        )
    except kubernetes_validate.SchemaNotFoundError:
        return SchemaCheck(
            "unchecked",
            f"no Kubernetes {version} schema for {kind} {api_version} (a custom resource?)",
        )
    except kubernetes_validate.ValidationError as error:
        return SchemaCheck("invalid", f"{_path(error.path)}: {error.message}")
    return SchemaCheck("valid", f"Kubernetes {used} schema")
