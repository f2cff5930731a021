"""The swinging leg: hip and knee angles over the stride and the two-segment leg they move.

Angles
    Hip flexion and knee flexion follow smooth periodic curves: a constant and six Fourier harmonics, fitted to
    both legs of the real running trial shipped in ``data/recordings/opensim_running_example`` (inverse
    kinematics of the BMClab trial). The hip curve is used as a *shape* (unit half range); its range of motion is a
    power law of the stride length in leg lengths and its mid-point a linear function of the range, both fitted to
    the Fukuchi et al. (2017) treadmill data. The knee curve keeps its shape and grows with the hip range (an
    estimate). The curves keep the trial's timing within the stride (peak hip extension just after toe-off, peak
    flexion at about 80 %); the model's own contact time sets the ground force, not the curves. Because every curve
    is a finite Fourier series, its first and second derivatives are smooth everywhere: the hip moment computed from
    them has no steps.
Segments
    Thigh, and shank with foot as one rigid body, with masses, centres of mass and sagittal radii of gyration from
    de Leva (1996) scaled to the runner. :func:`segment_kinematics` gives the positions, velocities and
    accelerations of the knee, the segments' centres of mass and the ankle relative to the hip; the hip stage uses
    them for the inverse dynamics of the leg and the ground stage for the foot's speed at touchdown.

Sign convention: x forward, y up; angles from the downward vertical, positive forward (hip flexion).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from runmech._validate import check_array, check_choice, check_instance, check_real
from runmech.model.body import segment_table
from runmech.model.gait import PHASE
from runmech.model._stages import check_stage
from runmech.model.parameters import _p

__all__ = ["HipKinematics", "LegSegments", "fourier_curve", "hip_kinematics", "leg_angles", "leg_segments",
           "segment_kinematics", "touchdown"]

_DEG = np.pi / 180.0
_HARMONICS = 6


@dataclass(frozen=True)
class HipKinematics:
    """Hip and knee flexion of each leg over the stride and their phase derivatives (arrays ``(n, 101)``).

    Attributes
    ----------
    angle_right_rad, angle_left_rad : numpy.ndarray
        Hip flexion angle [rad], flexion positive (thigh relative to the pelvis).
    d1_right, d1_left : numpy.ndarray
        First derivative of the hip angle with respect to stride phase [rad / stride].
    d2_right, d2_left : numpy.ndarray
        Second derivative with respect to stride phase [rad / stride^2].
    knee_right_rad, knee_left_rad : numpy.ndarray
        Knee flexion [rad], 0 = straight.
    knee_d1_right, knee_d1_left, knee_d2_right, knee_d2_left : numpy.ndarray
        First and second phase derivatives of knee flexion [rad / stride, rad / stride^2].

    Examples
    --------
    >>> from runmech.model.gait import stride_timing
    >>> k = hip_kinematics(stride_timing([3.0]))
    >>> k.angle_right_rad.shape, bool(k.knee_right_rad.max() > 1.2)
    ((1, 101), True)
    """

    angle_right_rad: np.ndarray
    angle_left_rad: np.ndarray
    d1_right: np.ndarray
    d1_left: np.ndarray
    d2_right: np.ndarray
    d2_left: np.ndarray
    knee_right_rad: np.ndarray
    knee_left_rad: np.ndarray
    knee_d1_right: np.ndarray
    knee_d1_left: np.ndarray
    knee_d2_right: np.ndarray
    knee_d2_left: np.ndarray
    #: the same twelve arrays as six ``(2, n, 101)`` stacks (right, left) when the model made them (else None)
    _stacked: tuple | None = field(default=None, repr=False, compare=False)


@lru_cache(maxsize=1)
def _coefficients() -> tuple[np.ndarray, np.ndarray]:
    names = ["c0"] + [f"{ab}{k}" for k in range(1, _HARMONICS + 1) for ab in ("a", "b")]
    hip = np.array([_p(f"hip_shape_{n}") for n in names])
    knee = np.array([_p(f"knee_shape_{n}_deg") for n in names])
    return hip, knee


def fourier_curve(coefficients, phase):
    """A periodic curve ``c0 + sum_k a_k cos(2 pi k x) + b_k sin(2 pi k x)`` and its two phase derivatives.

    Parameters
    ----------
    coefficients : sequence of float
        ``c0, a1, b1, a2, b2, ...`` [unit of the curve] (at least ``c0``).
    phase : float or numpy.ndarray
        Stride phase [fraction of the stride].

    Returns
    -------
    tuple of numpy.ndarray
        Value, first and second derivative with respect to phase [unit, unit / stride, unit / stride^2].

    Examples
    --------
    >>> import numpy as np
    >>> y, d1, d2 = fourier_curve([1.0, 0.0, 1.0], np.array([0.0, 0.25]))
    >>> np.round(y, 3).tolist(), np.round(d1 / (2 * np.pi), 3).tolist()
    ([1.0, 2.0], [1.0, 0.0])
    """
    c = check_array("coefficients", coefficients, allow_scalar=False, min_size=1).ravel()
    x = check_array("phase", phase)
    y = np.full_like(x, c[0])
    d1 = np.zeros_like(x)
    d2 = np.zeros_like(x)
    for k in range(1, (c.size - 1) // 2 + 1):
        a, b = c[2 * k - 1], c[2 * k]
        w = 2.0 * np.pi * k
        cos, sin = np.cos(w * x), np.sin(w * x)
        y = y + a * cos + b * sin
        d1 = d1 + w * (b * cos - a * sin)
        d2 = d2 - w * w * (a * cos + b * sin)
    return y, d1, d2


@lru_cache(maxsize=4)
def _shapes(shift: float):
    """Unit hip shape and knee curve [deg] with their phase derivatives on the model's phase grid (``PHASE``
    shifted by ``shift``): they never change, only their scale does, so they are computed once."""
    hip_c, knee_c = _coefficients()
    x = np.mod(PHASE - shift, 1.0)
    return fourier_curve(hip_c, x), fourier_curve(knee_c, x)


@lru_cache(maxsize=1)
def _touchdown_shapes():
    """The unit shapes at foot strike (phase 0), computed once."""
    hip_c, knee_c = _coefficients()
    x = np.zeros((1, 1))
    return fourier_curve(hip_c, x), fourier_curve(knee_c, x)


def _scaled(shapes, rel_stride, side_scale):
    """Hip and knee flexion [rad] with phase derivatives, from the unit shapes and the stride length."""
    (s, s1, s2), (k, k1, k2) = shapes
    rom = _p("hip_rom_a_deg") * rel_stride ** _p("hip_rom_p")
    mid = _p("hip_mid_a_deg") + _p("hip_mid_b") * rom
    half = 0.5 * rom * side_scale * _DEG
    scale = (rom / _p("trial_hip_rom_deg")) ** _p("knee_swing_rom_exponent") * _DEG
    return mid * _DEG + half * s, half * s1, half * s2, k * scale, k1 * scale, k2 * scale


def hip_kinematics(timing, side_scale_right: float = 1.0, side_scale_left: float = 1.0) -> HipKinematics:
    """Hip and knee flexion of both legs over the stride (right foot strike at phase 0, left at 0.5).

    Parameters
    ----------
    timing : runmech.model.gait.Timing
        From :func:`runmech.model.gait.stride_timing` (duty factor, stride length and leg length).
    side_scale_right, side_scale_left : float or numpy.ndarray
        Multiply each leg's half range of hip motion [-] (1 = the range the stride length gives).

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
    check_stage("timing", timing)
    side_scale_right, side_scale_left = (_side_scale(name, value, timing.stride_length_m.size) for name, value in
                                         (("side_scale_right", side_scale_right), ("side_scale_left", side_scale_left)))
    return _hip_kinematics(timing, side_scale_right, side_scale_left)


