"""Independent check on a real running trial the timing, force and hip moment relations never saw.

The trial (BMClab's OpenSim running example, shipped in data/recordings/opensim_running_example; figures
and curves extracted into data/reference_trial.csv and data/reference_trial_curves.csv, see data/sources.csv) is
one runner of 70 kg with a leg of about 0.84 m (height about 1.58 m from the scaled model). Its speed is not in
the files: 2.75 m/s is runmech's estimate from the pelvis's forward displacement. Only the hip and knee curve
*shapes* of the model came from this trial (a fit, checked as such below); cadence, contact time, peak force and
hip moments are predictions here.
"""

from __future__ import annotations

import numpy as np
import pytest

from runmech import Runner, simulate
from runmech._data import read_table

TRIAL = read_table("reference_trial.csv")
CURVES = read_table("reference_trial_curves.csv")
SPEED = float(TRIAL["speed_m_s"].iloc[0])
RUNNER = Runner(mass_kg=70.0, height_m=1.58)
SIM = simulate(RUNNER, SPEED)


def test_trial_table_is_well_formed():
    assert set(TRIAL["source"]) == {"bmc_opensim_trial"}
    assert TRIAL["speed_m_s"].nunique() == 1 and 2.0 < SPEED < 3.5
    assert len(CURVES) == 101 and CURVES["phase_pct"].iloc[-1] == 100.0


@pytest.mark.parametrize("row", list(TRIAL.itertuples(index=False)), ids=list(TRIAL["quantity"]))
def test_model_sits_within_the_trial_tolerance(row):
    model = float(SIM.summary[row.quantity])
    assert abs(model - row.value) <= row.tolerance * abs(row.value), (
        f"{row.quantity}: model {model:.3f}, trial {row.value} (tolerance {row.tolerance:.0%})")


def test_fit_check_hip_angle_curve_has_the_trial_shape():
    """FIT CHECK: the hip curve's Fourier shape was fitted to this trial's thighs."""
    r = np.corrcoef(SIM.cycle["hip_angle_right_deg"], CURVES["hip_angle_right_deg"])[0, 1]
    assert r > 0.97


def test_vertical_force_curve_follows_the_trial():
    model = SIM.cycle["vgrf_right_bw"].to_numpy()
    trial = CURVES["vgrf_right_bw"].to_numpy()
    assert np.corrcoef(model, trial)[0, 1] > 0.95
    # contact ends within 4 % of the stride of the trial's toe-off
    stance_model = np.flatnonzero(model > 0.05)
    stance_trial = np.flatnonzero(trial > 0.05)
    assert abs(stance_model.max() - stance_trial.max()) <= 4


def test_hip_moment_curve_follows_the_trial_inverse_dynamics():
    """Extensor in early stance and late swing, flexor from late stance into early swing, as the trial's inverse
    dynamics show (the model has no gain fitted to hip moments except the ground force's pivot height)."""
    ok = CURVES["hip_moment_right_Nm_kg"].notna().to_numpy()
    model = SIM.cycle["hip_moment_right_Nm_kg"].to_numpy()[ok]
    trial = CURVES["hip_moment_right_Nm_kg"].to_numpy()[ok]
    assert np.corrcoef(model, trial)[0, 1] > 0.65
    phase = CURVES["phase_pct"].to_numpy()[ok]
    for lo, hi in ((0, 10), (85, 95)):
        sel = (phase >= lo) & (phase < hi)
        assert model[sel].mean() < 0 and trial[sel].mean() < 0
    sel = (phase >= 40) & (phase < 55)
    assert model[sel].mean() > 0 and trial[sel].mean() > 0


def test_trial_figures_are_what_the_shipped_files_say():
    """data/reference_trial.csv was computed from the trial's own files (data/recordings/...): recompute the contact
    times, cadence and peak forces from grf_run.mot so the table cannot drift from them."""
    import pandas as pd

    from runmech._data import data_dir

    folder = data_dir() / "recordings" / "opensim_running_example"
    grf = pd.read_csv(folder / "grf_run.mot", sep=r"\s+", skiprows=6)
    weight = 70.0 * 9.80665
    t = grf["time"].to_numpy()
    stance = {}
    for side in ("R", "L"):
        on = t[grf[f"{side}_ground_force_vy"].to_numpy() > 50.0]
        stance[side] = (on.min(), on.max(), grf[f"{side}_ground_force_vy"].max() / weight)
    ref = TRIAL.set_index("quantity")["value"]
    contact = np.mean([stance[s][1] - stance[s][0] for s in "RL"])
    assert contact == pytest.approx(ref["contact_time_s"], abs=0.004)
    assert 60.0 / (stance["L"][0] - stance["R"][0]) == pytest.approx(ref["cadence_spm"], abs=0.5)
    assert np.mean([stance[s][2] for s in "RL"]) == pytest.approx(ref["peak_vgrf_bw"], abs=0.01)
    ik = pd.read_csv(folder / "ik_output_run.mot", sep=r"\s+", skiprows=10)
    speed = np.polyfit(ik["time"], ik["pelvis_tx"], 1)[0]
    assert speed == pytest.approx(SPEED, abs=0.01)
