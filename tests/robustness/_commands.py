"""Run ``runmech ...`` command lines in this process and judge what the user would see.

A command line gets: exit code 0 and output without NaN, or exit code 2 and one line naming the option or the file
(argparse's usage line before it is allowed); never a traceback. The servers ``runmech lab`` and ``runmech clinic``
would start are replaced by a stand-in that records the command and exits at once.
"""

from __future__ import annotations

import contextlib
import io
import re
import socket
import subprocess
from dataclasses import dataclass

from _verdict import _NAN_WORD, short

INTERNAL_ERROR = "internal error"  # the words runmech's last-resort handler prints: a bug, never a clear error


@dataclass
class Ran:
    code: int | None
    out: str
    err: str
    exc: BaseException | None = None


class FakeServer:
    """Stands in for subprocess.Popen / subprocess.call of the server commands."""

    calls: list = []

    def __init__(self, cmd, *args, **kwargs):
        FakeServer.calls.append(list(cmd))
        self.returncode = 0

    def poll(self):
        return 0

    def wait(self, timeout=None):
        return 0

    def terminate(self):
        pass

    @staticmethod
    def call(cmd, *args, **kwargs):
        FakeServer.calls.append(list(cmd))
        return 0


def no_servers(monkeypatch) -> None:
    """Keep ``runmech lab``/``runmech clinic`` from starting anything (and from opening a browser)."""
    import webbrowser

    monkeypatch.setattr(subprocess, "Popen", FakeServer)
    monkeypatch.setattr(subprocess, "call", FakeServer.call)
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return port if 1024 <= port <= 65535 else 18888


def run_command(argv: list[str]) -> Ran:
    from runmech.apps.cli import main

    out, err = io.StringIO(), io.StringIO()
    code, exc = None, None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as stop:  # argparse's own exit (usage errors, --help)
            code = stop.code if isinstance(stop.code, int) else 2
        except BaseException as e:  # noqa: BLE001 - anything else reached the terminal as a traceback
            exc = e
    return Ran(code, out.getvalue(), err.getvalue(), exc)


def error_lines(err: str) -> list[str]:
    """The lines of an error output that are not argparse's usage block."""
    lines, in_usage = [], False
    for line in err.splitlines():
        if line.startswith("usage:"):
            in_usage = True
            continue
        if in_usage and (line.startswith(" ") or not line.strip()):
            continue
        in_usage = False
        if line.strip():
            lines.append(line)
    return lines


def names_option(line: str, names: list[str]) -> bool:
    """The line names one of ``names``: exactly, or as a word of an identifier (``left`` in ``rom_left_deg``)."""
    for n in names:
        if not n:
            continue
        if len(n) > 60:  # messages shorten long values: their start is enough
            if n[:20] in line:
                return True
            continue
        if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w])", line):
            return True
        bare = n.lstrip("-")
        if bare and re.search(rf"\b(?:\w+_)?{re.escape(bare)}(?:_\w+)?\b", line):
            return True
    return False


def judge_command(ran: Ran, names: list[str], refuse: bool) -> tuple[str, str]:
    """(outcome, detail) of a command line whose suspicious part is called ``names`` (option strings, a file)."""
    if ran.exc is not None:
        return "traceback", f"{type(ran.exc).__name__} escaped: {short(str(ran.exc), 160)}"
    if "Traceback (most recent call last)" in ran.err or "Traceback (most recent call last)" in ran.out:
        return "traceback", "a traceback was printed"
    if ran.code == 2:
        lines = error_lines(ran.err)
        if len(lines) != 1:
            return "traceback", f"{len(lines)} error lines: {short(ran.err, 200)}"
        if INTERNAL_ERROR in lines[0]:
            return "traceback", short(lines[0], 200)
        if len(lines[0]) > 400:
            return "traceback", f"a {len(lines[0])}-character error line: {short(lines[0], 160)}"
        if not names_option(lines[0], names):
            return "traceback", f"the error does not name {short('/'.join(n for n in names if n), 80)}: " \
                                f"{short(lines[0], 200)}"
        return "clear", ""
    if ran.code == 0:
        if refuse:
            return "absurd", f"accepted (exit 0): {short(ran.out, 160)}"
        if m := _NAN_WORD.search(ran.out):
            return "absurd", f"output shows {m.group(0)!r}: {short(ran.out, 160)}"
        return "ok", ""
    return "traceback", f"exit code {ran.code}: {short(ran.err, 200)}"
