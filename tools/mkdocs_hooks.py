"""mkdocs hook: fail the build when a public name is undocumented (see tools/api_docs.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

# mkdocs restores sys.path after loading a hook, so import the checker now.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root
from tools.api_docs import problems, rendered_problems


def on_pre_build(config: Any, **_: Any) -> None:
    found = problems()
    if found:
        raise PluginError(
            "public names without complete docs (tools/api_docs.py):\n  " + "\n  ".join(found)
        )


def on_post_build(config: Any, **_: Any) -> None:
    found = rendered_problems(Path(config["site_dir"]))
    if found:
        raise PluginError("public names missing from the built site:\n  " + "\n  ".join(found))
