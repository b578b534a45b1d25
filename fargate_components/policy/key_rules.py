"""FC-KMS-001: a KMS key a resource encrypts with is of that resource's region.

KMS keys are regional (a multi-Region key's replicas are keys of their own Regions, each
named by its Region in its ARN: KMS developer guide, "Multi-Region keys in AWS KMS"), and a
service encrypts with a key of its own Region: EKS "The KMS key must be symmetric and created
in the same AWS Region as the cluster" (EKS API reference, ``Provider``,
https://docs.aws.amazon.com/eks/latest/APIReference/API_Provider.html); for the other services
it follows from the key being regional (not found stated per service; see ``kms.check_key_region``,
which refuses a known ARN of another region at construction). This rule reads every key input
of the plan (``kmsKeyId``, ``kmsKeyArn``, ``kmsMasterKeyId``, ``kmsKey``, ``keyArn``,
``fargateEphemeralStorageKmsKeyId``, at any depth): a key of the plan passes (made by the same
provider), an ARN of another region than the resource's (its ``region`` input, else the
plan's) fails, and a key the plan neither makes nor names by a known ARN (an Output from a
StackReference) is *unverified*: its region can't be read offline.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Graph, ResourceRecord, is_known
from ..model.tokens import KMS_ALIAS, KMS_KEY
from .model import Unverified
from .rules import _rule

__all__: list[str] = []

#: The input names that hold the KMS key a resource encrypts with.
KEY_FIELDS = frozenset(
    {
        "kmsKeyId",
        "kmsKeyArn",
        "kmsMasterKeyId",
        "kmsKey",
        "keyArn",
        "fargateEphemeralStorageKmsKeyId",
    }
)


def _keys(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """``(path, value)`` of each key input under ``value``."""
    if isinstance(value, dict):
        for name, inner in value.items():
            where = f"{path}.{name}"
            if name in KEY_FIELDS and not isinstance(inner, (dict, list)):
                yield where, inner
            else:
                yield from _keys(inner, where)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _keys(inner, f"{path}[{index}]")


@_rule(
    "FC-KMS-001",
    "error",
    "*",
    "A KMS key a resource encrypts with is of the resource's region",
    "use the key (or the multi-Region key's replica) of the resource's region",
    needs_graph=True,
)
def _key_region(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    region = record.inputs.get("region") or graph.region
    for prop, top in record.inputs.items():
        for path, key in _keys({prop: top}, ""):
            where = path.lstrip(".")
            if key is None:
                continue
            if not (isinstance(key, str) and is_known(key)):
                if not graph.refs(record, prop, KMS_KEY, KMS_ALIAS):
                    yield Unverified(
                        f"the key of {where} is not in the plan: its region is unknown"
                    )
                continue
            if graph.lookup(key, KMS_KEY, KMS_ALIAS):
                continue
            parts = key.split(":")
            if (
                isinstance(region, str)
                and len(parts) > 3
                and parts[2] == "kms"
                and parts[3] != region
            ):
                yield f"{where} is a key of {parts[3]!r}, not of its region {region!r}"
