"""CloudWatch Logs: the retention rule every log group we create follows (the log group
itself is wired by ``_component.child_log_group``)."""

from __future__ import annotations

from typing import Any

from .errors import ValidationError, is_known

__all__ = [
    "AUDIT_RETENTION_DAYS",
    "DEFAULT_RETENTION_DAYS",
    "RETENTION_DAYS",
    "check_retention_days",
]

#: The values PutRetentionPolicy accepts (CloudWatch Logs API reference, retentionInDays).
RETENTION_DAYS = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
    1096, 1827, 2192, 2557, 2922, 3288, 3653,
)  # fmt: skip

#: Default retention of the application log groups this library creates.
DEFAULT_RETENTION_DAYS = 30

#: Default retention of audit log groups (VPC flow logs, ECS Exec sessions): a year, the
#: minimum checkov asks of them (CKV_AWS_338, "Ensure CloudWatch log groups retains logs for at
#: least 1 year") and the usual audit-trail requirement (e.g. PCI DSS 10.5.1: "Retain audit log
#: history for at least 12 months").
AUDIT_RETENTION_DAYS = 365


def check_retention_days(argument: str, value: Any) -> None:
    """Require one of :data:`RETENTION_DAYS`. "Never expire" is not offered on purpose:
    unbounded retention is a cost and compliance finding (CKV_AWS_66 asks for one set)."""
    if not is_known(value):
        return
    if isinstance(value, bool) or value not in RETENTION_DAYS:
        raise ValidationError(argument, value, f"one of {', '.join(map(str, RETENTION_DAYS))}")
