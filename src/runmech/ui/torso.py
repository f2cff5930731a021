"""Torso panels: rotation and angular momentum, a top-down animation, shock, symmetry, sway and the full lab.

Every panel is a function returning an ipywidgets box (``panel.parts`` holds its controls, figures and summaries).
Each plot has a live text summary under it that carries the same numbers as the picture.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from runmech.model.symmetry import yaw_excursions
from runmech.ui import style
from runmech.ui.base import (
    Controls,
    Parts,
    View,
    arm_words,
    caption,
    finish,
    fmt,
    half_range,
    run,
    set_caption,
    set_shapes,
    set_xy,
    speed_words,
    stance_shapes,
    tint,
    view_panel,
)

__all__ = [
    "rotation_basics_panel",
    "rotation_animation_panel",
    "shock_panel",
    "symmetry_panel",
    "sway_panel",
    "torso_lab_panel",
]

P = style.PALETTE
STRIDE_X = "position in the stride (percent; right foot strikes at 0)"


def _turn_words(angle_deg: float) -> str:
    """Yaw in words: + is turned to the left (right side forward)."""
    if abs(angle_deg) < 0.5:
        return "square to the direction of running"
    side = "left (right side forward)" if angle_deg > 0 else "right (left side forward)"
    return f"turned {fmt(abs(angle_deg), 0)}° to the {side}"


# --------------------------------------------------------------------------------------------------------------
# views
# --------------------------------------------------------------------------------------------------------------

class _RotationView(View):
    title = "Shoulders (thorax) and pelvis turning over one stride"
    xaxis_title = STRIDE_X
    yaxis_title = "turn (degrees, + = left)"

    def traces(self, sim, ctl):
        c = sim.cycle
        ref = run(ctl.runner(), 3.0).cycle
        self.layout = dict(shapes=stance_shapes(c))
        return [
            go.Scatter(x=ref.index, y=ref["thorax_angle_deg"], name="thorax, typical runner at 3 m/s",
                       line=dict(color=P["grey"], dash="dot", width=1.5), hoverinfo="skip"),
            go.Scatter(x=c.index, y=c["thorax_angle_deg"], name="thorax (shoulders)",
                       line=dict(color=P["thorax"], width=3)),
            go.Scatter(x=c.index, y=c["pelvis_angle_deg"], name="pelvis", line=dict(color=P["pelvis"], width=3,
                                                                                      dash="dash")),
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
        rel = ("mostly in opposite directions" if abs(phase) >= 120 else
               "partly in step with each other" if abs(phase) >= 60 else "mostly in the same direction")
        return (f"{lead} Thorax and pelvis move {rel}: their relative phase is {fmt(phase, 0)}° (180° would be exact "
                f"opposites, 0° turning together). The dotted grey line is a typical runner at 3 m/s; coloured bars "
                f"at the bottom mark when the right (blue) and left (orange) foot is on the ground.")


_SEGMENTS = (("legs", "legs", "legs"), ("pelvis", "pelvis", "pelvis"), ("thorax", "thorax", "thorax"),
             ("arms", "arms", "arms"))


class _MomentumView(View):
    title = "Angular momentum about the vertical axis: who cancels whom"
    xaxis_title = STRIDE_X
    yaxis_title = "angular momentum (kg·m²/s)"

    def traces(self, sim, ctl):
        c = sim.cycle
        tr = [go.Scatter(x=c.index, y=c[f"ang_mom_{col}_kg_m2_s"], name=name, line=dict(color=P[colour], width=2))
              for name, col, colour in _SEGMENTS]
        tr.append(go.Scatter(x=c.index, y=c["ang_mom_total_kg_m2_s"], name="whole body",
                             line=dict(color=P["black"], width=4)))
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


class _LumbarView(View):
    title = "Twisting torque at the low back (lumbar axial torque)"
    xaxis_title = STRIDE_X
    yaxis_title = "torque (newton metres)"

    def traces(self, sim, ctl):
        c = sim.cycle
        return [go.Scatter(x=c.index, y=c["lumbar_axial_torque_Nm"], name="lumbar axial torque",
                           line=dict(color=P["purple"], width=3))]

    def refresh(self, fig, sim, ctl):
        c = sim.cycle
        set_xy(fig.data[0], c.index, c["lumbar_axial_torque_Nm"])

    def describe(self, sim, ctl):
        c, s = sim.cycle, sim.summary
        i = int(np.nanargmax(np.abs(c["lumbar_axial_torque_Nm"].to_numpy())))
        return (f"The low back twists the upper body back and forth with a peak torque of "
                f"{fmt(s['peak_lumbar_axial_torque_Nm'])} N·m, reached at {c.index[i]:.0f} % of the stride. In the "
                f"model this torque is the rate of change of the upper body's angular momentum (torque = dH/dt).")


_SHOCK_LEVELS = (("ground_input_g", "ground (input)", "grey", "dot"),
                 ("tibia_accel_g", "shin (tibia)", "vermillion", "solid"),
                 ("pelvis_accel_g", "pelvis", "pelvis", "solid"),
                 ("thorax_accel_g", "thorax", "green", "dashdot"),
                 ("head_accel_g", "head", "blue", "solid"))


def _levels(shock):
    return [lv for lv in _SHOCK_LEVELS if lv[0] in shock.columns]


def _normal_shock(sim_ctl):
    """Shock response with normal spine stiffness and trunk control, at the same runner, speed and cadence."""
    k = sim_ctl.knobs()
    k.update(spine_stiffness_scale=1.0, trunk_damping_scale=1.0)
    return run(sim_ctl.runner(), sim_ctl.speed(), **k)


def _rebound_g(shock, col: str = "head_accel_g") -> float:
    """How far the signal swings back the other way after its main peak [g] (ringing from too little damping)."""
    v = shock[col].to_numpy(dtype=float)
    i = int(np.nanargmax(v))
    after = v[i + 1:]
    return float(max(0.0, -np.nanmin(after))) if after.size else 0.0


class _ShockTraceView(View):
    title = "An impact travelling up the body after foot strike"
    xaxis_title = "time after foot strike (milliseconds)"
    yaxis_title = "acceleration (g)"

    def traces(self, sim, ctl):
        sh = sim.shock
        t = sh.index.to_numpy(dtype=float) * 1000
        ref = _normal_shock(ctl).shock
        self.levels = _levels(sh)
        tr = [go.Scatter(x=t, y=sh[col], name=name, line=dict(color=P[colour], dash=dash, width=2.5))
              for col, name, colour, dash in self.levels]
        tr.append(go.Scatter(x=ref.index.to_numpy(dtype=float) * 1000, y=ref["head_accel_g"],
                             name="head, normal spine and trunk muscles", line=dict(color=P["sky"], dash="dash",
                                                                                     width=2)))
        return tr

    def refresh(self, fig, sim, ctl):
        sh = sim.shock
        t = sh.index.to_numpy(dtype=float) * 1000
        for i, (col, *_rest) in enumerate(self.levels):
            set_xy(fig.data[i], t, sh[col])
        ref = _normal_shock(ctl).shock
        n = len(self.levels)
        set_xy(fig.data[n], ref.index.to_numpy(dtype=float) * 1000, ref["head_accel_g"])

    def describe(self, sim, ctl):
        s, sh = sim.summary, sim.shock
        ref = _normal_shock(ctl)
        k = ctl.knobs()
        stiff, damp = k.get("spine_stiffness_scale", 1.0), k.get("trunk_damping_scale", 1.0)
        head, head_ref = float(s["head_accel_peak_g"]), float(ref.summary["head_accel_peak_g"])
        ring, ring_ref = _rebound_g(sh), _rebound_g(ref.shock)
        att, att_ref = float(s["shock_attenuation_pct"]), float(ref.summary["shock_attenuation_pct"])
        text = (f"Spine stiffness {fmt(stiff, 2)} times normal, trunk muscle control {fmt(damp, 2)} times normal, at "
                f"{speed_words(ctl.speed())}. The shin peaks at {fmt(s['tibia_accel_peak_g'])} g and the head at "
                f"{fmt(head, 2)} g, so {fmt(att, 0)} % of the impact is absorbed on the way up (normal settings: "
                f"{fmt(att_ref, 0)} %, head {fmt(head_ref, 2)} g). After its peak the head swings back the other way by "
                f"up to {fmt(ring, 2)} g (normal: {fmt(ring_ref, 2)} g).")
        notes = []
        if head > head_ref * 1.03:
            notes.append("More of the impact reaches the head than with normal settings.")
        elif head < head_ref * 0.97:
            notes.append("Less of the impact reaches the head than with normal settings.")
        if ring > ring_ref * 1.08 and ring > 0.02:
            notes.append("The head bounces back more than normal after the impact: too little damping.")
        elif ring < ring_ref * 0.92:
            notes.append("The head bounces back less than normal after the impact.")
        return text + (" " + " ".join(notes) if notes else "")


class _ShockPeaksView(View):
    title = "Peak acceleration at each level"
    xaxis_title = ""
    yaxis_title = "peak acceleration (g)"
    height = 280
    layout = dict(barmode="group", hovermode="closest")

    _cols = (("tibia_accel_g", "shin (tibia)"), ("pelvis_accel_g", "pelvis"), ("thorax_accel_g", "thorax"),
             ("head_accel_g", "head"))

    def _peaks(self, shock):
        return [float(np.nanmax(np.abs(shock[c].to_numpy(dtype=float)))) if c in shock.columns else 0.0
                for c, _ in self._cols]

    def traces(self, sim, ctl):
        names = [n for _, n in self._cols]
        return [go.Bar(x=names, y=self._peaks(_normal_shock(ctl).shock), name="normal spine and trunk muscles",
                       marker_color=P["grey"]),
                go.Bar(x=names, y=self._peaks(sim.shock), name="your settings", marker_color=P["blue"])]

    def refresh(self, fig, sim, ctl):
        fig.data[0].y = self._peaks(_normal_shock(ctl).shock)
        fig.data[1].y = self._peaks(sim.shock)

    def describe(self, sim, ctl):
        now, ref = self._peaks(sim.shock), self._peaks(_normal_shock(ctl).shock)
        parts = [f"{name} {fmt(a, 2)} g (normal {fmt(b, 2)} g)" for (_, name), a, b in zip(self._cols, now, ref)]
        return "Peak accelerations with your settings: " + "; ".join(parts) + "."


def _mirror_steps(cycle, col: str):
    """(percent of step, right step values, left step values mirrored) for a yaw signal."""
    x = cycle.index.to_numpy(dtype=float)
    v = cycle[col].to_numpy(dtype=float)
    right = x <= 50
    left = x >= 50
    return x[right], v[right], x[left] - 50, -v[left]


class _MirrorView(View):
    title = "Right step against the left step (mirrored)"
    xaxis_title = "position in the step (percent of the stride after that foot strikes)"
    yaxis_title = "thorax rotation (degrees)"

    def traces(self, sim, ctl):
        xr, yr, xl, yl = _mirror_steps(sim.cycle, "thorax_angle_deg")
        return [go.Scatter(x=xr, y=yr, name="right step", line=dict(color=P["right"], width=3)),
                go.Scatter(x=xl, y=yl, name="left step, mirrored", line=dict(color=P["left"], width=3, dash="dash"))]

    def refresh(self, fig, sim, ctl):
        xr, yr, xl, yl = _mirror_steps(sim.cycle, "thorax_angle_deg")
        set_xy(fig.data[0], xr, yr)
        set_xy(fig.data[1], xl, yl)

    def describe(self, sim, ctl):
        to_right, to_left = yaw_excursions(sim.cycle["thorax_angle_deg"].to_numpy(dtype=float), closed=True)
        k = ctl.knobs()
        a, arm = k.get("rotation_asymmetry_pct", 0.0), k.get("arm_swing_asymmetry_pct", 0.0)
        step = k.get("step_length_asymmetry_pct", 0.0)
        causes = []
        if a:
            causes.append(f"the spine {fmt(abs(a), 0)} % stiffer against turning to the {'left' if a > 0 else 'right'}")
        if arm:
            causes.append(f"the {'left' if arm > 0 else 'right'} arm's drive {fmt(abs(arm), 0)} % weaker")
        if step:
            causes.append(f"a {fmt(abs(step), 0)} % longer {'right' if step > 0 else 'left'} step")
        setting = "both sides alike (symmetric rotation)" if not causes else " and ".join(causes)
        spine = ""
        if a:  # the spine's own twist, measured from the pelvis: what the one-sided stiffness acts on
            twist = (sim.cycle["thorax_angle_deg"] - sim.cycle["pelvis_angle_deg"]).to_numpy(dtype=float)
            spine = (f" The spine itself, measured from the pelvis, twists {fmt(-twist.min())}° to the right and "
                     f"{fmt(twist.max())}° to the left.")
        return (f"With {setting}, the shoulders turn {fmt(to_right)}° to the right and {fmt(to_left)}° to the left of "
                f"their mean heading (the same measure as the symmetry index below). If both sides matched, the two lines would lie on top of each other; the gap between them is "
                f"the asymmetry.{spine}")


class _SymmetryBarsView(View):
    title = "Left against right: how far each segment turns or swings"
    xaxis_title = ""
    yaxis_title = "degrees"
    height = 300
    layout = dict(barmode="group", hovermode="closest")

    @staticmethod
    def _pairs(sim):
        from runmech.model.symmetry import yaw_excursions

        c = sim.cycle
        th_r, th_l = yaw_excursions(c["thorax_angle_deg"].to_numpy(dtype=float), closed=True)
        pe_r, pe_l = yaw_excursions(c["pelvis_angle_deg"].to_numpy(dtype=float), closed=True)
        names = ["thorax turn", "pelvis turn", "arm swing range"]
        right = [th_r, pe_r, float(np.ptp(c["arm_angle_right_deg"]))]
        left = [th_l, pe_l, float(np.ptp(c["arm_angle_left_deg"]))]
        return names, right, left

    def traces(self, sim, ctl):
        names, right, left = self._pairs(sim)
        return [go.Bar(x=names, y=right, name="right", marker_color=P["right"]),
                go.Bar(x=names, y=left, name="left", marker_color=P["left"])]

    def refresh(self, fig, sim, ctl):
        names, right, left = self._pairs(sim)
        fig.data[0].y, fig.data[1].y = right, left

    def describe(self, sim, ctl):
        s = sim.summary
        return (f"Symmetry index (right minus left over their mean; + = right does more): thorax turn "
                f"{fmt(s['thorax_rotation_si_pct'])} %, pelvis turn {fmt(s['pelvis_rotation_si_pct'])} %, arm swing "
                f"{fmt(s['arm_swing_si_pct'])} %, hip flexor moment {fmt(s['hip_flexor_moment_si_pct'])} %, the "
                f"ground's turning moment {fmt(s['ground_yaw_moment_si_pct'])} %. The turns are measured from the "
                f"stride's mean heading; the bars share one unit, degrees.")


class _SwayPathView(View):
    title = "Path of the trunk's centre of mass, seen from above (two strides)"
    xaxis_title = "distance forward (metres)"
    yaxis_title = "sideways (cm, + = left)"

    @staticmethod
    def _path(sim, speed):
        c = sim.cycle
        t = c["time_s"].to_numpy(dtype=float)
        stride = float(sim.summary["stride_time_s"])
        t2 = np.concatenate([t, t[1:] + stride])
        lat = c["com_lateral_m"].to_numpy(dtype=float) * 100
        lat2 = np.concatenate([lat, lat[1:]])
        return t2 * speed, lat2

    def traces(self, sim, ctl):
        k = ctl.knobs()
        k["lateral_sway_cm"] = 0.0
        ref = run(ctl.runner(), ctl.speed(), **k)
        xr, yr = self._path(ref, ctl.speed())
        x, y = self._path(sim, ctl.speed())
        return [go.Scatter(x=xr, y=yr, name="no extra sway", line=dict(color=P["grey"], dash="dash", width=2)),
                go.Scatter(x=x, y=y, name="your setting", line=dict(color=P["vermillion"], width=3))]

    def refresh(self, fig, sim, ctl):
        k = ctl.knobs()
        k["lateral_sway_cm"] = 0.0
        ref = run(ctl.runner(), ctl.speed(), **k)
        set_xy(fig.data[0], *self._path(ref, ctl.speed()))
        set_xy(fig.data[1], *self._path(sim, ctl.speed()))

    def describe(self, sim, ctl):
        s, c = sim.summary, sim.cycle
        sway = ctl.knobs().get("lateral_sway_cm", 0.0)
        side = half_range(c["com_lateral_m"]) * 100
        return (f"With {fmt(sway)} cm of extra sway (the shoulders' travel over the pelvis, end to end) the body's "
                f"centre of mass moves ±{fmt(side)} cm side to side each stride (stride length "
                f"{fmt(s['stride_length_m'], 2)} m). The sideways motion takes {fmt(s['lateral_sway_work_J'])} joules "
                f"of positive work per stride, {fmt(s['metabolic_sway_pct'])} % more energy than without the extra "
                f"lean; the stance hip's abductor moment peaks at {fmt(s['peak_hip_abductor_moment_Nm_kg'], 2)} N·m/kg "
                f"and the low back's side-bending moment at {fmt(s['peak_lumbar_lateral_moment_Nm'])} N·m.")


# --------------------------------------------------------------------------------------------------------------
# panels
# --------------------------------------------------------------------------------------------------------------

def rotation_basics_panel(speed_m_s: float = 3.0, arm_swing: float = 1.0, *, runner=None) -> w.VBox:
    """Basics: speed and arm swing → thorax and pelvis rotation over a stride, and angular-momentum cancellation.

    Parameters
    ----------
    speed_m_s : float
        Starting speed [m/s], 1.5 to 8 on the slider.
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


