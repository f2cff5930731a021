"""The impact at foot strike travelling up the body: masses joined by springs and dampers, driven by the ground force.

Four masses stacked in a chain, each joined to the one below by a spring and a damper::

    head            (de Leva head)
      | neck spring + damper
    thorax          (upper and mid trunk, arms)
      | spine spring + trunk-muscle damper      <- spine_stiffness_scale, trunk_damping_scale
    pelvis / thighs (lower trunk, both thighs, swing shank and foot)
      | leg spring + damper, softer with knee flexion and a longer stride
    tibia           (stance shank and foot)
      ^ vertical ground force: impact transient + active peak (runmech.model.ground)

Input and gravity
    The chain is driven by the vertical ground force of :mod:`runmech.model.ground` for the chosen speed, cadence
    and stride length: the impact transient that stops the lower leg and the active half-sine that carries the
    body. Before touchdown every mass falls freely, so the springs are unloaded; the impact transient's impulse
    already holds the lower leg's own downward speed. Gravity acts on every mass throughout. The chain is linear, so
    it is solved exactly by modal superposition in a freely falling frame (closed-form responses to the two
    half-sines): fast and free of integration error.
Leg compliance at contact
    The knee acts as a torsional spring ``k_knee``. For a two-segment leg with knee flexion ``kappa`` the axial
    stiffness is ``k_knee L^2 / (l_thigh l_shank sin kappa)^2`` (``L`` hip to ankle), and a leg landing at an angle
    ``alpha`` from the vertical passes ``cos^2 alpha`` of it to the vertical. Longer strides land with the leg
    further from the vertical and slightly more knee flexion, so the leg is softer and less of the impact reaches
    the trunk: attenuation rises with stride length (Derrick et al. 1998), while at one stride length it changes
    little with speed (Mercer et al. 2005).
Reported accelerations
    What a vertical accelerometer on each level would read [g]: 1 standing still, 0 in free fall; the ground input
    is the vertical ground force over body weight. Peaks are read in the impact phase, the first 60 ms after foot
    strike and at most 30 % of the contact (later every level reads about the ground force over body weight, the active peak carrying the whole
    body). Shock attenuation is ``(1 - head peak / tibia peak) * 100`` [%] of the impact transient's part of the
    signals (the linear chain separates it exactly), as studies read attenuation in the impact's frequency band
    rather than from raw peaks (Mercer et al. 2002 used 10–20 Hz).

The two failure modes the torso article describes appear directly: a stiffer spine passes more of the impact to the
head (attenuation falls), and weak trunk-muscle damping lets the trunk and head ring after the impact. How large the
spine's share of attenuation is in real runners has not been measured (most attenuation is attributed to the leg,
knee in particular); the spine parameters here are teaching estimates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from runmech._validate import check_real
from runmech.constants import GRAVITY_M_S2
from runmech.model.leg import leg_segments
from runmech.model.parameters import _p

__all__ = ["Shock", "shock_response", "chain_matrices", "leg_impact_stiffness", "SHOCK_TIME_S",
           "IMPACT_PART_OF_CONTACT", "IMPACT_WINDOW_S"]

#: Times after foot strike at which the shock stage reports accelerations [s].
SHOCK_TIME_S = np.linspace(0.0, 0.3, 301)
#: The impact phase, where the summary's peaks are read: the first 60 ms after foot strike, and at most this part
#: of the contact (before the active peak; contacts are short at high speed).
IMPACT_PART_OF_CONTACT = 0.3
IMPACT_WINDOW_S = 0.06
# The grid the summary figures are read on, the same for simulate and sweep: 1 ms steps through the impact phase,
# 6 ms steps after it (where only the spine's ringing is measured).
_SUMMARY_IDX = np.concatenate([np.arange(0, 61), np.arange(66, 301, 6)])
_SUMMARY_T = SHOCK_TIME_S[_SUMMARY_IDX]
_SUMMARY_RING = _SUMMARY_T >= 0.06
_N = 4


@dataclass(frozen=True)
class Shock:
    """The shock stage: vertical accelerometer readings after foot strike [g].

    Attributes
    ----------
    ground_g : numpy.ndarray or None
        Vertical ground force over body weight, ``(n, k)`` at :data:`SHOCK_TIME_S` (None without traces).
    accel_g : numpy.ndarray or None
        Tibia, pelvis, thorax and head, ``(n, 4, k)``, at :data:`SHOCK_TIME_S` (1 = standing, 0 = free fall).
    peak_g : numpy.ndarray
        Peak reading of each level in the impact phase (the first 60 ms, at most 30 % of the contact), ``(n, 4)``.
    impact_peak_g : numpy.ndarray
        Peak of the part caused by the impact transient alone, ``(n, 4)`` (the chain is linear, so the parts add up
        exactly); shock attenuation is read from it.
    impact_g : numpy.ndarray or None
        That part over time, ``(n, 4, k)``.
    spine_ringing_rms_g : numpy.ndarray
        RMS of thorax minus pelvis acceleration 60–300 ms after foot strike (6 ms steps), ``(n,)``.
    leg_stiffness_kN_m : numpy.ndarray
        Vertical stiffness of the leg spring at contact [kN / m], ``(n,)``.

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> from runmech.model.ground import ground_force
    >>> r = Runner(); t = stride_timing([3.0])
    >>> shock_response(r, t, ground_force(r, t)).accel_g.shape
    (1, 4, 301)
    """

    ground_g: np.ndarray | None
    accel_g: np.ndarray | None
    peak_g: np.ndarray
    impact_peak_g: np.ndarray
    impact_g: np.ndarray | None
    spine_ringing_rms_g: np.ndarray
    leg_stiffness_kN_m: np.ndarray


def shock_response(runner, timing, ground, *, spine_stiffness_scale: float = 1.0,
                   trunk_damping_scale: float = 1.0, traces: bool = True) -> Shock:
    """The shock stage: the ground force's impact and active peak travelling up tibia, pelvis, thorax and head.

    Parameters
    ----------
    runner : runmech.Runner
        The body.
    timing : runmech.model.gait.Timing
        Stride timing (contact and flight time).
    ground : runmech.model.ground.GroundForce
        The ground stage (the force that drives the chain, the foot's touchdown speed, knee and leg angle at
        touchdown).
    spine_stiffness_scale, trunk_damping_scale : float
        Spine spring and trunk-muscle damper relative to typical [-].
    traces : bool
        Also return the time courses at :data:`SHOCK_TIME_S` (``False`` gives the summary figures only, which is
        what a sweep over many speeds needs; they are computed the same way either way).

    Returns
    -------
    Shock

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> from runmech.model.ground import ground_force
    >>> r = Runner(); t = stride_timing([3.0])
    >>> s = shock_response(r, t, ground_force(r, t))
    >>> peaks = s.peak_g[0]
    >>> bool(peaks[0] > peaks[1] > peaks[3])
    True
    """
    k_leg = leg_impact_stiffness(runner, ground.knee_touchdown_rad, ground.leg_angle_touchdown_rad)
    masses, springs, dampers = chain_matrices(runner, spine_stiffness_scale, trunk_damping_scale, k_leg)
    weight = runner.mass_kg * GRAVITY_M_S2
    tc, t1 = timing.contact_time_s, ground.impact_time_s
    pulses = ((ground.active_peak_N, tc), (ground.impact_impulse_N_s * np.pi / (2.0 * t1), t1))
    modes = _modes(masses, springs, dampers)
    tt = SHOCK_TIME_S if traces else _SUMMARY_T
    active_t, impact_t = _chain_response(modes, pulses, tt) / GRAVITY_M_S2  # free-falling frame = reading
    if traces:
        active, impact = active_t[..., _SUMMARY_IDX], impact_t[..., _SUMMARY_IDX]
    else:
        active, impact = active_t, impact_t
    total = active + impact
    window = _SUMMARY_T[None, :] <= np.minimum(IMPACT_WINDOW_S, IMPACT_PART_OF_CONTACT * tc)[:, None]
    peaks = np.where(window[:, None, :], total, -np.inf).max(axis=2)
    spine = total[:, 2, _SUMMARY_RING] - total[:, 1, _SUMMARY_RING]
    ringing = np.sqrt((spine * spine).mean(axis=1))
    accel = ground_g = impact_g = None
    if traces:
        accel, impact_g = active_t + impact_t, impact_t
        ground_g = sum(amp[:, None] * np.sin(np.pi * np.clip(tt[None, :] / dur[:, None], 0.0, 1.0))
                       * (tt[None, :] <= dur[:, None]) for amp, dur in pulses) / weight
    return Shock(ground_g, accel, peaks, impact.max(axis=2), impact_g, ringing, k_leg / 1000.0)


def leg_impact_stiffness(runner, knee_flexion_rad, leg_angle_rad):
    """Vertical stiffness of the leg at touchdown [N / m]: a torsional knee spring seen through the leg's geometry.

    Parameters
    ----------
    runner : runmech.Runner
        The body (thigh and shank lengths, mass).
    knee_flexion_rad : numpy.ndarray
        Knee flexion at touchdown [rad].
    leg_angle_rad : numpy.ndarray
        Angle of the hip-to-ankle line from the vertical at touchdown [rad].

    Returns
    -------
    numpy.ndarray
        ``k_knee L^2 cos^2(alpha) / (l_thigh l_shank sin(kappa))^2`` [N / m].

    Examples
    --------
    >>> import numpy as np
    >>> from runmech import Runner
    >>> k = leg_impact_stiffness(Runner(), np.radians([12.0, 20.0]), np.radians([15.0, 15.0]))
    >>> bool(k[0] > k[1])  # a more bent knee is a softer leg
    True
    """
    seg = leg_segments(runner)
    kappa = np.maximum(np.asarray(knee_flexion_rad, dtype=float), np.radians(3.0))
    alpha = np.asarray(leg_angle_rad, dtype=float)
    lt, ls = seg.thigh_m, seg.shank_m
    length2 = lt * lt + ls * ls + 2.0 * lt * ls * np.cos(kappa)
    k_knee = _p("shock_knee_k_Nm_rad_kg") * runner.mass_kg
    return k_knee * length2 * np.cos(alpha) ** 2 / (lt * ls * np.sin(kappa)) ** 2


def chain_matrices(runner, spine_stiffness_scale: float = 1.0, trunk_damping_scale: float = 1.0,
                   leg_stiffness_N_m=None):
    """Masses [kg], spring stiffnesses [N / m] and damping coefficients [N s / m] of the chain, bottom to top.

    Parameters
    ----------
    runner : runmech.Runner
        The body.
    spine_stiffness_scale : float
        Multiplies the spine spring [-].
    trunk_damping_scale : float
        Multiplies the spine damper (trunk muscles) [-].
    leg_stiffness_N_m : float or numpy.ndarray or None
        The leg spring [N / m] (one per impact); ``None`` uses the leg at a typical touchdown (12 deg knee
        flexion, leg 18 deg from the vertical).

    Returns
    -------
    tuple
        ``(masses, springs, dampers)``: masses a tuple tibia, pelvis, thorax, head; springs and dampers arrays
        ``(n, 3)`` for the leg, spine and neck links.

    Examples
    --------
    >>> from runmech import Runner
    >>> m, k, c = chain_matrices(Runner())
    >>> len(m), k.shape, c.shape
    (4, (1, 3), (1, 3))
    """
    spine_stiffness_scale = check_real("spine_stiffness_scale", spine_stiffness_scale, low=0.25, high=4)
    trunk_damping_scale = check_real("trunk_damping_scale", trunk_damping_scale, low=0.25, high=4)
    geo = runner._geo
    mass = geo.mass
    if leg_stiffness_N_m is None:
        leg_stiffness_N_m = leg_impact_stiffness(runner, np.radians([12.0]), np.radians([18.0]))
    k_leg = np.atleast_1d(np.asarray(leg_stiffness_N_m, dtype=float))
    masses = (geo.m_shank_foot, geo.m_pelvis + 2 * geo.m_thigh + geo.m_shank_foot, geo.m_thorax + 2 * geo.m_arm,
              geo.m_head)
    springs = np.column_stack([k_leg, np.full_like(k_leg, _p("shock_spine_k_N_m_kg") * mass * spine_stiffness_scale),
                               np.full_like(k_leg, _p("shock_neck_k_N_m_kg") * mass)])
    dampers = np.broadcast_to(np.array([_p("shock_leg_c_N_s_m_kg") * mass,
                                        _p("shock_spine_c_N_s_m_kg") * mass * trunk_damping_scale,
                                        _p("shock_neck_c_N_s_m_kg") * mass]), springs.shape)
    return masses, springs, dampers


def _modes(masses, springs, dampers):
    """Modes of the chain's internal motion (its three link stretches; the rigid fall is taken out exactly).

    With link tensions ``f = K z + C z'`` (``z`` the stretch of each link, upper minus lower mass) the masses move as
    ``M a = L f + e_0 F``; the stretches obey ``z'' = -L^T M^-1 (L f + e_0 F)``. Returns eigenvalues ``(n, 6)``, the
    acceleration rows ``H = M^-1 L [K C] V`` ``(n, 4, 6)``, the modal input ``(n, 6)`` and the direct term of the
    force on each mass's acceleration ``(4,)``.
    """
    m = np.asarray(masses, dtype=float)
    n = springs.shape[0]
    link = np.zeros((_N, _N - 1))
    for j in range(_N - 1):
        link[j, j], link[j + 1, j] = 1.0, -1.0
    minv_l = link / m[:, None]  # M^-1 L, (4, 3)
    g = -link.T @ minv_l  # (3, 3)
    kk = springs[:, None, :] * np.eye(_N - 1)[None]  # diagonal link stiffness, (n, 3, 3)
    cc = dampers[:, None, :] * np.eye(_N - 1)[None]
    a = np.zeros((n, 6, 6))
    a[:, :3, 3:] = np.eye(3)
    a[:, 3:, :3] = g[None] @ kk
    a[:, 3:, 3:] = g[None] @ cc
    lam, vec = np.linalg.eig(a)
    b = np.zeros((n, 6, 1))
    b[:, 3:, 0] = -(link.T @ (np.eye(_N)[0] / m))[None, :]
    beta = np.linalg.solve(vec, b)[..., 0]
    rows = minv_l[None] @ np.concatenate([kk, cc], axis=2)  # (n, 4, 6)
    h = rows @ vec
    direct = np.eye(_N)[0] / m
    return lam, h, beta, direct


def _chain_response(modes, pulses, t):
    """Accelerations [m / s^2] in the freely falling frame (= accelerometer readings), one block per pulse.

    ``pulses`` are ``(amplitude [N], duration [s])`` half-sine forces on the tibia, starting at touchdown; the
    chain starts at rest in that frame with its links unloaded. Returns ``(n_pulses, n, 4, k)``.
    """
    lam, h, beta, direct = modes
    tt = np.asarray(t, dtype=float)
    e = np.exp(lam[:, :, None] * tt[None, None, :])  # (n, 6, k), shared by the pulses
    e_re, e_im = e.real, e.imag
    out = []
    for amp, dur in pulses:
        amp = np.asarray(amp, dtype=float)[:, None]
        dur = np.asarray(dur, dtype=float)[:, None]
        w = np.pi / dur  # (n, 1)
        c = beta * amp / (lam * lam + w * w)  # (n, 6)
        # modal stretch: c (w e - w cos - lam sin) while the pulse lasts, c w (1 + e^{-lam T}) e after it; each
        # part is only evaluated on the columns where some impact needs it
        n_in = int(np.searchsorted(tt, dur.max(), side="right"))
        n_out = int(np.searchsorted(tt, dur.min(), side="left"))
        p_in = h * (c * w)[:, None, :]  # (n, 4, 6)
        p_out = h * (c * w * (1.0 + np.exp(-lam * dur)))[:, None, :]
        block = np.empty((lam.shape[0], h.shape[1], tt.size))
        if n_out < tt.size:
            block[:, :, n_out:] = (np.einsum("nrm,nmk->nrk", p_out.real, e_re[:, :, n_out:])
                                   - np.einsum("nrm,nmk->nrk", p_out.imag, e_im[:, :, n_out:]))
        if n_in > 0:
            cols = slice(0, n_in)
            f_in = np.einsum("nrm,nmk->nrk", p_in.real, e_re[:, :, cols]) - np.einsum("nrm,nmk->nrk", p_in.imag,
                                                                                        e_im[:, :, cols])
            cos_coef = np.real(p_in.sum(axis=2))  # (n, 4)
            sin_coef = np.real(np.einsum("nrm,nm->nr", h, c * lam))
            wt = w * tt[None, cols]
            sin_wt = np.sin(wt)
            forced = (f_in - cos_coef[:, :, None] * np.cos(wt)[:, None, :] - sin_coef[:, :, None] * sin_wt[:, None, :]
                      + direct[None, :, None] * (amp * sin_wt)[:, None, :])
            during = (tt[None, cols] <= dur)[:, None, :]
            if n_out < n_in:  # columns where some impacts have ended and others not
                late = slice(n_out, n_in)
                forced[:, :, late] = np.where(during[:, :, late], forced[:, :, late], block[:, :, late])
            block[:, :, :n_in] = forced
        out.append(block)
    return np.stack(out)
