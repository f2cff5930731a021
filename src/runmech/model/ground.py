"""The ground stage: vertical and fore-aft ground force under each foot, leg and vertical stiffness, centre-of-mass bounce.

Vertical force: an impact transient and an active peak
    Following the two-mass picture of Clark, Ryan & Weyand (2014), the vertical force of one contact is the sum of
    two parts. The *impact transient* stops the lower leg (shank and foot, de Leva masses): an impulse
    ``m_1 v_1`` delivered as a half-sine over ``t_1 = pi sqrt(m_1 / k_heel)`` (heel pad and shoe), where ``v_1`` is
    the foot's downward speed at touchdown, computed from the swinging leg (:mod:`runmech.model.leg`) and the fall
    of the body during flight. ``k_heel`` was fitted to the rise of the shipped real trial's vertical force (about
    68 ms for the typical runner: a shoulder, not a sharp peak) and scales between runners by dynamic similarity
    (:func:`heel_stiffness_N_m`), so the impact lasts ``sqrt(size)`` times as long in a larger runner. The *active peak* carries the rest of the body: a half-sine over the contact time
    whose impulse makes the two feet's force average one body weight over the stride. The contact time comes from
    the duty-factor relation in :mod:`runmech.model.gait` (not from any force data), so the peak vertical force is a
    prediction.
Fore-aft force and centre of pressure
    The foot stays where it landed while the hip passes over it at the running speed, and the centre of pressure
    rolls from heel to forefoot; for a steady speed it is under the pivot at mid-stance. The ground force points from the centre of pressure at a point a little above the hip
    and slightly ahead of it (``ground_force_pivot_above_hip_m``, a fitted height, and
    ``ground_force_pivot_ahead_of_hip_m``, from the trunk's forward lean), which gives the braking
    and push-off forces and the force's lever about the hip used by :mod:`runmech.model.hip`.
Stiffness and bounce
    Leg and vertical stiffness follow Morin et al. (2005) from contact and flight time (their sine-wave method, as a
    lab would compute them from the same times), ``k_vert = F_max / dy`` and ``k_leg = F_max / dL`` with
    ``dL = L - sqrt(L^2 - (v t_c / 2)^2) + dy``; the centre of mass moves ballistically in flight and under the
    sine-wave force in contact (closed form).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from runmech._validate import check_array, check_real
from runmech.constants import GRAVITY_M_S2
from runmech.model.gait import PHASE, PHASE_LEFT
from runmech.model.knobs import KNOBS
from runmech.model.leg import _touchdown, leg_segments
from runmech.model._stages import check_stage
from runmech.model.parameters import _p

__all__ = ["GroundForce", "ground_force", "peak_vgrf_bw", "spring_mass", "body_size", "heel_stiffness_N_m", "PHASE"]



@dataclass(frozen=True)
class GroundForce:
    """The ground stage: ground force and the spring–mass figures (``(n,)`` scalars, ``(n, 101)`` curves).

    Attributes
    ----------
    peak_vgrf_bw : numpy.ndarray
        Peak vertical ground force of one contact [body weights].
    impact_peak_bw : numpy.ndarray
        Vertical force at the end of the impact transient's rise [body weights].
    com_drop_m : numpy.ndarray
        Centre-of-mass drop from touchdown to mid-stance [m].
    vertical_stiffness_kN_m, leg_stiffness_kN_m : numpy.ndarray
        Vertical and leg stiffness of the runner [kN / m] (Morin et al. 2005 method).
    vgrf_right_bw, vgrf_left_bw : numpy.ndarray
        Vertical force under each foot over the stride [body weights].
    fx_right_bw, fx_left_bw : numpy.ndarray
        Fore-aft force under each foot [body weights], forward positive (negative = braking).
    cop_right_m, cop_left_m : numpy.ndarray
        Centre of pressure relative to the hip, ``(2, n, 101)``: x forward and y up [m] (zero in swing).
    stance_right, stance_left : numpy.ndarray
        True while each foot is on the ground.
    com_vertical_m : numpy.ndarray
        Vertical centre-of-mass position over the stride, mean removed [m].
    foot_touchdown_m_s, impact_time_s, impact_impulse_N_s, active_peak_N : numpy.ndarray
        Downward foot speed at touchdown [m/s], duration of the impact transient [s], its impulse [N s] and the
        active half-sine's peak [N] (the shock stage is driven by this force).
    knee_touchdown_rad, leg_angle_touchdown_rad : numpy.ndarray
        Knee flexion and the leg's angle from the vertical (hip to ankle) at touchdown [rad].

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> g = ground_force(Runner(), stride_timing([3.0]))
    >>> g.vgrf_right_bw.shape
    (1, 101)
    """

    peak_vgrf_bw: np.ndarray
    impact_peak_bw: np.ndarray
    com_drop_m: np.ndarray
    vertical_stiffness_kN_m: np.ndarray
    leg_stiffness_kN_m: np.ndarray
    vgrf_right_bw: np.ndarray
    vgrf_left_bw: np.ndarray
    fx_right_bw: np.ndarray
    fx_left_bw: np.ndarray
    cop_right_m: np.ndarray
    cop_left_m: np.ndarray
    stance_right: np.ndarray
    stance_left: np.ndarray
    com_vertical_m: np.ndarray
    foot_touchdown_m_s: np.ndarray
    impact_time_s: np.ndarray
    impact_impulse_N_s: np.ndarray
    active_peak_N: np.ndarray
    knee_touchdown_rad: np.ndarray
    leg_angle_touchdown_rad: np.ndarray


_PHASE_STEP = np.mod(PHASE[None, :], 0.5) / 0.5  # the phase within each step
_PHASE_STEP.flags.writeable = False
_N1 = PHASE.size
_N2 = 2 * _N1
_PHASE_BOTH = np.concatenate([PHASE[None, :], PHASE_LEFT], axis=1)  # (1, 202): the right foot's phases, the left's
_PHASE_BOTH.flags.writeable = False
_PEAK_GRID = np.linspace(0.0, 1.0, 129)[None, :]  # the contact's largest force is searched on this grid


def _stance_geometry(timing, foot_m, phase, duty, com_drop):
    """Centre of pressure (x, y) relative to the hip in stance, and the ankle's place ahead of the hip at touchdown.

    The foot stays where it landed while the hip travels over it at the running speed; the centre of pressure
    rolls from heel to forefoot. Steady speed means braking and push-off balance, so the centre of pressure is under
    the hip (and under the ground force's pivot) at mid-stance; the hip is lowest there by the centre-of-mass drop.
    """
    v = timing.speed_m_s[:, None]
    tc = timing.contact_time_s[:, None]
    a, b = _p("cop_start_per_foot"), _p("cop_end_per_foot")
    roll = np.minimum(np.maximum(phase / duty, 0.0), 1.0)
    ankle_td = 0.5 * v * tc - foot_m * 0.5 * (a + b) + _p("ground_force_pivot_ahead_of_hip_m")
    cop_x = ankle_td - v * tc * roll + foot_m * (a + (b - a) * roll)
    cop_y = -(timing.leg_length_m[:, None] - com_drop[:, None] * np.sin(np.pi * roll))
    return cop_x, cop_y, ankle_td[:, 0]


def ground_force(runner, timing) -> GroundForce:
    """The ground stage: vertical (impact and active) and fore-aft force under each foot, and the stiffnesses.

    Parameters
    ----------
    runner : runmech.Runner
        The runner (segment masses and lengths, leg length).
    timing : runmech.model.gait.Timing
        From :func:`runmech.model.gait.stride_timing`.

    Returns
    -------
    GroundForce

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> g = ground_force(Runner(), stride_timing([2.5, 4.5]))
    >>> bool(g.peak_vgrf_bw[1] > g.peak_vgrf_bw[0])
    True
    """
    check_stage("runner", runner)
    check_stage("timing", timing)
    return _ground_force(runner, timing)


def _ground_force(runner, timing) -> GroundForce:
    """:func:`ground_force` after its checks."""
    mass = runner.mass_kg
    weight = mass * GRAVITY_M_S2
    tc, tf, step = timing.contact_time_s, timing.flight_time_s, timing.step_time_s
    duty = timing.duty_factor[:, None]
    seg = leg_segments(runner)
    dy, kv, kl, _ = _spring_mass(timing.speed_m_s, tc, tf, timing.leg_length_m)
    # both feet at once: the right foot's phases, then the left's (split below into views)
    cx, cy, ankle_td = _stance_geometry(timing, seg.foot_m, _PHASE_BOTH, duty, dy)
    # foot speed at touchdown: the fall in flight plus the ankle's own downward speed relative to the hip
    knee_td, _vx, ankle_vy = _touchdown(timing, seg)
    v_com = GRAVITY_M_S2 * tf / 2.0
    v_foot = np.maximum(v_com - ankle_vy, 0.0)
    m1 = seg.shank_kg
    t1 = np.pi * np.sqrt(m1 / _heel_stiffness(runner))
    t1 = np.minimum(t1, 0.5 * tc)
    j1 = m1 * v_foot
    active = np.maximum(weight * step - j1, 0.0) * np.pi / (2.0 * tc)  # peak of the active half-sine [N]
    # one evaluation of the contact's force: both feet over the stride, mid-impact, and the fine grid for the peak
    tc_ = tc[:, None]
    times = np.concatenate([_PHASE_BOTH * timing.stride_time_s[:, None], t1[:, None] / 2.0, _PEAK_GRID * tc_], axis=1)
    f_all = _vertical(times, tc_, t1[:, None], j1[:, None], active[:, None])
    f = f_all[:, :_N2] / weight
    impact = f_all[:, _N2] / weight
    peak = f_all[:, _N2 + 1:].max(axis=1) / weight
    st = _PHASE_BOTH < duty
    lift, ahead = _p("ground_force_pivot_above_hip_m"), _p("ground_force_pivot_ahead_of_hip_m")
    fx = f * (ahead - cx) / (lift - cy)
    f, fx, cx, cy = f * st, fx * st, cx * st, cy * st
    com_v = _com_vertical(_PHASE_STEP, step[:, None], tc_, _peak_vgrf(tc, tf)[:, None])
    kn = mass / 1000.0
    r, l_ = slice(0, _N1), slice(_N1, _N2)
    cop_r = np.stack([cx[:, r], cy[:, r]])
    cop_l = np.stack([cx[:, l_], cy[:, l_]])
    leg_td = np.arcsin(np.clip(ankle_td / timing.leg_length_m, -0.95, 0.95))
    return GroundForce(peak, impact, dy, kv * kn, kl * kn, f[:, r], f[:, l_], fx[:, r], fx[:, l_], cop_r,
                       cop_l, st[:, r], st[:, l_], com_v, v_foot, t1, j1, active, knee_td, leg_td)


def body_size(runner) -> float:
    """The runner's size relative to the typical runner of the knob table (height over 1.74 m) [-].

    The impact's springs and dampers are scaled between runners by dynamic similarity, as the timing is (Froude):
    at the same Froude speed a runner twice as tall moves like the typical one with lengths doubled and times
    ``sqrt(2)`` longer, so stiffness per body mass goes as ``1 / size`` and damping per body mass as
    ``1 / sqrt(size)``.

    Parameters
    ----------
    runner : runmech.Runner
        The body.

    Returns
    -------
    float
        ``height / 1.74 m``.

    Examples
    --------
    >>> from runmech import Runner
    >>> round(body_size(Runner(height_m=1.566)), 2)
    0.9
    """
    return check_stage("runner", runner).height_m / KNOBS["height_m"].default


def heel_stiffness_N_m(runner) -> float:
    """Stiffness of heel pad and shoe under the lower leg during the impact [N / m], scaled to the runner.

    Parameters
    ----------
    runner : runmech.Runner
        The body (mass and height; the typical runner's value is ``heel_shoe_stiffness_kN_m``, scaled with body
        mass over the size, :func:`body_size`, so the impact lasts ``sqrt(size)`` times as long).

    Returns
    -------
    float
        Stiffness [N / m].

    Examples
    --------
    >>> from runmech import Runner
    >>> heel_stiffness_N_m(Runner(mass_kg=146.0)) == 2 * heel_stiffness_N_m(Runner())
    True
    """
    check_stage("runner", runner)
    return _heel_stiffness(runner)


def _heel_stiffness(runner) -> float:
    return (_p("heel_shoe_stiffness_kN_m") * 1000.0 * runner.mass_kg / KNOBS["mass_kg"].default
            / (runner.height_m / KNOBS["height_m"].default))


def _vertical(t, tc, t1, j1, active):
    """Vertical force of one contact [N] at times ``t`` after touchdown (zero outside the contact)."""
    inside = (t >= 0.0) & (t <= tc)
    main = active * np.sin(np.pi * np.minimum(np.maximum(t / tc, 0.0), 1.0))
    hit = j1 * np.pi / (2.0 * t1) * np.sin(np.pi * np.minimum(np.maximum(t / t1, 0.0), 1.0))
    return (main + hit) * inside


def peak_vgrf_bw(contact_time_s, flight_time_s):
    """Peak vertical ground force [body weights] from contact and flight time (Morin et al. 2005).

    Parameters
    ----------
    contact_time_s : float or numpy.ndarray
        Contact time of one step [s].
    flight_time_s : float or numpy.ndarray
        Flight time of one step [s].

    Returns
    -------
    float or numpy.ndarray
        Peak force [body weights].

    Examples
    --------
    >>> round(float(peak_vgrf_bw(0.25, 0.125)), 3)
    2.356
    """
    tc = check_array("contact_time_s", contact_time_s, low=0.01, high=2.0, unit="s")
    tf = check_array("flight_time_s", flight_time_s, low=0.0, high=2.0, unit="s")
    out = _peak_vgrf(tc, tf)
    return float(out) if out.ndim == 0 else out


def _peak_vgrf(tc, tf):
    return 0.5 * np.pi * (tf / tc + 1.0)


def spring_mass(speed_m_s, contact_time_s, flight_time_s, leg_length_m):
    """Centre-of-mass drop [m], vertical and leg stiffness [N / m per kg body mass] of the spring–mass model.

    Parameters
    ----------
    speed_m_s : float or numpy.ndarray
        Running speed [m / s].
    contact_time_s, flight_time_s : float or numpy.ndarray
        Contact and flight time of one step [s].
    leg_length_m : float
        Leg length [m].

    Returns
    -------
    tuple
        ``(dy_m, k_vert_N_m_kg, k_leg_N_m_kg, dL_m)``; multiply stiffnesses by body mass for [N / m].

    Examples
    --------
    >>> dy, kv, kl, dl = spring_mass(3.5, 0.234, 0.141, 0.92)
    >>> round(float(dy), 3), round(float(kl * 73 / 1000), 1)
    (0.07, 10.9)
    """

    v = check_array("speed_m_s", speed_m_s, low=0.0, high=15.0, unit="m/s", low_inclusive=False)
    tc = check_array("contact_time_s", contact_time_s, low=0.01, high=2.0, unit="s")
    tf = check_array("flight_time_s", flight_time_s, low=0.0, high=2.0, unit="s")
    leg = check_real("leg_length_m", leg_length_m, low=0.3, high=1.5, unit="m")
    return _spring_mass(v, tc, tf, leg)


def _spring_mass(v, tc, tf, leg_length_m):
    leg_length_m = np.asarray(leg_length_m, dtype=float)
    fmax = GRAVITY_M_S2 * _peak_vgrf(tc, tf)  # [N/kg]
    dy = fmax * tc**2 / np.pi**2 - GRAVITY_M_S2 * tc**2 / 8.0
    dy = np.maximum(dy, 1e-4)
    half = np.minimum(v * tc / 2.0, 0.95 * leg_length_m)
    dl = leg_length_m - np.sqrt(leg_length_m**2 - half**2) + dy
    return dy, fmax / dy, fmax / dl, dl


def _com_vertical(phase_step, step_time, contact_time, fmax_bw):
    """Vertical CoM displacement [m] over one step, phase 0 = touchdown, mean removed."""
    t = phase_step * step_time
    tc = contact_time
    tf = step_time - tc
    a = fmax_bw * GRAVITY_M_S2
    v0 = -GRAVITY_M_S2 * tf / 2.0
    w = np.pi / tc
    tcl = np.minimum(t, tc)
    y_c = a / w * (tcl - np.sin(w * tcl) / w) - GRAVITY_M_S2 * tcl**2 / 2.0 + v0 * tcl
    tfl = np.maximum(t - tc, 0.0)
    y = y_c + (GRAVITY_M_S2 * tf / 2.0) * tfl - GRAVITY_M_S2 * tfl**2 / 2.0
    core = y[..., :-1]
    return y - core.sum(axis=-1, keepdims=True) / core.shape[-1]  # numpy's mean, without its overhead