def _hip_kinematics(timing, side_scale_right, side_scale_left) -> HipKinematics:
    """:func:`hip_kinematics` after its checks (each side's scale a float or an ``(n, 1)`` array)."""
    rel = (timing.stride_length_m / timing.leg_length_m)[:, None]
    side = np.stack(np.broadcast_arrays(np.asarray(side_scale_right, dtype=float),
                                        np.asarray(side_scale_left, dtype=float)))
    if side.ndim == 1:
        side = side[:, None, None]
    both = _scaled(_shapes_both(), rel, side)  # both legs at once: six (2, n, 101) arrays
    return HipKinematics(*(a[i] for a in both for i in (0, 1)), _stacked=both)


@lru_cache(maxsize=1)
def _shapes_both():
    """:func:`_shapes` of the right leg (strike at phase 0) and the left (0.5) stacked, ``(2, 1, 101)`` each."""
    (rs, rk), (ls, lk) = _shapes(0.0), _shapes(0.5)
    both = tuple(np.stack([np.broadcast_to(a, (1, PHASE.size)), np.broadcast_to(b, (1, PHASE.size))])
                 for a, b in zip(rs + rk, ls + lk))
    return both[:3], both[3:]


def leg_angles(kinematics, side: str):
    """Absolute thigh and shank angles from the vertical with their phase derivatives for one leg.

    Parameters
    ----------
    kinematics : runmech.model.leg.HipKinematics
        Hip and knee angles.
    side : {"right", "left"}
        Which leg.

    Returns
    -------
    tuple
        ``(thigh, shank)``, each ``(angle [rad], d/dphase, d2/dphase2)``; thigh = hip flexion minus the pelvis's
        forward tilt, shank = thigh minus knee flexion.

    Examples
    --------
    >>> from runmech.model.gait import stride_timing
    >>> thigh, shank = leg_angles(hip_kinematics(stride_timing([3.0])), "right")
    >>> bool((shank[0] <= thigh[0] + 1e-12).all())
    True
    """
    k = check_instance("kinematics", kinematics, HipKinematics, "a HipKinematics (from hip_kinematics(timing))")
    side = check_choice("side", side, ("right", "left"))
    hip = getattr(k, f"angle_{side}_rad"), getattr(k, f"d1_{side}"), getattr(k, f"d2_{side}")
    knee = getattr(k, f"knee_{side}_rad"), getattr(k, f"knee_d1_{side}"), getattr(k, f"knee_d2_{side}")
    thigh = (hip[0] - _p("pelvis_anterior_tilt_deg") * _DEG, hip[1], hip[2])
    shank = (thigh[0] - knee[0], thigh[1] - knee[1], thigh[2] - knee[2])
    return thigh, shank


