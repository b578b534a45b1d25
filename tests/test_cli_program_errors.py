"""A program that fails inside the engine (while an input resolves) is one ``error:`` line.

A user planning a stack that reads another stack's outputs hit two of these: a stack
reference missing from ``stack-references.dev.yaml`` printed 575 lines of asyncio tracebacks
and ``RuntimeWarning`` s around the error, and an empty subnet list (checked in ``apply``,
README "Existing clusters...") 3,300 lines, with the ``ValidationError`` under three
"While processing input" wrappers of the SDK.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fargate_components.cli import main

PROGRAM = """\
import pulumi
from fargate_components import Network

shared = pulumi.StackReference("acme/platform/prod")
net = Network.existing(
    shared.get_output("vpc_id"),
    shared.get_output("public_subnet_ids"),
    shared.get_output("private_subnet_ids"),
)
pulumi.export("private", net.private_subnet_ids)
"""

OUTPUTS = """\
acme/platform/prod:
  vpc_id: vpc-0abc1234
  public_subnet_ids: [subnet-0aaa1111]
  private_subnet_ids: []
"""


def _project(tmp_path: Path, references: str | None) -> str:
    (tmp_path / "Pulumi.yaml").write_text("name: shop\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(PROGRAM)
    if references is not None:
        (tmp_path / "stack-references.dev.yaml").write_text(references)
    return str(tmp_path)


@pytest.mark.parametrize(
    ("references", "message"),
    [
        (None, "error: KeyError: StackReference 'acme/platform/prod': no outputs given offline"),
        (
            OUTPUTS,
            "error: ValidationError: Network.existing(private_subnet_ids) = [] is not allowed",
        ),
    ],
    ids=["reference-not-listed", "checked-in-apply"],
)
def test_an_error_inside_the_engine_is_one_line(
    tmp_path: Path, references: str | None, message: str, capfd: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", _project(tmp_path, references)]) == 1
    out, err = capfd.readouterr()
    assert out == ""
    assert err.startswith(message), err[:2000]
    for noise in ("Traceback", "never retrieved", "never awaited", "While processing"):
        assert noise not in err, err[:2000]
