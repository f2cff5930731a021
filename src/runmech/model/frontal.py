"""Frontal plane: the centre of mass swaying over each stance foot, a trunk that may lean ("bob") side to side, the
hip abductor and low-back side-bending moments that asks for, and the work and energy it costs.

The chain of reasoning (lateral = sideways, ``y`` positive to the left, right foot strike at phase 0):

Centre of mass over the stance foot (an inverted pendulum with step width)
    The stance foot sits half a step width to its own side of the midline. While it is on the ground the leg pushes
    along the line from foot to centre of mass, so the centre of mass is pushed away from the foot with an
    acceleration ``Omega^2 (y - y_foot)``, ``Omega^2 = F_stance / (m h)`` (mean stance force ``F_stance = m g
    t_step / t_contact``, height ``h`` = leg length); in flight nothing pushes sideways. The periodic solution in
    which left and right mirror each other (cosh in stance, straight lines in flight) is closed form, so the sway
    comes out of step width, contact and flight time, not from a set amplitude.
Trunk lean (the knob)
    ``lateral_sway_cm`` is the extra side-to-side travel of the shoulders relative to the pelvis, end to end [cm]: the
    trunk leans over the stance foot and back each step (one lean cycle per stride, towards the stance side). The
    centre of mass still follows the pendulum; the pelvis moves the other way by the upper body's share.
Moments
    Stance hip abductor moment: the ground force times its sideways distance from the stance hip (the force line runs
    from the foot to the centre of mass), per body mass. Leaning the trunk over the stance foot brings the centre of
    mass towards that hip and lowers this moment, the compensation clinicians see as a trunk lean. Lumbar
    side-bending moment: what holds and swings the upper body (head, arms, trunk above the lower trunk) against
    gravity and the pelvis' sideways acceleration.
Work and energy
    Positive work per stride of the low back's side-bending moment and of the legs' sideways push on the centre of
    mass, charged at the efficiency of positive muscle work (``muscle_efficiency_positive``); the cost is given as
    a percentage of the metabolic cost of running. Studies bound it: the whole cost of lateral balance is about 2 %
    (external stabilisation, Arellano & Kram 2012) and the largest step-width change they tested (25 % of leg
    length) cost +15 % (Arellano & Kram 2011); the tests hold the model to those bounds. The article's link from
    bobbing to sacroiliac pain or sacral stress fracture has not been tested by any study.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from runmech._validate import check_array, check_real
from runmech.constants import GRAVITY_M_S2
from runmech.model.body import _Scaled
from runmech.model._stages import check_stages
from runmech.model.ground import PHASE
from runmech.model.parameters import _p

__all__ = ["Sway", "sway", "lateral_sway_cost", "work_cost_pct"]


@dataclass(frozen=True)
class Sway:
    """The frontal stage: side-to-side motion, its moments and its cost (``(n,)`` figures, ``(n, 101)`` curves).

    Attributes
    ----------
    com_lateral_m : numpy.ndarray
        Side-to-side centre-of-mass position over the stride, + = left [m].
    com_lateral_pp_m : numpy.ndarray
        Its peak-to-peak range [m].
    trunk_lean_rad : numpy.ndarray
        Lean of the upper body relative to the pelvis, + = towards the left [rad].
    lateral_force_N : numpy.ndarray
        Sideways ground force under the stance foot, + = to the left [N].
    hip_abductor_right_Nm_kg, hip_abductor_left_Nm_kg : numpy.ndarray
        Stance hip abductor moment per body mass [N m / kg] (zero in swing).
    lumbar_lateral_moment_Nm : numpy.ndarray
        Side-bending moment the low back passes to the upper body [N m].
    work_J : numpy.ndarray
        Positive work per stride of the sideways motion (low back and the legs' sideways push) [J].
    metabolic_sway_pct, metabolic_typical_pct : numpy.ndarray
        That work's metabolic cost as a share of the cost of running, and the same without extra trunk lean [%].
    step_width_m : float
        Step width used [m].

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> from runmech.model.ground import ground_force
    >>> r, t = Runner(), stride_timing([3.0])
    >>> s = sway(r, t, ground_force(r, t))
    >>> bool(0.005 < s.com_lateral_pp_m[0] < 0.05)
    True
    """

    com_lateral_m: np.ndarray
    com_lateral_pp_m: np.ndarray
    trunk_lean_rad: np.ndarray
    lateral_force_N: np.ndarray
    hip_abductor_right_Nm_kg: np.ndarray
    hip_abductor_left_Nm_kg: np.ndarray
    lumbar_lateral_moment_Nm: np.ndarray
    work_J: np.ndarray
    metabolic_sway_pct: np.ndarray
    metabolic_typical_pct: np.ndarray
    step_width_m: float


@lru_cache(maxsize=256)
def _upper_body(mass: float, height: float, sex: str):
    """The body above the low back (middle and upper trunk, head, arms hanging) from de Leva's (1996) tables.

    Returns its mass [kg], its centre's height above the lumbar joint (omphalion) [m], its own inertia for leaning
    sideways [kg m^2] and the shoulders' height above the lumbar joint [m]."""
    body = _Scaled(mass, height, sex)
    seg, m, length = body.seg, body.m, body.length

    def r2(name):  # radius of gyration for sideways lean: mean of de Leva's two transverse-axis radii
        return (length(name) * 0.5 * (float(seg.loc[name, "r_sagittal_pct"])
                                      + float(seg.loc[name, "r_transverse_pct"])) / 100.0) ** 2

    lm, lu = length("mid_trunk"), length("upper_trunk")
    shoulder = lm + lu
    parts = [  # (mass, height of its centre above the lumbar joint, own inertia); segments' CoM from the upper end
        (m("mid_trunk"), lm * (1.0 - float(seg.loc["mid_trunk", "com_pct"]) / 100.0), m("mid_trunk") * r2("mid_trunk")),
        (m("upper_trunk"), lm + lu * (1.0 - float(seg.loc["upper_trunk", "com_pct"]) / 100.0),
         m("upper_trunk") * r2("upper_trunk")),
        (m("head"), shoulder + length("head") * (1.0 - float(seg.loc["head", "com_pct"]) / 100.0),
         m("head") * r2("head")),
    ]
    for name in ("upper_arm", "forearm", "hand"):  # both arms, hanging from the shoulders (elbows bent)
        below = float(seg.loc[name, "com_pct"]) / 100.0 * length(name) if name == "upper_arm" else length("upper_arm")
        parts.append((2.0 * m(name), shoulder - below, 2.0 * m(name) * r2(name)))
    m_u = sum(p[0] for p in parts)
    r_u = sum(p[0] * p[1] for p in parts) / m_u
    i_u = sum(p[2] + p[0] * (p[1] - r_u) ** 2 for p in parts)
    return m_u, r_u, i_u, shoulder


def sway(runner, timing, ground=None, *, lateral_sway_cm: float = 0.0) -> Sway:
    """The frontal stage: centre-of-mass sway over the stance foot, trunk lean, hip and low-back moments, cost.

    Parameters
    ----------
    runner : runmech.Runner
        The body.
    timing : runmech.model.gait.Timing
        Stride timing.
    ground : runmech.model.ground.GroundForce, optional
        The ground stage (vertical force under each foot); computed when omitted.
    lateral_sway_cm : float
        Extra side-to-side travel of the shoulders relative to the pelvis, end to end [cm], 0 to 10.

    Returns
    -------
    Sway

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> r, t = Runner(), stride_timing([3.0])
    >>> calm, bobbing = sway(r, t), sway(r, t, lateral_sway_cm=6.0)
    >>> bool(bobbing.work_J[0] > calm.work_J[0] > 0)
    True
    """
    from runmech.model.ground import ground_force
    from runmech.model.knobs import _check_knob

    check_stages(runner=runner, timing=timing, ground=ground, allow_none=("ground",))
    lateral_sway_cm = _check_knob("lateral_sway_cm", lateral_sway_cm)
    if ground is None:
        ground = ground_force(runner, timing)
    return _sway(runner, timing, ground, lateral_sway_cm)


def _sway(runner, timing, ground, lateral_sway_cm: float) -> Sway:
    """:func:`sway` after its checks, with the ground stage given."""
    geo = runner._geo
    g = GRAVITY_M_S2
    h = geo.leg_length
    w = _p("step_width_per_leg_length") * geo.leg_length
    tc, ts = timing.contact_time_s[:, None], timing.step_time_s[:, None]
    tf = ts - tc
    big_t = timing.stride_time_s[:, None]
    om = np.sqrt(g * ts / tc / h)  # inverted-pendulum rate in stance [1/s]
    amp = 0.5 * w / (np.cosh(om * tc / 2.0) + om * tf / 2.0 * np.sinh(om * tc / 2.0))
    t = PHASE[None, :] * big_t
    # right step (foot at -w/2) for t in [0, ts); the left step mirrors it half a stride later
    tr = np.mod(t, big_t)
    in_r = tr < ts
    s = np.where(in_r, tr, tr - ts)  # time since the current step's foot strike
    sign = np.where(in_r, -1.0, 1.0)  # side of the current stance foot
    stance = s < tc
    y_st = sign * (0.5 * w - amp * np.cosh(om * (np.minimum(s, tc) - tc / 2.0)))
    v_to = -sign * amp * om * np.sinh(om * tc / 2.0)
    y = np.where(stance, y_st, y_st + v_to * (s - tc))
    acc = np.where(stance, om**2 * (y - sign * 0.5 * w), 0.0)

    # trunk lean towards the stance side: one cycle per stride, deepest at mid-stance of each foot
    m_u, r_u, i_u, shoulder = _upper_body(geo.mass, geo.height, runner.sex)
    lean_amp = 0.5 * lateral_sway_cm / 100.0 / shoulder
    ang = 2.0 * np.pi * (PHASE[None, :] - timing.duty_factor[:, None] / 2.0)
    cos_ang = np.cos(ang)
    lean = -lean_amp * cos_ang * np.ones_like(y)
    dlean = lean_amp * np.sin(ang) * 2.0 * np.pi / big_t
    ddlean = lean_amp * cos_ang * (2.0 * np.pi / big_t) ** 2
    share = m_u * r_u / geo.mass  # centre-of-mass shift per radian of lean, carried back by the pelvis [m/rad]
    acc_pelvis = acc - share * ddlean
    # low back: hold the upper body against gravity and move it with the pelvis and the lean
    lumbar = m_u * r_u * (g * lean + acc_pelvis) + (i_u + m_u * r_u**2) * ddlean  # about the lumbar joint
    # stance hips: ground force times its sideways distance from the hip; the force line runs from the foot to the
    # centre of mass, which the model puts at hip height, so the lever is the hip's distance from the centre of mass
    # (half the hip spacing, less the centre of mass' shift when the trunk leans over that foot)
    d = geo.hip_half_width
    f_r, f_l = ground.vgrf_right_bw * g, ground.vgrf_left_bw * g  # [N / kg]
    abd_r = f_r * np.maximum(d + share * lean, 0.0)
    abd_l = f_l * np.maximum(d - share * lean, 0.0)
    # positive work of the low back's side bending and of the legs' sideways push on the centre of mass
    dy = _rate(y, big_t)
    p_back = lumbar * dlean
    p_legs = geo.mass * acc * dy
    work_legs = np.maximum(p_legs, 0.0)[:, :-1].sum(axis=1) / (PHASE.size - 1) * timing.stride_time_s
    work = np.maximum(p_back, 0.0)[:, :-1].sum(axis=1) / (PHASE.size - 1) * timing.stride_time_s + work_legs
    # without extra lean the low back only carries the upper body along (no lean rate, no work); the legs' part stays
    return Sway(y, y.max(axis=1) - y.min(axis=1), lean, geo.mass * acc, abd_r, abd_l, lumbar, work, _work_cost_pct(geo.mass, timing, work),
                _work_cost_pct(geo.mass, timing, work_legs), float(w))


def work_cost_pct(mass_kg, timing, work_J):
    """Metabolic cost of positive muscle work done every stride, as a share of the metabolic cost of running [%].

    ``cost = work / stride time / efficiency`` against ``cost_of_running * mass * speed``.

    Parameters
    ----------
    mass_kg : float
        Body mass [kg].
    timing : runmech.model.gait.Timing
        Stride timing (speed and stride time, ``(n,)``).
    work_J : numpy.ndarray
        Positive work per stride ``(n,)`` [J].

    Returns
    -------
    numpy.ndarray
        ``(n,)`` [%].

    Examples
    --------
    >>> from runmech.model.gait import stride_timing
    >>> bool(work_cost_pct(70.0, stride_timing([3.0]), np.array([10.0]))[0] > 0)
    True
    """
    mass_kg = check_real("mass_kg", mass_kg, low=20, high=250, unit="kg")  # a runmech.Runner's range
    check_stages(timing=timing)
    work_J = check_array("work_J", work_J, low=0.0, high=1e4, unit="J", allow_scalar=False)  # a stride of a human body: far under 10 kJ
    return _work_cost_pct(mass_kg, timing, work_J)


def _work_cost_pct(mass_kg, timing, work_J):
    """:func:`work_cost_pct` without argument checks (the stage's own arrays)."""
    power = work_J / timing.stride_time_s / _p("muscle_efficiency_positive")
    return power / (_p("cost_of_running_J_kg_m") * mass_kg * timing.speed_m_s) * 100.0


_NEXT = np.r_[1:PHASE.size - 1, 0]  # the next and the previous sample, wrapping around the stride (what np.roll
_PREV = np.r_[PHASE.size - 2, 0:PHASE.size - 2]  # gives, without its cost)
_CLOSED = np.r_[0:PHASE.size - 1, 0]


def _rate(y, period):
    core = y[:, :-1]
    n = core.shape[1]
    return ((core[:, _NEXT] - core[:, _PREV]) / (2.0 * period / n))[:, _CLOSED]


def lateral_sway_cost(runner, speed_m_s: float, lateral_sway_cm: float, *, cadence_spm: float | None = None):
    """Mechanical work per stride [J] and metabolic cost [% of running] of the sideways motion with extra trunk lean.

    Parameters
    ----------
    runner : runmech.Runner
        The runner.
    speed_m_s : float
        Running speed [m / s], 0.5 to 10.
    lateral_sway_cm : float
        Extra side-to-side travel of the shoulders relative to the pelvis, end to end [cm], 0 to 10.
    cadence_spm : float or None
        Cadence [steps / min], 140 to 220, or ``None`` for self-selected.

    Returns
    -------
    tuple of float
        ``(work_J_per_stride, metabolic_change_pct)``: the change against running without extra lean.

    Examples
    --------
    >>> from runmech import Runner
    >>> work, pct = lateral_sway_cost(Runner(), 3.0, 5.0)
    >>> bool(work > 0 and pct > 0)
    True
    """
    from runmech.model.body import Runner
    from runmech.model.gait import CADENCE_RANGE_SPM, SPEED_RANGE_M_S, stride_timing
    from runmech.model.knobs import KNOBS

    if not isinstance(runner, Runner):
        raise TypeError(f"runner must be a runmech.Runner; got {runner!r} ({type(runner).__name__})")
    k = KNOBS["lateral_sway_cm"]
    v = check_real("speed_m_s", speed_m_s, low=SPEED_RANGE_M_S[0], high=SPEED_RANGE_M_S[1], unit="m/s")
    s = check_real("lateral_sway_cm", lateral_sway_cm, low=k.low, high=k.high, unit=k.unit)
    cad = check_real("cadence_spm", cadence_spm, low=CADENCE_RANGE_SPM[0], high=CADENCE_RANGE_SPM[1],
                     unit="steps/min", allow_none=True)
    t = stride_timing(v, cad)
    out, base = sway(runner, t, lateral_sway_cm=s), sway(runner, t, lateral_sway_cm=0.0)
    return float(out.work_J[0] - base.work_J[0]), float(out.metabolic_sway_pct[0] - base.metabolic_sway_pct[0])
