"""Shock panel: an impact travelling up the body, with the spine as a spring and the trunk muscles as a damper.

Part of the torso's story (the article's first job of the trunk); :mod:`runmech.ui.torso` re-exports
:func:`shock_panel` and uses :class:`ShockTraceView` in its lab.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from runmech.ui import style
from runmech.ui.base import Controls, View, fmt, run, set_xy, speed_words, view_panel
from runmech.ui.words import times_normal_words

__all__ = ["shock_panel", "ShockTraceView", "ShockPeaksView"]

P = style.PALETTE

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


def _ms(frame) -> np.ndarray:
    return frame.index.to_numpy(dtype=float) * 1000


class ShockTraceView(View):
    """Acceleration after foot strike at each level of the body, with the head's trace at normal settings.

    Examples
    --------
    >>> ctl = Controls(["spine_stiffness_scale"], {"spine_stiffness_scale": 2.0})
    >>> "twice normal" in ShockTraceView().plain(ctl.simulate(), ctl)
    True
    """

    title = "An impact travelling up the body after foot strike"
    tab = "the jolt over time"
    xaxis_title = "time after foot strike (milliseconds)"
    yaxis_title = "acceleration (g)"

    def traces(self, sim, ctl):
        sh = sim.shock
        ref = _normal_shock(ctl).shock
        self.levels = _levels(sh)
        tr = [style.line(_ms(sh), sh[col], name, colour, dash=dash, width=2.5)
              for col, name, colour, dash in self.levels]
        tr.append(style.line(_ms(ref), ref["head_accel_g"], "head, normal spine and trunk muscles", "sky",
                             dash="dash", width=2))
        return tr

    def refresh(self, fig, sim, ctl):
        sh = sim.shock
        for i, (col, *_rest) in enumerate(self.levels):
            set_xy(fig.data[i], _ms(sh), sh[col])
        ref = _normal_shock(ctl).shock
        set_xy(fig.data[len(self.levels)], _ms(ref), ref["head_accel_g"])

    def _numbers(self, sim, ctl):
        s, ref = sim.summary, _normal_shock(ctl)
        return dict(head=float(s["head_accel_peak_g"]), head_ref=float(ref.summary["head_accel_peak_g"]),
                    ring=_rebound_g(sim.shock), ring_ref=_rebound_g(ref.shock),
                    att=float(s["shock_attenuation_pct"]), att_ref=float(ref.summary["shock_attenuation_pct"]))

    def describe(self, sim, ctl):
        s, n, k = sim.summary, self._numbers(sim, ctl), ctl.knobs()
        stiff, damp = k.get("spine_stiffness_scale", 1.0), k.get("trunk_damping_scale", 1.0)
        head, head_ref, ring, ring_ref, att, att_ref = (n[x] for x in ("head", "head_ref", "ring", "ring_ref", "att",
                                                                      "att_ref"))
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

    def plain(self, sim, ctl):
        n = self._numbers(sim, ctl)
        k = ctl.knobs()
        setting = (f"With {times_normal_words(k.get('spine_stiffness_scale', 1.0), 'spine stiffness')} and "
                   f"{times_normal_words(k.get('trunk_damping_scale', 1.0), 'trunk muscle control')}")
        text = (f"{setting}, each landing jolts the shin with {fmt(sim.summary['tibia_accel_peak_g'])} times the pull "
                f"of gravity, and the head feels {fmt(n['head'], 1)} times: the body soaks up {fmt(n['att'], 0)} % "
                f"of the jolt on its way up (with normal settings {fmt(n['att_ref'], 0)} %).")
        if n["head"] > n["head_ref"] * 1.03:
            text += " More of the jolt reaches the head than normal."
        elif n["head"] < n["head_ref"] * 0.97:
            text += " Less of the jolt reaches the head than normal."
        if n["ring"] > n["ring_ref"] * 1.08 and n["ring"] > 0.02:
            text += " The head also wobbles back more after each landing: the trunk muscles are not calming it."
        return text


class ShockPeaksView(View):
    """The largest jolt at each level, with normal settings beside it.

    Examples
    --------
    >>> ctl = Controls(["trunk_damping_scale"])
    >>> ShockPeaksView().describe(ctl.simulate(), ctl).startswith("Peak accelerations with your settings: shin")
    True
    """

    title = "Peak acceleration at each level"
    tab = "the peaks"
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

    def plain(self, sim, ctl):
        now = self._peaks(sim.shock)
        parts = [f"{name} {fmt(a, 1)}" for (_, name), a in zip(self._cols, now)]
        return ("The biggest jolt at each level, in times the pull of gravity, from the shin up to the head: "
                + ", ".join(parts) + ". Grey bars are normal settings.")


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
                      [ShockTraceView(), ShockPeaksView()],
                      intro="Make the spine stiffer, or the trunk muscles weaker, and watch the head's trace.")
