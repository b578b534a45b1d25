"""ECR repositories and their lifecycle policies, replayed into moto: a bad repository name,
tag-mutability setting, exclusion filter or lifecycle policy fails the simulated deploy as
ECR would (moto validates them). Docker builds are not AWS calls and are never replayed
(:func:`docker_build` says so): the task definition keeps the plan's placeholder digest."""

from __future__ import annotations

from typing import Any

from ..context import Ctx, Out, Unsupported
from .common import _known, _tags
from .updates import NO_CALL, InPlace, calls


def repository(inputs: dict[str, Any], ctx: Ctx) -> Out:
    ecr = ctx.client("ecr")
    name = ctx.name()
    params: dict[str, Any] = {
        "repositoryName": name,
        "imageTagMutability": inputs.get("imageTagMutability") or "MUTABLE",
        "imageScanningConfiguration": {
            "scanOnPush": bool((inputs.get("imageScanningConfiguration") or {}).get("scanOnPush"))
        },
    }
    filters = inputs.get("imageTagMutabilityExclusionFilters") or []
    if filters:
        params["imageTagMutabilityExclusionFilters"] = [
            {"filter": f["filter"], "filterType": f["filterType"]} for f in filters
        ]
    encryption = (inputs.get("encryptionConfigurations") or [{}])[0]
    if encryption.get("encryptionType"):
        params["encryptionConfiguration"] = {
            "encryptionType": encryption["encryptionType"],
            **(
                {"kmsKey": _known(encryption["kmsKey"], "encryptionConfigurations.kmsKey")}
                if encryption.get("kmsKey")
                else {}
            ),
        }
    tags = _tags(inputs)
    if tags:
        params["tags"] = tags
    repo = ecr.create_repository(**params)["repository"]
    return {
        "id": repo["repositoryName"],
        "name": repo["repositoryName"],
        "arn": repo["repositoryArn"],
        "registryId": repo["registryId"],
        "repositoryUrl": repo["repositoryUri"],
    }


def lifecycle_policy(inputs: dict[str, Any], ctx: Ctx) -> Out:
    name = str(_known(inputs.get("repository"), "repository"))
    out = ctx.client("ecr").put_lifecycle_policy(
        repositoryName=name, lifecyclePolicyText=_known(inputs.get("policy"), "policy")
    )
    return {"id": name, "registryId": out["registryId"]}


def _set_mutability(inputs: dict[str, Any], ctx: Ctx) -> None:
    params: dict[str, Any] = {
        "repositoryName": ctx.outputs["name"],
        "imageTagMutability": inputs.get("imageTagMutability") or "MUTABLE",
    }
    filters = inputs.get("imageTagMutabilityExclusionFilters") or []
    if filters:
        params["imageTagMutabilityExclusionFilters"] = [
            {"filter": f["filter"], "filterType": f["filterType"]} for f in filters
        ]
    ctx.client("ecr").put_image_tag_mutability(**params)


def _set_scanning(inputs: dict[str, Any], ctx: Ctx) -> None:
    scan = bool((inputs.get("imageScanningConfiguration") or {}).get("scanOnPush"))
    ctx.client("ecr").put_image_scanning_configuration(
        repositoryName=ctx.outputs["name"], imageScanningConfiguration={"scanOnPush": scan}
    )


#: In place: tag mutability (PutImageTagMutability), scanning (PutImageScanningConfiguration),
#: tags; ``forceDelete`` is the provider's own; the name and encryption force a replacement.
REPOSITORY_UPDATE = InPlace(
    calls(
        (("imageTagMutability", "imageTagMutabilityExclusionFilters"), _set_mutability),
        ("imageScanningConfiguration", _set_scanning),
        ("forceDelete", NO_CALL),
    ),
    "the name and the encryption configuration force a replacement",
)


def repository_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    """DeleteRepository; ECR refuses one that still holds images unless ``force`` (the
    provider's ``forceDelete``, off for the repositories the library creates)."""
    ctx.client("ecr").delete_repository(
        repositoryName=ctx.outputs["name"], force=bool(inputs.get("forceDelete"))
    )


def lifecycle_policy_delete(inputs: dict[str, Any], ctx: Ctx) -> None:
    ctx.client("ecr").delete_lifecycle_policy(repositoryName=ctx.outputs["id"])


#: Why a docker build is never replayed (create or update).
DOCKER_BUILD_GAP = (
    "a Docker build runs on the deploying machine (BuildKit), not an AWS API: not built or "
    "pushed; the task definition keeps the plan's placeholder digest"
)


def docker_build(inputs: dict[str, Any], ctx: Ctx) -> Out:
    raise Unsupported(DOCKER_BUILD_GAP)


def docker_build_delete(inputs: dict[str, Any], ctx: Ctx) -> str:
    return (
        "no AWS call: deleting a docker-build Image deletes no pushed tag or image "
        "(the repository's lifecycle policy expires them)"
    )
