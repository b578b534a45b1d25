"""The fargate-components pytest plugin: fixtures for testing your own stacks offline.

Installed with the package and loaded by pytest automatically (entry point ``pytest11``), so a
project that ``pip install``s fargate-components needs no ``conftest.py``:

- ``fargate_plan(program, config=..., stack=...)`` runs a Pulumi program under the test kit's
  mocks and returns its :class:`~fargate_components.testing.Plan`. ``program`` is a callable
  or a project directory (``Pulumi.yaml`` + ``Pulumi.<stack>.yaml`` are read, as the CLI does).
- ``fargate_simulate(plan)`` replays the plan into moto and returns the
  :class:`~fargate_components.testing.SimulationResult` (needs the ``simulate`` extra).
- ``fargate_assert`` holds the assertions with readable failure messages:
  ``no_findings(plan, at_or_above="error")``, ``reachable(plan, service, host, path)``,
  ``simulates(plan)``.

The plugin also silences the ``DeprecationWarning``\\s that the providers' SDKs (pulumi_aws,
pulumi_kubernetes, botocore, ...) emit on import, which are not yours to fix; set
``fargate_provider_warnings = default`` in your pytest ini options to see them again.

A project directory works too: ``fargate_plan(PROJECT, stack="dev")`` reads its
``Pulumi.yaml`` and ``Pulumi.dev.yaml`` as the CLI does.

Example (a test file of yours)::

    from fargate_components import FargateCluster, Network, NetworkArgs

    def program():
        Network("net", NetworkArgs(az_count=2, nat_gateways="single"))
        FargateCluster("apps")

    def test_the_network(fargate_plan, fargate_assert):
        plan = fargate_plan(program, config={"aws:region": "eu-west-1"})
        assert len(plan.of_type("aws:ec2/subnet:Subnet")) == 4
        fargate_assert.no_findings(plan, at_or_above="error")

    def test_it_deploys(fargate_plan, fargate_simulate):
        result = fargate_simulate(fargate_plan(program))
        assert result.ok, result.failed
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

__all__ = [
    "PROVIDER_MODULES",
    "FargateAssert",
    "fargate_assert",
    "fargate_plan",
    "fargate_simulate",
    "run_plan",
]

#: Modules whose DeprecationWarnings the plugin silences: the providers' generated SDKs and the
#: AWS SDK the simulator uses. Warnings your own code triggers stay visible.
PROVIDER_MODULES = (
    "pulumi",
    "pulumi_aws",
    "pulumi_eks",
    "pulumi_kubernetes",
    "pulumi_policy",
    "google.protobuf",
    "grpc",
    "botocore",
    "boto3",
    "moto",
)

_INI = "fargate_provider_warnings"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        _INI,
        "what to do with the providers' DeprecationWarnings (a warnings action: ignore, "
        "default, error, ...). Default: ignore",
        default="ignore",
    )


def pytest_configure(config: pytest.Config) -> None:
    action = str(config.getini(_INI) or "ignore").strip()
    for module in PROVIDER_MODULES:
        config.addinivalue_line("filterwarnings", f"{action}::DeprecationWarning:{module}")


def run_plan(
    program: Callable[[], Any] | str | os.PathLike[str],
    *,
    config: Mapping[str, Any] | None = None,
    stack: str | None = None,
    project: str | None = None,
    secrets: Mapping[str, str] | None = None,
    region: str | None = None,
) -> Any:
    """Run ``program`` under the test kit's mocks and return its ``Plan`` (what the
    ``fargate_plan`` fixture calls).

    Args:
        program: a callable Pulumi program, or a Pulumi project directory.
        config: config values; keys without a namespace belong to the project. For a
            directory they are laid over ``Pulumi.yaml`` and ``Pulumi.<stack>.yaml``.
            Default none.
        stack: the stack name (its ``Pulumi.<stack>.yaml`` is read for a directory, and must
            exist when a stack is named, as with the CLI's ``--stack``). Default ``None``: the
            ``dev`` stack, whose ``Pulumi.dev.yaml`` is read when there is one (the CLI
            without ``--stack``).
        project: the project name for a callable. Default ``"project"`` (a directory's
            ``Pulumi.yaml`` names its own).
        secrets: config values to treat as secrets. Default none.
        region: the AWS region for a callable. Default ``aws:region`` from config, else
            ``us-east-1``.
    """
    if callable(program):
        from . import run_in_mocks

        merged = {**(config or {}), **(secrets or {})}
        return run_in_mocks(
            program,
            project=project or "project",
            stack=stack or "dev",
            config=merged,
            secret_keys=list(secrets or ()),
            region=region,
        )
    from ..plan import load_project, run_project

    directory = Path(program)
    if not directory.is_dir():
        from ..errors import ValidationError

        raise ValidationError(
            "fargate_plan.program", str(program), "a callable or a Pulumi project directory"
        )
    as_text = {k: v if isinstance(v, str) else _json(v) for k, v in (config or {}).items()}
    files = load_project(directory, stack, overrides=as_text, secret_overrides=secrets)
    return run_project(files, stack)


def _json(value: Any) -> str:
    import json

    return json.dumps(value)


class FargateAssert:
    """The ``fargate_assert`` fixture: assertions whose failure says what is wrong."""

    @staticmethod
    def no_findings(plan: Any, at_or_above: str = "error", *, waivers: Any = None) -> list[Any]:
        """Fail with "expected no finding at or above <severity>" and the findings; return
        every finding otherwise.

        Args:
            plan: the plan to check.
            at_or_above: ``"error"``, ``"warning"`` or ``"advisory"``. Default ``"error"``.
            waivers: a waiver file path, mapping or ``Waivers``. Default none.
        """
        from .assertions import assert_no_findings_at_or_above

        return assert_no_findings_at_or_above(plan, at_or_above, waivers=waivers)

    @staticmethod
    def reachable(plan: Any, service: str, host: str | None = None, path: str = "/") -> Any:
        """Fail with "service X is not reachable at host/path" and the routes it has; return
        the :class:`~fargate_components.testing.assertions.Route` otherwise.

        Args:
            plan: the plan to check.
            service: the ECS service's logical name or component name.
            host: the request host. Default ``None`` (the load balancer's DNS name).
            path: the request path. Default ``"/"``.
        """
        from .assertions import assert_reachable

        return assert_reachable(plan, service, host, path)

    @staticmethod
    def simulates(plan: Any) -> Any:
        """Fail with AWS's own errors (from moto) if any resource would be refused; return
        the ``SimulationResult`` otherwise. Needs the ``simulate`` extra."""
        _require_moto()
        from . import assert_simulates

        return assert_simulates(plan)


def _require_moto() -> None:
    try:
        import moto  # noqa: F401
    except ImportError:  # never a silent skip: the user asked for a simulation
        pytest.fail(
            "fargate_simulate needs moto: pip install 'fargate-components[simulate]'",
            pytrace=False,
        )


@pytest.fixture
def fargate_plan() -> Callable[..., Any]:
    """``fargate_plan(program, *, config=None, stack=None, project=None, secrets=None,
    region=None) -> Plan``: see :func:`run_plan`."""
    return run_plan


@pytest.fixture
def fargate_simulate() -> Callable[[Any], Any]:
    """``fargate_simulate(plan) -> SimulationResult``: the plan replayed into moto (no
    assertion; ``result.ok``, ``result.failed``, ``result.unsupported``)."""

    def simulate_plan(plan: Any) -> Any:
        _require_moto()
        from . import simulate

        return simulate(plan)

    return simulate_plan


@pytest.fixture
def fargate_assert() -> FargateAssert:
    """The assertions: ``no_findings``, ``reachable``, ``simulates`` (see :class:`FargateAssert`)."""
    return FargateAssert()