def _both_legs_points(kinematics, segments, stride_time_s):
    """Both legs' centres of mass relative to the hip, right and left stacked on a first axis of 2.

    The twist and the hip stage both move the two-segment legs by the same angles; computed once, both read it.

    Parameters
    ----------
    kinematics : HipKinematics
        Hip and knee angles of both legs.
    segments : LegSegments
        The leg (:func:`leg_segments`).
    stride_time_s : numpy.ndarray
        Stride time [s], broadcastable against the angles, e.g. ``(n, 1)``.

    Returns
    -------
    dict
        As :func:`segment_kinematics` with ``points=("thigh_com", "shank_com")``; every array ``(2, n, 101)``
        (index 0 right, 1 left).

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> t = stride_timing([3.0])
    >>> pts = _both_legs_points(hip_kinematics(t), leg_segments(Runner()), t.stride_time_s[:, None])
    >>> pts["thigh_com"][0].shape
    (2, 1, 101)
    """
    k = kinematics
    if k._stacked is not None:  # made by the model: both legs already stacked
        hip, knee = k._stacked[:3], k._stacked[3:]
    else:  # leg_angles for both legs at once, written into preallocated (2, n, 101) arrays (the same arithmetic)
        hip = np.empty((3, 2) + np.shape(k.angle_right_rad))
        knee = np.empty_like(hip)
        hip[0, 0], hip[0, 1], hip[1, 0], hip[1, 1], hip[2, 0], hip[2, 1] = (
            k.angle_right_rad, k.angle_left_rad, k.d1_right, k.d1_left, k.d2_right, k.d2_left)
        knee[0, 0], knee[0, 1], knee[1, 0], knee[1, 1], knee[2, 0], knee[2, 1] = (
            k.knee_right_rad, k.knee_left_rad, k.knee_d1_right, k.knee_d1_left, k.knee_d2_right, k.knee_d2_left)
    t0 = hip[0] - _p("pelvis_anterior_tilt_deg") * _DEG
    thigh = (t0, hip[1], hip[2])
    shank = (t0 - knee[0], hip[1] - knee[1], hip[2] - knee[2])
    return _segment_kinematics(segments, thigh, shank, stride_time_s, ("thigh_com", "shank_com"))


class LegSegments(NamedTuple):
    """The two segments of one leg (de Leva 1996, scaled to the runner).

    Attributes
    ----------
    thigh_m, thigh_com_m, thigh_kg, thigh_inertia_kg_m2 : float
        Thigh length, hip to its centre of mass [m], mass [kg], sagittal inertia about its centre of mass.
    shank_m, shank_com_m, shank_kg, shank_inertia_kg_m2 : float
        The same for shank and foot as one body (length knee to ankle; centre of mass from the knee).
    foot_m : float
        Foot length [m].

    Examples
    --------
    >>> from runmech import Runner
    >>> leg_segments(Runner()).foot_m > 0.2
    True
    """

    thigh_m: float
    thigh_com_m: float
    thigh_kg: float
    thigh_inertia_kg_m2: float
    shank_m: float
    shank_com_m: float
    shank_kg: float
    shank_inertia_kg_m2: float
    foot_m: float


