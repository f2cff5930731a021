"""Lower-leg panels: vertical ground force and the leg as a spring, a side view of the leg, impact at shin and head.

Every panel is a function returning an ipywidgets box (``panel.parts`` holds its controls, figures and summaries).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from runmech.ui import style
from runmech.ui.base import (
    Controls,
    Parts,
    View,
    cadence_words,
    caption,
    finish,
    fmt,
    run_sweep,
    set_caption,
    set_shapes,
    set_xy,
    speed_words,
    stance_shapes,
    tint,
    view_panel,
)

__all__ = ["ground_force_panel", "leg_side_view_panel", "impact_panel", "schematic_knee_ankle"]

P = style.PALETTE
STRIDE_X = "position in the stride (percent; right foot strikes at 0)"
_SPEEDS = tuple(float(x) for x in np.arange(2.0, 7.001, 0.25))


class _GrfView(View):
    title = "Vertical ground force over one stride"
    xaxis_title = STRIDE_X
    yaxis_title = "vertical force (body weights)"

    def traces(self, sim, ctl):
        c = sim.cycle
        self.layout = dict(shapes=stance_shapes(c))
        return [go.Scatter(x=c.index, y=c["vgrf_right_bw"], name="right foot", line=dict(color=P["right"], width=3),
                           fill="tozeroy", fillcolor=tint(P["right"], 0.12)),
                go.Scatter(x=c.index, y=c["vgrf_left_bw"], name="left foot",
                           line=dict(color=P["left"], width=3, dash="dash"), fill="tozeroy",
                           fillcolor=tint(P["left"], 0.12)),
                go.Scatter(x=[0, 100], y=[1, 1], name="body weight", mode="lines",
                           line=dict(color=P["grey"], width=1.5, dash="dot"), hoverinfo="skip")]

    def refresh(self, fig, sim, ctl):
        c = sim.cycle
        set_xy(fig.data[0], c.index, c["vgrf_right_bw"])
        set_xy(fig.data[1], c.index, c["vgrf_left_bw"])
        set_shapes(fig, stance_shapes(c))

    def describe(self, sim, ctl):
        s = sim.summary
        return (f"At {speed_words(ctl.speed())} and {cadence_words(sim, ctl)}, each foot is on the ground for "
                f"{fmt(s['contact_time_s'] * 1000, 0)} ms, then the body flies for {fmt(s['flight_time_s'] * 1000, 0)} "
                f"ms. Right after foot strike an impact transient brings the force to "
                f"{fmt(s['impact_peak_bw'], 2)} times body weight; then the ground pushes up with up to "
                f"{fmt(s['peak_vgrf_bw'], 2)} times body weight; the stride is "
                f"{fmt(s['stride_length_m'], 2)} m long. The dotted line is one body weight: over a whole stride the "
                f"two feet's force must average exactly that.")


class _StiffnessView(View):
    title = "The leg as a spring: stiffness against speed"
    xaxis_title = "speed (metres per second)"
    yaxis_title = "stiffness (kN per metre)"
    layout = dict(hovermode="closest")

    def __init__(self, table):
        self.table = table

    def traces(self, sim, ctl):
        t, s, v = self.table, sim.summary, ctl.speed()
        return [go.Scatter(x=t.index, y=t["leg_stiffness_kN_m"], name="leg stiffness (automatic cadence)",
                           line=dict(color=P["green"], width=3)),
                go.Scatter(x=t.index, y=t["vertical_stiffness_kN_m"], name="vertical stiffness (automatic cadence)",
                           line=dict(color=P["purple"], width=3, dash="dash")),
                go.Scatter(x=[v, v], y=[s["leg_stiffness_kN_m"], s["vertical_stiffness_kN_m"]], mode="markers",
                           name="your settings", marker=dict(size=13, color=P["black"], symbol=["circle", "diamond"]))]

    def refresh(self, fig, sim, ctl):
        s, v = sim.summary, ctl.speed()
        fig.data[2].x = [v, v]
        fig.data[2].y = [s["leg_stiffness_kN_m"], s["vertical_stiffness_kN_m"]]

    def describe(self, sim, ctl):
        s = sim.summary
        return (f"Leg stiffness (peak force over how much the leg shortens) is {fmt(s['leg_stiffness_kN_m'])} kN/m and "
                f"vertical stiffness (peak force over how far the centre of mass drops) is "
                f"{fmt(s['vertical_stiffness_kN_m'])} kN/m. The lines use the model's automatic cadence; with your "
                f"own cadence the markers can leave the lines: quicker steps make a stiffer spring.")


def ground_force_panel(speed_m_s: float = 3.0, *, cadence_spm: float | None = None, runner=None) -> w.VBox:
    """Vertical ground force over a stride (right and left) and leg and vertical stiffness, with speed and cadence.

    Parameters
    ----------
    speed_m_s : float
        Starting speed [m/s].
    cadence_spm : float or None
        Starting cadence [steps/min], 140 to 220; None lets the model choose for the speed.
    runner : Runner, optional
        The runner (default runner if omitted).

    Examples
    --------
    >>> p = ground_force_panel(3.0)
    >>> "body weight" in p.parts.text(0)
    True
    >>> p.parts.controls["cadence_auto"].value = False
    >>> p.parts.controls["cadence_spm"].value = 190
    >>> "190 steps per minute (your choice)" in p.parts.text(0)
    True
    """
    ctl = Controls(["speed_m_s", "cadence_spm"], {"speed_m_s": speed_m_s, "cadence_spm": cadence_spm}, runner=runner)
    table = run_sweep(ctl.runner(), _SPEEDS)
    return view_panel("Ground force and the leg as a spring", ctl, [_GrfView(), _StiffnessView(table)],
                      intro="Change speed and step rate: how hard and how long does each foot push?")


# --------------------------------------------------------------------------------------------------------------
# impact: shin and head
# --------------------------------------------------------------------------------------------------------------

class _ImpactView(View):
    title = "Impact at the shin and the head after foot strike"
    xaxis_title = "time after foot strike (milliseconds)"
    yaxis_title = "acceleration (g)"

    _cols = (("ground_input_g", "ground (input)", "grey", "dot"), ("tibia_accel_g", "shin (tibia)", "vermillion",
             "solid"), ("head_accel_g", "head", "blue", "solid"))

    def traces(self, sim, ctl):
        sh = sim.shock
        t = sh.index.to_numpy(dtype=float) * 1000
        return [go.Scatter(x=t, y=sh[c], name=n, line=dict(color=P[col], dash=d, width=2.5))
                for c, n, col, d in self._cols]

    def refresh(self, fig, sim, ctl):
        sh = sim.shock
        t = sh.index.to_numpy(dtype=float) * 1000
        for i, (c, *_rest) in enumerate(self._cols):
            set_xy(fig.data[i], t, sh[c])

    def describe(self, sim, ctl):
        s = sim.summary
        return (f"At {speed_words(ctl.speed())} and {cadence_words(sim, ctl)}, the shin peaks at "
                f"{fmt(s['tibia_accel_peak_g'], 1)} g and the head at {fmt(s['head_accel_peak_g'], 2)} g in the impact "
                f"phase: {fmt(s['shock_attenuation_pct'], 0)} % of the shin's impact is absorbed before it reaches the "
                f"head. Later in the contact every level reads about the ground force over body weight.")


class _TibiaSpeedView(View):
    title = "Peak shin and head acceleration against speed"
    xaxis_title = "speed (metres per second)"
    yaxis_title = "peak acceleration (g)"
    layout = dict(hovermode="closest")

    def __init__(self, table):
        self.table = table

    def traces(self, sim, ctl):
        t, s, v = self.table, sim.summary, ctl.speed()
        return [go.Scatter(x=t.index, y=t["tibia_accel_peak_g"], name="shin (automatic cadence)",
                           line=dict(color=P["vermillion"], width=3)),
                go.Scatter(x=t.index, y=t["head_accel_peak_g"], name="head (automatic cadence)",
                           line=dict(color=P["blue"], width=3, dash="dash")),
                go.Scatter(x=[v, v], y=[s["tibia_accel_peak_g"], s["head_accel_peak_g"]], mode="markers",
                           name="your settings", marker=dict(size=13, color=P["black"]))]

    def refresh(self, fig, sim, ctl):
        s, v = sim.summary, ctl.speed()
        set_xy(fig.data[2], [v, v], [s["tibia_accel_peak_g"], s["head_accel_peak_g"]])

    def describe(self, sim, ctl):
        t = self.table
        return (f"From {fmt(t.index.min())} to {fmt(t.index.max())} m/s the model's peak shin acceleration goes from "
                f"{fmt(t['tibia_accel_peak_g'].iloc[0])} to {fmt(t['tibia_accel_peak_g'].iloc[-1])} g and the head's "
                f"from {fmt(t['head_accel_peak_g'].iloc[0], 2)} to {fmt(t['head_accel_peak_g'].iloc[-1], 2)} g. "
                f"Your settings are the black markers.")


def impact_panel(speed_m_s: float = 3.0, *, cadence_spm: float | None = None, runner=None) -> w.VBox:
    """Shin (tibia) and head acceleration after foot strike, and their peaks against speed.

    Parameters
    ----------
    speed_m_s : float
        Starting speed [m/s].
    cadence_spm : float or None
        Starting cadence [steps/min]; None lets the model choose.
    runner : Runner, optional
        The runner (default runner if omitted).

    Examples
    --------
    >>> p = impact_panel(3.0)
    >>> p.parts.controls["speed_m_s"].value = 4.0
    >>> "4.0 m/s" in p.parts.text(0) and " g" in p.parts.text(0)
    True
    """
    ctl = Controls(["speed_m_s", "cadence_spm"], {"speed_m_s": speed_m_s, "cadence_spm": cadence_spm}, runner=runner)
    table = run_sweep(ctl.runner(), _SPEEDS)
    return view_panel("Impact: shin and head", ctl, [_ImpactView(), _TibiaSpeedView(table)],
                      intro="Run faster or change the step rate and watch the shin's and the head's jolt.")


# --------------------------------------------------------------------------------------------------------------
# side view of the leg (schematic)
# --------------------------------------------------------------------------------------------------------------

def schematic_knee_ankle(phase_pct, stance_pct: float, speed_m_s: float):
    """A schematic knee-flexion and ankle pattern over one leg's stride (a teaching picture, not measured data).

    The knee bends a little after foot strike, straightens towards toe-off and folds most in mid swing (more at
    higher speed); the ankle tips the shin forward over the foot in stance and points the toes at toe-off.

    Parameters
    ----------
    phase_pct : array_like
        Position in this leg's stride [%], 0 = its foot strike.
    stance_pct : float
        Stance as a percent of the stride [%].
    speed_m_s : float
        Running speed [m/s]; only scales the swing knee bend.

    Returns
    -------
    knee_flexion_deg, ankle_dorsiflexion_deg : numpy.ndarray
        Knee flexion [deg] (0 = straight) and ankle dorsiflexion [deg] (+ = toes up towards the shin).

    Examples
    --------
    >>> knee, ankle = schematic_knee_ankle([0, 14, 60], stance_pct=36, speed_m_s=3.0)
    >>> bool(knee[2] > knee[1] > knee[0])
    True
    """
    x = np.mod(np.asarray(phase_pct, dtype=float), 100.0)
    st = float(np.clip(stance_pct, 10.0, 70.0))
    sw = 100.0 - st
    swing_knee = float(np.clip(85.0 + 12.0 * (speed_m_s - 3.0), 65.0, 130.0))
    kx = [0.0, 0.4 * st, st, st + 0.3 * sw, st + 0.85 * sw, 100.0]
    ky = [22.0, 42.0, 18.0, swing_knee, 14.0, 22.0]
    ax = [0.0, 0.5 * st, st, st + 0.2 * sw, 100.0]
    ay = [0.0, 20.0, -20.0, 5.0, 0.0]
    return np.interp(x, kx, ky), np.interp(x, ax, ay)


def _leg_points(hip_xy, hip_flex_deg, knee_deg, ankle_deg, lengths):
    """Hip, knee, ankle, heel, toe positions (x forward, y up) for one leg."""
    thigh, shank, foot = lengths
    th = np.radians(hip_flex_deg)
    hx, hy = hip_xy
    kx, ky = hx + thigh * np.sin(th), hy - thigh * np.cos(th)
    ph = th - np.radians(knee_deg)
    ax_, ay = kx + shank * np.sin(ph), ky - shank * np.cos(ph)
    # with a neutral ankle the foot is square to the shank; dorsiflexion turns the toes up towards the shin
    fa = ph + np.radians(ankle_deg)  # foot angle above the forward horizontal
    toe = (ax_ + 0.75 * foot * np.cos(fa), ay + 0.75 * foot * np.sin(fa))
    heel = (ax_ - 0.25 * foot * np.cos(fa), ay - 0.25 * foot * np.sin(fa))
    return [hx, kx, ax_, heel[0], toe[0]], [hy, ky, ay, heel[1], toe[1]]


def _lengths(runner):
    try:
        seg = runner.segments
        return tuple(float(seg.loc[n, "length_m"]) for n in ("thigh", "shank", "foot"))
    except (AttributeError, KeyError, TypeError):  # schematic proportions of height if segments are unavailable
        h = float(runner.height_m)
        return 0.245 * h, 0.25 * h, 0.15 * h


class _SideView:
    def __init__(self, sim, runner, speed):
        self.set(sim, runner, speed)

    def set(self, sim, runner, speed):
        c = sim.cycle
        self.sim = sim
        self.lengths = _lengths(runner)
        stance = 100.0 * float(sim.summary["contact_time_s"]) / float(sim.summary["stride_time_s"])
        x = c.index.to_numpy(dtype=float)
        self.knee_r, self.ankle_r = schematic_knee_ankle(x, stance, speed)
        self.knee_l, self.ankle_l = schematic_knee_ankle(x - 50.0, stance, speed)
        # hip height: in stance the standing foot's lowest point rests on the ground; in flight the hip follows the
        # model's centre-of-mass path between the neighbouring stance heights
        n = len(c)
        ground = np.full(n, np.nan)
        for i in range(n):
            for side, knee, ankle in (("right", self.knee_r, self.ankle_r), ("left", self.knee_l, self.ankle_l)):
                if bool(c[f"stance_{side}"].iloc[i]):
                    _xs, ys = _leg_points((0.0, 0.0), c[f"hip_angle_{side}_deg"].iloc[i], knee[i], ankle[i],
                                          self.lengths)
                    ground[i] = -min(ys[2:])
        bob = c["com_vertical_m"].to_numpy(dtype=float)
        known = ~np.isnan(ground)
        if known.any():
            idx = np.arange(n)
            base = np.interp(idx, idx[known], ground[known], period=n)
            bob_base = np.interp(idx, idx[known], bob[known], period=n)
            self.hip_y = np.where(known, ground, base + (bob - bob_base))
        else:
            self.hip_y = sum(self.lengths[:2]) + bob - bob.min()

    def frame(self, i):
        c = self.sim.cycle
        i = int(np.clip(i, 0, len(c) - 1))
        hip = (0.0, float(self.hip_y[i]))
        right = _leg_points(hip, c["hip_angle_right_deg"].iloc[i], self.knee_r[i], self.ankle_r[i], self.lengths)
        left = _leg_points(hip, c["hip_angle_left_deg"].iloc[i], self.knee_l[i], self.ankle_l[i], self.lengths)
        trunk = ([0.0, 0.0], [hip[1], hip[1] + 0.45])
        return right, left, trunk, c.iloc[i]


def leg_side_view_panel(speed_m_s: float = 3.0, *, runner=None, interval_ms: int = 80) -> w.VBox:
    """Side view of both legs over a stride (stick figure; play/pause and a frame slider) with the ground force.

    The hip angle comes from the model; the knee and ankle follow a schematic teaching pattern
    (:func:`schematic_knee_ankle`), so the drawing is labelled schematic.

    Parameters
    ----------
    speed_m_s : float
        Starting speed [m/s].
    runner : Runner, optional
        The runner (default runner if omitted); segment lengths come from it.
    interval_ms : int
        Time between animation frames [ms].

    Examples
    --------
    >>> p = leg_side_view_panel(3.0)
    >>> p.parts.extra["frame"].value = 10
    >>> "10 %" in p.parts.extra["caption"].value
    True
    >>> p.parts.controls["speed_m_s"].value = 4.2
    >>> "4.2 m/s" in p.parts.text(0)
    True
    """
    ctl = Controls(["speed_m_s"], {"speed_m_s": speed_m_s}, runner=runner)
    msg = style.message_box()
    rn = ctl.runner()
    view = _SideView(ctl.simulate(), rn, ctl.speed())
    play = w.Play(value=0, min=0, max=100, step=2, interval=interval_ms, repeat=True,
                  description="play or pause the stride")
    frame = w.IntSlider(value=0, min=0, max=100, step=1, description="position in the stride (percent)",
                        style={"description_width": "230px"}, layout=w.Layout(width="100%", max_width="560px"),
                        continuous_update=True)
    w.jslink((play, "value"), (frame, "value"))
    leg = sum(view.lengths)
    (rx, ry), (lx, ly), (tx, ty), row = view.frame(0)
    fig = style.figure(
        [go.Scatter(x=[-0.9 * leg, 0.9 * leg], y=[0, 0], mode="lines", name="ground",
                    line=dict(color=P["grey"], width=3), hoverinfo="skip"),
         go.Scatter(x=tx, y=ty, mode="lines", name="trunk", line=dict(color=P["black"], width=6)),
         go.Scatter(x=lx, y=ly, mode="lines+markers", name="left leg", line=dict(color=P["left"], width=6),
                    marker=dict(size=8), opacity=0.75),
         go.Scatter(x=rx, y=ry, mode="lines+markers", name="right leg", line=dict(color=P["right"], width=6),
                    marker=dict(size=8))],
        title="Side view of the legs (schematic knee and ankle)",
        xaxis_title="backward ← (metres) → forward, running direction",
        yaxis_title="height (metres)",
        height=460,
        xaxis=dict(range=[-0.9 * leg, 0.9 * leg], scaleanchor="y", scaleratio=1, constrain="domain", fixedrange=True),
        yaxis=dict(range=[-0.05, 1.2 * leg], fixedrange=True),
        hovermode=False,
    )
    c = view.sim.cycle
    fig2 = style.figure(
        [go.Scatter(x=c.index, y=c["vgrf_right_bw"], name="right foot", line=dict(color=P["right"], width=3)),
         go.Scatter(x=c.index, y=c["vgrf_left_bw"], name="left foot", line=dict(color=P["left"], width=3,
                                                                                dash="dash")),
         go.Scatter(x=[0, 0], y=[row["vgrf_right_bw"], row["vgrf_left_bw"]], mode="markers", name="now",
                    marker=dict(size=13, color=[P["right"], P["left"]], line=dict(color=P["black"], width=1.5)))],
        title="Vertical ground force at the same moment", xaxis_title=STRIDE_X,
        yaxis_title="vertical force (body weights)", height=280, shapes=stance_shapes(c),
    )
    cap = caption("")
    text = style.live_text("")

    def _frame_caption(i):
        (rx, ry), (lx, ly), _t, r = view.frame(i)
        feet = [side for side in ("right", "left") if bool(r.get(f"stance_{side}", False))]
        foot = (" and ".join(feet) + " foot on the ground") if feet else "both feet in the air"
        return (f"Frame at {int(i)} % of the stride: {foot}; right hip {fmt(r['hip_angle_right_deg'], 0)}°, left hip "
                f"{fmt(r['hip_angle_left_deg'], 0)}° of flexion; ground force right {fmt(r['vgrf_right_bw'], 2)}, "
                f"left {fmt(r['vgrf_left_bw'], 2)} body weights.")

    def _describe(sim):
        s = sim.summary
        stance = 100.0 * float(s["contact_time_s"]) / float(s["stride_time_s"])
        return (f"At {speed_words(ctl.speed())} each foot is on the ground for {fmt(stance, 0)} % of the stride "
                f"({fmt(s['contact_time_s'] * 1000, 0)} ms) and the thigh swings through "
                f"{fmt(s['hip_flexion_rom_deg'])}°. Thigh, shank and foot lengths come from the runner's height; the "
                f"hip angle comes from the model, while the knee and ankle follow a schematic teaching pattern, so "
                f"read the drawing as a picture, not a measurement. Press play to loop one stride.")

    def draw(i, lines: bool = False):
        """Move the drawing to frame ``i``; with ``lines`` also redraw the force curves (one message per figure)."""
        (rx, ry), (lx, ly), (tx, ty), r = view.frame(i)
        cc = view.sim.cycle
        with fig.batch_update():
            set_xy(fig.data[1], tx, ty)
            set_xy(fig.data[2], lx, ly)
            set_xy(fig.data[3], rx, ry)
        x = float(cc.index[int(np.clip(i, 0, len(cc) - 1))])
        with fig2.batch_update():
            if lines:
                set_xy(fig2.data[0], cc.index, cc["vgrf_right_bw"])
                set_xy(fig2.data[1], cc.index, cc["vgrf_left_bw"])
                set_shapes(fig2, stance_shapes(cc))
            set_xy(fig2.data[2], [x, x], [r["vgrf_right_bw"], r["vgrf_left_bw"]])
        set_caption(cap, _frame_caption(i))

    @style.guarded(msg)
    def on_knob(change=None):
        sim = ctl.simulate()
        words = _describe(sim)
        view.set(sim, ctl.runner(), ctl.speed())
        draw(frame.value, lines=True)
        style.set_live_text(text, words)

    @style.guarded(msg)
    def on_frame(change):
        draw(change["new"])

    frame.observe(on_frame, names="value")
    draw(0)
    style.set_live_text(text, _describe(view.sim))
    parts = Parts(controls=ctl, figures=[fig, fig2], texts=[text], message=msg, update=on_knob,
                  extra={"play": play, "frame": frame, "caption": cap})
    return finish(parts, style.heading("The legs from the side"), ctl.box(),
                  w.HBox([play, frame], layout=w.Layout(align_items="center")), msg, fig, cap, fig2, text)
