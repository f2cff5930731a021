"""Region panels (torso, hips, lower leg): every main control changes its figure and its summary, and says so.

Each test builds a panel, moves a control the way a user would (setting the widget's value), and checks that the
trace data changed, the live summary changed, and the summary names the new value. Numbers in a summary are read
back out of the sentence and compared with :func:`runmech.simulate` run here, to the precision the sentence shows
(never by formatting the expected text with the panel's own format string). Bad input must show a message and leave
the last good figures and text alone. No browser is needed: the widgets run in the test process.
"""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pytest

import runmech
from runmech.ui import base as mv
from runmech.ui import hips, lower_leg, style, tables, torso


_NUMBER = r"(−?-?\d+(?:\.\d+)?)"


def _read(text: str, pattern: str) -> tuple[float, float]:
    """The number at ``{}`` in ``pattern`` (a regular expression) found in ``text``, and half its last shown digit."""
    m = re.search(pattern.replace("{}", _NUMBER), text)
    assert m, f"{pattern!r} not found in {text!r}"
    shown = m.group(1).replace("−", "-")
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    return float(shown), 0.5 * 10.0 ** -decimals + 1e-9


def _says(text: str, pattern: str, expected: float) -> None:
    """The sentence shows ``expected`` (computed independently) where ``pattern`` puts it, to the digits it shows."""
    value, tol = _read(text, pattern)
    assert abs(value - expected) <= tol, f"{pattern!r}: the text says {value}, the model gives {expected:.4f}"


def _snapshot(panel) -> tuple[str, list[str]]:
    """All trace data of the panel's figures (as JSON) and its summaries' plain text."""
    figs = []
    for fig in panel.parts.figures:
        figs.append([{k: np.asarray(getattr(t, k)).tolist() if getattr(t, k) is not None else None
                      for k in ("x", "y")} for t in fig.data])
    texts = [panel.parts.text(i) for i in range(len(panel.parts.texts))]
    return json.dumps(figs, default=str), texts


def _move(panel, name: str, value, expect: str | list[str]) -> None:
    before = _snapshot(panel)
    panel.parts.controls[name].value = value
    after = _snapshot(panel)
    assert panel.parts.message.value == "", f"{name}={value!r} showed a message: {panel.parts.message.value}"
    assert after[0] != before[0], f"changing {name} did not change any figure"
    assert after[1] != before[1], f"changing {name} did not change the summaries"
    for e in [expect] if isinstance(expect, str) else expect:
        assert any(e in t for t in after[1]), f"after {name}={value!r} no summary mentions {e!r}: {after[1]}"


@pytest.fixture(autouse=True)
def _fresh_cache():
    mv._run_cached.cache_clear()
    mv._sweep_cached.cache_clear()
    yield


# --------------------------------------------------------------------------------------------------------------
# torso
# --------------------------------------------------------------------------------------------------------------

def test_rotation_basics_speed_and_arm_swing():
    p = torso.rotation_basics_panel(3.0, 1.0)
    assert len(p.parts.figures) == 2 and len(p.parts.texts) == 2
    assert "runmech-panel" in p._dom_classes
    assert "5:33 min/km" in p.parts.text(0)
    _move(p, "speed_m_s", 4.5, ["4.5 m/s", "3:42 min/km"])
    assert "3:42 min/km" in p.parts.controls.pace.value  # the pace beside the slider follows it
    thorax_fast = np.asarray(p.parts.figures[0].data[1].y)
    _move(p, "arm_swing", 0.0, "arms held still")
    thorax_no_arms = np.asarray(p.parts.figures[0].data[1].y)
    # with the arms still the thorax has to turn further to balance the legs (Arellano & Kram 2014)
    assert np.ptp(thorax_no_arms) > np.ptp(thorax_fast)
    # the summary's numbers are the model's numbers
    sim = runmech.simulate(runmech.Runner(), speed_m_s=4.5, arm_swing=0.0)
    _says(p.parts.text(0), r"shoulders \(thorax\) turn through {}°", sim.summary["thorax_rotation_rom_deg"])
    _says(p.parts.text(0), r"pelvis through {}°", sim.summary["pelvis_rotation_rom_deg"])
    # the thorax line drawn is the model's thorax angle for these knobs
    np.testing.assert_allclose(p.parts.figures[0].data[1].y, sim.cycle["thorax_angle_deg"])


