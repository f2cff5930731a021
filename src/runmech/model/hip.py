"""Sagittal-plane hip: the hip moment of each leg by inverse dynamics of a two-segment leg, and an iliopsoas estimate.

Angles
    Hip and knee flexion come from :mod:`runmech.model.leg` (smooth Fourier curves; :func:`hip_kinematics` is the
    same function, kept here for the stages that ask the hip for the legs' angles).
Moment (net internal moment per body mass, flexor positive)
    One equation over the whole stride, no gains: the hip moment is what the pelvis must apply to the leg (thigh,
    and shank with foot, de Leva segments) so that the leg follows its angles while the hip itself accelerates
    with the centre of mass, minus what the ground force does about the hip in stance::

        M_hip = sum_i [ I_i phi_i'' + m_i (r_i x (a_hip + a_i,rel + g)) ] - r_cop x F_ground

    In swing the ground force is zero and the moment is the leg's own dynamics (the flexor moment that swings it
    forward, the extensor moment that brakes it before touchdown). In stance the ground force's lever about the
    hip dominates: extensor while the foot is ahead of the hip, flexor when it is behind; the leg's own terms fade
    out towards mid-stance (weight ``1 - sin^2(pi x)``, x = part of the stance done), because there the foot
    carries the leg and the prescribed angles no longer say how its mass moves. Every term is a smooth function of
    phase, and the ground force starts and ends at zero, so the curve has no steps.
Iliopsoas
    A small static optimisation shares the peak flexor moment among the five hip flexors of the Rajagopal et al.
    (2016) model that comes with the shipped trial (iliacus, psoas, rectus femoris, sartorius, tensor fasciae
    latae; moment arms computed from its muscle paths, maximal forces from the model): every flexor equally
    activated, the choice that keeps the most-activated muscle as low as possible. Iliacus plus psoas then carry
    about 40 % of the moment. It is an estimate, in body weights: optimising the sum of squared activations instead
    gives them less (rectus femoris is the strongest flexor, as Kumazaki et al. 2022 found), and muscle-driven
    simulations that also balance the knee give them more (Lenhart et al. 2014), because rectus femoris also
    extends the knee. :func:`iliopsoas_force_bw` gives the estimate for any share.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from runmech._validate import check_array, check_instance, check_real, shown
from runmech.constants import GRAVITY_M_S2
from runmech.model.body import Runner
from runmech.model.gait import PHASE, PHASE_LEFT
from runmech.model.leg import (HipKinematics, _both_legs_points, hip_kinematics,
                               leg_segments, segment_kinematics)
from runmech.model._stages import check_stage
from runmech.model.parameters import _p

__all__ = ["HipKinematics", "HipMotion", "hip_kinematics", "hip_moments", "iliopsoas_force_bw", "iliopsoas_share",
           "leg_moment"]


@dataclass(frozen=True)
class HipMotion:
    """The hip stage: each leg's angles (:class:`HipKinematics`) and its net hip moment.

    Attributes
    ----------
    kinematics : HipKinematics
        Angles and their derivatives.
    moment_right_Nm_kg, moment_left_Nm_kg : numpy.ndarray
        Net internal hip moment per body mass [N m / kg], flexor positive, ``(n, 101)``.
    swing_right_Nm_kg, swing_left_Nm_kg : numpy.ndarray
        The part from the leg's own motion (everything except the ground force's lever) [N m / kg].

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
    swing_right_Nm_kg: np.ndarray
    swing_left_Nm_kg: np.ndarray


