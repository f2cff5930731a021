"""runmech.dosing: published numbers, the article's rules, bad input and properties."""

from __future__ import annotations

import math
import re
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runmech import dosing
from runmech.dosing import DosingWarning, estimate_1rm, load_for_reps, mobility_dose, next_session

FORMULAS = [m for m in dosing.methods() if m != "nsca"]


# --- published numbers -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("epley", 133.33),     # 100 (1 + 10/30)
        ("brzycki", 133.33),   # 100 * 36 / 27
        ("lander", 134.07),    # 100 * 100 / (101.3 - 26.7123)
        ("lombardi", 125.89),  # 100 * 10^0.1
        ("mayhew", 130.93),    # 100 * 100 / (52.2 + 41.9 e^-0.55)
        ("oconner", 125.00),   # 100 (1 + 10/40)
        ("wathan", 134.75),    # 100 * 100 / (48.8 + 53.8 e^-0.75)
        ("nsca", 133.33),      # 10 reps at 75 %
    ],
)
def test_one_rm_from_100_kg_for_10_reps(method, expected):
    assert estimate_1rm(100, 10, method=method) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize(("reps", "pct"), [(1, 100), (2, 95), (3, 93), (5, 87), (8, 80), (10, 75), (12, 70)])
def test_nsca_chart_rows(reps, pct):
    assert dosing.percent_1rm(reps) == pct
    assert load_for_reps(200, reps, method="nsca") == pytest.approx(2 * pct)


def test_nsca_chart_interpolates_between_rows_and_warns_past_twelve():
    assert dosing.percent_1rm(11) == pytest.approx(72.5)
    with pytest.warns(DosingWarning, match="NSCA chart"):
        assert dosing.percent_1rm(15) == pytest.approx(65)
    with pytest.raises(ValueError, match="reps must be a whole number from 1 to 15; got 16"):
        dosing.percent_1rm(16)


def test_one_rep_as_published():
    for m in ("brzycki", "lombardi", "nsca"):
        assert estimate_1rm(80, 1, method=m) == 80, m
    for m in ("lander", "wathan"):   # about 1.3-1.4 % above the load at one rep
        assert 1.01 < estimate_1rm(100, 1, method=m) / 100 < 1.02, m
    assert estimate_1rm(100, 1, method="mayhew") == pytest.approx(108.86, abs=0.01)  # Mayhew overshoots at 1 rep
    assert estimate_1rm(60, 1) == pytest.approx(62.0)  # Epley: 1.033 w
    assert estimate_1rm(80, 1, method="oconner") == pytest.approx(82.0)


def test_methods_listed_and_aliases_accepted():
    assert dosing.methods() == ("epley", "brzycki", "lander", "lombardi", "mayhew", "oconner", "wathan", "nsca")
    assert estimate_1rm(40, 10, method="O'Connor") == estimate_1rm(40, 10, method="oconner")
    assert estimate_1rm(40, 10, method=" Brzycki ") == estimate_1rm(40, 10, method="brzycki")


# --- validated ranges ----------------------------------------------------------------------------------------------
def test_past_validated_range_warns_and_past_hard_limit_raises():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        estimate_1rm(50, 10)              # Epley validated to 10
        estimate_1rm(50, 12, method="mayhew")
    with pytest.warns(DosingWarning, match="reps=11 is past the 10 reps the Epley equation"):
        estimate_1rm(50, 11)
    with pytest.warns(DosingWarning):
        load_for_reps(100, 20, method="wathan")
    with pytest.raises(ValueError, match="reps must be a whole number from 1 to 30; got 31"):
        estimate_1rm(50, 31)


def test_one_rm_table_flags_instead_of_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t = dosing.one_rm_table(50, 20)
    assert "nsca" not in set(t["method"])  # the chart stops at 15
    assert not t["within_validated"].any()
    assert set(dosing.one_rm_table(50, 8)["method"]) == set(dosing.methods())


