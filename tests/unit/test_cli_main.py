"""The ``runmech`` command never shows a traceback: one line and exit code 2, quiet on Ctrl+C (130)."""

from __future__ import annotations

import errno
import subprocess
import sys

import pytest

from runmech.apps import cli, dose
from runmech.apps.cli import main, one_line, oserror_line


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _break(monkeypatch, exc):
    def broken(args):
        raise exc

    monkeypatch.setattr(dose, "cmd_band", broken)


@pytest.mark.parametrize("exc, words", [
    (PermissionError(errno.EACCES, "Permission denied", "/sys/out.html"),
     "/sys/out.html: permission denied; choose a folder you may write to"),
    (FileExistsError(errno.EEXIST, "File exists", "/tmp/plan.json"), "/tmp/plan.json: file exists; something of"),
    (NotADirectoryError(errno.ENOTDIR, "Not a directory", "/tmp/plan.json/out.html"), "part of that path is a file"),
    (OSError(errno.ENOSPC, "No space left on device", "/mnt/usb/out.html"), "the disk is full"),
    (OSError(errno.ENAMETOOLONG, "File name too long", "9" * 5000), "(a 5000-digit number): file name too long"),
])
def test_every_oserror_is_one_line_naming_the_file_and_the_fix(capsys, monkeypatch, exc, words):
    _break(monkeypatch, exc)
    code, out, err = _run(capsys, "dose", "band")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err and len(err) < 320, err
    assert err.startswith("runmech dose band: ") and words in err, err


def test_a_bug_is_one_line_that_says_so_and_debug_shows_the_traceback(capsys, monkeypatch):
    _break(monkeypatch, RecursionError("maximum recursion depth exceeded"))
    code, _, err = _run(capsys, "dose", "band")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "internal error (RecursionError: maximum recursion depth exceeded)" in err and "RUNMECH_DEBUG=1" in err
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    with pytest.raises(RecursionError):
        main(["dose", "band"])


def test_ctrl_c_stops_quietly(capsys, monkeypatch):
    _break(monkeypatch, KeyboardInterrupt())
    code, _, err = _run(capsys, "dose", "band")
    assert code == 130 and err.strip() == "runmech: stopped."


def test_a_closed_pipe_is_not_an_error(capsys, monkeypatch):
    _break(monkeypatch, BrokenPipeError(errno.EPIPE, "Broken pipe"))
    code, _, err = _run(capsys, "dose", "band")
    assert code == 0 and err == ""


def test_a_5000_digit_value_is_shortened_in_argparse_errors(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["dose", "1rm", "--load", "40", "--reps", "9" * 5000])
    err = capsys.readouterr().err
    assert stop.value.code == 2
    last = err.strip().splitlines()[-1]
    assert last.startswith("runmech dose 1rm: error: argument --reps: invalid int value") and len(last) < 200, last


def test_one_line_and_oserror_line():
    assert one_line("a\nb") == "a b"
    assert len(one_line("x" * 1000)) <= 300
    assert oserror_line(OSError("something odd")) == "something odd; check the path and try again"


def test_clinic_allow_host_reaches_the_server_and_bad_names_are_refused(capsys, monkeypatch):
    started = {}

    class Fake:
        def __init__(self, cmd, cwd=None, env=None):
            started.update(cmd=cmd, env=env)

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr(subprocess, "Popen", Fake)
    from runmech.apps.lab import port_is_free

    port = next(p for p in range(18960, 19000) if port_is_free(p))
    code, _, _ = _run(capsys, "clinic", "--port", str(port), "--allow-host", "Clinic.Example.org",
                      "--allow-host", "hub.local")
    assert code == 0 and started["env"]["RUNMECH_ALLOWED_HOSTS"] == "clinic.example.org,hub.local"
    started.clear()
    code, _, err = _run(capsys, "clinic", "--port", str(port), "--allow-host", "evil.example/x")
    assert code == 2 and not started and "--allow-host must be host names" in err and "evil.example/x" in err


def test_the_command_runs_as_a_program():
    res = subprocess.run([sys.executable, "-m", "runmech.apps.cli", "dose", "1rm", "--load", "nan", "--reps", "5"],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 2 and res.stderr.count("\n") == 1 and "--load must be a finite number" in res.stderr
