"""Containers of a Fargate task: value objects, their checks, and the container-definition
JSON. Pure: no Pulumi resources.

The JSON is built as plain data (lists and dicts whose leaves may still be ``pulumi.Output``)
and serialised by :func:`render_container_definitions` with sorted keys, sorted environment,
secrets and dependencies, and no nulls, so the same inputs always give the same bytes: a
re-run previews no change and the task definition is never replaced for nothing
(pulumi-awsx #617, #669).

Limits encoded here (ContainerDefinition, HealthCheck, PortMapping in the ECS API
reference; "Amazon ECS task definition parameters for Fargate"):

* at least one essential container per task ("All tasks must have at least one essential
  container", ContainerDefinition.essential);
* at most 10 containers per task definition (service quota "Containers per task
  definition": 10, not adjustable,
  https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html);
* ``hostPort`` omitted or equal to ``containerPort`` (``awsvpc``);
* ``stopTimeout`` at most 120 seconds on Fargate ("For tasks that use the Fargate launch
  type, the max stop timeout value is 120 seconds", ContainerDefinition.stopTimeout);
  ``startTimeout`` 2-120 seconds ("The valid values for Fargate are 2-120 seconds",
  ContainerDefinition.startTimeout);
* ``dependsOn`` conditions ``START``/``COMPLETE``/``SUCCESS``/``HEALTHY``; ``COMPLETE`` and
  ``SUCCESS`` "can't be set on an essential container", ``HEALTHY`` "requires that the
  dependent container has health checks configured" (ContainerDependency.condition; checked
  task-wide in ``task_definition_component._check_dependencies``);
* ``memoryReservation`` not above ``memory``;
* container health check: interval 5-300 s, timeout 2-60 s, retries 1-10, start period
  0-300 s (ContainerDefinition.healthCheck, as the CDK documents it: "You may specify between
  5 and 300 seconds", https://docs.aws.amazon.com/cdk/api/latest/python/aws_cdk.aws_ecs/HealthCheck.html);
  command starting with ``CMD`` or ``CMD-SHELL``;
* log drivers on Fargate: ``awslogs``, ``splunk``, ``awsfirelens``;
* Windows containers can't set ``readonlyRootFilesystem`` or ``user`` ("The following
  parameters can't be set for Windows containers: linuxParameters, privileged, user,
  ulimits, readonlyRootFilesystem ...", RuntimePlatform).
* ``linuxParameters.initProcessEnabled`` runs an init process as PID 1 (reaps the zombies
  ECS Exec sessions leave; "Monitor Amazon ECS containers with ECS Exec" recommends it).

A Linux container's root filesystem is **read-only by default** (CKV_AWS_336, FC-ECS-003):
give the paths the image writes to with ``writable_paths`` (each becomes a task-local bind
volume mounted read-write there, see ``volumes.py``), or opt out per container with
``readonly_root_filesystem=False``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi

from ..errors import (
    ValidationError,
    argument_path,
    check_choice,
    check_int_range,
    check_name,
    is_known,
)
from .images import ImageBuild
from .restart_policy import (
    RestartPolicy,
    check_repository_credentials,
    check_restart_policy,
    restart_policy_json,
)
from .service_connect import check_port_name
from .task_policies import parse_secret_reference
from .volumes import (
    MountPoint,
    VolumesFrom,
    check_container_path,
    mount_points_json,
    volumes_from_json,
)

__all__ = [
    "DEPENDENCY_CONDITIONS",
    "LOG_DRIVERS",
    "MAX_CONTAINERS",
    "Container",
    "FireLensConfig",
    "HealthCheck",
    "LogConfiguration",
    "LogSettings",
    "PortMapping",
    "check_task_ports",
    "container_definition",
    "render_container_definitions",
]

MAX_CONTAINERS = 10
PROTOCOLS = ("tcp", "udp")
APP_PROTOCOLS = ("http", "http2", "grpc")
DEPENDENCY_CONDITIONS = ("START", "COMPLETE", "SUCCESS", "HEALTHY")
LOG_DRIVERS = ("awslogs", "splunk", "awsfirelens")
FIRELENS_TYPES = ("fluentbit", "fluentd")
MAX_STOP_TIMEOUT = 120
MIN_START_TIMEOUT = 2
MAX_START_TIMEOUT = 120
#: Docker's smallest hard memory limit for a container (MiB).
MIN_CONTAINER_MEMORY = 6

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def _where(container: str, attribute: str) -> str:
    return f"Container(name={container!r}).{attribute}"


@dataclass(frozen=True, kw_only=True)
class PortMapping:
    """A port the container listens on. On Fargate (``awsvpc``) the host port is the
    container port; give ``host_port`` only if you need it spelled out, equal to it."""

    container_port: int
    """The port in the container, 1-65535. Required."""
    protocol: str = "tcp"
    """``"tcp"`` or ``"udp"``. Default: "tcp"."""
    host_port: int | None = None
    """Must equal ``container_port`` when given. Default: None (the container port)."""
    name: str | None = None
    """Port name (Service Connect). Default: None."""
    app_protocol: str | None = None
    """``"http"``, ``"http2"`` or ``"grpc"`` (Service Connect). Default: None."""


@dataclass(frozen=True, kw_only=True)
class HealthCheck:
    """A container health check (Docker ``HEALTHCHECK``), run by the ECS agent."""

    command: Sequence[str]
    """``["CMD", ...]`` or ``["CMD-SHELL", "..."]``. Required (see :meth:`shell`)."""
    interval: int = 30
    """Seconds between checks, 5-300. Default: 30."""
    timeout: int = 5
    """Seconds before a check fails, 2-60. Default: 5."""
    retries: int = 3
    """Consecutive failures before unhealthy, 1-10. Default: 3."""
    start_period: int = 0
    """Grace seconds after start before failures count, 0-300. Default: 0."""

    @classmethod
    def shell(cls, command: str, **kwargs: int) -> HealthCheck:
        """A ``CMD-SHELL`` check, e.g. ``HealthCheck.shell("curl -f http://localhost/ || exit 1")``."""
        return cls(command=("CMD-SHELL", command), **kwargs)


@dataclass(frozen=True, kw_only=True)
class FireLensConfig:
    """Marks the container as the task's FireLens log router."""

    type: str = "fluentbit"
    """``"fluentbit"`` or ``"fluentd"``. Default: "fluentbit"."""
    options: Mapping[str, str] = field(default_factory=dict)
    """FireLens options, e.g. ``{"enable-ecs-log-metadata": "true"}``. Default: {}."""


