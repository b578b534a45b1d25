"""The fargate-components CrossGuard policy pack.

    pulumi preview --policy-pack <this folder>

Every rule of ``fargate_components.policy.RULES`` is one policy, named by its rule id.
``error`` rules are mandatory (they block the update); ``warning`` and ``advisory`` rules
are advisory. Waive a rule for one resource with the ``fargate:waive`` tag, or with a waiver
file: ``$FARGATE_POLICY_WAIVERS``, else ``waivers.yaml`` next to this file when present.
See ``fargate_components/policy/crossguard.py`` for the details.

This file ships in the package (``fargate_components/policy_pack/pack/``); the repository's
``policy/`` folder runs it, and ``python -m fargate_components.policy_pack DIR`` copies it out.
"""

from __future__ import annotations

import os
from pathlib import Path

from pulumi_policy import EnforcementLevel, PolicyPack

from fargate_components.policy.crossguard import PACK_NAME, WAIVERS_ENV, build_policies

# The pack folder's own waiver file: pulumi runs this file as <pack folder>/__main__.py; the
# repository's policy/__main__.py runs it with PACK_DIR set to its own folder.
_pack_dir = Path(globals().get("PACK_DIR") or Path(__file__).resolve().parent)
if not os.environ.get(WAIVERS_ENV) and (_pack_dir / "waivers.yaml").is_file():
    os.environ[WAIVERS_ENV] = str(_pack_dir / "waivers.yaml")

PolicyPack(
    name=PACK_NAME,
    enforcement_level=EnforcementLevel.ADVISORY,
    policies=build_policies(),
    description="fargate-components rules: ECS, ALB, EKS Fargate, VPC, logs and IAM.",
)
