"""Which inputs of a create the simulator never sent to moto (no silent pass).

A create handler sends moto the inputs it knows how to; an input it never reads is accepted
without AWS's checks on it, and the resource in moto lacks it. Rather than trust every
handler to name what it drops, the engine hands a create its inputs in a :class:`Reads`
mapping that records which top-level inputs the handler looked at (nested values count
as read as a whole); whatever is left, minus what no create call takes
(:data:`NOT_SENT_ON_CREATE`), is reported *unverified* for that resource.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ...model.tokens import ECS_SERVICE, EKS_ADDON, KMS_KEY

__all__ = ["NOT_SENT_ON_CREATE", "Reads", "unread"]

#: Inputs of every type that no AWS create call takes: the provider's merge of default
#: tags, its own settings (kept in its state, as the update tables say: ``NO_CALL`` in
#: update_calls.py) and what it uses on delete (``forceDelete``, ``recoveryWindowInDays``,
#: ``revokeRulesOnDelete``, ``forceDetachPolicies``, an EKS add-on's ``preserve``).
_ANY_TYPE = frozenset(
    {
        "tagsAll",
        "__defaults",
        "skipDestroy",
        "forceDestroy",
        "forceDelete",
        "forceDetachPolicies",
        "recoveryWindowInDays",
        "revokeRulesOnDelete",
        "preserve",
        "timeouts",
        "trackLatest",
        "userDataReplaceOnChange",
    }
)

#: Per type, inputs the provider uses at another time than the create, with why.
NOT_SENT_ON_CREATE: Mapping[str, frozenset[str]] = {
    # pulumi-aws ecs/service.go: force_new_deployment and wait_for_steady_state steer the
    # provider's own update and wait; CreateService has no such parameter.
    ECS_SERVICE: frozenset({"forceNewDeployment", "waitForSteadyState"}),
    # kms/key.go: deletion_window_in_days is ScheduleKeyDeletion's PendingWindowInDays, sent
    # on delete (replayed by the delete handler).
    KMS_KEY: frozenset({"deletionWindowInDays"}),
    # eks/addon.go: resolve_conflicts_on_update is UpdateAddon's ResolveConflicts.
    EKS_ADDON: frozenset({"resolveConflictsOnUpdate"}),
}


class Reads(dict[str, Any]):
    """A create's inputs that remember which keys were read (``read``). Iterating, copying
    or listing the items marks every key read (the handler passed them all on)."""

    def __init__(self, inputs: Mapping[str, Any]) -> None:
        super().__init__(inputs)
        self.read: set[str] = set()

    def _all(self) -> None:
        self.read.update(super().keys())

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.read.add(key)
        return super().__contains__(key)

    def pop(self, key: str, *default: Any) -> Any:
        self.read.add(key)
        return super().pop(key, *default)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().setdefault(key, default)

    def __iter__(self) -> Iterator[str]:
        self._all()
        return super().__iter__()

    def keys(self) -> Any:
        self._all()
        return super().keys()

    def values(self) -> Any:
        self._all()
        return super().values()

    def items(self) -> Any:
        self._all()
        return super().items()

    def copy(self) -> dict[str, Any]:
        self._all()
        return dict(super().items())


def unread(type_: str, inputs: Reads) -> list[str]:
    """The inputs with a value that the create of a ``type_`` never read (sorted)."""
    from .handlers.tagging import EMULATED_TAGS  # here: handlers' updates use Reads

    skip = _ANY_TYPE | NOT_SENT_ON_CREATE.get(type_, frozenset())
    if type_ in EMULATED_TAGS:  # moto 5 has no tagging API for these (tagging.py), and the
        skip |= {"tags"}  # library checks AWS's tag rules itself (tags.py), as on update
    present = dict.keys(inputs)
    return sorted(
        k
        for k in present
        if k not in inputs.read and k not in skip and dict.get(inputs, k) not in (None, "", [], {})
    )