@dataclass(frozen=True, kw_only=True)
class LogConfiguration:
    """A container's log configuration, overriding the task's default awslogs setup."""

    log_driver: str
    """``"awslogs"``, ``"splunk"`` or ``"awsfirelens"`` (route through the log router). Required."""
    options: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    """Driver options, e.g. ``{"Name": "cloudwatch", ...}`` for FireLens. Default: {}."""
    secret_options: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    """Option name -> Secrets Manager/SSM reference (read by the execution role). Default: {}."""


@dataclass(frozen=True)
class LogSettings:
    """Where containers without their own ``log_configuration`` send logs (awslogs)."""

    group_name: pulumi.Input[str]
    region: pulumi.Input[str]
    stream_prefix: str


@dataclass(frozen=True, kw_only=True)
class Container:
    """One container of a Fargate task.

    Example::

        # fragment: `db_secret` is yours (an aws.secretsmanager.Secret)
        Container(
            name="web",
            image="public.ecr.aws/nginx/nginx:1.27",
            port_mappings=[80],
            environment={"LOG_LEVEL": "info"},
            secrets={"DB_PASSWORD": db_secret.arn},
            health_check=HealthCheck.shell("curl -f http://localhost/ || exit 1"),
        )

    Checked at construction (``ValidationError`` naming ``Container(name=...).<field>``).
    """

    name: str
    """Container name: letters, digits, '-' and '_', at most 255. Required."""
    image: pulumi.Input[str] | ImageBuild
    """Image URI (an ECR URI gets scoped pull permissions; pin it by digest,
    ``repo@sha256:...``), or an :class:`ImageBuild`: built from a Dockerfile for the task's
    architecture, pushed to an ECR repository and run by its immutable content tag (by
    digest in a repository given by URL). Required."""
    port_mappings: Sequence[PortMapping | int] = ()
    """Ports the container listens on (ints mean TCP). Default: ()."""
    environment: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    """Plain environment variables (no secrets here: use ``secrets``). Default: {}."""
    secrets: Mapping[str, pulumi.Input[str]] = field(default_factory=dict)
    """Env var name -> Secrets Manager ARN, SSM parameter ARN or SSM parameter name. Default: {}."""
    command: Sequence[str] | None = None
    """Overrides the image's CMD. Default: None (the image's)."""
    entry_point: Sequence[str] | None = None
    """Overrides the image's ENTRYPOINT. Default: None (the image's)."""
    essential: bool = True
    """If this container stops, the whole task stops. Default: True."""
    health_check: HealthCheck | None = None
    """Container health check. Default: None."""
    depends_on: Mapping[str, str] = field(default_factory=dict)
    """Other container name -> ``START``/``COMPLETE``/``SUCCESS``/``HEALTHY``. Default: {}."""
    readonly_root_filesystem: bool | None = None
    """Mount the root filesystem read-only (Linux only). ``False`` opts this container out
    (an image that must write all over its root filesystem). Default: None (read-only on
    Linux, as ECS has it on Windows); give writable directories with ``writable_paths``."""
    writable_paths: Sequence[str] = ()
    """Absolute paths the image writes to under a read-only root, e.g. nginx's
    ``["/var/cache/nginx", "/var/run", "/tmp"]``: each gets its own task-local bind volume
    (ephemeral storage, emptied when the task stops). Default: ()."""
    mount_points: Sequence[MountPoint] = ()
    """Task volumes (``FargateTaskDefinitionArgs.volumes``) mounted into this container.
    Default: ()."""
    volumes_from: Sequence[VolumesFrom] = ()
    """Other containers of the task whose mounts this container shares. Default: ()."""
    restart_policy: RestartPolicy | None = None
    """Restart this container in place when it exits (essential or not). Default: None (an
    essential container's exit stops the task)."""
    repository_credentials: pulumi.Input[str] | None = None
    """Secrets Manager secret ARN with the private registry's username/password, read by the
    execution role only. Default: None (public or ECR images)."""
    user: str | None = None
    """User (and group) to run as, e.g. ``"1000:1000"`` (Linux only). Default: None (the image's)."""
    cpu: int | None = None
    """CPU units reserved for this container (0-16384). Default: None (share the task's)."""
    memory: int | None = None
    """Hard memory limit in MiB; the container is killed above it. Default: None."""
    memory_reservation: int | None = None
    """Soft memory limit in MiB, at most ``memory``. Default: None."""
    stop_timeout: int | None = None
    """Seconds between SIGTERM and SIGKILL, 1-120 (Spot warns 120 s before). Default: None (30)."""
    start_timeout: int | None = None
    """Seconds a container that depends on this one waits for it to reach its ``depends_on``
    condition (``COMPLETE``, ``SUCCESS``, ``HEALTHY``) before giving up, which stops the task;
    2-120 on Fargate. Only on a container another one depends on. Default: None (ECS's)."""
    working_directory: str | None = None
    """Working directory. Default: None (the image's)."""
    firelens: FireLensConfig | None = None
    """Makes this container the FireLens log router. Default: None."""
    log_configuration: LogConfiguration | None = None
    """Overrides the task's awslogs setup, e.g. ``awsfirelens``. Default: None."""

    def __post_init__(self) -> None:
        check_container(self)

    @property
    def ports(self) -> list[PortMapping]:
        """The port mappings as :class:`PortMapping` objects."""
        return [_port(p) for p in self.port_mappings]

    @property
    def secret_references(self) -> dict[str, pulumi.Input[str]]:
        """Every secret reference the execution role must read: ``secrets``, the log
        configuration's ``secret_options`` (keyed ``"log:<option>"``) and the registry
        credentials (keyed ``"registry:credentials"``)."""
        refs: dict[str, pulumi.Input[str]] = dict(self.secrets)
        if self.log_configuration:
            for key, value in self.log_configuration.secret_options.items():
                refs[f"log:{key}"] = value
        if self.repository_credentials is not None:
            refs["registry:credentials"] = self.repository_credentials
        return refs

    def readonly_root(self, linux: bool = True) -> bool:
        """Whether the root filesystem is read-only: the explicit setting, else True on Linux."""
        if self.readonly_root_filesystem is None:
            return linux
        return self.readonly_root_filesystem