# --- bad input -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("load", "reps", "method", "exc", "fragment"),
    [
        (0, 10, "epley", ValueError, "load_kg must be a finite number above 0 [kg] and at most 1000; got 0"),
        (-5, 10, "epley", ValueError, "got -5"),
        (float("nan"), 10, "epley", ValueError, "load_kg must be a finite number"),
        ("40", 10, "epley", TypeError, "got '40' (str)"),
        (5000, 10, "epley", ValueError, "above 0 [kg] and at most 1000; got 5000"),
        (40, 0, "epley", ValueError, "reps must be a whole number from 1 to 30; got 0"),
        (40, 2.5, "epley", ValueError, "reps must be a whole number"),
        (40, 500, "epley", ValueError, "got 500"),
        (40, "ten", "epley", TypeError, "reps must be a whole number"),
        (40, 10, "guess", ValueError, "method must be one of 'epley', 'brzycki', 'lander', 'lombardi', 'mayhew', "
                                      "'oconner', 'wathan', 'nsca'; got 'guess'"),
        (40, 10, None, TypeError, "method must be one of"),
    ],
)
def test_estimate_rejects_bad_input(load, reps, method, exc, fragment):
    with pytest.raises(exc) as info:
        estimate_1rm(load, reps, method=method)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "exc", "fragment"),
    [
        (dict(load_kg=0, reps_per_set=[10]), ValueError, "load_kg must be"),
        (dict(load_kg=20, reps_per_set=[]), TypeError, "reps_per_set must be a list"),
        (dict(load_kg=20, reps_per_set="12,12"), TypeError, "reps_per_set must be a list"),
        (dict(load_kg=20, reps_per_set=[12, 0]), ValueError, "reps_per_set[1] must be a whole number from 1 to 50; got 0"),
        (dict(load_kg=20, reps_per_set=[12, 500]), ValueError, "got 500"),
        (dict(load_kg=20, reps_per_set=[12] * 11), ValueError, "1 to 10 sets"),
        (dict(load_kg=20, reps_per_set=[12], rpe=11), ValueError, "rpe must be a finite number from 6 to 10"),
        (dict(load_kg=20, reps_per_set=[12], rir=-1), ValueError, "rir must be a whole number from 0 to 10"),
        (dict(load_kg=20, reps_per_set=[12], easy="yes"), TypeError, "easy must be True or False"),
        (dict(load_kg=20, reps_per_set=[12], easy=True, rir=3), ValueError, "give only one of easy, rir or rpe"),
        (dict(load_kg=20, reps_per_set=[12], rep_range=(12, 8)), ValueError, "rep_range[1] must be a whole number from 12"),
        (dict(load_kg=20, reps_per_set=[12], increment_pct=20), ValueError, "increment_pct must be a finite number from 2 to 10"),
        (dict(load_kg=20, reps_per_set=[12], band="purple"), ValueError, "band must be one of 'tan'"),
        (dict(load_kg=None, reps_per_set=[12]), TypeError, "load_kg must be"),
        (dict(load_kg=20, reps_per_set=[12], equipment=[]), TypeError, "equipment must be a non-empty list"),
        (dict(load_kg=20, reps_per_set=[12], unit="stone"), ValueError, "unit must be one of 'kg', 'lb'"),
    ],
)
def test_next_session_rejects_bad_input(kwargs, exc, fragment):
    with pytest.raises(exc) as info:
        next_session(**kwargs)
    assert fragment in str(info.value)


# --- the article's rules -------------------------------------------------------------------------------------------
def test_three_sets_of_twelve_easy_goes_heavier():
    r = next_session(20, [12, 12, 12], easy=True)
    assert (r.rule, r.load_kg, r.sets, r.reps_low, r.reps_high) == ("heavier", 22.0, 3, 8, 12)
    assert r.load_lb == pytest.approx(22 / 0.45359237)
    assert r.change_kg == pytest.approx(2.0)
    assert r.reason.endswith(".") and "22 kg" in r.reason and "\n" not in r.reason


