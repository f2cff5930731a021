"""The hip: smooth periodic angle curves, a two-segment leg whose inverse dynamics obey mechanics, a hip moment
without steps, the trends Schache et al. (2011) and Lieberman et al. (2015) found, and an iliopsoas estimate that
brackets Lenhart et al. (2014)."""

from __future__ import annotations

import numpy as np
import pytest

from runmech import Runner, simulate, sweep
from runmech._data import read_table
from runmech.constants import GRAVITY_M_S2
from runmech.model.gait import PHASE, stride_timing
from runmech.model.ground import ground_force
from runmech.model.hip import hip_kinematics, hip_moments, iliopsoas_force_bw, iliopsoas_share, leg_moment
from runmech.model.leg import fourier_curve, leg_segments, segment_kinematics

RUNNER = Runner()
SEG = leg_segments(RUNNER)


def test_hip_and_knee_curves_are_periodic_and_their_derivatives_are_exact():
    t = stride_timing([2.5, 4.5])
    k = hip_kinematics(t)
    for angle, d1, d2 in ((k.angle_right_rad, k.d1_right, k.d2_right), (k.knee_left_rad, k.knee_d1_left,
                                                                       k.knee_d2_left)):
        np.testing.assert_allclose(angle[:, 0], angle[:, -1], atol=1e-12)
        dx = PHASE[1] - PHASE[0]
        np.testing.assert_allclose(np.gradient(angle, dx, axis=1)[:, 2:-2], d1[:, 2:-2],
                                   atol=0.01 * np.abs(d1).max())
        np.testing.assert_allclose(np.gradient(d1, dx, axis=1)[:, 2:-2], d2[:, 2:-2], atol=0.02 * np.abs(d2).max())
    # peak extension after toe-off, peak flexion late in swing; the knee folds most in mid swing
    assert 0.3 < PHASE[k.angle_right_rad[0].argmin()] < 0.55 < 0.7 < PHASE[k.angle_right_rad[0].argmax()] < 0.9
    assert 0.55 < PHASE[k.knee_right_rad[0].argmax()] < 0.8


def test_fourier_curve_derivatives():
    x = np.linspace(0.0, 1.0, 2001)
    y, d1, d2 = fourier_curve([0.3, 1.0, -0.5, 0.2, 0.1], x)
    np.testing.assert_allclose(np.gradient(y, x)[5:-5], d1[5:-5], rtol=1e-3, atol=1e-3)
    np.testing.assert_allclose(np.gradient(d1, x)[5:-5], d2[5:-5], rtol=1e-3, atol=1e-2)


def test_a_static_straight_leg_needs_its_weight_times_its_lever():
    phi = np.radians(np.array([-20.0, 0.0, 25.0]))
    zero = np.zeros(3)
    m = leg_moment(SEG, (phi, zero, zero), (phi, zero, zero), np.ones(3), (zero, zero))
    r_com = (SEG.thigh_kg * SEG.thigh_com_m + SEG.shank_kg * (SEG.thigh_m + SEG.shank_com_m)) / (SEG.thigh_kg + SEG.shank_kg)
    expected = (SEG.thigh_kg + SEG.shank_kg) * GRAVITY_M_S2 * r_com * np.sin(phi)
    np.testing.assert_allclose(m, expected, rtol=1e-12, atol=1e-12)


def test_hip_power_equals_the_rate_of_change_of_the_leg_energy():
    """Knee locked, hip fixed: the hip moment's power is exactly what the leg's kinetic plus potential energy
    needs (an independent check of the inverse dynamics)."""
    x = np.linspace(0.0, 1.0, 4001)
    th, d1, d2 = fourier_curve([0.2, 0.5, -0.3, 0.1, 0.05], x)
    big_t = 0.8
    zero = np.zeros_like(x)
    m = leg_moment(SEG, (th, d1, d2), (th, d1, d2), big_t, (zero, zero))
    pts = segment_kinematics(SEG, (th, d1, d2), (th, d1, d2), big_t)
    omega = d1 / big_t
    energy = 0.5 * (SEG.thigh_inertia_kg_m2 + SEG.shank_inertia_kg_m2) * omega**2
    for name, mass in (("thigh_com", SEG.thigh_kg), ("shank_com", SEG.shank_kg)):
        _x, y, vx, vy, _ax, _ay = pts[name]
        energy = energy + 0.5 * mass * (vx**2 + vy**2) + mass * GRAVITY_M_S2 * y
    rate = np.gradient(energy, x * big_t)
    np.testing.assert_allclose((m * omega)[10:-10], rate[10:-10], atol=2e-3 * np.abs(rate).max())


def test_folding_the_knee_makes_the_leg_easier_to_swing():
    t = stride_timing([4.0])
    k = hip_kinematics(t)
    th = (k.angle_right_rad, k.d1_right, k.d2_right)
    folded = (th[0] - k.knee_right_rad, th[1] - k.knee_d1_right, th[2] - k.knee_d2_right)
    zero = np.zeros_like(th[0])
    straight = leg_moment(SEG, th, th, t.stride_time_s[:, None], (zero, zero))
    bent = leg_moment(SEG, th, folded, t.stride_time_s[:, None], (zero, zero))
    swing = (PHASE > 0.45) & (PHASE < 0.7)
    assert bent[0, swing].max() < straight[0, swing].max()


