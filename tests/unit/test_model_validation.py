"""Every public model function checks its arguments; messages name the parameter, the value and what is allowed."""

from __future__ import annotations

import math

import pytest

from runmech import Runner, simulate, sweep
from runmech.model.gait import timing
from runmech.model.hip import iliopsoas_force_bw
from runmech.model.ground import peak_vgrf_bw
from runmech.model.frontal import lateral_sway_cost

R = Runner()


@pytest.mark.parametrize(
    "kwargs, exc, words",
    [
        (dict(mass_kg=10), ValueError, ["mass_kg", "10", "20", "250"]),
        (dict(mass_kg=300.0), ValueError, ["mass_kg", "300", "250"]),
        (dict(mass_kg="70"), TypeError, ["mass_kg", "'70'"]),
        (dict(mass_kg=True), TypeError, ["mass_kg", "True"]),
        (dict(height_m=0.5), ValueError, ["height_m", "0.5", "1", "2.3"]),
        (dict(height_m=math.nan), ValueError, ["height_m", "nan"]),
        (dict(height_m=math.inf), ValueError, ["height_m", "inf"]),
        (dict(sex="x"), ValueError, ["sex", "'x'", "male", "female"]),
        (dict(sex=1), TypeError, ["sex", "1"]),
    ],
)
def test_runner_validation(kwargs, exc, words):
    with pytest.raises(exc) as info:
        Runner(**kwargs)
    for w in words:
        assert w in str(info.value)


@pytest.mark.parametrize(
    "speed, knobs, exc, words",
    [
        (12.0, {}, ValueError, ["speed_m_s", "12", "1.5", "7", "m/s"]),
        (1.2, {}, ValueError, ["speed_m_s", "1.2", "1.5", "7", "m/s"]),
        (7.5, {}, ValueError, ["speed_m_s", "7.5", "1.5", "7", "m/s"]),
        (0.1, {}, ValueError, ["speed_m_s", "0.1"]),
        ("fast", {}, TypeError, ["speed_m_s", "'fast'"]),
        (None, {}, TypeError, ["speed_m_s", "None"]),
        (3.0, dict(arm_swing=2.5), ValueError, ["arm_swing", "2.5", "0", "2"]),
        (3.0, dict(arm_swing=-0.1), ValueError, ["arm_swing", "-0.1"]),
        (3.0, dict(rotation_asymmetry_pct=60), ValueError, ["rotation_asymmetry_pct", "60", "-50", "50", "%"]),
        (3.0, dict(lateral_sway_cm=11), ValueError, ["lateral_sway_cm", "11", "0", "10", "cm"]),
        (3.0, dict(spine_stiffness_scale=0.1), ValueError, ["spine_stiffness_scale", "0.1", "0.25", "4"]),
        (3.0, dict(trunk_damping_scale=5), ValueError, ["trunk_damping_scale", "5", "0.25", "4"]),
        (3.0, dict(trunk_damping_scale=math.nan), ValueError, ["trunk_damping_scale", "nan"]),
        (3.0, dict(cadence_spm=100), ValueError, ["cadence_spm", "100", "140", "220"]),
        (3.0, dict(cadence_spm="180"), TypeError, ["cadence_spm", "'180'"]),
        (3.0, dict(armswing=1.0), TypeError, ["armswing", "arm_swing"]),
    ],
)
def test_simulate_and_sweep_validation(speed, knobs, exc, words):
    with pytest.raises(exc) as info:
        simulate(R, speed, **knobs)
    for w in words:
        assert w in str(info.value)
    if speed is not None and not isinstance(speed, str):
        with pytest.raises(exc) as info:
            sweep(R, [3.0, speed], **knobs)
        assert words[0] in str(info.value) or "speeds_m_s" in str(info.value)


def test_simulate_requires_a_runner_and_keyword_knobs():
    with pytest.raises(TypeError, match="runner must be a runmech.Runner"):
        simulate({"mass_kg": 70}, 3.0)
    with pytest.raises(TypeError):
        simulate(R, 3.0, 1.0)  # knobs are keyword-only


@pytest.mark.parametrize("speeds", ["3", 3.0, [], [3.0, "x"], [3.0, math.nan], [3.0, 11.0]])
def test_sweep_speeds_validation(speeds):
    with pytest.raises((TypeError, ValueError)) as info:
        sweep(R, speeds)
    assert "speeds_m_s" in str(info.value)


def test_helpers_validate_too():
    with pytest.raises(ValueError, match="speed_m_s"):
        timing(20.0)
    with pytest.raises(ValueError, match="cadence_spm"):
        timing(3.0, cadence_spm=300)
    with pytest.raises(ValueError, match="peak_flexor_moment_Nm_kg"):
        iliopsoas_force_bw(-1.0, R)
    with pytest.raises(TypeError, match="runner"):
        iliopsoas_force_bw(1.0, "runner")
    with pytest.raises(ValueError, match="contact_time_s"):
        peak_vgrf_bw(0.0, 0.1)
    with pytest.raises(ValueError, match="lateral_sway_cm"):
        lateral_sway_cost(R, 3.0, 12.0)


def test_valid_edges_are_accepted():
    for speed in (1.5, 7.0):
        simulate(Runner(mass_kg=20, height_m=1.0, sex="female"), speed, arm_swing=0, rotation_asymmetry_pct=-50,
                 lateral_sway_cm=10, spine_stiffness_scale=0.25, trunk_damping_scale=4, cadence_spm=140)
        simulate(Runner(mass_kg=250, height_m=2.3), speed, arm_swing=2, rotation_asymmetry_pct=50,
                 spine_stiffness_scale=4, trunk_damping_scale=0.25, cadence_spm=220)
    assert simulate(R, 3, cadence_spm=None).params.cadence_spm is None