def test_three_by_twelve_not_easy_holds():
    for kwargs in (dict(easy=False), dict(rir=1), dict(rpe=9), {}):
        r = next_session(20, [12, 12, 12], **kwargs)
        assert (r.rule, r.load_kg, r.sets) == ("hold", 20.0, 3), kwargs


@pytest.mark.parametrize("kwargs", [dict(rir=2), dict(rir=4), dict(rpe=8), dict(rpe=6.5), dict(easy=True)])
def test_rir_and_rpe_stand_in_for_easy(kwargs):
    assert next_session(20, [12, 12, 12], **kwargs).rule == "heavier"


def test_without_a_rating_reps_past_the_range_count_as_easy():
    assert next_session(20, [13, 13, 13]).rule == "heavier"
    assert next_session(20, [13, 13, 12]).rule == "hold"


def test_too_few_reps_goes_lighter():
    r = next_session(20, [6, 5])
    assert r.rule == "lighter" and r.load_kg < 20 and r.sets == 2
    assert "fewer than 8" in r.reason
    # even if the client says it was easy, short reps never add load
    assert next_session(20, [5, 5, 5], easy=True).load_kg < 20


def test_in_range_builds_reps_and_sets():
    r = next_session(20, [10])
    assert (r.rule, r.load_kg, r.sets) == ("build", 20.0, 2)
    assert next_session(20, [12, 12]).sets == 3           # both sets reached 12: add a set
    assert next_session(20, [12, 10]).sets == 2
    assert next_session(20, [10, 8, 6]).rule == "build"   # the best set is in range: same load
    assert next_session(20, [12, 12, 12, 12], easy=False).sets == 3


def test_rounding_to_equipment_units_and_bands():
    assert next_session(8, [12, 12, 12], easy=True, equipment=[2, 4, 6, 8, 10]).load_kg == 10
    top = next_session(10, [12, 12, 12], easy=True, equipment=[2, 4, 6, 8, 10])
    assert top.load_kg == 10 and "no heavier load" in top.reason
    lb = next_session(20 * 0.45359237, [12, 12, 12], easy=True, unit="lb")
    assert lb.load_lb == pytest.approx(22.5) and lb.reason.startswith("3 sets of 12 were easy, so go up to 22.5 lb")
    assert next_session(20, [12, 12, 12], easy=True, increment_kg=1.25).load_kg == pytest.approx(21.25)
    assert next_session(60, [12, 12, 12], easy=True).load_kg == 62.5   # nearest to 63 kg on 2.5 kg steps
    assert next_session(21, [12, 12, 12], easy=True).load_kg == 22.0   # off the 2 kg grid: nearest to +5 %
    assert next_session(12, [12, 12, 12], easy=True).load_kg == 14.0   # no 2 kg step within 10 %: next up
    band = next_session(None, [12, 12, 12], easy=True, band="red")
    assert band.band == "green" and band.load_kg == pytest.approx(dosing.band_force("green"))
    assert next_session(None, [5, 5], band="red").band == "yellow"
    assert next_session(None, [5, 5], band="tan").band == "tan"
    assert next_session(None, [12, 12, 12], easy=True, band="gold").band == "gold"


def test_other_rep_range():
    r = next_session(30, [10, 10, 10], rep_range=(6, 10), easy=True)
    assert r.rule == "heavier" and (r.reps_low, r.reps_high) == (6, 10)


def test_rules_come_from_the_data_table():
    table = dosing.rules().set_index("rule")
    assert table.loc["strength_min_sets", "source"] == "torso_article"
    assert table.loc["easy_rir_min", "value"] == 2
    assert {"torso_article", "acsm2009", "garber2011"} <= {k for s in table["source"] for k in s.split(";")}


# --- mobility ------------------------------------------------------------------------------------------------------
def test_mobility_defaults_and_extra_set():
    d = mobility_dose()
    assert (d.sets_low, d.sets_high, d.reps_low, d.reps_high, d.limited_side) == (1, 2, 10, 15, None)
    d = mobility_dose(rom_left_deg=40, rom_right_deg=32)
    assert d.limited_side == "right" and d.sets_for("right") == (2, 3) and d.sets_for("left") == (1, 2)
    assert d.rom_difference_deg == 8
    assert mobility_dose(rom_left_deg=30, rom_right_deg=45).limited_side == "left"
    assert mobility_dose(limited_side="left").sets_for("left") == (2, 3)
    assert mobility_dose(limited_side="none").extra_sets == 0