def test_rotation_animation_frame_and_knobs():
    p = torso.rotation_animation_panel(3.0)
    play, frame, cap = p.parts.extra["play"], p.parts.extra["frame"], p.parts.extra["caption"]
    assert play.max == 100 and play.repeat
    fig = p.parts.figures[0]
    shoulders0 = list(fig.data[1].x)
    frame.value = 40
    assert list(fig.data[1].x) != shoulders0, "the frame slider did not move the shoulders"
    assert "40 %" in cap.value
    text0 = p.parts.text(0)
    _move(p, "speed_m_s", 5.0, "5.0 m/s")
    assert p.parts.text(0) != text0
    _move(p, "arm_swing", 1.8, "arm swing 1.80 times normal")


def test_shock_panel_both_failure_modes():
    p = torso.shock_panel()
    assert "absorbed" in p.parts.text(0)
    impact = np.asarray(p.parts.figures[0].data[-2].x) <= 60.0  # the impact phase (later the active peak carries all)
    head_normal = float(np.max(np.asarray(p.parts.figures[0].data[-2].y)[impact]))
    _move(p, "spine_stiffness_scale", 3.0, ["3.00 times normal", "More of the impact reaches the head"])
    head_stiff = float(np.max(np.asarray(p.parts.figures[0].data[-2].y)[impact]))
    assert head_stiff > head_normal
    p.parts.controls["spine_stiffness_scale"].value = 1.0
    _move(p, "trunk_damping_scale", 0.3, ["0.30 times normal", "bounces back more than normal"])
    # the dashed reference stays at normal settings
    ref = runmech.simulate(runmech.Runner(), speed_m_s=3.0).shock["head_accel_g"].to_numpy()
    np.testing.assert_allclose(p.parts.figures[0].data[-1].y, ref)
    _move(p, "speed_m_s", 4.0, "4.0 m/s")


def test_symmetry_panel_reports_the_symmetry_index():
    p = torso.symmetry_panel(0.0)
    assert "symmetric rotation" in p.parts.text(0)
    _move(p, "rotation_asymmetry_pct", 20.0, "spine 20 % stiffer against turning to the left")
    sim = runmech.simulate(runmech.Runner(), speed_m_s=3.0, rotation_asymmetry_pct=20.0)
    si = sim.summary
    _says(p.parts.text(1), r"thorax turn {} %", si["thorax_rotation_si_pct"])
    _says(p.parts.text(1), r"pelvis turn {} %", si["pelvis_rotation_si_pct"])
    # each turn measured from the stride's mean heading, as the symmetry index is
    th = sim.cycle["thorax_angle_deg"].to_numpy()
    mean = th[:-1].mean()  # the cycle's last sample repeats its first
    _says(p.parts.text(0), r"{}° to the right", mean - th.min())
    _says(p.parts.text(0), r"{}° to the left of", th.max() - mean)
    right, left = p.parts.figures[1].data[0].y, p.parts.figures[1].data[1].y
    assert np.sign(right[0] - left[0]) == np.sign(si["thorax_rotation_si_pct"]), "bars follow the symmetry index"
    _move(p, "rotation_asymmetry_pct", -30.0, "spine 30 % stiffer against turning to the right")
    _move(p, "arm_swing_asymmetry_pct", 30.0, "left arm's drive 30 % weaker")


def test_sway_panel_cost_rises():
    p = torso.sway_panel(0.0)
    work0 = p.parts.figures[1].data[2].y[0]
    _move(p, "lateral_sway_cm", 6.0, "6.0 cm of extra sway")
    assert p.parts.figures[1].data[2].y[0] > work0
    assert p.parts.figures[1].data[2].x[0] == 6.0
    assert "not been tested" in p.parts.text(1)


def test_torso_lab_every_knob():
    p = torso.torso_lab_panel(3.0)
    assert len(p.parts.figures) == 4
    _move(p, "speed_m_s", 5.5, "5.5 m/s")
    _move(p, "arm_swing", 0.5, "arm swing 0.50 times normal")
    _move(p, "spine_stiffness_scale", 2.0, "2.00 times normal")
    _move(p, "trunk_damping_scale", 0.5, "0.50 times normal")
    before = _snapshot(p)
    p.parts.controls["rotation_asymmetry_pct"].value = 25.0
    p.parts.controls["lateral_sway_cm"].value = 4.0
    assert _snapshot(p)[0] != before[0]
    p.parts.controls["cadence_auto"].value = False
    assert not p.parts.controls["cadence_spm"].disabled
    p.parts.controls["cadence_spm"].value = 185.0
    assert p.parts.controls.knobs()["cadence_spm"] == 185.0
    _move(p, "sex", "female", "5.5 m/s")