@lru_cache(maxsize=256)
def _segments(mass: float, height: float, sex: str) -> LegSegments:
    seg = segment_table(sex)
    scale = height / _p(f"reference_height_{sex}_m")

    def part(name):
        m = mass * float(seg.loc[name, "mass_pct"]) / 100.0
        length = float(seg.loc[name, "length_mm"]) / 1000.0 * scale
        com = length * float(seg.loc[name, "com_pct"]) / 100.0
        inertia = m * (length * float(seg.loc[name, "r_sagittal_pct"]) / 100.0) ** 2
        return m, length, com, inertia

    mt, lt, ct, it = part("thigh")
    ms, ls, cs, i_s = part("shank")
    mf, lf, cf, i_f = part("foot")
    # the foot's centre of mass sits forward of the ankle along the foot, held at right angles to the shank
    foot_fwd = cf - _p("ankle_to_heel_per_foot") * lf
    m2 = ms + mf
    c2_along = (ms * cs + mf * ls) / m2
    c2_fwd = mf * foot_fwd / m2
    i2 = (i_s + ms * ((cs - c2_along) ** 2 + c2_fwd ** 2)
          + i_f + mf * ((ls - c2_along) ** 2 + (foot_fwd - c2_fwd) ** 2))
    return LegSegments(lt, ct, mt, it, ls, float(np.hypot(c2_along, c2_fwd)), m2, i2, lf)


def leg_segments(runner) -> LegSegments:
    """The runner's thigh and shank-with-foot segments (de Leva 1996, lengths scaled with height).

    Parameters
    ----------
    runner : runmech.Runner
        The body.

    Returns
    -------
    LegSegments

    Examples
    --------
    >>> from runmech import Runner
    >>> s = leg_segments(Runner())
    >>> round(s.thigh_m, 3), round(s.thigh_kg + s.shank_kg, 2)
    (0.422, 14.5)
    """
    check_stage("runner", runner)
    return _segments(runner.mass_kg, runner.height_m, runner.sex)


def segment_kinematics(segments: LegSegments, thigh, shank, stride_time_s,
                       points=("thigh_com", "shank_com", "ankle")):
    """Positions, velocities and accelerations relative to the hip of the leg's points (time derivatives).

    Parameters
    ----------
    segments : LegSegments
        From :func:`leg_segments`.
    thigh, shank : tuple of numpy.ndarray
        Absolute angle from the downward vertical [rad] (positive forward) with its first and second phase
        derivatives, for the thigh and for the shank (thigh angle minus knee flexion).
    stride_time_s : float or numpy.ndarray
        Stride time [s], above 0 and at most 10, broadcastable against the angles.
    points : sequence of str
        Which of ``"thigh_com"``, ``"shank_com"``, ``"ankle"`` to compute.

    Returns
    -------
    dict
        The points asked for, each a tuple ``(x, y, vx, vy, ax, ay)`` [m, m/s, m/s^2]; and ``"thigh_acc"``,
        ``"shank_acc"``: angular accelerations [rad/s^2].

    Examples
    --------
    >>> import numpy as np
    >>> from runmech import Runner
    >>> s = leg_segments(Runner())
    >>> zero = (np.zeros(1), np.zeros(1), np.zeros(1))
    >>> out = segment_kinematics(s, zero, zero, np.ones(1))
    >>> round(float(out["ankle"][1][0]), 3) == -round(s.thigh_m + s.shank_m, 3)
    True
    """
    check_stage("segments", segments)
    angles = {}
    for name, value in (("thigh", thigh), ("shank", shank)):
        value = check_instance(name, value, (tuple, list), "a tuple of three arrays (angle [rad], its first and "
                                                           "second phase derivatives)")
        if len(value) != 3:
            raise ValueError(f"{name} must hold three arrays (angle [rad], its first and second phase derivatives);"
                             f" got {len(value)}")
        angles[name] = tuple(check_array(f"{name}[{i}]", v) for i, v in enumerate(value))
    thigh, shank = angles["thigh"], angles["shank"]
    big_t = check_array("stride_time_s", stride_time_s, low=0.0, low_inclusive=False, high=10.0, unit="s")
    try:
        np.broadcast_shapes(*(a.shape for a in thigh + shank), big_t.shape)
    except ValueError:
        raise ValueError(f"thigh, shank and stride_time_s must have shapes that broadcast together; got "
                         f"{[a.shape for a in thigh]}, {[a.shape for a in shank]} and {big_t.shape}") from None
    points = check_instance("points", points, (tuple, list), "a sequence of point names")
    points = [check_choice(f"points[{i}]", p, _POINTS) for i, p in enumerate(points)]
    return _segment_kinematics(segments, thigh, shank, big_t, points)