def _port(value: PortMapping | int) -> PortMapping:
    return value if isinstance(value, PortMapping) else PortMapping(container_port=value)


def check_container(c: Container) -> None:
    """Validate one container on its own (task-wide checks live in the task definition)."""
    check_name("Container.name", c.name)
    if isinstance(c.image, ImageBuild):
        with argument_path(_where(c.name, "image"), "ImageBuild"):
            c.image.validate()
    elif is_known(c.image) and (not isinstance(c.image, str) or not c.image.strip()):
        raise ValidationError(
            _where(c.name, "image"), c.image, "a non-empty image URI or an ImageBuild(context=...)"
        )
    _check_ports(c)
    _check_environment(c)
    for attr in ("command", "entry_point"):
        value = getattr(c, attr)
        if value is not None and (
            isinstance(value, str) or not all(isinstance(v, str) for v in value)
        ):
            raise ValidationError(_where(c.name, attr), value, "a list of strings")
    if c.cpu is not None:
        check_int_range(_where(c.name, "cpu"), c.cpu, 0, 16384)
    if c.memory is not None:
        check_int_range(_where(c.name, "memory"), c.memory, MIN_CONTAINER_MEMORY, 122880)
    if c.memory_reservation is not None:
        check_int_range(
            _where(c.name, "memory_reservation"), c.memory_reservation, MIN_CONTAINER_MEMORY, 122880
        )
        if c.memory is not None and c.memory_reservation > c.memory:
            raise ValidationError(
                _where(c.name, "memory_reservation"),
                c.memory_reservation,
                f"at most the container's memory ({c.memory} MiB)",
            )
    if c.health_check is not None:
        _check_health(c.name, c.health_check)
    _check_dependency_fields(c)
    if c.firelens is not None:
        check_choice(_where(c.name, "firelens.type"), c.firelens.type, FIRELENS_TYPES)
    _check_storage(c)
    if c.log_configuration is not None:
        check_choice(
            _where(c.name, "log_configuration.log_driver"),
            c.log_configuration.log_driver,
            LOG_DRIVERS,
        )
        if c.firelens is not None and c.log_configuration.log_driver == "awsfirelens":
            raise ValidationError(
                _where(c.name, "log_configuration.log_driver"),
                "awsfirelens",
                "awslogs or splunk for the log router itself (it cannot route its own logs)",
            )


