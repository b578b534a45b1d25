"""NAT on small EC2 instances: the choice, its instance sizes, the OS script and the
trade-off the plan states next to it. Decisions only (no resources).

Sources, and what could not be confirmed:

- A NAT instance must have source/destination checking off: "a NAT instance must be able to
  send and receive traffic when the source or destination is not itself. Therefore, you must
  disable source/destination checks on the NAT instance" (Amazon VPC User Guide, "NAT
  instances"); EC2 API ``SourceDestCheck``: "The value must be false for the instance to
  perform NAT".
- The OS configuration (IP forwarding, ``MASQUERADE`` on the primary interface, an empty
  ``FORWARD`` chain, saved with ``iptables-services``) follows the VPC User Guide's "Create a
  NAT AMI" steps for Amazon Linux 2023; the stored docs hold only older copies of that page.
- The image: Amazon Linux 2023 for ARM64 from AWS's public SSM parameter
  ``/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64`` ("Query for the
  latest Amazon Linux AMI IDs using Systems Manager Parameter Store", AWS Compute blog / AL2023
  User Guide). No third-party AMI unless the user names one.
- Baseline/burst bandwidth of the T4g sizes (EC2 User Guide, "Amazon EC2 instance network
  bandwidth", general purpose specifications): nano 0.032 / up to 5 Gbps, micro 0.064,
  small 0.128, medium 0.256, large 0.512, xlarge 1.024, 2xlarge 2.048 Gbps baseline; NOT
  confirmed in the stored docs (transcribed from the specification table), so the plan says
  "about". A managed NAT gateway scales to 100 Gbps (VPC User Guide, "NAT gateway basics").
- Automatic recovery: EC2's simplified automatic recovery is on by default for supported
  types (T4g included) and recovers the instance on a system status check failure (EC2 User
  Guide, "Simplified automatic recovery"); ``maintenance_options.auto_recovery = "default"``
  states it explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ValidationError

__all__ = [
    "AL2023_ARM64_PARAMETER",
    "INSTANCE_STRATEGIES",
    "NAT_INSTANCE_TYPES",
    "NatInstanceSize",
    "check_nat_instance",
    "nat_user_data",
    "trade_off",
]

#: ``NetworkArgs.nat_gateways`` values that run NAT on EC2 instances.
INSTANCE_STRATEGIES = ("instance_per_az", "single_instance")
AL2023_ARM64_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
ROOT_VOLUME_GB = 8


@dataclass(frozen=True)
class NatInstanceSize:
    """An ARM64 (Graviton) burstable size: baseline and burst bandwidth in Gbps."""

    baseline_gbps: float
    burst_gbps: float


#: The ARM64 sizes offered (transcribed, see the module docstring).
NAT_INSTANCE_TYPES: dict[str, NatInstanceSize] = {
    "t4g.nano": NatInstanceSize(0.032, 5),
    "t4g.micro": NatInstanceSize(0.064, 5),
    "t4g.small": NatInstanceSize(0.128, 5),
    "t4g.medium": NatInstanceSize(0.256, 5),
    "t4g.large": NatInstanceSize(0.512, 5),
    "t4g.xlarge": NatInstanceSize(1.024, 5),
    "t4g.2xlarge": NatInstanceSize(2.048, 5),
}


def check_nat_instance(instance_type: object, ami: object) -> None:
    """An ARM64 size from :data:`NAT_INSTANCE_TYPES`; an AMI id ``ami-<8 or 17 hex>``."""
    if instance_type not in NAT_INSTANCE_TYPES:
        raise ValidationError(
            "nat_instance_type",
            instance_type,
            f"one of {sorted(NAT_INSTANCE_TYPES)} (ARM64; the user-data script and the "
            "default Amazon Linux 2023 ARM64 image need a Graviton type)",
        )
    if ami is None:
        return
    if not isinstance(ami, str) or not re.fullmatch(r"ami-(?:[0-9a-f]{8}|[0-9a-f]{17})", ami):
        raise ValidationError(
            "nat_instance_ami",
            ami,
            "an AMI id 'ami-' + 8 or 17 hex digits (an ARM64 Amazon Linux 2023 image: the "
            "user-data script uses dnf and iptables-services)",
        )


def nat_user_data(vpc_cidr: str) -> str:
    """The plain, auditable script that makes an Amazon Linux 2023 instance a NAT for
    ``vpc_cidr`` (shown in the plan as the instance's ``userData``)."""
    return f"""#!/bin/bash
# fargate-components NAT instance (Amazon Linux 2023, ARM64). Plain on purpose: audit it.
set -euo pipefail
# 1. Forward IPv4 between interfaces, now and after every reboot.
cat > /etc/sysctl.d/90-fargate-nat.conf <<'EOF'
net.ipv4.ip_forward = 1
net.ipv4.conf.all.send_redirects = 0
EOF
sysctl --system
# 2. Masquerade the VPC's traffic out of the primary interface; keep the rules on reboot.
dnf install -y iptables-services
IFACE="$(ip -o route show default | awk '{{print $5; exit}}')"
iptables -t nat -A POSTROUTING -o "$IFACE" -s {vpc_cidr} -j MASQUERADE
iptables -F FORWARD
service iptables save
systemctl enable --now iptables
# No SSH: reach the instance with SSM Session Manager (AmazonSSMManagedInstanceCore).
"""


def trade_off(strategy: str, instance_type: str, zones: int) -> str:
    """What choosing NAT instances trades, for the plan's diagnostics."""
    size = NAT_INSTANCE_TYPES[instance_type]
    count = zones if strategy == "instance_per_az" else 1
    return (
        f"nat_gateways={strategy!r}: {count} {instance_type} NAT instance(s) instead of managed "
        f"NAT gateways - far cheaper (see the cost estimate), traded for: about "
        f"{size.baseline_gbps:g} Gbps baseline bandwidth per instance (bursts to "
        f"{size.burst_gbps:g} Gbps on CPU/network credits; a NAT gateway scales to 100 Gbps); "
        "patching the OS is yours (dnf upgrade via SSM; the image is not replaced when AWS "
        "publishes a newer one); an instance failure stops that AZ's egress until EC2's "
        "automatic recovery restarts it" + ("; one instance serves every AZ" if count == 1 else "")
    )