def hip_moments(runner, timing, ground, kinematics: HipKinematics, leg_points=None) -> HipMotion:
    """The hip stage: net hip moment of each leg by inverse dynamics of the two-segment leg.

    Parameters
    ----------
    runner : runmech.Runner
        The body (segment masses, lengths and inertias).
    timing : runmech.model.gait.Timing
        Stride timing.
    ground : runmech.model.ground.GroundForce
        The ground stage (forces under each foot, centres of pressure).
    kinematics : HipKinematics
        The legs' angles (from :func:`hip_kinematics`).
    leg_points : dict, optional
        Both legs' points moved by those angles (:func:`runmech.model.leg._both_legs_points`, as the twist stage
        hands them on); computed when omitted.

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
    seg = leg_segments(runner)
    check_stage("timing", timing)
    check_stage("ground", ground)
    check_instance("kinematics", kinematics, HipKinematics, "a HipKinematics (from hip_kinematics(timing))")
    if leg_points is None:
        leg_points = _both_legs_points(kinematics, seg, timing.stride_time_s[:, None])
    elif not isinstance(leg_points, dict) or not set(_LEG_POINT_KEYS) <= set(leg_points):
        raise TypeError(f"leg_points must be None or the dict the twist stage hands on (Twist.leg_points); got "
                        f"{shown(leg_points)} ({type(leg_points).__name__})")
    return _hip_moments(runner, timing, ground, kinematics, leg_points, seg)


def _hip_moments(runner, timing, ground, kinematics, leg_points, seg) -> HipMotion:
    """:func:`hip_moments` after its checks, with the legs' points and segments given."""
    g = GRAVITY_M_S2
    # both legs at once (index 0 right, 1 left), as the legs' points come
    fx = np.stack([ground.fx_right_bw, ground.fx_left_bw]) * g
    fy = np.stack([ground.vgrf_right_bw, ground.vgrf_left_bw]) * g
    # the hip moves with the centre of mass: its acceleration follows from the two feet's forces
    a_hip = (fx[0] + fx[1], fy[0] + fy[1] - g)
    duty = timing.duty_factor[None, :, None]
    # in stance the foot carries the leg: its own inertia and weight fade out towards mid-stance
    x = np.minimum(np.maximum(_PHASES / duty, 0.0), 1.0)
    carried = np.where(_PHASES < duty, 1.0 - np.sin(np.pi * x) ** 2, 1.0)
    own = _moment_of(seg, leg_points, a_hip) / runner.mass_kg * carried
    cop_x = np.stack([ground.cop_right_m[0], ground.cop_left_m[0]])
    cop_y = np.stack([ground.cop_right_m[1], ground.cop_left_m[1]])
    net = own - (cop_x * fy - cop_y * fx)  # minus the moment of the ground force about the hip [N m / kg]
    return HipMotion(kinematics, net[0], net[1], own[0], own[1])


_PHASES = np.stack([PHASE[None, :], PHASE_LEFT])  # (2, 1, 101): each leg's phase since its foot strike


def leg_moment(segments, thigh, shank, stride_time_s, hip_acceleration):
    """Hip moment [N m] that makes a free two-segment leg follow its angles while the hip accelerates.

    Parameters
    ----------
    segments : runmech.model.leg.LegSegments
        The leg (:func:`runmech.model.leg.leg_segments`).
    thigh, shank : tuple of numpy.ndarray
        Absolute angles from the downward vertical [rad] with first and second phase derivatives.
    stride_time_s : float or numpy.ndarray
        Stride time [s], above 0 and at most 10, broadcastable against the angles.
    hip_acceleration : tuple of numpy.ndarray
        Hip acceleration ``(ax, ay)`` [m / s^2], x forward, y up.

    Returns
    -------
    numpy.ndarray
        Moment the pelvis applies to the thigh [N m], flexor (forward) positive; no ground force included.

    Examples
    --------
    >>> import numpy as np
    >>> from runmech import Runner
    >>> from runmech.model.leg import leg_segments
    >>> s = leg_segments(Runner())
    >>> still = (np.zeros(1), np.zeros(1), np.zeros(1))
    >>> float(leg_moment(s, still, still, np.ones(1), (np.zeros(1), np.zeros(1)))[0])  # hanging straight
    0.0
    """
    pts = segment_kinematics(segments, thigh, shank, stride_time_s, points=("thigh_com", "shank_com"))  # checks
    acc = check_instance("hip_acceleration", hip_acceleration, (tuple, list), "a pair of arrays (ax, ay) [m/s^2]")
    if len(acc) != 2:
        raise ValueError(f"hip_acceleration must hold two arrays (ax, ay) [m/s^2]; got {len(acc)}")
    acc = tuple(check_array(f"hip_acceleration[{i}]", a, unit="m/s^2") for i, a in enumerate(acc))
    try:
        np.broadcast_shapes(pts["thigh_acc"].shape, *(a.shape for a in acc))
    except ValueError:
        raise ValueError(f"hip_acceleration's arrays must broadcast against the angles; got shapes "
                         f"{[a.shape for a in acc]} and {pts['thigh_acc'].shape}") from None
    return _moment_of(segments, pts, acc)


