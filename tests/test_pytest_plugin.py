"""The pytest plugin (entry point pytest11) and the plan assertions behind it: routes found the
way an ALB evaluates rules, and failure messages that say what is wrong."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest

from fargate_components import (
    Container,
    FargateCluster,
    FargateService,
    FargateServiceArgs,
    FargateTaskDefinition,
    FargateTaskDefinitionArgs,
    LoadBalancer,
    LoadBalancerArgs,
    Network,
    NetworkArgs,
    Routing,
)
from fargate_components.errors import ValidationError
from fargate_components.testing import run_in_mocks
from fargate_components.testing.assertions import (
    assert_no_findings_at_or_above,
    assert_reachable,
    find_route,
)

pytest_plugins = ["pytester"]
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"


PINNED = "nginx:1.27@sha256:" + "0" * 64


def _program(certificate_arn: str | None = CERT) -> None:
    net = Network("net", NetworkArgs(az_count=2, nat_gateways="single"))
    alb = LoadBalancer("edge", LoadBalancerArgs(network=net, certificate_arn=certificate_arn))
    cluster = FargateCluster("apps")
    for name, routing in [
        ("api", Routing(host_headers=["api.example.com"], path_patterns=["/v1/*"], priority=10)),
        ("shop", Routing(host_headers=["*.example.com"], priority=20)),
        ("site", None),  # the catch-all
    ]:
        task = FargateTaskDefinition(
            name,
            FargateTaskDefinitionArgs(
                # pinned by digest (FC-ECS-012): only the library's defaults are judged here
                containers=[Container(name=name, image=PINNED, port_mappings=[80])]
            ),
        )
        FargateService(
            name,
            FargateServiceArgs(
                cluster=cluster,
                task_definition=task,
                network=net,
                load_balancer=alb,
                routing=routing,
            ),
        )


@pytest.fixture(scope="module")
def plan():
    return run_in_mocks(_program)


def test_the_plugin_is_registered_as_a_pytest11_entry_point() -> None:
    names = {ep.value for ep in entry_points(group="pytest11")}
    assert "fargate_components.testing.pytest_plugin" in names


def test_routes_follow_rule_priority_host_case_and_the_https_redirect(plan) -> None:
    api = assert_reachable(plan, "api", host="API.example.com", path="/v1/orders")
    assert (api.listener_protocol, api.listener_port, api.priority) == ("HTTPS", 443, 10)
    assert api.target_group == "api-tg" and api.internet_facing
    # Same host, another path: rule 10 does not match, rule 20 (*.example.com) wins.
    assert find_route(plan, "api", host="api.example.com", path="/v2/x") is None
    assert assert_reachable(plan, "shop", host="api.example.com", path="/v2/x").priority == 20
    # No host header rule matches the load balancer's own DNS name: the catch-all serves it.
    assert assert_reachable(plan, "site", path="/anything").priority == 50000
    assert find_route(plan, "shop", path="/") is None
    assert "edge-alb (internet-facing) HTTPS:443 rule" in api.describe()


def test_an_unreachable_service_names_the_routes_it_has(plan) -> None:
    with pytest.raises(AssertionError) as err:
        assert_reachable(plan, "api", host="api.example.com", path="/admin")
    message = str(err.value)
    assert message.startswith("service api-service is not reachable at api.example.com/admin")
    assert (
        "rule api-rule (priority 10): hostHeader ['api.example.com'] and pathPattern ['/v1/*']"
        in message
    )
    with pytest.raises(AssertionError, match=r"no ECS service named 'nope'.*api-service"):
        assert_reachable(plan, "nope")


def test_no_findings_at_or_above_lists_what_it_found() -> None:
    http_only = run_in_mocks(lambda: _program(None))
    with pytest.raises(AssertionError) as err:
        assert_no_findings_at_or_above(http_only, "error")
    assert str(err.value).startswith("expected no finding at or above error, found 1:")
    assert "FC-ALB-001" in str(err.value)
    # With a certificate the production defaults leave only the advisory FC-ALB-007: TLS ends
    # at the ALB and the tasks are reached over HTTP (the examples waive it with that reason).
    # FC-NET-102 cannot read the names of a certificate made elsewhere (certificate_arn): it
    # says so with an unverified result, returned but not failing, as `--fail-on` counts.
    remaining = assert_no_findings_at_or_above(run_in_mocks(_program), "warning")
    assert {(f.rule, f.severity, f.unverified) for f in remaining} == {
        ("FC-ALB-007", "advisory", False),
        ("FC-NET-102", "warning", True),
    }
    with pytest.raises(ValidationError, match="severity = 'fatal' is not allowed"):
        assert_no_findings_at_or_above(http_only, "fatal")


USER_TESTS = """
from pathlib import Path

