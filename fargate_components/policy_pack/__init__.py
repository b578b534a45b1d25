"""The CrossGuard policy pack, shipped in the package: write it out as a folder for
``pulumi preview --policy-pack``.

Example::

    import tempfile
    from pathlib import Path

    from fargate_components.policy_pack import write_pack

    folder = Path(tempfile.mkdtemp()) / "policy"
    written = write_pack(folder)
    assert sorted(p.name for p in written) == ["PulumiPolicy.yaml", "__main__.py", "requirements.txt"]

From a shell: ``python -m fargate_components.policy_pack policy``, then
``pulumi preview --policy-pack policy``. Pulumi creates the pack's own virtualenv from its
``requirements.txt``, which pins this exact version of fargate-components (pass
``requirement=`` / ``--requirement`` for a wheel path or a git URL instead).
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import __version__

__all__ = ["PACK_PROGRAM", "pulumi_policy_yaml", "requirements_txt", "write_pack"]

#: The pack's program in the installed package: the file ``write_pack`` copies to ``__main__.py``.
PACK_PROGRAM = Path(__file__).resolve().parent / "pack" / "__main__.py"

_DESCRIPTION = (
    "fargate-components policy rules (the same rules as `fargate-components plan`'s findings),"
    " enforced on real previews."
)


def pulumi_policy_yaml(version: str = __version__) -> str:
    """The pack's ``PulumiPolicy.yaml``: the Python runtime with its own virtualenv, and the
    pack version, which is the library's version.

    Args:
        version: the pack version. Default: the installed library's ``__version__``.
    """
    return (
        "runtime:\n"
        "  name: python\n"
        "  options:\n"
        "    toolchain: pip\n"
        "    virtualenv: venv\n"
        f"description: {_DESCRIPTION}\n"
        f"version: {version}\n"
    )


def requirements_txt(requirement: str | None = None) -> str:
    """The pack's ``requirements.txt``: ``pulumi-policy`` and the library.

    Args:
        requirement: how to install the library (a version specifier, a wheel path, a git
            URL). Default: ``fargate-components==<this version>``.
    """
    library = requirement or f"fargate-components=={__version__}"
    return f"pulumi-policy>=1.11,<2\n{library}\n"


def write_pack(
    directory: str | os.PathLike[str], *, requirement: str | None = None, overwrite: bool = False
) -> list[Path]:
    """Write the policy pack into ``directory`` (created if missing) and return the files.

    Args:
        directory: the pack folder to write.
        requirement: see :func:`requirements_txt`. Default: this exact version.
        overwrite: replace files that already exist. Default: ``False``, so an existing pack
            (and its edits) is never overwritten silently: ``FileExistsError`` names the file.
    """
    folder = Path(directory)
    files = {
        "PulumiPolicy.yaml": pulumi_policy_yaml(),
        "__main__.py": PACK_PROGRAM.read_text(),
        "requirements.txt": requirements_txt(requirement),
    }
    existing = [folder / name for name in files if (folder / name).exists()]
    if existing and not overwrite:
        raise FileExistsError(
            f"{existing[0]} already exists; pass overwrite=True (--force) to replace the pack"
        )
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        (folder / name).write_text(text)
        written.append(folder / name)
    return written
