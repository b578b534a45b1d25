"""The offline plan: run a Pulumi program under mocks and show what it would create."""

from .program import ProgramError, ProjectFiles, load_project, run_project
from .render import FORMAT_VERSION, display_type, plan_document, render_tree, type_counts

__all__ = [
    "FORMAT_VERSION",
    "ProgramError",
    "ProjectFiles",
    "display_type",
    "load_project",
    "plan_document",
    "render_tree",
    "run_project",
    "type_counts",
]
