"""``runmech dose`` and ``runmech handout``: results, --json, one-line errors with exit code 2, teaching --help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from runmech import Plan
from runmech.apps.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_1rm_text_and_json(capsys):
    code, out, _ = run(capsys, "dose", "1rm", "--load", "40", "--reps", "10")
    assert code == 0 and "Estimated 1RM (Epley): 53.3 kg (117.6 lb)" in out
    code, out, _ = run(capsys, "dose", "1rm", "--load", "100", "--reps", "10", "--method", "brzycki", "--json")
    data = json.loads(out)
    assert code == 0 and data["method"] == "brzycki" and data["one_rm_kg"] == pytest.approx(133.333, abs=1e-3)
    assert data["within_validated_range"] is True and data["note"] is None


def test_1rm_pounds_all_methods_and_warning(capsys):
    code, out, _ = run(capsys, "dose", "1rm", "--load", "100", "--reps", "10", "--lb", "--all", "--json")
    data = json.loads(out)
    assert data["one_rm_lb"] == pytest.approx(133.333, abs=1e-3)
    assert data["load_kg"] == pytest.approx(45.359237)
    assert len(data["all_methods"]) == 8
    code, out, _ = run(capsys, "dose", "1rm", "--load", "40", "--reps", "14")
    assert code == 0 and "Note: reps=14 is past the 10 reps" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["dose", "1rm", "--load", "0", "--reps", "10"], "--load must be a finite number above 0 [kg]"),
        (["dose", "1rm", "--load", "-5", "--reps", "10"], "got -5.0"),
        (["dose", "1rm", "--load", "nan", "--reps", "10"], "--load must be a finite number"),
        (["dose", "1rm", "--load", "40", "--reps", "0"], "--reps must be a whole number from 1 to 30; got 0"),
        (["dose", "1rm", "--load", "40", "--reps", "99"], "got 99"),
        (["dose", "1rm", "--load", "40", "--reps", "10", "--method", "magic"],
         "--method must be one of 'epley', 'brzycki', 'lander', 'lombardi', 'mayhew', 'oconner', 'wathan', 'nsca'"),
        (["dose", "next", "--load", "20", "--reps", "12,x"], "--reps must be whole numbers separated by commas"),
        (["dose", "next", "--load", "20", "--reps", "12,0"], "--reps (set 2) must be a whole number from 1 to 50"),
        (["dose", "next", "--reps", "12"], "--load is required"),
        (["dose", "next", "--load", "20", "--reps", "12", "--rpe", "12"], "rpe must be a finite number from 6 to 10"),
        (["dose", "mobility", "--left", "40"], "--left and --right go together"),
        (["dose", "mobility", "--left", "-1", "--right", "30"], "rom_left_deg must be a finite number above 0"),
        (["dose", "band", "--colour", "purple"], "colour must be one of 'tan'"),
    ],
)
def test_bad_input_is_one_line_with_exit_code_2(capsys, argv, fragment):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert fragment in err, err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_argparse_type_errors_exit_2_without_traceback(capsys):
    with pytest.raises(SystemExit) as info:
        main(["dose", "1rm", "--load", "forty", "--reps", "10"])
    assert info.value.code == 2
    assert "invalid float value: 'forty'" in capsys.readouterr().err


def test_next_session(capsys):
    code, out, _ = run(capsys, "dose", "next", "--load", "20", "--reps", "12,12,12", "--easy", "--json")
    data = json.loads(out)
    assert code == 0 and data["rule"] == "heavier" and data["load_kg"] == 22.0 and data["sets"] == 3
    code, out, _ = run(capsys, "dose", "next", "--load", "20", "--reps", "7,6")
    assert out.startswith("Go lighter: 18 kg (39.7 lb)")
    code, out, _ = run(capsys, "dose", "next", "--load", "45", "--reps", "12,12,12", "--rpe", "7", "--lb")
    assert out.startswith("Go heavier: 47.5 lb (21.5 kg)")  # 45 lb + 5 % rounded up to a 2.5 lb step
    code, out, _ = run(capsys, "dose", "next", "--band", "red", "--reps", "12,12,12", "--rir", "3", "--json")
    assert json.loads(out)["band"] == "green"
    code, out, _ = run(capsys, "dose", "next", "--load", "8", "--reps", "12,12,12", "--easy", "--dumbbells",
                       "2,4,6,8,10", "--json")
    assert json.loads(out)["load_kg"] == 10


def test_mobility_and_band(capsys):
    code, out, _ = run(capsys, "dose", "mobility", "--left", "40", "--right", "32", "--json")
    data = json.loads(out)
    assert code == 0 and data["limited_side"] == "right" and data["sets_right"] == [2, 3]
    code, out, _ = run(capsys, "dose", "mobility", "--limited", "left")
    assert "Left: 2-3 sets of 10-15" in out
    code, out, _ = run(capsys, "dose", "band", "--colour", "red", "--next", "--json")
    data = json.loads(out)
    assert data["force_lb"] == pytest.approx(3.7) and data["next_band"] == "green"
    code, out, _ = run(capsys, "dose", "band")
    assert code == 0 and "gold" in out


def test_handout_command(tmp_path, capsys):
    plan_path = Plan(client="Sam <b>").add("plank_row", load_kg=8).add("open_book").save(tmp_path / "plan.json")
    raw = plan_path.read_bytes()
    out_path = tmp_path / "handout.html"
    code, out, _ = run(capsys, "handout", str(plan_path), "-o", str(out_path), "--json")
    assert code == 0 and json.loads(out)["exercises"] == 2
    page = out_path.read_text(encoding="utf-8")
    assert "Sam &lt;b&gt;" in page and "Plank with row" in page
    assert plan_path.read_bytes() == raw
    code, out, _ = run(capsys, "handout", str(plan_path))
    assert code == 0 and (tmp_path / "plan.html").is_file()


def test_handout_bad_files(tmp_path, capsys):
    code, _, err = run(capsys, "handout", str(tmp_path / "missing.json"))
    assert code == 2 and "no plan file at" in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "runmech.plan", "version": 1, "exercises": [{"exercise_id": "plank_row", '
                   '"sets": 0, "reps_low": 8, "reps_high": 12}]}', encoding="utf-8")
    raw = bad.read_bytes()
    code, _, err = run(capsys, "handout", str(bad), "-o", str(tmp_path / "x.html"))
    assert code == 2 and "exercises[0].sets must be a whole number from 1 to 10; got 0" in err
    assert bad.read_bytes() == raw and not (tmp_path / "x.html").exists()
    good = Plan().add("open_book").save(tmp_path / "good.json")
    code, _, err = run(capsys, "handout", str(good), "-o", str(good))
    assert code == 2 and "-o must" in err


@pytest.mark.parametrize("argv", [["dose", "--help"], ["dose", "1rm", "--help"], ["dose", "next", "--help"],
                                  ["dose", "mobility", "--help"], ["dose", "band", "--help"], ["handout", "--help"]])
def test_help_teaches(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "example" in out and "%%" not in out


def test_dose_without_calculator_prints_help(capsys):
    code, out, _ = run(capsys, "dose")
    assert code == 0 and "1rm" in out and "mobility" in out


def test_module_entry_point_in_a_subprocess():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "runmech.apps.cli", "dose", "1rm", "--load", "40", "--reps", "10",
                           "--json"], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["one_rm_kg"] == pytest.approx(53.333, abs=1e-3)


def _one_line_exit_2(capsys, *argv) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err, (code, out, err)
    return err


def test_handout_never_overwrites_without_force_and_writes_atomically(tmp_path, capsys):
    plan_path = Plan(client="Sam").add("open_book").save(tmp_path / "plan.json")
    out_path = tmp_path / "out.html"
    out_path.write_text("the therapist's own page", encoding="utf-8")
    err = _one_line_exit_2(capsys, "handout", str(plan_path), "-o", str(out_path))
    assert "already exists; add --force" in err and out_path.read_text(encoding="utf-8") == "the therapist's own page"
    code, _, _ = run(capsys, "handout", str(plan_path), "-o", str(out_path), "--force")
    assert code == 0 and "<!DOCTYPE html>" in out_path.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.html", "plan.json"]  # no temporary file left


def test_handout_refuses_missing_folders_and_unwritable_places(tmp_path, capsys):
    plan_path = Plan().add("open_book").save(tmp_path / "plan.json")
    err = _one_line_exit_2(capsys, "handout", str(plan_path), "-o", str(tmp_path / "no" / "such" / "out.html"))
    assert "does not exist; create it first" in err and not (tmp_path / "no").exists()
    err = _one_line_exit_2(capsys, "handout", str(plan_path), "-o", str(plan_path / "out.html"))
    assert "does not exist" in err  # the "folder" is the plan file itself
    (tmp_path / "dir.html").mkdir()
    err = _one_line_exit_2(capsys, "handout", str(plan_path), "-o", str(tmp_path / "dir.html"), "--force")
    assert "is a folder" in err
    err = _one_line_exit_2(capsys, "handout", str(plan_path), "-o", "/sys/out.html")  # Linux: sysfs takes no files
    assert "could not write the handout to '/sys/out.html'" in err


@pytest.mark.parametrize(("content", "fragment"), [
    ("[" * 100_000 + "]" * 100_000, "nests objects and lists more than 16 deep"),
    ('{"schema": "runmech.plan", "version": 2, "sessions": ' + "7" * 5000 + "}", "has a number with 5000 digits"),
    ('{"schema": "runmech.plan", "version": 2, "client": "A", "client": "B"}', "the key client appears twice"),
])
def test_hostile_plan_files_are_one_line_naming_the_file(tmp_path, capsys, content, fragment):
    path = tmp_path / "hostile.json"
    path.write_text(content, encoding="utf-8")
    err = _one_line_exit_2(capsys, "handout", str(path), "-o", str(tmp_path / "h.html"))
    assert f"{path}: {fragment}" in err and not (tmp_path / "h.html").exists()


def test_reps_are_parsed_by_the_one_parser(capsys):
    code, out, _ = run(capsys, "dose", "next", "--load", "20", "--reps", "12 12;12", "--easy")
    assert code == 0 and "Go heavier" in out
    err = _one_line_exit_2(capsys, "dose", "next", "--load", "20", "--reps", "12, 0")
    assert "--reps (set 2) must be a whole number from 1 to 50; got 0" in err