def test_mobility_threshold():
    assert mobility_dose(rom_left_deg=40, rom_right_deg=35).limited_side == "right"   # 5 deg, 12.5 %
    assert mobility_dose(rom_left_deg=40, rom_right_deg=36).limited_side is None      # 4 deg
    assert mobility_dose(rom_left_deg=100, rom_right_deg=94).limited_side is None     # 6 deg but 6 %
    assert mobility_dose(rom_left_deg=100, rom_right_deg=90).limited_side == "right"  # 10 deg, 10 %


@pytest.mark.parametrize(
    ("kwargs", "exc", "fragment"),
    [
        (dict(rom_left_deg=40), TypeError, "rom_right_deg must be"),
        (dict(rom_left_deg=-4, rom_right_deg=30), ValueError, "rom_left_deg must be a finite number above 0"),
        (dict(rom_left_deg=40, rom_right_deg=float("nan")), ValueError, "rom_right_deg"),
        (dict(rom_left_deg=40, rom_right_deg=300), ValueError, "above 0 [deg] and at most 180; got 300"),
        (dict(rom_left_deg=40, rom_right_deg=30, limited_side="left"), ValueError, "not both"),
        (dict(limited_side="middle"), ValueError, "limited_side must be one of 'left', 'right', 'none'"),
    ],
)
def test_mobility_bad_input(kwargs, exc, fragment):
    with pytest.raises(exc, match=None) as info:
        mobility_dose(**kwargs)
    assert fragment in str(info.value)


# --- bands -------------------------------------------------------------------------------------------------------
def test_band_chart_values_and_order():
    assert dosing.band_force("red", unit="lb") == 3.7
    assert dosing.band_force("red", elongation_pct=200, unit="lb") == 5.5
    assert dosing.band_force("blue", elongation_pct=50, unit="lb") == pytest.approx(2.9)
    assert dosing.band_force("red", unit="N") == pytest.approx(3.7 * 0.45359237 * 9.80665)
    forces = [dosing.band_force(c) for c in dosing.band_colours()]
    assert forces == sorted(forces)
    assert dosing.next_band("black") == "silver" and dosing.previous_band("yellow") == "tan"
    assert dosing.band_for_force(dosing.band_force("blue")) == "blue"
    with pytest.raises(ValueError, match="elongation_pct must be a finite number from 0 to 200"):
        dosing.band_force("red", elongation_pct=250)


def test_round_load():
    assert dosing.round_load(12.7) == 12.0
    assert dosing.round_load(12.7, direction="down") == 12.0
    assert dosing.round_load(31, direction="up") == 32.5
    assert dosing.round_load(5.2, equipment=[2, 4, 6]) == 6.0
    with pytest.raises(ValueError, match="direction must be one of"):
        dosing.round_load(10, direction="sideways")


# --- properties --------------------------------------------------------------------------------------------------
METHOD = st.sampled_from(dosing.methods())
LOAD = st.floats(min_value=0.5, max_value=500, allow_nan=False)


def _quiet(fn, *a, **k):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DosingWarning)
        return fn(*a, **k)


@settings(max_examples=60, deadline=None)
@given(METHOD, LOAD, LOAD, st.integers(1, 15))
def test_estimate_rises_with_load(method, a, b, reps):
    lo, hi = sorted((a, b))
    if hi - lo > 1e-6:
        assert _quiet(estimate_1rm, lo, reps, method=method) < _quiet(estimate_1rm, hi, reps, method=method)


@settings(max_examples=60, deadline=None)
@given(METHOD, LOAD, st.integers(1, 15), st.integers(1, 15))
def test_estimate_rises_with_reps(method, load, r1, r2):
    lo, hi = sorted((r1, r2))
    if lo < hi:
        assert _quiet(estimate_1rm, load, lo, method=method) < _quiet(estimate_1rm, load, hi, method=method)


