"""Transverse plane: pelvis, thorax and arms as a driven dynamic system turning about the vertical axis.

Sign convention (seen from above): a positive yaw angle means the segment is rotated to the left, i.e. its right side
(right shoulder, right hip) is forward. Angular momentum about the vertical and moments about it take the same sense.
Arm angles are shoulder flexion (forward positive) in the thorax's own frame.

The model, body by body (every arrow a force or moment, nothing set to a wanted amplitude):

Legs (driven, from the hip stage)
    Each leg's centre of mass swings fore and aft with its hip angle (:func:`runmech.model.hip.hip_kinematics`) at
    half the hip spacing from the midline, carrying angular momentum ``h = m_leg d_hip v_fore_aft`` (right leg
    forward turns the body left). The legs also ride on the pelvis when it turns.
Ground (driven, from the ground and frontal stages)
    During stance the fore-aft ground force (braking, then push-off, along the leg in the sagittal plane) acts at
    the stance hip's sideways offset from the centre of mass: in the horizontal plane the leg force runs from the
    foot to the hip, so its moment about the vertical through the centre of mass is the fore-aft force times that
    offset. The ground's free moment (foot-floor twisting friction) is left out (see the OpenSim check in
    ``tests/unit/test_validation_transverse.py`` for its size in a real trial).
Pelvis (yaw degree of freedom; legs ride on it)
    Turned by the legs' reaction, the ground's moment and the spine.
Spine (torsional spring and damper)
    Joins thorax and pelvis: torque ``k (psi_t - psi_p) + c (psi_t' - psi_p')``; ``spine_stiffness_scale`` scales
    ``k``. A limit to one side (``rotation_asymmetry_pct``) makes the spring stiffer for turns of the thorax towards
    that side.
Thorax (yaw degree of freedom; head and shoulders on it)
    Turned by the spine and by the reaction of the arms it swings.
Arms (one swing degree of freedom each, at the shoulder)
    Each arm is a pendulum (elbow bent at 90 deg) hanging from its shoulder. The shoulder muscles act as a spring
    and damper pulling it towards a drive: a swing in time with the opposite leg whose size ``arm_swing`` scales
    (0 holds the arm still against the thorax). The thorax's turning shakes the shoulders fore and aft, so the arm's
    range is a result of drive, pendulum and trunk together.

The periodic steady state of these four coupled equations is solved by harmonic balance
(:mod:`runmech.model.harmonic`), for all speeds at once. The whole body's angular momentum about the vertical is then
exactly what the ground's moment gives it; the summary reports how the legs' momentum is balanced by arms, thorax,
pelvis and ground.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from runmech._validate import check_array
from runmech.constants import GRAVITY_M_S2
from runmech.model import harmonic as hb
from runmech.model.body import segment_table
from runmech.model.frontal import sway as frontal_sway
from runmech.model.frontal import work_cost_pct
from runmech.model.ground import PHASE
from runmech.model.hip import HipKinematics, hip_kinematics
from runmech.model.parameters import _p

__all__ = ["Twist", "twist", "periodic_derivative", "first_harmonic_phase_deg"]


@dataclass(frozen=True)
class Twist:
    """The transverse stage: yaw of pelvis and thorax, the arms' swing, everyone's angular momentum, the torques.

    Arrays of shape ``(n, 101)`` over the stride unless noted. Yaw: positive = rotated to the left.

    Attributes
    ----------
    thorax_rad, pelvis_rad : numpy.ndarray
        Yaw of thorax and pelvis [rad].
    arm_right_rad, arm_left_rad : numpy.ndarray
        Shoulder flexion angle of each arm relative to the thorax [rad].
    h_legs, h_pelvis, h_thorax, h_arms, h_total : numpy.ndarray
        Angular momentum about the vertical through the centre of mass [kg m^2 / s]: legs (their swing and their
        ride on the pelvis), pelvis (lower trunk), thorax (upper and middle trunk with the head), arms (their swing
        and their ride on the thorax), whole body.
    ground_moment_Nm : numpy.ndarray
        The ground's moment about the vertical through the centre of mass [N m].
    ground_right_Nm, ground_left_Nm : numpy.ndarray
        Its part under each foot [N m].
    lumbar_torque_Nm : numpy.ndarray
        Axial torque the spine passes from the pelvis up to thorax, head and arms [N m] (spring plus damper).
    shoulder_torque_right_Nm, shoulder_torque_left_Nm : numpy.ndarray
        Torque of each shoulder's muscles on its arm [N m].
    hip_twist_torque_Nm_kg : numpy.ndarray
        Axial torque the two hips pass from the legs to the pelvis, per body mass [N m / kg].
    twist_work_J : numpy.ndarray
        Positive work per stride of the spine's and shoulders' muscles ``(n,)`` [J].
    cost_pct, cost_typical_pct : numpy.ndarray
        That work's metabolic cost, and the same for a typical runner's knobs, as a share of the cost of running
        ``(n,)`` [%].
    hips : HipKinematics
        The legs' hip angles this stage used (a longer step on one side included).

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> tw = twist(Runner(), stride_timing([3.0]))
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
    ground_moment_Nm: np.ndarray
    ground_right_Nm: np.ndarray
    ground_left_Nm: np.ndarray
    lumbar_torque_Nm: np.ndarray
    shoulder_torque_right_Nm: np.ndarray
    shoulder_torque_left_Nm: np.ndarray
    hip_twist_torque_Nm_kg: np.ndarray
    twist_work_J: np.ndarray
    cost_pct: np.ndarray
    cost_typical_pct: np.ndarray
    hips: HipKinematics


