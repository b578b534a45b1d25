"""Text for GitHub Markdown tables, shared by every renderer (plan, policy, pricing)."""

from __future__ import annotations

from typing import Any

__all__ = ["cell"]


def cell(text: Any) -> str:
    """``text`` as one Markdown table cell: ``|`` escaped, newlines folded to spaces."""
    return str(text).replace("|", "\\|").replace("\n", " ")