@settings(max_examples=60, deadline=None)
@given(METHOD, LOAD, st.integers(1, 15))
def test_load_for_reps_inverts_estimate(method, load, reps):
    one = _quiet(estimate_1rm, load, reps, method=method)
    if one <= dosing.MAX_LOAD_KG:
        assert _quiet(load_for_reps, one, reps, method=method) == pytest.approx(load, rel=1e-9)


SETS = st.lists(st.integers(1, 30), min_size=1, max_size=5)
EFFORT = st.sampled_from([{}, {"easy": True}, {"easy": False}, {"rir": 0}, {"rir": 3}, {"rpe": 7.5}, {"rpe": 10}])
EQUIP = st.sampled_from([{}, {"unit": "lb"}, {"increment_kg": 2.5}, {"equipment": [2, 4, 6, 8, 10, 12.5, 15, 20]}])


@settings(max_examples=150, deadline=None)
@given(st.floats(min_value=1, max_value=300, allow_nan=False), SETS, EFFORT, EQUIP)
def test_next_session_stays_in_documented_ranges(load, reps, effort, equip):
    r = next_session(load, reps, **effort, **equip)
    assert 2 <= r.sets <= 3
    assert (r.reps_low, r.reps_high) == (8, 12)
    assert r.load_kg > 0 and math.isfinite(r.load_kg)
    assert r.load_lb == pytest.approx(r.load_kg / 0.45359237)
    assert r.rule in {"lighter", "build", "hold", "heavier"}
    assert r.reason.strip() and r.reason.endswith(".")
    if min(reps) < 8:
        assert r.load_kg <= load + 1e-9, "load went up although a set fell short of the range"
    if r.rule == "heavier" and r.load_kg > load:
        step = 5.0 if "equipment" in equip else 2.5
        assert r.load_kg <= max(load * 1.10, load + step) + 1e-9
    if r.rule == "lighter":
        assert r.load_kg <= load
    if r.rule in ("build", "hold"):
        assert r.load_kg == pytest.approx(load)


# --- wording: one definition of every client-facing number and sentence -------------------------------------------
from runmech.dosing import translations, wording  # noqa: E402
from runmech.dosing.plan import PlanItem  # noqa: E402


@pytest.mark.parametrize("unit", ["stone", "KG ", "", None, 3])
def test_format_load_refuses_unknown_units(unit):
    if unit == "KG ":
        assert wording.format_load(12, unit) == "12 kg (26.5 lb)"  # case and spaces are forgiven
        return
    with pytest.raises((ValueError, TypeError), match="unit must be one of 'kg', 'lb'"):
        wording.format_load(12, unit)


@pytest.mark.parametrize("load", [float("nan"), float("inf"), -1, None, "12", True])
def test_format_load_never_prints_nan(load):
    with pytest.raises((ValueError, TypeError), match="load_kg must be a finite number"):
        wording.format_load(load)


def test_dose_in_words_refuses_unknown_units_and_the_handout_uses_the_same_function():
    item = PlanItem.from_catalogue("plank_row", load_kg=12)
    with pytest.raises(ValueError, match="unit must be one of 'kg', 'lb'; got 'stone'"):
        wording.dose_in_words(item, "stone")
    from runmech.dosing import handout, progression
    from runmech.apps import dose
    from runmech.ui import tables

    assert handout.format_load is wording.format_load and handout.dose_in_words is wording.dose_in_words
    assert progression.format_load is wording.format_load and tables.dose_words is wording.catalogue_dose_words
    assert not hasattr(dose, "_num") and not hasattr(progression, "_fmt_load")


