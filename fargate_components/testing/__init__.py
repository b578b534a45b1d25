"""The test kit: mocks that answer like AWS, a recorder of every registration, and a runner.

Example (in a user's own pytest file)::

    from fargate_components import Network, NetworkArgs
    from fargate_components.testing import run_in_mocks

    def test_two_azs():
        plan = run_in_mocks(lambda: Network("net", NetworkArgs(az_count=2)))
        assert len(plan.of_type("aws:ec2/subnet:Subnet")) == 4
"""

from .harness import Diagnostic, Plan, StackOutput, qualify_config, run_in_mocks
from .mocks import ACCOUNT_ID, DEFAULT_REGION, FargateMocks
from .recorder import SECRET_MARK, UNKNOWN_MARK, Recorder, ResourceRecord
from .simulate import SimulationResult, assert_simulates, simulate, simulated

__all__ = [
    "ACCOUNT_ID",
    "DEFAULT_REGION",
    "SECRET_MARK",
    "UNKNOWN_MARK",
    "Diagnostic",
    "FargateMocks",
    "Plan",
    "Recorder",
    "ResourceRecord",
    "SimulationResult",
    "StackOutput",
    "assert_simulates",
    "qualify_config",
    "run_in_mocks",
    "simulate",
    "simulated",
]
