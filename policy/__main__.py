"""The fargate-components CrossGuard policy pack, for a checkout of this repository.

    pulumi preview --policy-pack policy

The pack's program ships inside the package (``fargate_components/policy_pack/pack/``), so an
installed copy and this folder run the same code. A project that installs the library from a
release or a wheel writes its own pack folder with ``python -m fargate_components.policy_pack
DIR``. Waivers: ``$FARGATE_POLICY_WAIVERS``, else ``policy/waivers.yaml`` when present.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
try:
    import fargate_components
except ImportError:  # run from a checkout without the package installed
    sys.path.insert(0, str(HERE.parent))
    import fargate_components

runpy.run_path(
    str(Path(fargate_components.__file__).parent / "policy_pack" / "pack" / "__main__.py"),
    init_globals={"PACK_DIR": str(HERE)},
    run_name="__main__",
)
