"""Transverse plane: pelvis, thorax and arms as a driven dynamic system turning about the vertical axis.

Sign convention (seen from above): a positive yaw angle means the segment is rotated to the left, i.e. its right side
(right shoulder, right hip) is forward. Angular momentum about the vertical and moments about it take the same sense.
Arm angles are shoulder flexion (forward positive) in the thorax's own frame.

The model, body by body (every arrow a force or moment, nothing set to a wanted amplitude):

Legs (driven, from the hip stage)
    Each leg is two segments (thigh; shank with foot, :mod:`runmech.model.leg`) moved by its hip and knee curves;
    its centre of mass swings fore and aft at half the hip spacing from the midline and carries angular momentum
    ``h = m_leg d_hip v_fore_aft`` (right leg forward turns the body left). The legs also ride on the pelvis when it
    turns.
Ground (from the ground and frontal stages, and the pelvis's own turning)
    During stance the fore-aft ground force (braking, then push-off) acts at the stance foot's sideways offset from
    the centre of mass, and the sideways force at its fore-aft offset. The planted foot also holds the pelvis: the
    stance hip's rotators resist the pelvis's turn since that foot's strike (a spring and a damper as strong as the
    load on the foot), which the floor takes up as its free moment. Both were fitted to the shipped trial's free
    moment; the hold acts only in stance, so it couples the harmonics and is solved exactly
    (:func:`runmech.model.harmonic.real_basis`).
Pelvis (yaw degree of freedom; legs ride on it)
    Turned by the legs' reaction, the ground and the spine.
Spine (torsional spring and damper)
    Joins thorax and pelvis: torque ``k (psi_t - psi_p) + c (psi_t' - psi_p')``; ``spine_stiffness_scale`` scales
    ``k``, whose typical value is the shipped trial's lumbar moment over its lumbar twist (a fit). A limit to one side
    (``rotation_asymmetry_pct``) makes the spring stiffer for turns of the thorax towards that side: a nonlinear
    spring, solved by alternating frequency and time (checked against direct time integration in the tests).
Thorax (yaw degree of freedom; head and shoulders on it)
    Turned by the spine and by the reaction of the arms it swings.
Arms (one swing degree of freedom each, at the shoulder)
    Each arm is a pendulum (elbow bent at 90 deg) hanging from its shoulder. The shoulder muscles drive it through a
    series-elastic spring whose rest angle the muscles move in time with the opposite leg, by an amount ``arm_swing``
    scales; a runner who swings less holds the arm stiffer, and at 0 holds it against the chest. The thorax's turning
    shakes the shoulders fore and aft, so the arm's range is a result of drive, pendulum and trunk together.
Work and energy
    Positive and negative muscle work per stride: the hips turning the pelvis (the legs' reaction and the ground pass
    through them), the shoulder muscles moving their springs' rest angles, and the dampers of spine and shoulders
    (negative work); the springs return what they store. Positive work is charged at ``muscle_efficiency_positive``,
    negative at ``muscle_efficiency_negative``. Holding the arms still (an isometric effort) and balance are not
    work and are not counted. With the arms held every twist torque (shoulders, spine, hips) is smaller, so a cost
    of force instead of work would not change the model's finding that holding the arms is cheaper
    (``data/claims.csv``, ``arm_swing_matters``).

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
from runmech.model.body import _Scaled
from runmech.model.frontal import sway as frontal_sway
from runmech.model.gait import PHASE_LEFT
from runmech.model.ground import PHASE
from runmech.model._stages import check_stages
from runmech.model.hip import HipKinematics
from runmech.model.knobs import _check_knob
from runmech.model.leg import _both_legs_points, _hip_kinematics, leg_segments
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
        The ground's moment about the vertical through the centre of mass [N m]: its horizontal forces' moments and
        the free moment.
    ground_right_Nm, ground_left_Nm : numpy.ndarray
        Its part under each foot [N m].
    free_moment_Nm : numpy.ndarray
        The free moment alone: the planted foot holding the pelvis's heading through the stance hip's rotators [N m].
    lumbar_torque_Nm : numpy.ndarray
        Axial torque the spine passes from the pelvis up to thorax, head and arms [N m] (spring plus damper).
    shoulder_torque_right_Nm, shoulder_torque_left_Nm : numpy.ndarray
        Torque of each shoulder's muscles on its arm [N m].
    hip_twist_torque_Nm_kg : numpy.ndarray
        Axial torque the two hips pass from the legs to the pelvis, per body mass [N m / kg].
    twist_work_J, twist_negative_work_J : numpy.ndarray
        Positive and negative muscle work per stride ``(n,)`` [J]: the hips turning the pelvis, the shoulder muscles
        driving the arms, the dampers of spine and shoulders (negative).
    twist_metabolic_J : numpy.ndarray
        Their metabolic cost per stride ``(n,)`` [J] (positive work at ``muscle_efficiency_positive``, negative at
        ``muscle_efficiency_negative``).
    cost_pct, cost_typical_pct : numpy.ndarray
        That work's metabolic cost, and the same for a typical runner's knobs, as a share of the cost of running
        ``(n,)`` [%].
    hips : HipKinematics
        The legs' hip angles this stage used (a longer step on one side included).
    leg_points : dict
        Both legs' thigh and shank centres of mass moved by those angles (:func:`runmech.model.leg._both_legs_points`),
        for the hip stage to reuse.

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
    free_moment_Nm: np.ndarray
    lumbar_torque_Nm: np.ndarray
    shoulder_torque_right_Nm: np.ndarray
    shoulder_torque_left_Nm: np.ndarray
    hip_twist_torque_Nm_kg: np.ndarray
    twist_work_J: np.ndarray
    twist_negative_work_J: np.ndarray
    twist_metabolic_J: np.ndarray
    cost_pct: np.ndarray
    cost_typical_pct: np.ndarray
    hips: HipKinematics
    leg_points: dict


@lru_cache(maxsize=256)
def _inertias(mass: float, height: float, sex: str):
    """Inertias the transverse model needs that the runner's geometry does not hold (de Leva 1996 tables).

    Returns (arm inertia about the shoulder for its fore-aft swing, elbow at 90 deg [kg m^2]; arm's own inertia about
    the vertical [kg m^2]; one leg's own inertia about its long axis [kg m^2])."""
    body = _Scaled(mass, height, sex)
    m, length, own, com = body.m, body.length, body.own, body.com

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


def _leg_fore_aft(pts, segments):
    """Fore-aft velocity of each leg's centre of mass relative to its hip [m/s] and the mean of its squared
    fore-aft offset [m^2], from the two-segment leg (thigh; shank with foot) moved by the hip and knee curves
    (``pts`` from :func:`runmech.model.leg._both_legs_points`)."""
    m_t, m_s = segments.thigh_kg, segments.shank_kg
    x = (m_t * pts["thigh_com"][0] + m_s * pts["shank_com"][0]) / (m_t + m_s)
    vx = (m_t * pts["thigh_com"][2] + m_s * pts["shank_com"][2]) / (m_t + m_s)
    return vx[0], vx[1], 0.5 * (x[0] ** 2 + x[1] ** 2)[:, :-1].sum(axis=1) / _N_CORE


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
        Size of the shoulders' drive relative to a typical runner [-]; less drive goes with a stiffer hold, and 0 holds
        the arms still against the thorax.
    rotation_asymmetry_pct : float
        How much stiffer the spine is against turning the thorax to one side [%]: positive stiffens turns to the
        left (the spine then twists less to the left of the pelvis), negative turns to the right.
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

    check_stages(runner=runner, timing=timing, ground=ground, sway=sway, allow_none=("ground", "sway"))
    knobs = {name: _check_knob(name, value) for name, value in (
        ("arm_swing", arm_swing), ("rotation_asymmetry_pct", rotation_asymmetry_pct),
        ("arm_swing_asymmetry_pct", arm_swing_asymmetry_pct), ("step_length_asymmetry_pct", step_length_asymmetry_pct),
        ("spine_stiffness_scale", spine_stiffness_scale))}
    if ground is None:
        ground = ground_force(runner, timing)
    if sway is None:
        sway = frontal_sway(runner, timing, ground)
    return _twist(runner, timing, ground, sway, knobs)


def _twist(runner, timing, ground, sway, knobs) -> Twist:
    """:func:`twist` after its checks, with every stage given (``knobs`` as checked, by name)."""
    out = _solve(runner, timing, ground, sway, **knobs)
    typical = out if knobs == _TYPICAL else _solve(runner, timing, ground, sway, **_TYPICAL)
    cost = _cost_pct(runner.mass_kg, timing, out["twist_metabolic_J"])
    cost_typ = cost if typical is out else _cost_pct(runner.mass_kg, timing, typical["twist_metabolic_J"])
    return Twist(**out, cost_pct=cost, cost_typical_pct=cost_typ)


def _cost_pct(mass_kg, timing, metabolic_J):
    """Metabolic energy spent every stride as a share of the metabolic cost of running [%]."""
    return metabolic_J / timing.stride_time_s / (_p("cost_of_running_J_kg_m") * mass_kg * timing.speed_m_s) * 100.0


_TYPICAL = dict(arm_swing=1.0, rotation_asymmetry_pct=0.0, arm_swing_asymmetry_pct=0.0, step_length_asymmetry_pct=0.0,
                spine_stiffness_scale=1.0)


def _solve(runner, timing, ground, sway, *, arm_swing, rotation_asymmetry_pct, arm_swing_asymmetry_pct,
           step_length_asymmetry_pct, spine_stiffness_scale) -> dict:
    """The coupled pelvis-thorax-arms system's periodic steady state for one set of knobs."""
    geo = runner._geo
    big_t = timing.stride_time_s[:, None]
    omega = 2.0 * np.pi / timing.stride_time_s
    d_hip, d_sh = geo.hip_half_width, geo.shoulder_half_width
    i_sh, i_arm_yaw, i_leg_long = _inertias(geo.mass, geo.height, runner.sex)
    g = GRAVITY_M_S2

    # legs: the hip and knee curves move a two-segment leg; one leg's swing is longer when its step is longer
    step = step_length_asymmetry_pct / 200.0
    kin = _hip_kinematics(timing, 1.0 + step, 1.0 - step)
    segments = leg_segments(runner)
    leg_pts = _both_legs_points(kin, segments, big_t)
    v_r, v_l, x2 = _leg_fore_aft(leg_pts, segments)
    h_swing = geo.m_leg * d_hip * (v_r - v_l)  # right leg forward -> + (turns the body left)
    ride_legs = 2.0 * (i_leg_long + geo.m_leg * (d_hip**2 + x2))  # the legs riding on the pelvis when it turns
    i_lower = geo.i_pelvis + ride_legs

    # ground, horizontal forces: the fore-aft force (sagittal spring-mass leg) acts at the stance foot's sideways
    # offset from the centre of mass, the sideways force (the frontal stage's pendulum push) at its fore-aft offset
    y_com = sway.com_lateral_m
    w2 = 0.5 * sway.step_width_m
    ph_r, ph_l = PHASE[None, :], PHASE_LEFT
    m_fr = _foot_moment(ground.vgrf_right_bw, ph_r, timing, geo, 1.0 + step, -w2 - y_com, sway.lateral_force_N)
    m_fl = _foot_moment(ground.vgrf_left_bw, ph_l, timing, geo, 1.0 - step, w2 - y_com, sway.lateral_force_N)

    # the coupled system q = (pelvis yaw, thorax yaw, right arm, left arm), harmonic by harmonic: each row is
    # (stiffness - (h w)^2 inertia + i h w damping); arms couple only to the thorax, so the system is condensed by hand
    m_a, r_a = geo.m_arm, geo.r_arm
    i_upper = geo.i_thorax + 2.0 * (i_arm_yaw + m_a * d_sh**2)
    couple = m_a * d_sh * r_a
    # torsional stiffnesses scale as m g L (dynamic similarity: their natural frequencies follow the Froude-scaled
    # stride frequency), from the values per kg of a runner of the reference stature
    size = geo.mass * geo.height / _p(f"reference_height_{runner.sex}_m")
    k_sp = _p("spine_twist_stiffness_Nm_rad_kg") * size * spine_stiffness_scale
    a = abs(rotation_asymmetry_pct) / 100.0
    k_lin = k_sp * (1.0 + 0.5 * a)
    i_rel = i_lower * i_upper / (i_lower + i_upper)
    c_sp = (2.0 * _p("spine_twist_damping_ratio") * np.sqrt(k_sp * i_rel))[:, None]
    k_grav = m_a * g * r_a
    # the shoulder muscles act through a series-elastic spring; a runner who swings the arms less holds them
    # stiffer, and at arm_swing 0 holds them against the chest
    hold = max(0.0, 1.0 - arm_swing)
    k_sh = k_grav * (_p("shoulder_stiffness_per_gravity")
                     + hold * (_p("shoulder_hold_stiffness_per_gravity") - _p("shoulder_stiffness_per_gravity")))
    c_sh = 2.0 * _p("shoulder_damping_ratio") * np.sqrt((k_grav + k_sh) * i_sh)
    hw = omega[:, None] * _K[None, :]
    hw2 = hw * hw
    spring = k_lin + 1j * hw * c_sp
    z_p = spring - hw2 * i_lower[:, None]
    z_a = (k_grav + k_sh) - hw2 * i_sh + 1j * hw * c_sh
    c_a = -hw2 * couple
    z_t = spring - hw2 * i_upper - 2.0 * c_a * c_a / z_a
    z_pel = z_p - spring * spring / z_t  # the pelvis's dynamic stiffness with thorax and arms attached

    # the planted foot holds the pelvis through the stance hip's rotators (the ground's free moment): a spring to the
    # pelvis's heading at that foot's strike and a damper, both as strong as the load on the foot; linear but acting
    # only in stance, so they couple harmonics and are solved exactly in real harmonic coordinates:
    # (pelvis stiffness + free-moment operator) v = force, divided through by the hold's stiffness k_f
    k_f = _p("free_moment_stiffness_Nm_rad_kg") * size
    c_f = _p("free_moment_damping_Nm_s_rad_kg") * size * np.sqrt(geo.height / _p(f"reference_height_{runner.sex}_m"))
    load_r, load_l = _stance_loads(ground, timing)
    system = _free_moment_operator(load_r, load_l, hw * (c_f / k_f))
    # a harmonic's complex stiffness in real coordinates is a 2x2 block [[re, -im], [im, re]]: added along the
    # diagonals of the four (H, H) blocks (strided views of the flattened matrices)
    z = z_pel / k_f
    flat = system.reshape(system.shape[0], -1)
    flat[:, _DIAGONAL] += np.concatenate([z.real, z.real], axis=1)
    flat[:, _UPPER_RIGHT] -= z.imag
    flat[:, _LOWER_LEFT] += z.imag
    if a > 0:  # the spine's one-sided stiffness is iterated: the same system, many right-hand sides
        resolvent = np.linalg.inv(system)

        def pelvis(force):
            return (resolvent @ force[..., None])[..., 0]
    else:
        def pelvis(force):
            return np.linalg.solve(system, force[..., None])[..., 0]

    def respond(f0, f1, f2, f3):
        f1c = f1 - c_a * (f2 - f3) / z_a
        force = f0 + spring * f1c / z_t
        v = pelvis(np.concatenate([force.real, force.imag], axis=1) / k_f)
        x0 = v[:, :N_H] + 1j * v[:, N_H:]
        x1 = (f1c + spring * x0) / z_t
        return x0, x1, (f2 - c_a * x1) / z_a, (f3 + c_a * x1) / z_a

    # drives: the legs' reaction and the ground's forces on the pelvis; each shoulder's drive follows the opposite leg
    arm_asym = arm_swing_asymmetry_pct / 200.0
    gain = _p("arm_drive_per_hip_swing") * arm_swing
    mean_r = kin.angle_right_rad[:, :-1].sum(axis=1, keepdims=True) / _N_CORE
    mean_l = kin.angle_left_rad[:, :-1].sum(axis=1, keepdims=True) / _N_CORE
    cmd_r = -gain * (1.0 + arm_asym) * (kin.angle_right_rad - mean_r)
    cmd_l = -gain * (1.0 - arm_asym) * (kin.angle_left_rad - mean_l)
    drives = np.empty((4,) + cmd_r.shape)
    drives[0], drives[1], drives[2], drives[3] = m_fr + m_fl, h_swing, cmd_r, cmd_l
    inputs = hb._harmonics(drives)
    d_h_swing, d_cmd = 1j * hw * inputs[1], 1j * hw * inputs[2:]
    f0 = inputs[0] - d_h_swing
    f2, f3 = k_sh * inputs[2], k_sh * inputs[3]
    zero = np.zeros_like(f0)
    q = respond(f0, zero, f2, f3)
    rel0 = np.zeros(omega.shape)
    extra = 0.0
    if a > 0:  # one side stiffer: fixed-point iteration on the extra spring torque (alternating frequency and time)
        side = np.sign(rotation_asymmetry_pct)
        width = _p("spine_asymmetry_smoothing_rad")
        for _ in range(int(_p("spine_asymmetry_iterations"))):
            rel = hb._signal(q[1] - q[0], rel0)
            extra = 0.5 * k_sp * a * rel * np.tanh(side * rel / width)
            rel0 = -(extra[:, :-1].sum(axis=1) / _N_CORE) / k_lin
            f_extra = hb._harmonics(extra)
            q = respond(f0 + f_extra, -f_extra, f2, f3)
    # every signal wanted, in one pass: angles, rates, the pelvis's acceleration, the legs' reaction, the drives' rates
    wanted = np.empty((12,) + f0.shape, dtype=complex)
    harm, rates = wanted[0:4], wanted[4:8]
    harm[0], harm[1], harm[2], harm[3] = q
    np.multiply(1j * hw, harm, out=rates)
    wanted[8], wanted[9], wanted[10:12] = 1j * hw * rates[0], d_h_swing, d_cmd
    sig = hb._signal(wanted)
    psi_p, phi_r, phi_l = sig[0], sig[2], sig[3]
    rel = sig[1] - sig[0] + rel0[:, None]
    if a > 0:
        extra = 0.5 * k_sp * a * rel * np.tanh(side * rel / width)
    psi_t = psi_p + rel
    w_p, w_t, w_ar, w_al = sig[4], sig[5], sig[6], sig[7]
    acc_p, reaction, d_cmd_r, d_cmd_l = sig[8], -sig[9], sig[10], sig[11]

    # the free moment under each foot, in time, from the solved heading
    m_free_r = -load_r * (k_f * (psi_p - psi_p[:, :1]) + c_f * w_p)
    m_free_l = -load_l * (k_f * (psi_p - psi_p[:, _LEFT_STRIKE:_LEFT_STRIKE + 1]) + c_f * w_p)
    m_gr, m_gl = m_fr + m_free_r, m_fl + m_free_l

    # angular momentum of each group about the vertical through the centre of mass
    h_legs = h_swing + ride_legs[:, None] * w_p
    h_pelvis = geo.i_pelvis * w_p
    h_thorax = geo.i_thorax * w_t
    h_arms = 2.0 * (i_arm_yaw + m_a * d_sh**2) * w_t + couple * (w_ar - w_al)
    spine = k_lin * rel + extra + c_sp * (w_t - w_p)  # torque of the spine on the pelvis (+) and on the thorax (-)
    sh_r = k_sh * (cmd_r - phi_r) - c_sh * w_ar
    sh_l = k_sh * (cmd_l - phi_l) - c_sh * w_al
    # work: the hips turn the pelvis (the legs' reaction and the ground's moments pass through them); each
    # shoulder's muscles drive their arm through the series-elastic shoulder spring (the contractile part moves the
    # spring's rest angle, the command); the dampers of spine and shoulders absorb (negative muscle work); the spine's
    # and the shoulders' springs store and return energy at no cost
    powers = np.stack([(m_gr + m_gl + reaction) * w_p, k_sh * (cmd_r - phi_r) * d_cmd_r,
                       k_sh * (cmd_l - phi_l) * d_cmd_l])
    absorbed = np.stack([c_sp * (w_t - w_p) ** 2, c_sh * w_ar**2, c_sh * w_al**2])
    hip_twist = (geo.i_pelvis * acc_p - spine) / geo.mass
    return dict(thorax_rad=psi_t, pelvis_rad=psi_p, arm_right_rad=np.radians(_p("arm_mean_deg")) + phi_r,
                arm_left_rad=np.radians(_p("arm_mean_deg")) + phi_l, h_legs=h_legs, h_pelvis=h_pelvis,
                h_thorax=h_thorax, h_arms=h_arms, h_total=h_legs + h_pelvis + h_thorax + h_arms,
                ground_moment_Nm=m_gr + m_gl, ground_right_Nm=m_gr, ground_left_Nm=m_gl,
                free_moment_Nm=m_free_r + m_free_l, lumbar_torque_Nm=-spine, shoulder_torque_right_Nm=sh_r,
                shoulder_torque_left_Nm=sh_l, hip_twist_torque_Nm_kg=hip_twist, hips=kin, leg_points=leg_pts,
                **_work(powers, absorbed, timing))


N_H = hb.N_HARMONICS
_K = np.arange(1, N_H + 1)
_DIAGONAL = slice(0, None, 2 * N_H + 1)  # the main diagonal of a flattened (2H, 2H) matrix
_UPPER_RIGHT = slice(N_H, 2 * N_H * N_H, 2 * N_H + 1)  # (h, H + h)
_LOWER_LEFT = slice(2 * N_H * N_H, None, 2 * N_H + 1)  # (H + h, h)
_P_CONTIGUOUS = np.ascontiguousarray(hb.real_basis()[1])
_LEFT_STRIKE = 50  # sample of the left foot's strike (phase 0.5)
_S_STRIKES = hb.real_basis()[0][[0, _LEFT_STRIKE]]  # (2, 2H): the synthesis rows at the two strikes
_N_CORE = PHASE.size - 1  # samples per stride without the repeated last one (sum / _N_CORE is numpy's mean, faster)


def _stance_loads(ground, timing):
    """Vertical force under each foot [body weights] on the 101 phases, zero in swing."""
    shape = (timing.speed_m_s.shape[0], PHASE.size)
    loads = ground.vgrf_right_bw * ground.stance_right, ground.vgrf_left_bw * ground.stance_left
    return tuple(x if x.shape == shape else np.broadcast_to(x, shape) for x in loads)


def _free_moment_operator(load_r, load_l, damper_hw):
    """The stance feet's hold on the pelvis per unit of its stiffness ``k_f``, as an operator on the pelvis's
    harmonics (real coordinates, ``(n, 2H, 2H)``): the free moment is ``-k_f (op @ v)`` for ``k_f (load_r (psi -
    psi(strike_r)) + load_l (psi - psi(strike_l))) + c_f (load_r + load_l) psi'``; ``damper_hw`` is ``(c_f / k_f) h
    w``, ``(n, H)``."""
    s, _ = hb.real_basis()
    lr, ll = load_r[:, :-1], load_l[:, :-1]
    base = (_P_CONTIGUOUS[None] * (lr + ll)[:, None, :]) @ s  # P as a C-ordered copy: matmul's faster layout
    # the springs to each foot's strike heading: base - (P load_r) s(strike_r) - (P load_l) s(strike_l)
    at_strikes = np.stack([lr @ _P_CONTIGUOUS.T, ll @ _P_CONTIGUOUS.T], axis=2) @ _S_STRIKES
    op = base - at_strikes
    # the damper, ``base`` times the derivative in real coordinates ((Re, Im) -> (-h w Im, h w Re))
    dhw = damper_hw[:, None, :]
    part = base[:, :, N_H:] * dhw
    op[:, :, :N_H] += part
    np.multiply(base[:, :, :N_H], dhw, out=part)
    op[:, :, N_H:] -= part
    return op


def _work(powers, absorbed, timing):
    """Positive and negative muscle work per stride of the twist [J] and its metabolic cost [J]: the hips' and the
    shoulder drives' work (both signs, ``powers`` (k, n, 101)), the dampers' absorbed work (negative, ``absorbed``);
    positive work at ``muscle_efficiency_positive``, negative work at ``muscle_efficiency_negative``."""
    t = timing.stride_time_s
    core = powers[..., :-1]
    pos = (np.maximum(core, 0.0).sum(axis=-1) / _N_CORE).sum(axis=0) * t
    neg = ((np.maximum(-core, 0.0).sum(axis=-1) / _N_CORE).sum(axis=0)
           + (absorbed[..., :-1].sum(axis=-1) / _N_CORE).sum(axis=0)) * t
    metabolic = pos / _p("muscle_efficiency_positive") + neg / _p("muscle_efficiency_negative")
    return dict(twist_work_J=pos, twist_negative_work_J=neg, twist_metabolic_J=metabolic)


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
    y = check_array("y", y, allow_scalar=False)
    if y.shape[-1] < 3:
        raise ValueError(f"y must have at least 3 samples along its last axis; got shape {y.shape}")
    period = check_array("period_s", period_s, low=0.0, low_inclusive=False, unit="s", min_size=1)
    try:
        fits = np.broadcast_shapes(period.shape, y[..., :1].shape) == y[..., :1].shape
    except ValueError:
        fits = False
    if not fits:
        raise ValueError(f"period_s must broadcast against y[..., :1] (shape {y[..., :1].shape}); got shape "
                         f"{period.shape}")
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
