"""Policy rules on the storage ECS manages for tasks: FC-ECS-020 (a service's task-attached
EBS volumes are encrypted).

The decisions and their sources are :mod:`fargate_components.ecs.ebs_volumes`; this rule reads
the wire shape (``aws.ecs.Service`` ``volumeConfiguration.managedEbsVolume``), so it judges
services the library didn't build too. ECS encrypts when ``encrypted`` is unset ("If no value
is specified, encryption is turned on by default", ECS API
ServiceManagedEBSVolumeConfiguration), so only an explicit ``false`` is a finding; with
Region-level EBS encryption by default on, AWS encrypts anyway, which a plan can't see.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Graph, ResourceRecord, is_known
from ..model.tokens import ECS_SERVICE
from .rules import _rule

__all__: list[str] = []


@_rule(
    "FC-ECS-020",
    "warning",
    ECS_SERVICE,
    "Task-attached EBS volumes are encrypted",
    "drop `EbsVolume(encrypted=False)` (`managedEBSVolume.encrypted`): ECS encrypts with the "
    'account\'s EBS key, or with `kms_key_arn` ("create" or your key)',
)
def _ebs_encrypted(record: ResourceRecord, graph: Graph) -> Iterator[str]:
    config = record.inputs.get("volumeConfiguration")
    if not isinstance(config, dict):
        return
    managed = config.get("managedEbsVolume")
    if not isinstance(managed, dict):
        return
    encrypted = managed.get("encrypted")
    if encrypted is False or (is_known(encrypted) and str(encrypted).lower() == "false"):
        yield (
            f"the EBS volume {config.get('name')!r} of every task is unencrypted "
            "(managedEBSVolume.encrypted = false)"
        )