from fargate_components import LoadBalancer, LoadBalancerArgs, Network, NetworkArgs


def program():
    Network("net", NetworkArgs(az_count=2, nat_gateways="single"))


def test_callable_with_config(fargate_plan):
    plan = fargate_plan(program, project="shop", config={"aws:region": "eu-west-1"})
    assert plan.region == "eu-west-1" and plan.project == "shop"


def test_directory_with_stack_config(fargate_plan):
    plan = fargate_plan(Path(__file__).parent / "proj", stack="prod", config={"azs": "3"})
    assert plan.region == "ap-northeast-2"  # from Pulumi.prod.yaml
    assert len(plan.of_type("aws:ec2/subnet:Subnet")) == 6  # the override wins


def test_failing_findings(fargate_plan, fargate_assert):
    def http_only():
        LoadBalancer("web", LoadBalancerArgs(network=Network("net", NetworkArgs(az_count=2))))

    fargate_assert.no_findings(fargate_plan(http_only), at_or_above="error")


def test_simulate(fargate_plan, fargate_simulate, fargate_assert):
    plan = fargate_plan(program)
    assert fargate_simulate(plan).ok
    fargate_assert.simulates(plan)
"""

PROJECT_MAIN = """
import pulumi
from fargate_components import Network, NetworkArgs
Network("net", NetworkArgs(az_count=pulumi.Config().require_int("azs"), nat_gateways="single"))
"""


def test_a_user_test_file_with_only_the_fixtures(pytester: pytest.Pytester) -> None:
    proj = pytester.mkdir("proj")
    (proj / "Pulumi.yaml").write_text("name: shop\nruntime: python\n")
    (proj / "Pulumi.prod.yaml").write_text("config:\n  aws:region: ap-northeast-2\n  shop:azs: 2\n")
    (proj / "__main__.py").write_text(PROJECT_MAIN)
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        ["*expected no finding at or above error, found 1:*", "*FC-ALB-001*"]
    )


def test_provider_deprecation_warnings_are_silenced_in_a_users_run(
    pytester: pytest.Pytester,
) -> None:
    """In a fresh interpreter (the providers warn once, on import) with warnings as errors:
    the plugin's filters keep pulumi_aws's import-time DeprecationWarnings out, and a
    DeprecationWarning of the user's own code still shows."""
    pytester.makeini("[pytest]\nfilterwarnings =\n    error\n")
    pytester.makepyfile(
        test_noise="""
import warnings

def test_providers_are_quiet():
    import pulumi_aws.ec2  # noqa: F401  (warns about deprecated resources on import)

def test_mine_still_show():
    warnings.warn("mine", DeprecationWarning)
"""
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*DeprecationWarning: mine*"])


def test_a_directory_without_a_dev_stack_file_plans_as_the_cli_does(tmp_path: Path) -> None:
    # A user's project had no Pulumi.dev.yaml: `fargate-components plan .` planned it, and
    # fargate_plan(PROJECT) failed "no Pulumi.dev.yaml" (its default stack counted as named).
    from fargate_components.plan import ProgramError
    from fargate_components.testing.pytest_plugin import run_plan

    (tmp_path / "Pulumi.yaml").write_text("name: shop\nruntime: python\nconfig:\n  azs: 1\n")
    (tmp_path / "__main__.py").write_text(PROJECT_MAIN)
    assert run_plan(tmp_path).stack == "dev"
    with pytest.raises(ProgramError, match=r"no Pulumi\.dev\.yaml"):
        run_plan(tmp_path, stack="dev")  # a named stack still needs its file
