"""Small wiring helpers every component uses the same way."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING, Any

import pulumi

if TYPE_CHECKING:
    import pulumi_aws as aws

__all__ = [
    "LOG_GROUP_NAME_INPUTS",
    "TYPE_PREFIX",
    "WAIVER_TAG",
    "child_kms_key",
    "child_log_group",
    "child_opts",
    "known_arn",
    "log_group_arn",
    "merge_tags",
    "queue_arn_and_url",
    "role_arn",
    "run_scoped",
    "stack_account_id",
    "stack_caller_identity",
    "stack_partition",
    "stack_region",
]

#: Every component's type token starts with this package name, e.g. ``fargate:network:Network``.
TYPE_PREFIX = "fargate"

#: The tag that waives policy findings on a resource (see ``fargate_components.policy``).
#: Here, not in the policy package, so components can set it without loading the rules.
WAIVER_TAG = "fargate:waive"


def child_opts(parent: pulumi.Resource, **kwargs: object) -> pulumi.ResourceOptions:
    """Options for a child resource: parented to its component (never a copy of the
    component's own options: the provider and other inherited settings flow through
    ``parent``)."""
    return pulumi.ResourceOptions(parent=parent, **kwargs)  # type: ignore[arg-type]


def merge_tags(*tag_sets: Mapping[str, str] | None) -> dict[str, str]:
    """Merge tag maps left to right (later ones win); ``None`` entries are skipped. The
    result is checked against AWS's tag rules (``fargate_components.tags``), so a tag the
    library adds itself can never be one AWS refuses."""
    from .tags import check_merged_tags

    merged: dict[str, str] = {}
    for tags in tag_sets:
        if tags:
            merged.update(tags)
    check_merged_tags(merged)
    return merged


#: The inputs that name a log group. The library's log groups are auto-named (no ``name``, no
#: ``namePrefix``) and ignore changes to both, so a group created by an earlier version (named
#: from a ``/ecs/...-`` prefix) is kept as it is: no replacement, no lost logs.
LOG_GROUP_NAME_INPUTS = ("name", "namePrefix")


def child_log_group(
    parent: pulumi.Resource,
    resource_name: str,
    *,
    retention_in_days: pulumi.Input[int],
    kms_key_id: pulumi.Input[str] | None,
    tags: Mapping[str, str] | None,
    **opts: object,
) -> aws.cloudwatch.LogGroup:
    """A log group child of ``parent``, named ``resource_name`` (also its ``Name`` tag);
    ``opts`` go to :func:`child_opts`.

    Its AWS name is Pulumi's auto-name of ``resource_name`` (``web-logs-1a2b3c4``, or the
    stack's ``pulumi:autonaming`` pattern): the provider picks it when it checks the inputs,
    so it is known at the first ``pulumi preview`` of a new stack, and so is everything built
    from it (container definitions, policies). A ``name_prefix`` name is picked by AWS at
    create: every document that mentions it would be unknown until then."""
    import pulumi_aws as aws  # here, so the policy package can read WAIVER_TAG cheaply

    return aws.cloudwatch.LogGroup(
        resource_name,
        retention_in_days=retention_in_days,
        kms_key_id=kms_key_id,
        tags=merge_tags(tags, {"Name": resource_name}),
        opts=child_opts(parent, ignore_changes=list(LOG_GROUP_NAME_INPUTS), **opts),
    )


def child_kms_key_or_given(
    parent: pulumi.Resource,
    resource_name: str,
    given: Any,
    *,
    purposes: list[str],
    logs: bool,
    tags: Mapping[str, str] | None,
    protect: bool,
    scheduler: tuple[Any, str] | None = None,
) -> tuple[Any, Any]:
    """A key argument resolved: ``kms.CREATE_KEY`` creates ``child_kms_key(...)``; anything else
    (a key ARN, or ``None`` for AWS-managed encryption) is used as given. Returns the created
    key (or ``None``) and the key ARN to encrypt with."""
    from .kms import creates_key

    if not creates_key(given):
        return None, given
    key = child_kms_key(
        parent,
        resource_name,
        purposes=purposes,
        logs=logs,
        tags=tags,
        protect=protect,
        scheduler=scheduler,
    )
    return key, key.arn


def child_kms_key(
    parent: pulumi.Resource,
    resource_name: str,
    *,
    purposes: list[str],
    logs: bool,
    tags: Mapping[str, str] | None,
    protect: bool,
    policy_resource: bool = False,
    scheduler: tuple[Any, str] | None = None,
) -> aws.kms.Key:
    """A customer managed key child of ``parent`` named ``resource_name``: rotation on, the
    longest deletion window, an explicit key policy (``kms.key_policy``; ``logs`` lets
    CloudWatch Logs of the stack's region use it; ``scheduler=(role ARN, schedule ARN
    pattern)`` lets that EventBridge Scheduler execution role decrypt those schedules' data)
    and, with ``protect``, kept when the stack stops declaring it (``data_protection``). With
    ``policy_resource`` the key gets no policy input: the caller writes it with an
    ``aws.kms.KeyPolicy`` (a policy naming a resource that itself needs the key's ARN)."""
    import pulumi_aws as aws

    from . import iam
    from .data_protection import protection_options
    from .kms import KEY_DELETION_WINDOW_DAYS, describe, key_policy
    from .model.tokens import KMS_KEY

    role, schedules = scheduler if scheduler is not None else (None, "")
    policy = (
        None
        if policy_resource
        else pulumi.Output.all(
            stack_account_id(parent), stack_partition(parent), stack_region(parent), role
        ).apply(
            lambda v: iam.to_json(
                key_policy(
                    str(v[0]),
                    str(v[1]),
                    str(v[2]),
                    logs=logs,
                    scheduler=(str(v[3]), schedules) if scheduler is not None else None,
                )
            )
        )
    )
    return aws.kms.Key(
        resource_name,
        description=describe(purposes),
        enable_key_rotation=True,
        deletion_window_in_days=KEY_DELETION_WINDOW_DAYS,
        policy=None if policy_resource else policy,
        tags=merge_tags(tags, {"Name": resource_name}),
        opts=child_opts(parent, **protection_options(KMS_KEY, protect)),
    )


# --------------------------------------------------------------------------- stack identity
#
# The account, region and partition a component deploys to, resolved once per stack and AWS
# provider rather than once per component (issue 18: three invokes per task definition were
# 300 of 302 at 100 services; under a real engine each is a provider call, and the caller
# identity an STS call, on every preview). The cache is keyed by the resource monitor (one per
# Pulumi run: a `pulumi up` process, a `run_in_mocks` call, a `set_mocks` test), the stack
# and the event loop, so separate runs in one process never share an Output; and by the AWS
# provider the component inherits (an explicit provider may target another account or region).

_RUN_STATE: weakref.WeakKeyDictionary[Any, dict[tuple[int, int, Hashable], tuple[Any, ...]]] = (
    weakref.WeakKeyDictionary()
)


def run_scoped(key: Hashable, factory: Callable[[], Any]) -> Any:
    """The object ``factory()`` made for ``key`` in this run and stack (one Pulumi run,
    event loop and root resource: separate runs in one process never share it); ``None``
    outside a Pulumi run. For state that spans components: invokes made once, names claimed
    across services."""
    from pulumi.runtime import settings

    monitor = settings.get_monitor()
    if monitor is None:
        return None
    root = settings.get_root_resource()
    loop = asyncio.get_event_loop()
    store = _RUN_STATE.setdefault(monitor, {})
    full_key = (id(root), id(loop), key)
    hit = store.get(full_key)
    if hit is None:
        # root and loop are kept with the object, so their ids cannot be reused meanwhile
        hit = store[full_key] = (root, loop, factory())
    return hit[2]


def _once_per_stack(parent: pulumi.Resource, token: str, invoke: Any) -> Any:
    """The Output of ``invoke(opts)`` for this run, stack and AWS provider: made on first use,
    reused by every later component of the same run."""
    provider = parent.get_provider(token)
    # the provider is kept with the Output, so its id cannot be reused while it is cached;
    # the first caller's provider (None: the default one) answers for all callers
    hit = run_scoped(
        (id(provider), token),
        lambda: (provider, invoke(pulumi.InvokeOutputOptions(provider=provider))),
    )
    if hit is None:  # no Pulumi run to cache in: invoke as the component would
        return invoke(pulumi.InvokeOutputOptions(parent=parent))
    return hit[1]


def _attribute_once(
    parent: pulumi.Resource,
    token: str,
    invoke: Callable[[pulumi.Resource], Any],
    attribute: str,
) -> Any:
    """``invoke(parent).<attribute>``, one Output per run, stack and provider (each lifted
    attribute is a new Output otherwise, at every call)."""
    provider = parent.get_provider(token)
    hit = run_scoped(
        (id(provider), token, attribute),
        lambda: (provider, getattr(invoke(parent), attribute)),
    )
    return getattr(invoke(parent), attribute) if hit is None else hit[1]


def stack_caller_identity(parent: pulumi.Resource) -> pulumi.Output[Any]:
    """``aws.get_caller_identity_output`` for ``parent``'s AWS provider, once per stack."""
    import pulumi_aws as aws

    from .model.tokens import GET_CALLER_IDENTITY

    return _once_per_stack(
        parent, GET_CALLER_IDENTITY, lambda opts: aws.get_caller_identity_output(opts=opts)
    )


def stack_account_id(parent: pulumi.Resource) -> pulumi.Output[str]:
    """The AWS account id ``parent`` deploys to (one invoke per stack and provider)."""
    from .model.tokens import GET_CALLER_IDENTITY

    return _attribute_once(parent, GET_CALLER_IDENTITY, stack_caller_identity, "account_id")


def stack_region(parent: pulumi.Resource) -> pulumi.Output[str]:
    """The AWS region ``parent`` deploys to (one invoke per stack and provider)."""
    import pulumi_aws as aws

    from .model.tokens import GET_REGION

    def invoke(parent: pulumi.Resource) -> Any:
        return _once_per_stack(parent, GET_REGION, lambda opts: aws.get_region_output(opts=opts))

    return _attribute_once(parent, GET_REGION, invoke, "region")


def stack_partition(parent: pulumi.Resource) -> pulumi.Output[str]:
    """The AWS partition (``aws``, ``aws-cn``, ``aws-us-gov``) ``parent`` deploys to (one
    invoke per stack and provider)."""
    import pulumi_aws as aws

    from .model.tokens import GET_PARTITION

    def invoke(parent: pulumi.Resource) -> Any:
        return _once_per_stack(
            parent, GET_PARTITION, lambda opts: aws.get_partition_output(opts=opts)
        )

    return _attribute_once(parent, GET_PARTITION, invoke, "partition")


def stack_dns_suffix(parent: pulumi.Resource) -> pulumi.Output[str]:
    """The DNS suffix of ``parent``'s partition (``amazonaws.com``, ``amazonaws.com.cn``, ...),
    from the same once-per-stack partition invoke as :func:`stack_partition`: known at
    preview."""
    import pulumi_aws as aws

    from .model.tokens import GET_PARTITION

    invoke = _once_per_stack(
        parent, GET_PARTITION, lambda opts: aws.get_partition_output(opts=opts)
    )
    return invoke.dns_suffix  # type: ignore[no-any-return]


def known_arn(
    parent: pulumi.Resource,
    service: str,
    resource: pulumi.Input[str],
    *,
    regional: bool = True,
    template: str = "{}",
) -> pulumi.Output[str]:
    """``arn:<partition>:<service>:<region>:<account>:<template filled with resource>``
    in ``parent``'s account (``regional=False``: no region, as IAM), built from the
    caller-identity/region/partition invokes: known at preview whenever ``resource`` is,
    where the ``arn`` a provider computes is unknown until the resource is created. Used
    for the documents a reviewer reads (policies, Helm values, redrive policies); the value
    is the one the provider reports once the resource exists, so nothing changes on an
    existing stack."""
    from .model.tokens import GET_PARTITION

    def parts() -> pulumi.Output[list[str]]:
        region = stack_region(parent) if regional else ""
        return pulumi.Output.all(stack_partition(parent), region, stack_account_id(parent))

    provider = parent.get_provider(GET_PARTITION)
    hit = run_scoped(("arn-parts", id(provider), regional), lambda: (provider, parts()))
    prefix = parts() if hit is None else hit[1]

    def arn(v: list[str], name: str) -> str:
        return f"arn:{v[0]}:{service}:{v[1]}:{v[2]}:{template.format(name)}"

    if isinstance(resource, str):
        return prefix.apply(lambda v: arn(v, resource))
    return pulumi.Output.all(prefix, resource).apply(lambda v: arn(v[0], v[1]))


def log_group_arn(parent: pulumi.Resource, group_name: pulumi.Input[str]) -> pulumi.Output[str]:
    """The ARN of the log group ``group_name`` (as ``LogGroup.arn``: no ``:*``), known at
    preview when the name is (:func:`known_arn`)."""
    return known_arn(parent, "logs", group_name, template="log-group:{}")


def role_arn(parent: pulumi.Resource, role_name: pulumi.Input[str]) -> pulumi.Output[str]:
    """The ARN of the IAM role ``role_name`` (path ``/``), known at preview when the name is
    (auto-named roles) (:func:`known_arn`)."""
    return known_arn(parent, "iam", role_name, regional=False, template="role/{}")


def queue_arn_and_url(
    parent: pulumi.Resource, queue_name: pulumi.Input[str]
) -> tuple[pulumi.Output[str], pulumi.Output[str]]:
    """The ARN and URL of the SQS queue ``queue_name``, known at preview when the name is.
    The URL has the documented shape ``https://sqs.<region>.<dns suffix>/<account>/<name>``
    ("Amazon SQS queue and message identifiers", SQS Developer Guide)."""
    url = pulumi.Output.all(
        stack_region(parent),
        stack_dns_suffix(parent),
        stack_account_id(parent),
        queue_name,
    ).apply(lambda v: f"https://sqs.{v[0]}.{v[1]}/{v[2]}/{v[3]}")
    return known_arn(parent, "sqs", queue_name), url