def test_bad_runner_shows_a_message_and_keeps_the_last_good_state():
    p = torso.torso_lab_panel(3.0)
    good = _snapshot(p)
    p.parts.controls["mass_kg"].value = 500.0
    assert "mass_kg" in p.parts.message.value and "500" in p.parts.message.value
    assert "Traceback" not in p.parts.message.value
    assert _snapshot(p) == good
    p.parts.controls["mass_kg"].value = 80.0
    assert p.parts.message.value == ""
    assert _snapshot(p)[0] != good[0]  # a heavier runner changes the angular momentum


@pytest.mark.parametrize("build, control, value", [
    (lambda: torso.rotation_basics_panel(), "speed_m_s", 6.2),
    (lambda: torso.shock_panel(), "trunk_damping_scale", 2.5),
    (lambda: torso.rotation_animation_panel(), "arm_swing", 1.35),
    (lambda: hips.hip_stride_panel(), "speed_m_s", 6.2),
    (lambda: hips.hip_speed_panel(), "speed_m_s", 6.2),
    (lambda: hips.hip_symmetry_panel(), "rotation_asymmetry_pct", 33.0),
    (lambda: lower_leg.ground_force_panel(), "speed_m_s", 6.2),
    (lambda: lower_leg.impact_panel(), "speed_m_s", 6.2),
    (lambda: lower_leg.leg_side_view_panel(), "speed_m_s", 6.2),
])
def test_model_errors_show_a_message_and_keep_the_last_good_state(monkeypatch, build, control, value):
    p = build()
    good = _snapshot(p)

    def refuse(*args, **kwargs):
        raise ValueError("speed_m_s must be a finite number from 0.5 to 10 [m/s]; got something odd")

    monkeypatch.setattr(runmech.model, "simulate", refuse)
    p.parts.controls[control].value = value
    assert "must be a finite number" in p.parts.message.value
    assert _snapshot(p) == good, "a failed update changed the figures or the text"

    def crash(*args, **kwargs):
        raise RuntimeError("internal")

    monkeypatch.setattr(runmech.model, "simulate", crash)
    p.parts.controls[control].value = value + 0.1
    assert "Something went wrong" in p.parts.message.value and "Traceback" not in p.parts.message.value
    assert _snapshot(p) == good


# --------------------------------------------------------------------------------------------------------------
# hips
# --------------------------------------------------------------------------------------------------------------

def test_hip_stride_speed_and_cadence():
    p = hips.hip_stride_panel(3.0)
    assert "(automatic)" in p.parts.text(0)
    _move(p, "speed_m_s", 5.0, "5.0 m/s")
    p.parts.controls["cadence_auto"].value = False
    _move(p, "cadence_spm", 190.0, "190 steps per minute (your choice)")
    s = runmech.simulate(runmech.Runner(), speed_m_s=5.0, cadence_spm=190.0).summary
    _says(p.parts.text(1), r"forward \(flexor moment.*?up to {} N·m/kg", s["peak_hip_flexor_moment_Nm_kg"])
    _says(p.parts.text(0), r"a range of {}°", s["hip_flexion_rom_deg"])
    # right and left are both drawn, half a stride apart
    r, left = np.asarray(p.parts.figures[0].data[0].y), np.asarray(p.parts.figures[0].data[1].y)
    assert abs(np.ptp(r) - np.ptp(left)) < 1.0 and not np.allclose(r, left)


def test_hip_speed_curve_and_marker():
    p = hips.hip_speed_panel(3.0)
    fig = p.parts.figures[0]
    curve = list(fig.data[0].y)
    flexor = np.asarray(curve)
    assert flexor[-1] > flexor[0], "the model's hip flexor moment should rise with speed"
    _move(p, "speed_m_s", 6.0, "6.0 m/s")
    assert list(fig.data[0].y) == curve, "moving the marker must not recompute the curves"
    assert list(fig.data[3].x) == [6.0, 6.0]


def test_hip_reference_holds_the_measured_runners():
    import pandas as pd

    from runmech import _data

    ref = hips.hip_reference()
    assert list(ref.columns) == ["quantity", "speed_m_s", "mean", "sd", "n", "source"]
    raw = pd.read_csv(_data.data_dir() / "reference_running.csv")  # the file itself, read here
    want = raw[(raw["quantity"] == "peak_hip_flexor_moment_Nm_kg") & raw["sd"].notna()]
    got = ref[ref["quantity"] == "peak_hip_flexor_moment_Nm_kg"]
    assert len(want) == 3 and list(got["speed_m_s"]) == list(want["speed_m_s"])
    np.testing.assert_allclose(got["mean"], want["value"])
    np.testing.assert_allclose(got["sd"], want["sd"])
    assert set(ref["source"]) <= set(_data.sources()["key"]), "every reference row names a source in sources.csv"
    assert set(ref["quantity"]) <= set(runmech.simulate(runmech.Runner()).summary.index)


