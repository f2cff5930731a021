"""The impact at foot strike travelling up the body: masses joined by springs and dampers, driven by the ground force.

Four masses stacked in a chain, each joined to the one below by a spring and a damper::

    head            (de Leva head)
      | neck spring + damper
    thorax          (upper and mid trunk, arms)
      | spine spring + trunk-muscle damper      <- spine_stiffness_scale, trunk_damping_scale
    pelvis / thighs (lower trunk, both thighs, swing shank and foot)
      | leg: knee spring + damper seen through the leg's geometry, beside a soft-tissue damper
    tibia           (stance shank and foot)
      ^ vertical ground force: impact transient + active peak (runmech.model.ground)

Input and gravity
    The chain is driven by the vertical ground force of :mod:`runmech.model.ground` for the chosen speed, cadence
    and stride length: the impact transient that stops the lower leg and the active half-sine that carries the
    body. Before touchdown every mass falls freely, so the springs are unloaded; the impact transient's impulse
    already holds the lower leg's own downward speed. Gravity acts on every mass throughout. The chain is linear, so
    it is solved exactly by modal superposition in a freely falling frame (closed-form responses to the two
    half-sines): fast and free of integration error.
The leg at contact
    During the impact the knee acts as a torsional spring ``k_knee`` and damper ``c_knee`` (the pre-activated
    muscles crossing it). For a two-segment leg with knee flexion ``kappa`` a change of hip-to-ankle length ``L``
    turns the knee by ``dL / (l_thigh l_shank sin kappa / L)``, so the knee's torsional impedance appears along the
    leg multiplied by the lever factor ``L^2 / (l_thigh l_shank sin kappa)^2``; a leg landing at an angle ``alpha``
    from the vertical passes ``cos^2 alpha`` of it to the vertical. Both the leg's spring and the knee's part of its
    damper go through that factor (taken for at least 12 deg of knee flexion, about the least runners land with);
    a damper that does not depend on posture (soft tissue, ankle and hip) acts beside them. Longer strides land
    with the leg further from the vertical and the knee more bent, so the leg holds the lower leg less firmly: the
    lower leg is stopped more on its own (its effective mass is smaller, so the tibia reads more) and less of the
    impact reaches the trunk. This is the mechanism Derrick et al. (1998) proposed for the rise of attenuation with
    stride length (the ground force's longer lever about the knee) and Derrick et al. (2002) measured within
    runners (more knee flexion at impact, a smaller effective mass, higher tibia peaks and more attenuation). At one
    stride length the posture at touchdown is the same at any speed, so attenuation changes little with speed
    (Mercer et al. 2005). The two leg dampers are fitted to Derrick et al. (2002); the slopes against speed and
    stride length are predictions.
Trunk and neck
    Spine and neck springs carry the thorax and the head; their dampers give both the damping ratio of the body's
    vertical resonance (Fairley & Griffin 1989), computed from the typical spine spring so that the stiffness knob
    changes the spring only.
Sizes
    Runners of other sizes follow by dynamic similarity, as the timing does (Froude): per body mass, stiffnesses go
    as ``1 / size`` and dampers as ``1 / sqrt(size)`` (the knee's torsional ones as ``size`` and ``size^1.5``),
    with ``size`` = height / 1.74 m (:func:`runmech.model.ground.body_size`).
Reported accelerations
    What a vertical accelerometer on each level would read [g]: 1 standing still, 0 in free fall; the ground input
    is the vertical ground force over body weight. Peaks are read in the impact phase, the first 60 ms after foot
    strike and at most 30 % of the contact (later the head, moving with the body's centre of mass, reads about the
    ground force over body weight, the active peak carrying the whole body, while the shin on the planted foot
    reads about 1 g). Shock attenuation (:mod:`runmech.model.summary`) is
    ``(1 - head peak / tibia peak) * 100`` [%] of the impact transient's part of the signals, which the linear
    chain separates exactly. Labs separate the impact from the active loading by a time window around the impact
    peaks (Derrick et al. 2002, Mercer et al. 2005) or by the impact's frequency band (Mercer et al. 2002 used
    10-20 Hz); the readings themselves also hold the early active loading, which in the model rises through the
    window (the head's reading peaks near the window's end), so the ratio of the readings' peaks is not used.

The two failure modes the torso article describes appear directly: a stiffer spine passes more of the impact to the
head (attenuation falls), and weak trunk-muscle damping lets the trunk and head ring after the impact. How large the
spine's share of attenuation is in real runners has not been measured (most attenuation is attributed to the leg,
knee in particular); the spine parameters here are teaching estimates.

Speed: everything that depends only on the runner and the two knobs (masses, the spine and neck links, the matrices
of the chain) is computed once and kept; per speed only the leg link changes, so each call solves one small
eigenproblem per speed, all speeds at once, and evaluates the closed-form responses on the time grid it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from runmech._validate import check_array, check_bool, check_real
from runmech.constants import GRAVITY_M_S2
from runmech.model.ground import body_size
from runmech.model.leg import leg_segments
from runmech.model._stages import check_stage
from runmech.model.parameters import _p

__all__ = ["Shock", "shock_response", "spectral_attenuation_db", "chain_matrices", "leg_impact_stiffness",
           "leg_impact_damping",
           "SHOCK_TIME_S", "IMPACT_PART_OF_CONTACT", "IMPACT_WINDOW_S"]

#: Times after foot strike at which the shock stage reports accelerations [s].
SHOCK_TIME_S = np.linspace(0.0, 0.3, 301)
#: The impact phase, where the summary's peaks are read: the first 60 ms after foot strike, and at most this part
#: of the contact (before the active peak; contacts are short at high speed).
IMPACT_PART_OF_CONTACT = 0.3
IMPACT_WINDOW_S = 0.06
# The grid the summary figures are read on, the same for simulate and sweep: 1 ms steps through the impact phase,
# 6 ms steps after it (where only the spine's ringing is measured).
_WINDOW_IDX = slice(0, 61)  # a slice: the same samples as np.arange(0, 61), read as a view
_RING_IDX = np.concatenate([[60], np.arange(66, 301, 6)])
_WINDOW_T = SHOCK_TIME_S[_WINDOW_IDX]
_RING_T = SHOCK_TIME_S[_RING_IDX]
# the three grids are evenly spaced: 1 ms (traces and the impact window) and 6 ms (the ringing)
_STEP_S = float(SHOCK_TIME_S[1] - SHOCK_TIME_S[0])
_RING_STEP_S = float(_RING_T[1] - _RING_T[0])
_N = 4
# the chain's link incidence (link j joins mass j and j + 1) and the small constant matrices, built once
_LINK = np.zeros((_N, _N - 1))
for _j in range(_N - 1):
    _LINK[_j, _j], _LINK[_j + 1, _j] = 1.0, -1.0
_EYE_LINKS = np.eye(_N - 1)
_TIBIA = np.eye(_N)[0]


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
        Peak of the part caused by the impact transient alone in the same phase, ``(n, 4)`` (the chain is linear,
        so the impact's and the active peak's parts add up exactly).
    impact_g : numpy.ndarray or None
        That part over time, ``(n, 4, k)``.
    spine_ringing_rms_g : numpy.ndarray
        RMS of thorax minus pelvis acceleration 60–300 ms after foot strike (6 ms steps), ``(n,)``.
    leg_stiffness_kN_m : numpy.ndarray
        Vertical stiffness of the leg link at contact [kN / m], ``(n,)``.
    leg_damping_N_s_m : numpy.ndarray
        Vertical damping of the leg link at contact [N s / m], ``(n,)``.

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
    leg_damping_N_s_m: np.ndarray


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
        The ground stage (the force that drives the chain, knee flexion and leg angle at touchdown).
    spine_stiffness_scale, trunk_damping_scale : float
        Spine spring and trunk-muscle damper relative to typical [-], 0.25 to 4.
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
    const = _stage_constants(runner, timing, ground, spine_stiffness_scale, trunk_damping_scale)
    traces = check_bool("traces", traces)
    return _shock_response(const, timing, ground, traces)


def _shock_response(const, timing, ground, traces: bool) -> Shock:
    """:func:`shock_response` after its checks (``const`` from :func:`_constants_for`)."""
    lever = _lever(const, ground.knee_touchdown_rad, ground.leg_angle_touchdown_rad)
    k_leg = const.k_knee * lever
    c_leg = const.c_soft + const.c_knee * lever
    lam, h, beta = _modes_of(const, k_leg, c_leg)
    tc = timing.contact_time_s
    pulses = ((ground.impact_impulse_N_s * np.pi / (2.0 * ground.impact_time_s), ground.impact_time_s),
              (ground.active_peak_N, tc))
    ring_rows = h[:, 2:3, :] - h[:, 1:2, :]  # thorax minus pelvis
    ring_direct = const.direct[2:3] - const.direct[1:2]
    if traces:
        impact_t, active_t = _response(lam, h, beta, const.direct, pulses, SHOCK_TIME_S, _STEP_S) / GRAVITY_M_S2
        impact, total = impact_t[..., _WINDOW_IDX], impact_t[..., _WINDOW_IDX] + active_t[..., _WINDOW_IDX]
        spine = (impact_t[:, 2, _RING_IDX] + active_t[:, 2, _RING_IDX]
                 - impact_t[:, 1, _RING_IDX] - active_t[:, 1, _RING_IDX])
    else:
        impact, active = _response(lam, h, beta, const.direct, pulses, _WINDOW_T, _STEP_S) / GRAVITY_M_S2
        total = impact + active
        spine = _response(lam, ring_rows, beta, ring_direct, pulses, _RING_T, _RING_STEP_S).sum(axis=0)[:, 0] / GRAVITY_M_S2
    window = (_WINDOW_T[None, :] <= np.minimum(IMPACT_WINDOW_S, IMPACT_PART_OF_CONTACT * tc)[:, None])[:, None, :]
    peaks = np.where(window, total, -np.inf).max(axis=2)
    impact_peaks = np.where(window, impact, -np.inf).max(axis=2)
    ringing = np.sqrt((spine * spine).sum(axis=1) / spine.shape[1])  # the mean square (numpy's mean, cheaper)
    accel = ground_g = impact_g = None
    if traces:
        accel, impact_g = impact_t + active_t, impact_t
        tt = SHOCK_TIME_S[None, :]
        ground_g = sum(amp[:, None] * np.sin(np.pi * np.minimum(tt / dur[:, None], 1.0)) * (tt <= dur[:, None])
                       for amp, dur in pulses) / const.weight  # (tt >= 0: the lower clip is not needed)
    return Shock(ground_g, accel, peaks, impact_peaks, impact_g, ringing, k_leg / 1000.0, c_leg)


def spectral_attenuation_db(runner, timing, ground, *, spine_stiffness_scale: float = 1.0,
                            trunk_damping_scale: float = 1.0) -> np.ndarray:
    """Shock attenuation as Mercer et al. (2002) measured it: head over tibia power in the impact's frequency band [dB].

    Each footfall's readings (the whole signal an accelerometer gives, impact and active loading together) from
    touchdown to the next touchdown, 1 ms steps, mean removed, are taken to the frequency domain; the band's power
    of the head over the tibia's, ``10 log10(P_head / P_tibia)``, is the attenuation (more negative = more
    attenuated). The band's edges are rows of ``data/model_parameters.csv``. This is a different measure from
    ``shock_attenuation_pct`` (a ratio of peaks in percent): Mercer et al. (2002) report its change with speed in
    percent of its own value per m/s, which is not comparable with percentage points of the peak ratio.

    Parameters
    ----------
    runner : runmech.Runner
        The body.
    timing : runmech.model.gait.Timing
        Stride timing (contact, step time).
    ground : runmech.model.ground.GroundForce
        The ground stage.
    spine_stiffness_scale, trunk_damping_scale : float
        As for :func:`shock_response` [-], 0.25 to 4.

    Returns
    -------
    numpy.ndarray
        Band attenuation per speed [dB], ``(n,)``.

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> from runmech.model.ground import ground_force
    >>> r = Runner(); t = stride_timing([3.0, 5.0])
    >>> db = spectral_attenuation_db(r, t, ground_force(r, t))
    >>> bool(db[1] < db[0] < 0)  # more attenuated at the higher speed
    True
    """
    const = _stage_constants(runner, timing, ground, spine_stiffness_scale, trunk_damping_scale)
    lever = _lever(const, ground.knee_touchdown_rad, ground.leg_angle_touchdown_rad)
    lam, h, beta = _modes_of(const, const.k_knee * lever, const.c_soft + const.c_knee * lever)
    low, high = _p("shock_spectral_band_low_hz"), _p("shock_spectral_band_high_hz")
    rows = h[:, [0, 3], :]  # tibia and head
    direct = const.direct[[0, 3]]
    step = np.atleast_1d(timing.step_time_s)
    out = np.empty(step.size)
    n_fft = 8192
    freq = np.fft.rfftfreq(n_fft, 1e-3)
    band = (freq >= low) & (freq <= high)
    for i, dur in enumerate(step):
        tt = np.arange(0.0, dur, 1e-3)
        pulses = ((ground.impact_impulse_N_s[i:i + 1] * np.pi / (2.0 * ground.impact_time_s[i:i + 1]),
                   ground.impact_time_s[i:i + 1]),
                  (ground.active_peak_N[i:i + 1], np.atleast_1d(timing.contact_time_s)[i:i + 1]))
        acc = _response(lam[i:i + 1], rows[i:i + 1], beta[i:i + 1], direct, pulses, tt).sum(axis=0)[0]
        acc = acc - acc.mean(axis=1, keepdims=True)
        power = (np.abs(np.fft.rfft(acc, n=n_fft, axis=1)[:, band]) ** 2).sum(axis=1)
        out[i] = 10.0 * np.log10(power[1] / power[0])
    return out


def leg_impact_stiffness(runner, knee_flexion_rad, leg_angle_rad):
    """Vertical stiffness of the leg at touchdown [N / m]: a torsional knee spring seen through the leg's geometry.

    Parameters
    ----------
    runner : runmech.Runner
        The body (thigh and shank lengths, mass).
    knee_flexion_rad : float or numpy.ndarray
        Knee flexion at touchdown [rad], 0 to 3.14.
    leg_angle_rad : float or numpy.ndarray
        Angle of the hip-to-ankle line from the vertical at touchdown [rad], -1.57 to 1.57.

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
    const = _constants(runner, 1.0, 1.0)
    return const.k_knee * _lever(const, *_posture(knee_flexion_rad, leg_angle_rad))