def _check_dependency_fields(c: Container) -> None:
    """``depends_on`` (a mapping of another container's name to a condition), and the two
    timeouts. Task-wide checks (the target exists, is not essential for COMPLETE/SUCCESS,
    has a health check for HEALTHY, no cycles) are the task definition's.

    ``stopTimeout``: "For tasks that use the Fargate launch type, the max stop timeout value
    is 120 seconds" (ContainerDefinition.stopTimeout; no minimum is documented, 1 is the
    smallest whole second). ``startTimeout``: "The valid values for Fargate are 2-120
    seconds" (ContainerDefinition.startTimeout, ECS API reference). Both need Linux platform
    version 1.3.0+ (every Linux version Fargate still offers) or Windows 1.0.0."""
    if c.stop_timeout is not None:
        check_int_range(_where(c.name, "stop_timeout"), c.stop_timeout, 1, MAX_STOP_TIMEOUT)
    if c.start_timeout is not None:
        check_int_range(
            _where(c.name, "start_timeout"), c.start_timeout, MIN_START_TIMEOUT, MAX_START_TIMEOUT
        )
    if not isinstance(c.depends_on, Mapping):
        raise ValidationError(
            _where(c.name, "depends_on"),
            c.depends_on,
            "a mapping of container name to condition, e.g. {'init': 'SUCCESS'}",
        )
    for other, condition in c.depends_on.items():
        if not isinstance(other, str):
            raise ValidationError(_where(c.name, "depends_on"), other, "container names (str)")
        if other == c.name:
            raise ValidationError(_where(c.name, "depends_on"), other, "other containers only")
        check_choice(_where(c.name, f"depends_on[{other!r}]"), condition, DEPENDENCY_CONDITIONS)


