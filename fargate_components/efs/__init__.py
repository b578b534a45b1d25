"""EFS for Fargate tasks: the ``FileSystem`` component and its pure decisions."""

from .file_system import AccessPointSpec, FileSystemArgs
from .file_system_component import FileSystem

__all__ = ["AccessPointSpec", "FileSystem", "FileSystemArgs"]
