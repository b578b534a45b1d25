"""A mock resource monitor that records every registration as the engine would receive it.

``Recorder`` subclasses Pulumi's ``MockMonitor``: it still asks the mocks for ids and
state, and additionally keeps, for each resource, its type, name, parent, wire-format
inputs (camelCase), the outputs the mocks returned, the URNs it depends on and the
resource options the engine receives.
"""

from __future__ import annotations

import inspect
from typing import Any

import pulumi
from google.protobuf import json_format
from pulumi.runtime import mocks as _mocks
from pulumi.runtime import rpc
from pulumi.runtime.sync_await import _sync_await

from ..model.records import SECRET_MARK, UNKNOWN_MARK, ResourceRecord
from ..model.tokens import STACK

__all__ = ["SECRET_MARK", "UNKNOWN_MARK", "Recorder", "ResourceRecord", "wire_to_plain"]

# Pulumi's wire signatures (sdk/go/common/resource/properties.go).
_SIG = "4dabf18193072939515e22adb298388d"
_SECRET = "1b47061264138c4ac30d75fd1eb44270"
_RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e"
_OUTPUT = "d0e6a833031e9bbcd3f4e8bde6ca49a4"
_ASSET = "c44067f5952c0a294b673a41bacd8c17"
_ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7"
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"


def wire_to_plain(value: Any) -> Any:
    """Turn a wire-format value (``json_format.MessageToDict`` of a Struct) into plain JSON:
    secrets become ``"[secret]"``, unknowns ``"[unknown]"``, resource references their URN."""
    if isinstance(value, dict):
        sig = value.get(_SIG)
        if sig == _SECRET:
            return SECRET_MARK
        if sig == _RESOURCE:
            return value.get("urn")
        if sig == _OUTPUT:
            if value.get("secret"):
                return SECRET_MARK
            return wire_to_plain(value["value"]) if "value" in value else UNKNOWN_MARK
        if sig in (_ASSET, _ARCHIVE):
            return {k: v for k, v in value.items() if k != _SIG}
        return {k: wire_to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [wire_to_plain(v) for v in value]
    if value == UNKNOWN:
        return UNKNOWN_MARK
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _options(request: Any) -> dict[str, Any]:
    aliases = []
    for alias in request.aliases:
        if alias.WhichOneof("alias") == "urn":
            aliases.append(alias.urn)
        else:
            aliases.append(json_format.MessageToDict(alias.spec))
    aliases.extend(request.aliasURNs)
    return {
        "protect": bool(request.protect),
        "ignore_changes": list(request.ignoreChanges),
        "retain_on_delete": bool(request.retainOnDelete),
        "delete_before_replace": bool(request.deleteBeforeReplace),
        "replace_on_changes": list(request.replaceOnChanges),
        "aliases": aliases,
        "provider": _provider_reference(request.provider),
    }


def _provider_reference(reference: str) -> str | None:
    """``<provider urn>::<provider id>``; an id unknown at preview (a first preview of a
    provider created by the program) as ``<urn>::[unknown]``."""
    urn, sep, pid = (reference or "").rpartition("::")
    if not reference:
        return None
    return f"{urn}::{UNKNOWN_MARK}" if sep and pid == UNKNOWN else reference


class Recorder(_mocks.MockMonitor):
    """A ``MockMonitor`` that keeps a :class:`ResourceRecord` per registered resource.

    Example::

        # fragment: what run_in_mocks does for you, in a Pulumi program's process
        recorder = Recorder(FargateMocks())
        pulumi.runtime.set_mocks(recorder.mocks, monitor=recorder)

    Most code uses :func:`fargate_components.testing.run_in_mocks` instead, which sets this
    up, runs a program and returns a :class:`~fargate_components.testing.Plan`.
    """

    def __init__(self, mocks: _mocks.Mocks) -> None:
        super().__init__(mocks)
        self.records: dict[str, ResourceRecord] = {}
        self._transforms: dict[str, list[Any]] = {}
        self.order: list[str] = []

    def _apply_transforms(self, request: Any) -> None:
        """Run the ``transforms`` resource option as the engine does: the resource's own,
        then each ancestor's (a component's transforms reach all its children). Props are
        the wire (engine) property names; only props changes are applied here (not
        options)."""
        urn = self.make_urn(request.parent, request.type, request.name)
        own = _mocks._resolve_callbacks(request.transforms)
        chain = [*own, *self._transforms.get(request.parent or "", [])]
        self._transforms[urn] = chain
        if not chain or request.type == STACK:
            return
        props = rpc.deserialize_properties(request.object)
        changed = False
        for transform in chain:
            result = transform(
                pulumi.ResourceTransformArgs(
                    custom=bool(request.custom),
                    type_=request.type,
                    name=request.name,
                    props=props,
                    opts=pulumi.ResourceOptions(),
                )
            )
            if inspect.isawaitable(result):
                result = _sync_await(result)
            if result is not None:
                props, changed = dict(result.props), True
        if changed:
            request.object.CopyFrom(_sync_await(rpc.serialize_properties(props, {})))

    def RegisterResource(self, request: Any) -> Any:
        self._apply_transforms(request)
        response = super().RegisterResource(request)
        urn = response.urn
        wire_in = json_format.MessageToDict(request.object)
        wire_out = json_format.MessageToDict(response.object) if response.object else {}
        deps = set(request.dependencies)
        prop_deps: dict[str, list[str]] = {}
        for prop, urns in sorted(request.propertyDependencies.items()):
            if urns.urns:  # only the inputs that came from another resource
                prop_deps[prop] = sorted(urns.urns)
            deps.update(urns.urns)
        record = ResourceRecord(
            urn=urn,
            type=request.type,
            name=request.name,
            id=response.id or None,
            parent=request.parent or None,
            custom=bool(request.custom),
            inputs=wire_to_plain(wire_in),
            outputs=wire_to_plain(wire_out),
            depends_on=sorted(deps),
            property_dependencies=prop_deps,
            options=_options(request),
        )
        if urn not in self.records:
            self.order.append(urn)
        self.records[urn] = record
        return response

    def ReadResource(self, request: Any) -> Any:
        response = super().ReadResource(request)
        reg = self.resources[response.urn]
        self.records[response.urn] = ResourceRecord(
            urn=response.urn,
            type=request.type,
            name=request.name,
            id=reg.id,
            parent=request.parent or None,
            custom=True,
            inputs={},
            outputs=wire_to_plain(json_format.MessageToDict(response.properties)),
            depends_on=sorted(request.dependencies),
            property_dependencies={},
            options={"read": True, "provider": request.provider or None},
        )
        if response.urn not in self.order:
            self.order.append(response.urn)
        return response