def leg_impact_damping(runner, knee_flexion_rad, leg_angle_rad):
    """Vertical damping of the leg at touchdown [N s / m]: the knee's damper through the leg's geometry, plus the
    heel pad's and soft tissue's damper that does not depend on posture.

    Parameters
    ----------
    runner : runmech.Runner
        The body (thigh and shank lengths, mass).
    knee_flexion_rad : float or numpy.ndarray
        Knee flexion at touchdown [rad], 0 to 3.14.
    leg_angle_rad : float or numpy.ndarray
        Angle of the hip-to-ankle line from the vertical at touchdown [rad], -1.57 to 1.57.

    Returns
    -------
    numpy.ndarray
        ``c_soft + c_knee L^2 cos^2(alpha) / (l_thigh l_shank sin(kappa))^2`` [N s / m].

    Examples
    --------
    >>> import numpy as np
    >>> from runmech import Runner
    >>> c = leg_impact_damping(Runner(), np.radians([12.0, 20.0]), np.radians([15.0, 25.0]))
    >>> bool(c[0] > c[1])  # a bent, inclined leg holds the lower leg less firmly
    True
    """
    const = _constants(runner, 1.0, 1.0)
    return const.c_soft + const.c_knee * _lever(const, *_posture(knee_flexion_rad, leg_angle_rad))


