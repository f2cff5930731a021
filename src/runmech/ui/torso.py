"""Torso panels: rotation and angular momentum, a top-down animation, symmetry, sway, the full lab and the screens.

Every panel is a function returning an ipywidgets box (``panel.parts`` holds its controls, figures and summaries).
Each plot has a live text summary under it that carries the same numbers as the picture; ``plain`` methods say the
same for the client. The shock and sway panels live in :mod:`runmech.ui.shock` and :mod:`runmech.ui.sway` and are
re-exported here.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from runmech.model.symmetry import yaw_excursions
from runmech.ui import style
from runmech.ui.base import (
    STRIDE_X,  # noqa: F401 - kept importable from here
    AnimatedPanel,
    BarsView,
    Controls,
    MirrorView,
    View,
    arm_words,
    fmt,
    half_range,
    run,
    set_shapes,
    set_xy,
    speed_words,
    stance_shapes,
    tint,
    view_panel,
)
from runmech.ui.dashboard import screens
from runmech.ui.shock import ShockTraceView, shock_panel
from runmech.ui.sway import sway_panel
from runmech.ui.words import cause_words

__all__ = [
    "rotation_basics_panel",
    "rotation_animation_panel",
    "shock_panel",
    "symmetry_panel",
    "sway_panel",
    "torso_lab_panel",
    "torso_screens",
]

P = style.PALETTE


def _turn_words(angle_deg: float) -> str:
    """Yaw in words: + is turned to the left (right side forward)."""
    if abs(angle_deg) < 0.5:
        return "square to the direction of running"
    side = "left (right side forward)" if angle_deg > 0 else "right (left side forward)"
    return f"turned {fmt(abs(angle_deg), 0)}° to the {side}"


def _relation(phase_deg: float) -> str:
    return ("mostly in opposite directions" if abs(phase_deg) >= 120 else
            "partly in step with each other" if abs(phase_deg) >= 60 else "mostly in the same direction")


def _more(si_pct: float) -> str:
    """A symmetry index in words: how much more one side does."""
    if abs(si_pct) < 0.5:
        return "the same on both sides"
    return f"{fmt(abs(si_pct), 0)} % more on the {'right' if si_pct > 0 else 'left'}"


# --------------------------------------------------------------------------------------------------------------
# views
# --------------------------------------------------------------------------------------------------------------

class _RotationView(View):
    tab = "the turning"
    title = "Shoulders (thorax) and pelvis turning over one stride"
    xaxis_title = STRIDE_X
    yaxis_title = "turn (degrees, + = left)"

    def traces(self, sim, ctl):
        c = sim.cycle
        ref = run(ctl.runner(), 3.0).cycle
        self.layout = dict(shapes=stance_shapes(c))
        return [
            style.line(ref.index, ref["thorax_angle_deg"], "thorax, typical runner at 3 m/s", "grey", dash="dot",
                       width=1.5, hoverinfo="skip"),
            style.line(c.index, c["thorax_angle_deg"], "thorax (shoulders)", "thorax"),
            style.line(c.index, c["pelvis_angle_deg"], "pelvis", "pelvis", dash="dash"),
        ]

    def refresh(self, fig, sim, ctl):
        c = sim.cycle
        set_xy(fig.data[1], c.index, c["thorax_angle_deg"])
        set_xy(fig.data[2], c.index, c["pelvis_angle_deg"])
        set_shapes(fig, stance_shapes(c))

    def describe(self, sim, ctl):
        s = sim.summary
        k = ctl.knobs()
        lead = (f"At {speed_words(ctl.speed())} with {arm_words(k.get('arm_swing', 1.0))}, the shoulders (thorax) "
                f"turn through {fmt(s['thorax_rotation_rom_deg'])}° in total over a stride and the pelvis through "
                f"{fmt(s['pelvis_rotation_rom_deg'])}°.")
        phase = float(s["thorax_pelvis_phase_deg"])
        rel = _relation(phase)
        return (f"{lead} Thorax and pelvis move {rel}: their relative phase is {fmt(phase, 0)}° (180° would be exact "
                f"opposites, 0° turning together). The dotted grey line is a typical runner at 3 m/s; coloured bars "
                f"at the bottom mark when the right (blue) and left (orange) foot is on the ground.")

    def plain(self, sim, ctl):
        s = sim.summary
        return (f"Running at {speed_words(ctl.speed(), plain=True)} with {arm_words(ctl.knobs().get('arm_swing', 1.0))}"
                f", the shoulders turn {fmt(s['thorax_rotation_rom_deg'], 0)}° from one side to the other every "
                f"stride and the hips {fmt(s['pelvis_rotation_rom_deg'], 0)}°, "
                f"{_relation(float(s['thorax_pelvis_phase_deg']))}, like wringing out a towel. The grey dotted "
                f"line is a typical runner, for comparison.")


_SEGMENTS = (("legs", "legs", "legs"), ("pelvis", "pelvis", "pelvis"), ("thorax", "thorax", "thorax"),
             ("arms", "arms", "arms"))


class _MomentumView(View):
    tab = "the balance of spin"
    title = "Angular momentum about the vertical axis: who cancels whom"
    xaxis_title = STRIDE_X
    yaxis_title = "angular momentum (kg·m²/s)"

    def traces(self, sim, ctl):
        c = sim.cycle
        tr = [style.line(c.index, c[f"ang_mom_{col}_kg_m2_s"], name, colour, width=2) for name, col, colour in _SEGMENTS]
        tr.append(style.line(c.index, c["ang_mom_total_kg_m2_s"], "whole body", "black", width=4))
        return tr

    def refresh(self, fig, sim, ctl):
        c = sim.cycle
        for i, (_, col, _) in enumerate(_SEGMENTS):
            set_xy(fig.data[i], c.index, c[f"ang_mom_{col}_kg_m2_s"])
        set_xy(fig.data[4], c.index, c["ang_mom_total_kg_m2_s"])

    def describe(self, sim, ctl):
        c, s = sim.cycle, sim.summary
        legs = half_range(c["ang_mom_legs_kg_m2_s"])
        arms = half_range(c["ang_mom_arms_kg_m2_s"])
        thorax = half_range(c["ang_mom_thorax_kg_m2_s"])
        total = half_range(c["ang_mom_total_kg_m2_s"])
        ratio = float(s["net_vertical_angular_momentum_ratio"])
        upper = (c["ang_mom_arms_kg_m2_s"] + c["ang_mom_thorax_kg_m2_s"]).to_numpy(dtype=float)
        lg = c["ang_mom_legs_kg_m2_s"].to_numpy(dtype=float)
        opposite = float(np.dot(upper - upper.mean(), lg - lg.mean())) < 0
        direction = "mostly in the opposite direction" if opposite else "mostly in the same direction"
        return (f"The swinging legs carry up to ±{fmt(legs, 2)} kg·m²/s of angular momentum about the vertical axis. "
                f"The arms carry up to ±{fmt(arms, 2)} and the thorax ±{fmt(thorax, 2)}, {direction}, so the "
                f"whole body swings by only ±{fmt(total, 2)} kg·m²/s: a net-to-legs ratio of "
                f"{fmt(ratio, 2)} (0 would be perfect cancellation). Each segment's angular momentum H is its own "
                f"spin I·ω plus m·(r×v) of its centre of mass moving about the body's centre of mass; the whole body's "
                f"H changes only by the ground's moment ({fmt(float(s['peak_ground_yaw_moment_Nm']))} N·m at most).")

    def plain(self, sim, ctl):
        cancelled = 100.0 * (1.0 - float(sim.summary["net_vertical_angular_momentum_ratio"]))
        return (f"Each swinging leg tries to spin the body one way about its long axis; the arms and shoulders swing "
                f"the other way and cancel {fmt(cancelled, 0)} % of that spin, so the body runs straight without "
                f"twisting off course. The thick black line is what is left over.")


class _LumbarView(View):
    tab = "the low back"
    title = "Twisting torque at the low back (lumbar axial torque)"
    xaxis_title = STRIDE_X
    yaxis_title = "torque (newton metres)"

    def traces(self, sim, ctl):
        c = sim.cycle
        return [style.line(c.index, c["lumbar_axial_torque_Nm"], "lumbar axial torque", "purple")]

    def refresh(self, fig, sim, ctl):
        c = sim.cycle
        set_xy(fig.data[0], c.index, c["lumbar_axial_torque_Nm"])

    def describe(self, sim, ctl):
        c, s = sim.cycle, sim.summary
        i = int(np.nanargmax(np.abs(c["lumbar_axial_torque_Nm"].to_numpy())))
        return (f"The low back twists the upper body back and forth with a peak torque of "
                f"{fmt(s['peak_lumbar_axial_torque_Nm'])} N·m, reached at {c.index[i]:.0f} % of the stride. In the "
                f"model this torque is the rate of change of the upper body's angular momentum (torque = dH/dt).")

    def plain(self, sim, ctl):
        c = sim.cycle
        i = int(np.nanargmax(np.abs(c["lumbar_axial_torque_Nm"].to_numpy())))
        return (f"The muscles of the low back twist the upper body one way and then the other every stride; the "
                f"hardest twist, {fmt(sim.summary['peak_lumbar_axial_torque_Nm'], 0)} newton metres, comes "
                f"{c.index[i]:.0f} % of the way through the stride.")


class _MirrorView(MirrorView):
    tab = "right step on left step"
    title = "Right step against the left step (mirrored)"
    xaxis_title = "position in the step (percent of the stride after that foot strikes)"
    yaxis_title = "thorax rotation (degrees)"
    right = ("thorax_angle_deg", 0.0, 1.0)
    left = ("thorax_angle_deg", 50.0, -1.0)
    span_pct = 50.0
    names = ("right step", "left step, mirrored")

    @staticmethod
    def _turns(sim):
        """(to the right, to the left) [deg]: the shoulders' turn each way from the stride's mean heading."""
        return yaw_excursions(sim.cycle["thorax_angle_deg"].to_numpy(dtype=float), closed=True)

    def describe(self, sim, ctl):
        to_right, to_left = self._turns(sim)
        setting = cause_words(ctl.knobs(), none="both sides alike (symmetric rotation)")
        spine = ""
        if ctl.knobs().get("rotation_asymmetry_pct"):  # the spine's own twist, from the pelvis: what the stiffness acts on
            twist = (sim.cycle["thorax_angle_deg"] - sim.cycle["pelvis_angle_deg"]).to_numpy(dtype=float)
            spine = (f" The spine itself, measured from the pelvis, twists {fmt(-twist.min())}° to the right and "
                     f"{fmt(twist.max())}° to the left.")
        return (f"With {setting}, the shoulders turn {fmt(to_right)}° to the right and {fmt(to_left)}° to the left of "
                f"their mean heading (the same measure as the symmetry index below). If both sides matched, the two "
                f"lines would lie on top of each other; the gap between them is "
                f"the asymmetry.{spine}")

    def plain(self, sim, ctl):
        to_right, to_left = self._turns(sim)
        return (f"With {cause_words(ctl.knobs(), plain=True)}, the shoulders turn {fmt(to_right, 0)}° to the right "
                f"and {fmt(to_left, 0)}° to the left of straight ahead. The two "
                f"lines are the two sides laid over each other: the further apart they are, the more lopsided the "
                f"turning.")


class _SymmetryBarsView(BarsView):
    tab = "left against right"
    title = "Left against right: how far each segment turns or swings"
    yaxis_title = "degrees"

    def pairs(self, sim):
        c = sim.cycle
        th_r, th_l = yaw_excursions(c["thorax_angle_deg"].to_numpy(dtype=float), closed=True)
        pe_r, pe_l = yaw_excursions(c["pelvis_angle_deg"].to_numpy(dtype=float), closed=True)
        names = ["thorax turn", "pelvis turn", "arm swing range"]
        right = [th_r, pe_r, float(np.ptp(c["arm_angle_right_deg"]))]
        left = [th_l, pe_l, float(np.ptp(c["arm_angle_left_deg"]))]
        return names, right, left

    def describe(self, sim, ctl):
        s = sim.summary
        return (f"Symmetry index (right minus left over their mean; + = right does more): thorax turn "
                f"{fmt(s['thorax_rotation_si_pct'])} %, pelvis turn {fmt(s['pelvis_rotation_si_pct'])} %, arm swing "
                f"{fmt(s['arm_swing_si_pct'])} %, hip flexor moment {fmt(s['hip_flexor_moment_si_pct'])} %, the "
                f"ground's turning moment {fmt(s['ground_yaw_moment_si_pct'])} %. The turns are measured from the "
                f"stride's mean heading; the bars share one unit, degrees.")

    def plain(self, sim, ctl):
        _names, right, left = self.pairs(sim)
        return (f"Right against left: the shoulders turn {fmt(right[0], 0)}° to the right and {fmt(left[0], 0)}° to "
                f"the left, the hips {fmt(right[1], 0)}° and {fmt(left[1], 0)}°, and the right arm swings through "
                f"{fmt(right[2], 0)}° against the left arm's {fmt(left[2], 0)}°; the muscles at the front of the hips "
                f"pull {_more(sim.summary['hip_flexor_moment_si_pct'])}. Blue bars are the right side, orange the "
                f"left.")


# --------------------------------------------------------------------------------------------------------------
# panels
# --------------------------------------------------------------------------------------------------------------

def rotation_basics_panel(speed_m_s: float = 3.0, arm_swing: float = 1.0, *, runner=None) -> w.VBox:
    """Basics: speed and arm swing → thorax and pelvis rotation over a stride, and angular-momentum cancellation.

    Parameters
    ----------
    speed_m_s : float
        Starting speed [m/s], 1.5 to 7 on the slider.
    arm_swing : float
        Starting arm swing [times normal], 0 to 2.
    runner : Runner, optional
        The runner (default: 73 kg, 1.74 m, male proportions).

    Returns
    -------
    ipywidgets.VBox
        The panel; ``panel.parts`` holds its controls, two figures and two live summaries.

    Examples
    --------
    >>> p = rotation_basics_panel(3.0, 1.0)
    >>> "5:33 min/km" in p.parts.text(0)
    True
    >>> p.parts.controls["arm_swing"].value = 0.0
    >>> "arms held still" in p.parts.text(0)
    True
    """
    ctl = Controls(["speed_m_s", "arm_swing"], {"speed_m_s": speed_m_s, "arm_swing": arm_swing}, runner=runner)
    return view_panel("Twisting: speed and arm swing", ctl, [_RotationView(), _MomentumView()],
                      intro="Move the sliders: how far do the shoulders and pelvis turn, and how do the arms balance "
                            "the legs?")


def symmetry_panel(rotation_asymmetry_pct: float = 0.0, *, speed_m_s: float = 3.0, runner=None) -> w.VBox:
    """Symmetry: a one-sided cause (spine, one arm, one step) → how each segment turns to each side.

    Parameters
    ----------
    rotation_asymmetry_pct : float
        Starting one-sided spine stiffness [%], −50 to 50 (positive = stiffer against turning to the left).
    speed_m_s : float
        Running speed [m/s] (fixed in this panel).
    runner : Runner, optional
        The runner (default runner if omitted).

    Examples
    --------
    >>> p = symmetry_panel(0.0)
    >>> "symmetric rotation" in p.parts.text(0)
    True
    >>> p.parts.controls["rotation_asymmetry_pct"].value = 20
    >>> "spine 20 % stiffer against turning to the left" in p.parts.text(0)
    True
    """
    ctl = Controls(["rotation_asymmetry_pct", "arm_swing_asymmetry_pct", "step_length_asymmetry_pct"],
                   {"rotation_asymmetry_pct": rotation_asymmetry_pct,
                                                "speed_m_s": speed_m_s}, runner=runner)
    return view_panel("Symmetry: turning more to one side", ctl, [_MirrorView(), _SymmetryBarsView()],
                      intro=f"Running at {speed_words(speed_m_s)}. Give one side a cause and see which segments make up for it.")


def torso_lab_panel(speed_m_s: float = 3.0, **knobs) -> w.VBox:
    """The full torso lab: the runner, speed, cadence and every torso knob, with four linked plots.

    Plots: thorax/pelvis rotation, angular momentum by segment, lumbar axial torque, and the shock response.

    Parameters
    ----------
    speed_m_s : float
        Starting speed [m/s].
    **knobs
        Starting values of any :func:`runmech.simulate` knob, and ``mass_kg``, ``height_m``, ``sex``.

    Examples
    --------
    >>> p = torso_lab_panel(4.0, arm_swing=0.5)
    >>> len(p.parts.figures), len(p.parts.texts)
    (4, 4)
    >>> p.parts.controls["mass_kg"].value = 500.0   # not a runner: a message, and the plots stay
    >>> "mass" in p.parts.message.value
    True
    """
    values = dict(knobs, speed_m_s=speed_m_s)
    ctl = Controls(["runner", "speed_m_s", "cadence_spm", "arm_swing", "rotation_asymmetry_pct",
                    "arm_swing_asymmetry_pct", "step_length_asymmetry_pct", "lateral_sway_cm", "spine_stiffness_scale",
                    "trunk_damping_scale"], values)
    return view_panel("Torso lab: every knob", ctl,
                      [_RotationView(), _MomentumView(), _LumbarView(), ShockTraceView()],
                      intro="All the torso's knobs at once. Change one thing at a time and read the sentences under "
                            "each plot.")


# --------------------------------------------------------------------------------------------------------------
# top-down animation
# --------------------------------------------------------------------------------------------------------------

def _rot(x, y, deg):
    a = np.radians(deg)
    return x * np.cos(a) - y * np.sin(a), x * np.sin(a) + y * np.cos(a)


def _top_down(sim, frame: int, height_m: float):
    """Shapes of the top-down stick figure at one frame: (pelvis xy, shoulders xy, right arm xy, left arm xy, head)."""
    c = sim.cycle
    i = int(np.clip(frame, 0, len(c) - 1))
    row = c.iloc[i]
    shoulder_half = 0.115 * height_m  # schematic proportions, not measured widths
    hip_half = 0.085 * height_m
    arm_len = 0.30 * height_m
    px, py = _rot(np.array([-hip_half, hip_half]), np.zeros(2), row["pelvis_angle_deg"])
    sx, sy = _rot(np.array([-shoulder_half, shoulder_half]), np.zeros(2), row["thorax_angle_deg"])
    arms = []
    for side, sign in (("right", 1.0), ("left", -1.0)):
        ang = np.radians(row[f"arm_angle_{side}_deg"])
        # hand position in the thorax frame: forward by the arm's sagittal swing, slightly in towards the midline
        hx, hy = sign * shoulder_half * 0.85, arm_len * np.sin(ang)
        bx, by = _rot(np.array([sign * shoulder_half, hx]), np.array([0.0, hy]), row["thorax_angle_deg"])
        arms.append((bx, by))
    return (px, py), (sx, sy), arms[0], arms[1], row


class _TopDown(AnimatedPanel):
    heading = "One stride seen from above"
    drawing_title = "Seen from above: shoulders, pelvis and arms (schematic)"
    curves_title = "The same turning as angles over the stride"
    curves_yaxis = "turn (degrees, + = left)"
    curves = (("thorax_angle_deg", "thorax", "thorax", "solid"), ("pelvis_angle_deg", "pelvis", "pelvis", "dash"))
    moving = (0, 1, 2, 3)

    def drawing(self, sim):
        lim = 0.26 * self.height_m  # room for the shoulders and the arms' reach
        (px, py), (sx, sy), (rx, ry), (lx, ly) = self.pose(0)
        arm = dict(mode="lines+markers", marker=dict(size=[4, 12], symbol="circle"))
        traces = [
            go.Scatter(x=px, y=py, mode="lines+markers", name="pelvis (hips)", line=dict(color=P["pelvis"], width=8),
                       marker=dict(size=12)),
            go.Scatter(x=sx, y=sy, mode="lines+markers", name="shoulders (thorax)",
                       line=dict(color=P["thorax"], width=8), marker=dict(size=12)),
            go.Scatter(x=rx, y=ry, name="right arm", line=dict(color=P["right"], width=4), **arm),
            go.Scatter(x=lx, y=ly, name="left arm", line=dict(color=P["left"], width=4, dash="dot"), **arm),
            go.Scatter(x=[0.0], y=[0.0], mode="markers", name="head", marker=dict(size=34, color=tint(P["black"], 0.08),
                                                                                line=dict(color=P["black"], width=2))),
        ]
        layout = dict(xaxis_title="left ← sideways (metres) → right", yaxis_title="forward (metres)",
                      xaxis=dict(range=[-lim, lim], scaleanchor="y", scaleratio=1, constrain="domain",
                                 fixedrange=True),
                      yaxis=dict(range=[-lim, lim], fixedrange=True),
                      annotations=[dict(x=0, y=lim * 0.92, text="↑ running direction", showarrow=False,
                                        font=dict(size=13, color=P["black"]))])
        return traces, layout

    def prepare(self, sim):
        self.sim = sim
        self.height_m = float(self.controls.runner().height_m)

    def pose(self, i):
        (px, py), (sx, sy), right, left, _row = _top_down(self.sim, i, self.height_m)
        return [(px, py), (sx, sy), right, left]

    def frame_words(self, i):
        r = self.row(i)
        feet = [side for side in ("right", "left") if bool(r.get(f"stance_{side}", False))]
        foot = (" and ".join(feet) + " foot on the ground") if feet else "both feet in the air"
        return (f"Frame at {int(i)} % of the stride ({fmt(r['time_s'], 2)} s after right foot strike; {foot}): "
                f"shoulders {_turn_words(r['thorax_angle_deg'])}, pelvis {_turn_words(r['pelvis_angle_deg'])}.")

    def describe(self, sim):
        s, cc = sim.summary, sim.cycle
        th = cc["thorax_angle_deg"]
        return (f"At {speed_words(self.controls.speed())} with {arm_words(self.controls.knobs()['arm_swing'])} the "
                f"shoulders turn through {fmt(s['thorax_rotation_rom_deg'])}° and the pelvis through "
                f"{fmt(s['pelvis_rotation_rom_deg'])}° each stride; the arms swing through "
                f"{fmt(s['arm_swing_rom_deg'])}°. The shoulders are turned furthest left at {th.idxmax():.0f} % and "
                f"furthest right at {th.idxmin():.0f} % of the stride. Press play to watch one stride loop; the "
                f"drawing's widths are schematic, the angles come from the model.")

    def plain(self, sim):
        s = sim.summary
        return (f"Press play to watch one stride from above. Each stride the shoulders turn "
                f"{fmt(s['thorax_rotation_rom_deg'], 0)}° and the hips {fmt(s['pelvis_rotation_rom_deg'], 0)}°, "
                f"{_relation(float(s['thorax_pelvis_phase_deg']))}, while the arms swing "
                f"{fmt(s['arm_swing_rom_deg'], 0)}°. The body widths are only a sketch; the turning is the model's.")


def rotation_animation_panel(speed_m_s: float = 3.0, arm_swing: float = 1.0, *, runner=None,
                             interval_ms: int = 80) -> w.VBox:
    """Top-down animation of the shoulders, pelvis and arms turning over one stride (play/pause and a frame slider).

    The drawing is schematic (body widths are rough proportions of height); the angles are the model's.

    Parameters
    ----------
    speed_m_s : float
        Starting speed [m/s].
    arm_swing : float
        Starting arm swing [times normal], 0 to 2.
    runner : Runner, optional
        The runner (default runner if omitted).
    interval_ms : int
        Time between animation frames [ms], 10 to 10000.

    Examples
    --------
    >>> p = rotation_animation_panel()
    >>> p.parts.extra["frame"].value = 25
    >>> "25 %" in p.parts.extra["caption"].value
    True
    >>> p.parts.controls["speed_m_s"].value = 5.0
    >>> "5.0 m/s" in p.parts.text(0)
    True
    """
    ctl = Controls(["speed_m_s", "arm_swing"], {"speed_m_s": speed_m_s, "arm_swing": arm_swing}, runner=runner)
    return _TopDown(ctl, interval_ms=interval_ms).panel()


# --------------------------------------------------------------------------------------------------------------
# the clinic dashboard
# --------------------------------------------------------------------------------------------------------------

def torso_screens() -> w.VBox:
    """The torso dashboard: one idea per screen (twisting, shock, symmetry, sway), sentences for therapist or client.

    Examples
    --------
    >>> d = torso_screens()
    >>> [title for title, _panel in d.parts.extra["screens"]]
    ['Twisting', 'Shock', 'Symmetry', 'Sway']
    """
    return screens([("Twisting", rotation_basics_panel), ("Shock", shock_panel), ("Symmetry", symmetry_panel),
                    ("Sway", sway_panel)])
