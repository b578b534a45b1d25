"""A create the simulator made without some of its inputs is *unverified*, never a silent
ok: the handler's reads are recorded (``simulate/reads.py``) and the rest is reported."""

from __future__ import annotations

import json
from typing import Any

import pulumi_aws as aws

from fargate_components.model import tokens
from fargate_components.testing import run_in_mocks
from fargate_components.testing.simulate import HANDLERS, render_simulation_text, simulate
from fargate_components.testing.simulate.reads import Reads, unread


def test_reads_records_what_a_handler_looked_at() -> None:
    inputs = Reads({"name": "a", "retentionInDays": 7, "kmsKeyId": "k", "tagsAll": {"x": "y"}})
    assert inputs.get("name") == "a" and "kmsKeyId" in inputs
    assert unread(tokens.LOG_GROUP, inputs) == ["retentionInDays"]  # tagsAll: no AWS call
    json.dumps(inputs)  # passed on whole: every input read
    assert unread(tokens.LOG_GROUP, inputs) == []
    empty = Reads({"description": "", "tags": {}, "forceNewDeployment": True})
    assert unread(tokens.ECS_SERVICE, empty) == []  # empty values, a provider-only flag


def test_an_input_no_call_sends_is_unverified() -> None:
    """A handler that drops an input (here: a log group's retention) leaves the resource in
    moto without it: listed under ``unverified`` in the JSON and the text."""

    def forgetful(inputs: dict[str, Any], ctx: Any) -> Any:
        ctx.client("logs").create_log_group(logGroupName=ctx.name())
        return {"id": ctx.name(), "arn": ctx.arn("logs", f"log-group:{ctx.name()}")}

    plan = run_in_mocks(lambda: aws.cloudwatch.LogGroup("audit", retention_in_days=90))
    result = simulate(plan, handlers={**HANDLERS, tokens.LOG_GROUP: forgetful})
    assert result.ok
    (doubt,) = result.to_json()["unverified"]
    assert doubt["urn"].endswith("::audit") and "without retentionInDays" in doubt["reason"]
    text = render_simulation_text(result)
    assert "? aws:cloudwatch/logGroup:LogGroup audit: created without" in text
    assert text.startswith(
        "Simulated deploy (moto): 1 created, 0 failed, 0 unsupported type(s), 1 unverified"
    )
    assert simulate(plan).unverified == []  # the real handler sends it


def test_a_create_naming_a_resource_not_simulated_is_unverified() -> None:
    """A KMS key and a dead-letter queue the simulator could not create: a log group
    encrypted with the key, which moto accepts anyway, is unverified (it names a key moto
    does not have); the queue redriving to the missing queue, which moto refuses, is not
    simulated, rather than a failure AWS would not report."""
    from fargate_components.testing.simulate import Unsupported

    def cannot(inputs: dict[str, Any], ctx: Any) -> Any:
        if ctx.record.name == "main":
            return HANDLERS[tokens.SQS_QUEUE](inputs, ctx)
        raise Unsupported("not in this test")

    def program() -> None:
        key = aws.kms.Key("key")
        aws.cloudwatch.LogGroup("logs", kms_key_id=key.arn)
        dlq = aws.sqs.Queue("dlq")
        aws.sqs.Queue("main", redrive_policy=dlq.arn.apply(_redrive))

    handlers = {**HANDLERS, tokens.KMS_KEY: cannot, tokens.SQS_QUEUE: cannot}
    result = simulate(run_in_mocks(program), handlers=handlers)
    assert result.ok, result.failed
    (doubt,) = result.unverified
    assert doubt["urn"].endswith("::logs")
    assert "naming aws:kms/key:Key key, which was not simulated" in doubt["reason"]
    skipped = {n["urn"].rsplit("::", 1)[-1]: n["reason"] for n in result.not_simulated}
    assert skipped["main"].startswith("refers to aws:sqs/queue:Queue dlq, which was not")
    assert "moto refused it: AWS.SimpleQueueService.NonExistentQueue" in skipped["main"]


def _redrive(arn: str) -> str:
    return json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": 3})


def test_an_update_call_that_skips_a_changed_input_is_unverified() -> None:
    """An update table pairs inputs with the call that replays them; a call that leaves one
    of its changed inputs unread is said (a pure check: no moto)."""
    from types import SimpleNamespace

    from fargate_components.model import ResourceRecord
    from fargate_components.testing.simulate import Ctx, SimulationResult
    from fargate_components.testing.simulate.handlers.updates import InPlace, calls

    sent: list[Any] = []
    table = InPlace(calls((("a", "b"), lambda inputs, ctx: sent.append(inputs["a"]))))
    record = ResourceRecord("urn:x", "t", "x", "x", None, True, {}, {}, [], {})
    sim = SimpleNamespace(region="us-east-1", sent={"urn:x": {"a": 1, "b": 1}})
    sim.result, sim.notes = SimulationResult(), {}
    table({"a": 2, "b": 2}, Ctx(sim, record))  # type: ignore[arg-type]
    assert sent == [2]
    assert sim.result.unverified == [
        {"urn": "urn:x", "reason": "updated without b: its update call does not send them"}
    ]


def test_an_update_keeps_what_ignore_changes_ignores() -> None:
    """``ignore_changes``: the engine keeps an ignored input's old value, and so does the
    replay (no call for it); a nested rule can't be applied piecewise: unverified."""
    from types import SimpleNamespace

    from fargate_components.model import ResourceRecord
    from fargate_components.testing.simulate import Ctx, SimulationResult
    from fargate_components.testing.simulate.handlers.updates import InPlace, calls

    called: list[tuple[str, Any]] = []
    table = InPlace(
        calls(
            ("a", lambda inputs, ctx: called.append(("a", inputs["a"]))),
            ("b", lambda inputs, ctx: called.append(("b", inputs["b"]))),
        )
    )
    options = {"ignore_changes": ["b", "a.x"]}
    record = ResourceRecord("urn:x", "t", "x", "x", None, True, {}, {}, [], {}, options)
    sim = SimpleNamespace(region="us-east-1", sent={"urn:x": {"a": {"x": 1}, "b": 1}})
    sim.result, sim.notes = SimulationResult(), {}
    table({"a": {"x": 2}, "b": 2}, Ctx(sim, record))  # type: ignore[arg-type]
    assert called == [("a", {"x": 2})]
    (doubt,) = sim.result.unverified
    assert doubt["reason"].startswith("ignore_changes a.x: the replay sends the whole new input")
