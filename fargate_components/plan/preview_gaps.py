"""The inputs a reviewer reads that a first ``pulumi preview`` could not show.

In a preview-faithful plan (``plan --preview-faithful``, ``run_in_mocks(preview_faithful=True)``)
every attribute the provider computes on create is ``"[unknown]"``, as the engine prints
"known after apply". Ids and ARNs are expected to be unknown there; what a reviewer must
still be able to read is listed here, and :func:`preview_gaps` names every one that is not:

- a task definition's container definitions, and each container's image (but for those
  that name an image the library builds by its digest, known only after the build: the
  build's own inputs show what it is, see ``_waits_for_build``);
- a Helm release's values (an unknown leaf is a gap unless it is an id or an ARN AWS
  assigns on create, e.g. ``vpcId``);
- a listener rule's conditions and a listener's default action types;
- the role an inline IAM policy is attached to; an S3 bucket policy's document and bucket;
- an ECS service's capacity provider strategy;
- every resource's tags, and any ``image`` (Kubernetes workloads).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..model import UNKNOWN_MARK, Plan, ResourceRecord, parse_json
from ..model.tokens import (
    DOCKER_BUILD_IMAGE,
    ECS_SERVICE,
    ECS_TASK_DEFINITION,
    HELM_RELEASE,
    IAM_ROLE_POLICY,
    LISTENER_RULES,
    LISTENERS,
    S3_BUCKET_POLICY,
)

__all__ = ["PreviewGap", "preview_gaps", "render_preview_gaps"]

#: A key whose value AWS assigns on create (``vpcId``, ``roleArn``, ``subnet-ids``, ...).
_ASSIGNED_KEY = re.compile(r"(?i)(^|[-_.]|[a-z])(id|ids|arn|arns)$")


@dataclass(frozen=True)
class PreviewGap:
    """One input a reviewer reads, unknown in the first preview of a new stack."""

    resource: str
    """The resource's logical name."""
    type: str
    """Its type token."""
    path: str
    """Where in its inputs (wire names), e.g. ``containerDefinitions[0].image``."""
    what: str
    """What the reviewer cannot see, in words."""

    def to_json(self) -> dict[str, str]:
        return {"resource": self.resource, "type": self.type, "path": self.path, "what": self.what}


def _unknown_leaves(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """``(path, key)`` of every unknown leaf inside ``value``."""
    if isinstance(value, dict):
        for key, item in value.items():
            if item == UNKNOWN_MARK:
                yield f"{path}.{key}", str(key)
            else:
                yield from _unknown_leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if item == UNKNOWN_MARK:
                yield f"{path}[{i}]", ""
            else:
                yield from _unknown_leaves(item, f"{path}[{i}]")


def _task_definition(r: ResourceRecord) -> Iterator[tuple[str, str]]:
    raw = r.inputs.get("containerDefinitions")
    containers = parse_json(raw)
    if not isinstance(containers, list):
        if not _waits_for_build(r):
            yield "containerDefinitions", "the container definitions (every image and setting)"
        return
    for i, container in enumerate(containers):
        image = container.get("image") if isinstance(container, dict) else None
        if image == UNKNOWN_MARK and not _waits_for_build(r):
            yield f"containerDefinitions[{i}].image", "the container image"


def _waits_for_build(r: ResourceRecord) -> bool:
    """The container definitions name an image the library builds (``ImageBuild``) by its
    digest, which exists only once the build has run: the engine prints them "known after
    apply" whenever the build's inputs change, by design (a new build rolls a deployment).
    What a reviewer reads of it is the build's inputs (context, Dockerfile, platform, tag)."""
    return any(
        f"${DOCKER_BUILD_IMAGE}::" in urn
        for urn in r.property_dependencies.get("containerDefinitions", ())
    )


def _helm_release(r: ResourceRecord) -> Iterator[tuple[str, str]]:
    values = r.inputs.get("values")
    if values == UNKNOWN_MARK:
        yield "values", "the Helm values"
        return
    for path, key in _unknown_leaves(values, "values"):
        if not _ASSIGNED_KEY.search(key):
            yield path, "a Helm value"


def _known_or_gap(r: ResourceRecord, key: str, what: str) -> Iterator[tuple[str, str]]:
    value = r.inputs.get(key)
    if value == UNKNOWN_MARK:
        yield key, what
    else:
        for path, _ in _unknown_leaves(value, key):
            yield path, what


def _listener(r: ResourceRecord) -> Iterator[tuple[str, str]]:
    actions = r.inputs.get("defaultActions")
    if actions == UNKNOWN_MARK:
        yield "defaultActions", "the listener's default actions"
    elif isinstance(actions, list):
        for i, action in enumerate(actions):
            if isinstance(action, dict) and action.get("type") == UNKNOWN_MARK:
                yield f"defaultActions[{i}].type", "a default action's type"


_CHECKS = {
    ECS_TASK_DEFINITION: _task_definition,
    HELM_RELEASE: _helm_release,
    IAM_ROLE_POLICY: lambda r: _known_or_gap(r, "role", "the role the policy is attached to"),
    S3_BUCKET_POLICY: lambda r: [
        *_known_or_gap(r, "policy", "the bucket policy"),
        *_known_or_gap(r, "bucket", "the bucket the policy is on"),
    ],
    ECS_SERVICE: lambda r: _known_or_gap(
        r, "capacityProviderStrategies", "the capacity provider strategy"
    ),
    **{
        t: lambda r: _known_or_gap(r, "conditions", "a listener rule condition")
        for t in LISTENER_RULES
    },
    **{t: _listener for t in LISTENERS},
}


def _images(r: ResourceRecord) -> Iterator[tuple[str, str]]:
    """Any unknown ``image`` in the inputs (Kubernetes workloads, Helm values)."""
    for path, key in _unknown_leaves(r.inputs, ""):
        if key == "image":
            yield path.lstrip("."), "a container image"


def preview_gaps(plan: Plan) -> list[PreviewGap]:
    """Every input a reviewer reads that is unknown in ``plan`` (meaningful for a
    preview-faithful plan; a plain offline plan knows everything), in plan order."""
    gaps: list[PreviewGap] = []
    for r in plan.resources:
        found = dict(_CHECKS.get(r.type, lambda _: iter(()))(r))
        found.update(_known_or_gap(r, "tags", "a tag"))
        if r.type != ECS_TASK_DEFINITION:
            found.update((p, w) for p, w in _images(r) if p not in found)
        gaps += [PreviewGap(r.name, r.type, path, what) for path, what in found.items()]
    return gaps


def render_preview_gaps(gaps: list[PreviewGap]) -> list[str]:
    """Text lines for the tree: what a reviewer won't see in the first preview."""
    if not gaps:
        return [
            "Unknown at preview: no image, Helm value, listener condition, strategy, policy "
            "role or tag (ids and ARNs are known after apply)"
        ]
    lines = [f"Unknown at preview ({len(gaps)} inputs a reviewer reads):"]
    lines += [f"    {g.resource}: {g.path} ({g.what})" for g in gaps]
    return lines
