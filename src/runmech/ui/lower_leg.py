"""Lower-leg panels: vertical ground force and the leg as a spring, a side view of the leg, impact at shin and head.

Every panel is a function returning an ipywidgets box (``panel.parts`` holds its controls, figures and summaries);
:func:`lower_leg_screens` puts them on the clinic dashboard's screens.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from runmech._validate import check_array, check_real
from runmech.ui import style
from runmech.ui.base import (
    STRIDE_X,
    AnimatedPanel,
    Controls,
    View,
    cadence_words,
    fmt,
    run_sweep,
    set_shapes,
    set_xy,
    speed_words,
    stance_shapes,
    view_panel,
)
from runmech.ui.dashboard import screens

__all__ = ["ground_force_panel", "leg_side_view_panel", "impact_panel", "schematic_knee_ankle", "lower_leg_screens"]

P = style.PALETTE
_SPEEDS = tuple(float(x) for x in np.arange(2.0, 7.001, 0.25))


class _GrfView(View):
    tab = "ground force"
    title = "Vertical ground force over one stride"
    xaxis_title = STRIDE_X
    yaxis_title = "vertical force (body weights)"

    def traces(self, sim, ctl):
        c = sim.cycle
        self.layout = dict(shapes=stance_shapes(c))
        # lines without a filled area under them: the fill carried nothing the line does not, and redrawing it on
        # every slider step cost more than the line itself
        return [style.line(c.index, c["vgrf_right_bw"], "right foot", "right"),
                style.line(c.index, c["vgrf_left_bw"], "left foot", "left", dash="dash"),
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

    def plain(self, sim, ctl):
        s = sim.summary
        return (f"Running at {speed_words(ctl.speed(), plain=True)}, each foot is on the ground for "
                f"{fmt(s['contact_time_s'], 2)} seconds, then the body is in the air for {fmt(s['flight_time_s'], 2)} "
                f"seconds. Landing gives a quick first bump of {fmt(s['impact_peak_bw'], 1)} times body weight; then, "
                f"while the foot is down, the ground pushes back with up to {fmt(s['peak_vgrf_bw'], 1)} times body "
                f"weight.")


class _StiffnessView(View):
    tab = "the leg as a spring"
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

    def plain(self, sim, ctl):
        s = sim.summary
        return (f"The leg works like a spring that squashes on landing and springs back. Its stiffness is "
                f"{fmt(s['leg_stiffness_kN_m'], 0)} kilonewtons for each metre it is squashed; running faster, or "
                f"taking quicker steps, makes it stiffer. The black marks are your settings.")


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
    tab = "the jolt"
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
        s, sh = sim.summary, sim.shock
        mid = int(np.argmax(sh["ground_input_g"].to_numpy(dtype=float)))  # the ground force's peak, mid-contact
        at = sh.iloc[mid]
        return (f"At {speed_words(ctl.speed())} and {cadence_words(sim, ctl)}, the shin peaks at "
                f"{fmt(s['tibia_accel_peak_g'], 1)} g and the head at {fmt(s['head_accel_peak_g'], 2)} g in the impact "
                f"phase: {fmt(s['shock_attenuation_pct'], 0)} % of the shin's impact is absorbed before it reaches the "
                f"head. At mid-contact, when the ground pushes hardest ({fmt(at['ground_input_g'], 1)} body weights, "
                f"{fmt(sh.index[mid] * 1000, 0)} ms), the head reads {fmt(at['head_accel_g'], 1)} g and the shin "
                f"{fmt(at['tibia_accel_g'], 1)} g.")

    def plain(self, sim, ctl):
        s = sim.summary
        return (f"In the first moments of each landing the shin is jolted with {fmt(s['tibia_accel_peak_g'], 1)} "
                f"times the pull of gravity; by the time the jolt reaches the head it is "
                f"{fmt(s['head_accel_peak_g'], 1)} times: the body soaks up {fmt(s['shock_attenuation_pct'], 0)} % of "
                f"it on the way up.")


class _TibiaSpeedView(View):
    tab = "against speed"
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

    def plain(self, sim, ctl):
        t = self.table
        return (f"Faster running means harder landings: from {fmt(t.index.min())} to {fmt(t.index.max())} metres per "
                f"second the jolt at the shin grows from {fmt(t['tibia_accel_peak_g'].iloc[0])} to "
                f"{fmt(t['tibia_accel_peak_g'].iloc[-1])} times the pull of gravity. The black marks are your speed.")


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
    phase_pct : float or array_like
        Position in this leg's stride [%], 0 = its foot strike; -1000 to 1000 (wrapped to 0 to 100).
    stance_pct : float
        Stance as a percent of the stride [%], 0 to 100 (drawn as 10 to 70).
    speed_m_s : float
        Running speed [m/s], 0 to 15; only scales the swing knee bend.

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
    x = np.mod(check_array("phase_pct", phase_pct, low=-1000.0, high=1000.0, unit="%"), 100.0)
    st = float(np.clip(check_real("stance_pct", stance_pct, low=0.0, high=100.0, unit="%"), 10.0, 70.0))
    sw = 100.0 - st
    speed_m_s = check_real("speed_m_s", speed_m_s, low=0.0, high=15.0, unit="m/s")
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


class _SideView(AnimatedPanel):
    heading = "The legs from the side"
    drawing_title = "Side view of the legs (schematic knee and ankle)"
    curves_title = "Vertical ground force at the same moment"
    curves_yaxis = "vertical force (body weights)"
    curves = (("vgrf_right_bw", "right foot", "right", "solid"), ("vgrf_left_bw", "left foot", "left", "dash"))
    moving = (1, 2, 3)

    def prepare(self, sim):
        c = sim.cycle
        self.sim = sim
        speed = self.controls.speed()
        self.lengths = _lengths(self.controls.runner())
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

    def pose(self, i):
        c = self.sim.cycle
        i = int(np.clip(i, 0, len(c) - 1))
        hip = (0.0, float(self.hip_y[i]))
        right = _leg_points(hip, c["hip_angle_right_deg"].iloc[i], self.knee_r[i], self.ankle_r[i], self.lengths)
        left = _leg_points(hip, c["hip_angle_left_deg"].iloc[i], self.knee_l[i], self.ankle_l[i], self.lengths)
        trunk = ([0.0, 0.0], [hip[1], hip[1] + 0.45])
        return [trunk, left, right]

    def drawing(self, sim):
        leg = sum(self.lengths)
        (tx, ty), (lx, ly), (rx, ry) = self.pose(0)
        traces = [go.Scatter(x=[-0.9 * leg, 0.9 * leg], y=[0, 0], mode="lines", name="ground",
                             line=dict(color=P["grey"], width=3), hoverinfo="skip"),
                  go.Scatter(x=tx, y=ty, mode="lines", name="trunk", line=dict(color=P["black"], width=6)),
                  go.Scatter(x=lx, y=ly, mode="lines+markers", name="left leg", line=dict(color=P["left"], width=6),
                             marker=dict(size=8), opacity=0.75),
                  go.Scatter(x=rx, y=ry, mode="lines+markers", name="right leg", line=dict(color=P["right"], width=6),
                             marker=dict(size=8))]
        layout = dict(xaxis_title="backward ← (metres) → forward, running direction", yaxis_title="height (metres)",
                      xaxis=dict(range=[-0.9 * leg, 0.9 * leg], scaleanchor="y", scaleratio=1, constrain="domain",
                                 fixedrange=True),
                      yaxis=dict(range=[-0.05, 1.2 * leg], fixedrange=True))
        return traces, layout

    def frame_words(self, i):
        r = self.row(i)
        feet = [side for side in ("right", "left") if bool(r.get(f"stance_{side}", False))]
        foot = (" and ".join(feet) + " foot on the ground") if feet else "both feet in the air"
        return (f"Frame at {int(i)} % of the stride: {foot}; right hip {fmt(r['hip_angle_right_deg'], 0)}°, left hip "
                f"{fmt(r['hip_angle_left_deg'], 0)}° of flexion; ground force right {fmt(r['vgrf_right_bw'], 2)}, "
                f"left {fmt(r['vgrf_left_bw'], 2)} body weights.")

    def describe(self, sim):
        s = sim.summary
        stance = 100.0 * float(s["contact_time_s"]) / float(s["stride_time_s"])
        return (f"At {speed_words(self.controls.speed())} each foot is on the ground for {fmt(stance, 0)} % of the "
                f"stride ({fmt(s['contact_time_s'] * 1000, 0)} ms) and the thigh swings through "
                f"{fmt(s['hip_flexion_rom_deg'])}°. Thigh, shank and foot lengths come from the runner's height; the "
                f"hip angle comes from the model, while the knee and ankle follow a schematic teaching pattern, so "
                f"read the drawing as a picture, not a measurement. Press play to loop one stride.")

    def plain(self, sim):
        s = sim.summary
        stance = 100.0 * float(s["contact_time_s"]) / float(s["stride_time_s"])
        return (f"Press play to watch both legs over one stride. Each foot is on the ground for {fmt(stance, 0)} % "
                f"of the stride and the thigh swings {fmt(s['hip_flexion_rom_deg'], 0)}° from back to front. The "
                f"knee and ankle are a sketch; the thigh's swing and the push of the ground come from the model.")


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
        Time between animation frames [ms], 10 to 10000.

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
    return _SideView(ctl, interval_ms=interval_ms).panel()


# --------------------------------------------------------------------------------------------------------------
# the clinic dashboard
# --------------------------------------------------------------------------------------------------------------

def lower_leg_screens() -> w.VBox:
    """The lower-leg dashboard: one idea per screen (ground force, impact, the legs from the side), sentences for
    therapist or client.

    Examples
    --------
    >>> d = lower_leg_screens()
    >>> [title for title, _panel in d.parts.extra["screens"]]
    ['Ground force', 'Impact', 'Side view']
    """
    return screens([("Ground force", ground_force_panel), ("Impact", impact_panel),
                    ("Side view", leg_side_view_panel)])
