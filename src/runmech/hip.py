"""Sagittal-plane hip: hip flexion angle over the stride, the hip moment, and an iliopsoas force estimate.

Angle
    A smooth template that reaches peak extension at toe-off and peak flexion late in swing
    (``hip_peak_flexion_phase``); its range of motion is a power law of stride length and its mid-point a linear
    function of the range, both fitted to the Fukuchi et al. (2017) treadmill data at 2.5–4.5 m/s. Tying the range to
    stride length means a higher cadence at the same speed gives a smaller hip range, as cadence-retraining studies
    report.
Moment (net internal moment per body mass, flexor positive)
    Stance: the vertical ground force times its lever arm about the hip, which shrinks from the foot being ahead of the
    hip at touchdown to behind it at toe-off (extensor first, flexor late in stance); the late-stance flexor part is
    reduced because the force then also points forward. Swing: the leg is a pendulum hanging from the hip and driven
    at stride frequency, ``M = I_hip * angular acceleration + m g r sin(angle)``. Each part carries one gain, fitted
    so the peaks match the Fukuchi et al. (2017) figures at 3.5 m/s; the trend with speed is then the model's own.
Iliopsoas
    Peak flexor moment divided by an effective moment arm (``iliopsoas_moment_arm_m``), in body weights. This assigns
    the whole flexor moment to iliopsoas, so it is an upper-bound style estimate; it is checked against the muscle
    forces of Lenhart et al. (2014).
"""

from __future__ import annotations

import numpy as np

from runmech.body import G, Runner, _p

__all__ = ["hip_template", "iliopsoas_force_bw"]


def hip_template(phase, phase_min, phase_max):
    """Unit hip-angle template over one stride and its first two derivatives with respect to phase.

    The template runs from -1 (peak extension at ``phase_min``) to +1 (peak flexion at ``phase_max``) along two
    half-cosines, so it is smooth (continuous slope) everywhere.

    Parameters
    ----------
    phase : numpy.ndarray
        Stride phase [fraction of the stride, 0..1].
    phase_min, phase_max : float or numpy.ndarray
        Phases of peak extension and peak flexion [fraction of the stride]; ``phase_min < phase_max``.

    Returns
    -------
    tuple of numpy.ndarray
        Template value [-1..1], first and second derivative with respect to phase [1 / stride, 1 / stride^2].

    Examples
    --------
    >>> import numpy as np
    >>> s, ds, dds = hip_template(np.array([0.3, 0.85]), 0.3, 0.85)
    >>> s.round(3).tolist()
    [-1.0, 1.0]
    """
    from runmech.torso import _finite_array

    phase = _finite_array("phase", phase)
    lo, hi = _finite_array("phase_min", phase_min), _finite_array("phase_max", phase_max)
    if np.any(lo < 0) or np.any(hi > 1) or np.any(hi <= lo):
        raise ValueError(f"phase_min and phase_max must satisfy 0 <= phase_min < phase_max <= 1; got {phase_min!r}, "
                         f"{phase_max!r}")
    return _template(phase, lo, hi)


def _template(phase, phase_min, phase_max):
    rise = phase_max - phase_min  # extension -> flexion (swing)
    fall = 1.0 - rise  # flexion -> extension (terminal swing and stance)
    s = np.mod(phase - phase_min, 1.0)
    up = s < rise
    k = np.where(up, np.pi / rise, np.pi / fall)  # angular rate of the active half-cosine [rad / stride]
    sign = np.where(up, -1.0, 1.0)
    ang = np.where(up, s, s - rise) * k
    c, sn = np.cos(ang), np.sin(ang)
    return sign * c, -sign * k * sn, -sign * k * k * c


def _hip_angles(phase, duty, stride_length, side_scale):
    """Hip angle [rad] and its phase derivatives for one leg (right-foot-strike at phase 0).

    ``side_scale`` multiplies the half range (asymmetry)."""
    rom = _p("hip_rom_a_deg") * stride_length ** _p("hip_rom_p")
    mid = _p("hip_mid_a_deg") + _p("hip_mid_b") * rom
    half = 0.5 * rom * side_scale
    val, d1, d2 = _template(phase, duty, _p("hip_peak_flexion_phase"))
    deg = np.pi / 180.0
    return (mid + half * val) * deg, half * d1 * deg, half * d2 * deg


def _hip_moment(phase, duty, stride_time, theta, d2_phase, fmax_bw, sin_alpha0, geo):
    """Net hip moment [N m / kg] of one leg whose foot strikes at phase 0; ``theta`` in rad."""
    in_stance = phase < duty
    x = np.clip(phase / duty, 0.0, 1.0)
    force = fmax_bw * G * np.sin(np.pi * x) * in_stance  # [N / kg]
    sin_alpha = sin_alpha0 * (1.0 - 2.0 * x)
    lever = geo.leg_length * sin_alpha * np.where(sin_alpha > 0, 1.0, _p("hip_stance_flexor_ratio"))
    stance = -_p("hip_stance_gain") * force * lever
    accel = d2_phase / stride_time**2  # [rad / s^2]
    swing_raw = (geo.i_leg_hip * accel + geo.m_leg * G * geo.r_leg * np.sin(theta)) / geo.mass
    weight = np.where(in_stance, 1.0 - np.sin(np.pi * x) ** 2, 1.0)
    return stance + _p("hip_swing_gain") * swing_raw * weight


def iliopsoas_force_bw(peak_flexor_moment_Nm_kg: float, runner: Runner) -> float:
    """Iliopsoas force [body weights] that would produce a given hip flexor moment on its own.

    Parameters
    ----------
    peak_flexor_moment_Nm_kg : float
        Hip flexor moment per body mass [N m / kg], 0 to 10.
    runner : Runner
        The runner (only its mass matters here, via body weight).

    Returns
    -------
    float
        Force [body weights] = moment / effective moment arm / body weight.

    Examples
    --------
    >>> round(iliopsoas_force_bw(1.0, Runner()), 1)
    3.9
    """
    from runmech._validate import check_real

    m = check_real("peak_flexor_moment_Nm_kg", peak_flexor_moment_Nm_kg, low=0, high=10, unit="N m/kg")
    if not isinstance(runner, Runner):
        raise TypeError(f"runner must be a runmech.Runner; got {runner!r} ({type(runner).__name__})")
    return m / _p("iliopsoas_moment_arm_m") / G