def chain_matrices(runner, spine_stiffness_scale: float = 1.0, trunk_damping_scale: float = 1.0,
                   leg_stiffness_N_m=None, leg_damping_N_s_m=None):
    """Masses [kg], spring stiffnesses [N / m] and damping coefficients [N s / m] of the chain, bottom to top.

    Parameters
    ----------
    runner : runmech.Runner
        The body.
    spine_stiffness_scale : float
        Multiplies the spine spring [-].
    trunk_damping_scale : float
        Multiplies the spine damper (trunk muscles) [-].
    leg_stiffness_N_m, leg_damping_N_s_m : float or numpy.ndarray or None
        The leg link [N / m, N s / m] (one per impact); ``None`` uses the leg at a typical touchdown (12 deg knee
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
    const = _constants(runner, spine_stiffness_scale, trunk_damping_scale)
    typical = _lever(const, np.radians([12.0]), np.radians([18.0]))
    k_leg = (const.k_knee * typical if leg_stiffness_N_m is None
             else check_array("leg_stiffness_N_m", leg_stiffness_N_m, low=0.0, high=1e9, unit="N/m"))
    c_leg = (const.c_soft + const.c_knee * typical if leg_damping_N_s_m is None
             else check_array("leg_damping_N_s_m", leg_damping_N_s_m, low=0.0, high=1e7, unit="N s/m"))
    k_leg, c_leg = np.broadcast_arrays(np.atleast_1d(np.asarray(k_leg, dtype=float)),
                                       np.atleast_1d(np.asarray(c_leg, dtype=float)))
    springs = np.column_stack([k_leg, np.full_like(k_leg, const.k_spine), np.full_like(k_leg, const.k_neck)])
    dampers = np.column_stack([c_leg, np.full_like(k_leg, const.c_spine), np.full_like(k_leg, const.c_neck)])
    return const.masses, springs, dampers


@dataclass(frozen=True)
class _Constants:
    """Everything the chain needs that depends only on the runner and the two knobs (kept between calls)."""

    masses: tuple
    weight: float
    k_knee: float
    c_knee: float
    c_soft: float
    k_spine: float
    c_spine: float
    k_neck: float
    c_neck: float
    thigh_m: float
    shank_m: float
    knee_min_rad: float
    minv_l: np.ndarray  # M^-1 L, (4, 3)
    g: np.ndarray  # -L^T M^-1 L, (3, 3)
    b: np.ndarray  # modal input of the ground force on the link stretches, (6, 1)
    direct: np.ndarray  # the force's direct term on each mass's acceleration, (4,)
    base: np.ndarray  # the state matrix without the leg link, (6, 6)
    minv_l_twice: np.ndarray  # [M^-1 L, M^-1 L] side by side, (4, 6)


def _posture(knee_flexion_rad, leg_angle_rad):
    """Knee flexion (0 to 180 deg) and leg angle from the vertical (-90 to 90 deg) at touchdown, checked [rad]."""
    knee = check_array("knee_flexion_rad", knee_flexion_rad, low=0.0, high=np.pi, unit="rad", min_size=1)
    angle = check_array("leg_angle_rad", leg_angle_rad, low=-np.pi / 2, high=np.pi / 2, unit="rad", min_size=1)
    try:
        return np.broadcast_arrays(knee, angle)
    except ValueError:
        raise ValueError(f"knee_flexion_rad and leg_angle_rad must have the same shape (or one be a single number); "
                         f"got shapes {knee.shape} and {angle.shape}") from None


def _stage_constants(runner, timing, ground, spine_stiffness_scale, trunk_damping_scale) -> _Constants:
    """The chain's constants after checking the stage's inputs (runner, timing, ground stage and the two knobs)."""
    check_stage("timing", timing)
    check_stage("ground", ground)
    return _constants(runner, spine_stiffness_scale, trunk_damping_scale)


def _constants(runner, spine_stiffness_scale, trunk_damping_scale) -> _Constants:
    check_stage("runner", runner)
    spine = check_real("spine_stiffness_scale", spine_stiffness_scale, low=0.25, high=4)
    damping = check_real("trunk_damping_scale", trunk_damping_scale, low=0.25, high=4)
    return _constants_for(runner, spine, damping)


@lru_cache(maxsize=64)
def _constants_for(runner, spine: float, damping: float) -> _Constants:
    mass_kg, size = runner.mass_kg, body_size(runner)
    geo, seg = runner._geo, leg_segments(runner)
    masses = (geo.m_shank_foot, geo.m_pelvis + 2 * geo.m_thigh + geo.m_shank_foot, geo.m_thorax + 2 * geo.m_arm,
              geo.m_head)
    m = np.asarray(masses, dtype=float)
    link = np.zeros((_N, _N - 1))
    for j in range(_N - 1):
        link[j, j], link[j + 1, j] = 1.0, -1.0
    minv_l = link / m[:, None]
    g = -link.T @ minv_l
    b = np.zeros((6, 1))
    b[3:, 0] = -(link.T @ (np.eye(_N)[0] / m))
    # per-kg values are the typical runner's; other sizes by dynamic similarity (stiffness ~ 1 / size, damping
    # ~ 1 / sqrt(size); the knee's torsional spring and damper ~ size and size^1.5)
    k_unit, c_unit = mass_kg / size, mass_kg / np.sqrt(size)
    k_spine_typical = _p("shock_spine_k_N_m_kg") * k_unit
    k_neck = _p("shock_neck_k_N_m_kg") * k_unit
    # trunk and neck dampers from the damping ratio of the body's vertical mode (the typical spine spring, so the
    # stiffness knob does not change the damper)
    zeta = _p("shock_trunk_damping_ratio")
    c_spine = 2.0 * zeta * np.sqrt(k_spine_typical * masses[2]) * damping
    c_neck = 2.0 * zeta * np.sqrt(k_neck * masses[3])
    k_spine = k_spine_typical * spine
    base = np.zeros((6, 6))
    base[:3, 3:] = np.eye(3)
    base[3:, 1:3] = g[:, 1:] * np.array([k_spine, k_neck])
    base[3:, 4:6] = g[:, 1:] * np.array([c_spine, c_neck])
    minv_l_twice = np.concatenate([minv_l, minv_l], axis=1)
    for arr in (minv_l, g, b, base, minv_l_twice):
        arr.flags.writeable = False
    return _Constants(masses, mass_kg * GRAVITY_M_S2, _p("shock_knee_k_Nm_rad_kg") * mass_kg * size,
                      _p("shock_knee_c_Nm_s_rad_kg") * mass_kg * size ** 1.5, _p("shock_leg_c_N_s_m_kg") * c_unit,
                      k_spine, c_spine, k_neck, c_neck, seg.thigh_m, seg.shank_m,
                      np.radians(_p("shock_knee_min_flexion_deg")), minv_l, g, b, np.eye(_N)[0] / m, base,
                      minv_l_twice)


def _lever(const: _Constants, knee_flexion_rad, leg_angle_rad) -> np.ndarray:
    """The lever factor ``L^2 cos^2(alpha) / (l_thigh l_shank sin(kappa))^2`` [1 / m^2 per rad^2] of the knee."""
    kappa = np.maximum(np.asarray(knee_flexion_rad, dtype=float), const.knee_min_rad)
    cos_a = np.cos(np.asarray(leg_angle_rad, dtype=float))
    lt, ls = const.thigh_m, const.shank_m
    arm = lt * ls * np.sin(kappa)
    return (lt * lt + ls * ls + 2.0 * lt * ls * np.cos(kappa)) * cos_a * cos_a / (arm * arm)


def _modes_of(const: _Constants, k_leg, c_leg):
    """Eigenvalues ``(n, 6)``, acceleration rows ``(n, 4, 6)`` and modal inputs ``(n, 6)`` for leg links per speed."""
    k_leg = np.atleast_1d(k_leg)
    c_leg = np.atleast_1d(c_leg)
    a = np.empty((k_leg.size, 6, 6))
    a[:] = const.base
    g0 = const.g[:, 0]
    a[:, 3:, 0] = g0 * k_leg[:, None]
    a[:, 3:, 3] = g0 * c_leg[:, None]
    lam, vec = np.linalg.eig(a)
    beta = np.linalg.solve(vec, np.broadcast_to(const.b, (k_leg.size, 6, 1)))[..., 0]
    kc = np.empty((k_leg.size, 1, 6))
    kc[:, 0, 0], kc[:, 0, 3] = k_leg, c_leg
    kc[:, 0, 1:3] = const.k_spine, const.k_neck
    kc[:, 0, 4:6] = const.c_spine, const.c_neck
    rows = const.minv_l_twice[None] * kc  # M^-1 L [K C], (n, 4, 6)
    return lam, rows @ vec, beta


def _modes(masses, springs, dampers):
    """Modes of the chain's internal motion for given links (its three link stretches; the rigid fall is taken out).

    With link tensions ``f = K z + C z'`` (``z`` the stretch of each link, upper minus lower mass) the masses move as
    ``M a = L f + e_0 F``; the stretches obey ``z'' = -L^T M^-1 (L f + e_0 F)``. Returns eigenvalues ``(n, 6)``, the
    acceleration rows ``H = M^-1 L [K C] V`` ``(n, 4, 6)``, the modal input ``(n, 6)`` and the direct term of the
    force on each mass's acceleration ``(4,)``.
    """
    m = np.asarray(masses, dtype=float)
    link = np.zeros((_N, _N - 1))
    for j in range(_N - 1):
        link[j, j], link[j + 1, j] = 1.0, -1.0
    minv_l = link / m[:, None]
    g = -link.T @ minv_l
    n = springs.shape[0]
    a = np.zeros((n, 6, 6))
    a[:, :3, 3:] = np.eye(3)
    a[:, 3:, :3] = g[None] * springs[:, None, :]
    a[:, 3:, 3:] = g[None] * dampers[:, None, :]
    lam, vec = np.linalg.eig(a)
    b = np.zeros((n, 6, 1))
    b[:, 3:, 0] = -(link.T @ (_TIBIA / m))[None, :]
    beta = np.linalg.solve(vec, b)[..., 0]
    rows = np.concatenate([minv_l[None] * springs[:, None, :], minv_l[None] * dampers[:, None, :]], axis=2)
    return lam, rows @ vec, beta, np.eye(_N)[0] / m


def _chain_response(modes, pulses, t):
    """Accelerations [m / s^2] in the freely falling frame (= accelerometer readings), one block per pulse.

    ``modes`` as :func:`_modes` returns them; ``pulses`` are ``(amplitude [N], duration [s])`` half-sine forces on
    the tibia, starting at touchdown; the chain starts at rest in that frame with its links unloaded. Returns
    ``(n_pulses, n, 4, k)``.
    """
    lam, h, beta, direct = modes
    return _response(lam, h, beta, direct, pulses, t)


def _grid_exp(lam, tt, step):
    """``exp(lam t)`` ``(n, 6, k)`` at the times ``tt``; on an evenly spaced grid (``step`` [s] given) by repeated
    multiplication from the first time (a cumulative product: several times cheaper than a complex exponential;
    rounding grows as the number of steps times the machine epsilon, far below 1e-12 on these grids)."""
    if step is None:
        return np.exp(lam[:, :, None] * tt[None, None, :])
    out = np.empty(lam.shape + (tt.size,), dtype=complex)
    out[:, :, 0] = np.exp(lam * tt[0])
    out[:, :, 1:] = np.exp(lam * step)[:, :, None]
    return np.cumprod(out, axis=2, out=out)


def _response(lam, h, beta, direct, pulses, t, step=None):
    """Closed-form response of the rows ``h`` ``(n, r, 6)`` (direct terms ``(r,)``) to half-sine pulses on the
    tibia, ``(n_pulses, n, r, k)`` [m / s^2].

    The modal stretch of a half-sine ``A sin(w t)`` lasting ``T`` is ``c (w e^{lam t} - w cos wt - lam sin wt)``
    while it lasts and ``c w (1 + e^{-lam T}) e^{lam t}`` after it, with ``c = beta A / (lam^2 + w^2)``; each part is
    evaluated only on the columns where some impact needs it.
    """
    tt = np.asarray(t, dtype=float)
    e = _grid_exp(lam, tt, step)  # (n, 6, k), shared by the pulses
    out = np.empty((len(pulses), lam.shape[0], h.shape[1], tt.size))
    for i, (amp, dur) in enumerate(pulses):
        amp = np.asarray(amp, dtype=float)[:, None]
        dur = np.asarray(dur, dtype=float)[:, None]
        w = np.pi / dur  # (n, 1)
        cw = beta * amp * w / (lam * lam + w * w)  # (n, 6)
        n_in = int(np.searchsorted(tt, dur.max(), side="right"))
        n_out = int(np.searchsorted(tt, dur.min(), side="left"))
        block = out[i]
        if n_out < tt.size:
            p_out = h * (cw * (1.0 + np.exp(-lam * dur)))[:, None, :]
            block[:, :, n_out:] = np.matmul(p_out, e[:, :, n_out:]).real
        if n_in > 0:
            p_in = h * cw[:, None, :]
            wt = w * tt[None, :n_in]
            sin_wt = np.sin(wt)
            cos_coef = p_in.sum(axis=2).real  # (n, r)
            sin_coef = (p_in * (lam / w)[:, None, :]).sum(axis=2).real
            forced = (np.matmul(p_in, e[:, :, :n_in]).real - cos_coef[:, :, None] * np.cos(wt)[:, None, :]
                      - sin_coef[:, :, None] * sin_wt[:, None, :] + direct[None, :, None] * (amp * sin_wt)[:, None, :])
            if n_out < n_in:  # columns where some impacts have ended and others not
                late = slice(n_out, n_in)
                during = tt[None, None, late] <= dur[:, :, None]
                forced[:, :, late] = np.where(during, forced[:, :, late], block[:, :, late])
            block[:, :, :n_in] = forced
    return out
