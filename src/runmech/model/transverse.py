"""Transverse plane: how legs, pelvis, thorax and arms share angular momentum about the vertical.

Sign convention (seen from above): a positive yaw angle means the segment is rotated to the left, i.e. its right side
(right shoulder, right hip) is forward. Angular momentum about the vertical is positive for the same sense.

The chain of reasoning, segment by segment:

Legs
    Each leg's centre of mass swings fore and aft with the hip angle at a lateral distance from the body's midline
    (half the hip-joint spacing). A leg moving forward on the right side turns the body to the left:
    ``H_leg = m_leg * d_hip * v_fore_aft`` (right), with the opposite sign on the left.
Pelvis
    Yaws with the legs (right hip forward at right foot strike, Saunders et al. 2005), with a range that grows with
    stride length (fitted to Fukuchi et al. 2017 data). The legs' masses ride along with this rotation.
Arms
    Swing opposite to the leg on the same side; amplitude is a published typical range times the ``arm_swing`` knob.
    ``arm_swing = 0`` means the arms stay still relative to the thorax (they still turn with it).
Thorax
    Turns with a phase relative to the pelvis taken from data (``thorax_pelvis_phase_deg``; not a hard-coded 180 deg).
    Its amplitude is whatever best cancels the rest of the body's angular momentum (least squares over the stride):
    the body keeps its net vertical angular momentum small (Hinrichs 1987; Hamner et al. 2010). With the arms still,
    the thorax has to turn more, as Arellano & Kram (2014) found.
Lumbar axial torque
    The time derivative of the angular momentum of everything above the lumbar spine (thorax, head and arms).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from runmech._validate import check_array
from runmech.model.ground import PHASE
from runmech.model.hip import HipKinematics, hip_kinematics
from runmech.model.parameters import _p

__all__ = ["Twist", "twist", "periodic_derivative", "first_harmonic_phase_deg"]

_DEG = 180.0 / np.pi


@dataclass(frozen=True)
class Twist:
    """The transverse stage: yaw of pelvis and thorax, the arms' swing and everyone's angular momentum.

    Arrays of shape ``(n, 101)`` over the stride unless noted. Yaw: positive = rotated to the left.

    Attributes
    ----------
    thorax_rad, pelvis_rad : numpy.ndarray
        Yaw of thorax and pelvis [rad].
    arm_right_rad, arm_left_rad : numpy.ndarray
        Shoulder flexion angle of each arm [rad].
    h_legs, h_pelvis, h_thorax, h_arms, h_total : numpy.ndarray
        Angular momentum about the vertical [kg m^2 / s].
    lumbar_torque_Nm : numpy.ndarray
        Axial torque the lumbar spine passes up to thorax, head and arms [N m].
    thorax_share : numpy.ndarray
        Part of the legs' momentum balanced by the thorax, ``(n,)`` [-].
    metabolic_arm_swing_pct : numpy.ndarray
        Metabolic cost change of the arm swing used, ``(n,)`` [%].
    hips : HipKinematics
        The legs' hip angles this stage used (asymmetry included).

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> tw = twist(Runner(), stride_timing([3.0]), arm_swing=1.0, rotation_asymmetry_pct=0.0)
    >>> tw.thorax_rad.shape
    (1, 101)
    """

    thorax_rad: np.ndarray
    pelvis_rad: np.ndarray
    arm_right_rad: np.ndarray
    arm_left_rad: np.ndarray
    h_legs: np.ndarray
    h_pelvis: np.ndarray
    h_thorax: np.ndarray
    h_arms: np.ndarray
    h_total: np.ndarray
    lumbar_torque_Nm: np.ndarray
    thorax_share: np.ndarray
    metabolic_arm_swing_pct: np.ndarray
    hips: HipKinematics


def twist(runner, timing, *, arm_swing: float = 1.0, rotation_asymmetry_pct: float = 0.0) -> Twist:
    """The transverse stage: how legs, pelvis, arms and thorax share angular momentum about the vertical.

    Parameters
    ----------
    runner : runmech.Runner
        The body (segment masses, inertias, hip and shoulder widths).
    timing : runmech.model.gait.Timing
        Stride timing.
    arm_swing : float
        Arm swing relative to typical [-].
    rotation_asymmetry_pct : float
        More thoracic rotation to the right (positive) [%].

    Returns
    -------
    Twist

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> t = stride_timing([3.0])
    >>> still = twist(Runner(), t, arm_swing=0.0)
    >>> usual = twist(Runner(), t, arm_swing=1.0)
    >>> bool(np.ptp(still.thorax_rad) > np.ptp(usual.thorax_rad))
    True
    """
    geo = runner._geo
    phase = PHASE[None, :]
    big_t = timing.stride_time_s[:, None]
    sl = timing.stride_length_m[:, None]
    v = timing.speed_m_s[:, None]
    d_hip, d_sh = geo.hip_half_width, geo.shoulder_half_width

    def legs(scale_r, scale_l):
        kin = hip_kinematics(timing, scale_r, scale_l)
        lever = geo.m_leg * d_hip * geo.r_leg * _p("leg_transverse_radius_factor")
        h = lever * (kin.d1_right * np.cos(kin.angle_right_rad) - kin.d1_left * np.cos(kin.angle_left_rad)) / big_t
        return kin, h

    kin0, h_legs0 = legs(1.0, 1.0)

    # pelvis: yaw with the legs (right hip forward near right foot strike)
    rom_p = _p("pelvis_rom_a_deg") * sl ** _p("pelvis_rom_p") / _DEG
    ang_p = 2.0 * np.pi * (phase - _p("pelvis_peak_phase"))
    amp_p = 0.5 * rom_p
    psi_p0 = amp_p * np.cos(ang_p)
    i_pel = geo.i_pelvis + 2.0 * geo.m_leg * d_hip**2

    # arms: swing opposite to the leg on the same side
    rom_a = arm_swing * (_p("arm_rom_a_deg") + _p("arm_rom_b_deg_per_m_s") * v) / _DEG
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
    a = rotation_asymmetry_pct / 100.0
    if a == 0.0:
        psi_t, psi_p, kin, h_legs = psi_t0, psi_p0, kin0, h_legs0
        h_pel = h_pel0
        h_th = amp_t * basis_d
    else:
        psi_t = _skew(psi_t0, amp_t, a)
        psi_p = _skew(psi_p0, amp_p, -share * a)
        kin, h_legs = legs(1.0 + 0.5 * share * a, 1.0 - 0.5 * share * a)
        h_pel = i_pel * _periodic_derivative(psi_p, big_t)
        h_th = i_th * _periodic_derivative(psi_t, big_t)
    h_arms = np.broadcast_to(h_arms, h_legs.shape)
    h_tot = h_legs + h_pel + h_th + h_arms
    torque = _periodic_derivative(h_th + h_arms, big_t)
    met_arms = np.full(timing.speed_m_s.shape, _p("arm_swing_removal_cost_pct") * (1.0 - arm_swing) ** 2)
    return Twist(psi_t, psi_p, np.broadcast_to(arm_r, h_legs.shape), np.broadcast_to(arm_l, h_legs.shape), h_legs,
                 h_pel, h_th, h_arms, h_tot, torque, share[:, 0], met_arms, kin)


def _ptp(x):
    return x.max(axis=-1) - x.min(axis=-1)


def periodic_derivative(y, period_s):
    """Time derivative of a signal sampled over one period, closed ends (last sample repeats the first).

    Parameters
    ----------
    y : numpy.ndarray
        Samples along the last axis, ``y[..., -1] == y[..., 0]``.
    period_s : float or numpy.ndarray
        Period [s]; broadcast against ``y[..., :1]``.

    Returns
    -------
    numpy.ndarray
        dy/dt with the same shape as ``y`` (central differences, wrapping around the period).

    Examples
    --------
    >>> import numpy as np
    >>> t = np.linspace(0, 1, 101)
    >>> d = periodic_derivative(np.sin(2 * np.pi * t), 1.0)
    >>> round(float(d[0]), 2)
    6.28
    """
    y = check_array("y", y)
    if y.shape[-1] < 3:
        raise ValueError(f"y must have at least 3 samples along its last axis; got shape {y.shape}")
    period = check_array("period_s", period_s)
    if np.any(period <= 0):
        raise ValueError(f"period_s must be positive [s]; got {period_s!r}")
    return _periodic_derivative(y, period)


def _periodic_derivative(y, period_s):
    core = y[..., :-1]
    n = core.shape[-1]
    dt = np.asarray(period_s, dtype=float) / n
    d = (np.roll(core, -1, axis=-1) - np.roll(core, 1, axis=-1)) / (2.0 * dt)
    return np.concatenate([d, d[..., :1]], axis=-1)


def first_harmonic_phase_deg(y):
    """Phase [deg] of the first harmonic of a closed periodic signal (0 = cosine peak at the start).

    Examples
    --------
    >>> import numpy as np
    >>> t = np.linspace(0, 1, 101)
    >>> round(float(first_harmonic_phase_deg(np.cos(2 * np.pi * (t - 0.25)))))
    90
    """
    y = check_array("y", y)
    if y.ndim == 0 or y.shape[-1] < 3:
        raise ValueError(f"y must hold at least 3 samples of one closed period; got {y.shape}")
    y = y[..., :-1]
    n = y.shape[-1]
    k = np.exp(-2j * np.pi * np.arange(n) / n)
    c = (y * k).sum(axis=-1)
    return np.degrees(-np.angle(c)) % 360.0


def _h1(y):
    y = np.asarray(y, dtype=float)[..., :-1]
    n = y.shape[-1]
    return (y * np.exp(-2j * np.pi * np.arange(n) / n)).sum(axis=-1)


def _skew(theta, amp, a):
    """Make the negative (rightward) peak larger by factor (1 + a/2) and the positive one smaller, smoothly."""
    safe = np.where(np.abs(amp) > 1e-12, np.abs(amp), 1.0)
    u = theta / safe
    return theta - 0.5 * a * safe * u * u
