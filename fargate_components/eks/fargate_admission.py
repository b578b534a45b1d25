"""What the Fargate scheduler refuses, checked offline on a pod spec (pure).

Each rule names its source. The EKS user guide's "AWS Fargate considerations"
(https://docs.aws.amazon.com/eks/latest/userguide/fargate.html, checked 2026-12):

- DaemonSets aren't supported ("reconfigure that daemon to run as a sidecar container");
- privileged containers aren't supported; pods can't specify ``HostPort`` or ``HostNetwork``;
- GPUs aren't available; EKS doesn't support Fargate Spot;
- EBS volumes can't be mounted, and there is no dynamic persistent volume provisioning
  (static provisioning of EFS only).

The scheduler's own refusals, as users quote them (``Pod not supported on Fargate: fields not
supported: HostNetwork, HostPID, HostIPC, volumes not supported: X is of an unsupported volume
Type, invalid SecurityContext fields: Privileged, port contains HostIP or HostPort``;
aws/containers-roadmap#1517, kubernetes-sigs/aws-efs-csi-driver#589, pachyderm#4522): the same
rules plus ``hostPID`` / ``hostIPC`` and host-bound volume types. AWS publishes no list of
volume types Fargate mounts; :data:`FARGATE_VOLUME_TYPES` holds the ones the guide and the
scheduler's messages show working (emptyDir, configMap, secret, projected, downwardAPI, and
persistentVolumeClaim bound to a static EFS volume). Anything else is refused here with that
caveat in the message.

Sizes: "Understand Fargate Pod configuration details"
(https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html, checked
2026-12) lists pod sizes up to 16 vCPU / 120 GB (8 vCPU: 16-60 GB in 4 GB steps; 16 vCPU:
32-120 GB in 8 GB steps), so the largest EKS pod is the ECS table's largest; a pod whose
requests (+256 MiB) exceed it is never scheduled. Ephemeral storage: 20 GiB included, up to
175 GiB per pod ("AWS Fargate adds support for larger ephemeral volumes", AWS containers
blog, 2023-08).

CoreDNS: the add-on's pods carry ``eks.amazonaws.com/compute-type: ec2`` unless its
configuration sets ``computeType: Fargate`` ("Get started with AWS Fargate for your
cluster", EKS user guide), and then stay Pending on a Fargate-only cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ValidationError
from ..sizing import TaskSize
from .pod_sizing import ContainerRequests, fargate_pod_size, parse_k8s_memory
from .workloads import Workload, container_requests, is_known, pod_containers

__all__ = [
    "ARCH_KEYS",
    "CAPACITY_KEYS",
    "FARGATE_VOLUME_TYPES",
    "GPU_RESOURCES",
    "MAX_EPHEMERAL_STORAGE_GIB",
    "Refusal",
    "claim_backing",
    "pod_size",
    "refusals",
]

#: Volume types a Fargate pod can mount (see the module docstring for the caveat).
FARGATE_VOLUME_TYPES = (
    "emptyDir",
    "configMap",
    "secret",
    "projected",
    "downwardAPI",
    "persistentVolumeClaim",
)
#: Keys of a volume entry that are not its type.
_VOLUME_META = ("name",)
#: Extended resources that ask for accelerators Fargate does not have.
GPU_RESOURCES = (
    "nvidia.com/gpu",
    "amd.com/gpu",
    "aws.amazon.com/neuron",
    "aws.amazon.com/neuroncore",
    "aws.amazon.com/neurondevice",
    "vpc.amazonaws.com/efa",
)
#: The most ephemeral storage one EKS Fargate pod can request (GiB).
MAX_EPHEMERAL_STORAGE_GIB = 175
#: Node labels through which a pod asks for Arm or Spot capacity.
ARCH_KEYS = ("kubernetes.io/arch", "beta.kubernetes.io/arch")
CAPACITY_KEYS = ("eks.amazonaws.com/capacityType", "karpenter.sh/capacity-type")
_ON_DEMAND = ("on_demand", "on-demand")


@dataclass(frozen=True)
class Refusal:
    """One reason Fargate will not run a workload's pods, and how to fix it."""

    field: str
    """The pod-spec path at fault, e.g. ``spec.hostNetwork`` or ``containers[web].securityContext.privileged``."""
    reason: str
    fix: str

    def text(self) -> str:
        return f"{self.field}: {self.reason}. Fix: {self.fix}"


