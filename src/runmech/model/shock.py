"""The impact at foot strike travelling up the body: masses joined by springs and dampers.

Four masses stacked in a chain, each joined to the one below by a spring and a damper::

    head            (de Leva head)
      | neck spring + damper
    thorax          (upper and mid trunk, arms)
      | spine spring + trunk-muscle damper      <- spine_stiffness_scale, trunk_damping_scale
    pelvis / thighs (lower trunk, both thighs, swing shank and foot)
      | leg spring + damper (knee and hip)
    tibia           (stance shank and foot)
      | heel pad and shoe spring + damper
    ground

At foot strike the foot is stopped from its downward touchdown velocity within a short impact time: the ground input
is a half-sine deceleration pulse. The chain is linear, so it is solved exactly by modal superposition (one
eigen-decomposition per call, then closed-form responses to the half-sine): fast and free of integration error.

The two failure modes the torso article describes appear directly: a stiffer spine passes more of the impact to the
head (attenuation falls), and weak trunk-muscle damping lets the trunk and head ring after the impact. How large the
spine's share of attenuation is in real runners has not been measured (most attenuation is attributed to the leg,
knee in particular); the spine parameters here are teaching estimates, not fitted values.

Shock attenuation is reported as ``(1 - head peak / tibia peak) * 100`` [%].
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from runmech._validate import check_array
from runmech.constants import GRAVITY_M_S2
from runmech.model.parameters import _p

__all__ = ["Shock", "shock_response", "chain_matrices", "impact_response", "SHOCK_TIME_S"]

#: Times after foot strike at which the shock stage reports accelerations [s].
SHOCK_TIME_S = np.linspace(0.0, 0.3, 301)
_RING = SHOCK_TIME_S >= 0.06  # after the impact: what is left is ringing


@dataclass(frozen=True)
class Shock:
    """The shock stage: vertical accelerations after foot strike [g].

    Attributes
    ----------
    ground_g : numpy.ndarray
        The base input at the foot, ``(n, k)``.
    accel_g : numpy.ndarray
        Tibia, pelvis, thorax and head, ``(n, 4, k)``, at :data:`SHOCK_TIME_S`.
    spine_ringing_rms_g : numpy.ndarray
        RMS of thorax minus pelvis acceleration 60–300 ms after foot strike, ``(n,)``.

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> shock_response(Runner(), stride_timing([3.0])).accel_g.shape
    (1, 4, 301)
    """

    ground_g: np.ndarray
    accel_g: np.ndarray
    spine_ringing_rms_g: np.ndarray


def shock_response(runner, timing, *, spine_stiffness_scale: float = 1.0, trunk_damping_scale: float = 1.0) -> Shock:
    """The shock stage: the foot-strike impact travelling up tibia, pelvis, thorax and head.

    Parameters
    ----------
    runner : runmech.Runner
        The body.
    timing : runmech.model.gait.Timing
        Stride timing (the flight time sets the touchdown speed).
    spine_stiffness_scale, trunk_damping_scale : float
        Spine spring and trunk-muscle damper relative to typical [-].

    Returns
    -------
    Shock

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> s = shock_response(Runner(), stride_timing([3.0]))
    >>> bool(s.accel_g[0, 0].max() > s.accel_g[0, 3].max())
    True
    """
    v_td, t_imp = _pulse(timing.flight_time_s, timing.speed_m_s)
    u_in, acc = _impact(runner, v_td, t_imp, SHOCK_TIME_S, spine_stiffness_scale, trunk_damping_scale)
    acc = acc / GRAVITY_M_S2
    spine = acc[:, 2, _RING] - acc[:, 1, _RING]
    return Shock(u_in / GRAVITY_M_S2, acc, np.sqrt((spine * spine).mean(axis=1)))


@lru_cache(maxsize=64)
def _modes(masses: tuple, springs: tuple, dampers: tuple):
    m = np.asarray(masses, dtype=float)
    k = np.asarray(springs, dtype=float)
    c = np.asarray(dampers, dtype=float)
    n = m.size
    kk = np.zeros((n, n))
    cc = np.zeros((n, n))
    for i in range(n):  # spring i joins mass i to the one below (ground for i = 0)
        kk[i, i] += k[i]
        cc[i, i] += c[i]
        if i > 0:
            kk[i - 1, i - 1] += k[i]
            kk[i - 1, i] -= k[i]
            kk[i, i - 1] -= k[i]
            cc[i - 1, i - 1] += c[i]
            cc[i - 1, i] -= c[i]
            cc[i, i - 1] -= c[i]
    a = np.zeros((2 * n, 2 * n))
    a[:n, n:] = np.eye(n)
    a[n:, :n] = -kk / m[:, None]
    a[n:, n:] = -cc / m[:, None]
    b = np.concatenate([np.zeros(n), -np.ones(n)])
    lam, vec = np.linalg.eig(a)
    bq = np.linalg.solve(vec, b)
    return lam, vec, bq


def chain_matrices(geo, spine_stiffness_scale: float = 1.0, trunk_damping_scale: float = 1.0):
    """Masses [kg], spring stiffnesses [N / m] and damping coefficients [N s / m] of the chain, bottom to top.

    Parameters
    ----------
    geo : runmech.model.body._Geometry or runmech.Runner
        The body (a Runner works).
    spine_stiffness_scale : float
        Multiplies the spine spring [-].
    trunk_damping_scale : float
        Multiplies the spine damper (trunk muscles) [-].

    Returns
    -------
    tuple of tuple
        ``(masses, springs, dampers)``, each ordered tibia, pelvis, thorax, head.

    Examples
    --------
    >>> from runmech import Runner
    >>> m, k, c = chain_matrices(Runner())
    >>> len(m), len(k), len(c)
    (4, 4, 4)
    """
    from runmech._validate import check_real

    spine_stiffness_scale = check_real("spine_stiffness_scale", spine_stiffness_scale, low=0.25, high=4)
    trunk_damping_scale = check_real("trunk_damping_scale", trunk_damping_scale, low=0.25, high=4)
    geo = getattr(geo, "_geo", geo)
    mass = geo.mass
    m_tibia = geo.m_shank_foot
    m_pelvis = geo.m_pelvis + 2 * geo.m_thigh + geo.m_shank_foot
    m_thorax = geo.m_thorax + 2 * geo.m_arm
    masses = (m_tibia, m_pelvis, m_thorax, geo.m_head)
    springs = (
        _p("shock_heel_k_N_m_kg") * mass,
        _p("shock_leg_k_N_m_kg") * mass,
        _p("shock_spine_k_N_m_kg") * mass * spine_stiffness_scale,
        _p("shock_neck_k_N_m_kg") * mass,
    )
    dampers = (
        _p("shock_heel_c_N_s_m_kg") * mass,
        _p("shock_leg_c_N_s_m_kg") * mass,
        _p("shock_spine_c_N_s_m_kg") * mass * trunk_damping_scale,
        _p("shock_neck_c_N_s_m_kg") * mass,
    )
    return masses, springs, dampers


def _pulse(flight_time_s, speed_m_s):
    """Touchdown velocity of the foot [m/s] and impact duration [s] (arrays)."""
    v_td = _p("foot_touchdown_velocity_gain") * GRAVITY_M_S2 * flight_time_s / 2.0 + _p("foot_touchdown_velocity_base_m_s")
    t_imp = _p("impact_duration_ref_s") * (speed_m_s / 3.0) ** (-_p("impact_duration_speed_exponent"))
    t_imp = np.minimum(t_imp, _p("impact_duration_max_s"))
    return v_td, t_imp


def impact_response(geo, v_td, t_imp, t, spine_stiffness_scale=1.0, trunk_damping_scale=1.0):
    """Absolute vertical accelerations [g] of ground, tibia, pelvis, thorax and head after foot strike.

    The response to a half-sine base deceleration is written in closed form per vibration mode, so the whole
    time course for many impacts is a couple of small matrix products (no time stepping).

    Parameters
    ----------
    geo : runmech.Runner
        The body.
    v_td : numpy.ndarray
        Foot touchdown velocity [m / s], shape ``(n,)``.
    t_imp : numpy.ndarray
        Impact duration [s], shape ``(n,)``.
    t : numpy.ndarray
        Times after foot strike [s], shape ``(k,)``.
    spine_stiffness_scale, trunk_damping_scale : float
        Knobs for the spine spring and damper [-].

    Returns
    -------
    numpy.ndarray
        Shape ``(n, k, 5)``: ground input, tibia, pelvis, thorax, head [g]; upward positive.

    Examples
    --------
    >>> import numpy as np
    >>> from runmech import Runner
    >>> acc = impact_response(Runner(), np.array([1.0]), np.array([0.02]), np.linspace(0, 0.1, 101))
    >>> bool(acc[0, :, 1].max() > acc[0, :, 4].max())
    True
    """

    v_arr, ti_arr, t_arr = check_array("v_td", v_td), check_array("t_imp", t_imp), check_array("t", t)
    if v_arr.ndim != 1 or ti_arr.shape != v_arr.shape or t_arr.ndim != 1:
        raise ValueError(f"v_td and t_imp must be 1-d arrays of the same length and t a 1-d array; got shapes "
                         f"{v_arr.shape}, {ti_arr.shape}, {t_arr.shape}")
    if np.any(v_arr < 0) or np.any(ti_arr <= 0) or np.any(t_arr < 0):
        raise ValueError("v_td must be >= 0 [m/s], t_imp > 0 [s] and t >= 0 [s]")
    u, acc = _impact(geo, v_arr, ti_arr, t_arr, spine_stiffness_scale, trunk_damping_scale)
    out = np.empty((acc.shape[0], acc.shape[2], acc.shape[1] + 1))
    out[..., 0] = u
    out[..., 1:] = np.transpose(acc, (0, 2, 1))
    return out / GRAVITY_M_S2


def _impact(geo, v_td, t_imp, t, spine_stiffness_scale=1.0, trunk_damping_scale=1.0):
    """Ground input [m/s^2] ``(n, k)`` and absolute accelerations [m/s^2] ``(n, 4, k)``, bottom to top."""
    masses, springs, dampers = chain_matrices(geo, spine_stiffness_scale, trunk_damping_scale)
    lam, vec, bq = _modes(masses, springs, dampers)
    n_dof = len(masses)
    v_td = np.asarray(v_td, dtype=float)[:, None]
    t_imp = np.asarray(t_imp, dtype=float)[:, None]
    tt = np.asarray(t, dtype=float)
    w = np.pi / t_imp  # (n, 1)
    amp = np.pi * v_td / (2.0 * t_imp)  # peak of the half-sine deceleration [m/s^2]
    den = lam[None, :] ** 2 + w * w  # (n, m)
    e_t = np.exp(np.outer(tt, lam))  # (k, m), the same for every impact
    # absolute acceleration of dof r = Re(sum_m V[r, m] lam_m q_m) (the direct input term cancels exactly)
    coef = vec[n_dof:, :] * (lam * bq)[None, :]  # (r, m)
    base = amp / den  # (n, m)
    p_in = (base * w)[:, None, :] * coef[None, :, :]  # (n, r, m)
    p_out = p_in * (1.0 + np.exp(-lam[None, :] * t_imp))[:, None, :]
    s_in = np.real((base[:, None, :] * lam[None, None, :] * coef[None, :, :]).sum(axis=-1))  # (n, r)
    c_in = np.real(p_in.sum(axis=-1))  # (n, r)
    e_re = np.ascontiguousarray(e_t.real.T)  # (m, k)
    e_im = np.ascontiguousarray(e_t.imag.T)
    n = v_td.shape[0]
    n_in = int(np.searchsorted(tt, t_imp.max(), side="right"))  # samples that can fall inside an impact

    def real_product(p, cols):
        # Re(p @ e) in real arithmetic with einsum's own loops: small products like this one are slowed down a
        # lot by multi-threaded BLAS on a busy machine, and einsum never calls BLAS here.
        return np.einsum("nrm,mk->nrk", p.real, e_re[:, cols]) - np.einsum("nrm,mk->nrk", p.imag, e_im[:, cols])

    acc = real_product(p_out, slice(None))  # free vibration after the impact, (n, r, k)
    head = slice(0, n_in)
    wt = w * tt[None, head]  # (n, k_in)
    sin_wt, cos_wt = np.sin(wt), np.cos(wt)
    resp_in = real_product(p_in, head) - s_in[:, :, None] * sin_wt[:, None, :] - c_in[:, :, None] * cos_wt[:, None, :]
    during = tt[None, head] <= t_imp  # (n, k_in)
    acc[:, :, head] = np.where(during[:, None, :], resp_in, acc[:, :, head])
    u = np.zeros((n, tt.size))
    u[:, head] = np.where(during, amp * sin_wt, 0.0)
    return u, acc
