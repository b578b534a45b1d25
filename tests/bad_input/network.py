"""Bad inputs of the Network component."""

from __future__ import annotations

from fargate_components import Network, NetworkArgs
from fargate_components.testing import FargateMocks
from tests.bad_input import BadInput


def _net(**kwargs: object) -> object:
    return Network("net", NetworkArgs(**kwargs))  # type: ignore[arg-type]


CASES = [
    # NAT instances: ARM64 T4g sizes only (the script and default image are ARM64 AL2023).
    BadInput(
        "network-nat-instance-x86",
        lambda: _net(nat_gateways="single_instance", nat_instance_type="t3.nano"),
        "NetworkArgs.nat_instance_type",
    ),
    BadInput(
        "network-nat-instance-ami-garbage",
        lambda: _net(nat_gateways="instance_per_az", nat_instance_ami="amazon-linux"),
        "NetworkArgs.nat_instance_ami",
    ),
    BadInput(
        "network-nat-strategy-unknown",
        lambda: _net(nat_gateways="instance"),
        "NetworkArgs.nat_gateways",
    ),
    BadInput(
        "network-cidr-public-range", lambda: _net(cidr_block="8.8.0.0/16"), "NetworkArgs.cidr_block"
    ),
    BadInput(
        "network-cidr-host-bits", lambda: _net(cidr_block="10.0.0.1/16"), "NetworkArgs.cidr_block"
    ),
    BadInput("network-cidr-garbage", lambda: _net(cidr_block="ten/16"), "NetworkArgs.cidr_block"),
    BadInput(
        "network-cidr-too-small", lambda: _net(cidr_block="10.0.0.0/24"), "NetworkArgs.cidr_block"
    ),
    BadInput(
        "network-cidr-too-large", lambda: _net(cidr_block="10.0.0.0/8"), "NetworkArgs.cidr_block"
    ),
    BadInput("network-az-count-zero", lambda: _net(az_count=0), "NetworkArgs.az_count"),
    BadInput("network-az-count-seven", lambda: _net(az_count=7), "NetworkArgs.az_count"),
    BadInput("network-az-count-bool", lambda: _net(az_count=True), "NetworkArgs.az_count"),
    # More AZs than the region has (these mocks' region has two: us-east-1a and us-east-1b).
    BadInput(
        "network-az-count-above-region",
        lambda: _net(az_count=3),
        "NetworkArgs.az_count = 3 is not allowed: at most the 2 available AZs of this region",
        mocks=lambda: FargateMocks(az_count=2),
    ),
    BadInput(
        "network-az-count-disagrees",
        lambda: _net(az_count=3, availability_zones=["us-east-1a", "us-east-1b"]),
        "NetworkArgs.az_count",
    ),
    BadInput(
        "network-az-duplicate",
        lambda: _net(availability_zones=["us-east-1a", "us-east-1a"]),
        "NetworkArgs.availability_zones",
    ),
    BadInput(
        "network-az-two-regions",
        lambda: _net(availability_zones=["us-east-1a", "us-west-2b"]),
        "NetworkArgs.availability_zones",
    ),
    # A user's eu-west-1 zones on a us-east-1 stack planned silently.
    BadInput(
        "network-az-other-region",
        lambda: _net(availability_zones=["eu-west-1a", "eu-west-1b"]),
        "NetworkArgs.availability_zones",
    ),
    BadInput(
        "network-az-local-zone",
        lambda: _net(availability_zones=["us-east-1-bos-1a"]),
        "NetworkArgs.availability_zones",
    ),
    BadInput("network-nat-unknown", lambda: _net(nat_gateways="two"), "NetworkArgs.nat_gateways"),
    BadInput(
        "network-flow-log-retention",
        lambda: _net(flow_logs_retention_days=10),
        "NetworkArgs.flow_logs_retention_days",
    ),
    BadInput(
        "network-flow-log-key-not-kms",
        lambda: _net(flow_logs_kms_key_arn="arn:aws:s3:::my-bucket"),
        "NetworkArgs.flow_logs_kms_key_arn",
    ),
    BadInput(
        "network-flow-log-key-word",
        lambda: _net(flow_logs_kms_key_arn="yes"),
        "NetworkArgs.flow_logs_kms_key_arn",
    ),
    BadInput(
        "network-flow-log-traffic",
        lambda: _net(flow_logs_traffic_type="SOME"),
        "NetworkArgs.flow_logs_traffic_type",
    ),
    BadInput(
        "network-eks-names-string",
        lambda: _net(eks_cluster_names="apps"),
        "NetworkArgs.eks_cluster_names",
    ),
    BadInput(
        "network-existing-no-private",
        lambda: Network.existing("vpc-1", ["subnet-a"], []),
        "Network.existing(private_subnet_ids)",
    ),
    BadInput(
        "network-existing-overlap",
        lambda: Network.existing("vpc-1", ["subnet-a"], ["subnet-a"]),
        "Network.existing(private_subnet_ids)",
    ),
]
