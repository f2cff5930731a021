"""Compose the body model: Runner + speed + knobs -> one stride of motion, forces and summary figures.

Data flow: gait timing (:mod:`runmech.gait`) -> vertical ground force and centre-of-mass bounce
(:mod:`runmech.lower_leg`) -> hip angles and moments (:mod:`runmech.hip`) -> transverse-plane angular momentum of
legs, pelvis, arms and thorax (:mod:`runmech.torso`) -> impact travelling up the body (:mod:`runmech.shock`) ->
symmetry and sway (:mod:`runmech.symmetry`).

Everything is computed on numpy arrays of shape ``(n_speeds, 101)``, so :func:`sweep` handles many speeds in one
pass and :func:`simulate` is the same computation with one speed plus the DataFrames.

Knobs (keyword-only; defaults describe a typical healthy runner)
------------------------------------------------------------------
arm_swing : 0 to 2 [-]
    1 = typical arm swing, 0 = arms held still against the trunk, 2 = twice the typical swing.
rotation_asymmetry_pct : -50 to 50 [%]
    Positive = more thoracic rotation to the right than to the left. *Teaching hypothesis*: the model passes this on
    to the legs as the article describes (the leg on the side the thorax turns towards swings harder, so its hip
    flexor moment and the pelvis rotation on that side grow by the thorax's share of the angular-momentum balance).
    No study has measured this chain; runners commonly compensate with their arms (Hinrichs 1992), and asymmetry has
    not been linked to injury (Malisoux 2024).
lateral_sway_cm : 0 to 10 [cm]
    Extra peak-to-peak side-to-side excursion of the upper body beyond normal.
spine_stiffness_scale : 0.25 to 4 [-]
    Multiplies the axial spring of the spine in the shock chain.
trunk_damping_scale : 0.25 to 4 [-]
    Multiplies the spine damper; stands for trunk-muscle strength and control.
cadence_spm : None or 140 to 220 [steps / min]
    None = self-selected for the speed.

Summary (``Simulation.summary`` and the columns of :func:`sweep`)
------------------------------------------------------------------
Gait: ``cadence_spm``, ``stride_time_s``, ``step_time_s``, ``contact_time_s``, ``flight_time_s``,
``stride_length_m``, ``duty_factor`` (contact over stride time).
Transverse plane: ``thorax_rotation_rom_deg``, ``pelvis_rotation_rom_deg`` (peak-to-peak yaw),
``thorax_pelvis_phase_deg`` (first-harmonic phase between them, 180 = pure counter-rotation), ``arm_swing_rom_deg``
(shoulder flexion-extension range), ``peak_lumbar_axial_torque_Nm``, ``net_vertical_angular_momentum_ratio``
(peak-to-peak whole-body angular momentum about the vertical over the legs' own; 0 = fully cancelled),
``thorax_momentum_share`` (part of the legs' momentum balanced by the thorax rather than the arms).
Hip: ``hip_flexion_rom_deg``, ``peak_hip_flexor_moment_Nm_kg``, ``peak_hip_extensor_moment_Nm_kg`` (means of the
right and left peaks), ``iliopsoas_peak_force_bw``.
Ground and legs: ``peak_vgrf_bw``, ``leg_stiffness_kN_m``, ``vertical_stiffness_kN_m``, ``com_vertical_drop_m``.
Symmetry (positive = right larger): ``thorax_rotation_si_pct`` / ``_sa_pct`` (peak turn to the right vs to the
left), ``pelvis_rotation_si_pct``, ``hip_flexor_moment_si_pct`` / ``_sa_pct``.
Sway and energy: ``lateral_sway_work_J`` (per stride), ``metabolic_cost_change_pct`` (= ``metabolic_sway_pct`` +
``metabolic_arm_swing_pct``, relative to a typical runner), ``metabolic_sway_work_pct`` (work-only lower bound),
``com_lateral_range_m``.
Shock: ``tibia_accel_peak_g``, ``head_accel_peak_g``, ``shock_attenuation_pct`` (1 - head/tibia),
``spine_ringing_rms_g`` (RMS of thorax minus pelvis acceleration 60-300 ms after foot strike).

Metabolic change of arm swing: ``8 % * (1 - arm_swing)^2`` — the measured +8 % without arm swing at 3 m/s
(Arellano & Kram 2011) applied at every speed; that exaggerated arm swing (``arm_swing`` 2) costs as much is a
teaching hypothesis, not a measurement. With ``arm_swing`` far above typical (about 1.8 and more) the arms alone
overbalance the legs at low speed, so the thorax turns the other way and its range dips before rising with speed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from runmech._validate import check_real
from runmech.body import G, Runner, _p
from runmech.gait import CADENCE_RANGE_SPM, SPEED_RANGE_M_S, _timing_arrays
from runmech.hip import _hip_angles, _hip_moment
from runmech.lower_leg import _com_vertical
from runmech.lower_leg import _spring_mass as spring_mass
from runmech.shock import _impact, _pulse
from runmech.symmetry import _sa, _si, _sway_arrays
from runmech.torso import _h1, _skew
from runmech.torso import _periodic_derivative as periodic_derivative

__all__ = ["Simulation", "SimParams", "simulate", "sweep", "KNOBS", "SUMMARY_KEYS", "CYCLE_COLUMNS"]

#: knob name -> (low, high, unit, default)
KNOBS = {
    "arm_swing": (0.0, 2.0, "-", 1.0),
    "rotation_asymmetry_pct": (-50.0, 50.0, "%", 0.0),
    "lateral_sway_cm": (0.0, 10.0, "cm", 0.0),
    "spine_stiffness_scale": (0.25, 4.0, "-", 1.0),
    "trunk_damping_scale": (0.25, 4.0, "-", 1.0),
}

SUMMARY_KEYS = (
    "cadence_spm", "stride_time_s", "contact_time_s", "flight_time_s", "stride_length_m",
    "thorax_rotation_rom_deg", "pelvis_rotation_rom_deg", "thorax_pelvis_phase_deg", "arm_swing_rom_deg",
    "hip_flexion_rom_deg", "peak_hip_flexor_moment_Nm_kg", "peak_hip_extensor_moment_Nm_kg",
    "iliopsoas_peak_force_bw", "peak_vgrf_bw", "leg_stiffness_kN_m", "vertical_stiffness_kN_m",
    "peak_lumbar_axial_torque_Nm", "net_vertical_angular_momentum_ratio", "thorax_rotation_si_pct",
    "hip_flexor_moment_si_pct", "lateral_sway_work_J", "metabolic_cost_change_pct", "tibia_accel_peak_g",
    "head_accel_peak_g", "shock_attenuation_pct",
)

CYCLE_COLUMNS = (
    "time_s", "thorax_angle_deg", "pelvis_angle_deg", "arm_angle_right_deg", "arm_angle_left_deg",
    "hip_angle_right_deg", "hip_angle_left_deg", "hip_moment_right_Nm_kg", "hip_moment_left_Nm_kg",
    "ang_mom_legs_kg_m2_s", "ang_mom_pelvis_kg_m2_s", "ang_mom_thorax_kg_m2_s", "ang_mom_arms_kg_m2_s",
    "ang_mom_total_kg_m2_s", "lumbar_axial_torque_Nm", "vgrf_right_bw", "vgrf_left_bw", "vgrf_bw",
    "com_vertical_m", "com_lateral_m", "stance_right", "stance_left",
)

_PHASE = np.linspace(0.0, 1.0, 101)
_SHOCK_T = np.linspace(0.0, 0.3, 301)
_RING = _SHOCK_T >= 0.06  # after the impact: what is left is ringing
_DEG = 180.0 / np.pi


@dataclass(frozen=True)
class SimParams:
    """The inputs of one simulation (speed and knobs), as used.

    Parameters
    ----------
    speed_m_s : float
        Running speed [m / s].
    arm_swing, rotation_asymmetry_pct, lateral_sway_cm, spine_stiffness_scale, trunk_damping_scale : float
        Knobs, see :mod:`runmech.simulate`.
    cadence_spm : float or None
        Cadence override [steps / min] or None.

    Examples
    --------
    >>> SimParams(speed_m_s=3.0).arm_swing
    1.0
    """

    speed_m_s: float
    arm_swing: float = 1.0
    rotation_asymmetry_pct: float = 0.0
    lateral_sway_cm: float = 0.0
    spine_stiffness_scale: float = 1.0
    trunk_damping_scale: float = 1.0
    cadence_spm: float | None = None


@dataclass(frozen=True)
class Simulation:
    """Result of :func:`simulate`: one stride of a runner at one speed.

    Attributes
    ----------
    runner : Runner
        The body simulated.
    params : SimParams
        Speed and knobs used.
    cycle : pandas.DataFrame
        Time series over one stride, index ``cycle_pct`` 0..100 (right foot strike at 0), 101 rows; columns listed in
        ``CYCLE_COLUMNS`` plus extras. Yaw angles: positive = rotated to the left (right side forward) seen from
        above. Hip angle: flexion positive. Hip moment: net internal moment per body mass, flexor positive.
    summary : pandas.Series
        Scalar results, units in the names (``SUMMARY_KEYS`` plus extras).
    shock : pandas.DataFrame
        Vertical accelerations [g] after foot strike, index ``time_s`` 0..0.3 s: ``ground_input_g``,
        ``tibia_accel_g``, ``pelvis_accel_g``, ``thorax_accel_g``, ``head_accel_g``.

    Examples
    --------
    >>> sim = simulate(Runner(), speed_m_s=3.0)
    >>> sim.cycle.shape[0], sim.cycle.index.name
    (101, 'cycle_pct')
    """

    runner: Runner
    params: SimParams
    cycle: pd.DataFrame
    summary: pd.Series
    shock: pd.DataFrame

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"Simulation(speed_m_s={self.params.speed_m_s:g}, cadence_spm={s['cadence_spm']:.0f}, "
            f"thorax_rotation_rom_deg={s['thorax_rotation_rom_deg']:.1f}, "
            f"peak_hip_flexor_moment_Nm_kg={s['peak_hip_flexor_moment_Nm_kg']:.2f}, "
            f"peak_vgrf_bw={s['peak_vgrf_bw']:.2f})"
        )


def _check_runner(runner) -> Runner:
    if not isinstance(runner, Runner):
        raise TypeError(f"runner must be a runmech.Runner (e.g. Runner(mass_kg=73, height_m=1.74)); got {runner!r} "
                        f"({type(runner).__name__})")
    return runner


def _check_knobs(knobs: dict) -> dict:
    unknown = set(knobs) - set(KNOBS) - {"cadence_spm"}
    if unknown:
        allowed = ", ".join(list(KNOBS) + ["cadence_spm"])
        raise TypeError(f"unknown knob(s) {', '.join(sorted(unknown))}; allowed knobs are {allowed}")
    out = {}
    for name, (low, high, unit, default) in KNOBS.items():
        out[name] = check_real(name, knobs.get(name, default), low=low, high=high, unit=unit)
    out["cadence_spm"] = check_real("cadence_spm", knobs.get("cadence_spm"), low=CADENCE_RANGE_SPM[0],
                                    high=CADENCE_RANGE_SPM[1], unit="steps/min", allow_none=True)
    return out


def _ptp(x):
    return x.max(axis=-1) - x.min(axis=-1)


def _compute(runner: Runner, speeds: np.ndarray, k: dict, want_cycle: bool):
    geo = runner._geo
    v = speeds[:, None]
    phase = _PHASE[None, :]
    tim = {key: val[:, None] for key, val in _timing_arrays(speeds, k["cadence_spm"]).items()}
    big_t = tim["stride_time_s"]
    tc = tim["contact_time_s"]
    tf = tim["flight_time_s"]
    duty = tim["duty_factor"]
    sl = tim["stride_length_m"]
    phase_l = np.mod(phase - 0.5, 1.0)

    # vertical ground force, spring-mass
    fmax = 0.5 * np.pi * (tf / tc + 1.0)
    st_r = phase < duty
    st_l = phase_l < duty
    dy, kv, kl, _ = spring_mass(speeds, tc[:, 0], tf[:, 0], geo.leg_length)

    # symmetric hips first: the legs' angular momentum sets the thorax amplitude
    sin_a0 = np.minimum(v * tc / (2.0 * geo.leg_length), 0.95)
    d_hip = geo.hip_half_width
    d_sh = geo.shoulder_half_width

    def legs(scale_r, scale_l):
        th_r, d1_r, d2_r = _hip_angles(phase, duty, sl, scale_r)
        th_l, d1_l, d2_l = _hip_angles(phase_l, duty, sl, scale_l)
        h = geo.m_leg * d_hip * geo.r_leg * _p("leg_transverse_radius_factor") * (d1_r * np.cos(th_r) - d1_l * np.cos(th_l)) / big_t
        return (th_r, d2_r), (th_l, d2_l), h

    legs0 = legs(1.0, 1.0)
    h_legs0 = legs0[2]

    # pelvis: yaw with the legs (right hip forward near right foot strike)
    rom_p = _p("pelvis_rom_a_deg") * sl ** _p("pelvis_rom_p") / _DEG
    ang_p = 2.0 * np.pi * (phase - _p("pelvis_peak_phase"))
    amp_p = 0.5 * rom_p
    psi_p0 = amp_p * np.cos(ang_p)
    i_pel = geo.i_pelvis + 2.0 * geo.m_leg * d_hip**2

    # arms: swing opposite to the leg on the same side
    rom_a = k["arm_swing"] * (_p("arm_rom_a_deg") + _p("arm_rom_b_deg_per_m_s") * v) / _DEG
    ang_a = 2.0 * np.pi * (phase - (_p("hip_peak_flexion_phase") + 0.5 + _p("arm_phase_offset")))
    arm_r = _p("arm_mean_deg") / _DEG + 0.5 * rom_a * np.cos(ang_a)
    arm_l = _p("arm_mean_deg") / _DEG - 0.5 * rom_a * np.cos(ang_a)
    darm = -0.5 * rom_a * np.sin(ang_a) * 2.0 * np.pi / big_t
    h_arms = geo.m_arm * d_sh * geo.r_arm * (darm * np.cos(arm_r) + darm * np.cos(arm_l))

    # thorax: phase relative to the pelvis from data, amplitude = least-squares cancellation
    i_th = geo.i_thorax + 2.0 * geo.m_arm * d_sh**2
    lag = np.radians(_p("thorax_pelvis_phase_deg"))
    basis_d = -np.sin(ang_p - lag) * 2.0 * np.pi / big_t * i_th
    h_pel0 = i_pel * (-amp_p * np.sin(ang_p) * 2.0 * np.pi / big_t)
    rest = (h_legs0 + h_pel0 + h_arms)[:, :-1]
    amp_t = -(rest * basis_d[:, :-1]).sum(axis=1, keepdims=True) / (basis_d[:, :-1] ** 2).sum(axis=1, keepdims=True)
    psi_t0 = amp_t * np.cos(ang_p - lag)
    share = _ptp(amp_t * basis_d) / np.maximum(_ptp(h_legs0), 1e-12)  # thorax share of the legs' momentum
    share = share[:, None]

    # asymmetry (teaching hypothesis): more thorax rotation to the right -> right leg and pelvis work harder
    a = k["rotation_asymmetry_pct"] / 100.0
    if a == 0.0:
        psi_t, psi_p = psi_t0, psi_p0
        (th_r, d2_r), (th_l, d2_l), h_legs = legs0
        h_pel = h_pel0
        h_th = amp_t * basis_d
    else:
        psi_t = _skew(psi_t0, amp_t, a)
        psi_p = _skew(psi_p0, amp_p, -share * a)
        (th_r, d2_r), (th_l, d2_l), h_legs = legs(1.0 + 0.5 * share * a, 1.0 - 0.5 * share * a)
        h_pel = i_pel * periodic_derivative(psi_p, big_t)
        h_th = i_th * periodic_derivative(psi_t, big_t)
    h_tot = h_legs + h_pel + h_th + h_arms
    torque = periodic_derivative(h_th + h_arms, big_t)

    m_r = _hip_moment(phase, duty, big_t, th_r, d2_r, fmax, sin_a0, geo)
    m_l = _hip_moment(phase_l, duty, big_t, th_l, d2_l, fmax, sin_a0, geo)

    # lateral motion and sway
    sway = k["lateral_sway_cm"] / 100.0
    m_upper = geo.m_thorax + geo.m_pelvis + geo.m_head + 2 * geo.m_arm
    pp_lat = _p("com_lateral_pp_m") + sway * m_upper / geo.mass
    work, met_sway, met_sway_work = _sway_arrays(geo, speeds, big_t[:, 0], np.full_like(speeds, sway))
    met_arms = _p("arm_swing_removal_cost_pct") * (1.0 - k["arm_swing"]) ** 2
    metabolic = met_sway + met_arms

    # shock
    v_td, t_imp = _pulse(tf[:, 0], speeds)
    u_in, acc = _impact(runner, v_td, t_imp, _SHOCK_T, k["spine_stiffness_scale"], k["trunk_damping_scale"])
    acc = acc / G  # (n, [tibia, pelvis, thorax, head], time) [g]
    peaks = acc.max(axis=2)
    spine = acc[:, 2, _RING] - acc[:, 1, _RING]
    ringing = np.sqrt((spine * spine).mean(axis=1))

    flex_r, flex_l = m_r.max(axis=1), m_l.max(axis=1)
    ext_r, ext_l = -m_r.min(axis=1), -m_l.min(axis=1)
    peak_flex = 0.5 * (flex_r + flex_l)
    rot_right = -psi_t.min(axis=1)
    rot_left = psi_t.max(axis=1)
    rel = np.degrees(np.angle(_h1(psi_t) / _h1(psi_p))) % 360.0
    rel = np.where(rel > 180.0, 360.0 - rel, rel)
    summary = {
        "speed_m_s": speeds,
        "cadence_spm": tim["cadence_spm"][:, 0],
        "stride_time_s": big_t[:, 0],
        "step_time_s": tim["step_time_s"][:, 0],
        "contact_time_s": tc[:, 0],
        "flight_time_s": tf[:, 0],
        "stride_length_m": sl[:, 0],
        "duty_factor": duty[:, 0],
        "thorax_rotation_rom_deg": _ptp(psi_t) * _DEG,
        "pelvis_rotation_rom_deg": _ptp(psi_p) * _DEG,
        "thorax_pelvis_phase_deg": rel,
        "arm_swing_rom_deg": _ptp(arm_r) * _DEG,
        "hip_flexion_rom_deg": 0.5 * (_ptp(th_r) + _ptp(th_l)) * _DEG,
        "peak_hip_flexor_moment_Nm_kg": peak_flex,
        "peak_hip_extensor_moment_Nm_kg": 0.5 * (ext_r + ext_l),
        "iliopsoas_peak_force_bw": peak_flex / _p("iliopsoas_moment_arm_m") / G,
        "peak_vgrf_bw": fmax[:, 0],
        "leg_stiffness_kN_m": kl * geo.mass / 1000.0,
        "vertical_stiffness_kN_m": kv * geo.mass / 1000.0,
        "com_vertical_drop_m": dy,
        "peak_lumbar_axial_torque_Nm": np.abs(torque).max(axis=1),
        "net_vertical_angular_momentum_ratio": _ptp(h_tot) / np.maximum(_ptp(h_legs), 1e-12),
        "thorax_momentum_share": share[:, 0],
        "thorax_rotation_si_pct": _si(rot_right, rot_left),
        "thorax_rotation_sa_pct": _sa(rot_right, rot_left),
        "pelvis_rotation_si_pct": _si(psi_p.max(axis=1), -psi_p.min(axis=1)),
        "hip_flexor_moment_si_pct": _si(flex_r, flex_l),
        "hip_flexor_moment_sa_pct": _sa(flex_r, flex_l),
        "lateral_sway_work_J": work,
        "metabolic_cost_change_pct": metabolic,
        "metabolic_sway_pct": met_sway,
        "metabolic_sway_work_pct": met_sway_work,
        "metabolic_arm_swing_pct": np.full_like(speeds, met_arms),
        "com_lateral_range_m": np.full_like(speeds, pp_lat),
        "tibia_accel_peak_g": peaks[:, 0],
        "head_accel_peak_g": peaks[:, 3],
        "shock_attenuation_pct": (1.0 - peaks[:, 3] / peaks[:, 0]) * 100.0,
        "spine_ringing_rms_g": ringing,
    }
    if not want_cycle:
        return summary, None, None
    vgrf_r = fmax * np.sin(np.pi * np.clip(phase / duty, 0, 1)) * st_r
    vgrf_l = fmax * np.sin(np.pi * np.clip(phase_l / duty, 0, 1)) * st_l
    com_v = _com_vertical(np.mod(phase, 0.5) / 0.5, tim["step_time_s"], tc, fmax)
    com_lat = -0.5 * pp_lat * np.cos(2.0 * np.pi * (phase - duty / 2.0))
    cycle = {
        "time_s": (phase * big_t)[0],
        "thorax_angle_deg": psi_t[0] * _DEG,
        "pelvis_angle_deg": psi_p[0] * _DEG,
        "arm_angle_right_deg": arm_r[0] * _DEG,
        "arm_angle_left_deg": arm_l[0] * _DEG,
        "hip_angle_right_deg": th_r[0] * _DEG,
        "hip_angle_left_deg": th_l[0] * _DEG,
        "hip_moment_right_Nm_kg": m_r[0],
        "hip_moment_left_Nm_kg": m_l[0],
        "ang_mom_legs_kg_m2_s": h_legs[0],
        "ang_mom_pelvis_kg_m2_s": h_pel[0],
        "ang_mom_thorax_kg_m2_s": h_th[0],
        "ang_mom_arms_kg_m2_s": np.broadcast_to(h_arms, h_legs.shape)[0],
        "ang_mom_total_kg_m2_s": h_tot[0],
        "lumbar_axial_torque_Nm": torque[0],
        "vgrf_right_bw": vgrf_r[0],
        "vgrf_left_bw": vgrf_l[0],
        "vgrf_bw": (vgrf_r + vgrf_l)[0],
        "com_vertical_m": com_v[0],
        "com_lateral_m": com_lat[0],
        "stance_right": np.broadcast_to(st_r, phase.shape)[0],
        "stance_left": np.broadcast_to(st_l, phase.shape)[0],
    }
    return summary, cycle, np.column_stack([u_in[0] / G, acc[0].T])


@lru_cache(maxsize=8)
def _indexes(summary_keys: tuple, cycle_keys: tuple) -> dict:
    """pandas Index objects are built once and reused (building them is most of simulate's pandas cost)."""
    floats = [c for c in cycle_keys if c not in ("stance_right", "stance_left")]
    return {
        "cycle": pd.Index(_PHASE * 100.0, name="cycle_pct"),
        "cycle_float": pd.Index(floats),
        "cycle_bool": pd.Index(["stance_right", "stance_left"]),
        "summary": pd.Index(list(summary_keys)),
        "summary_no_speed": pd.Index([key for key in summary_keys if key != "speed_m_s"]),
        "shock": pd.Index(_SHOCK_T, name="time_s"),
        "shock_cols": pd.Index(["ground_input_g", "tibia_accel_g", "pelvis_accel_g", "thorax_accel_g", "head_accel_g"]),
    }


def simulate(runner: Runner, speed_m_s: float = 3.0, **knobs) -> Simulation:
    """Simulate one stride of a runner at one speed.

    Parameters
    ----------
    runner : Runner
        The body.
    speed_m_s : float
        Running speed [m / s], 0.5 to 10.
    **knobs
        Keyword-only knobs: ``arm_swing`` (0–2), ``rotation_asymmetry_pct`` (−50…50 %), ``lateral_sway_cm``
        (0–10 cm), ``spine_stiffness_scale`` (0.25–4), ``trunk_damping_scale`` (0.25–4), ``cadence_spm`` (None or
        140–220 steps/min). See :mod:`runmech.simulate` for meanings.

    Returns
    -------
    Simulation
        ``cycle`` (DataFrame over one stride), ``summary`` (Series), ``shock`` (DataFrame), ``params``, ``runner``.

    Examples
    --------
    >>> sim = simulate(Runner(mass_kg=73.0, height_m=1.74), speed_m_s=3.0)
    >>> round(float(sim.summary["cadence_spm"]))
    156
    >>> still = simulate(Runner(), speed_m_s=3.0, arm_swing=0)
    >>> bool(still.summary["thorax_rotation_rom_deg"] > sim.summary["thorax_rotation_rom_deg"])
    True
    """
    runner = _check_runner(runner)
    v = check_real("speed_m_s", speed_m_s, low=SPEED_RANGE_M_S[0], high=SPEED_RANGE_M_S[1], unit="m/s")
    k = _check_knobs(knobs)
    summary, cycle, acc = _compute(runner, np.array([v]), k, want_cycle=True)
    idx = _indexes(tuple(summary), tuple(cycle))
    floats = [name for name in cycle if name not in ("stance_right", "stance_left")]
    cycle_df = pd.concat(
        [
            pd.DataFrame(np.column_stack([cycle[c] for c in floats]), index=idx["cycle"], columns=idx["cycle_float"],
                         copy=False),
            pd.DataFrame(np.column_stack([cycle["stance_right"], cycle["stance_left"]]), index=idx["cycle"],
                         columns=idx["cycle_bool"], copy=False),
        ],
        axis=1,
    )
    summary_s = pd.Series(np.array([val[0] for val in summary.values()], dtype=float), index=idx["summary"],
                          name="summary")
    shock_df = pd.DataFrame(acc, index=idx["shock"], columns=idx["shock_cols"], copy=False)
    params = SimParams(speed_m_s=v, **k)
    return Simulation(runner=runner, params=params, cycle=cycle_df, summary=summary_s, shock=shock_df)


def sweep(runner: Runner, speeds_m_s=(2.0, 3.0, 4.0, 5.0), **knobs) -> pd.DataFrame:
    """Summary figures over many speeds at once (vectorised; no loop over :func:`simulate`).

    Parameters
    ----------
    runner : Runner
        The body.
    speeds_m_s : sequence of float
        Running speeds [m / s], each 0.5 to 10; 1 to 10 000 values.
    **knobs
        Same keyword-only knobs as :func:`simulate`.

    Returns
    -------
    pandas.DataFrame
        One row per speed, index ``speed_m_s``, columns = the summary keys.

    Examples
    --------
    >>> table = sweep(Runner(), speeds_m_s=[2, 3, 4, 5])
    >>> table.index.tolist()
    [2.0, 3.0, 4.0, 5.0]
    >>> bool(table["cadence_spm"].is_monotonic_increasing)
    True
    """
    runner = _check_runner(runner)
    if isinstance(speeds_m_s, (str, bytes)) or np.ndim(speeds_m_s) == 0:
        raise TypeError(f"speeds_m_s must be a sequence of numbers from 0.5 to 10 [m/s]; got {speeds_m_s!r}")
    try:
        speeds = np.asarray(speeds_m_s, dtype=float).ravel()
    except (TypeError, ValueError):
        raise TypeError(f"speeds_m_s must be a sequence of numbers from 0.5 to 10 [m/s]; got {speeds_m_s!r}") from None
    if not 1 <= speeds.size <= 10000:
        raise ValueError(f"speeds_m_s must hold 1 to 10000 speeds; got {speeds.size}")
    bad = ~np.isfinite(speeds) | (speeds < SPEED_RANGE_M_S[0]) | (speeds > SPEED_RANGE_M_S[1])
    if bad.any():
        raise ValueError(f"speeds_m_s must be finite numbers from 0.5 to 10 [m/s]; got {speeds[bad][0]!r}")
    k = _check_knobs(knobs)
    summary, _, _ = _compute(runner, speeds, k, want_cycle=False)
    keys = tuple(key for key in summary if key != "speed_m_s")
    return pd.DataFrame(
        np.column_stack([np.broadcast_to(summary[key], speeds.shape) for key in keys]),
        index=pd.Index(speeds, name="speed_m_s"),
        columns=_indexes(tuple(summary), ())["summary_no_speed"],
        copy=False,
    )


def _params_dict(p: SimParams) -> dict:  # pragma: no cover - convenience for notebooks
    return asdict(p)
