"""The file cases of ``runmech handout`` from the hardening issue, driven one by one.

Each case says what the user must see; the run prints which cases pass. A case that fails is a finding of
``runmech handout`` (allow-listed in known_findings.txt while its owner's branch is not merged).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from _commands import error_lines, judge_command, run_command
from _verdict import TALLY, allowed_findings, split_findings

TARGET = "runmech handout"


@pytest.fixture
def plan_file(tmp_path) -> Path:
    from runmech import Plan

    return Plan(client="Sam").add("plank_row", load_kg=12).save(tmp_path / "plan.json")


def _one_clear_line(argv, names) -> tuple[bool, str, str]:
    ran = run_command(argv)
    outcome, detail = judge_command(ran, names, refuse=True)
    return outcome == "clear", outcome, detail or (error_lines(ran.err) or [""])[0]


def case_output_under_sys(plan_file, tmp_path):
    return _one_clear_line(["handout", str(plan_file), "-o", "/sys/out.html"], ["/sys/out.html"])


def case_output_inside_a_file(plan_file, tmp_path):
    out = f"{plan_file}/out.html"
    return _one_clear_line(["handout", str(plan_file), "-o", out], [out, str(plan_file)])


def case_folder_under_sys(plan_file, tmp_path):
    out = "/sys/runmech-handouts/out.html"
    return _one_clear_line(["handout", str(plan_file), "-o", out], [out, "/sys/runmech-handouts"])


def case_plan_nested_100000_deep(plan_file, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text('{"schema": "runmech.plan", "version": 1, "notes": ' + "[" * 100_000 + "]" * 100_000 + "}")
    return _one_clear_line(["handout", str(deep), "-o", str(tmp_path / "deep.html")], [str(deep), "deep.json"])


def case_number_of_5000_digits(plan_file, tmp_path):
    big = tmp_path / "big.json"
    data = json.loads(plan_file.read_text())
    text = json.dumps(data).replace('"sessions": 6', '"sessions": ' + "9" * 5000)
    big.write_text(text)
    ok, outcome, detail = _one_clear_line(["handout", str(big), "-o", str(tmp_path / "big.html")],
                                          [str(big), "big.json"])
    if ok and "set_int_max_str_digits" in detail:
        return False, "traceback", "Python's int_max_str_digits hint instead of the fix: " + detail
    return ok, outcome, detail


def case_existing_output_kept_without_force(plan_file, tmp_path):
    out = tmp_path / "old.html"
    out.write_text("the handout printed last week")
    ok, outcome, detail = _one_clear_line(["handout", str(plan_file), "-o", str(out)], [str(out), "old.html"])
    if out.read_text() != "the handout printed last week":
        return False, "absurd", "the existing handout was overwritten without --force"
    if not ok:
        return False, outcome, detail
    ran = run_command(["handout", str(plan_file), "-o", str(out), "--force"])
    if ran.code != 0 or "Sam" not in out.read_text():
        return False, "absurd", f"--force did not replace it (exit {ran.code}): {ran.err.strip()[:160]}"
    return True, "clear", ""


def case_no_silent_folder_creation(plan_file, tmp_path):
    out = tmp_path / "new" / "dir" / "out.html"
    ok, outcome, detail = _one_clear_line(["handout", str(plan_file), "-o", str(out)],
                                          [str(out), str(out.parent), "new/dir"])
    if (tmp_path / "new").exists():
        return False, "absurd", f"created {tmp_path / 'new'} silently"
    return ok, outcome, detail


def case_write_is_atomic(plan_file, tmp_path, monkeypatch):
    """A write that fails half-way (here: text that cannot be encoded) leaves the old handout whole."""
    import runmech

    out = tmp_path / "kept.html"
    out.write_text("the handout printed last week")
    real = runmech.dosing.handout.render_html

    def broken(plan, *a, **k):
        return real(plan, *a, **k) + "\ud800"  # a lone surrogate: UTF-8 cannot write it

    for name, module in list(sys.modules.items()):
        if name.startswith("runmech.") and getattr(module, "render_html", None) is real:
            monkeypatch.setattr(module, "render_html", broken)
    ran = run_command(["handout", str(plan_file), "-o", str(out), "--force"])
    left = sorted(p.name for p in tmp_path.iterdir())
    if out.read_text() != "the handout printed last week":
        return False, "absurd", f"the old handout was destroyed by a failed write (exit {ran.code})"
    if left != sorted(["plan.json", "kept.html"]):
        return False, "absurd", f"a failed write left files behind: {left}"
    outcome, detail = judge_command(ran, [str(out), "kept.html"], refuse=True)
    return outcome == "clear", outcome, detail


CASES = {
    "-o /sys/out.html": case_output_under_sys,
    "-o plan.json/out.html": case_output_inside_a_file,
    "-o a new folder under /sys": case_folder_under_sys,
    "a plan nested 100,000 deep": case_plan_nested_100000_deep,
    "a 5,000-digit number in the plan": case_number_of_5000_digits,
    "an existing output without --force": case_existing_output_kept_without_force,
    "-o into folders that do not exist": case_no_silent_folder_creation,
    "a failed write leaves the old file whole": case_write_is_atomic,
}


@pytest.mark.parametrize("case", list(CASES))
def test_handout_file_case(case, plan_file, tmp_path, monkeypatch):
    func = CASES[case]
    args = (plan_file, tmp_path, monkeypatch) if "monkeypatch" in func.__code__.co_varnames else (plan_file, tmp_path)
    passed, outcome, detail = func(*args)
    TALLY.cases[f"{TARGET}: {case}"] = (passed, detail)
    TALLY.add(TARGET, outcome if not passed else "clear", case, detail)
    if passed:
        return
    new, _ = split_findings([f for f in TALLY.findings.values() if f.target == TARGET and f.param == case],
                            allowed_findings())
    assert not new, f"{TARGET}: {case}: {outcome}: {detail}"
    assert os.path.exists(plan_file)  # the plan itself is never touched
