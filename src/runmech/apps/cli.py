"""The ``runmech`` command.

``runmech lab``       start JupyterLab at the start notebook (127.0.0.1 only)
``runmech clinic``    serve the code-free dashboards with Voila (127.0.0.1 only)
``runmech dose ...``  exercise-dosing calculators (see ``runmech dose --help``)
``runmech handout``   turn a saved plan (JSON) into a printable one-page handout

Whatever goes wrong, the user sees one line and exit code 2, never a traceback:

- a typing error names the option, the value and what is allowed;
- a file that cannot be read or written (``OSError``) is named, with the fix (another folder, a shorter name ...);
- anything else is a bug in runmech: one line saying so (``RUNMECH_DEBUG=1`` shows the traceback).

Ctrl+C stops quietly (exit code 130). Long values (a 5,000-digit number, a pasted page) are shortened in messages.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys

from runmech._validate import check_text
from runmech.apps import clinic, dose, lab

__all__ = ["main", "build_parser", "one_line", "oserror_line", "DEBUG_ENV"]

#: The modules that add sub-commands, in the order ``runmech --help`` lists them.
_COMMANDS = (lab, clinic, dose)
#: Set to 1 to see the traceback of an unexpected error instead of its one-line summary.
DEBUG_ENV = "RUNMECH_DEBUG"
_MAX_LINE = 300
_MAX_QUOTED = 60

_FIXES = {
    errno.EACCES: "choose a folder you may write to (your home folder, for example) or change its permissions",
    errno.EPERM: "choose a folder you may write to (your home folder, for example)",
    errno.ENOENT: "check the name: the file, or the folder it goes in, must exist",
    errno.ENOTDIR: "part of that path is a file, not a folder: choose another path",
    errno.EISDIR: "that is a folder: give the name of a file",
    errno.EEXIST: "something of that name is already there: choose another name",
    errno.ENAMETOOLONG: "the name is too long: choose a shorter one",
    errno.EROFS: "that disk is read-only: choose another folder",
    errno.ENOSPC: "the disk is full: free some space or choose another disk",
    errno.EMFILE: "too many files are open: close some programs and try again",
}


def one_line(text: str) -> str:
    """A message as one line of at most 300 characters: line breaks joined, long quoted values shortened.

    Examples
    --------
    >>> one_line("reps must be a whole number;\\ngot '" + "9" * 5000 + "'")
    "reps must be a whole number; got '999999999999999999999999999999...9999999999 (5000 characters)'"
    """
    text = " ".join(check_text("text", text).split())

    def cut(m: re.Match) -> str:
        inner = m.group(2)
        return f"{m.group(1)}{inner[:30]}...{inner[-10:]} ({len(inner)} characters){m.group(1)}"

    text = re.sub(rf"(['\"])([^'\"]{{{_MAX_QUOTED},}})\1", cut, text)
    text = re.sub(r"\d{60,}", lambda m: f"{m.group(0)[:20]}... (a {len(m.group(0))}-digit number)", text)
    return text if len(text) <= _MAX_LINE else text[: _MAX_LINE - 40] + " ... " + text[-35:]


def oserror_line(exc: OSError) -> str:
    """What went wrong with which file, and the fix, in words.

    Examples
    --------
    >>> oserror_line(PermissionError(13, "Permission denied", "/sys/out.html"))
    '/sys/out.html: permission denied; choose a folder you may write to (your home folder, for example) or change its permissions'
    """
    if not isinstance(exc, OSError):
        raise TypeError(f"exc must be an OSError; got {exc!r} ({type(exc).__name__})")
    what = (exc.strerror or str(exc)).strip().rstrip(".")
    what = what[:1].lower() + what[1:]
    fix = _FIXES.get(exc.errno, "check the path and try again")
    name = exc.filename if exc.filename is not None else ""
    where = f"{name}: " if name else ""
    if exc.filename2:
        where = f"{exc.filename} -> {exc.filename2}: "
    return one_line(f"{where}{what}; {fix}")


class _Parser(argparse.ArgumentParser):
    """argparse, with its error messages kept to one short line (sub-commands get the same class)."""

    def error(self, message: str):  # noqa: D102 - argparse's hook
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {one_line(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``runmech`` command.

    Examples
    --------
    >>> build_parser().parse_args(["lab", "--port", "8899"]).port
    8899
    """
    parser = _Parser(
        prog="runmech",
        description="runmech: explore running biomechanics and dose strength and mobility work. "
        "Education only, not medical advice.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _COMMANDS:
        module.register(sub)
    return parser


def _run(parser: argparse.ArgumentParser, argv: list[str] | None) -> int:
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    name = "runmech " + " ".join(w for w in (args.command, getattr(args, "dose_command", None)) if w)
    try:
        return int(args.func(args) or 0)
    except (ValueError, TypeError) as exc:
        print(f"{name}: {one_line(str(exc))}", file=sys.stderr)
    except BrokenPipeError:  # the output went to a program that stopped reading (| head): nothing to say
        return 0
    except OSError as exc:
        print(f"{name}: {oserror_line(exc)}", file=sys.stderr)
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, never a traceback on a clinician's screen
        if os.environ.get(DEBUG_ENV):
            raise
        print(f"{name}: internal error ({type(exc).__name__}: {one_line(str(exc))[:160]}). This is a bug in "
              f"runmech: please report it with the command you typed ({DEBUG_ENV}=1 shows the details).",
              file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``runmech`` command; returns the exit code (0 done, 2 refused, 130 stopped)."""
    try:
        return _run(build_parser(), argv)
    except KeyboardInterrupt:
        print("\nrunmech: stopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
