"""The plan model the product owns: resource records, the plan, the marks for values a
preview cannot see, the AWS type tokens (:mod:`.tokens`) and the one reference index
(:class:`Graph`).

Every consumer of a plan (policy, pricing, the plan formats, the test kit and its
simulator) reads plans through this package; nothing here imports the test kit or Pulumi.
"""

from . import tokens
from .graph import IDENTITY_KEYS, Graph, distinctive_handles, handles
from .plan import Diagnostic, Plan, StackOutput, records_of
from .records import (
    SECRET_MARK,
    UNKNOWN_MARK,
    ResourceRecord,
    is_known,
    parse_json,
    replace_values,
    strings,
    truthy,
)

__all__ = [
    "IDENTITY_KEYS",
    "SECRET_MARK",
    "UNKNOWN_MARK",
    "Diagnostic",
    "Graph",
    "Plan",
    "ResourceRecord",
    "StackOutput",
    "distinctive_handles",
    "handles",
    "is_known",
    "parse_json",
    "records_of",
    "replace_values",
    "strings",
    "tokens",
    "truthy",
]
