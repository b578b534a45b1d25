"""Simulated deploy: replay a captured :class:`~fargate_components.testing.Plan` into moto.

Pulumi mocks show what a program *asks* AWS for; the simulation shows whether AWS (as moto
emulates it) would *accept* it. Every custom resource is created in dependency order in an
in-process ``moto.mock_aws()`` account through boto3, and the ids and ARNs moto returns flow
into the resources that depend on them, as in a real deploy.

Example::

    # fragment: `program` is yours, with a cluster 'cluster' and a service 'svc'
    from fargate_components.testing import run_in_mocks
    from fargate_components.testing.simulate import simulate, simulated

    plan = run_in_mocks(program)
    assert simulate(plan).ok

    with simulated(plan) as sim:  # query moto like an operator
        ecs = sim.client("ecs")
        svc = ecs.describe_services(
            cluster=sim.physical_id("cluster"), services=[sim.output("svc", "name")]
        )["services"][0]

What is not replayed is listed, never skipped silently: types without a handler (and
Kubernetes resources, which are not AWS resources) under ``unsupported``; resources read
with ``.get()`` under ``external``. Providers, components and the stack are not deployed.
"""

from .engine import (
    FAKE_ENV,
    Ctx,
    Handler,
    Simulation,
    SimulationResult,
    Unsupported,
    assert_simulates,
    describe_error,
    render_simulation_text,
    simulate,
    simulated,
)
from .fixture_file import Fixtures, load_fixtures, parse_fixtures
from .handlers import HANDLERS

__all__ = [
    "FAKE_ENV",
    "HANDLERS",
    "Ctx",
    "Fixtures",
    "Handler",
    "Simulation",
    "SimulationResult",
    "Unsupported",
    "assert_simulates",
    "describe_error",
    "load_fixtures",
    "parse_fixtures",
    "render_simulation_text",
    "simulate",
    "simulated",
]
