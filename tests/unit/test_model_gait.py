"""Stride timing: Froude scaling with leg length, a cadence that keeps rising, contact time from a duty-factor
relation (so peak force is a prediction), a stated speed range, and the cadence responses Heiderscheit et al.
(2011) and Lieberman et al. (2015) measured."""

from __future__ import annotations

import numpy as np
import pytest

from runmech import Runner, simulate, sweep
from runmech.constants import GRAVITY_M_S2
from runmech.model import KNOBS
from runmech.model.gait import SPEED_RANGE_M_S, self_selected_cadence, stride_timing
from runmech.model.ground import ground_force

SHORT, TALL = Runner(mass_kg=60.0, height_m=1.60), Runner(mass_kg=85.0, height_m=1.90)


def test_runners_of_different_size_run_alike_at_the_same_froude_speed():
    """Dynamic similarity: at equal v / sqrt(g L) the dimensionless cadence and stride length are equal."""
    froude = 1.1
    t_s = stride_timing([froude * np.sqrt(GRAVITY_M_S2 * SHORT.leg_length_m)], runner=SHORT)
    t_t = stride_timing([froude * np.sqrt(GRAVITY_M_S2 * TALL.leg_length_m)], runner=TALL)
    f_hat = [t.cadence_spm[0] / 60.0 * np.sqrt(r.leg_length_m / GRAVITY_M_S2) for t, r in ((t_s, SHORT), (t_t, TALL))]
    assert f_hat[0] == pytest.approx(f_hat[1], rel=1e-12)
    assert t_s.stride_length_m[0] / SHORT.leg_length_m == pytest.approx(t_t.stride_length_m[0] / TALL.leg_length_m)
    assert t_s.duty_factor[0] == pytest.approx(t_t.duty_factor[0])


def test_at_one_speed_a_shorter_runner_takes_quicker_shorter_steps():
    short, tall = (sweep(r, [3.5]).iloc[0] for r in (SHORT, TALL))
    assert short["cadence_spm"] > tall["cadence_spm"] + 5
    assert short["stride_length_m"] < tall["stride_length_m"]
    assert short["hip_flexion_rom_deg"] != pytest.approx(tall["hip_flexion_rom_deg"], abs=0.5)
    # the slider's automatic cadence is the model's, for the runner on screen
    assert self_selected_cadence(3.5, runner=SHORT) == pytest.approx(short["cadence_spm"])


def test_cadence_keeps_rising_through_4_to_5_m_s_and_beyond():
    speeds = np.arange(2.0, 7.01, 0.5)
    cad = sweep(Runner(), speeds)["cadence_spm"].to_numpy()
    steps = np.diff(cad)
    assert np.all(steps > 0)
    assert np.all(np.diff(steps) > 0)  # the rise gets steeper with speed, as sprint data show (Dorn et al. 2012)
    assert cad[speeds == 5.0][0] - cad[speeds == 4.0][0] > 4.0


def test_fit_check_stride_frequency_rise_between_3_5_and_7_m_s_dorn_2012():
    """FIT CHECK: the cadence fit used Dorn et al.'s +10 % (3.5 -> 5.2 m/s) and +12 % (5.2 -> 7 m/s)."""
    c = sweep(Runner(), [3.5, 5.2, 7.0])["cadence_spm"].to_numpy()
    assert c[1] / c[0] == pytest.approx(1.10, abs=0.03)
    assert c[2] / c[1] == pytest.approx(1.12, abs=0.03)


@pytest.mark.parametrize("speed", [SPEED_RANGE_M_S[0] - 0.1, SPEED_RANGE_M_S[1] + 0.1, 9.0, 0.5])
def test_speeds_outside_the_stated_range_raise_a_clear_error(speed):
    lo, hi = KNOBS["speed_m_s"].low, KNOBS["speed_m_s"].high
    assert (lo, hi) == SPEED_RANGE_M_S == (1.5, 7.0)
    for call in (lambda: simulate(Runner(), speed), lambda: stride_timing([3.0, speed]),
                 lambda: self_selected_cadence(speed)):
        with pytest.raises(ValueError) as info:
            call()
        assert "speed_m_s" in str(info.value) and "1.5" in str(info.value) and "7" in str(info.value)
    with pytest.raises(TypeError, match="runner"):
        stride_timing([3.0], runner="tall")


def test_contact_time_comes_from_the_duty_factor_and_peak_force_follows():
    """Contact time is set by the duty-factor relation; the peak force is what carrying body weight then needs."""
    t = stride_timing([2.0, 3.0, 4.0, 5.0])
    assert np.all(np.diff(t.duty_factor) < 0) and np.all(np.diff(t.contact_time_s) < 0)
    np.testing.assert_allclose(t.contact_time_s / t.stride_time_s, t.duty_factor)
    g = ground_force(Runner(), t)
    # impulse of one contact = body weight x step time (the two feet average one body weight over the stride)
    impulse = g.vgrf_right_bw[:, :-1].mean(axis=1) * t.stride_time_s
    np.testing.assert_allclose(impulse, t.step_time_s, rtol=0.03)
    assert np.all(np.diff(g.peak_vgrf_bw) > 0)


def test_higher_step_rate_heiderscheit_2011():
    """Heiderscheit et al. (2011), +10 % step rate at the preferred speed: shorter strides, less vertical
    excursion of the centre of mass, smaller braking impulse, lower peak vertical force."""
    r = Runner()
    base = simulate(r, 2.9)
    quick = simulate(r, 2.9, cadence_spm=float(base.summary["cadence_spm"]) * 1.1)
    b, q = base.summary, quick.summary
    assert q["stride_length_m"] < b["stride_length_m"]
    c_b, c_q = base.cycle, quick.cycle
    assert np.ptp(c_q["com_vertical_m"]) < np.ptp(c_b["com_vertical_m"])
    t_b = stride_timing([2.9], runner=r)
    t_q = stride_timing([2.9], float(b["cadence_spm"]) * 1.1, runner=r)

    def braking(t):
        fx = ground_force(r, t).fx_right_bw[0]
        return -np.clip(fx, None, 0.0).sum() * t.stride_time_s[0] / 100.0

    assert braking(t_q) < braking(t_b)
    assert q["peak_vgrf_bw"] < b["peak_vgrf_bw"]


def test_foot_lands_closer_to_the_hip_at_a_higher_stride_frequency_lieberman_2015():
    """Lieberman et al. (2015): +5 strides/min (about +6 %) at 3 m/s brought the foot 5.9 % closer to the hip
    at landing."""
    r = Runner()
    c0 = self_selected_cadence(3.0)
    lands = [float(ground_force(r, stride_timing([3.0], c, runner=r)).cop_right_m[0, 0, 0]) for c in (c0, c0 + 10.0)]
    change = (lands[1] / lands[0] - 1.0) * 100.0
    assert -12.0 < change < -2.0
