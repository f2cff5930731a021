"""The body model against published running data (data/reference_running.csv) and the documented speed trends.

Two kinds of check, kept apart:

* **fit checks** (rows whose ``role`` is ``fit``): the model still reproduces the figures its coefficients were
  fitted to (cadence, duty factor, hip range, the stance extensor peak at 3.5 m/s, the shock chain's tuning). They
  guard against a broken fit, not against wrong physics.
* **validation** (rows whose ``role`` is ``validation``): figures no coefficient was fitted to (peak vertical force,
  hip flexor peaks, the whole-stride extensor peak, the stance extensor at 2.5 and 4.5 m/s, leg stiffness, the
  cadence response of the hip flexor moment, the tibia's rise with speed). These can fail when the physics is wrong.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from runmech import Runner, simulate, sweep
from runmech._data import read_table
from runmech.model.compose import CYCLE_COLUMNS, SUMMARY_KEYS

RUNNER = Runner(mass_kg=73.0, height_m=1.74, sex="male")
REF = read_table("reference_running.csv")
CHECKED = REF[REF["tolerance"].notna()].reset_index(drop=True)
FIT = CHECKED[CHECKED["role"] == "fit"].reset_index(drop=True)
VALIDATION = CHECKED[CHECKED["role"] == "validation"].reset_index(drop=True)


def _model_value(quantity: str, speed: float) -> float:
    if quantity == "hip_flexor_moment_change_pct_per_10spm":
        base = sweep(RUNNER, [speed])
        more = sweep(RUNNER, [speed], cadence_spm=float(base["cadence_spm"].iloc[0] + 10.0))
        return float((more["peak_hip_flexor_moment_Nm_kg"].iloc[0] / base["peak_hip_flexor_moment_Nm_kg"].iloc[0] - 1) * 100)
    if quantity == "metabolic_cost_change_pct_no_arms":
        return float(sweep(RUNNER, [speed], arm_swing=0.0)["metabolic_cost_change_pct"].iloc[0])
    if quantity == "tibia_accel_change_pct":  # Sheerin 2020 compared 2.7 and 3.7 m/s
        tib = sweep(RUNNER, [2.7, 3.7])["tibia_accel_peak_g"].to_numpy()
        return float((tib[1] / tib[0] - 1) * 100)
    return float(sweep(RUNNER, [speed])[quantity].iloc[0])


def _allowed(row) -> float:
    if row.tolerance_kind == "relative":
        return row.tolerance * abs(row.value)
    if row.tolerance_kind == "sd":
        return row.tolerance * row.sd
    assert row.tolerance_kind == "absolute", row.tolerance_kind
    return row.tolerance


def _check(row):
    model = _model_value(row.quantity, row.speed_m_s)
    allowed = _allowed(row)
    assert abs(model - row.value) <= allowed, (
        f"{row.quantity} at {row.speed_m_s} m/s: model {model:.3f}, reference {row.value} ({row.source}), "
        f"allowed +-{allowed:.3f}"
    )


def test_reference_table_is_well_formed():
    assert {"quantity", "speed_m_s", "value", "tolerance", "tolerance_kind", "source", "role"} <= set(REF.columns)
    assert set(CHECKED["tolerance_kind"]) <= {"relative", "sd", "absolute"}
    assert set(REF["role"]) <= {"fit", "validation", "context"}
    assert (CHECKED.loc[CHECKED.tolerance_kind == "sd", "sd"] > 0).all()
    assert len(FIT) >= 10 and len(VALIDATION) >= 15


@pytest.mark.parametrize("row", list(FIT.itertuples(index=False)),
                         ids=[f"fit-check-{q}@{v:g}-{s}" for q, v, s in zip(FIT.quantity, FIT.speed_m_s, FIT.source)])
def test_fit_check_model_reproduces_the_rows_it_was_fitted_to(row):
    """FIT CHECK: these rows set the model's coefficients; passing says the fit is intact, not that it is right."""
    _check(row)


