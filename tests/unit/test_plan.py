"""runmech.Plan: JSON round trip, validation that names the bad field, files left alone, escaped handout."""

from __future__ import annotations

import json
import re

import pytest

from runmech import Plan
from runmech.dosing.handout import render_html
from runmech.dosing.plan import PlanItem

NASTY = 'Zoë "Z" O\'Brien <script>alert("x")</script> & co'


def typical_plan(**kw) -> Plan:
    p = Plan(client=kw.pop("client", "Sam"), date="2025-03-01", notes=kw.pop("notes", "Run easy on Tuesday."), **kw)
    p.add("plank_row", load_kg=8)
    p.add("thread_the_needle", extra_sets=1, extra_side="left")
    p.add("single_leg_calf_raise", load_kg=10, sets=3)
    p.add("half_kneeling_hip_flexor_stretch")
    return p


def test_round_trip_dict_json_and_file(tmp_path):
    p = typical_plan(client=NASTY, notes="Línea 1\nLine 2 — «quotes» \"double\" 'single' \u2603")
    p.add("standing_row", band="red", note='keep hips "square" <b>')
    assert Plan.from_dict(p.to_dict()) == p
    assert Plan.from_json(p.to_json()) == p
    path = p.save(tmp_path / "plan.json")
    back = Plan.load(path)
    assert back == p and back.to_dict() == p.to_dict()
    text = path.read_text(encoding="utf-8")
    assert "Zoë" in text and json.loads(text)["version"] == 2
    assert back.exercises[-1].band == "red" and back.exercises[0].load_kg == 8.0


def test_units_affect_display_only():
    p = Plan(unit="lb").add("plank_row", load_lb=20)
    assert p.exercises[0].load_kg == pytest.approx(9.0718474)
    assert Plan.from_json(p.to_json()).exercises[0].load_kg == p.exercises[0].load_kg
    assert "20 lb (9.1 kg)" in render_html(p)
    p.unit = "kg"
    assert "9.1 kg (20 lb)" in render_html(Plan.from_dict(p.to_dict()))


def test_add_fills_catalogue_defaults_and_checks():
    p = Plan().add("thread_the_needle")
    it = p.exercises[0]
    assert (it.sets, it.sets_max, it.reps_low, it.reps_high, it.hold_s) == (1, 2, 10, 15, None)
    assert Plan().add("wall_calf_stretch").exercises[0].hold_s == 30
    with pytest.raises(TypeError, match="dose must use the names"):
        Plan().add("plank_row", weight=5)
    with pytest.raises(ValueError, match="extra_side must be 'left' or 'right' when extra_sets is 1"):
        Plan().add("thread_the_needle", extra_sets=1)
    with pytest.raises(ValueError, match="band and load_kg cannot both be set"):
        Plan().add("standing_row", band="red", load_kg=3)
    with pytest.raises(ValueError, match="hold_s must be null"):
        Plan().add("plank_row", hold_s=30)
    with pytest.raises(ValueError, match="exercise_id must be one of"):
        Plan().add("burpee")
    with pytest.raises(ValueError, match="client must be text of at most 80 characters"):
        Plan(client="x" * 81)
    with pytest.raises(ValueError, match="date must be a date written YYYY-MM-DD; got '1/3/2025'"):
        Plan(date="1/3/2025")


def _write(tmp_path, data) -> tuple:
    path = tmp_path / "plan.json"
    raw = (json.dumps(data) if not isinstance(data, str) else data).encode("utf-8")
    path.write_bytes(raw)
    return path, raw


