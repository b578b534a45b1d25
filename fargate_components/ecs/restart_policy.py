"""Container restart policies and private-registry credentials. Pure: no Pulumi resources.

Restart policy (``ContainerRestartPolicy``, ECS API reference,
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerRestartPolicy.html):

* ``enabled`` is required;
* ``ignoredExitCodes``: "You can specify a maximum of 50 container exit codes. By default,
  Amazon ECS does not ignore any exit codes." Exit codes are 0-255 (a process exit status);
* ``restartAttemptPeriod``: "You can set a minimum restartAttemptPeriod of 60 seconds and a
  maximum restartAttemptPeriod of 1800 seconds. By default, a container must run for 300
  seconds before it can be restarted."
* Essential and non-essential containers may both have one ("Restart individual containers
  in Amazon ECS tasks with container restart policies", ECS developer guide).

Private registry credentials (``repositoryCredentials.credentialsParameter``): "The Amazon
Resource Name (ARN) of the secret containing the private repository credentials" - a Secrets
Manager secret, read by the task *execution* role with ``secretsmanager:GetSecretValue``
(and ``kms:Decrypt`` for a customer managed key) ("Using non-AWS container images in Amazon
ECS", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/private-auth.html).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ValidationError, check_int_range, is_known
from .task_policies import parse_secret_reference

__all__ = [
    "DEFAULT_RESTART_ATTEMPT_PERIOD",
    "MAX_IGNORED_EXIT_CODES",
    "RestartPolicy",
    "check_repository_credentials",
    "check_restart_policy",
    "restart_policy_json",
]

MAX_IGNORED_EXIT_CODES = 50
MIN_RESTART_ATTEMPT_PERIOD = 60
MAX_RESTART_ATTEMPT_PERIOD = 1800
DEFAULT_RESTART_ATTEMPT_PERIOD = 300


@dataclass(frozen=True, kw_only=True)
class RestartPolicy:
    """Restart a container in place when it exits, instead of replacing the task.

    Example::

        from fargate_components import Container, RestartPolicy

        Container(name="worker", image="public.ecr.aws/docker/library/busybox:1.36",
                  restart_policy=RestartPolicy(ignored_exit_codes=[0]))
    """

    enabled: bool = True
    """Restart the container when it exits. Default: True."""
    ignored_exit_codes: Sequence[int] = ()
    """Exit codes (0-255, at most 50) that do not trigger a restart, e.g. ``[0]`` for a
    clean exit. Default: () (restart on every exit)."""
    restart_attempt_period: int = DEFAULT_RESTART_ATTEMPT_PERIOD
    """Seconds a container must run before a restart is attempted, 60-1800. Default: 300."""


def check_restart_policy(argument: str, policy: Any) -> None:
    """Validate a restart policy against the ECS API's limits."""
    if not isinstance(policy, RestartPolicy):
        raise ValidationError(argument, policy, "a RestartPolicy")
    if not isinstance(policy.enabled, bool):
        raise ValidationError(f"{argument}.enabled", policy.enabled, "True or False")
    codes = policy.ignored_exit_codes
    if isinstance(codes, (str, int)) or not isinstance(codes, Sequence):
        raise ValidationError(f"{argument}.ignored_exit_codes", codes, "a list of exit codes")
    if len(codes) > MAX_IGNORED_EXIT_CODES:
        raise ValidationError(
            f"{argument}.ignored_exit_codes",
            len(codes),
            f"at most {MAX_IGNORED_EXIT_CODES} exit codes (ECS limit)",
        )
    seen: set[int] = set()
    for i, code in enumerate(codes):
        check_int_range(f"{argument}.ignored_exit_codes[{i}]", code, 0, 255)
        if code in seen:
            raise ValidationError(f"{argument}.ignored_exit_codes", code, "each exit code once")
        seen.add(code)
    check_int_range(
        f"{argument}.restart_attempt_period",
        policy.restart_attempt_period,
        MIN_RESTART_ATTEMPT_PERIOD,
        MAX_RESTART_ATTEMPT_PERIOD,
    )
    if not policy.enabled and (
        codes or policy.restart_attempt_period != DEFAULT_RESTART_ATTEMPT_PERIOD
    ):
        raise ValidationError(
            f"{argument}.enabled",
            False,
            "True when ignored_exit_codes or restart_attempt_period are set (they'd do nothing)",
        )


def restart_policy_json(policy: RestartPolicy) -> dict[str, Any]:
    """The ``restartPolicy`` entry of a container definition (exit codes sorted)."""
    if not policy.enabled:
        return {"enabled": False}
    result: dict[str, Any] = {
        "enabled": True,
        "restartAttemptPeriod": policy.restart_attempt_period,
    }
    if policy.ignored_exit_codes:
        result["ignoredExitCodes"] = sorted(policy.ignored_exit_codes)
    return result


_REGISTRY_ALLOWED = (
    "a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>) "
    'holding {"username": ..., "password": ...}'
)


def check_repository_credentials(argument: str, value: Any) -> None:
    """Require a Secrets Manager secret ARN (no SSM parameter, no JSON-key suffix)."""
    if not is_known(value):
        return
    if not isinstance(value, str) or not value.startswith("arn:"):
        raise ValidationError(argument, value, _REGISTRY_ALLOWED)
    try:
        ref = parse_secret_reference(argument, value)
    except ValidationError:
        raise ValidationError(argument, value, _REGISTRY_ALLOWED) from None
    if ref.kind != "secretsmanager" or value.count(":") > 6:
        raise ValidationError(argument, value, _REGISTRY_ALLOWED)