_POINTS = ("thigh_com", "shank_com", "ankle")


def _segment_kinematics(segments: LegSegments, thigh, shank, stride_time_s, points):
    """:func:`segment_kinematics` without the checks (the model's own calls, with arrays it made)."""
    big_t = np.asarray(stride_time_s, dtype=float)
    big_t2 = big_t * big_t
    p1, p1d, p1dd = thigh[0], thigh[1] / big_t, thigh[2] / big_t2
    p2, p2d, p2dd = shank[0], shank[1] / big_t, shank[2] / big_t2
    s1, c1, s2, c2 = np.sin(p1), np.cos(p1), np.sin(p2), np.cos(p2)

    # each segment's unit velocity and acceleration terms, shared by every point (computed once)
    s1d, c1d = s1 * p1d, c1 * p1d
    ax1, ay1 = c1 * p1dd - s1d * p1d, s1 * p1dd + c1d * p1d
    shank_terms = None

    def point(r1, r2):
        """A point at r1 along the thigh plus r2 along the shank (0 for points on the thigh)."""
        nonlocal shank_terms
        if r2 == 0.0:  # on the thigh: the shank's terms are zero (skipped)
            return (r1 * s1, -r1 * c1, r1 * c1d, r1 * s1d, r1 * ax1, r1 * ay1)
        if shank_terms is None:
            s2d, c2d = s2 * p2d, c2 * p2d
            shank_terms = s2d, c2d, c2 * p2dd - s2d * p2d, s2 * p2dd + c2d * p2d
        s2d, c2d, ax2, ay2 = shank_terms
        return (r1 * s1 + r2 * s2, -(r1 * c1 + r2 * c2), r1 * c1d + r2 * c2d, r1 * s1d + r2 * s2d,
                r1 * ax1 + r2 * ax2, r1 * ay1 + r2 * ay2)

    lt = segments.thigh_m
    where = {"thigh_com": (segments.thigh_com_m, 0.0), "shank_com": (lt, segments.shank_com_m),
             "ankle": (lt, segments.shank_m)}
    out = {name: point(*where[name]) for name in points}
    out.update(thigh_acc=p1dd, shank_acc=p2dd)
    return out


def touchdown(timing, segments: LegSegments):
    """The right leg at its foot strike: knee flexion [rad] and the ankle's velocity relative to the hip [m/s].

    Parameters
    ----------
    timing : runmech.model.gait.Timing
        Stride timing.
    segments : LegSegments
        The leg.

    Returns
    -------
    tuple of numpy.ndarray
        ``(knee_flexion_rad, ankle_vx_m_s, ankle_vy_m_s)``, each ``(n,)``; x forward, y up.

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> knee, vx, vy = touchdown(stride_timing([3.0]), leg_segments(Runner()))
    >>> bool(vy[0] < 0)  # the foot is still coming down
    True
    """
    check_stage("timing", timing)
    check_stage("segments", segments)
    return _touchdown(timing, segments)


def _touchdown(timing, segments: LegSegments):
    """:func:`touchdown` after its checks."""
    rel = (timing.stride_length_m / timing.leg_length_m)[:, None]
    hip, h1, h2, knee, k1, k2 = _scaled(_touchdown_shapes(), rel, 1.0)
    thigh = (hip - _p("pelvis_anterior_tilt_deg") * _DEG, h1, h2)
    shank = (thigh[0] - knee, thigh[1] - k1, thigh[2] - k2)
    ankle = _segment_kinematics(segments, thigh, shank, timing.stride_time_s[:, None], ("ankle",))["ankle"]
    return knee[:, 0], ankle[2][:, 0], ankle[3][:, 0]




def _side_scale(name: str, value, n: int):
    """A side's range scale, 0 to 2: one number, or one per speed of the timing (``n``)."""
    if type(value) in (float, int):  # the usual case, checked the cheap way
        return check_real(name, value, low=0.0, high=2.0)
    arr = check_array(name, value, low=0.0, high=2.0, min_size=1)
    if arr.size not in (1, n):
        raise ValueError(f"{name} must be one number or one per speed ({n}); got {arr.size} values")
    return arr.reshape(-1, 1) if arr.ndim else arr
