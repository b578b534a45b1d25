"""Images that are pinned: what a task or pod runs is the image the plan names, not whatever a
tag names when the task starts. FC-ECS-012 (ECS task definitions) and FC-K8S-008 (Kubernetes
workloads; Checkov's CKV_K8S_43 "Image should use digest", reported once).

An image is pinned when its reference has a digest (``repo@sha256:...``, ``repo:tag@sha256:...``:
the digest wins over the tag), or when its tag belongs to an ECR repository *of this plan*
whose tags cannot move for that tag:

- ``IMMUTABLE``: no tag can be overwritten ("Preventing image tags from being overwritten in
  Amazon ECR", ECR User Guide,
  https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html: a push of an
  existing tag fails with ``ImageTagAlreadyExistsException``);
- ``IMMUTABLE_WITH_EXCLUSION``: immutable but for tags matching an exclusion filter;
  ``MUTABLE_WITH_EXCLUSION``: mutable but for tags matching one (``PutImageTagMutability``,
  ECR API Reference; filters are ``WILDCARD`` patterns of ``[0-9a-zA-Z._*-]``,
  ``ImageTagMutabilityExclusionFilter``; ``*`` matches any run of characters, as the CDK's
  ``wildcard('dev-*')`` examples show; matching taken as case-sensitive, like tags: not
  stated in the stored docs);
- ``MUTABLE`` (ECR's default) and every other registry (Docker Hub, ``public.ecr.aws``, a
  repository this plan does not create) are not known to keep a tag still.

So ``ImageBuild``'s images pass (their repository is IMMUTABLE and the tag is the content
hash), ``nginx``, ``nginx:latest`` and ``public.ecr.aws/nginx/nginx:1.27`` do not. An image
unknown at preview is *unverified*, never a pass.

Severity **warning**: a moving tag lets a task run code no reviewed plan showed (each new
deployment, each ``RunTask`` or scheduled run resolves the tag again; ECS pins a digest only
within one service deployment, "Container image resolution", ECS Developer Guide / API
``ContainerImage``: "Amazon ECS resolves container image names and any image tags specified
in the task definition to container image digests"), and re-deploying an old revision is no
rollback of the image. It is legal and common, so it does not block (an ``error`` is
mandatory in the CrossGuard pack). Matching a repository is by name (the registry host's
account and region are those of the plan's own account when the library builds the URL).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..ecs.task_policies import ecr_repository
from ..eks.workloads import WORKLOAD_TYPES, object_workload, pod_containers
from ..model import UNKNOWN_MARK, Graph, ResourceRecord, is_known, parse_json
from ..model.tokens import ECR_REPOSITORY, ECS_TASK_DEFINITION
from .model import Unverified, unseen
from .rules import _rule

__all__ = ["ImageReference", "image_reference", "unpinned_reason"]

#: An OCI digest: ``<algorithm>:<encoded>`` (OCI image spec, "Digests").
_DIGEST = re.compile(r"@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")

_FIX = (
    "name the image by digest (`repo@sha256:...`, or `repo:tag@sha256:...`), or build it with "
    "`ImageBuild` / push it to an ECR repository with immutable tags (`imageTagMutability: "
    "IMMUTABLE`); waive it with the reason where following a moving tag is deliberate"
)


@dataclass(frozen=True)
class ImageReference:
    """An image reference split as Docker reads it: ``[registry/]path[:tag][@digest]``."""

    repository: str
    """Everything before the tag and digest (registry host included)."""
    tag: str | None
    digest: str | None


def image_reference(image: str) -> ImageReference:
    """Split ``image`` (``nginx``, ``nginx:1.27``, ``host:5000/team/app:1@sha256:...``): the
    tag is after the last ``:`` of the last path component (a registry port is not a tag)."""
    name, _, digest = image.partition("@")
    head, slash, last = name.rpartition("/")
    path, colon, tag = last.partition(":")
    return ImageReference(f"{head}{slash}{path}", tag if colon else None, digest or None)


def _mutable_for(repository: ResourceRecord, tag: str) -> bool | None:
    """Whether ``tag`` can be moved in ``repository`` (``None``: unknown at preview)."""
    mode = repository.inputs.get("imageTagMutability") or "MUTABLE"
    filters = repository.inputs.get("imageTagMutabilityExclusionFilters") or []
    if not is_known(mode) or not is_known(filters):
        return None
    patterns: list[Any] = [
        f.get("filter")
        for f in filters
        if isinstance(f, Mapping) and f.get("filterType", "WILDCARD") == "WILDCARD"
    ]
    if any(not isinstance(p, str) or not is_known(p) for p in patterns):
        return None
    # a filter is [0-9a-zA-Z._*-]: '*' is its only special character, as in fnmatch
    excluded = any(fnmatch.fnmatchcase(tag, str(p)) for p in patterns)
    if mode == "IMMUTABLE":
        return False
    if mode == "IMMUTABLE_WITH_EXCLUSION":
        return excluded
    if mode == "MUTABLE_WITH_EXCLUSION":
        return not excluded
    return True


def unpinned_reason(image: Any, graph: Graph) -> str | None:
    """Why ``image`` may change under the same reference (``None``: pinned), or an
    :class:`Unverified` when the reference (or its repository's settings) is unknown.

    Example::

        from fargate_components.model import Graph
        from fargate_components.policy import unpinned_reason

        assert unpinned_reason("nginx:1.27@sha256:" + "0" * 64, Graph([])) is None
        print(unpinned_reason("nginx:latest", Graph([])))  # "... the tag `latest` ..."
    """
    if image is None:  # no image at all: ECS and Kubernetes refuse that, nothing moves
        return None
    if not isinstance(image, str) or not image or not is_known(image) or UNKNOWN_MARK in image:
        return unseen("the image", image)
    if _DIGEST.search(image):
        return None
    ref = image_reference(image)
    if ref.tag is None or ref.tag == "latest":
        how = "no tag (that is `latest`)" if ref.tag is None else "the tag `latest`"
        return f"image {image!r} has no digest and {how}, which moves with every push"
    ecr = ecr_repository(image)
    if ecr is None:
        return f"image {image!r} has no digest and its tag is on a registry not known to keep tags immutable"
    repositories = graph.of_type(ECR_REPOSITORY)
    names = {r.urn: r.inputs.get("name") or r.outputs.get("name") for r in repositories}
    for repository in repositories:
        if names[repository.urn] != ecr.name:
            continue
        mutable = _mutable_for(repository, ref.tag)
        if mutable is None:
            return unseen(f"the tag mutability of {repository.name!r}", UNKNOWN_MARK)
        if not mutable:
            return None
        mode = repository.inputs.get("imageTagMutability") or "MUTABLE"
        return (
            f"image {image!r} has no digest and its tag can be overwritten in the ECR "
            f"repository {repository.name!r} (imageTagMutability {mode})"
        )
    unknown = [r.name for r in repositories if not is_known(names[r.urn]) or not names[r.urn]]
    if unknown:
        return Unverified(
            f"image {image!r} may be in the ECR repository {unknown[0]!r}, whose name is unknown"
        )
    return (
        f"image {image!r} has no digest and its tag is on an ECR repository this plan does "
        "not create, not known to keep tags immutable"
    )


def _report(image: Any, where: str, graph: Graph) -> Iterator[str]:
    reason = unpinned_reason(image, graph)
    if isinstance(reason, Unverified):
        yield Unverified(f"{where}: {reason}")
    elif reason:
        yield f"{where}: {reason}"


@_rule(
    "FC-ECS-012",
    "warning",
    ECS_TASK_DEFINITION,
    "Container images are pinned by digest or by a tag that cannot move",
    _FIX,
    needs_graph=True,
)
def _ecs_images_pinned(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    raw = record.inputs.get("containerDefinitions")
    if raw is not None and not is_known(raw):
        yield unseen("containerDefinitions", raw)
        return
    parsed = parse_json(raw)
    for container in parsed if isinstance(parsed, list) else []:
        if isinstance(container, dict):
            yield from _report(
                container.get("image"), f"container {container.get('name', '?')!r}", graph
            )


@_rule(
    "FC-K8S-008",
    "warning",
    tuple(WORKLOAD_TYPES),
    "Pod container images are pinned by digest or by a tag that cannot move",
    _FIX + " (on a Kubernetes object: the annotation `checkov.io/skipN: CKV_K8S_43=<reason>`)",
    checkov="CKV_K8S_43",
    needs_graph=True,
)
def _pod_images_pinned(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    workload = object_workload(record.type, record.inputs, record.name)
    if workload is None:
        return
    containers = [
        (key, c)
        for key in ("initContainers", "containers")
        for c in pod_containers(workload.pod_spec, key)
    ]
    if not containers:
        yield Unverified("the pod template's containers are unknown at preview")
        return
    for key, container in containers:
        kind = "init container" if key == "initContainers" else "container"
        yield from _report(container.get("image"), f"{kind} {container.get('name', '?')!r}", graph)
