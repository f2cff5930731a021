"""Hip panels: hip angle and moment over a stride, peak moments and iliopsoas force against speed, hip symmetry.

Every panel is a function returning an ipywidgets box (``panel.parts`` holds its controls, figures and summaries);
:func:`hips_screens` puts them on the clinic dashboard's screens.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from runmech._validate import check_array
from runmech.ui import style
from runmech.ui.base import (
    STRIDE_X,
    BarsView,
    Controls,
    MirrorView,
    View,
    cadence_words,
    fmt,
    run_sweep,
    set_shapes,
    set_xy,
    speed_words,
    stance_shapes,
    tint,
    view_panel,
)
from runmech.ui.dashboard import screens
from runmech.ui.words import cause_words

__all__ = ["hip_stride_panel", "hip_speed_panel", "hip_symmetry_panel", "hip_reference", "hips_screens"]

P = style.PALETTE


class _HipAngleView(View):
    tab = "the thigh's swing"
    title = "Hip angle over one stride"
    xaxis_title = STRIDE_X
    yaxis_title = "hip flexion (degrees)"

    def traces(self, sim, ctl):
        c = sim.cycle
        self.layout = dict(shapes=stance_shapes(c))
        return [style.line(c.index, c["hip_angle_right_deg"], "right hip", "right"),
                style.line(c.index, c["hip_angle_left_deg"], "left hip", "left", dash="dash")]

    def refresh(self, fig, sim, ctl):
        c = sim.cycle
        set_xy(fig.data[0], c.index, c["hip_angle_right_deg"])
        set_xy(fig.data[1], c.index, c["hip_angle_left_deg"])
        set_shapes(fig, stance_shapes(c))

    def describe(self, sim, ctl):
        c, s = sim.cycle, sim.summary
        r = c["hip_angle_right_deg"]
        return (f"At {speed_words(ctl.speed())} and {cadence_words(sim, ctl)}, the right thigh swings from "
                f"{fmt(r.min())}° (behind the body, extension) to {fmt(r.max())}° (in front, flexion): a range of "
                f"{fmt(s['hip_flexion_rom_deg'])}°. Most forward at {r.idxmax():.0f} % of the stride, most backward "
                f"at {r.idxmin():.0f} %. Bars at the bottom: right (blue) and left (orange) foot on the ground.")

    def plain(self, sim, ctl):
        r = sim.cycle["hip_angle_right_deg"]
        return (f"Running at {speed_words(ctl.speed(), plain=True)}, the thigh swings from {fmt(abs(r.min()), 0)}° "
                f"{'behind' if r.min() < 0 else 'in front of'} the body to {fmt(r.max(), 0)}° in front: "
                f"{fmt(sim.summary['hip_flexion_rom_deg'], 0)}° in all, every stride. The coloured bars at the bottom "
                f"show when each foot is on the ground.")


class _HipMomentView(View):
    tab = "the hip muscles' effort"
    title = "Hip moment over one stride (per kilogram of body mass)"
    xaxis_title = STRIDE_X
    yaxis_title = "moment (N·m/kg, + = flexor)"

    def traces(self, sim, ctl):
        c = sim.cycle
        self.layout = dict(shapes=stance_shapes(c))
        return [style.line(c.index, c["hip_moment_right_Nm_kg"], "right hip", "right"),
                style.line(c.index, c["hip_moment_left_Nm_kg"], "left hip", "left", dash="dash")]

    def refresh(self, fig, sim, ctl):
        c = sim.cycle
        set_xy(fig.data[0], c.index, c["hip_moment_right_Nm_kg"])
        set_xy(fig.data[1], c.index, c["hip_moment_left_Nm_kg"])
        set_shapes(fig, stance_shapes(c))

    def describe(self, sim, ctl):
        c, s = sim.cycle, sim.summary
        r = c["hip_moment_right_Nm_kg"]
        return (f"On the right, the hip's muscles pull the thigh backward (extensor moment) with up to "
                f"{fmt(s['peak_hip_extensor_moment_Nm_kg'], 2)} N·m/kg, most at {r.idxmin():.0f} % of the stride, and "
                f"forward (flexor moment, the iliopsoas first among them) with up to "
                f"{fmt(s['peak_hip_flexor_moment_Nm_kg'], 2)} N·m/kg, most at {r.idxmax():.0f} %. The model's estimate "
                f"of peak iliopsoas force is {fmt(s['iliopsoas_peak_force_bw'], 2)} body weights.")

    def plain(self, sim, ctl):
        s = sim.summary
        return (f"The hip muscles pull the thigh back hardest while the foot is on the ground, and forward hardest as "
                f"the foot leaves it. The main muscle pulling the thigh forward, the iliopsoas (deep in the hip and "
                f"low back), pulls with about {fmt(s['iliopsoas_peak_force_bw'], 1)} times body weight at its peak.")


def hip_stride_panel(speed_m_s: float = 3.0, *, cadence_spm: float | None = None, runner=None) -> w.VBox:
    """Hip angle and hip moment over one stride, right and left, with speed and cadence.

    Parameters
    ----------
    speed_m_s : float
        Starting speed [m/s].
    cadence_spm : float or None
        Starting cadence [steps/min], 140 to 220; None lets the model pick a typical cadence for the speed.
    runner : Runner, optional
        The runner (default: 73 kg, 1.74 m, male proportions).

    Examples
    --------
    >>> p = hip_stride_panel(3.0)
    >>> "(automatic)" in p.parts.text(0)
    True
    >>> p.parts.controls["speed_m_s"].value = 5.0
    >>> "5.0 m/s" in p.parts.text(0)
    True
    """
    ctl = Controls(["speed_m_s", "cadence_spm"], {"speed_m_s": speed_m_s, "cadence_spm": cadence_spm}, runner=runner)
    return view_panel("The hip over one stride", ctl, [_HipAngleView(), _HipMomentView()],
                      intro="Run faster or change the step rate: how far does the thigh swing, and how hard do the "
                            "hip muscles work?")


# --------------------------------------------------------------------------------------------------------------
# peaks against speed, with measured reference points
# --------------------------------------------------------------------------------------------------------------

_REFERENCE_QUANTITIES = ("peak_hip_flexor_moment_Nm_kg", "peak_hip_extensor_moment_Nm_kg", "hip_flexion_rom_deg",
                         "peak_vgrf_bw")


def hip_reference() -> pd.DataFrame:
    """Measured per-speed hip figures from ``data/reference_running.csv`` (studies only), tidied for plotting.

    Returns
    -------
    pandas.DataFrame
        Columns ``quantity`` (a model summary key), ``speed_m_s``, ``mean``, ``sd``, ``n``, ``source`` (a key of
        ``data/sources.csv``); the runmech rows of recalled typical values are left out.

    Examples
    --------
    >>> ref = hip_reference()
    >>> list(ref.columns)
    ['quantity', 'speed_m_s', 'mean', 'sd', 'n', 'source']
    >>> bool((ref["quantity"] == "peak_hip_flexor_moment_Nm_kg").sum() >= 3)
    True
    """
    from runmech._data import read_table

    raw = read_table("reference_running.csv")
    rows = raw[raw["quantity"].isin(_REFERENCE_QUANTITIES) & ~raw["source"].astype(str).str.startswith("runmech")]
    out = pd.DataFrame({
        "quantity": rows["quantity"].astype(str),
        "speed_m_s": rows["speed_m_s"].astype(float),
        "mean": rows["value"].astype(float),
        "sd": pd.to_numeric(rows["sd"], errors="coerce"),
        "n": pd.to_numeric(rows["n"], errors="coerce").fillna(0).astype(int),
        "source": rows["source"].astype(str),
    })
    return out.sort_values(["quantity", "speed_m_s"]).reset_index(drop=True)


def _citation(keys) -> str:
    """Short 'Author year' names for source keys (``fukuchi2017`` -> ``Fukuchi 2017``)."""
    import re

    names = []
    for key in dict.fromkeys(keys):
        m = re.fullmatch(r"([a-z]+)(\d{4})", key)
        names.append(f"{m.group(1).capitalize()} {m.group(2)}" if m else key)
    return ", ".join(names)


class _HipSpeedView(View):
    title = "Peak hip moments and iliopsoas force against speed"
    xaxis_title = "speed (metres per second)"
    yaxis_title = "peak moment (N·m per kg)"
    height = 400
    layout = dict(yaxis2=dict(title=dict(text="iliopsoas force (body weights)"), overlaying="y", side="right",
                              zeroline=False, showgrid=False, tickformat=".1f", rangemode="tozero"),
                  yaxis=dict(rangemode="tozero"), margin=dict(r=72), hovermode="closest")

    def __init__(self, table: pd.DataFrame, reference: pd.DataFrame):
        self.table = table
        self.reference = reference

    def traces(self, sim, ctl):
        t, s, v = self.table, sim.summary, ctl.speed()
        tr = [
            go.Scatter(x=t.index, y=t["peak_hip_flexor_moment_Nm_kg"], name="flexor moment (model)",
                       line=dict(color=P["blue"], width=3)),
            go.Scatter(x=t.index, y=t["peak_hip_extensor_moment_Nm_kg"], name="extensor moment (model)",
                       line=dict(color=P["vermillion"], width=3, dash="dash")),
            go.Scatter(x=t.index, y=t["iliopsoas_peak_force_bw"], name="iliopsoas force (model, right axis)",
                       yaxis="y2", line=dict(color=P["green"], width=3, dash="dot")),
            go.Scatter(x=[v, v], y=[s["peak_hip_flexor_moment_Nm_kg"], s["peak_hip_extensor_moment_Nm_kg"]],
                       mode="markers", name="your speed", marker=dict(size=13, color=P["black"])),
            go.Scatter(x=[v], y=[s["iliopsoas_peak_force_bw"]], mode="markers", yaxis="y2", showlegend=False,
                       marker=dict(size=13, color=P["black"], symbol="diamond")),
        ]
        ref = self.reference
        for q, name, colour in (("peak_hip_flexor_moment_Nm_kg", "flexor moment, measured", "blue"),
                                ("peak_hip_extensor_moment_Nm_kg", "extensor moment, measured", "vermillion")):
            sub = ref[ref["quantity"] == q]
            if len(sub):
                tr.append(go.Scatter(x=sub["speed_m_s"], y=sub["mean"], mode="markers", name=name,
                                     error_y=dict(type="data", array=sub["sd"].fillna(0), visible=True),
                                     marker=dict(size=11, color=tint(P["grey"], 0.15), symbol="square",
                                                 line=dict(color=P[colour], width=2.5))))
        return tr

    def refresh(self, fig, sim, ctl):
        s, v = sim.summary, ctl.speed()
        fig.data[3].x = [v, v]
        fig.data[3].y = [s["peak_hip_flexor_moment_Nm_kg"], s["peak_hip_extensor_moment_Nm_kg"]]
        set_xy(fig.data[4], [v], [s["iliopsoas_peak_force_bw"]])

    def describe(self, sim, ctl):
        t, s = self.table, sim.summary
        lo, hi = t.index.min(), t.index.max()
        text = (f"At {speed_words(ctl.speed())} the model's peak hip flexor moment is "
                f"{fmt(s['peak_hip_flexor_moment_Nm_kg'], 2)} N·m/kg, the peak extensor moment "
                f"{fmt(s['peak_hip_extensor_moment_Nm_kg'], 2)} N·m/kg and the peak iliopsoas force "
                f"{fmt(s['iliopsoas_peak_force_bw'], 2)} body weights. From {fmt(lo)} to {fmt(hi)} m/s the flexor "
                f"moment goes from {fmt(t['peak_hip_flexor_moment_Nm_kg'].iloc[0], 2)} to "
                f"{fmt(t['peak_hip_flexor_moment_Nm_kg'].iloc[-1], 2)} N·m/kg.")
        ref = self.reference
        sub = ref[ref["quantity"] == "peak_hip_flexor_moment_Nm_kg"]
        if len(sub):
            pts = ", ".join(f"{fmt(r.mean, 2)} at {fmt(r.speed_m_s)} m/s" for r in sub.itertuples())
            text += (f" Measured treadmill runners (open squares, mean ± SD, a handful of runners per speed; "
                     f"{_citation(sub['source'])} data) had peak flexor moments of {pts}.")
        return text

    def plain(self, sim, ctl):
        t = self.table
        lo, hi = t["peak_hip_flexor_moment_Nm_kg"].iloc[0], t["peak_hip_flexor_moment_Nm_kg"].iloc[-1]
        return (f"The faster the running, the harder the hip muscles work: from {fmt(t.index.min())} to "
                f"{fmt(t.index.max())} metres per second the forward pull of the hip grows "
                f"{fmt(hi / lo, 1)}-fold. The black marker is your speed, {speed_words(ctl.speed(), plain=True)}; "
                f"the open squares are measured runners.")


def hip_speed_panel(speed_m_s: float = 3.0, *, speeds_m_s=None, runner=None) -> w.VBox:
    """Peak hip flexor and extensor moments and iliopsoas force against speed, with measured points if available.

    The curves are computed once when the panel is built (one model run per speed); the slider moves the marker.

    Parameters
    ----------
    speed_m_s : float
        Starting speed [m/s] of the marker.
    speeds_m_s : sequence of float, optional
        Speeds of the curves [m/s] (default 2 to 7 m/s in steps of 0.25).
    runner : Runner, optional
        The runner (default runner if omitted).

    Examples
    --------
    >>> p = hip_speed_panel(3.0)
    >>> p.parts.controls["speed_m_s"].value = 4.5
    >>> "4.5 m/s" in p.parts.text(0)
    True
    """
    ctl = Controls(["speed_m_s"], {"speed_m_s": speed_m_s}, runner=runner)
    speeds = list(np.arange(2.0, 7.001, 0.25)) if speeds_m_s is None else \
        check_array("speeds_m_s", speeds_m_s, unit="m/s", allow_scalar=False, min_size=2, max_size=200).tolist()
    table = run_sweep(ctl.runner(), speeds)
    return view_panel("Faster running, harder-working hips", ctl, [_HipSpeedView(table, hip_reference())],
                      intro="The lines are the model from 2 to 7 m/s; move the slider to read off one speed.")


# --------------------------------------------------------------------------------------------------------------
# symmetry at the hips
# --------------------------------------------------------------------------------------------------------------

class _HipMirrorView(MirrorView):
    tab = "right hip on left hip"
    title = "Right and left hip moment, each from its own foot strike"
    xaxis_title = "position in that leg's stride (percent after its foot strike)"
    yaxis_title = "moment (N·m/kg, + = flexor)"
    right = ("hip_moment_right_Nm_kg", 0.0, 1.0)
    left = ("hip_moment_left_Nm_kg", 50.0, 1.0)
    names = ("right hip", "left hip")

    def describe(self, sim, ctl):
        c, s = sim.cycle, sim.summary
        setting = "With " + cause_words(ctl.knobs())
        return (f"{setting}, the peak hip flexor moment is {fmt(c['hip_moment_right_Nm_kg'].max(), 2)} N·m/kg on the "
                f"right and {fmt(c['hip_moment_left_Nm_kg'].max(), 2)} N·m/kg on the left: a symmetry index of "
                f"{fmt(s['hip_flexor_moment_si_pct'])} % (0 = even; + = right does more).")

    def plain(self, sim, ctl):
        c = sim.cycle
        si = float(sim.summary["hip_flexor_moment_si_pct"])
        even = ("the two hips work evenly" if abs(si) < 0.5 else
                f"the {'right' if si > 0 else 'left'} hip pulls the thigh forward {fmt(abs(si), 0)} % harder")
        return (f"With {cause_words(ctl.knobs(), plain=True)}, {even} (hardest forward pull "
                f"{fmt(c['hip_moment_right_Nm_kg'].max(), 2)} on the right, {fmt(c['hip_moment_left_Nm_kg'].max(), 2)} "
                f"on the left, in newton metres for each kilogram of body weight). Each line is one hip, from its own "
                f"foot's landing: lines on top of each other would mean both sides do the same.")


class _HipBarsView(BarsView):
    tab = "left against right"
    title = "Right against left at the hip"
    yaxis_title = "N·m per kg"
    height = 280
    _names = ["peak flexor moment", "peak extensor moment"]

    def pairs(self, sim):
        c = sim.cycle
        right = [float(c["hip_moment_right_Nm_kg"].max()), float(-c["hip_moment_right_Nm_kg"].min())]
        left = [float(c["hip_moment_left_Nm_kg"].max()), float(-c["hip_moment_left_Nm_kg"].min())]
        return self._names, right, left

    def describe(self, sim, ctl):
        _names, right, left = self.pairs(sim)
        return (f"Peak flexor moment: right {fmt(right[0], 2)}, left {fmt(left[0], 2)} N·m/kg. Peak extensor moment: "
                f"right {fmt(right[1], 2)}, left {fmt(left[1], 2)} N·m/kg. The thorax rotation symmetry index is "
                f"{fmt(sim.summary['thorax_rotation_si_pct'])} %.")

    def plain(self, sim, ctl):
        _names, right, left = self.pairs(sim)
        return (f"The hardest forward pull of each hip: right {fmt(right[0], 2)}, left {fmt(left[0], 2)}; the "
                f"hardest backward pull: right {fmt(right[1], 2)}, left {fmt(left[1], 2)} (newton metres for each "
                f"kilogram of body weight). Blue is right, orange left.")


def hip_symmetry_panel(rotation_asymmetry_pct: float = 0.0, *, speed_m_s: float = 3.0, runner=None) -> w.VBox:
    """Asymmetry at the hips: a one-sided cause (spine stiffness, a longer step) → right and left hip moments.

    Parameters
    ----------
    rotation_asymmetry_pct : float
        Starting one-sided spine stiffness [%], −50 to 50 (positive = stiffer against turning to the left).
    speed_m_s : float
        Starting speed [m/s].
    runner : Runner, optional
        The runner (default runner if omitted).

    Examples
    --------
    >>> p = hip_symmetry_panel(0.0)
    >>> p.parts.controls["step_length_asymmetry_pct"].value = -20
    >>> "20 % longer left step" in p.parts.text(0)
    True
    """
    ctl = Controls(["rotation_asymmetry_pct", "step_length_asymmetry_pct", "speed_m_s"],
                   {"rotation_asymmetry_pct": rotation_asymmetry_pct, "speed_m_s": speed_m_s}, runner=runner)
    return view_panel("Lopsided rotation, uneven hips?", ctl, [_HipMirrorView(), _HipBarsView()],
                      intro="Make the spine stiffer to one side, or one step longer, and compare the two hips.")


def hips_screens() -> w.VBox:
    """The hips dashboard: one idea per screen (the stride, speed, symmetry), sentences for therapist or client.

    Examples
    --------
    >>> d = hips_screens()
    >>> [title for title, _panel in d.parts.extra["screens"]]
    ['One stride', 'Speed', 'Symmetry']
    """
    return screens([("One stride", hip_stride_panel), ("Speed", hip_speed_panel),
                    ("Symmetry", hip_symmetry_panel)])