def shock_panel(spine_stiffness_scale: float = 1.0, trunk_damping_scale: float = 1.0, *, speed_m_s: float = 3.0,
                runner=None) -> w.VBox:
    """Shock: spine stiffness and trunk muscle control → an impact travelling shin → pelvis → head.

    Both ways the article says shock absorption fails are on the sliders: a stiff spine (stiffness above 1) and weak
    trunk muscles (control, i.e. damping, below 1). A dashed line and grey bars show normal settings.

    Parameters
    ----------
    spine_stiffness_scale : float
        Starting spine stiffness [times normal], 0.25 to 4.
    trunk_damping_scale : float
        Starting trunk muscle damping [times normal], 0.25 to 4.
    speed_m_s : float
        Starting speed [m/s].
    runner : Runner, optional
        The runner (default runner if omitted).

    Examples
    --------
    >>> p = shock_panel()
    >>> "g" in p.parts.text(0) and "absorbed" in p.parts.text(0)
    True
    >>> p.parts.controls["spine_stiffness_scale"].value = 3.0
    >>> "3.00 times normal" in p.parts.text(0)
    True
    """
    ctl = Controls(["spine_stiffness_scale", "trunk_damping_scale", "speed_m_s"],
                   {"spine_stiffness_scale": spine_stiffness_scale, "trunk_damping_scale": trunk_damping_scale,
                    "speed_m_s": speed_m_s}, runner=runner)
    return view_panel("Shock: the spine as a spring, the trunk muscles as a damper", ctl,
                      [_ShockTraceView(), _ShockPeaksView()],
                      intro="Make the spine stiffer, or the trunk muscles weaker, and watch the head's trace.")


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


