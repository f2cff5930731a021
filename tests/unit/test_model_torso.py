"""The transverse stage's bookkeeping: momentum adds up, torques are rates of momentum, outputs are not inputs.

Each test checks the solved motion against a law it must obey (not against the parameters it was built from)."""

from __future__ import annotations

import numpy as np
import pytest

from runmech import Runner, simulate, sweep
from runmech.model import harmonic as hb
from runmech.model.transverse import periodic_derivative

RUNNER = Runner()


def test_segment_momenta_add_up_to_the_whole_body():
    c = simulate(RUNNER, 3.5).cycle
    parts = c[["ang_mom_legs_kg_m2_s", "ang_mom_pelvis_kg_m2_s", "ang_mom_thorax_kg_m2_s", "ang_mom_arms_kg_m2_s"]]
    np.testing.assert_allclose(parts.sum(axis=1), c["ang_mom_total_kg_m2_s"], atol=1e-12)


def test_whole_body_momentum_changes_only_by_the_grounds_moment():
    """Newton for rotation: dH/dt of the whole body equals the ground's moment about the centre of mass."""
    sim = simulate(RUNNER, 3.5)
    c = sim.cycle
    omega = np.array([2 * np.pi / sim.summary["stride_time_s"]])
    h = c["ang_mom_total_kg_m2_s"].to_numpy()[None, :]
    dh = hb.signal(hb.derivative(hb.harmonics(h), omega))[0]
    # the solver keeps the first 16 harmonics of every input: compare with the ground moment's same harmonics
    ground = c["ground_yaw_moment_Nm"].to_numpy()[None, :]
    kept = hb.signal(hb.harmonics(ground))[0]
    np.testing.assert_allclose(dh, kept, atol=1e-6 * np.abs(kept).max())


def test_lumbar_torque_is_the_rate_of_change_of_upper_body_momentum():
    """The spine's spring and damper torque (computed from the twist) equals d/dt of thorax + arms momentum."""
    sim = simulate(RUNNER, 4.0)
    c = sim.cycle
    upper = (c["ang_mom_thorax_kg_m2_s"] + c["ang_mom_arms_kg_m2_s"]).to_numpy()
    expected = periodic_derivative(upper, sim.summary["stride_time_s"])
    torque = c["lumbar_axial_torque_Nm"].to_numpy()
    assert np.corrcoef(torque, expected)[0, 1] > 0.99
    assert np.abs(torque - expected).max() < 0.05 * np.abs(torque).max()


def test_phase_arm_range_and_thorax_range_are_outputs_that_move_with_their_causes():
    """Issue 10: the phase was a parameter (140 deg at every speed and knob); now it answers speed and spine."""
    table = sweep(RUNNER, [2.5, 3.5, 4.5])
    assert np.ptp(table["thorax_pelvis_phase_deg"]) > 5.0
    stiff = sweep(RUNNER, [3.5], spine_stiffness_scale=4.0).iloc[0]
    soft = sweep(RUNNER, [3.5], spine_stiffness_scale=0.5).iloc[0]
    # a stiffer spine makes thorax and pelvis turn more together (smaller phase difference)
    assert stiff["thorax_pelvis_phase_deg"] < table.loc[3.5, "thorax_pelvis_phase_deg"] < soft["thorax_pelvis_phase_deg"]
    # the arms' range is not the knob: doubling the drive does not double the range
    double = sweep(RUNNER, [3.5], arm_swing=2.0).iloc[0]
    ratio = double["arm_swing_rom_deg"] / table.loc[3.5, "arm_swing_rom_deg"]
    assert 1.2 < ratio < 2.0  # 1.95 before issue 11's measured hip curve and timing (now 1.95)


def test_sign_convention_right_leg_forward_turns_body_left():
    c = simulate(RUNNER, 3.5).cycle
    dhip = np.gradient(c["hip_angle_right_deg"].to_numpy())
    swing = (c.index > 45) & (c.index < 75)
    assert (dhip[swing] > 0).all()
    legs = c["ang_mom_legs_kg_m2_s"].to_numpy()
    assert legs[swing].mean() > 0
    # arms swing opposite to the leg on the same side
    assert np.corrcoef(c["arm_angle_right_deg"], c["hip_angle_right_deg"])[0, 1] < -0.5


def test_no_side_cause_means_left_mirrors_right():
    sim = simulate(RUNNER, 3.5)
    c = sim.cycle
    for key in ("thorax_rotation_si_pct", "pelvis_rotation_si_pct", "hip_flexor_moment_si_pct", "arm_swing_si_pct",
                "ground_yaw_moment_si_pct"):
        assert abs(sim.summary[key]) < 1e-6, key
    np.testing.assert_allclose(np.roll(c["hip_angle_right_deg"].to_numpy()[:-1], 50),
                               c["hip_angle_left_deg"].to_numpy()[:-1], atol=1e-9)
    np.testing.assert_allclose(np.roll(c["thorax_angle_deg"].to_numpy()[:-1], 50),
                               -c["thorax_angle_deg"].to_numpy()[:-1], atol=1e-9)


@pytest.mark.parametrize("knob, value", [("rotation_asymmetry_pct", 30.0), ("arm_swing_asymmetry_pct", 30.0),
                                         ("step_length_asymmetry_pct", 20.0)])
def test_each_side_cause_passes_through_the_dynamics(knob, value):
    """Asymmetry in is not asymmetry out: the output indices differ from the knob and answer its sign."""
    s = simulate(RUNNER, 3.5, **{knob: value}).summary
    m = simulate(RUNNER, 3.5, **{knob: -value}).summary
    moved = [k for k in ("thorax_rotation_si_pct", "pelvis_rotation_si_pct", "arm_swing_si_pct") if abs(s[k]) > 0.1]
    assert moved, f"{knob} changed no segment's symmetry"
    for key in moved:
        assert s[key] == pytest.approx(-m[key], abs=1e-6)
        assert abs(s[key]) != pytest.approx(value)


def test_one_weaker_arm_is_compensated_by_the_trunk():
    """Hinrichs (1992): arms compensate for each other and for asymmetries elsewhere. Weakening the left arm's
    drive leaves the left arm swinging less, and thorax and pelvis turn unevenly to make up the momentum."""
    s = simulate(RUNNER, 3.5, arm_swing_asymmetry_pct=40.0).summary
    assert s["arm_swing_si_pct"] > 10.0
    assert abs(s["thorax_rotation_si_pct"]) > 0.2 and abs(s["pelvis_rotation_si_pct"]) > 0.2
    assert s["net_vertical_angular_momentum_ratio"] < 0.3


def test_longer_step_loads_that_sides_hip_and_the_ground_moment():
    s = simulate(RUNNER, 3.5, step_length_asymmetry_pct=20.0).summary
    assert s["hip_flexion_rom_si_pct"] > 10.0 and s["hip_flexor_moment_si_pct"] > 5.0
    assert s["ground_yaw_moment_si_pct"] > 5.0
