"""Spot interruption, across resources: does a task finish inside Fargate Spot's two-minute
notice, and does its queue keep a message hidden while it does? Pure: no Pulumi resources.

Facts (AWS knowledge center, "How do I handle Spot termination notices in AWS Fargate Spot
tasks?", https://aws.amazon.com/premiumsupport/knowledge-center/fargate-spot-termination-notice/,
and "AWS Fargate capacity providers" in the ECS developer guide):

* "A termination notice is a two-minute warning"; it arrives as a SIGTERM to the task;
* "You can specify a maximum value of 120 seconds for stopTimeout. If you don't specify any
  value for this parameter, then the default value of 30 seconds is used";
* behind a load balancer, "you only have two minutes to deregister from the target group
  before the task is shut down. This means that you must set the deregistration delay of all
  target groups associated with FARGATE_SPOT to a value that's less than two minutes".

ECS stops a task behind a load balancer by draining its target first (the deregistration
delay) and then signalling its containers (each gets its ``stopTimeout`` before SIGKILL), so
the time a Spot task needs to stop cleanly is ``deregistration delay + the longest
stopTimeout``; it must fit in the 120 s notice.

A queue worker that is SIGTERMed mid-message keeps working on it for up to its stop timeout;
if the message's visibility timeout is shorter, SQS hands the same message to another worker
while the first is still on it (SQS "Amazon SQS visibility timeout": a message becomes
visible again when the timeout expires).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "DEFAULT_STOP_TIMEOUT",
    "SPOT_NOTICE_SECONDS",
    "SpotDrain",
    "spot_drain",
    "stop_timeout_of",
    "visibility_problem",
    "visibility_summary",
]

SPOT_NOTICE_SECONDS = 120
#: ECS's stopTimeout when a container sets none.
DEFAULT_STOP_TIMEOUT = 30


def stop_timeout_of(values: Iterable[int | None]) -> int:
    """The longest stop timeout of a task's containers (unset means ECS's 30 s)."""
    return max((v if v is not None else DEFAULT_STOP_TIMEOUT for v in values), default=30)


@dataclass(frozen=True)
class SpotDrain:
    """How long a Spot task behind a load balancer needs to stop cleanly."""

    deregistration_delay: int
    stop_timeout: int

    @property
    def total(self) -> int:
        return self.deregistration_delay + self.stop_timeout

    @property
    def fits(self) -> bool:
        return self.total <= SPOT_NOTICE_SECONDS

    def summary(self) -> str | None:
        """What is wrong, with the numbers (no fix), or None when it fits."""
        if self.fits:
            return None
        return (
            f"can run on Fargate Spot, whose interruption notice is {SPOT_NOTICE_SECONDS} s, but "
            f"stopping a task takes up to {self.total} s (deregistration delay "
            f"{self.deregistration_delay} s + container stopTimeout {self.stop_timeout} s): "
            "requests in flight are cut off"
        )

    def problem(self) -> str | None:
        """The warning, with the numbers and the fix, or None when it fits."""
        summary = self.summary()
        if summary is None:
            return None
        return (
            f"{summary}. Fix: lower the target group's deregistration "
            f"delay and/or the containers' stopTimeout so they sum to at most "
            f"{SPOT_NOTICE_SECONDS} s, or run on CapacityStrategy.on_demand()"
        )


def spot_drain(deregistration_delay: int, stop_timeouts: Iterable[int | None]) -> SpotDrain:
    return SpotDrain(deregistration_delay, stop_timeout_of(stop_timeouts))


def visibility_summary(visibility_timeout: int, stop_timeouts: Iterable[int | None]) -> str | None:
    """What is wrong (no fix) for a worker whose queue's visibility timeout is shorter than
    the time it may keep working on a message after SIGTERM, or None."""
    stop = stop_timeout_of(stop_timeouts)
    if visibility_timeout >= stop:
        return None
    return (
        f"consumes a queue whose visibility timeout is {visibility_timeout} s, shorter than its "
        f"containers' stopTimeout of {stop} s: a message being finished after SIGTERM becomes "
        "visible again and another worker processes it twice"
    )


def visibility_problem(visibility_timeout: int, stop_timeouts: Iterable[int | None]) -> str | None:
    """:func:`visibility_summary` with the fix, or None."""
    stops = list(stop_timeouts)
    summary = visibility_summary(visibility_timeout, stops)
    if summary is None:
        return None
    stop = stop_timeout_of(stops)
    return (
        f"{summary}. Fix: raise the queue's visibility timeout to at least {stop} s (better: "
        "the longest job), or lower stopTimeout"
    )
