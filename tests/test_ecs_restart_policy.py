"""Container restart policies and registry credentials: pure checks against the ECS limits."""

from __future__ import annotations

import pytest

from fargate_components.ecs.restart_policy import (
    RestartPolicy,
    check_repository_credentials,
    check_restart_policy,
    restart_policy_json,
)
from fargate_components.errors import ValidationError


def test_defaults_match_ecs() -> None:
    policy = RestartPolicy()
    check_restart_policy("p", policy)
    assert restart_policy_json(policy) == {"enabled": True, "restartAttemptPeriod": 300}


def test_exit_codes_sorted() -> None:
    assert restart_policy_json(RestartPolicy(ignored_exit_codes=[3, 0]))["ignoredExitCodes"] == [
        0,
        3,
    ]


@pytest.mark.parametrize(
    ("policy", "argument"),
    [
        (RestartPolicy(restart_attempt_period=59), "p.restart_attempt_period"),
        (RestartPolicy(restart_attempt_period=1801), "p.restart_attempt_period"),
        (RestartPolicy(ignored_exit_codes=list(range(51))), "p.ignored_exit_codes"),
        (RestartPolicy(ignored_exit_codes=[256]), "p.ignored_exit_codes[0]"),
        (RestartPolicy(ignored_exit_codes=[1, 1]), "p.ignored_exit_codes"),
        (RestartPolicy(enabled=False, ignored_exit_codes=[0]), "p.enabled"),
    ],
)
def test_limits(policy: RestartPolicy, argument: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_restart_policy("p", policy)
    assert err.value.argument == argument


def test_limits_inclusive() -> None:
    check_restart_policy(
        "p", RestartPolicy(restart_attempt_period=60, ignored_exit_codes=list(range(50)))
    )
    check_restart_policy("p", RestartPolicy(restart_attempt_period=1800))


def test_disabled() -> None:
    assert restart_policy_json(RestartPolicy(enabled=False)) == {"enabled": False}


SM = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dockerhub-AbCdEf"


def test_registry_credentials_must_be_a_whole_secret() -> None:
    check_repository_credentials("c", SM)
    for bad in (
        "arn:aws:ssm:eu-west-1:123456789012:parameter/x",
        "/dockerhub",
        f"{SM}:password::",
    ):
        with pytest.raises(ValidationError, match="Secrets Manager"):
            check_repository_credentials("c", bad)
