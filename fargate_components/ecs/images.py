"""Container images built from a Dockerfile: the build's arguments, their checks, the ECR
repository's settings and lifecycle policy, the platform and the image tag. Decisions only
(no resources): ``image_component.ContainerImage`` wires them.

How a build becomes a task's image:

- The build runs where ``pulumi up`` runs (BuildKit through ``pulumi-docker-build``), for the
  platform of the task definition's ``architecture`` (``X86_64`` -> ``linux/amd64``,
  ``ARM64`` -> ``linux/arm64``), and is pushed to an ECR repository the library creates
  (or one given by URL).
- The tag is ``<prefix>-<hash>``: a SHA-256 of every file of the context (``.git`` aside), the
  Dockerfile, the target, the platform, the build args and the secret *ids* (never their
  values), so it is known at the first preview and changes exactly when the build does (an
  immutable tag is never pushed twice with different content). The ``.dockerignore`` is not
  read: a change to an ignored file gives a new tag (a rebuild), never a stale one.
- The task definition names the image by that tag in the repository the library creates
  (``<account>.dkr.ecr.<region>.<dns suffix>/<name>:<tag>``): the repository's tags are
  immutable ("Preventing image tags from being overwritten in Amazon ECR", ECR User Guide,
  https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html: a push
  of an existing tag fails with ``ImageTagAlreadyExistsException``), so the tag names one
  image as a digest does, and, unlike the digest, it is known at the first preview (the
  container definitions a reviewer reads are shown, not "known after apply"). The task
  definition ``depends_on`` the build, so the image is pushed before ECS can pull it; a new
  build is a new tag, so a new task definition revision and a deployment. In a repository
  given by URL (``repository_url``: its tag settings are its owner's) the image is named by
  digest (``<repository>@sha256:...``), known once built. ``ContainerImage.digest_uri`` is
  the digest form either way.

Sources (checked 2026-12-01):

- Repository names: ``CreateRepository`` (Amazon ECR API Reference,
  https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html):
  ``repositoryName`` is 2-256 characters matching
  ``(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*``; the CLI reference adds
  "must start with a letter" (``aws ecr create-repository``), so both are checked.
- Tag mutability: ``IMMUTABLE`` stops tags being overwritten; ``IMMUTABLE_WITH_EXCLUSION``
  with ``imageTagMutabilityExclusionFilters`` (``filterType`` ``WILDCARD``, a filter of
  ``^[0-9a-zA-Z._*-]{1,128}$``, API type ``ImageTagMutabilityExclusionFilter``) exempts only
  the build cache's own tag, which each build moves.
- Lifecycle policies ("Lifecycle policy properties in Amazon ECR", ECR User Guide,
  https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html):
  each rule has a unique ``rulePriority`` (lowest first), ``tagStatus`` ``tagged`` /
  ``untagged`` / ``any`` (``untagged`` takes no tag list; ``tagged`` needs
  ``tagPatternList`` or ``tagPrefixList``), ``countType`` ``imageCountMoreThan`` (with
  ``countNumber``) or ``sinceImagePushed`` (with ``countUnit`` ``days``), action ``expire``.
- Encryption: with ``encryptionType`` ``KMS`` ECR adds a grant on the key for the repository,
  so pulls need no ``kms:Decrypt`` on the execution role ("Encryption at rest", ECR User
  Guide, https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html).
- Build cache in ECR: BuildKit's registry cache needs ``image-manifest=true`` and
  ``oci-mediatypes=true`` for ECR (pulumi-docker-build ``CacheToRegistry.imageManifest``:
  "Some registries like AWS ECR will not work with caching if this is false").
- Build args are environment-variable-like names (Dockerfile reference, ``ARG <name>``);
  checked as letters, digits and ``_``, not starting with a digit. Not confirmed as
  BuildKit's exact rule in the stored docs: this is the portable subset.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pulumi

from ..errors import ValidationError, argument_path, check_choice, check_int_range, is_known
from ..kms import CREATE_KEY, check_kms_key

__all__ = [
    "CACHE_MODES",
    "CACHE_TAG",
    "PLATFORMS",
    "ImageBuild",
    "ImagePlan",
    "check_container_builds",
    "check_repository_name",
    "context_tag",
    "image_name",
    "lifecycle_policy",
    "plan_image",
]

#: Task definition ``architecture`` -> the build platform (Fargate runs Linux on these two).
PLATFORMS = {"X86_64": "linux/amd64", "ARM64": "linux/arm64"}

#: Where BuildKit keeps its cache between builds: ``"registry"`` (a tag of the image's own
#: repository, replaced by each build), ``"local"`` (a directory on the building machine) or
#: ``"none"``.
CACHE_MODES = ("registry", "local", "none")

#: The tag the registry cache lives under (the one tag exempt from immutability).
CACHE_TAG = "buildcache"

_REPOSITORY = re.compile(r"^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")
_REPOSITORY_URL = re.compile(
    r"^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/(.+)$"
)
_BUILD_ARG = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: A Dockerfile stage name (``FROM ... AS <name>``): letters, digits, ``-``, ``_``, ``.``.
_TARGET = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
#: Docker tag grammar: ``[\w][\w.-]{0,127}``; the prefix leaves room for ``-<12 hex>``.
_TAG_PREFIX = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")
_SECRET_ID = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")


def check_repository_name(argument: str, value: Any) -> None:
    """An ECR repository name: 2-256 characters, lowercase, starting with a letter,
    ``/``-separated parts of letters and digits joined by single ``.``, ``_`` or ``-``."""
    if not isinstance(value, str) or not (
        2 <= len(value) <= 256 and value[:1].isalpha() and _REPOSITORY.match(value)
    ):
        raise ValidationError(
            argument,
            value,
            "2-256 characters: lowercase letters and digits, starting with a letter, in "
            "parts separated by '/', each joining runs of letters and digits with single "
            "'.', '_' or '-' (ECR CreateRepository repositoryName)",
        )


@dataclass(frozen=True, kw_only=True)
class ImageBuild:
    """A container image built from a Dockerfile and pushed to ECR, for ``Container.image``.

    Example::

        # fragment: needs an ./app folder with a Dockerfile next to the program
        Container(name="web", image=ImageBuild(context="app"), port_mappings=[8080])

    Checked at construction (``ValidationError`` naming ``ImageBuild.<field>``).
    """

    context: str
    """The build context: a directory, relative to the Pulumi program's directory (or
    absolute). Required."""
    dockerfile: str = "Dockerfile"
    """The Dockerfile, relative to ``context``; it must be inside it. Default: "Dockerfile"."""
    target: str | None = None
    """The stage to build (``FROM ... AS <target>``). Default: None (the last stage)."""
    build_args: Mapping[str, str] = field(default_factory=dict)
    """``ARG`` values (plain strings: they are visible in the image's history, so never a
    secret). Default: {}."""
    build_secrets: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    """BuildKit secrets, id -> value, read with ``RUN --mount=type=secret,id=<id>``: in
    neither the image nor its history, and secret in the Pulumi state. Default: {}."""
    platform: str | None = None
    """``linux/amd64`` or ``linux/arm64``; must match the task definition's ``architecture``.
    Default: None (derived from it)."""
    repository_url: pulumi.Input[str] | None = None
    """Push to this existing ECR repository
    (``<account>.dkr.ecr.<region>.amazonaws.com/<name>``) instead of creating one; its
    settings (immutability, scanning, lifecycle) are yours. Default: None (create one)."""
    repository_name: str | None = None
    """Name of the repository to create. Default: None (Pulumi names it
    ``<component>-repository-<random>``; the component name must then be a valid, lowercase
    repository name)."""
    tag_prefix: str = "build"
    """The image tag is ``<tag_prefix>-<12 hex of the build's content hash>``. Default:
    "build"."""
    images_kept: int = 10
    """Lifecycle policy: keep this many most recent tagged images (1-1000), expire older ones.
    Default: 10."""
    untagged_days: int = 1
    """Lifecycle policy: expire untagged images (superseded build caches, images whose tag
    moved) this many days after their push (1-365). Default: 1."""
    cache: str = "registry"
    """Build cache: ``"registry"`` (the repository's ``buildcache`` tag: one cache image, the
    previous one expires with ``untagged_days``), ``"local"`` (``cache_dir`` on the building
    machine) or ``"none"``. Default: "registry"."""
    cache_dir: str = ".buildcache"
    """With ``cache="local"``: the cache directory, relative to the program. Default:
    ".buildcache"."""
    kms_key: pulumi.Input[str] | None = CREATE_KEY
    """Encryption of the created repository: ``"create"`` (a customer managed key, $1/month),
    a KMS key ARN, or None (ECR's AES-256). Default: "create"."""
    scan_on_push: bool = True
    """Scan every pushed image for vulnerabilities (ECR basic scanning). Default: True."""

    def __post_init__(self) -> None:
        self.validate()

    @argument_path("ImageBuild")
    def validate(self) -> None:
        """Every check that needs no task definition (paths relative to the working
        directory, as Pulumi runs the program from its directory)."""
        _check_paths(self)
        if self.target is not None and not (
            isinstance(self.target, str) and _TARGET.match(self.target)
        ):
            raise ValidationError(
                "target", self.target, "a stage name: a letter, then letters, digits, '.', '_', '-'"
            )
        _check_args(self)
        if self.platform is not None:
            check_choice("platform", self.platform, tuple(PLATFORMS.values()))
        _check_repository(self)
        if not isinstance(self.tag_prefix, str) or not _TAG_PREFIX.match(self.tag_prefix):
            raise ValidationError(
                "tag_prefix",
                self.tag_prefix,
                "1-64 letters, digits, '_', '.', '-', not starting with '.' or '-' (a Docker tag)",
            )
        check_int_range("images_kept", self.images_kept, 1, 1000)
        check_int_range("untagged_days", self.untagged_days, 1, 365)
        check_choice("cache", self.cache, CACHE_MODES)
        if self.cache == "local" and (not isinstance(self.cache_dir, str) or not self.cache_dir):
            raise ValidationError("cache_dir", self.cache_dir, "a directory path")
        if not isinstance(self.scan_on_push, bool):
            raise ValidationError("scan_on_push", self.scan_on_push, "True or False")


def _check_paths(build: ImageBuild) -> None:
    if not isinstance(build.context, str) or not build.context:
        raise ValidationError("context", build.context, "a directory path")
    context = Path(build.context)
    if not context.is_dir():
        raise ValidationError(
            "context",
            build.context,
            f"an existing directory (relative to {os.getcwd()}, the program's directory)",
        )
    if not isinstance(build.dockerfile, str) or not build.dockerfile:
        raise ValidationError("dockerfile", build.dockerfile, "a file path inside context")
    dockerfile = (context / build.dockerfile).resolve()
    if not dockerfile.is_relative_to(context.resolve()):
        raise ValidationError("dockerfile", build.dockerfile, "a path inside context")
    if not dockerfile.is_file():
        raise ValidationError(
            "dockerfile", build.dockerfile, f"an existing file inside {build.context!r}"
        )


def _check_args(build: ImageBuild) -> None:
    if not isinstance(build.build_args, Mapping):
        raise ValidationError("build_args", build.build_args, "a mapping of name -> string")
    for key, value in build.build_args.items():
        if not isinstance(key, str) or not _BUILD_ARG.match(key):
            raise ValidationError(
                f"build_args[{key!r}]",
                key,
                "a name of letters, digits and '_', not starting with a digit",
            )
        if not isinstance(value, str):
            raise ValidationError(
                f"build_args[{key!r}]", value, "a plain string (secrets go in build_secrets)"
            )
    if not isinstance(build.build_secrets, Mapping):
        raise ValidationError("build_secrets", build.build_secrets, "a mapping of id -> value")
    for key in build.build_secrets:
        if not isinstance(key, str) or not _SECRET_ID.match(key):
            raise ValidationError(
                f"build_secrets[{key!r}]", key, "an id of 1-128 letters, digits, '_', '.', '-'"
            )
    both = sorted(set(build.build_args) & set(build.build_secrets))
    if both:
        raise ValidationError(
            "build_secrets", both, "ids not also given as build_args (a secret is not an ARG)"
        )


def _check_repository(build: ImageBuild) -> None:
    url = build.repository_url
    if url is not None:
        if is_known(url) and not (isinstance(url, str) and _REPOSITORY_URL.match(url)):
            raise ValidationError(
                "repository_url",
                url,
                "an ECR repository URL: <account>.dkr.ecr.<region>.amazonaws.com/<name> "
                "(no tag or digest)",
            )
        if isinstance(url, str) and (match := _REPOSITORY_URL.match(url)):
            check_repository_name("repository_url", match.group(3))
        for attr in ("repository_name",):
            if getattr(build, attr) is not None:
                raise ValidationError(
                    attr, getattr(build, attr), "unset when repository_url is given"
                )
        if build.kms_key != CREATE_KEY:
            raise ValidationError(
                "kms_key", build.kms_key, "left at its default when repository_url is given"
            )
        return
    if build.repository_name is not None:
        check_repository_name("repository_name", build.repository_name)
    check_kms_key("kms_key", build.kms_key)


@dataclass(frozen=True)
class ImagePlan:
    """What ``ContainerImage`` wires for one build: every value decided and checked."""

    build: ImageBuild
    platform: str
    tag: str
    """The image tag, ``<tag_prefix>-<hash>``."""
    creates_repository: bool
    repository_name: str | None
    """The repository to create's explicit name (None: auto-named)."""


def plan_image(build: ImageBuild, architecture: str, resource_name: str) -> ImagePlan:
    """Check ``build`` against the task's ``architecture`` and decide the platform and the
    tag. ``resource_name`` is the repository's Pulumi name, checked when it auto-names."""
    build.validate()
    expected = PLATFORMS.get(architecture)
    if expected is None:
        raise ValidationError(
            "platform", architecture, f"a task architecture of {sorted(PLATFORMS)} (Linux)"
        )
    if build.platform is not None and build.platform != expected:
        raise ValidationError(
            "platform",
            build.platform,
            f"{expected!r}, the platform of the task definition's architecture {architecture!r}",
        )
    creates = build.repository_url is None
    if creates and build.repository_name is None:
        # Pulumi auto-names from the resource name plus "-" and 7 lowercase hex characters.
        try:
            check_repository_name("repository_name", f"{resource_name}-abcdef0")
        except ValidationError as exc:
            raise ValidationError(
                "repository_name",
                None,
                f"given, because the auto-name from {resource_name!r} would not be a valid "
                f"ECR name ({exc.allowed})",
            ) from None
    tag = f"{build.tag_prefix}-{context_tag(build, expected)}"
    return ImagePlan(build, expected, tag, creates, build.repository_name)


def context_tag(build: ImageBuild, platform: str) -> str:
    """12 hex characters of a SHA-256 over the build's content: every file under the context
    (relative path and bytes, ``.git`` directories skipped), the Dockerfile, the target, the
    platform, the build args and the secret ids."""
    digest = hashlib.sha256()
    root = Path(build.context)
    for path in sorted(_files(root)):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    settings = [
        build.dockerfile,
        build.target or "",
        platform,
        *(f"{k}={build.build_args[k]}" for k in sorted(build.build_args)),
        *(f"secret:{k}" for k in sorted(build.build_secrets)),
    ]
    digest.update("\0".join(settings).encode())
    return digest.hexdigest()[:12]


def _files(root: Path) -> list[Path]:
    found: list[Path] = []
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        found.extend(Path(directory) / f for f in files)
    return found


def lifecycle_policy(tag_prefix: str, images_kept: int, untagged_days: int) -> dict[str, Any]:
    """The repository's lifecycle policy: untagged images (superseded build caches, images
    whose tag was removed) expire ``untagged_days`` after their push; of the built images
    (tagged ``<tag_prefix>-*``), only the ``images_kept`` most recent stay. The cache's own
    tag matches neither rule: there is always exactly one cache image."""
    return {
        "rules": [
            {
                "rulePriority": 1,
                "description": f"Expire untagged images (old build caches) after {untagged_days} day(s)",
                "selection": {
                    "tagStatus": "untagged",
                    "countType": "sinceImagePushed",
                    "countUnit": "days",
                    "countNumber": untagged_days,
                },
                "action": {"type": "expire"},
            },
            {
                "rulePriority": 2,
                "description": f"Keep the {images_kept} most recent built images",
                "selection": {
                    "tagStatus": "tagged",
                    "tagPatternList": [f"{tag_prefix}-*"],
                    "countType": "imageCountMoreThan",
                    "countNumber": images_kept,
                },
                "action": {"type": "expire"},
            },
        ]
    }


def image_name(task: str, container: str) -> str:
    """The ``ContainerImage`` a task definition creates for a container's build."""
    return f"{task}-image-{container}"


def check_container_builds(
    task: str, containers: Sequence[Any], architecture: str, operating_system: str
) -> None:
    """Every container whose image is an :class:`ImageBuild`: checked against the task's
    platform (Linux only; the architecture's platform) and its repository's auto-name. Errors
    name ``Container(name=...).image``."""
    for c in containers:
        build = getattr(c, "image", None)
        if not isinstance(build, ImageBuild):
            continue
        where = f"Container(name={c.name!r}).image"
        if operating_system != "LINUX":
            raise ValidationError(
                where, "ImageBuild(...)", "an image URI: builds are for Linux tasks only"
            )
        with argument_path(where, "ImageBuild"):
            plan_image(build, architecture, f"{image_name(task, c.name)}-repository")
