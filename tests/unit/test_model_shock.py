"""The shock chain: driven by the ground force under gravity, it must balance momentum, match a direct integration,
keep the head below the shin (and the pelvis at default settings), and answer stride length and cadence the way
Derrick et al. (1998) and Mercer et al. (2005) found; plus the article's two failure modes (spine stiffness, trunk
damping). Published directions are cited beside each test; numbers come from data/ or from the physics itself."""

from __future__ import annotations

import numpy as np
import pytest

from runmech import Runner, simulate, sweep
from runmech.constants import GRAVITY_M_S2
from runmech.model.gait import stride_timing
from runmech.model.ground import ground_force
from runmech.model.shock import (IMPACT_PART_OF_CONTACT, IMPACT_WINDOW_S, SHOCK_TIME_S, _chain_response, _modes, chain_matrices,
                                 leg_impact_stiffness, shock_response)

RUNNER = Runner()


def test_impact_shrinks_on_the_way_up():
    s = simulate(RUNNER, 3.5)
    window = min(IMPACT_WINDOW_S, IMPACT_PART_OF_CONTACT * s.summary["contact_time_s"])
    peaks = s.shock.loc[:window].max()
    assert peaks["tibia_accel_g"] > peaks["pelvis_accel_g"] > peaks["head_accel_g"] > 0
    assert peaks["tibia_accel_g"] > 3 * peaks["head_accel_g"]
    assert 60 < s.summary["shock_attenuation_pct"] < 95
    assert s.summary["tibia_accel_peak_g"] == pytest.approx(peaks["tibia_accel_g"])
    assert s.summary["head_accel_peak_g"] == pytest.approx(peaks["head_accel_g"])
    # the head peaks later than the tibia: the impact travels up
    imp = s.shock.loc[:window]
    assert imp["head_accel_g"].idxmax() > imp["tibia_accel_g"].idxmax() + 0.005


@pytest.mark.parametrize("speed", [2.0, 3.0, 4.0, 5.0, 6.0])
def test_head_below_tibia_and_pelvis_at_default_settings(speed):
    s = sweep(RUNNER, [speed]).iloc[0]
    assert s["head_accel_peak_g"] < s["pelvis_accel_peak_g"] < s["tibia_accel_peak_g"]


def test_momentum_balance_the_chain_carries_exactly_the_ground_force():
    """Sum of mass x accelerometer reading equals the ground force at every instant (gravity included)."""
    r = Runner(mass_kg=68.0, height_m=1.70, sex="female")
    t = stride_timing([2.8, 4.6], runner=r)
    g = ground_force(r, t)
    sh = shock_response(r, t, g)
    masses = np.asarray(chain_matrices(r)[0])
    carried = np.einsum("j,njk->nk", masses, sh.accel_g) / r.mass_kg
    np.testing.assert_allclose(carried, sh.ground_g, atol=1e-9)
    # in free fall before touchdown nothing is felt; at mid-stance the pelvis reads about the ground force (the
    # masses move together under gravity), the trunk a little more as it bounces on the spine
    assert np.abs(sh.accel_g[:, :, 0]).max() < 1e-9
    mid = np.argmin(np.abs(SHOCK_TIME_S - t.contact_time_s[0] / 2))
    assert sh.accel_g[0, 1, mid] == pytest.approx(sh.ground_g[0, mid], abs=0.4)
    assert sh.accel_g[0, 3, mid] == pytest.approx(sh.ground_g[0, mid], abs=0.8)


def test_chain_matches_a_direct_time_integration():
    """Closed-form modal solution against a small fixed-step integration of the same equations."""
    masses, springs, dampers = chain_matrices(RUNNER)
    m = np.asarray(masses)
    k, c = springs[0], dampers[0]
    pulses = ((np.array([1500.0]), np.array([0.25])), (np.array([600.0]), np.array([0.03])))
    dt = 1e-5
    x = np.zeros(4)
    v = np.zeros(4)
    out = []
    for i in range(round(0.3 / dt) + 1):
        t = i * dt
        f = sum(float(a[0]) * np.sin(np.pi * t / float(d[0])) if t <= float(d[0]) else 0.0 for a, d in pulses)
        link = k * (x[1:] - x[:-1]) + c * (v[1:] - v[:-1])  # tension of the link above each of the lower masses
        force = np.zeros(4)
        force[:-1] += link
        force[1:] -= link
        force[0] += f
        a = force / m
        if i % 1000 == 0:
            out.append(a.copy())
        v = v + a * dt  # semi-implicit Euler
        x = x + v * dt
    direct = np.array(out)
    closed = _chain_response(_modes(masses, springs, dampers), pulses, np.linspace(0, 0.3, 31)).sum(axis=0)[0].T
    np.testing.assert_allclose(closed, direct, atol=0.02 * np.abs(direct).max())


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
    assert ring[0] > 1.15 * ring[1] > 1.4 * ring[2]
    # a damper in series passes a sharp impact on: with weak damping the head's impact peak is not higher, the
    # trunk just keeps oscillating afterwards (vibration isolation, not the article's "absorbs less")
    assert weak.summary["head_accel_peak_g"] < strong.summary["head_accel_peak_g"]


def test_bent_knee_and_inclined_leg_make_a_softer_leg():
    k = leg_impact_stiffness(RUNNER, np.radians([10.0, 15.0, 20.0, 15.0]), np.radians([15.0, 15.0, 15.0, 25.0]))
    assert k[0] > k[1] > k[2] and k[1] > k[3]


def test_attenuation_rises_with_stride_length_at_one_speed_derrick_1998():
    """Derrick, Hamill & Caldwell (1998): at one speed, longer strides (lower cadence) -> more shock attenuation."""
    v = 3.83
    c0 = float(sweep(RUNNER, [v])["cadence_spm"].iloc[0])
    att = [float(sweep(RUNNER, [v], cadence_spm=c0 * f)["shock_attenuation_pct"].iloc[0]) for f in (0.9, 1.0, 1.1)]
    assert att[0] > att[1] > att[2]


def test_attenuation_with_speed_at_fixed_and_preferred_stride_length_mercer_2005():
    """Mercer et al. (2005): attenuation rose with speed at the preferred stride length (+5.1 %/(m/s)) and barely
    at a stride length held at 2.5 m (+1.4 %/(m/s)): the rise comes mostly from the longer stride."""
    speeds = np.array([3.0, 3.5, 4.0])
    preferred = sweep(RUNNER, speeds)["shock_attenuation_pct"].to_numpy()
    fixed = np.array([simulate(RUNNER, v, cadence_spm=120.0 * v / 2.5).summary["shock_attenuation_pct"]
                      for v in speeds])
    slope_pref = np.polyfit(speeds, preferred, 1)[0]
    slope_fixed = np.polyfit(speeds, fixed, 1)[0]
    assert slope_pref > 0
    assert abs(slope_fixed) < slope_pref


def test_tibia_peak_follows_the_foot_speed_at_touchdown():
    """The lower leg is stopped by the impact transient: its reading scales with the foot's touchdown speed."""
    t = stride_timing([2.5, 3.5, 4.5])
    g = ground_force(RUNNER, t)
    sh = shock_response(RUNNER, t, g)
    tib = sh.peak_g[:, 0]
    assert np.all(np.diff(g.foot_touchdown_m_s) > 0) and np.all(np.diff(tib) > 0)
    # the impact transient alone would give pi v / (2 t_impact) / g on a free lower leg
    free = np.pi * g.foot_touchdown_m_s / (2 * g.impact_time_s) / GRAVITY_M_S2
    assert tib == pytest.approx(free, rel=0.5)