@pytest.mark.parametrize("row", list(VALIDATION.itertuples(index=False)),
                         ids=[f"{q}@{v:g}-{s}" for q, v, s in zip(VALIDATION.quantity, VALIDATION.speed_m_s,
                                                                   VALIDATION.source)])
def test_validation_model_predicts_figures_no_coefficient_was_fitted_to(row):
    _check(row)


def test_hip_peaks_sit_in_the_published_band():
    """Peak flexion and extension of the hip within 6 deg of Fukuchi et al. (marker offsets differ between labs)."""
    table = sweep(RUNNER, [2.5, 3.5, 4.5])
    sim = {v: simulate(RUNNER, v).cycle for v in (2.5, 3.5, 4.5)}
    for v in (2.5, 3.5, 4.5):
        ref_max = REF[(REF.quantity == "hip_flexion_max_deg") & (REF.speed_m_s == v)]["value"].iloc[0]
        ref_min = REF[(REF.quantity == "hip_flexion_min_deg") & (REF.speed_m_s == v)]["value"].iloc[0]
        assert abs(sim[v]["hip_angle_right_deg"].max() - ref_max) < 6.0
        assert abs(sim[v]["hip_angle_right_deg"].min() - ref_min) < 6.0
    assert table["hip_flexion_rom_deg"].is_monotonic_increasing


RISING = [
    "cadence_spm", "stride_length_m", "thorax_rotation_rom_deg", "pelvis_rotation_rom_deg", "arm_swing_rom_deg",
    "hip_flexion_rom_deg", "peak_hip_flexor_moment_Nm_kg", "peak_hip_extensor_moment_Nm_kg",
    "peak_hip_extensor_moment_stance_Nm_kg", "peak_vgrf_bw", "impact_peak_bw", "iliopsoas_peak_force_bw",
    "vertical_stiffness_kN_m", "peak_lumbar_axial_torque_Nm", "tibia_accel_peak_g", "shock_attenuation_pct",
]


@pytest.mark.parametrize("key", RISING)
def test_rises_with_speed_from_2_to_5(key):
    values = sweep(RUNNER, np.linspace(2.0, 5.0, 13))[key].to_numpy()
    assert np.all(np.diff(values) > 0), f"{key} should rise with speed: {np.round(values, 3)}"


@pytest.mark.parametrize("key", ["contact_time_s", "stride_time_s", "duty_factor"])
def test_falls_with_speed_from_2_to_5(key):
    values = sweep(RUNNER, np.linspace(2.0, 5.0, 13))[key].to_numpy()
    assert np.all(np.diff(values) < 0), f"{key} should fall with speed: {np.round(values, 3)}"


def test_leg_stiffness_nearly_independent_of_speed():
    """Farley & Gonzalez (1996), Morin et al. (2005): leg stiffness barely changes with speed (within about 10 %
    from 2 to 5 m/s here); vertical stiffness rises."""
    t = sweep(RUNNER, [2.0, 3.0, 4.0, 5.0])
    k = t["leg_stiffness_kN_m"]
    assert k.max() / k.min() < 1.1
    assert t["vertical_stiffness_kN_m"].is_monotonic_increasing


def test_leg_stiffness_rises_with_cadence_as_farley_1996_measured():
    """Farley & Gonzalez (1996): 7.0 -> 16.3 kN/m for stride frequency -26 % -> +36 % at 2.5 m/s, an elasticity of
    ln(16.3 / 7.0) / ln(1.36 / 0.74) = 1.39. FIT CHECK: the contact-time cadence exponent was set from it."""
    base = sweep(RUNNER, [2.5]).iloc[0]
    lo = sweep(RUNNER, [2.5], cadence_spm=140.0).iloc[0]
    hi = sweep(RUNNER, [2.5], cadence_spm=float(base["cadence_spm"]) * 1.36).iloc[0]
    elasticity = np.log(hi["leg_stiffness_kN_m"] / lo["leg_stiffness_kN_m"]) / np.log(hi["cadence_spm"] / lo["cadence_spm"])
    assert elasticity == pytest.approx(np.log(16.3 / 7.0) / np.log(1.36 / 0.74), abs=0.15)