def _check_storage(c: Container) -> None:
    """Read-only root, writable paths, restart policy and registry credentials."""
    if c.readonly_root_filesystem is not None and not isinstance(c.readonly_root_filesystem, bool):
        raise ValidationError(
            _where(c.name, "readonly_root_filesystem"),
            c.readonly_root_filesystem,
            "True, False or None",
        )
    for attr in ("writable_paths", "mount_points", "volumes_from"):
        value = getattr(c, attr)
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
            raise ValidationError(_where(c.name, attr), value, "a list")
    seen: set[str] = set()
    for i, path in enumerate(c.writable_paths):
        # Linux paths: writable_paths exist for a read-only root, which Windows can't have.
        check_container_path(_where(c.name, f"writable_paths[{i}]"), path)
        if path in seen:
            raise ValidationError(_where(c.name, "writable_paths"), path, "each path once")
        seen.add(path)
    if c.writable_paths and c.readonly_root_filesystem is False:
        raise ValidationError(
            _where(c.name, "writable_paths"),
            list(c.writable_paths),
            "empty with readonly_root_filesystem=False (the whole root filesystem is writable)",
        )
    if c.restart_policy is not None:
        check_restart_policy(_where(c.name, "restart_policy"), c.restart_policy)
    if c.repository_credentials is not None:
        check_repository_credentials(
            _where(c.name, "repository_credentials"), c.repository_credentials
        )


def _check_ports(c: Container) -> None:
    """Port mappings: 1-65535, a known protocol, no other host port (awsvpc), a valid
    name, each port once ("You can't expose the same container port for multiple
    protocols. If you attempt this, an error is returned.", ECS API Reference, PortMapping,
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html)."""
    seen_ports: set[int] = set()
    for i, raw in enumerate(c.port_mappings):
        where = _where(c.name, f"port_mappings[{i}]")
        if not isinstance(raw, (PortMapping, int)) or isinstance(raw, bool):
            raise ValidationError(where, raw, "a PortMapping or a port number")
        port = _port(raw)
        check_int_range(f"{where}.container_port", port.container_port, 1, 65535)
        check_choice(f"{where}.protocol", port.protocol, PROTOCOLS)
        if port.host_port is not None and port.host_port != port.container_port:
            raise ValidationError(
                f"{where}.host_port",
                port.host_port,
                f"omitted or equal to the container port ({port.container_port}): "
                "Fargate tasks use awsvpc networking",
            )
        if port.app_protocol is not None:
            check_choice(f"{where}.app_protocol", port.app_protocol, APP_PROTOCOLS)
        if port.name is not None:
            # PortMapping.name: "up to 64 characters ... lowercase letters, numbers,
            # underscores (_), and hyphens (-). The name can't start with a hyphen."
            check_port_name(f"{where}.name", port.name)
        if port.container_port in seen_ports:
            raise ValidationError(
                where,
                f"{port.container_port}/{port.protocol}",
                "each port once (ECS refuses one container port for two protocols)",
            )
        seen_ports.add(port.container_port)


