"""The spring-damper chain: impact in at the foot, less at the head; the article's two failure modes."""

from __future__ import annotations

import numpy as np
import pytest

from runmech import Runner, simulate, sweep
from runmech.model.shock import chain_matrices, impact_response

RUNNER = Runner()


def test_impact_shrinks_on_the_way_up():
    s = simulate(RUNNER, 3.5)
    peaks = s.shock.max()
    assert peaks["tibia_accel_g"] > peaks["pelvis_accel_g"] > 0
    assert peaks["tibia_accel_g"] > 3 * peaks["head_accel_g"]
    assert 60 < s.summary["shock_attenuation_pct"] < 90
    assert s.summary["tibia_accel_peak_g"] == pytest.approx(peaks["tibia_accel_g"])
    assert s.summary["head_accel_peak_g"] == pytest.approx(peaks["head_accel_g"])
    # the head peaks later than the tibia: the impact travels up
    assert s.shock["head_accel_g"].idxmax() > s.shock["tibia_accel_g"].idxmax() + 0.02


def test_stiff_spine_passes_the_impact_on():
    base = sweep(RUNNER, [3.5]).iloc[0]
    stiff = sweep(RUNNER, [3.5], spine_stiffness_scale=4.0).iloc[0]
    soft = sweep(RUNNER, [3.5], spine_stiffness_scale=0.25).iloc[0]
    assert stiff["head_accel_peak_g"] > 1.15 * base["head_accel_peak_g"] > 1.15 * soft["head_accel_peak_g"]
    assert stiff["shock_attenuation_pct"] < base["shock_attenuation_pct"] < soft["shock_attenuation_pct"]
    assert stiff["tibia_accel_peak_g"] == pytest.approx(base["tibia_accel_peak_g"], rel=0.05)


def test_weak_trunk_damping_rings():
    weak = simulate(RUNNER, 3.5, trunk_damping_scale=0.25)
    base = simulate(RUNNER, 3.5)
    strong = simulate(RUNNER, 3.5, trunk_damping_scale=4.0)
    ring = [x.summary["spine_ringing_rms_g"] for x in (weak, base, strong)]
    assert ring[0] > 1.3 * ring[1] > 1.3 * ring[2]
    assert weak.summary["head_accel_peak_g"] > base.summary["head_accel_peak_g"]

    def late_swing(sim):  # oscillation of the spine after the impact: thorax minus pelvis, after 60 ms
        late = sim.shock.loc[0.06:]
        return float(np.ptp(late["thorax_accel_g"] - late["pelvis_accel_g"]))

    assert late_swing(weak) > late_swing(base)


def test_attenuation_rises_with_speed_as_mercer_reported():
    att = sweep(RUNNER, [2.5, 3.5, 4.5])["shock_attenuation_pct"].to_numpy()
    assert np.all(np.diff(att) > 0)


def test_linear_chain_scales_with_the_touchdown_velocity():
    t = np.linspace(0, 0.3, 301)
    one = impact_response(RUNNER, np.array([1.0]), np.array([0.025]), t)
    two = impact_response(RUNNER, np.array([2.0]), np.array([0.025]), t)
    np.testing.assert_allclose(two, 2 * one, rtol=1e-9, atol=1e-12)
    # the ground input is the half-sine deceleration that stops the foot: its area is the touchdown velocity
    area = np.trapezoid(one[0, :, 0], t) * 9.81
    assert area == pytest.approx(1.0, rel=0.01)


def test_chain_matches_a_direct_time_integration():
    """Closed-form modal solution against a small fixed-step integration of the same equations."""
    masses, springs, dampers = (np.asarray(x) for x in chain_matrices(RUNNER))
    v_td, t_imp = 1.0, 0.025
    dt = 2e-5
    steps = round(0.3 / dt)
    n = masses.size
    x = np.zeros(n)  # displacements relative to the ground contact point
    v = np.zeros(n)
    out = []
    for i in range(steps + 1):
        t = i * dt
        u = np.pi * v_td / (2 * t_imp) * np.sin(np.pi * t / t_imp) if t <= t_imp else 0.0
        below_x = np.concatenate([[0.0], x[:-1]])
        below_v = np.concatenate([[0.0], v[:-1]])
        f_spring = springs * (x - below_x) + dampers * (v - below_v)  # force in the link below each mass
        f_above = np.concatenate([f_spring[1:], [0.0]])
        a = (-f_spring + f_above) / masses - u
        if i % 500 == 0:
            out.append((a + u) / 9.81)
        v = v + a * dt  # semi-implicit Euler
        x = x + v * dt
    direct = np.array(out)
    closed = impact_response(RUNNER, np.array([v_td]), np.array([t_imp]), np.linspace(0, 0.3, 31))[0, :, 1:]
    np.testing.assert_allclose(closed, direct, atol=0.05 * np.abs(direct).max())