def test_hip_symmetry():
    p = hips.hip_symmetry_panel(0.0)
    _move(p, "step_length_asymmetry_pct", 20.0, "20 % longer right step")
    si = runmech.simulate(runmech.Runner(), speed_m_s=3.0, step_length_asymmetry_pct=20.0).summary
    _says(p.parts.text(0), r"symmetry index of {} %", si["hip_flexor_moment_si_pct"])
    # a one-sided spine leaves the model's hips as they were (the legs and the ground set the hip moments): the
    # sentences name both causes and read the numbers of both together
    p.parts.controls["rotation_asymmetry_pct"].value = 30.0
    both = runmech.simulate(runmech.Runner(), speed_m_s=3.0, step_length_asymmetry_pct=20.0,
                            rotation_asymmetry_pct=30.0).summary
    assert "spine 30 % stiffer against turning to the left and a 20 % longer right step" in p.parts.text(0)
    _says(p.parts.text(0), r"symmetry index of {} %", both["hip_flexor_moment_si_pct"])
    _says(p.parts.text(1), r"thorax rotation symmetry index is {} %", both["thorax_rotation_si_pct"])
    _move(p, "speed_m_s", 4.0, "N·m/kg")


# --------------------------------------------------------------------------------------------------------------
# lower leg
# --------------------------------------------------------------------------------------------------------------

def test_ground_force_speed_and_cadence():
    p = lower_leg.ground_force_panel(3.0)
    _move(p, "speed_m_s", 4.0, "4.0 m/s")
    p.parts.controls["cadence_auto"].value = False
    _move(p, "cadence_spm", 190.0, "190 steps per minute (your choice)")
    s = runmech.simulate(runmech.Runner(), speed_m_s=4.0, cadence_spm=190.0).summary
    _says(p.parts.text(1), r"Leg stiffness .*? is {} kN/m", s["leg_stiffness_kN_m"])
    _says(p.parts.text(0), r"up to {} times body weight", s["peak_vgrf_bw"])
    _says(p.parts.text(0), r"on the ground for {} ms", 1000 * s["contact_time_s"])
    p.parts.controls["cadence_auto"].value = True
    assert "(automatic)" in p.parts.text(0)


def test_leg_side_view_is_schematic_and_moves():
    p = lower_leg.leg_side_view_panel(3.0)
    assert "schematic" in p.parts.text(0)
    fig = p.parts.figures[0]
    right0 = list(fig.data[3].x)
    p.parts.extra["frame"].value = 30
    assert list(fig.data[3].x) != right0
    assert "30 %" in p.parts.extra["caption"].value
    _move(p, "speed_m_s", 5.0, "5.0 m/s")
    # the standing foot rests on the ground (within a couple of centimetres) in every stance frame
    cyc = runmech.simulate(runmech.Runner(), speed_m_s=5.0).cycle
    for i in range(0, 101, 5):
        p.parts.extra["frame"].value = i
        if bool(cyc["stance_right"].iloc[i]):
            assert abs(min(fig.data[3].y[2:])) < 0.02, i


def test_schematic_knee_ankle_shape():
    knee, ankle = lower_leg.schematic_knee_ankle(np.arange(101), stance_pct=35, speed_m_s=3.0)
    assert knee.max() > 60 and knee.min() > 5  # folds in swing, never straight to hyperextension
    assert ankle[35] < 0 < ankle[17]  # toes point down at toe-off, the shin tips over the foot in mid-stance


def test_impact_panel():
    p = lower_leg.impact_panel(3.0)
    _move(p, "speed_m_s", 5.0, ["5.0 m/s", "absorbed"])
    s = runmech.simulate(runmech.Runner(), speed_m_s=5.0).summary
    _says(p.parts.text(0), r"shin peaks at {} g", s["tibia_accel_peak_g"])
    _says(p.parts.text(0), r"head at {} g", s["head_accel_peak_g"])


# --------------------------------------------------------------------------------------------------------------
# shared rules: labels, colours, tables
# --------------------------------------------------------------------------------------------------------------

