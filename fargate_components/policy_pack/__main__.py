"""``python -m fargate_components.policy_pack DIR``: write the CrossGuard policy pack."""

from __future__ import annotations

import argparse
import sys

from . import write_pack


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m fargate_components.policy_pack",
        description="Write the fargate-components CrossGuard policy pack into DIR, for "
        "`pulumi preview --policy-pack DIR`.",
    )
    parser.add_argument("directory", help="the pack folder to write (created if missing)")
    parser.add_argument(
        "--requirement",
        help="how the pack installs the library: a specifier, wheel path or git URL "
        "(default: this exact version)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing pack")
    args = parser.parse_args(argv)
    try:
        written = write_pack(args.directory, requirement=args.requirement, overwrite=args.force)
    except FileExistsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    print(f"then: pulumi preview --policy-pack {args.directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
