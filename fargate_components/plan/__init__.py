"""The offline plan: run a Pulumi program under mocks and show what it would create."""

from .diff import REPLACE_KEYS, PlanDiff, diff_plans, render_diff_markdown, render_diff_text
from .markdown import render_markdown
from .mermaid import architecture, render_mermaid
from .preview_gaps import PreviewGap, preview_gaps
from .program import ProgramError, ProjectFiles, load_project, run_project
from .render import FORMAT_VERSION, display_type, plan_document, render_tree, type_counts

__all__ = [
    "FORMAT_VERSION",
    "REPLACE_KEYS",
    "PlanDiff",
    "PreviewGap",
    "ProgramError",
    "ProjectFiles",
    "architecture",
    "diff_plans",
    "display_type",
    "load_project",
    "plan_document",
    "preview_gaps",
    "render_diff_markdown",
    "render_diff_text",
    "render_markdown",
    "render_mermaid",
    "render_tree",
    "run_project",
    "type_counts",
]