#: How a workload's PersistentVolumeClaim is backed: ``"efs-static"``, ``"ebs"``,
#: ``"dynamic"`` (a StorageClass would provision it), or ``"unknown"``.
ClaimBacking = Callable[[str | None, str], str]


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def claim_backing(
    claim: Mapping[str, Any] | None,
    storage_classes: Mapping[str, Mapping[str, Any]],
    volumes: Mapping[str, Mapping[str, Any]],
) -> str:
    """How a PersistentVolumeClaim (its inputs) would be backed.

    ``storage_classes`` maps StorageClass names to their inputs, ``volumes`` maps
    PersistentVolume names to theirs. EBS-backed: a StorageClass or PV of the EBS CSI driver
    (``ebs.csi.aws.com``) or the in-tree ``kubernetes.io/aws-ebs``. A claim naming a
    StorageClass with a provisioner is dynamic; one bound to an EFS PV (``efs.csi.aws.com``)
    is static EFS.
    """
    if claim is None:
        return "unknown"
    spec = _map(claim.get("spec"))
    volume_name = spec.get("volumeName")
    if isinstance(volume_name, str) and volume_name in volumes:
        return _pv_backing(volumes[volume_name])
    class_name = spec.get("storageClassName")
    if isinstance(class_name, str) and class_name in storage_classes:
        provisioner = str(storage_classes[class_name].get("provisioner") or "")
        if provisioner in ("ebs.csi.aws.com", "kubernetes.io/aws-ebs"):
            return "ebs"
        if provisioner and provisioner != "kubernetes.io/no-provisioner":
            return "dynamic"
    claim_name = _map(claim.get("metadata")).get("name")
    for pv in volumes.values():
        if _map(_map(pv.get("spec")).get("claimRef")).get("name") == claim_name:
            return _pv_backing(pv)
    return "unknown"


def _pv_backing(pv: Mapping[str, Any]) -> str:
    spec = _map(pv.get("spec"))
    driver = _map(spec.get("csi")).get("driver")
    if driver == "efs.csi.aws.com":
        return "efs-static"
    if driver == "ebs.csi.aws.com" or "awsElasticBlockStore" in spec:
        return "ebs"
    return "unknown"


