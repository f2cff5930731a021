"""Every sub-command of ``runmech``, with every option given hostile text: exit code 2 and one clear line, or a
sound result; never a traceback.

The sub-commands and their options are read from the command's own parser (:func:`runmech.apps.cli.build_parser`),
so a command added later is driven too (it needs one valid command line in :data:`VALID`, or this test fails and
says so).
"""

from __future__ import annotations

import argparse

import pytest

from _commands import free_port, judge_command, no_servers, run_command
from _inputs import LONG_DIGITS, fresh_path, sample_file
from _verdict import TALLY, allowed_findings, split_findings
from runmech.apps.cli import build_parser

# One valid command line per sub-command (a function, so files and ports are fresh for each run)
VALID = {
    ("lab",): lambda: ["lab", "--port", str(free_port())],
    ("clinic",): lambda: ["clinic", "--port", str(free_port())],
    ("dose",): lambda: ["dose"],
    ("dose", "1rm"): lambda: ["dose", "1rm", "--load", "40", "--reps", "10"],
    ("dose", "next"): lambda: ["dose", "next", "--load", "20", "--reps", "12,12,12", "--easy"],
    ("dose", "mobility"): lambda: ["dose", "mobility", "--left", "40", "--right", "32"],
    ("dose", "band"): lambda: ["dose", "band", "--colour", "red", "--next"],
    ("handout",): lambda: ["handout", str(sample_file(".json")), "-o", str(fresh_path(".html"))],
}
# What a typing slip, a paste or a bad script hands a command (no NUL: a shell cannot pass one)
HOSTILE_TEXT = ["", " ", "nan", "inf", "-inf", "1e300", "-1", "0", "2.5", "1e-300", LONG_DIGITS,
                "99999999999999999999", "stone", "True", "3,x", "\u202e12", "12,,12", "--"]
# ... and which of them no option of runmech may accept
REFUSED = {"", " ", "nan", "inf", "-inf", "1e300", LONG_DIGITS, "99999999999999999999", "stone", "True", "3,x",
           "\u202e12", "--"}
# ... except where the word is a fine value of that option
ACCEPTED_BY = {"--allow-host": {"nan", "inf", "1e300", "99999999999999999999", "stone", "True"}}


def commands(parser: argparse.ArgumentParser, path=()):
    """(path, parser) of every sub-command that runs something."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if sub.get_default("func") is not None:
                    yield (*path, name), sub
                yield from commands(sub, (*path, name))


COMMANDS = sorted(commands(build_parser()), key=lambda c: c[0])


def _options(sub: argparse.ArgumentParser):
    for a in sub._actions:
        if isinstance(a, (argparse._HelpAction, argparse._SubParsersAction)) or a.nargs == 0:
            continue
        yield a


def _with(argv: list[str], action: argparse.Action, value: str | None) -> list[str]:
    """``argv`` with ``action``'s value replaced by ``value`` (or the option/positional left out when None)."""
    out = list(argv)
    if action.option_strings:
        for i, tok in enumerate(out):
            if tok in action.option_strings:
                del out[i:i + 2]
                break
        return out if value is None else out + [f"{action.option_strings[0]}={value}"]
    # a positional: the first token after the command words that is not an option or an option's value
    depth = next(i for i, tok in enumerate(out) if tok.startswith("-")) if any(t.startswith("-") for t in out) else \
        len(out)
    i = depth - 1
    if value is None:
        del out[i]
    else:
        out[i] = value
    return out


@pytest.mark.parametrize("path,sub", COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_every_option_refuses_bad_text_clearly(path, sub, monkeypatch, tmp_path):
    no_servers(monkeypatch)
    monkeypatch.chdir(tmp_path)  # an empty folder: no file the API fuzzing wrote is there to be read
    name = "runmech " + " ".join(path)
    if path not in VALID:
        pytest.fail(f"no valid command line known for '{name}': add one to VALID in {__file__}")
    ran = run_command(VALID[path]())
    outcome, detail = judge_command(ran, [], refuse=False)
    if outcome != "ok":  # the command cannot do its job at all: a finding of its own, and nothing more to try
        TALLY.add(name, "traceback", "(valid command line)", f"{VALID[path]()[:3]}...: {detail}")
    else:
        TALLY.add(name, outcome)
    for action in _options(sub) if outcome == "ok" else ():
        names = [*action.option_strings, action.dest]
        if action.required or not action.option_strings:
            ran = run_command(_with(VALID[path](), action, None))
            outcome, detail = judge_command(ran, names, refuse=True)
            TALLY.add(name, outcome, names[0], f"{names[0]} left out: {detail}")
        for text in HOSTILE_TEXT:
            if text == "--" and not action.option_strings:
                continue  # "runmech handout -- ..." ends the options: argparse's own business
            argv = _with(VALID[path](), action, text)
            ran = run_command(argv)
            shown = names + ([text] if not action.option_strings or action.dest == "output" else [])
            refuse = text in REFUSED and text not in ACCEPTED_BY.get(names[0], ())
            outcome, detail = judge_command(ran, shown, refuse=refuse)
            TALLY.add(name, outcome, names[0], f"{names[0]}={text[:20]!r}{'...' if len(text) > 20 else ''}: {detail}")
    mine = [f for f in TALLY.findings.values() if f.target == name]
    new, _ = split_findings(mine, allowed_findings())
    assert not new, f"{len(new)} finding(s) for '{name}':\n" + "\n".join(
        f"  {f.outcome:9} {f.param}: {f.detail}" for f in new)


def test_no_sub_command_or_help_prints_the_usage(monkeypatch):
    no_servers(monkeypatch)
    for argv in ([], ["--help"], ["dose", "--help"], ["handout", "--help"]):
        ran = run_command(argv)
        assert ran.exc is None and ran.code == 0 and "usage" in (ran.out + ran.err).lower(), (argv, ran)


def test_an_unknown_sub_command_is_one_clear_error(monkeypatch):
    no_servers(monkeypatch)
    ran = run_command(["stone"])
    outcome, detail = judge_command(ran, ["stone", "COMMAND"], refuse=True)
    assert outcome == "clear", detail