def check_task_ports(containers: Sequence[Container]) -> None:
    """Across the containers of one task: each port number in one container only, each port
    name once. Fargate tasks use ``awsvpc``, where "exposed container ports are mapped
    directly to ... the attached elastic network interface port" (ECS API Reference,
    TaskDefinition ``networkMode``,
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html): the
    task's containers share one network namespace and the second to bind a port fails at
    run time. A port name is how Service Connect's ``portName`` ("must match the name of
    one of the portMappings from all the containers in the task definition") and
    ``service_connect.named_ports`` pick one mapping: two with one name make that choice
    ambiguous (AWS documents no tie-break; we refuse it)."""
    port_owner: dict[int, str] = {}
    name_owner: dict[str, str] = {}
    for c in containers:
        for i, port in enumerate(c.ports):
            where = _where(c.name, f"port_mappings[{i}]")
            owner = port_owner.setdefault(port.container_port, c.name)
            if owner != c.name:
                raise ValidationError(
                    where,
                    port.container_port,
                    f"a port no other container of the task maps (container {owner!r} does): "
                    "a task's containers share one network interface (awsvpc)",
                )
            if port.name is None:
                continue
            named = name_owner.setdefault(port.name, where)
            if named != where:
                raise ValidationError(
                    f"{where}.name",
                    port.name,
                    f"a name no other port mapping of the task has ({named} has it): Service "
                    "Connect picks a port mapping by its name",
                )


def _check_environment(c: Container) -> None:
    """Environment and secret names, string values, secret references."""
    for attr, names in (("environment", c.environment), ("secrets", c.secrets)):
        for key in names:
            if not isinstance(key, str) or not _ENV_NAME.match(key):
                raise ValidationError(
                    _where(c.name, attr), key, "variable names of letters, digits and '_'"
                )
    both = sorted(set(c.environment) & set(c.secrets))
    if both:
        raise ValidationError(_where(c.name, "secrets"), both, "names not also set in environment")
    for key, value in c.environment.items():
        if is_known(value) and not isinstance(value, str):
            raise ValidationError(
                _where(c.name, f"environment[{key!r}]"),
                value,
                "a string (convert numbers yourself)",
            )
    for key, value in c.secret_references.items():
        if is_known(value):
            parse_secret_reference(_where(c.name, f"secrets[{key!r}]"), value)


def _check_health(name: str, hc: HealthCheck) -> None:
    command = list(hc.command) if not isinstance(hc.command, str) else []
    if (
        len(command) < 2
        or command[0] not in ("CMD", "CMD-SHELL")
        or not all(isinstance(part, str) for part in command)
    ):
        raise ValidationError(
            _where(name, "health_check.command"),
            hc.command,
            "a list starting with 'CMD' or 'CMD-SHELL' and a command (see HealthCheck.shell)",
        )
    check_int_range(_where(name, "health_check.interval"), hc.interval, 5, 300)
    check_int_range(_where(name, "health_check.timeout"), hc.timeout, 2, 60)
    check_int_range(_where(name, "health_check.retries"), hc.retries, 1, 10)
    check_int_range(_where(name, "health_check.start_period"), hc.start_period, 0, 300)