ALL_PANELS = [torso.rotation_basics_panel, torso.rotation_animation_panel, torso.shock_panel, torso.symmetry_panel,
              torso.sway_panel, torso.torso_lab_panel, hips.hip_stride_panel, hips.hip_speed_panel,
              hips.hip_symmetry_panel, lower_leg.ground_force_panel, lower_leg.leg_side_view_panel,
              lower_leg.impact_panel]
UNIT_WORDS = re.compile(r"\((metres|times normal|percent|centimetres|steps per minute|kilograms|damping|sets)")


def _colours(fig):
    out = []
    for t in fig.data:
        for part in ("line", "marker"):
            obj = getattr(t, part, None)
            c = getattr(obj, "color", None) if obj is not None else None
            if c is not None:
                out += list(c) if isinstance(c, (list, tuple)) else [c]
        if getattr(t, "fillcolor", None):
            out.append(t.fillcolor)
    return out


@pytest.mark.parametrize("build", ALL_PANELS, ids=lambda f: f.__name__)
def test_labels_colours_and_summaries(build):
    p = build()
    allowed = {v.lower() for v in style.PALETTE.values()}
    allowed |= {mv.tint(v, a).lower() for v in style.PALETTE.values() if v.startswith("#") for a in (0.08, 0.12, 0.15)}
    for fig in p.parts.figures:
        for c in _colours(fig):
            assert str(c).lower() in allowed, f"{build.__name__}: colour {c!r} is not from style.PALETTE"
        assert fig.layout.title.text, "every figure has a title"
        assert fig.layout.yaxis.title.text, "every figure names its y axis"
    for name, wid in p.parts.controls.widgets.items():
        if name != "cadence_auto":
            assert UNIT_WORDS.search(wid.description) or name == "sex", f"{wid.description!r} has no unit in words"
            if "Slider" in type(wid).__name__:
                assert wid.continuous_update, f"{name} waits for the mouse to be released"
    assert p.parts.texts and all("runmech-summary" in t.value and "aria-live" in t.value for t in p.parts.texts)
    assert all(re.search(r"\d", p.parts.text(i)) for i in range(len(p.parts.texts))), "summaries carry numbers"
    assert "runmech-panel" in p._dom_classes
    assert "<runmech panel>" in repr(p)  # notebooks print the summaries as text


def test_one_model_run_per_slider_event(monkeypatch):
    p = torso.torso_lab_panel(3.0)
    calls = []
    real = runmech.simulate

    def counting(*a, **k):
        calls.append(k)
        return real(*a, **k)

    monkeypatch.setattr(runmech.model, "simulate", counting)
    p.parts.controls["arm_swing"].value = 0.65
    # one run for the new setting, plus at most one for the "normal settings" reference (cached afterwards)
    assert 1 <= len(calls) <= 2
    calls.clear()
    p.parts.controls["arm_swing"].value = 0.7
    assert len(calls) == 1


def test_controls_knobs_and_pace():
    c = mv.Controls(["speed_m_s", "cadence_spm", "arm_swing"], {"speed_m_s": 4.0, "cadence_spm": None})
    assert c.knobs() == {"cadence_spm": None, "arm_swing": 1.0}
    c["cadence_auto"].value = False
    c["cadence_spm"].value = 180
    assert c.knobs()["cadence_spm"] == 180.0
    c["speed_m_s"].value = 5.0
    assert "3:20 min/km" in c.pace.value and "5:22 min/mile" in c.pace.value
    assert mv.fmt(-0.0) == "0.0" and mv.fmt(-2.5) == "−2.5"


@pytest.mark.parametrize("region", tables.REGIONS)
def test_claims_and_exercise_tables(region):
    from runmech.dosing import exercises
    from runmech.model.evidence import claims

    c = tables.claims_table(region)
    e = tables.exercise_table(region)
    assert "<script" not in c.value.lower() and "<script" not in e.value.lower()
    assert "<th scope='col'>Verdict</th>" in c.value
    # every row of the region's claims and exercises is in the table (the tables' own filter, checked by content)
    rows = tables._region_rows(claims(), region)
    assert len(rows) and c.value.count("<tr>") == len(rows) + 1
    assert all(html.escape(str(claim)) in c.value for claim in rows["claim"])
    ex = tables._region_rows(exercises.catalogue(), region)
    assert len(ex) and all(html.escape(str(n)) in e.value for n in ex["name"])


def test_tables_reject_an_unknown_region():
    with pytest.raises(ValueError, match="region must be one of"):
        tables.claims_table("neck")
    with pytest.raises(ValueError, match="region must be one of"):
        tables.exercise_table("neck")


