"""Region panels (torso, hips, lower leg): every main control changes its figure and its summary, and says so.

Each test builds a panel, moves a control the way a user would (setting the widget's value), and checks that the
trace data changed, the live summary changed, and the summary names the new value. Bad input must show a message and
leave the last good figures and text alone. No browser is needed: the widgets run in the test process.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

import runmech
from runmech.ui import base as mv
from runmech.ui import hips, lower_leg, style, tables, torso


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
    assert f"{sim.summary['thorax_rotation_rom_deg']:.1f}°" in p.parts.text(0)


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
    si = runmech.simulate(runmech.Runner(), speed_m_s=3.0, rotation_asymmetry_pct=20.0).summary
    assert f"thorax turn {si['thorax_rotation_si_pct']:.1f} %".replace("-", "−") in p.parts.text(1)
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
    assert f"{s['peak_hip_flexor_moment_Nm_kg']:.2f} N·m/kg" in p.parts.text(1)
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


def test_hip_reference_table_shape():
    ref = hips.hip_reference()
    assert list(ref.columns) == ["quantity", "speed_m_s", "mean", "sd", "n", "source"]
    if len(ref):
        assert set(ref["quantity"]) <= set(runmech.simulate(runmech.Runner()).summary.index)


def test_hip_symmetry():
    p = hips.hip_symmetry_panel(0.0)
    _move(p, "step_length_asymmetry_pct", 20.0, "20 % longer right step")
    si = runmech.simulate(runmech.Runner(), speed_m_s=3.0, step_length_asymmetry_pct=20.0).summary
    assert f"{si['hip_flexor_moment_si_pct']:.1f} %" in p.parts.text(0)
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
    assert f"{s['leg_stiffness_kN_m']:.1f} kN/m" in p.parts.text(1)
    assert f"{s['peak_vgrf_bw']:.2f} times body weight" in p.parts.text(0)
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
    assert f"{s['tibia_accel_peak_g']:.1f} g" in p.parts.text(0)


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
    c = tables.claims_table(region)
    e = tables.exercise_table(region)
    assert region in c.value or "runmech-table" in c.value
    assert "<script" not in c.value.lower() and "<script" not in e.value.lower()
    if "runmech-table" in c.value:
        assert "<th scope='col'>Verdict</th>" in c.value


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