def _moment_of(segments, pts, hip_acceleration):
    """:func:`leg_moment` from the leg's points already moved (``segment_kinematics``'s output)."""
    ax, ay = hip_acceleration
    total = segments.thigh_inertia_kg_m2 * pts["thigh_acc"] + segments.shank_inertia_kg_m2 * pts["shank_acc"]
    for name, mass in (("thigh_com", segments.thigh_kg), ("shank_com", segments.shank_kg)):
        x, y, _vx, _vy, rax, ray = pts[name]
        total = total + mass * (x * (ay + ray + GRAVITY_M_S2) - y * (ax + rax))
    return total


_LEG_POINT_KEYS = ("thigh_com", "shank_com", "thigh_acc", "shank_acc")
_FLEXORS = ("iliacus", "psoas", "rectus_femoris", "sartorius", "tensor_fasciae_latae")


def iliopsoas_force_bw(peak_flexor_moment_Nm_kg: float, runner: Runner, *, share: float | None = None) -> float:
    """Iliopsoas (iliacus + psoas) force [body weights] for a hip flexor moment (an estimate).

    Parameters
    ----------
    peak_flexor_moment_Nm_kg : float
        Hip flexor moment per body mass [N m / kg], 0 to 10.
    runner : Runner
        The runner (only its mass matters here, via body weight).
    share : float or None
        Part of the moment made by iliacus and psoas [-], 0 to 1; ``None`` = the static optimisation's share
        (every hip flexor equally activated).

    Returns
    -------
    float
        Force [body weights]; with a given share, share x moment / the iliopsoas' mean moment arm / g.

    Examples
    --------
    >>> round(iliopsoas_force_bw(1.0, Runner()), 2)
    1.69
    >>> round(iliopsoas_force_bw(1.0, Runner(), share=1.0), 2)
    4.18
    """
    m = check_real("peak_flexor_moment_Nm_kg", peak_flexor_moment_Nm_kg, low=0, high=10, unit="N m/kg")
    check_stage("runner", runner)
    share = check_real("share", share, low=0.0, high=1.0, allow_none=True)
    if share is None:
        return float(_iliopsoas(np.asarray(m)))
    arm = 0.5 * (_p("hip_flexor_arm_iliacus_m") + _p("hip_flexor_arm_psoas_m"))
    return share * m / arm / GRAVITY_M_S2


def iliopsoas_share() -> float:
    """Part of the hip flexor moment that iliacus and psoas make when every hip flexor is equally activated [-].

    Returns
    -------
    float
        ``sum_iliopsoas F_max r / sum_flexors F_max r`` (Rajagopal et al. 2016 model: moment arms, maximal forces).

    Examples
    --------
    >>> round(iliopsoas_share(), 2)
    0.4
    """
    strength = {m: _p(f"hip_flexor_fmax_{m}_N") * _p(f"hip_flexor_arm_{m}_m") for m in _FLEXORS}
    return (strength["iliacus"] + strength["psoas"]) / sum(strength.values())


def _iliopsoas(moment_Nm_kg):
    """Iliopsoas force [body weights] for flexor moments [N m / kg]: equal activation of the five flexors."""
    strength = sum(_p(f"hip_flexor_fmax_{m}_N") * _p(f"hip_flexor_arm_{m}_m") for m in _FLEXORS)
    per_moment = (_p("hip_flexor_fmax_iliacus_N") + _p("hip_flexor_fmax_psoas_N")) / strength  # [N per N m]
    return per_moment * moment_Nm_kg / GRAVITY_M_S2