def test_claims_table_filters_by_region(monkeypatch):
    import pandas as pd

    fake = pd.DataFrame({"claim": ["spine is a spring", "hips make torque", "calf trouble"],
                         "model_quantity": ["shock_attenuation_pct", "peak_hip_flexor_moment_Nm_kg",
                                            "tibia_accel_peak_g"],
                         "verdict": ["partly supported", "not supported", "untested"],
                         "source": ["derrick1998", "hamner2010", ""]})
    monkeypatch.setattr(runmech.model.evidence, "claims", lambda: fake)
    assert "spine is a spring" in tables.claims_table("torso").value
    assert "hips make torque" not in tables.claims_table("torso").value
    assert "hips make torque" in tables.claims_table("hips").value
    assert "calf trouble" in tables.claims_table("lower extremity").value
    with_region = fake.assign(region=["torso", "hips; torso", "lower extremity"])
    monkeypatch.setattr(runmech.model.evidence, "claims", lambda: with_region)
    assert "hips make torque" in tables.claims_table("torso").value


def test_hip_speed_panel_draws_the_measured_points():
    ref = hips.hip_reference()
    p = hips.hip_speed_panel(3.0)
    fig = p.parts.figures[0]
    by_name = {t.name: t for t in fig.data}
    for quantity, name in (("peak_hip_flexor_moment_Nm_kg", "flexor moment, measured"),
                           ("peak_hip_extensor_moment_Nm_kg", "extensor moment, measured")):
        sub = ref[ref["quantity"] == quantity]
        trace = by_name[name]
        np.testing.assert_allclose(trace.x, sub["speed_m_s"])
        np.testing.assert_allclose(trace.y, sub["mean"])
        np.testing.assert_allclose(trace.error_y.array, sub["sd"])
    flexor = ref[ref["quantity"] == "peak_hip_flexor_moment_Nm_kg"]
    for r in flexor.itertuples():
        _says(p.parts.text(0), rf"{{}} at {r.speed_m_s:.1f} m/s", r.mean)


# --------------------------------------------------------------------------------------------------------------
# shared pieces: mirror views, words for the client, screens, legends
# --------------------------------------------------------------------------------------------------------------

def test_mirror_views_overlay_the_two_sides():
    sym = torso.symmetry_panel(0.0)
    right, left = sym.parts.figures[0].data[0], sym.parts.figures[0].data[1]
    assert list(right.x) == list(left.x) and right.x[0] == 0 and right.x[-1] == 50
    np.testing.assert_allclose(right.y, left.y, atol=1e-6)  # symmetric: one line on top of the other
    sym.parts.controls["rotation_asymmetry_pct"].value = 20.0
    th = runmech.simulate(runmech.Runner(), speed_m_s=3.0, rotation_asymmetry_pct=20.0).cycle["thorax_angle_deg"]
    right, left = sym.parts.figures[0].data[0], sym.parts.figures[0].data[1]
    # right step: the turn as it is; left step: the second half of the stride, mirrored
    np.testing.assert_allclose(right.y, th.loc[0:50].to_numpy())
    np.testing.assert_allclose(left.y, -th.loc[50:100].to_numpy())
    hip = hips.hip_symmetry_panel(0.0)
    r, lft = hip.parts.figures[0].data[0], hip.parts.figures[0].data[1]
    n = min(len(r.y), len(lft.y))
    np.testing.assert_allclose(r.y[:n], lft.y[:n], atol=1e-6)
    assert r.x[0] == lft.x[0] == 0 and r.x[-1] == 100 and lft.x[-1] >= 99  # each hip over its own whole stride


CLIENT_PANELS = [torso.rotation_basics_panel, torso.rotation_animation_panel, torso.shock_panel, torso.symmetry_panel,
                 torso.sway_panel, hips.hip_stride_panel, hips.hip_speed_panel, hips.hip_symmetry_panel,
                 lower_leg.ground_force_panel, lower_leg.leg_side_view_panel, lower_leg.impact_panel]
JARGON = ("N·m/kg", "kg·m²/s", "symmetry index", "kN/m", " SI ", "m/s")


