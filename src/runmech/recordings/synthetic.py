"""A synthetic recording made from the model (labelled SYNTHETIC), for trying the tools."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from runmech._validate import check_int, check_real
from runmech.constants import GRAVITY_M_S2

_EXAMPLE_COLUMNS = {
    # output column: (model cycle column, scale kind, noise SD at noise=1 in output units)
    "pelvis_rotation": ("pelvis_angle_deg", "deg", 0.3),
    "thorax_rotation": ("thorax_angle_deg", "deg", 0.5),
    "lumbar_rotation": (None, "deg", 0.5),
    "hip_flexion_r": ("hip_angle_right_deg", "deg", 0.5),
    "hip_flexion_l": ("hip_angle_left_deg", "deg", 0.5),
    "arm_flex_r": ("arm_angle_right_deg", "deg", 0.8),
    "arm_flex_l": ("arm_angle_left_deg", "deg", 0.8),
    "hip_flexion_r_moment": ("hip_moment_right_Nm_kg", "per_kg", 0.03),
    "hip_flexion_l_moment": ("hip_moment_left_Nm_kg", "per_kg", 0.03),
    "ground_force_vy_r": ("vgrf_right_bw", "bw", 0.01),
    "ground_force_vy_l": ("vgrf_left_bw", "bw", 0.01),
}


def example_recording(*, speed_m_s: float = 3.0, asymmetry_pct: float = 10.0, strides: int = 30,
                      rate_hz: float = 100.0, noise: float = 1.0, seed: int = 0, runner: Any = None) -> pd.DataFrame:
    """A SYNTHETIC running recording made from the model, with stride-to-stride variability and sensor noise.

    So the your-data lab works on a fresh machine with no measurements. One stride of :func:`runmech.simulate`
    (with ``rotation_asymmetry_pct=asymmetry_pct``) is repeated; each stride gets its own duration (SD 1.5 % x
    ``noise``) and amplitude (SD 3 % x ``noise``), and every sample white noise (angles 0.3 to 0.8 deg, moments
    0.03 N·m/kg, forces 1 % of body weight, all x ``noise``). The recording starts 30 % into a stride, like a real
    trial, and holds ``strides`` complete right strides.

    Columns follow OpenSim's names and units: ``pelvis_rotation``, ``thorax_rotation`` (thorax yaw in the room),
    ``lumbar_rotation`` (thorax relative to pelvis), ``hip_flexion_r``/``_l``, ``arm_flex_r``/``_l`` [deg];
    ``hip_flexion_r_moment``/``_l_moment`` [N·m]; ``ground_force_vy_r``/``_l`` [N]. Rotations are positive to
    the left.

    Parameters
    ----------
    speed_m_s : float
        Running speed [m/s], 2 to 6.
    asymmetry_pct : float
        The model's one-sided spine stiffness (``rotation_asymmetry_pct``) [%], -50 to 50 (positive = stiffer against
        turning to the left); how lopsided the thorax's turn becomes is computed by the model.
    strides : int
        Complete right strides, 2 to 500.
    rate_hz : float
        Sampling rate [Hz], 50 to 2000.
    noise : float
        Scale of variability and noise, 0 (clean, identical strides) to 5; 1 is typical of a lab recording.
    seed : int
        Seed of the random numbers (same seed, same recording).
    runner : runmech.Runner, optional
        The body (default ``Runner()``: 73 kg, 1.74 m, male).

    Returns
    -------
    pandas.DataFrame
        Index ``time_s`` [s]. ``attrs``: ``synthetic`` (True), ``label`` (says SYNTHETIC), ``source``,
        ``in_degrees`` (True), ``speed_m_s``, ``asymmetry_pct``, ``mass_kg``, ``rate_hz``, ``seed``.

    Examples
    --------
    >>> rec = example_recording(strides=10, seed=1)
    >>> rec.attrs["synthetic"], rec.attrs["label"].startswith("SYNTHETIC")
    (True, True)
    >>> rec.shape[1], round(float(rec.index[1] - rec.index[0]), 6)
    (11, 0.01)
    >>> example_recording(strides=10, seed=1).equals(rec)
    True
    """
    from runmech.model.body import Runner
    from runmech.model.compose import simulate

    speed_m_s = check_real("speed_m_s", speed_m_s, low=2.0, high=6.0, unit="m/s")
    asymmetry_pct = check_real("asymmetry_pct", asymmetry_pct, low=-50.0, high=50.0, unit="%")
    strides = check_int("strides", strides, low=2, high=500)
    rate_hz = check_real("rate_hz", rate_hz, low=50.0, high=2000.0, unit="Hz")
    noise = check_real("noise", noise, low=0.0, high=5.0)
    seed = check_int("seed", seed, low=0)
    if runner is None:
        runner = Runner()
    if not isinstance(runner, Runner):
        raise TypeError(f"runner must be a runmech.Runner or None; got {type(runner).__name__}")
    sim = simulate(runner, speed_m_s, rotation_asymmetry_pct=asymmetry_pct)
    cyc = sim.cycle
    period = float(sim.summary["stride_time_s"])
    rng = np.random.default_rng(seed)
    n_str = strides + 2
    durations = period * (1.0 + 0.015 * noise * rng.standard_normal(n_str))
    durations = np.clip(durations, 0.8 * period, 1.2 * period)
    strikes = np.concatenate([[0.0], np.cumsum(durations)])
    t0 = 0.3 * durations[0]
    t_end = strikes[strides + 1] + 0.5 * durations[strides + 1]
    n = int(math.floor((t_end - t0) * rate_hz)) + 1
    time = t0 + np.arange(n) / rate_hz
    k = np.clip(np.searchsorted(strikes, time, side="right") - 1, 0, n_str - 1)
    phase_pct = (time - strikes[k]) / durations[k] * 100.0
    grid = cyc.index.to_numpy(dtype=np.float64)
    mass = runner.mass_kg
    data = {}
    amp = {}
    for col, (src, kind, sd) in _EXAMPLE_COLUMNS.items():
        if src is None:
            continue
        group = col.split("_")[0]
        if group not in amp:
            amp[group] = 1.0 + 0.03 * noise * rng.standard_normal(n_str)
        curve = cyc[src].to_numpy(dtype=np.float64)
        mean = float(curve[:-1].mean()) if kind == "deg" else 0.0
        base = np.interp(phase_pct, grid, curve)
        y = mean + (base - mean) * amp[group][k]
        scale = {"deg": 1.0, "per_kg": mass, "bw": mass * GRAVITY_M_S2}[kind]
        data[col] = y * scale + noise * sd * scale * rng.standard_normal(n)
    data["lumbar_rotation"] = data["thorax_rotation"] - data["pelvis_rotation"]
    df = pd.DataFrame({c: data[c] for c in _EXAMPLE_COLUMNS}, index=pd.Index(time - t0, name="time_s"))
    source = (f"runmech.recordings.example_recording(speed_m_s={speed_m_s:g}, asymmetry_pct={asymmetry_pct:g}, "
              f"strides={strides}, rate_hz={rate_hz:g}, noise={noise:g}, seed={seed})")
    df.attrs.update({
        "synthetic": True,
        "label": (f"SYNTHETIC recording made by runmech's model ({runner.mass_kg:g} kg, {speed_m_s:g} m/s, "
                  f"thorax rotation asymmetry {asymmetry_pct:g} %): not a measurement"),
        "source": "synthetic example",
        "generator": source,
        "format": "synthetic",
        "name": "synthetic_example",
        "in_degrees": True,
        "converted_to_degrees": (),
        "header": {},
        "speed_m_s": speed_m_s,
        "asymmetry_pct": asymmetry_pct,
        "mass_kg": runner.mass_kg,
        "rate_hz": rate_hz,
        "seed": seed,
    })
    return df