def container_definition(
    container: Container,
    logs: LogSettings | None,
    *,
    linux: bool = True,
    init_process: bool = False,
) -> dict[str, Any]:
    """The container's entry in ``containerDefinitions`` (ECS JSON names), as plain data
    whose leaves may be Outputs. Collections that ECS treats as sets are sorted; explicit
    values ECS would echo back (``essential``, ``hostPort``, ``protocol``) are written out,
    so what ECS returns matches what was sent.

    ``linux``: the task's OS is Linux (the root filesystem is read-only unless the container
    opts out). ``init_process``: set ``linuxParameters.initProcessEnabled`` (ECS Exec)."""
    c = container
    if isinstance(c.image, ImageBuild):
        raise TypeError(
            f"container {c.name!r}: an ImageBuild is built by the task definition "
            "(FargateTaskDefinition), which puts the pushed image's reference here"
        )
    d: dict[str, Any] = {"name": c.name, "image": c.image, "essential": c.essential}
    if c.port_mappings:
        d["portMappings"] = _port_mappings_json(c)
    if c.environment:
        d["environment"] = [{"name": k, "value": c.environment[k]} for k in sorted(c.environment)]
    if c.secrets:
        d["secrets"] = [{"name": k, "valueFrom": c.secrets[k]} for k in sorted(c.secrets)]
    if c.command is not None:
        d["command"] = list(c.command)
    if c.entry_point is not None:
        d["entryPoint"] = list(c.entry_point)
    if c.health_check is not None:
        hc = c.health_check
        d["healthCheck"] = {
            "command": list(hc.command),
            "interval": hc.interval,
            "timeout": hc.timeout,
            "retries": hc.retries,
            "startPeriod": hc.start_period,
        }
    if c.depends_on:
        d["dependsOn"] = [
            {"containerName": k, "condition": c.depends_on[k]} for k in sorted(c.depends_on)
        ]
    if c.readonly_root(linux):
        d["readonlyRootFilesystem"] = True
    mounts = mount_points_json(c)
    if mounts:
        d["mountPoints"] = mounts
    if c.volumes_from:
        d["volumesFrom"] = volumes_from_json(c)
    if c.restart_policy is not None:
        d["restartPolicy"] = restart_policy_json(c.restart_policy)
    if c.repository_credentials is not None:
        d["repositoryCredentials"] = {"credentialsParameter": c.repository_credentials}
    if init_process and linux:
        d["linuxParameters"] = {"initProcessEnabled": True}
    for key, value in (
        ("user", c.user),
        ("cpu", c.cpu),
        ("memory", c.memory),
        ("memoryReservation", c.memory_reservation),
        ("startTimeout", c.start_timeout),
        ("stopTimeout", c.stop_timeout),
        ("workingDirectory", c.working_directory),
    ):
        if value is not None:
            d[key] = value
    if c.firelens is not None:
        firelens: dict[str, Any] = {"type": c.firelens.type}
        if c.firelens.options:
            firelens["options"] = dict(c.firelens.options)
        d["firelensConfiguration"] = firelens
    log = _log_configuration_json(c, logs)
    if log is not None:
        d["logConfiguration"] = log
    return d


def _port_mappings_json(c: Container) -> list[dict[str, Any]]:
    mappings = []
    for port in c.ports:
        mapping: dict[str, Any] = {
            "containerPort": port.container_port,
            "hostPort": port.container_port,
            "protocol": port.protocol,
        }
        if port.name:
            mapping["name"] = port.name
        if port.app_protocol:
            mapping["appProtocol"] = port.app_protocol
        mappings.append(mapping)
    return mappings


def _log_configuration_json(c: Container, logs: LogSettings | None) -> dict[str, Any] | None:
    """The container's own log configuration, else awslogs to the task's group (``logs``)."""
    if c.log_configuration is not None:
        lc = c.log_configuration
        log: dict[str, Any] = {"logDriver": lc.log_driver}
        if lc.options:
            log["options"] = dict(lc.options)
        if lc.secret_options:
            log["secretOptions"] = [
                {"name": k, "valueFrom": lc.secret_options[k]} for k in sorted(lc.secret_options)
            ]
        return log
    if logs is not None:
        return {
            "logDriver": "awslogs",
            "options": {
                "awslogs-group": logs.group_name,
                "awslogs-region": logs.region,
                "awslogs-stream-prefix": logs.stream_prefix,
            },
        }
    return None


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_drop_nulls(v) for v in value if v is not None]
    return value


def render_container_definitions(definitions: Sequence[Mapping[str, Any]]) -> str:
    """Serialise resolved definitions: sorted keys, compact, no nulls (byte-stable)."""
    return json.dumps(_drop_nulls(list(definitions)), sort_keys=True, separators=(",", ":"))
