"""Shared plumbing for the region panels: labelled knobs, speed with pace, a cached model call and panel parts.

The region modules (:mod:`runmech.ui.torso`, :mod:`runmech.ui.hips`, :mod:`runmech.ui.lower_leg`) build their
panels from these pieces so that every knob has the same label, unit and range wherever it appears.

- :data:`KNOBS` is the model's knob table (:mod:`runmech.model.knobs`): label (unit in words), slider range, step
  and legend of every knob.
- :class:`Controls` builds the sliders a panel asks for (speed gets its pace beside it, cadence gets an
  "automatic" tick box, the runner gets mass/height/sex boxes) and returns the knobs as keyword arguments.
- :func:`run` calls :func:`runmech.simulate` through a small cache, so a slider moved back and forth, an animation
  frame or a "normal settings" reference costs nothing the second time.
- :class:`Parts` is attached to every panel as ``panel.parts`` so tests (and curious users) can reach the controls,
  figures and summaries without walking the widget tree.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import ipywidgets as w
import numpy as np

from runmech import units
from runmech.model import knobs as _knobs
from runmech.model.gait import self_selected_cadence
from runmech.ui import style

__all__ = ["KNOBS", "Controls", "Parts", "run", "run_sweep", "default_runner", "pace_words", "fmt",
           "caption", "tint"]


#: The model's knob table (:mod:`runmech.model.knobs`): one label, unit, range and legend per knob.
KNOBS = _knobs.KNOBS
MODEL_KNOBS = _knobs.MODEL_KNOBS


def fmt(x: float, digits: int = 1) -> str:
    """A number for a sentence: fixed digits, a true minus sign, no "-0.0".

    Examples
    --------
    >>> fmt(-0.04), fmt(2.345, 2), fmt(-3.0, 0)
    ('0.0', '2.35', '−3')
    """
    text = f"{float(x):.{digits}f}"
    if float(text) == 0.0:
        text = text.lstrip("-")
    return text.replace("-", "−")


def tint(colour: str, alpha: float) -> str:
    """A palette colour (``#RRGGBB``) made see-through, as ``rgba(r, g, b, alpha)``.

    Examples
    --------
    >>> tint("#0072B2", 0.12)
    'rgba(0, 114, 178, 0.12)'
    """
    c = colour.lstrip("#")
    r, g, b = (int(c[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha:g})"


def pace_words(speed_m_s: float) -> str:
    """Pace beside a speed slider, e.g. ``= 5:33 min/km · 8:56 min/mile``.

    Examples
    --------
    >>> pace_words(3.0)
    '= 5:33 min/km · 8:56 min/mile'
    """
    return (f"= {units.format_pace(units.pace_s_per_km(speed_m_s))} min/km · "
            f"{units.format_pace(units.pace_s_per_mile(speed_m_s))} min/mile")


def caption(text: str) -> w.HTML:
    """A small plain note under a figure that is *not* announced live (e.g. an animation frame).

    Examples
    --------
    >>> "schematic" in caption("schematic drawing").value
    True
    """
    box = w.HTML(_caption_html(text))
    box.add_class("runmech-caption")
    return box


def _caption_html(text: str) -> str:
    return f"<div style='color:#444;font-size:13px;margin:2px 0 8px'>{html.escape(text)}</div>"


def set_caption(box: w.HTML, text: str) -> None:
    """Replace the text of a :func:`caption`."""
    box.value = _caption_html(text)


# --------------------------------------------------------------------------------------------------------------
# the model, cached
# --------------------------------------------------------------------------------------------------------------

def _model():
    from runmech import model

    return model


@lru_cache(maxsize=4)
def _runner(mass_kg: float, height_m: float, sex: str):
    return _model().Runner(mass_kg=mass_kg, height_m=height_m, sex=sex)


def default_runner(mass_kg: float = 73.0, height_m: float = 1.74, sex: str = "male"):
    """The runner a panel uses unless told otherwise (built once and reused).

    Examples
    --------
    >>> default_runner().mass_kg
    73.0
    """
    return _runner(float(mass_kg), float(height_m), str(sex))


def _runner_key(runner) -> tuple:
    return (float(runner.mass_kg), float(runner.height_m), str(runner.sex))


@lru_cache(maxsize=512)
def _run_cached(runner_key: tuple, speed_m_s: float, knobs: tuple):
    return _model().simulate(_runner(*runner_key), speed_m_s=speed_m_s, **dict(knobs))


def run(runner, speed_m_s: float, **knobs: Any):
    """:func:`runmech.simulate` through a cache keyed on the runner and the knob values.

    Knobs left out take the model's defaults. Results are shared: do not modify the returned frames.

    Examples
    --------
    >>> sim = run(default_runner(), 3.0, arm_swing=1.0)
    >>> run(default_runner(), 3.0, arm_swing=1.0) is sim
    True
    """
    clean = tuple(sorted((k, v if v is None else float(v)) for k, v in knobs.items()))
    _runner(*_runner_key(runner))  # validates through the model's Runner (errors carry its message)
    return _run_cached(_runner_key(runner), float(speed_m_s), clean)


@lru_cache(maxsize=32)
def _sweep_cached(runner_key: tuple, speeds: tuple, knobs: tuple):
    return _model().sweep(_runner(*runner_key), speeds_m_s=list(speeds), **dict(knobs))


def run_sweep(runner, speeds_m_s: Iterable[float], **knobs: Any):
    """:func:`runmech.sweep` through a cache (used for curves against speed that are built once per panel).

    Examples
    --------
    >>> table = run_sweep(default_runner(), [2.5, 3.5])
    >>> len(table)
    2
    """
    speeds = tuple(float(s) for s in speeds_m_s)
    clean = tuple(sorted((k, v if v is None else float(v)) for k, v in knobs.items()))
    return _sweep_cached(_runner_key(runner), speeds, clean)


# --------------------------------------------------------------------------------------------------------------
# controls
# --------------------------------------------------------------------------------------------------------------

def _slider(name: str, values: dict):
    """A slider for one knob of the table, at its starting value (the typical one when none is given)."""
    k = KNOBS[name]
    lo, hi = k.slider_range
    value = values.get(name)
    if value is None:
        value = k.default if k.default is not None else lo
    return style.slider(k.label, value=float(value), min=lo, max=hi, step=k.step, readout_format=k.fmt)


class Controls:
    """The labelled controls of one panel, and the knob values they hold.

    Parameters
    ----------
    names : iterable of str
        Knobs to show, in order: any of :data:`KNOBS` (``"runner"`` adds mass, height and sex boxes).
    values : dict, optional
        Starting values (missing ones take :data:`KNOBS` defaults; ``cadence_spm=None`` means automatic).
    runner : Runner, optional
        The runner when no ``"runner"`` controls are shown.

    Examples
    --------
    >>> c = Controls(["speed_m_s", "arm_swing"], {"speed_m_s": 4.0})
    >>> c.knobs()
    {'arm_swing': 1.0}
    >>> c.speed()
    4.0
    >>> "min/km" in c.pace.value
    True
    """

    def __init__(self, names: Iterable[str], values: dict | None = None, runner=None):
        values = dict(values or {})
        self.names = list(names)
        self.widgets: dict[str, w.Widget] = {}
        self._rows: list[w.Widget] = []
        self._runner = runner
        self.pace = w.HTML("")
        self.mass_lb = w.HTML("")
        for name in self.names:
            if name == "runner":
                self._add_runner(values)
            elif name == "cadence_spm":
                self._add_cadence(values.get("cadence_spm"))
            elif name == "speed_m_s":
                s = _slider(name, values)
                self.widgets[name] = s
                self.pace.value = self._pace_html(s.value)
                s.observe(self._on_speed, names="value")
                self._rows.append(w.HBox([s, self.pace], layout=w.Layout(align_items="center", flex_flow="row wrap")))
            else:
                s = _slider(name, values)
                self.widgets[name] = s
                self._rows.append(s)
        self._fixed_speed = float(values.get("speed_m_s", KNOBS["speed_m_s"].default))
        self._fixed = {k: v for k, v in values.items() if k in MODEL_KNOBS and k not in self.widgets}
        self._sync_cadence()

    def _on_speed(self, change) -> None:
        self.pace.value = self._pace_html(change["new"])
        self._sync_cadence()

    def _sync_cadence(self, change=None) -> None:
        """On automatic, the cadence slider shows the cadence the model uses at the current speed."""
        auto = self.widgets.get("cadence_auto")
        if auto is not None and auto.value:
            s = self.widgets["cadence_spm"]
            lo, hi = s.min, s.max
            s.value = float(min(max(round(self_selected_cadence(self.speed())), lo), hi))

    @staticmethod
    def _pace_html(speed_m_s: float) -> str:
        return (f"<span class='runmech-pace' style='margin-left:10px;font-size:14px;color:#222'>"
                f"{html.escape(pace_words(speed_m_s))}</span>")

    def _add_cadence(self, value: float | None) -> None:
        auto = w.Checkbox(value=value is None, description="automatic cadence (typical for the speed)", indent=False,
                          layout=w.Layout(width="auto"))
        s = _slider("cadence_spm", {"cadence_spm": value})
        s.disabled = value is None
        auto.observe(lambda ch: setattr(s, "disabled", bool(ch["new"])), names="value")
        auto.observe(self._sync_cadence, names="value")
        self.widgets["cadence_spm"] = s
        self.widgets["cadence_auto"] = auto
        self._rows.append(w.HBox([s, auto], layout=w.Layout(align_items="center", flex_flow="row wrap")))

    def _add_runner(self, values: dict) -> None:
        style_ = {"description_width": "230px"}
        lay = w.Layout(width="100%", max_width="360px")
        mass = w.FloatText(value=float(values.get("mass_kg", KNOBS["mass_kg"].default)),
                           description=KNOBS["mass_kg"].label, step=0.5, style=style_, layout=lay)
        height = w.FloatText(value=float(values.get("height_m", KNOBS["height_m"].default)),
                             description=KNOBS["height_m"].label, step=0.01, style=style_, layout=lay)
        sex = w.Dropdown(options=[("female", "female"), ("male", "male")], value=values.get("sex", "male"),
                         description=_knobs.SEX_LABEL, style=style_, layout=lay)
        self.widgets.update(mass_kg=mass, height_m=height, sex=sex)
        self.mass_lb.value = self._lb_html(mass.value)
        mass.observe(lambda ch: setattr(self.mass_lb, "value", self._lb_html(ch["new"])), names="value")
        self._rows += [w.HBox([mass, self.mass_lb], layout=w.Layout(align_items="center")), height, sex]

    @staticmethod
    def _lb_html(mass_kg: float) -> str:
        try:
            lb = units.kg_to_lb(mass_kg)
        except (TypeError, ValueError):
            return ""
        return f"<span style='margin-left:10px'>= {lb:.0f} lb</span>"

    # -- values --------------------------------------------------------------------------------------------------
    def speed(self) -> float:
        """Speed in m/s (the slider's, or the fixed starting value when the panel has no speed slider)."""
        s = self.widgets.get("speed_m_s")
        return float(s.value) if s is not None else self._fixed_speed

    def knobs(self) -> dict:
        """Model knobs (keyword arguments of :func:`runmech.simulate` other than speed)."""
        out = dict(self._fixed)
        for name in MODEL_KNOBS:
            if name == "cadence_spm" and "cadence_spm" in self.widgets:
                out[name] = None if self.widgets["cadence_auto"].value else float(self.widgets[name].value)
            elif name in self.widgets:
                out[name] = float(self.widgets[name].value)
        return out

    def runner(self):
        """The runner: from the mass/height/sex boxes if shown, else the one given (or the default runner)."""
        if "mass_kg" in self.widgets:
            return _model().Runner(mass_kg=self.widgets["mass_kg"].value, height_m=self.widgets["height_m"].value,
                                   sex=self.widgets["sex"].value)
        return self._runner if self._runner is not None else default_runner()

    def simulate(self):
        """One (cached) model run with the current values."""
        return run(self.runner(), self.speed(), **self.knobs())

    def observe(self, callback: Callable[..., Any]) -> None:
        """Call ``callback(change)`` whenever any control changes what the model is given.

        The cadence slider follows the speed while on automatic; those moves change nothing the model is given, so
        they call nobody.
        """
        auto = self.widgets.get("cadence_auto")
        for name, wid in self.widgets.items():
            if name == "cadence_spm" and auto is not None:
                wid.observe(lambda ch: None if auto.value else callback(ch), names="value")
            else:
                wid.observe(callback, names="value")

    def box(self) -> w.VBox:
        """The controls stacked in one box."""
        return w.VBox(self._rows)

    def __getitem__(self, name: str) -> w.Widget:
        return self.widgets[name]


@dataclass
class Parts:
    """Handles on the pieces of a panel (attached as ``panel.parts``).

    Examples
    --------
    >>> p = Parts()
    >>> p.figures, p.texts
    ([], [])
    """

    controls: Controls | None = None
    figures: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    message: w.HTML | None = None
    update: Callable[..., Any] | None = None
    extra: dict = field(default_factory=dict)

    def text(self, i: int = 0) -> str:
        """Plain text of the ``i``-th live summary (tags stripped)."""
        import re

        return html.unescape(re.sub(r"<[^>]+>", " ", self.texts[i].value)).strip()


def finish(parts: Parts, *children: w.Widget) -> w.VBox:
    """Wrap children in :func:`style.panel`, attach ``parts`` and hook the controls to the update."""
    box = style.panel(*children)
    box.parts = parts  # type: ignore[attr-defined]
    if parts.controls is not None and parts.update is not None:
        parts.controls.observe(parts.update)
    return box


def set_xy(trace, x, y) -> None:
    """Update a trace's data, sending x and y only when they changed (a stride-percent axis never does, and the
    "normal settings" reference lines rarely do)."""
    for name, new in (("x", x), ("y", y)):
        value = np.asarray(new)
        old = getattr(trace, name)
        if old is None or len(old) != len(value) or not np.array_equal(np.asarray(old), value):
            setattr(trace, name, value)


def set_shapes(fig, shapes: list[dict]) -> None:
    """Replace a figure's layout shapes only when they changed (validating shapes is slow in plotly)."""
    sig = repr(shapes)
    if getattr(fig, "_runmech_shapes", None) != sig:
        fig.layout.shapes = shapes
        fig._runmech_shapes = sig


def stance_segments(flags: np.ndarray, x: np.ndarray) -> list[tuple[float, float]]:
    """Start and end of each run of ``True`` in ``flags`` (x values), for shading stance phases."""
    flags = np.asarray(flags, dtype=bool)
    segs = []
    start = None
    for xi, f in zip(x, flags):
        if f and start is None:
            start = xi
        if not f and start is not None:
            segs.append((float(start), float(xi)))
            start = None
    if start is not None:
        segs.append((float(start), float(x[-1])))
    return segs


def stance_shapes(cycle, *, sides: tuple[str, ...] = ("right", "left")) -> list[dict]:
    """Thin bars along the bottom of a stride plot showing when each foot is on the ground (layout shapes)."""
    shapes = []
    x = cycle.index.to_numpy(dtype=float)
    for i, side in enumerate(sides):
        col = f"stance_{side}"
        if col not in cycle:
            continue
        for a, b in stance_segments(cycle[col].to_numpy(), x):
            shapes.append(dict(type="rect", xref="x", yref="paper", x0=a, x1=b, y0=0.0 + 0.035 * i,
                               y1=0.03 + 0.035 * i, fillcolor=style.PALETTE[side], opacity=0.55, line=dict(width=0),
                               layer="above"))
    return shapes


def stance_words(cycle) -> str:
    """When each foot is on the ground, in words (percent of the stride)."""
    x = cycle.index.to_numpy(dtype=float)
    parts = []
    for side in ("right", "left"):
        col = f"stance_{side}"
        if col in cycle:
            segs = stance_segments(cycle[col].to_numpy(), x)
            if segs:
                parts.append(f"{side} foot on the ground " + " and ".join(f"{a:.0f}–{b:.0f} %" for a, b in segs))
    return "; ".join(parts)


# --------------------------------------------------------------------------------------------------------------
# views: one figure + one live summary, updated together from one model run
# --------------------------------------------------------------------------------------------------------------

class View:
    """One figure and its live summary. Subclasses define :meth:`traces`, :meth:`refresh` and :meth:`describe`.

    ``traces(sim, controls)`` returns the plotly traces of the first drawing; ``refresh(fig, sim, controls)`` changes
    trace data in place (it runs inside ``fig.batch_update()``); ``describe(sim, controls)`` returns the plain
    sentences shown under the figure.
    """

    title = ""
    xaxis_title = ""
    yaxis_title = ""
    height = 320
    layout: dict = {}

    def __init__(self) -> None:
        # each view owns its layout: traces() may replace it without touching the class default
        self.layout = dict(type(self).layout)

    def traces(self, sim, controls: Controls) -> list:  # pragma: no cover - abstract
        raise NotImplementedError

    def refresh(self, fig, sim, controls: Controls) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self, sim, controls: Controls) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def build(self, sim, controls: Controls):
        traces = self.traces(sim, controls)
        layout = dict(self.layout)
        if sum(1 for t in traces if t.showlegend is not False) > 4:  # a long legend goes beside the plot
            layout.setdefault("legend", dict(orientation="v", x=1.01, xanchor="left", y=1.0, yanchor="top"))
            layout.setdefault("margin", dict(l=64, r=210, t=48, b=52))
        fig = style.figure(traces, title=self.title, xaxis_title=self.xaxis_title, yaxis_title=self.yaxis_title,
                           height=self.height, **layout)
        return fig, style.live_text(self.describe(sim, controls))


def view_panel(title: str, controls: Controls, views: list[View], *, intro: str = "",
               extra_children: tuple = ()) -> w.VBox:
    """A panel: heading, optional intro, controls, message box, then each view's figure and live summary.

    One model run per control change feeds every view; a bad value shows a message and keeps the last good state.
    """
    msg = style.message_box()
    sim = controls.simulate()
    figs, texts = [], []
    children: list[w.Widget] = [style.heading(title)]
    if intro:
        children.append(w.HTML(f"<p style='margin:2px 0 8px'>{html.escape(intro)}</p>"))
    children += [controls.box(), msg]
    for v in views:
        fig, text = v.build(sim, controls)
        figs.append(fig)
        texts.append(text)
        children += [fig, text]
    children += list(extra_children)

    @style.guarded(msg)
    def update(change=None):
        s = controls.simulate()
        new_texts = [v.describe(s, controls) for v in views]  # compute everything before touching the screen
        for v, fig in zip(views, figs):
            with fig.batch_update():
                v.refresh(fig, s, controls)
        for t, txt in zip(texts, new_texts):
            style.set_live_text(t, txt)

    parts = Parts(controls=controls, figures=figs, texts=texts, message=msg, update=update)
    return finish(parts, *children)


def peak_at(series) -> tuple[float, float]:
    """Largest value of a Series and the index where it happens."""
    i = int(np.nanargmax(series.to_numpy()))
    return float(series.iloc[i]), float(series.index[i])


def half_range(series) -> float:
    """Half the peak-to-peak range of a Series (the ± amplitude)."""
    v = series.to_numpy(dtype=float)
    return float((np.nanmax(v) - np.nanmin(v)) / 2.0)


def arm_words(arm_swing: float) -> str:
    """Arm swing in words.

    Examples
    --------
    >>> arm_words(0.0), arm_words(1.0), arm_words(1.5)
    ('arms held still', 'normal arm swing', 'arm swing 1.50 times normal')
    """
    if arm_swing == 0:
        return "arms held still"
    if abs(arm_swing - 1.0) < 1e-9:
        return "normal arm swing"
    return f"arm swing {arm_swing:.2f} times normal"


def speed_words(speed_m_s: float) -> str:
    """Speed with both paces, for the start of a summary.

    Examples
    --------
    >>> speed_words(3.0)
    '3.0 m/s (5:33 min/km, 8:56 min/mile)'
    """
    return units.describe_speed(speed_m_s)


def cadence_words(sim, controls: Controls) -> str:
    """Cadence in words, saying whether it is the model's self-selected one or the user's choice."""
    auto = controls.knobs().get("cadence_spm") is None
    return f"{fmt(sim.summary['cadence_spm'], 0)} steps per minute" + (" (automatic)" if auto else " (your choice)")
