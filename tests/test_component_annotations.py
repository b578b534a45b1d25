"""No resource class of the library has class-body annotations (issue 18, planning cost).

Why: at every registration the SDK's ``resolve_outputs`` (``pulumi/runtime/rpc.py``) calls
``pulumi._types.resource_types(type(resource))``, which reads
``inspect.get_annotations(cls)`` and, when it is not empty, builds a class and runs
``typing.get_type_hints`` on it (compiling every forward reference), uncached, once per
registered component. A bare ``ComponentResource`` has none, so a hand-written program
pays nothing: 242 such calls at 10 services were pure overhead of ours. Declare a
component's attributes where ``__init__`` (or a ``_build_*`` step) first sets them,
``self.web_acl: aws.wafv2.WebAcl | None = None``: mypy reads them the same, and they are
not class annotations at run time.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pulumi

PACKAGE = Path(__file__).resolve().parent.parent / "fargate_components"


def _resource_classes() -> list[type]:
    for path in sorted(PACKAGE.rglob("*_component.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        importlib.import_module(module)
    found: list[type] = []
    todo: list[type] = [pulumi.Resource]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("fargate_components."):
            found.append(cls)
    return found


def test_the_components_are_found() -> None:
    names = {cls.__name__ for cls in _resource_classes()}
    assert {"FargateService", "FargateTaskDefinition", "Network", "EksFargateCluster"} <= names


def test_no_resource_class_has_class_body_annotations() -> None:
    annotated = {
        f"{cls.__module__}.{cls.__qualname__}": sorted(inspect.get_annotations(cls))
        for cls in _resource_classes()
        if inspect.get_annotations(cls)
    }
    assert annotated == {}, (
        "declare these attributes in __init__ or the _build_* step that sets them "
        f"(`self.x: T = ...`), not in the class body (see this module's docstring): {annotated}"
    )