@lru_cache(maxsize=256)
def _inertias(mass: float, height: float, sex: str):
    """Inertias the transverse model needs that the runner's geometry does not hold (de Leva 1996 tables).

    Returns (arm inertia about the shoulder for its fore-aft swing, elbow at 90 deg [kg m^2]; arm's own inertia about
    the vertical [kg m^2]; one leg's own inertia about its long axis [kg m^2])."""
    seg = segment_table(sex)
    scale = height / _p(f"reference_height_{sex}_m")

    def m(name):
        return mass * float(seg.loc[name, "mass_pct"]) / 100.0

    def length(name):
        return float(seg.loc[name, "length_mm"]) / 1000.0 * scale

    def own(name, axis):
        return m(name) * (length(name) * float(seg.loc[name, f"r_{axis}_pct"]) / 100.0) ** 2

    def com(name):
        return length(name) * float(seg.loc[name, "com_pct"]) / 100.0

    lu = length("upper_arm")
    fa, hand = com("forearm"), length("forearm") + com("hand")
    i_sh = (own("upper_arm", "sagittal") + m("upper_arm") * com("upper_arm") ** 2
            + own("forearm", "sagittal") + m("forearm") * (lu**2 + fa**2)
            + own("hand", "sagittal") + m("hand") * (lu**2 + hand**2))
    # about the vertical: upper arm hangs (long axis vertical), forearm and hand point forward
    i_arm_yaw = (own("upper_arm", "longitudinal") + own("forearm", "transverse") + m("forearm") * fa**2
                 + own("hand", "transverse") + m("hand") * hand**2)
    i_leg_long = own("thigh", "longitudinal") + own("shank", "longitudinal") + own("foot", "longitudinal")
    return i_sh, i_arm_yaw, i_leg_long


def _leg_fore_aft(kin, geo):
    """Fore-aft position of each leg's centre of mass relative to its hip [m] and its phase derivative [m/stride].

    A straight leg's centre of mass at ``r_leg`` from the hip moves ``r_leg sin(theta)``; the knee folds in swing,
    which brings the shank and foot back (``leg_transverse_radius_factor`` until the hip stage gives knee angles)."""
    r = geo.r_leg * _p("leg_transverse_radius_factor")
    x_r, x_l = r * np.sin(kin.angle_right_rad), r * np.sin(kin.angle_left_rad)
    return x_r, x_l, r * np.cos(kin.angle_right_rad) * kin.d1_right, r * np.cos(kin.angle_left_rad) * kin.d1_left