@pytest.mark.parametrize("build", CLIENT_PANELS, ids=lambda f: f.__name__)
def test_words_for_the_client(build):
    p = build()
    therapist = [p.parts.text(i) for i in range(len(p.parts.texts))]
    p.parts.set_words("client")
    client = [p.parts.text(i) for i in range(len(p.parts.texts))]
    assert all(c != t for c, t in zip(client, therapist)), "the client's words are the therapist's"
    for c in client:
        assert re.search(r"\d", c), f"the client's sentence carries no number: {c!r}"
        assert not any(j in c for j in JARGON), f"jargon in the client's words: {c!r}"
    # a control moved while in client words keeps writing for the client, with the model's numbers
    name = next(n for n in p.parts.controls.widgets if n not in ("cadence_auto", "sex", "mass_kg", "height_m"))
    wid = p.parts.controls[name]
    wid.value = min(wid.max, wid.value + 5 * wid.step)
    moved = [p.parts.text(i) for i in range(len(p.parts.texts))]
    assert moved != client and not any(j in t for t in moved for j in JARGON)
    p.parts.set_words("therapist")
    assert [p.parts.text(i) for i in range(len(p.parts.texts))] != moved
    with pytest.raises(ValueError, match="words must be one of"):
        p.parts.set_words("patient")


def test_client_words_carry_the_model_numbers():
    p = torso.shock_panel(spine_stiffness_scale=2.0)
    p.parts.set_words("client")
    s = runmech.simulate(runmech.Runner(), speed_m_s=3.0, spine_stiffness_scale=2.0).summary
    _says(p.parts.text(0), r"soaks up {} %", s["shock_attenuation_pct"])
    _says(p.parts.text(0), r"jolts the shin with {} times", s["tibia_accel_peak_g"])
    assert "spine stiffness twice normal" in p.parts.text(0)
    g = lower_leg.ground_force_panel(3.0)
    g.parts.set_words("client")
    s3 = runmech.simulate(runmech.Runner(), speed_m_s=3.0).summary
    _says(g.parts.text(0), r"on the ground for {} seconds", s3["contact_time_s"])
    assert "5:33 per kilometre" in g.parts.text(0)


@pytest.mark.parametrize("build, titles", [(torso.torso_screens, ["Twisting", "Shock", "Symmetry", "Sway"]),
                                           (hips.hips_screens, ["One stride", "Speed", "Symmetry"]),
                                           (lower_leg.lower_leg_screens, ["Ground force", "Impact", "Side view"])],
                         ids=["torso", "hips", "lower_leg"])
def test_dashboard_screens(build, titles):
    d = build()
    items = d.parts.extra["screens"]
    assert [t for t, _ in items] == titles
    stack, steps, who = d.parts.extra["stack"], d.parts.extra["steps"], d.parts.extra["words"]
    assert stack.selected_index == 0 and len(stack.children) == len(titles)
    assert list(steps.options) == [f"{i + 1} · {t}" for i, t in enumerate(titles)]
    assert "runmech-screens" in d._dom_classes
    before = [p.parts.text(0) for _, p in items]
    who.value = "client"
    assert all(p.parts.words == "client" for _, p in items)
    assert [p.parts.text(0) for _, p in items] != before
    who.value = "therapist"
    assert [p.parts.text(0) for _, p in items] == before
    # every screen is a whole panel: one idea, few controls, its own plots and sentences, one plot in sight
    for _, p in items:
        assert 1 <= len(p.parts.controls.names) <= 3 and p.parts.figures and p.parts.texts
        if len(p.parts.figures) > 1 and "view" in p.parts.extra:
            assert p.parts.extra["stack"].selected_index == 0 and len(p.parts.extra["view"].options) == len(
                p.parts.figures)
    # the dashboard's text form (what the notebook stores) carries every screen's sentences
    assert all(t in d.summary_text() for t in before)


def test_wide_sliders_and_labels_from_the_knob_table():
    p = torso.torso_lab_panel()
    for name, wid in p.parts.controls.widgets.items():
        if name in mv.KNOBS and "Slider" in type(wid).__name__:
            k = mv.KNOBS[name]
            assert wid.description == k.label and (wid.min, wid.max) == k.slider_range and wid.step == k.step
            assert wid.layout.max_width == "820px", "region sliders are the wide kind"


def test_legend_is_generated_from_the_knob_table():
    text = repr(mv.legend(["speed_m_s", "cadence_spm", "play"]))
    lines = text.splitlines()
    assert lines[0].startswith("| control |") and len(lines) == 2 + 3 + 1  # header, 3 knobs/ticks, play
    k = mv.KNOBS["speed_m_s"]
    assert f"| {k.label} |" in text and k.legend in text
    assert "automatic cadence" in text, "a cadence slider brings its 'automatic' tick box into the legend"
    folded = mv.legend(["arm_swing"], folded=True)._repr_markdown_()
    assert folded.startswith("<details>") and mv.KNOBS["arm_swing"].legend in folded
    with pytest.raises(ValueError, match="got 'speed'"):
        mv.legend(["speed"])
    with pytest.raises(TypeError):
        mv.legend("speed_m_s")


