"""Lower extremity: vertical ground force, leg and vertical stiffness, centre-of-mass bounce.

Vertical ground force follows the sine-wave model of Morin et al. (2005): during contact the force is a half-sine
whose impulse equals body weight times step time, so its peak is ``m g (pi / 2) (t_flight / t_contact + 1)``.
The centre of mass then moves as a ballistic body in flight and under that force in contact (closed form).
Leg and vertical stiffness follow the spring–mass model (McMahon & Cheng 1990; Morin et al. 2005):
``k_vert = F_max / dy`` and ``k_leg = F_max / dL`` with ``dL = L - sqrt(L^2 - (v t_c / 2)^2) + dy``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from runmech._validate import check_array, check_real
from runmech.constants import GRAVITY_M_S2

__all__ = ["GroundForce", "ground_force", "peak_vgrf_bw", "spring_mass"]

#: Stride phase of the model's curves: 101 samples, 0 = right foot strike, the last repeats the first.
PHASE = np.linspace(0.0, 1.0, 101)


@dataclass(frozen=True)
class GroundForce:
    """The ground stage: vertical force and the spring–mass figures (``(n,)`` scalars, ``(n, 101)`` curves).

    Attributes
    ----------
    peak_vgrf_bw : numpy.ndarray
        Peak vertical ground force [body weights].
    com_drop_m : numpy.ndarray
        Centre-of-mass drop from touchdown to mid-stance [m].
    vertical_stiffness_kN_m, leg_stiffness_kN_m : numpy.ndarray
        Vertical and leg stiffness of the runner [kN / m].
    vgrf_right_bw, vgrf_left_bw : numpy.ndarray
        Vertical force under each foot over the stride [body weights].
    stance_right, stance_left : numpy.ndarray
        True while each foot is on the ground.
    com_vertical_m : numpy.ndarray
        Vertical centre-of-mass position over the stride, mean removed [m].

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> g = ground_force(Runner(), stride_timing([3.0]))
    >>> g.vgrf_right_bw.shape
    (1, 101)
    """

    peak_vgrf_bw: np.ndarray
    com_drop_m: np.ndarray
    vertical_stiffness_kN_m: np.ndarray
    leg_stiffness_kN_m: np.ndarray
    vgrf_right_bw: np.ndarray
    vgrf_left_bw: np.ndarray
    stance_right: np.ndarray
    stance_left: np.ndarray
    com_vertical_m: np.ndarray


def ground_force(runner, timing) -> GroundForce:
    """The ground stage: a half-sine vertical force under each foot and the spring–mass stiffnesses.

    Parameters
    ----------
    runner : runmech.Runner
        The runner (its leg length).
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
    tc, tf = timing.contact_time_s, timing.flight_time_s
    duty = timing.duty_factor[:, None]
    fmax = _peak_vgrf(tc, tf)
    dy, kv, kl, _ = _spring_mass(timing.speed_m_s, tc, tf, runner._geo.leg_length)
    phase = PHASE[None, :]
    phase_l = np.mod(phase - 0.5, 1.0)
    st_r, st_l = phase < duty, phase_l < duty
    vgrf_r = fmax[:, None] * np.sin(np.pi * np.clip(phase / duty, 0, 1)) * st_r
    vgrf_l = fmax[:, None] * np.sin(np.pi * np.clip(phase_l / duty, 0, 1)) * st_l
    com_v = _com_vertical(np.mod(phase, 0.5) / 0.5, timing.step_time_s[:, None], tc[:, None], fmax[:, None])
    kn = runner._geo.mass / 1000.0
    return GroundForce(fmax, dy, kv * kn, kl * kn, vgrf_r, vgrf_l, st_r, st_l, com_v)


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
    if not isinstance(contact_time_s, np.ndarray):
        check_real("contact_time_s", contact_time_s, low=0.01, high=2.0, unit="s")
    if not isinstance(flight_time_s, np.ndarray):
        check_real("flight_time_s", flight_time_s, low=0.0, high=2.0, unit="s")
    out = _peak_vgrf(np.asarray(contact_time_s, dtype=float), np.asarray(flight_time_s, dtype=float))
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

    v = check_array("speed_m_s", speed_m_s)
    tc = check_array("contact_time_s", contact_time_s)
    tf = check_array("flight_time_s", flight_time_s)
    leg = check_real("leg_length_m", leg_length_m, low=0.3, high=1.5, unit="m")
    for name, arr, low in (("speed_m_s", v, 0.0), ("contact_time_s", tc, 0.0), ("flight_time_s", tf, -1e-12)):
        if np.any(arr <= low):
            raise ValueError(f"{name} must be positive; got {arr!r}")
    return _spring_mass(v, tc, tf, leg)


def _spring_mass(v, tc, tf, leg_length_m):
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
    return y - y[..., :-1].mean(axis=-1, keepdims=True)