class _SwayCostView(View):
    title = "Cost of side-to-side sway"
    xaxis_title = "side-to-side trunk lean (centimetres, end to end)"
    yaxis_title = "work per stride (joules)"
    layout = dict(yaxis2=dict(title=dict(text="energy cost change (percent)"), overlaying="y", side="right",
                              zeroline=False, showgrid=False, tickformat=".1f", rangemode="tozero"),
                  yaxis=dict(rangemode="tozero"),
                  margin=dict(l=64, r=72, t=48, b=52), hovermode="closest")

    def __init__(self, curve):
        self.curve = curve

    def traces(self, sim, ctl):
        cur = self.curve
        s = sim.summary
        sway = ctl.knobs().get("lateral_sway_cm", 0.0)
        return [go.Scatter(x=cur.index, y=cur["lateral_sway_work_J"], name="work per stride",
                           line=dict(color=P["vermillion"], width=3)),
                go.Scatter(x=cur.index, y=cur["metabolic_sway_pct"], name="energy cost change", yaxis="y2",
                           line=dict(color=P["blue"], width=3, dash="dash")),
                go.Scatter(x=[sway], y=[s["lateral_sway_work_J"]], mode="markers", name="your setting",
                           marker=dict(size=14, color=P["vermillion"], line=dict(color=P["black"], width=1.5))),
                go.Scatter(x=[sway], y=[s["metabolic_sway_pct"]], mode="markers", yaxis="y2",
                           showlegend=False, marker=dict(size=14, color=P["blue"], symbol="diamond",
                                                         line=dict(color=P["black"], width=1.5)))]

    def refresh(self, fig, sim, ctl):
        s = sim.summary
        sway = ctl.knobs().get("lateral_sway_cm", 0.0)
        set_xy(fig.data[2], [sway], [s["lateral_sway_work_J"]])
        set_xy(fig.data[3], [sway], [s["metabolic_sway_pct"]])

    def describe(self, sim, ctl):
        cur = self.curve
        return (f"Across 0 to {fmt(cur.index.max(), 0)} cm of sway, the model's sideways work rises from "
                f"{fmt(cur['lateral_sway_work_J'].iloc[0])} to {fmt(cur['lateral_sway_work_J'].iloc[-1])} J per "
                f"stride and the energy cost change from {fmt(cur['metabolic_sway_pct'].iloc[0])} to "
                f"{fmt(cur['metabolic_sway_pct'].iloc[-1])} %. Your setting is marked. The model says nothing "
                f"about pain or injury: that link has not been tested.")