def _bad(**changes):
    d = typical_plan().to_dict()
    for dotted, value in changes.items():
        target = d
        keys = dotted.split("__")
        for k in keys[:-1]:
            target = target[int(k)] if k.isdigit() else target[k]
        target[keys[-1]] = value
    return d


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (_bad(exercises__2__sets=0), "plan.json: exercises[2].sets must be a whole number from 1 to 10; got 0"),
        (_bad(exercises__2__sets="3"), "exercises[2].sets must be a whole number"),
        (_bad(exercises__0__load_kg=-3), "exercises[0].load_kg must be a finite number above 0"),
        (_bad(exercises__1__exercise_id="burpee"), "exercises[1].exercise_id must be one of"),
        (_bad(exercises__1__reps_high=5), "exercises[1].reps_high must be a whole number from 10"),
        (_bad(exercises__0__band="purple"), "exercises[0].band must be one of"),
        (_bad(exercises__0__colour="red"), "exercises[0].colour is not a field of a version 2 plan exercise"),
        (_bad(unit="stone"), "plan.json: unit must be one of 'kg', 'lb'; got 'stone'"),
        (_bad(date="tomorrow"), "plan.json: date must be a date written YYYY-MM-DD"),
        (_bad(sessions=0), "sessions must be a whole number from 1 to 10"),
        (_bad(exercises="plank"), "exercises must be a list"),
        (_bad(extra=1), "extra is not a field of a version 2 runmech plan"),
        (_bad(schema="something.else"), "schema must be 'runmech.plan'"),
        (_bad(version=3), "plan.json: version 3 was written by a newer runmech (this one reads plan files up to "
                          "version 2); update runmech to open it"),
        (_bad(exercises__0__tempo=[2, 1]), "exercises[0].tempo must be three whole numbers of seconds"),
        (_bad(exercises__0__days_per_week=8), "exercises[0].days_per_week must be a whole number from 1 to 7"),
        (_bad(exercises__0__load_basis="guess"), "exercises[0].load_basis must be one of 'today', '1rm'"),
        (_bad(exercises__0__load_basis="1rm"), "exercises[0].test_load_kg must be set when exercises[0].load_basis"),
        (_bad(pain_limit=7), "pain_limit must be a whole number from 0 to 5"),
        (_bad(language="xx"), "language must be one of 'en', 'es'"),
        (_bad(notes="ok\u202eevil"), "notes must not contain U+202E RIGHT-TO-LEFT OVERRIDE (character 3)"),
        (_bad(client="A\u0000B"), "client must not contain the control character U+0000 (character 2)"),
        ('{"schema": "runmech.plan", "version": 2, "unit": "kg", "unit": "lb"}', "the key unit appears twice"),
        ('{"schema": "runmech.plan", "version": 2, "exercises": [{"exercise_id": "open_book", "sets": 1, '
         '"sets": 2, "reps_low": 10, "reps_high": 15}]}', "plan.json: the key exercises[0].sets appears twice"),
        ('{"schema": "runmech.plan", "version": 2, "sessions": ' + "9" * 5000 + "}",
         "plan.json: has a number with 5000 digits"),
        ('{"schema": "runmech.plan", "version": 2, "sessions": NaN}', "has NaN, which is not a number"),
        ("[" * 100_000 + "]" * 100_000, "plan.json: nests objects and lists more than 16 deep"),
        (_bad(version="1"), "version must be a whole number"),
        ([1, 2], "a plan must be a JSON object"),
        ('{"schema": "runmech.plan", "version": 1,', "plan.json: is not valid JSON (line 1"),
        ("", "is not valid JSON"),
    ],
)
def test_bad_files_are_refused_with_the_field_and_left_unchanged(tmp_path, data, fragment):
    path, raw = _write(tmp_path, data)
    before = path.stat().st_mtime_ns
    with pytest.raises((ValueError, TypeError)) as info:
        Plan.load(path)
    msg = str(info.value)
    assert fragment.replace("plan.json", str(path)) in msg or fragment in msg, msg
    assert msg.startswith(str(path) + ": ")
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_non_utf8_and_missing_files(tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ValueError, match="is not UTF-8 text"):
        Plan.load(path)
    with pytest.raises(FileNotFoundError, match="no plan file at"):
        Plan.load(tmp_path / "missing.json")


def test_remove_and_replace_item():
    p = typical_plan()
    assert p.remove(0).exercise_id == "plank_row" and len(p.exercises) == 3
    p.replace_item(1, load_kg=12.5)
    assert p.exercises[1].load_kg == 12.5
    with pytest.raises(ValueError, match="index must be a whole number from -3 to 2; got 5"):
        p.remove(5)


# --- handout -------------------------------------------------------------------------------------------------------
def test_handout_content():
    page = render_html(typical_plan())
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count('class="ex"') == 4
    assert "2–3 sets of 8–12 per side with 8 kg (17.6 lb)" in page
    assert "1–2 sets of 10–15 per side, 1 extra set on the left" in page
    assert "2–3 holds of 30 s per side" in page
    assert "2 days a week · rest 90 s between sets" in page and "3 days a week" in page
    assert "Plank row on knees" in page  # the easier version
    assert "not medical advice" in page and "physical therapist" in page and "healthy tissue" in page
    assert "@media print" in page and "Sam" in page and "March 1, 2025" in page
    assert page.count("<svg") == 4 and page.count("<title id=") == 4  # a drawing with its text alternative each
    assert "Pain during and after the exercises may reach 5 out of 10" in page and "Silbernagel et al. 2007" in page
    assert page.count('<table class="log"') == 4
    assert page.count("<th scope=\"col\">date</th>") == 4 * 6


def test_handout_escapes_everything_typed():
    p = Plan(client=NASTY, notes='</style><script>alert(1)</script><img src=x onerror="alert(2)">')
    p.add("plank_row", note='"><script>alert(3)</script>')
    page = render_html(p)
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "onerror=\"" not in page
    assert "&lt;script&gt;" in page and "&quot;Z&quot;" in page and "O&#x27;Brien" in page
    assert page.count("</style>") == 1


