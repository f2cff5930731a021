"""Sway panel: side-to-side movement of the trunk, its path seen from above, its work per stride and energy cost.

Part of the torso's story; :mod:`runmech.ui.torso` re-exports :func:`sway_panel`.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from runmech.ui import style
from runmech.ui.base import (
    Controls,
    View,
    fmt,
    half_range,
    run,
    set_xy,
    speed_words,
    view_panel,
)

__all__ = ["sway_panel"]

P = style.PALETTE


class _SwayPathView(View):
    tab = "the path"
    title = "Shoulders and centre of mass seen from above (two strides)"
    xaxis_title = "distance forward (metres)"
    yaxis_title = "sideways (cm, + = left)"

    @staticmethod
    def _paths(sim, runner, speed):
        """Forward distance, and the centre of mass' and the shoulders' sideways positions [cm] over two strides.

        The shoulders sit above the lumbar joint by the mid and upper trunk's lengths and lean with the trunk over the
        pelvis, which travels with the centre of mass."""
        c = sim.cycle
        t = c["time_s"].to_numpy(dtype=float)
        stride = float(sim.summary["stride_time_s"])
        seg = runner.segments
        shoulder_m = float(seg.loc["mid_trunk", "length_m"] + seg.loc["upper_trunk", "length_m"])
        com = c["com_lateral_m"].to_numpy(dtype=float)
        lean = np.radians(c["trunk_lean_deg"].to_numpy(dtype=float))
        top = com + shoulder_m * np.sin(lean)

        def two(y):
            return np.concatenate([y, y[1:]]) * 100

        return np.concatenate([t, t[1:] + stride]) * speed, two(com), two(top)

    def _all(self, sim, ctl):
        k = ctl.knobs()
        k["lateral_sway_cm"] = 0.0
        rn = ctl.runner()
        ref = run(rn, ctl.speed(), **k)
        x, _com_ref, top_ref = self._paths(ref, rn, ctl.speed())
        _x, com, top = self._paths(sim, rn, ctl.speed())
        return x, top_ref, top, com

    def traces(self, sim, ctl):
        x, top_ref, top, com = self._all(sim, ctl)
        return [style.line(x, top_ref, "shoulders, no extra sway", "grey", dash="dash", width=2),
                style.line(x, top, "shoulders, your setting", "vermillion"),
                style.line(x, com, "centre of mass, your setting", "blue", dash="dot", width=2)]

    def refresh(self, fig, sim, ctl):
        x, top_ref, top, com = self._all(sim, ctl)
        set_xy(fig.data[0], x, top_ref)
        set_xy(fig.data[1], x, top)
        set_xy(fig.data[2], x, com)

    def describe(self, sim, ctl):
        s, c = sim.summary, sim.cycle
        sway = ctl.knobs().get("lateral_sway_cm", 0.0)
        side = half_range(c["com_lateral_m"]) * 100
        top = float(np.ptp(self._paths(sim, ctl.runner(), ctl.speed())[2])) / 2.0
        return (f"With {fmt(sway)} cm of extra sway (the shoulders' travel over the pelvis, end to end) the shoulders "
                f"swing ±{fmt(top)} cm to each side while the body's "
                f"centre of mass moves ±{fmt(side)} cm side to side each stride (stride length "
                f"{fmt(s['stride_length_m'], 2)} m). The sideways motion takes {fmt(s['lateral_sway_work_J'])} joules "
                f"of positive work per stride, {fmt(s['metabolic_sway_pct'])} % more energy than without the extra "
                f"lean; the stance hip's abductor moment peaks at {fmt(s['peak_hip_abductor_moment_Nm_kg'], 2)} N·m/kg "
                f"and the low back's side-bending moment at {fmt(s['peak_lumbar_lateral_moment_Nm'])} N·m.")

    def plain(self, sim, ctl):
        s, c = sim.summary, sim.cycle
        side = half_range(c["com_lateral_m"]) * 100
        top = float(np.ptp(self._paths(sim, ctl.runner(), ctl.speed())[2])) / 2.0
        return (f"Seen from above, the shoulders swing {fmt(top)} cm to each side every stride and the body as a "
                f"whole weaves {fmt(side)} cm. Moving it sideways "
                f"takes {fmt(s['lateral_sway_work_J'])} joules of work a stride: by the model's estimate running "
                f"takes {fmt(s['metabolic_sway_pct'])} % more energy than without the extra lean. The muscles at "
                f"the side of the standing hip and the side of the low back hold the lean.")


class _SwayCostView(View):
    tab = "the cost"
    title = "Cost of side-to-side sway"
    xaxis_title = "side-to-side trunk lean (centimetres, end to end)"
    yaxis_title = "work per stride (joules)"
    layout = dict(yaxis2=dict(title=dict(text="energy cost change (percent)"), overlaying="y", side="right",
                              zeroline=False, showgrid=False, tickformat=".1f", rangemode="tozero"),
                  yaxis=dict(rangemode="tozero"),
                  margin=dict(r=72), hovermode="closest")

    def __init__(self, curve):
        self.curve = curve

    def traces(self, sim, ctl):
        cur = self.curve
        s = sim.summary
        sway = ctl.knobs().get("lateral_sway_cm", 0.0)
        return [style.line(cur.index, cur["lateral_sway_work_J"], "work per stride", "vermillion"),
                style.line(cur.index, cur["metabolic_sway_pct"], "energy cost change", "blue", dash="dash",
                           yaxis="y2"),
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

    def plain(self, sim, ctl):
        cur = self.curve
        return (f"The more the trunk sways, the more running costs: from no sway to {fmt(cur.index.max(), 0)} cm the "
                f"model's extra energy cost grows to {fmt(cur['metabolic_sway_pct'].iloc[-1])} %. The markers "
                f"are your setting. Whether sway causes pain or injury has not been tested.")


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
