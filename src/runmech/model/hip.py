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

from dataclasses import dataclass

import numpy as np

from runmech._validate import check_array
from runmech.constants import GRAVITY_M_S2
from runmech.model.body import Runner
from runmech.model.ground import PHASE
from runmech.model.parameters import _p

__all__ = ["HipKinematics", "HipMotion", "hip_kinematics", "hip_moments", "hip_template", "iliopsoas_force_bw"]


@dataclass(frozen=True)
class HipKinematics:
    """Hip flexion angle of each leg over the stride and its phase derivatives (arrays ``(n, 101)``).

    Attributes
    ----------
    angle_right_rad, angle_left_rad : numpy.ndarray
        Hip flexion angle [rad], flexion positive.
    d1_right, d1_left : numpy.ndarray
        First derivative with respect to stride phase [rad / stride].
    d2_right, d2_left : numpy.ndarray
        Second derivative with respect to stride phase [rad / stride^2].

    Examples
    --------
    >>> from runmech.model.gait import stride_timing
    >>> hip_kinematics(stride_timing([3.0])).angle_right_rad.shape
    (1, 101)
    """

    angle_right_rad: np.ndarray
    angle_left_rad: np.ndarray
    d1_right: np.ndarray
    d1_left: np.ndarray
    d2_right: np.ndarray
    d2_left: np.ndarray


@dataclass(frozen=True)
class HipMotion:
    """The hip stage: each leg's angle (:class:`HipKinematics`) and its net hip moment.

    Attributes
    ----------
    kinematics : HipKinematics
        Angles and their derivatives.
    moment_right_Nm_kg, moment_left_Nm_kg : numpy.ndarray
        Net internal hip moment per body mass [N m / kg], flexor positive, ``(n, 101)``.

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> from runmech.model.ground import ground_force
    >>> t = stride_timing([3.0]); r = Runner()
    >>> m = hip_moments(r, t, ground_force(r, t), hip_kinematics(t))
    >>> bool(m.moment_right_Nm_kg.max() > 0 > m.moment_right_Nm_kg.min())
    True
    """

    kinematics: HipKinematics
    moment_right_Nm_kg: np.ndarray
    moment_left_Nm_kg: np.ndarray


def hip_kinematics(timing, side_scale_right: float = 1.0, side_scale_left: float = 1.0) -> HipKinematics:
    """Hip flexion angle of both legs over the stride (right foot strike at phase 0, left at 0.5).

    Parameters
    ----------
    timing : runmech.model.gait.Timing
        From :func:`runmech.model.gait.stride_timing`.
    side_scale_right, side_scale_left : float or numpy.ndarray
        Multiply each leg's half range of motion [-] (1 = the range the stride length gives).

    Returns
    -------
    HipKinematics

    Examples
    --------
    >>> import numpy as np
    >>> from runmech.model.gait import stride_timing
    >>> k = hip_kinematics(stride_timing([3.0]))
    >>> round(float(np.degrees(np.ptp(k.angle_right_rad))), 1)
    56.3
    """
    phase = PHASE[None, :]
    duty = timing.duty_factor[:, None]
    sl = timing.stride_length_m[:, None]
    th_r, d1_r, d2_r = _hip_angles(phase, duty, sl, side_scale_right)
    th_l, d1_l, d2_l = _hip_angles(np.mod(phase - 0.5, 1.0), duty, sl, side_scale_left)
    return HipKinematics(th_r, th_l, d1_r, d1_l, d2_r, d2_l)


def hip_moments(runner, timing, ground, kinematics: HipKinematics) -> HipMotion:
    """The hip stage: net hip moment of each leg from the ground force in stance and the swinging leg in swing.

    Parameters
    ----------
    runner : runmech.Runner
        The body (leg mass, inertia and length).
    timing : runmech.model.gait.Timing
        Stride timing.
    ground : runmech.model.ground.GroundForce
        The ground stage (peak vertical force).
    kinematics : HipKinematics
        The legs' angles (from :func:`hip_kinematics`).

    Returns
    -------
    HipMotion

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> from runmech.model.ground import ground_force
    >>> t = stride_timing([2.5, 4.5]); r = Runner()
    >>> m = hip_moments(r, t, ground_force(r, t), hip_kinematics(t))
    >>> bool(m.moment_right_Nm_kg[1].max() > m.moment_right_Nm_kg[0].max())
    True
    """
    geo = runner._geo
    phase = PHASE[None, :]
    duty = timing.duty_factor[:, None]
    big_t = timing.stride_time_s[:, None]
    fmax = ground.peak_vgrf_bw[:, None]
    sin_a0 = np.minimum(timing.speed_m_s[:, None] * timing.contact_time_s[:, None] / (2.0 * geo.leg_length), 0.95)
    k = kinematics
    m_r = _hip_moment(phase, duty, big_t, k.angle_right_rad, k.d2_right, fmax, sin_a0, geo)
    m_l = _hip_moment(np.mod(phase - 0.5, 1.0), duty, big_t, k.angle_left_rad, k.d2_left, fmax, sin_a0, geo)
    return HipMotion(k, m_r, m_l)


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

    phase = check_array("phase", phase)
    lo, hi = check_array("phase_min", phase_min), check_array("phase_max", phase_max)
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
    force = fmax_bw * GRAVITY_M_S2 * np.sin(np.pi * x) * in_stance  # [N / kg]
    sin_alpha = sin_alpha0 * (1.0 - 2.0 * x)
    lever = geo.leg_length * sin_alpha * np.where(sin_alpha > 0, 1.0, _p("hip_stance_flexor_ratio"))
    stance = -_p("hip_stance_gain") * force * lever
    accel = d2_phase / stride_time**2  # [rad / s^2]
    swing_raw = (geo.i_leg_hip * accel + geo.m_leg * GRAVITY_M_S2 * geo.r_leg * np.sin(theta)) / geo.mass
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
    return m / _p("iliopsoas_moment_arm_m") / GRAVITY_M_S2