def test_higher_cadence_shrinks_stride_and_hip_range_and_raises_flexor_moment():
    base = simulate(RUNNER, 3.0).summary
    quick = simulate(RUNNER, 3.0, cadence_spm=float(base["cadence_spm"]) * 1.1).summary
    assert quick["stride_length_m"] < base["stride_length_m"]
    assert quick["hip_flexion_rom_deg"] < base["hip_flexion_rom_deg"]
    assert quick["contact_time_s"] < base["contact_time_s"]
    assert quick["peak_hip_flexor_moment_Nm_kg"] > base["peak_hip_flexor_moment_Nm_kg"]


def test_summary_and_cycle_follow_the_contract():
    sim = simulate(RUNNER, speed_m_s=3.0)
    assert set(SUMMARY_KEYS) <= set(sim.summary.index)
    assert set(CYCLE_COLUMNS) <= set(sim.cycle.columns)
    assert sim.cycle.index.name == "cycle_pct"
    assert sim.cycle.index[0] == 0 and sim.cycle.index[-1] == 100 and len(sim.cycle) >= 101
    assert sim.cycle["stance_right"].dtype == bool and sim.cycle["stance_left"].dtype == bool
    assert sim.cycle["stance_right"].iloc[0] and not sim.cycle["stance_left"].iloc[0]
    assert sim.cycle["time_s"].iloc[-1] == pytest.approx(sim.summary["stride_time_s"])
    assert list(sim.shock.columns[:1]) == ["ground_input_g"]
    assert {"tibia_accel_g", "pelvis_accel_g", "head_accel_g"} <= set(sim.shock.columns)
    assert sim.shock.index.name == "time_s" and sim.shock.index[-1] == pytest.approx(0.3)
    assert sim.params.speed_m_s == 3.0 and sim.runner is RUNNER
    table = sweep(RUNNER, [2, 3, 4, 5])
    assert table.index.name == "speed_m_s" and set(SUMMARY_KEYS) <= set(table.columns)


def test_sweep_agrees_with_simulate():
    table = sweep(RUNNER, [2.5, 4.0], arm_swing=0.5, rotation_asymmetry_pct=20, lateral_sway_cm=3)
    for v in (2.5, 4.0):
        one = simulate(RUNNER, v, arm_swing=0.5, rotation_asymmetry_pct=20, lateral_sway_cm=3).summary
        pd.testing.assert_series_equal(table.loc[v], one.drop("speed_m_s"), check_names=False, rtol=1e-9)


def test_vertical_force_balances_body_weight_and_com_is_periodic():
    sim = simulate(RUNNER, 3.5)
    c = sim.cycle
    mean_force = c["vgrf_bw"].iloc[:-1].mean()  # over one stride the ground carries body weight on average
    assert mean_force == pytest.approx(1.0, rel=0.02)
    assert c["com_vertical_m"].iloc[0] == pytest.approx(c["com_vertical_m"].iloc[-1], abs=1e-6)
    assert abs(c["com_vertical_m"].iloc[:-1].mean()) < 1e-9
    assert c["vgrf_bw"].max() == pytest.approx(sim.summary["peak_vgrf_bw"], rel=0.01)
    assert 0.03 < c["com_vertical_m"].max() - c["com_vertical_m"].min() < 0.15


def test_female_runner_uses_the_female_table():
    m = Runner(mass_kg=61.9, height_m=1.735, sex="male")
    f = Runner(mass_kg=61.9, height_m=1.735, sex="female")
    assert not m.segments.equals(f.segments)
    assert simulate(f, 3.0).summary["thorax_rotation_rom_deg"] != simulate(m, 3.0).summary["thorax_rotation_rom_deg"]