@pytest.mark.parametrize("speed", [2.0, 3.5, 4.5, 6.0])
def test_the_hip_moment_has_no_steps(speed):
    """No isolated step anywhere (the old template jumped -0.30 N m/kg in one sample while its neighbours moved
    0.004): every change is matched by a similar change beside it, both in the leg's own part and in the whole
    moment, except where the ground force itself rises fast, right after each foot strike (the impact transient)."""
    t = stride_timing([speed])
    g = ground_force(RUNNER, t)
    h = hip_moments(RUNNER, t, g, hip_kinematics(t))
    # within the impact transient (about 3 % of the stride after each foot strike) the force itself rises fast
    away = ~((PHASE[:-1] < 0.04) | ((PHASE[:-1] >= 0.5) & (PHASE[:-1] < 0.54)))
    for curve in (h.swing_right_Nm_kg[0], h.moment_right_Nm_kg[0]):
        jumps = np.abs(np.diff(curve))
        # no isolated step: each change is matched by a change of similar size next to it
        inner = jumps[1:-1][away[1:-1]]
        neighbours = np.maximum(jumps[:-2], jumps[2:])[away[1:-1]]
        assert np.all(inner <= 2.5 * neighbours + 0.02 * np.ptp(curve))
    total = h.moment_right_Nm_kg[0]
    assert total[0] == pytest.approx(total[-1], abs=1e-9)


def test_hip_moments_rise_with_speed_most_in_swing_schache_2011():
    """Schache et al. (2011): hip flexor and extensor moments rise with speed (3.5 -> 9 m/s); the terminal-swing
    extensor moment rises most. Here from 3.5 to 7 m/s."""
    t = sweep(RUNNER, [3.5, 5.0, 7.0])
    for key in ("peak_hip_flexor_moment_Nm_kg", "peak_hip_extensor_moment_Nm_kg",
                "peak_hip_extensor_moment_stance_Nm_kg"):
        assert t[key].is_monotonic_increasing
    swing_rise = t["peak_hip_extensor_moment_Nm_kg"].iloc[-1] / t["peak_hip_extensor_moment_Nm_kg"].iloc[0]
    stance_rise = t["peak_hip_extensor_moment_stance_Nm_kg"].iloc[-1] / t["peak_hip_extensor_moment_stance_Nm_kg"].iloc[0]
    assert swing_rise > stance_rise


def test_higher_cadence_raises_the_flexor_moment_lieberman_2015():
    """Lieberman et al. (2015): +5 strides/min (+10 steps/min) at 3 m/s -> peak hip flexor moment +5.8 %."""
    ref = read_table("reference_running.csv").set_index("quantity").loc["hip_flexor_moment_change_pct_per_10spm"]
    base = simulate(RUNNER, 3.0).summary
    more = simulate(RUNNER, 3.0, cadence_spm=float(base["cadence_spm"]) + 10.0).summary
    change = (more["peak_hip_flexor_moment_Nm_kg"] / base["peak_hip_flexor_moment_Nm_kg"] - 1.0) * 100.0
    assert change > 0
    assert abs(change - ref["value"]) <= ref["tolerance"]


def test_iliopsoas_estimate_brackets_lenhart_2014():
    """Lenhart et al. (2014), muscle-driven simulation at about 2.9 m/s: iliacus + psoas 32.5 N/kg in early swing.
    The static optimisation's estimate (every hip flexor equally activated) sits below it, the bound that gives
    iliopsoas the whole flexor moment above it."""
    ref = read_table("reference_running.csv").set_index("quantity").loc["iliopsoas_peak_force_bw"]
    s = sweep(RUNNER, [float(ref["speed_m_s"])]).iloc[0]
    moment = float(s["peak_hip_flexor_moment_Nm_kg"])
    estimate = iliopsoas_force_bw(moment, RUNNER)
    upper = iliopsoas_force_bw(moment, RUNNER, share=1.0)
    assert estimate == pytest.approx(float(s["iliopsoas_peak_force_bw"]))
    assert estimate < float(ref["value"]) < upper
    assert 0.2 < iliopsoas_share() < 0.6
    # the estimate grows with speed but stays far below the old model's 15 body weights (at 9 m/s) up to 7 m/s
    fast = sweep(RUNNER, [7.0]).iloc[0]
    assert 1.0 < fast["iliopsoas_peak_force_bw"] < 8.0


def test_left_leg_repeats_the_right_half_a_stride_later():
    c = simulate(RUNNER, 3.5).cycle
    np.testing.assert_allclose(np.roll(c["hip_moment_right_Nm_kg"].to_numpy()[:-1], 50),
                               c["hip_moment_left_Nm_kg"].to_numpy()[:-1], atol=1e-9)