def test_hold_doses_read_naturally():
    assert wording.dose_in_words(PlanItem.from_catalogue("plank_hold")) == "2–3 holds of 30 s"
    assert wording.dose_in_words(PlanItem.from_catalogue("short_foot")) == "2 sets of 8–10 holds of 5 s per side"
    assert wording.dose_in_words(PlanItem.from_catalogue("wall_calf_stretch")) == "2–3 holds of 30 s per side"
    one = PlanItem.from_catalogue("wall_calf_stretch", reps_low=1, reps_high=1)
    assert wording.dose_in_words(one) == "1 hold of 30 s per side"
    assert "sets of 1 holds" not in wording.catalogue_dose_words(exercises_row("plank_hold"))


def exercises_row(ex_id):
    from runmech.dosing import exercises

    return exercises.catalogue().set_index("id").loc[ex_id].to_dict()


@pytest.mark.parametrize("text", ["12,12,10", "12, 12, 10", "12 12 10", "12;12;10", " 12 ,12;  10 "])
def test_one_reps_parser_for_the_command_line_and_the_dashboard(text):
    from runmech.apps.dose import parse_reps as cli_parse

    assert wording.parse_reps(text) == [12, 12, 10] == cli_parse(text)


@pytest.mark.parametrize(("text", "fragment"), [("", "whole numbers"), ("12, x", "whole numbers"),
                                                ("12.5", "whole numbers"), ("0", "(set 1) must be a whole number"),
                                                ("1 " * 11, "1 to 10 sets")])
def test_reps_parser_refuses(text, fragment):
    with pytest.raises(ValueError, match=re.escape(fragment)):
        wording.parse_reps(text)


def test_numbers_in_each_language():
    assert wording.number(2.25) == "2.2" and wording.number(2.35) == "2.4"  # halves to even at one decimal
    assert wording.number(1234.5, lang="es") == "1234,5" and wording.number(-0.01) == "0"
    assert wording.format_load(12.5, "lb", lang="es") == "27,6 lb (12,5 kg)"


def test_every_english_message_has_a_spanish_entry():
    messages = translations.english_messages()
    assert len(messages) > 150  # code, exercise names and cues, what each drawing shows
    assert translations.missing("es") == []


def test_a_language_is_a_file(tmp_path, monkeypatch):
    path = translations.update_catalogue("fr", folder=tmp_path)
    text = path.read_text(encoding="utf-8")
    assert 'msgid "Your exercise plan"' in text and 'msgstr ""' in text  # every message, waiting for a translation
    monkeypatch.setattr(wording, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(translations, "LOCALE_DIR", tmp_path)
    wording.translator.cache_clear()
    try:
        assert "fr" in wording.languages()
        assert len(translations.missing("fr")) == len(translations.english_messages())
    finally:
        wording.translator.cache_clear()


def test_pain_rule_numbers_come_from_data_with_their_source():
    from runmech._data import read_table, sources
    from runmech.dosing.handout import pain_rule_text

    table = read_table("pain_monitoring.csv").set_index("name")
    assert int(table.loc["pain_limit_during", "value"]) == 5 == int(table.loc["pain_limit_after", "value"])
    src = sources().query("file == 'pain_monitoring.csv' and key == 'silbernagel2007'")["citation"].iloc[0]
    assert "Am J Sports Med 35(6):897-906" in src and "2007" in src
    rule, source = pain_rule_text()
    assert "5 out of 10" in rule and "next morning" in rule and "week to week" in rule
    assert source == "Pain-monitoring model: Silbernagel et al. 2007, Am J Sports Med"
    with pytest.raises(ValueError, match="limit must be a whole number from 0 to 5"):
        pain_rule_text(6)


def test_starting_load_from_the_test():
    from runmech.dosing.progression import starting_load

    load, one = starting_load(10, 6)  # Epley: 10 x (1 + 6/30) = 12 kg; 12 reps at 12 / 1.4 = 8.57 kg -> 8 kg
    assert one == pytest.approx(12.0) and load == 8.0
    load_lb, _ = starting_load(20, 10, unit="lb")  # 26.67 kg 1RM -> 19.05 kg for 12 reps -> 40 lb (18.14 kg)
    assert load_lb == pytest.approx(40 * 0.45359237)
    with pytest.raises(ValueError, match="target_reps must be a whole number from 1 to 30"):
        starting_load(10, 6, target_reps=0)
