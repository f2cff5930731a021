"""The ``runmech`` command.

``runmech lab``       start JupyterLab at the start notebook (127.0.0.1 only)
``runmech clinic``    serve the code-free dashboards with Voila (127.0.0.1 only)
``runmech dose ...``  exercise-dosing calculators (see ``runmech dose --help``)
``runmech handout``   turn a saved plan (JSON) into a printable one-page handout

Errors in what was typed are reported in one line naming the option, the value and what is allowed (exit code 2);
no traceback is shown.
"""

from __future__ import annotations

import argparse
import sys

from runmech.apps import clinic, dose, lab

__all__ = ["main", "build_parser"]

#: The modules that add sub-commands, in the order ``runmech --help`` lists them.
_COMMANDS = (lab, clinic, dose)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``runmech`` command.

    Examples
    --------
    >>> build_parser().parse_args(["lab", "--port", "8899"]).port
    8899
    """
    parser = argparse.ArgumentParser(
        prog="runmech",
        description="runmech: explore running biomechanics and dose strength and mobility work. "
        "Education only, not medical advice.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _COMMANDS:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``runmech`` command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except (ValueError, TypeError, FileNotFoundError) as exc:
        print(f"runmech {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