def sway_panel(lateral_sway_cm: float = 0.0, *, speed_m_s: float = 3.0, runner=None) -> w.VBox:
    """Sway: side-to-side movement of the trunk → its path from above, work per stride and energy cost.

    Parameters
    ----------
    lateral_sway_cm : float
        Starting extra sway [cm], 0 to 10.
    speed_m_s : float
        Running speed [m/s] (fixed in this panel; the cost curve is computed once for it).
    runner : Runner, optional
        The runner (default runner if omitted).

    Examples
    --------
    >>> p = sway_panel(0.0)
    >>> p.parts.controls["lateral_sway_cm"].value = 6.0
    >>> "6.0 cm of extra sway" in p.parts.text(0)
    True
    """
    import pandas as pd

    ctl = Controls(["lateral_sway_cm"], {"lateral_sway_cm": lateral_sway_cm, "speed_m_s": speed_m_s}, runner=runner)
    rn = ctl.runner()
    levels = np.arange(0.0, 10.01, 1.0)
    curve = pd.DataFrame([run(rn, speed_m_s, lateral_sway_cm=float(x)).summary for x in levels], index=levels)
    return view_panel("Side-to-side sway and its cost", ctl, [_SwayPathView(), _SwayCostView(curve)],
                      intro=f"Running at {speed_words(speed_m_s)}. Add sway and see the path and the cost.")


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
                      [_RotationView(), _MomentumView(), _LumbarView(), _ShockTraceView()],
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
        Time between animation frames [ms].

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
    msg = style.message_box()
    height_m = float(ctl.runner().height_m)
    state = {"sim": ctl.simulate()}
    play = w.Play(value=0, min=0, max=100, step=2, interval=interval_ms, repeat=True,
                  description="play or pause the stride")
    frame = w.IntSlider(value=0, min=0, max=100, step=1, description="position in the stride (percent)",
                        style={"description_width": "230px"}, layout=w.Layout(width="100%", max_width="560px"),
                        continuous_update=True)
    w.jslink((play, "value"), (frame, "value"))

    lim = 0.26 * height_m  # room for the shoulders and the arms' reach
    (px, py), (sx, sy), (rx, ry), (lx, ly), row = _top_down(state["sim"], 0, height_m)
    fig = style.figure(
        [
            go.Scatter(x=px, y=py, mode="lines+markers", name="pelvis (hips)",
                       line=dict(color=P["pelvis"], width=8), marker=dict(size=12)),
            go.Scatter(x=sx, y=sy, mode="lines+markers", name="shoulders (thorax)",
                       line=dict(color=P["thorax"], width=8), marker=dict(size=12)),
            go.Scatter(x=rx, y=ry, mode="lines+markers", name="right arm", line=dict(color=P["right"], width=4),
                       marker=dict(size=[4, 12], symbol="circle")),
            go.Scatter(x=lx, y=ly, mode="lines+markers", name="left arm", line=dict(color=P["left"], width=4,
                                                                                  dash="dot"),
                       marker=dict(size=[4, 12], symbol="circle")),
            go.Scatter(x=[0.0], y=[0.0], mode="markers", name="head", marker=dict(size=34, color=tint(P["black"], 0.08),
                                                                                line=dict(color=P["black"], width=2))),
        ],
        title="Seen from above: shoulders, pelvis and arms (schematic)",
        xaxis_title="left ← sideways (metres) → right",
        yaxis_title="forward (metres)",
        height=460,
        xaxis=dict(range=[-lim, lim], scaleanchor="y", scaleratio=1, constrain="domain", fixedrange=True),
        yaxis=dict(range=[-lim, lim], fixedrange=True),
        hovermode=False,
        annotations=[dict(x=0, y=lim * 0.92, text="↑ running direction", showarrow=False,
                          font=dict(size=13, color=P["black"]))],
    )
    # angles over the stride with a moving cursor
    c = state["sim"].cycle
    fig2 = style.figure(
        [go.Scatter(x=c.index, y=c["thorax_angle_deg"], name="thorax", line=dict(color=P["thorax"], width=3)),
         go.Scatter(x=c.index, y=c["pelvis_angle_deg"], name="pelvis", line=dict(color=P["pelvis"], width=3,
                                                                                 dash="dash")),
         go.Scatter(x=[0], y=[row["thorax_angle_deg"]], mode="markers", name="now (thorax)",
                    marker=dict(size=13, color=P["thorax"], line=dict(color=P["black"], width=1.5))),
         go.Scatter(x=[0], y=[row["pelvis_angle_deg"]], mode="markers", name="now (pelvis)",
                    marker=dict(size=13, color=P["pelvis"], line=dict(color=P["black"], width=1.5)))],
        title="The same turning as angles over the stride",
        xaxis_title=STRIDE_X, yaxis_title="turn (degrees, + = left)", height=300,
        shapes=stance_shapes(c),
    )
    cap = caption("")
    text = style.live_text("")

    def _frame_caption(sim, i):
        r = sim.cycle.iloc[int(np.clip(i, 0, len(sim.cycle) - 1))]
        feet = [side for side in ("right", "left") if bool(r.get(f"stance_{side}", False))]
        foot = (" and ".join(feet) + " foot on the ground") if feet else "both feet in the air"
        return (f"Frame at {int(i)} % of the stride ({fmt(r['time_s'], 2)} s after right foot strike; {foot}): "
                f"shoulders {_turn_words(r['thorax_angle_deg'])}, pelvis {_turn_words(r['pelvis_angle_deg'])}.")

    def _describe(sim):
        s, cc = sim.summary, sim.cycle
        th = cc["thorax_angle_deg"]
        return (f"At {speed_words(ctl.speed())} with {arm_words(ctl.knobs()['arm_swing'])} the shoulders turn "
                f"through {fmt(s['thorax_rotation_rom_deg'])}° and the pelvis through "
                f"{fmt(s['pelvis_rotation_rom_deg'])}° each stride; the arms swing through "
                f"{fmt(s['arm_swing_rom_deg'])}°. The shoulders are turned furthest left at {th.idxmax():.0f} % and "
                f"furthest right at {th.idxmin():.0f} % of the stride. Press play to watch one stride loop; the "
                f"drawing's widths are schematic, the angles come from the model.")

    def draw(i, lines: bool = False):
        """Move the drawing to frame ``i``; with ``lines`` also redraw the angle curves (one message per figure)."""
        sim = state["sim"]
        cc = sim.cycle
        (px, py), (sx, sy), (rx, ry), (lx, ly), r = _top_down(sim, i, height_m)
        with fig.batch_update():
            set_xy(fig.data[0], px, py)
            set_xy(fig.data[1], sx, sy)
            set_xy(fig.data[2], rx, ry)
            set_xy(fig.data[3], lx, ly)
        x = float(cc.index[int(np.clip(i, 0, len(cc) - 1))])
        with fig2.batch_update():
            if lines:
                set_xy(fig2.data[0], cc.index, cc["thorax_angle_deg"])
                set_xy(fig2.data[1], cc.index, cc["pelvis_angle_deg"])
                set_shapes(fig2, stance_shapes(cc))
            set_xy(fig2.data[2], [x], [r["thorax_angle_deg"]])
            set_xy(fig2.data[3], [x], [r["pelvis_angle_deg"]])
        set_caption(cap, _frame_caption(sim, i))

    @style.guarded(msg)
    def on_knob(change=None):
        sim = ctl.simulate()
        words = _describe(sim)
        state["sim"] = sim
        draw(frame.value, lines=True)
        style.set_live_text(text, words)

    @style.guarded(msg)
    def on_frame(change):
        draw(change["new"])

    frame.observe(on_frame, names="value")
    draw(0)
    style.set_live_text(text, _describe(state["sim"]))
    parts = Parts(controls=ctl, figures=[fig, fig2], texts=[text], message=msg, update=on_knob,
                  extra={"play": play, "frame": frame, "caption": cap})
    return finish(parts, style.heading("One stride seen from above"), ctl.box(),
                  w.HBox([play, frame], layout=w.Layout(align_items="center")), msg, fig, cap, fig2, text)