def _all_containers(spec: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for key in ("initContainers", "containers", "ephemeralContainers"):
        for container in pod_containers(spec, key):
            yield f"{key}[{container.get('name', '?')}]", container


def _host_access(spec: Mapping[str, Any]) -> Iterator[Refusal]:
    for key in ("hostNetwork", "hostPID", "hostIPC"):
        if spec.get(key) is True:
            yield Refusal(
                f"spec.{key}",
                f"Fargate pods run in their own VM and cannot use the host's namespaces "
                f"(scheduler: 'fields not supported: {key[0].upper()}{key[1:]}')",
                f"remove {key}; a daemon that needs the node belongs on EC2 nodes, or rework it "
                "as a sidecar container in the pods it serves",
            )
    for where, container in _all_containers(spec):
        context = container.get("securityContext")
        if isinstance(context, Mapping) and context.get("privileged") is True:
            yield Refusal(
                f"{where}.securityContext.privileged",
                "privileged containers aren't supported on Fargate",
                # "Linux capabilities can only be dropped from Fargate pods" (EKS best
                # practices guide, "Pod Security", docs.aws.amazon.com/eks/latest/best-practices/
                # pod-security.html): adding one back is no fix on Fargate.
                "drop privileged and make the container work with the default capabilities "
                "(Fargate pods can only drop capabilities, never add them), or run it on EC2 "
                "nodes",
            )
        for port in container.get("ports") or []:
            if isinstance(port, Mapping) and (port.get("hostPort") or port.get("hostIP")):
                yield Refusal(
                    f"{where}.ports[{port.get('containerPort', '?')}]",
                    "pods on Fargate can't specify HostPort (scheduler: 'port contains HostIP or "
                    "HostPort')",
                    "remove hostPort/hostIP and reach the pod through a ClusterIP Service",
                )


def _volumes(workload: Workload, backing: ClaimBacking | None) -> Iterator[Refusal]:
    for volume in workload.pod_spec.get("volumes") or []:
        if not isinstance(volume, Mapping):
            continue
        name = volume.get("name", "?")
        kinds = [k for k in volume if k not in _VOLUME_META]
        where = f"spec.volumes[{name}]"
        for kind in kinds:
            if kind == "hostPath":
                yield Refusal(
                    where,
                    "hostPath volumes aren't supported on Fargate: there is no host to mount",
                    "use emptyDir for scratch space, or a statically provisioned EFS volume",
                )
            elif kind not in FARGATE_VOLUME_TYPES:
                yield Refusal(
                    where,
                    f"{kind} is not a volume type Fargate mounts (scheduler: 'is of an "
                    "unsupported volume Type'; Fargate mounts "
                    + ", ".join(FARGATE_VOLUME_TYPES)
                    + " bound to static EFS)",
                    "use one of those volume types",
                )
            elif kind == "persistentVolumeClaim" and backing is not None:
                claim = volume.get("persistentVolumeClaim") or {}
                claim_name = str(claim.get("claimName", "")) if isinstance(claim, Mapping) else ""
                yield from _claim(where, claim_name, backing(workload.namespace, claim_name))


def _claim(where: str, claim: str, backing: str) -> Iterator[Refusal]:
    if backing == "ebs":
        yield Refusal(
            where,
            f"claim {claim!r} is backed by EBS, and EBS volumes can't be mounted on Fargate pods",
            "use a statically provisioned EFS PersistentVolume (csi driver efs.csi.aws.com)",
        )
    elif backing == "dynamic":
        yield Refusal(
            where,
            f"claim {claim!r} would be dynamically provisioned, which Fargate doesn't support",
            "bind it to a statically provisioned EFS PersistentVolume (spec.volumeName)",
        )


def _placement(spec: Mapping[str, Any]) -> Iterator[Refusal]:
    selector = spec.get("nodeSelector")
    for key, value in selector.items() if isinstance(selector, Mapping) else ():
        yield from _node_label(f"spec.nodeSelector[{key}]", key, [value])
    affinity = spec.get("affinity")
    node = affinity.get("nodeAffinity") if isinstance(affinity, Mapping) else None
    required = (
        node.get("requiredDuringSchedulingIgnoredDuringExecution")
        if isinstance(node, Mapping)
        else None
    )
    terms = required.get("nodeSelectorTerms") if isinstance(required, Mapping) else None
    for term in terms if isinstance(terms, list) else []:
        expressions = term.get("matchExpressions") if isinstance(term, Mapping) else None
        for expression in expressions if isinstance(expressions, list) else []:
            if isinstance(expression, Mapping) and expression.get("operator") == "In":
                key = str(expression.get("key"))
                yield from _node_label(
                    f"spec.affinity.nodeAffinity[{key}]", key, list(expression.get("values") or [])
                )


def _node_label(where: str, key: str, values: list[Any]) -> Iterator[Refusal]:
    wanted = [str(v).lower() for v in values if is_known(v)]
    if not wanted:
        return
    if key in ARCH_KEYS and "amd64" not in wanted:
        yield Refusal(
            where,
            f"asks for {', '.join(wanted)}: EKS on Fargate runs x86_64 (amd64) pods only",
            f"drop the {key} constraint or set it to amd64; run Arm pods on Graviton EC2 nodes",
        )
    if key in CAPACITY_KEYS and not any(v in _ON_DEMAND for v in wanted):
        yield Refusal(
            where,
            "asks for Spot capacity: Amazon EKS doesn't support Fargate Spot",
            f"drop the {key} constraint (Spot for containers: ECS FARGATE_SPOT or EC2 Spot nodes)",
        )


def _resources(spec: Mapping[str, Any]) -> Iterator[Refusal]:
    storage_mib = 0
    for where, container in _all_containers(spec):
        resources = container.get("resources")
        if not isinstance(resources, Mapping):
            continue
        names: set[str] = set()
        for section in ("requests", "limits"):
            values = resources.get(section)
            if isinstance(values, Mapping):
                names.update(str(k) for k in values)
        for name in sorted(names):
            if name in GPU_RESOURCES:
                yield Refusal(
                    f"{where}.resources[{name}]",
                    "GPUs and other accelerators aren't available on Fargate",
                    "run this workload on EC2 nodes with the accelerator",
                )
        requests = resources.get("requests")
        limits = resources.get("limits")
        amount = None
        if isinstance(requests, Mapping):
            amount = requests.get("ephemeral-storage")
        if amount is None and isinstance(limits, Mapping):
            amount = limits.get("ephemeral-storage")
        if amount is not None and is_known(amount) and where.startswith("containers"):
            try:
                storage_mib += parse_k8s_memory(f"{where}.ephemeral-storage", amount)
            except ValidationError:
                yield Refusal(where, f"ephemeral-storage {amount!r} is not a quantity", "fix it")
    if storage_mib > MAX_EPHEMERAL_STORAGE_GIB * 1024:
        yield Refusal(
            "resources.ephemeral-storage",
            f"the containers ask for {storage_mib / 1024:.0f} GiB of ephemeral storage; an EKS "
            f"Fargate pod gets at most {MAX_EPHEMERAL_STORAGE_GIB} GiB",
            "use EFS for large data, or split the work across pods",
        )


def _requests(spec: Mapping[str, Any], key: str) -> list[ContainerRequests] | None:
    found = []
    for container in pod_containers(spec, key):
        requests = container_requests(container)
        if requests is None:
            return None
        found.append(requests)
    return found


def pod_size(spec: Mapping[str, Any]) -> tuple[TaskSize | None, str]:
    """The Fargate size EKS bills for a pod spec, and how it was found (or why not)."""
    containers, inits = _requests(spec, "containers"), _requests(spec, "initContainers")
    if containers is None or inits is None:
        return None, "container requests are not known at preview"
    try:
        size = fargate_pod_size(containers, inits)
    except ValidationError as error:
        return None, str(error)
    if not any(c.cpu is not None or c.memory is not None for c in containers + inits):
        return size, "no requests: the smallest Fargate size"
    return size, "requests (limits where no request) + 256 MiB, rounded up to a Fargate size"


def refusals(workload: Workload, backing: ClaimBacking | None = None) -> list[Refusal]:
    """Every reason the Fargate scheduler would refuse (or never schedule) this workload's
    pods. ``backing(namespace, claim)`` says how a PersistentVolumeClaim is backed (see
    :func:`claim_backing`); without it, claims are not checked."""
    found: list[Refusal] = []
    if workload.kind == "DaemonSet":
        found.append(
            Refusal(
                "kind",
                "DaemonSets aren't supported on Fargate (each pod is its own node)",
                "run the daemon as a sidecar container in the pods it serves, or on EC2 nodes",
            )
        )
    if workload.pod_annotations.get("eks.amazonaws.com/compute-type") == "ec2":
        found.append(
            Refusal(
                "metadata.annotations[eks.amazonaws.com/compute-type]",
                "the pods are marked compute-type ec2, which keeps them off Fargate (the CoreDNS "
                "add-on does this unless configured for Fargate)",
                'set the add-on\'s configurationValues to {"computeType": "Fargate"}',
            )
        )
    spec = workload.pod_spec
    found.extend(_host_access(spec))
    found.extend(_volumes(workload, backing))
    found.extend(_placement(spec))
    found.extend(_resources(spec))
    size, why = pod_size(spec)
    if size is None and "at most 16 vCPU" in why:
        found.append(
            Refusal(
                "resources.requests",
                "the pod's requests (plus 256 MiB) exceed the largest EKS Fargate pod, "
                "16 vCPU / 120 GB",
                "lower the requests, or split the work across pods",
            )
        )
    return found