def _notebook_panels_and_legend(path):
    """(panel calls, legend names) of a notebook: every ``*_panel(...)``/``*_screens()`` call and the legend list."""
    import ast

    import importlib

    nb = json.loads(path.read_text())
    calls, names, modules = [], None, {}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if isinstance(node, ast.ImportFrom):
                modules.update({a.asname or a.name: node.module for a in node.names})
            if isinstance(node, ast.Call):
                fn = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if fn.endswith(("_panel", "_screens")) and fn != "pace_panel":
                    calls.append(getattr(importlib.import_module(modules.get(fn, "runmech.ui")), fn))
                if fn == "legend":
                    names = ast.literal_eval(node.args[0])
    return calls, names


@pytest.mark.parametrize("notebook", ["01_torso", "02_hips", "03_lower_extremity", "clinic/torso", "clinic/hips",
                                      "clinic/lower_leg"])
def test_every_notebook_legend_covers_its_controls(notebook):
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "notebooks" / f"{notebook}.ipynb"
    calls, names = _notebook_panels_and_legend(path)
    assert calls, f"{notebook} builds no panel"
    assert names is not None, f"{notebook} has no legend generated by runmech.ui.legend"
    shown = []
    for fn in calls:
        built = fn()
        if not hasattr(built, "parts"):  # a panel without controls (the validation panels)
            continue
        panels = [p for _, p in built.parts.extra["screens"]] if "screens" in built.parts.extra else [built]
        if "screens" in built.parts.extra:
            shown.append("words")
        for p in panels:
            shown += p.parts.controls.shown()
            shown += [k for k in ("play", "frame", "view") if k in p.parts.extra]
    from runmech.ui.controls import control_names

    legend_names = control_names(names)
    missing = [n for n in dict.fromkeys(shown) if n not in legend_names]
    assert not missing, f"{notebook}: controls shown but not in its legend: {missing}"
    unused = [n for n in legend_names if n not in shown]
    assert not unused, f"{notebook}: legend rows for controls it does not show: {unused}"


def test_a_screen_redraws_only_the_plot_in_sight():
    d = torso.torso_screens()
    basics = d.parts.extra["screens"][0][1]
    turning, spin = basics.parts.figures
    spin_before = np.asarray(spin.data[0].y).copy()
    text_before = basics.parts.text(1)
    basics.parts.controls["speed_m_s"].value = 5.0
    sim = runmech.simulate(runmech.Runner(), speed_m_s=5.0)
    np.testing.assert_allclose(turning.data[1].y, sim.cycle["thorax_angle_deg"])  # in sight: redrawn
    np.testing.assert_allclose(spin.data[0].y, spin_before)  # out of sight: left alone for now
    assert basics.parts.text(1) != text_before and "5.0 m/s" not in text_before  # its sentence is kept current
    basics.parts.extra["view"].index = 1  # show it: it catches up first
    assert basics.parts.extra["stack"].selected_index == 1
    np.testing.assert_allclose(spin.data[0].y, sim.cycle["ang_mom_legs_kg_m2_s"])
    basics.parts.controls["speed_m_s"].value = 4.0  # now the other one waits
    np.testing.assert_allclose(turning.data[1].y, sim.cycle["thorax_angle_deg"])
    basics.parts.extra["view"].index = 0
    np.testing.assert_allclose(turning.data[1].y,
                               runmech.simulate(runmech.Runner(), speed_m_s=4.0).cycle["thorax_angle_deg"])


def test_hip_reference_points_are_drawn_from_data():
    """The measured points come from data/reference_running.csv (Fukuchi et al. 2017 figures) and name their source."""
    ref = hips.hip_reference()
    flexor = ref[ref["quantity"] == "peak_hip_flexor_moment_Nm_kg"]
    assert len(flexor) >= 3 and set(flexor["source"]) == {"fukuchi2017"}
    assert (ref["quantity"] == "peak_hip_extensor_moment_Nm_kg").sum() >= 3
    p = hips.hip_speed_panel(3.0)
    names = [t.name for t in p.parts.figures[0].data]
    assert "flexor moment, measured" in names and "extensor moment, measured" in names
    measured = next(t for t in p.parts.figures[0].data if t.name == "flexor moment, measured")
    assert list(measured.x) == sorted(flexor["speed_m_s"])
    assert "1.11 at 3.5 m/s" in p.parts.text(0) and "Fukuchi 2017" in p.parts.text(0)
