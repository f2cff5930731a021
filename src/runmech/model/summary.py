"""The one definition of every summary quantity the model reports, and of the columns of its stride cycle.

:data:`QUANTITIES` names each summary figure with its unit and meaning; :func:`summarise` computes them all from
the stages' outputs, the same way for :func:`runmech.simulate` and :func:`runmech.sweep`. Symmetry figures use the
one definition in :mod:`runmech.model.symmetry`, which a recording's statistics use too, so the model and a
measurement are compared like with like.

Examples
--------
>>> QUANTITIES["thorax_rotation_si_pct"][0]
'%'
>>> SUMMARY_KEYS[0], CYCLE_COLUMNS[0]
('cadence_spm', 'time_s')
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from runmech.model._stages import check_stages
from runmech.model.gait import PHASE
from runmech.model.hip import _iliopsoas
from runmech.model.symmetry import _excursions, _sa, _si

__all__ = ["QUANTITIES", "SUMMARY_KEYS", "CYCLE_COLUMNS", "summarise", "cycle_columns"]

_DEG = 180.0 / np.pi

#: Every summary figure: name -> (unit, meaning). Right/left symmetry figures are positive when the right is larger.
QUANTITIES: dict[str, tuple[str, str]] = {
    "speed_m_s": ("m/s", "running speed"),
    "cadence_spm": ("steps/min", "steps per minute, both feet"),
    "stride_time_s": ("s", "time of one stride (two steps)"),
    "step_time_s": ("s", "time of one step"),
    "contact_time_s": ("s", "time one foot is on the ground"),
    "flight_time_s": ("s", "time with both feet off the ground, per step"),
    "stride_length_m": ("m", "distance covered in one stride"),
    "duty_factor": ("-", "contact time over stride time"),
    "thorax_rotation_rom_deg": ("deg", "thorax yaw, peak to peak"),
    "pelvis_rotation_rom_deg": ("deg", "pelvis yaw, peak to peak"),
    "thorax_pelvis_phase_deg": ("deg", "first-harmonic phase between thorax and pelvis yaw (180 = counter-rotation)"),
    "arm_swing_rom_deg": ("deg", "shoulder flexion-extension range of one arm"),
    "hip_flexion_rom_deg": ("deg", "hip flexion range, mean of both legs"),
    "hip_flexion_max_deg": ("deg", "peak hip flexion, mean of both legs"),
    "hip_flexion_min_deg": ("deg", "peak hip extension (lowest flexion angle), mean of both legs"),
    "peak_hip_flexor_moment_Nm_kg": ("N m/kg", "peak hip flexor moment, mean of both legs"),
    "peak_hip_extensor_moment_Nm_kg": ("N m/kg", "peak hip extensor moment over the stride, mean of both legs"),
    "peak_hip_extensor_moment_stance_Nm_kg": ("N m/kg", "peak hip extensor moment in stance, mean of both legs"),
    "iliopsoas_peak_force_bw": ("body weights", "iliopsoas force: its share of the peak flexor moment over its "
                                                "moment arm (estimate)"),
    "peak_vgrf_bw": ("body weights", "peak vertical ground force"),
    "impact_peak_bw": ("body weights", "vertical ground force at the top of the impact transient"),
    "leg_stiffness_kN_m": ("kN/m", "leg stiffness of the spring-mass model"),
    "vertical_stiffness_kN_m": ("kN/m", "vertical stiffness of the spring-mass model"),
    "com_vertical_drop_m": ("m", "centre-of-mass drop from touchdown to mid-stance"),
    "peak_lumbar_axial_torque_Nm": ("N m", "peak axial torque through the lumbar spine"),
    "net_vertical_angular_momentum_ratio": ("-", "whole-body vertical angular momentum over the legs' own, peak to "
                                                 "peak (0 = fully cancelled)"),
    "momentum_share_arms": ("-", "part of the legs' vertical angular momentum the arms balance"),
    "momentum_share_thorax": ("-", "part of the legs' vertical angular momentum the thorax (with the head) balances"),
    "momentum_share_pelvis": ("-", "part of the legs' vertical angular momentum the pelvis balances"),
    "momentum_share_ground": ("-", "part of the legs' vertical angular momentum the ground's moment (horizontal forces "
                                   "and the planted foot's free moment) takes up (the four shares add up to 1)"),
    "peak_ground_yaw_moment_Nm": ("N m", "peak moment of the ground about the vertical through the centre of mass "
                                         "(horizontal forces and free moment)"),
    "peak_hip_twist_torque_Nm_kg": ("N m/kg", "peak axial torque the two hips pass between legs and pelvis "
                                              "(what the trunk's rotation asks of the hips)"),
    "thorax_rotation_si_pct": ("%", "symmetry index of the thorax's turn to each side"),
    "thorax_rotation_sa_pct": ("%", "symmetry angle of the thorax's turn to each side"),
    "pelvis_rotation_si_pct": ("%", "symmetry index of the pelvis's turn to each side"),
    "pelvis_rotation_sa_pct": ("%", "symmetry angle of the pelvis's turn to each side"),
    "arm_swing_si_pct": ("%", "symmetry index of the right and left arm's swing range"),
    "arm_swing_sa_pct": ("%", "symmetry angle of the right and left arm's swing range"),
    "ground_yaw_moment_si_pct": ("%", "symmetry index of the ground's peak yaw moment under the right and left foot"),
    "ground_yaw_moment_sa_pct": ("%", "symmetry angle of the ground's peak yaw moment under each foot"),
    "hip_flexion_rom_si_pct": ("%", "symmetry index of the hip flexion range"),
    "hip_flexion_rom_sa_pct": ("%", "symmetry angle of the hip flexion range"),
    "hip_flexor_moment_si_pct": ("%", "symmetry index of the peak hip flexor moment"),
    "hip_flexor_moment_sa_pct": ("%", "symmetry angle of the peak hip flexor moment"),
    "peak_vgrf_si_pct": ("%", "symmetry index of the peak vertical ground force"),
    "peak_vgrf_sa_pct": ("%", "symmetry angle of the peak vertical ground force"),
    "contact_time_si_pct": ("%", "symmetry index of the contact time"),
    "contact_time_sa_pct": ("%", "symmetry angle of the contact time"),
    "lateral_sway_work_J": ("J", "positive work of the body's side-to-side motion per stride (low back and legs)"),
    "metabolic_cost_change_pct": ("%", "metabolic cost change against a typical runner (sideways motion + twist)"),
    "metabolic_sway_pct": ("%", "metabolic cost change of the sideways motion against no extra trunk lean"),
    "metabolic_twist_pct": ("%", "metabolic cost change of the twist's muscle work (hips turning the pelvis, trunk, "
                                 "shoulders) against typical"),
    "lateral_cost_pct": ("%", "metabolic cost of the sideways motion, share of the cost of running"),
    "twist_cost_pct": ("%", "metabolic cost of the twist's muscle work (hips turning the pelvis, trunk, shoulders; "
                            "positive and negative work at their efficiencies), share of the cost of running"),
    "trunk_lean_range_deg": ("deg", "side-to-side lean of the upper body over the pelvis, peak to peak"),
    "peak_hip_abductor_moment_Nm_kg": ("N m/kg", "peak stance hip abductor moment, mean of both legs"),
    "peak_lumbar_lateral_moment_Nm": ("N m", "peak side-bending moment through the low back"),
    "com_lateral_range_m": ("m", "side-to-side centre-of-mass excursion, peak to peak"),
    "tibia_accel_peak_g": ("g", "peak vertical tibia acceleration in the impact phase (first 60 ms, at most 30 % "
                                "of the contact; accelerometer reading)"),
    "pelvis_accel_peak_g": ("g", "peak vertical pelvis acceleration in the impact phase (accelerometer reading)"),
    "head_accel_peak_g": ("g", "peak vertical head acceleration in the impact phase (accelerometer reading)"),
    "shock_attenuation_pct": ("%", "1 - head peak / tibia peak of the impact transient's part of the signals"),
    "spine_ringing_rms_g": ("g", "RMS of thorax minus pelvis acceleration 60-300 ms after foot strike"),
}

#: The summary's keys, in order (the speed is the index of :func:`runmech.sweep` and the first row of a summary).
SUMMARY_KEYS: tuple[str, ...] = tuple(k for k in QUANTITIES if k != "speed_m_s")

#: The stride cycle's columns, in order.
CYCLE_COLUMNS: tuple[str, ...] = (
    "time_s", "thorax_angle_deg", "pelvis_angle_deg", "arm_angle_right_deg", "arm_angle_left_deg",
    "hip_angle_right_deg", "hip_angle_left_deg", "hip_moment_right_Nm_kg", "hip_moment_left_Nm_kg",
    "ang_mom_legs_kg_m2_s", "ang_mom_pelvis_kg_m2_s", "ang_mom_thorax_kg_m2_s", "ang_mom_arms_kg_m2_s",
    "ang_mom_total_kg_m2_s", "ground_yaw_moment_Nm", "lumbar_axial_torque_Nm", "vgrf_right_bw", "vgrf_left_bw",
    "vgrf_bw", "com_vertical_m", "com_lateral_m", "trunk_lean_deg", "hip_abductor_moment_right_Nm_kg",
    "hip_abductor_moment_left_Nm_kg", "lumbar_lateral_moment_Nm", "stance_right", "stance_left",
)


def _ptp(x):
    return x.max(axis=-1) - x.min(axis=-1)


def _h1(y):
    y = np.asarray(y, dtype=float)[..., :-1]
    return (y * _first_harmonic_kernel(y.shape[-1])).sum(axis=-1)


@lru_cache(maxsize=4)
def _first_harmonic_kernel(n: int) -> np.ndarray:
    """``exp(-2 pi i k / n)`` for ``k = 0..n-1`` (made once per length, read-only)."""
    kernel = np.exp(-2j * np.pi * np.arange(n) / n)
    kernel.flags.writeable = False
    return kernel


def _pairs(out, n, pairs):
    """Symmetry index and angle of every (right, left) pair, computed together (``(n,)`` each)."""
    right = np.concatenate([r for r, _ in pairs.values()])  # every value is (n,) already
    left = np.concatenate([l_ for _, l_ in pairs.values()])
    si, sa = _si(right, left), _sa(right, left)
    for i, name in enumerate(pairs):
        out[f"{name}_si_pct"] = si[i * n:(i + 1) * n]
        out[f"{name}_sa_pct"] = sa[i * n:(i + 1) * n]


def _shares(twist) -> dict[str, np.ndarray]:
    """How the legs' vertical angular momentum is balanced: each group's projection on it (they add up to 1).

    ``h_legs = h_total - (h_arms + h_thorax + h_pelvis)``; projecting on ``h_legs`` over the stride, the share of a
    group is ``-<h_group, h_legs> / <h_legs, h_legs>`` and the ground's is ``<h_total, h_legs> / <h_legs, h_legs>``
    (the whole body keeps what the ground's moment gives it)."""
    legs = twist.h_legs[:, :-1]
    norm = np.maximum((legs * legs).sum(axis=1), 1e-12)

    def proj(h):
        return (h[:, :-1] * legs).sum(axis=1) / norm

    return {"momentum_share_arms": -proj(twist.h_arms), "momentum_share_thorax": -proj(twist.h_thorax),
            "momentum_share_pelvis": -proj(twist.h_pelvis), "momentum_share_ground": proj(twist.h_total)}


def summarise(timing, ground, twist, hips, sway, shock) -> dict[str, np.ndarray]:
    """Every summary figure from the stages' outputs (arrays of shape ``(n,)``, keys in :data:`SUMMARY_KEYS`).

    Parameters
    ----------
    timing, ground, twist, hips, sway, shock
        The outputs of :func:`runmech.model.gait.stride_timing`, :func:`runmech.model.ground.ground_force`,
        :func:`runmech.model.transverse.twist`, :func:`runmech.model.hip.hip_moments`,
        :func:`runmech.model.frontal.sway` and :func:`runmech.model.shock.shock_response`.

    Returns
    -------
    dict of numpy.ndarray
        ``speed_m_s`` and then every key of :data:`SUMMARY_KEYS`.

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model import frontal, gait, ground, hip, shock, transverse
    >>> r = Runner(); t = gait.stride_timing([3.0]); g = ground.ground_force(r, t)
    >>> sw = frontal.sway(r, t, g); tw = transverse.twist(r, t, g, sw); h = hip.hip_moments(r, t, g, tw.hips)
    >>> out = summarise(t, g, tw, h, sw, shock.shock_response(r, t, g))
    >>> list(out) == ["speed_m_s", *SUMMARY_KEYS]
    True
    """
    check_stages(timing=timing, ground=ground, twist=twist, hips=hips, sway=sway, shock=shock)
    return _summarise(timing, ground, twist, hips, sway, shock)


def _extremes(**arrays):
    """Largest and smallest value over the stride of every ``(n, 101)`` array given (``hi[name]``, ``lo[name]``,
    each ``(n,)``): for one speed in one stack and two reductions (fewer numpy calls), for many array by array
    (stacking would copy them all; the values are the same either way)."""
    if next(iter(arrays.values())).shape[0] > 1:
        return ({k: a.max(axis=1) for k, a in arrays.items()}, {k: a.min(axis=1) for k, a in arrays.items()})
    stack = np.stack(list(arrays.values()))
    hi, lo = stack.max(axis=2), stack.min(axis=2)
    return dict(zip(arrays, hi)), dict(zip(arrays, lo))


def _summarise(timing, ground, twist, hips, sway, shock) -> dict[str, np.ndarray]:
    """:func:`summarise` after its checks."""
    m_r, m_l = hips.moment_right_Nm_kg, hips.moment_left_Nm_kg
    th_r, th_l = hips.kinematics.angle_right_rad, hips.kinematics.angle_left_rad
    psi_t, psi_p = twist.thorax_rad, twist.pelvis_rad
    hi, lo = _extremes(
        m_r=m_r, m_l=m_l, stance_m_r=np.where(ground.stance_right, m_r, 0.0),
        stance_m_l=np.where(ground.stance_left, m_l, 0.0), th_r=th_r, th_l=th_l, psi_t=psi_t, psi_p=psi_p,
        arm_r=twist.arm_right_rad, arm_l=twist.arm_left_rad, lumbar=twist.lumbar_torque_Nm, h_total=twist.h_total,
        h_legs=twist.h_legs, ground=twist.ground_moment_Nm, ground_r=twist.ground_right_Nm,
        ground_l=twist.ground_left_Nm, hip_twist=twist.hip_twist_torque_Nm_kg, vgrf_r=ground.vgrf_right_bw,
        vgrf_l=ground.vgrf_left_bw, lean=sway.trunk_lean_rad, abd_r=sway.hip_abductor_right_Nm_kg,
        abd_l=sway.hip_abductor_left_Nm_kg, lumbar_lateral=sway.lumbar_lateral_moment_Nm)

    def ptp(name):
        return hi[name] - lo[name]

    def abs_max(name):
        return np.maximum(hi[name], -lo[name])

    flex_r, flex_l = hi["m_r"], hi["m_l"]
    peak_flex = 0.5 * (flex_r + flex_l)
    rom_r, rom_l = ptp("th_r") * _DEG, ptp("th_l") * _DEG
    rel = np.degrees(np.angle(_h1(psi_t) / _h1(psi_p))) % 360.0
    arm_r = ptp("arm_r") * _DEG
    rel = np.where(rel > 180.0, 360.0 - rel, rel)
    peaks = shock.peak_g
    imp = shock.impact_peak_g
    contact_r = ground.stance_right[..., :-1].sum(axis=-1) * np.ones_like(timing.speed_m_s)
    contact_l = ground.stance_left[..., :-1].sum(axis=-1) * np.ones_like(timing.speed_m_s)
    out = {
        "speed_m_s": timing.speed_m_s,
        "cadence_spm": timing.cadence_spm,
        "stride_time_s": timing.stride_time_s,
        "step_time_s": timing.step_time_s,
        "contact_time_s": timing.contact_time_s,
        "flight_time_s": timing.flight_time_s,
        "stride_length_m": timing.stride_length_m,
        "duty_factor": timing.duty_factor,
        "thorax_rotation_rom_deg": ptp("psi_t") * _DEG,
        "pelvis_rotation_rom_deg": ptp("psi_p") * _DEG,
        "thorax_pelvis_phase_deg": rel,
        "arm_swing_rom_deg": arm_r,
        "hip_flexion_rom_deg": 0.5 * (rom_r + rom_l),
        "hip_flexion_max_deg": 0.5 * (hi["th_r"] + hi["th_l"]) * _DEG,
        "hip_flexion_min_deg": 0.5 * (lo["th_r"] + lo["th_l"]) * _DEG,
        "peak_hip_flexor_moment_Nm_kg": peak_flex,
        "peak_hip_extensor_moment_Nm_kg": 0.5 * (-lo["m_r"] - lo["m_l"]),
        "peak_hip_extensor_moment_stance_Nm_kg": 0.5 * (-lo["stance_m_r"] - lo["stance_m_l"]),
        "iliopsoas_peak_force_bw": _iliopsoas(peak_flex),
        "peak_vgrf_bw": ground.peak_vgrf_bw,
        "impact_peak_bw": ground.impact_peak_bw,
        "leg_stiffness_kN_m": ground.leg_stiffness_kN_m,
        "vertical_stiffness_kN_m": ground.vertical_stiffness_kN_m,
        "com_vertical_drop_m": ground.com_drop_m,
        "peak_lumbar_axial_torque_Nm": abs_max("lumbar"),
        "net_vertical_angular_momentum_ratio": ptp("h_total") / np.maximum(ptp("h_legs"), 1e-12),
        **_shares(twist),
        "peak_ground_yaw_moment_Nm": abs_max("ground"),
        "peak_hip_twist_torque_Nm_kg": abs_max("hip_twist"),
    }
    n = timing.speed_m_s.shape[0]
    yaw_r, yaw_l = _excursions(np.concatenate([psi_t[..., :-1], psi_p[..., :-1]]))
    _pairs(out, n, {
        "thorax_rotation": (yaw_r[:n], yaw_l[:n]),
        "pelvis_rotation": (yaw_r[n:], yaw_l[n:]),
        "arm_swing": (arm_r, ptp("arm_l") * _DEG),
        "ground_yaw_moment": (abs_max("ground_r"), abs_max("ground_l")),
        "hip_flexion_rom": (rom_r, rom_l),
        "hip_flexor_moment": (flex_r, flex_l),
        "peak_vgrf": (hi["vgrf_r"], hi["vgrf_l"]),
        "contact_time": (contact_r, contact_l),
    })
    out.update({
        "lateral_sway_work_J": sway.work_J,
        "metabolic_cost_change_pct": (sway.metabolic_sway_pct - sway.metabolic_typical_pct
                                      + twist.cost_pct - twist.cost_typical_pct),
        "metabolic_sway_pct": sway.metabolic_sway_pct - sway.metabolic_typical_pct,
        "metabolic_twist_pct": twist.cost_pct - twist.cost_typical_pct,
        "lateral_cost_pct": sway.metabolic_sway_pct,
        "twist_cost_pct": twist.cost_pct,
        "trunk_lean_range_deg": ptp("lean") * _DEG,
        "peak_hip_abductor_moment_Nm_kg": 0.5 * (hi["abd_r"] + hi["abd_l"]),
        "peak_lumbar_lateral_moment_Nm": abs_max("lumbar_lateral"),
        "com_lateral_range_m": sway.com_lateral_pp_m,
        "tibia_accel_peak_g": peaks[:, 0],
        "pelvis_accel_peak_g": peaks[:, 1],
        "head_accel_peak_g": peaks[:, 3],
        "shock_attenuation_pct": (1.0 - imp[:, 3] / imp[:, 0]) * 100.0,
        "spine_ringing_rms_g": shock.spine_ringing_rms_g,
    })
    return {key: out[key] for key in QUANTITIES}


def cycle_columns(timing, ground, twist, hips, sway) -> dict[str, np.ndarray]:
    """The stride-cycle columns of the first speed (keys in :data:`CYCLE_COLUMNS`, 101 samples each).

    Parameters
    ----------
    timing, ground, twist, hips, sway
        Stage outputs, as for :func:`summarise`.

    Returns
    -------
    dict of numpy.ndarray

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model import frontal, gait, ground, hip, transverse
    >>> r = Runner(); t = gait.stride_timing([3.0]); g = ground.ground_force(r, t)
    >>> sw = frontal.sway(r, t, g); tw = transverse.twist(r, t, g, sw)
    >>> cols = cycle_columns(t, g, tw, hip.hip_moments(r, t, g, tw.hips), sw)
    >>> tuple(cols) == CYCLE_COLUMNS, cols["time_s"].shape
    (True, (101,))
    """
    check_stages(timing=timing, ground=ground, twist=twist, hips=hips, sway=sway)
    k = hips.kinematics
    return {
        "time_s": PHASE * timing.stride_time_s[0],
        "thorax_angle_deg": twist.thorax_rad[0] * _DEG,
        "pelvis_angle_deg": twist.pelvis_rad[0] * _DEG,
        "arm_angle_right_deg": twist.arm_right_rad[0] * _DEG,
        "arm_angle_left_deg": twist.arm_left_rad[0] * _DEG,
        "hip_angle_right_deg": k.angle_right_rad[0] * _DEG,
        "hip_angle_left_deg": k.angle_left_rad[0] * _DEG,
        "hip_moment_right_Nm_kg": hips.moment_right_Nm_kg[0],
        "hip_moment_left_Nm_kg": hips.moment_left_Nm_kg[0],
        "ang_mom_legs_kg_m2_s": twist.h_legs[0],
        "ang_mom_pelvis_kg_m2_s": twist.h_pelvis[0],
        "ang_mom_thorax_kg_m2_s": twist.h_thorax[0],
        "ang_mom_arms_kg_m2_s": twist.h_arms[0],
        "ang_mom_total_kg_m2_s": twist.h_total[0],
        "ground_yaw_moment_Nm": twist.ground_moment_Nm[0],
        "lumbar_axial_torque_Nm": twist.lumbar_torque_Nm[0],
        "vgrf_right_bw": ground.vgrf_right_bw[0],
        "vgrf_left_bw": ground.vgrf_left_bw[0],
        "vgrf_bw": ground.vgrf_right_bw[0] + ground.vgrf_left_bw[0],
        "com_vertical_m": ground.com_vertical_m[0],
        "com_lateral_m": sway.com_lateral_m[0],
        "trunk_lean_deg": sway.trunk_lean_rad[0] * _DEG,
        "hip_abductor_moment_right_Nm_kg": sway.hip_abductor_right_Nm_kg[0],
        "hip_abductor_moment_left_Nm_kg": sway.hip_abductor_left_Nm_kg[0],
        "lumbar_lateral_moment_Nm": sway.lumbar_lateral_moment_Nm[0],
        "stance_right": np.broadcast_to(ground.stance_right, ground.vgrf_right_bw.shape)[0],
        "stance_left": np.broadcast_to(ground.stance_left, ground.vgrf_left_bw.shape)[0],
    }
