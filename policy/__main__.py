"""The fargate-components CrossGuard policy pack.

    pulumi preview --policy-pack policy

Every rule of ``fargate_components.policy.RULES`` is one policy, named by its rule id.
``error`` rules are mandatory (they block the update); ``warning`` and ``advisory`` rules
are advisory. Waive a rule for one resource with the ``fargate:waive`` tag, or with a waiver
file named by ``FARGATE_POLICY_WAIVERS`` (default ``policy/waivers.yaml`` when present).
See ``fargate_components/policy/crossguard.py`` for the details.
"""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import fargate_components  # noqa: F401
except ImportError:  # run from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pulumi_policy import EnforcementLevel, PolicyPack

from fargate_components.policy.crossguard import PACK_NAME, build_policies

PolicyPack(
    name=PACK_NAME,
    enforcement_level=EnforcementLevel.ADVISORY,
    policies=build_policies(),
    description="fargate-components rules: ECS, ALB, EKS Fargate, VPC, logs and IAM.",
)