def test_handout_has_no_external_resources():
    page = render_html(typical_plan(client="https://example.com/x.png"))
    lowered = page.lower()
    for bad in ("<link", "<script", "<img", "<iframe", "@import", "url(", "src=", "@font-face"):
        assert bad not in lowered, bad
    # the only URL-looking text is the one the user typed, escaped as text
    assert len(re.findall(r"https?://", page)) == page.count("https://example.com/x.png") == 2  # title and header
    assert "default-src 'none'" in page  # a content security policy forbids loading anything


def test_item_validation_on_construction():
    with pytest.raises(ValueError, match="sets_max must be a whole number from 3 to 10; got 2"):
        PlanItem(exercise_id="plank_row", sets=3, sets_max=2, reps_low=8, reps_high=12)


# --- schema 2: the fields a home programme needs -------------------------------------------------------------------
V1_FILE = {
    "schema": "runmech.plan", "version": 1, "client": "Sam", "date": "2025-03-01", "unit": "kg", "sessions": 6,
    "notes": "", "exercises": [
        {"exercise_id": "plank_row", "sets": 2, "sets_max": 3, "reps_low": 8, "reps_high": 12, "hold_s": None,
         "load_kg": 8.0, "band": None, "extra_sets": 0, "extra_side": None, "note": ""}]}


def test_version_1_files_load_migrated_and_save_as_version_2(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps(V1_FILE), encoding="utf-8")
    p = Plan.load(path)
    it = p.exercises[0]
    assert (it.load_kg, it.days_per_week, it.rest_s, it.tempo, it.load_basis) == (8.0, None, None, None, None)
    assert (p.language, p.pain_rule, p.pain_limit, p.therapist, p.review_date) == ("en", True, 5, "", None)
    out = p.save(tmp_path / "new.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["exercises"][0]["days_per_week"] is None and "therapist" in data
    assert Plan.load(out) == p
    # a version 1 file may not hold version 2 fields
    bad = dict(V1_FILE, therapist="J")
    with pytest.raises(ValueError, match="therapist is not a field of a version 1 runmech plan"):
        Plan.from_dict(bad)


def test_new_fields_round_trip_and_print():
    p = Plan(client="Sam", therapist='J. Doe, PT <b>', contact="555 0100", review_date="2025-03-29", pain_limit=3)
    p.add("plank_row", load_kg=8, load_basis="1rm", test_load_kg=10, test_reps=6, one_rm_kg=12.0, tempo=(2, 1, 3),
          rest_s=120, days_per_week=3)
    p.add("calf_raise", load_kg=10, load_basis="today")
    assert Plan.from_json(p.to_json()) == p
    assert p.exercises[1].test_load_kg == 10.0  # the load used today is the test load
    page = render_html(p)
    assert "J. Doe, PT &lt;b&gt;" in page and "555 0100" in page and "March 29, 2025" in page
    assert "3 days a week · rest 2 min between sets · tempo: 2 s to move, 1 s hold, 3 s back" in page
    assert "From today&#x27;s test: 10 kg (22 lb) × 6 reps, an estimated 1RM of 12 kg (26.5 lb)." in page
    assert "The load you used in today&#x27;s test." in page
    assert "may reach 3 out of 10" in page and "the model allows up to 5" in page
    assert "Pain during" not in render_html(Plan(pain_rule=False).add("open_book"))


def test_load_basis_is_checked():
    with pytest.raises(ValueError, match="load_kg must be set when load_basis is 'today'"):
        PlanItem.from_catalogue("plank_row", load_basis="today")
    with pytest.raises(ValueError, match="one_rm_kg must be at least the test load 10 kg"):
        PlanItem.from_catalogue("plank_row", load_kg=8, load_basis="1rm", test_load_kg=10, test_reps=6, one_rm_kg=9)


@pytest.mark.parametrize("value", [None, "", "plank", {"a": 1}, 3])
def test_exercises_must_be_a_list(value):
    with pytest.raises(TypeError, match="exercises must be a list of PlanItem"):
        Plan(exercises=value)
    assert Plan().exercises == [] and Plan(exercises=()).exercises == []


def test_bom_and_crlf_notes_are_accepted(tmp_path):
    p = typical_plan(notes="Line 1\r\nLine 2")
    assert p.notes == "Line 1\nLine 2"
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + p.to_json().encode("utf-8"))
    assert Plan.load(path) == p


def test_spanish_handout_is_spanish_and_complete():
    p = typical_plan(language="es")
    page = render_html(p)
    assert '<html lang="es">' in page and "Tu plan de ejercicios" in page and "1 de marzo de 2025" in page
    assert "2–3 series de 8–12 por lado con 8 kg (17,6 lb)" in page
    assert "Enhebrar la aguja" in page and "El dolor durante y después de los ejercicios puede llegar a 5 de 10" in page
    for english in ("Your exercise plan", "sets of", "Start:", "per side", "Pain guide"):
        assert english not in page, english