def _foot_moment(vgrf_bw, phase_since_strike, timing, geo, reach, y_foot, lateral_force):
    """Moment about the vertical through the centre of mass of one stance foot's horizontal forces [N m].

    Fore-aft force: along the leg in the sagittal plane, the vertical force times (centre of mass - foot) / leg length;
    the foot lands ``reach * v t_c / 2`` ahead of the centre of mass and leaves as far behind. Sideways force: the
    frontal stage's push while this foot is down. ``y_foot`` is the foot's sideways offset from the centre of mass."""
    tc = timing.contact_time_s[:, None]
    tau = phase_since_strike * timing.stride_time_s[:, None]
    on = tau < tc
    x_foot = reach * timing.speed_m_s[:, None] * (tc / 2.0 - tau) * on  # foot ahead of the centre of mass [m]
    fx = -vgrf_bw * GRAVITY_M_S2 * geo.mass * x_foot / geo.leg_length
    return x_foot * lateral_force * on - y_foot * fx

def twist(runner, timing, ground=None, sway=None, *, arm_swing: float = 1.0, rotation_asymmetry_pct: float = 0.0,
          arm_swing_asymmetry_pct: float = 0.0, step_length_asymmetry_pct: float = 0.0,
          spine_stiffness_scale: float = 1.0) -> Twist:
    """The transverse stage: solve pelvis, thorax and arms for the stride's periodic steady state.

    Parameters
    ----------
    runner : runmech.Runner
        The body (segment masses and inertias, hip and shoulder widths).
    timing : runmech.model.gait.Timing
        Stride timing.
    ground : runmech.model.ground.GroundForce, optional
        Vertical ground force under each foot (computed when omitted).
    sway : runmech.model.frontal.Sway, optional
        The centre of mass' side-to-side position (computed when omitted).
    arm_swing : float
        Size of the shoulders' drive relative to a typical runner [-]; 0 holds the arms still against the thorax.
    rotation_asymmetry_pct : float
        How much stiffer the spine is against turning the thorax to one side [%]: positive stiffens turns to the
        left (the thorax then turns more to the right), negative turns to the right.
    arm_swing_asymmetry_pct : float
        How much weaker one arm's drive is [%]: positive weakens the left arm's, negative the right arm's.
    step_length_asymmetry_pct : float
        How much longer one leg's swing is than the other's [%]: positive lengthens the right step.
    spine_stiffness_scale : float
        Torsional stiffness of the spine relative to typical [-].

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
    from runmech.model.ground import ground_force

    if ground is None:
        ground = ground_force(runner, timing)
    if sway is None:
        sway = frontal_sway(runner, timing, ground)
    knobs = dict(arm_swing=arm_swing, rotation_asymmetry_pct=rotation_asymmetry_pct,
                 arm_swing_asymmetry_pct=arm_swing_asymmetry_pct, step_length_asymmetry_pct=step_length_asymmetry_pct,
                 spine_stiffness_scale=spine_stiffness_scale)
    out = _solve(runner, timing, ground, sway, **knobs)
    typical = out if knobs == _TYPICAL else _solve(runner, timing, ground, sway, **_TYPICAL)
    cost = work_cost_pct(runner.mass_kg, timing, out["twist_work_J"])
    cost_typ = cost if typical is out else work_cost_pct(runner.mass_kg, timing, typical["twist_work_J"])
    return Twist(**out, cost_pct=cost, cost_typical_pct=cost_typ)


_TYPICAL = dict(arm_swing=1.0, rotation_asymmetry_pct=0.0, arm_swing_asymmetry_pct=0.0, step_length_asymmetry_pct=0.0,
                spine_stiffness_scale=1.0)


def _solve(runner, timing, ground, sway, *, arm_swing, rotation_asymmetry_pct, arm_swing_asymmetry_pct,
           step_length_asymmetry_pct, spine_stiffness_scale) -> dict:
    """The coupled pelvis-thorax-arms system's periodic steady state for one set of knobs."""
    geo = runner._geo
    n = timing.speed_m_s.shape[0]
    big_t = timing.stride_time_s[:, None]
    omega = 2.0 * np.pi / timing.stride_time_s
    d_hip, d_sh = geo.hip_half_width, geo.shoulder_half_width
    i_sh, i_arm_yaw, i_leg_long = _inertias(geo.mass, geo.height, runner.sex)
    g = GRAVITY_M_S2

    # legs: the hip stage's angles, one leg's swing longer when a step is longer on that side
    step = step_length_asymmetry_pct / 200.0
    kin = hip_kinematics(timing, 1.0 + step, 1.0 - step)
    x_r, x_l, dx_r, dx_l = _leg_fore_aft(kin, geo)
    h_swing = geo.m_leg * d_hip * (dx_r - dx_l) / big_t  # right leg forward -> + (turns the body left)
    x2 = 0.5 * (x_r**2 + x_l**2)[:, :-1].mean(axis=1)
    i_lower = geo.i_pelvis + 2.0 * (i_leg_long + geo.m_leg * (d_hip**2 + x2))  # pelvis with the legs riding on it

    # ground: the stance foot's horizontal forces about the vertical through the centre of mass. The fore-aft force
    # (sagittal spring-mass leg) acts at the foot's sideways offset from the centre of mass; the sideways force (the
    # frontal stage's pendulum push) acts at the foot's fore-aft offset. A force pointing straight at the centre of
    # mass would have no moment; what remains comes from the vertical force's rise and fall within the stance.
    y_com = sway.com_lateral_m
    w2 = 0.5 * sway.step_width_m
    ph_r, ph_l = PHASE[None, :], np.mod(PHASE[None, :] - 0.5, 1.0)
    m_gr = _foot_moment(ground.vgrf_right_bw, ph_r, timing, geo, 1.0 + step, -w2 - y_com, sway.lateral_force_N)
    m_gl = _foot_moment(ground.vgrf_left_bw, ph_l, timing, geo, 1.0 - step, w2 - y_com, sway.lateral_force_N)
    m_ground = m_gr + m_gl

    # the coupled system: q = (pelvis yaw, thorax yaw, right arm, left arm)
    i_thorax = geo.i_thorax
    m_a, r_a = geo.m_arm, geo.r_arm
    i_upper = i_thorax + 2.0 * (i_arm_yaw + m_a * d_sh**2)
    couple = m_a * d_sh * r_a
    k_sp = _p("spine_twist_stiffness_Nm_rad_kg") * geo.mass * spine_stiffness_scale
    a = abs(rotation_asymmetry_pct) / 100.0
    k_lin = k_sp * (1.0 + 0.5 * a)
    i_rel = i_lower * i_upper / (i_lower + i_upper)
    c_sp = 2.0 * _p("spine_twist_damping_ratio") * np.sqrt(k_sp * i_rel)
    k_grav = m_a * g * r_a
    k_sh = _p("shoulder_stiffness_per_gravity") * k_grav
    c_sh = 2.0 * _p("shoulder_damping_ratio") * np.sqrt((k_grav + k_sh) * i_sh)
    mass, damp, stiff = np.zeros((3, n, 4, 4))
    mass[:, 0, 0], mass[:, 1, 1], mass[:, 2, 2], mass[:, 3, 3] = i_lower, i_upper, i_sh, i_sh
    mass[:, 1, 2] = mass[:, 2, 1] = couple
    mass[:, 1, 3] = mass[:, 3, 1] = -couple
    damp[:, 0, 0] = damp[:, 1, 1] = c_sp
    damp[:, 0, 1] = damp[:, 1, 0] = -c_sp
    damp[:, 2, 2] = damp[:, 3, 3] = c_sh
    stiff[:, 0, 0] = stiff[:, 1, 1] = k_lin
    stiff[:, 0, 1] = stiff[:, 1, 0] = -k_lin
    stiff[:, 2, 2] = stiff[:, 3, 3] = k_grav + k_sh
    # drives: the legs' reaction and the ground on the pelvis; each shoulder's drive follows the opposite leg
    arm_asym = arm_swing_asymmetry_pct / 200.0
    gain = _p("arm_drive_per_hip_swing") * arm_swing
    cmd_r = -gain * (1.0 + arm_asym) * (kin.angle_right_rad - kin.angle_right_rad[:, :-1].mean(axis=1, keepdims=True))
    cmd_l = -gain * (1.0 - arm_asym) * (kin.angle_left_rad - kin.angle_left_rad[:, :-1].mean(axis=1, keepdims=True))
    force = np.zeros((n, hb.N_HARMONICS, 4), dtype=complex)
    force[..., 0] = hb.harmonics(m_ground) - hb.derivative(hb.harmonics(h_swing), omega)
    force[..., 2] = k_sh * hb.harmonics(cmd_r)
    force[..., 3] = k_sh * hb.harmonics(cmd_l)
    q = hb.solve_linear(mass, damp, stiff, force, omega)
    rel0 = np.zeros(n)
    if a > 0:  # one side stiffer: fixed-point iteration on the extra spring torque
        side = np.sign(rotation_asymmetry_pct)
        for _ in range(int(_p("spine_asymmetry_iterations"))):
            rel = hb.signal(q[..., 1] - q[..., 0], rel0)
            extra = 0.5 * k_sp * a * rel * np.tanh(side * rel / _p("spine_asymmetry_smoothing_rad"))
            rel0 = -extra[:, :-1].mean(axis=1) / k_lin
            f_extra = hb.harmonics(extra)
            f = force.copy()
            f[..., 0] += f_extra
            f[..., 1] -= f_extra
            q = hb.solve_linear(mass, damp, stiff, f, omega)
        rel = hb.signal(q[..., 1] - q[..., 0], rel0)
        extra = 0.5 * k_sp * a * rel * np.tanh(side * rel / _p("spine_asymmetry_smoothing_rad"))
    else:
        rel = hb.signal(q[..., 1] - q[..., 0])
        extra = np.zeros_like(rel)
    psi_p = hb.signal(q[..., 0])
    psi_t = psi_p + rel
    phi_r, phi_l = hb.signal(q[..., 2]), hb.signal(q[..., 3])
    dq = hb.derivative(q, omega)
    w_p, w_t = hb.signal(dq[..., 0]), hb.signal(dq[..., 1])
    w_ar, w_al = hb.signal(dq[..., 2]), hb.signal(dq[..., 3])

    # angular momentum of each group about the vertical through the centre of mass
    ride_legs = 2.0 * (i_leg_long + geo.m_leg * (d_hip**2 + x2))
    h_legs = h_swing + ride_legs[:, None] * w_p
    h_pelvis = geo.i_pelvis * w_p
    h_thorax = i_thorax * w_t
    h_arms = 2.0 * (i_arm_yaw + m_a * d_sh**2) * w_t + couple * (w_ar - w_al)
    h_total = h_legs + h_pelvis + h_thorax + h_arms
    spine = k_lin * rel + extra + c_sp[:, None] * (w_t - w_p)
    lumbar = -spine  # torque on the upper body
    sh_r = k_sh * (cmd_r - phi_r) - c_sh * w_ar
    sh_l = k_sh * (cmd_l - phi_l) - c_sh * w_al
    # positive work of the spine's torque on the twist (counted as muscular: no elastic return, an upper bound) and
    # of the shoulder muscles on the arms
    power = (np.clip(-spine * (w_t - w_p), 0.0, None) + np.clip(sh_r * w_ar, 0.0, None)
             + np.clip(sh_l * w_al, 0.0, None))
    work = power[:, :-1].mean(axis=1) * timing.stride_time_s
    arm_mean = np.radians(_p("arm_mean_deg"))
    hip_twist = (geo.i_pelvis * hb.signal(hb.derivative(dq[..., 0], omega)) - spine) / geo.mass
    return dict(thorax_rad=psi_t, pelvis_rad=psi_p, arm_right_rad=arm_mean + phi_r, arm_left_rad=arm_mean + phi_l,
                h_legs=h_legs, h_pelvis=h_pelvis, h_thorax=h_thorax, h_arms=h_arms, h_total=h_total,
                ground_moment_Nm=m_ground, ground_right_Nm=m_gr, ground_left_Nm=m_gl, lumbar_torque_Nm=lumbar,
                shoulder_torque_right_Nm=sh_r, shoulder_torque_left_Nm=sh_l, hip_twist_torque_Nm_kg=hip_twist,
                twist_work_J=work, hips=kin)


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
    core = y[..., :-1]
    dt = np.asarray(period, dtype=float) / core.shape[-1]
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
