"""Shared plumbing for the region panels: labelled knobs, a cached model call, views, animations and screens.

The region modules (:mod:`runmech.ui.torso`, :mod:`runmech.ui.hips`, :mod:`runmech.ui.lower_leg`) build their
panels from these pieces so that every knob has the same label, unit and range wherever it appears.

- :data:`KNOBS`, :class:`Controls`, :func:`run`, :func:`run_sweep` and :func:`legend` come from
  :mod:`runmech.ui.controls` (the knob table on screen: sliders, a cached model call, generated legends); the
  sentence helpers (:func:`fmt`, :func:`speed_words`, ...) from :mod:`runmech.ui.words`. Both are re-exported here.
- :class:`View` is one figure and its live sentence; :class:`MirrorView` and :class:`BarsView` are the right-against-
  left views; :class:`AnimatedPanel` plays one stride as a drawing beside the same stride as curves.
- :func:`runmech.ui.dashboard.screens` puts panels on a few screens (one idea each) with a switch between the
  therapist's words and the client's; panels built for it show one view at a time (:data:`style.ONE_VIEW`).
- :class:`Parts` is attached to every panel as ``panel.parts`` so tests (and curious users) can reach the controls,
  figures and summaries without walking the widget tree.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as w
import numpy as np

from runmech._validate import check_choice, check_int, check_text
from runmech.ui import style
from runmech.ui.controls import (  # noqa: F401 - re-exported: panels import them from here
    KNOBS,
    MODEL_KNOBS,
    Controls,
    _run_cached,
    _sweep_cached,
    default_runner,
    legend,
    run,
    run_sweep,
)
from runmech.ui._ranges import hold_ranges, initial_ranges
from runmech.ui.style import ONE_VIEW as _ONE_VIEW
from runmech.ui.style import screen_figure_width as _figure_width
from runmech.ui.words import (  # noqa: F401 - re-exported
    CLIENT,
    THERAPIST,
    WORDS,
    arm_words,
    cadence_words,
    fmt,
    pace_words,
    speed_words,
)

__all__ = ["KNOBS", "Controls", "Parts", "View", "MirrorView", "BarsView", "AnimatedPanel", "run", "run_sweep",
           "default_runner", "legend", "pace_words", "fmt", "caption", "tint", "arm_words",
           "speed_words", "cadence_words", "STRIDE_X"]

tint = style.tint
#: x axis of every plot over one stride.
STRIDE_X = "position in the stride (percent; right foot strikes at 0)"


def caption(text: str) -> w.HTML:
    """A small plain note under a figure that is *not* announced live (e.g. an animation frame).

    Examples
    --------
    >>> "schematic" in caption("schematic drawing").value
    True
    """
    box = w.HTML(_caption_html(check_text("text", text, max_chars=1000)))
    box.add_class("runmech-caption")
    return box


def _caption_html(text: str) -> str:
    return f"<div style='color:#444;font-size:13px;margin:2px 0 8px'>{html.escape(text)}</div>"


def set_caption(box: w.HTML, text: str) -> None:
    """Replace the text of a :func:`caption`."""
    box.value = _caption_html(text)


@dataclass
class Parts:
    """Handles on the pieces of a panel (attached as ``panel.parts``).

    ``words`` says who the live sentences are written for (``"therapist"`` or ``"client"``); :meth:`set_words`
    rewrites them from the last good model run, without running the model or redrawing a plot.

    Examples
    --------
    >>> p = Parts()
    >>> p.figures, p.texts, p.words
    ([], [], 'therapist')
    """

    controls: Controls | None = None
    figures: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    message: w.HTML | None = None
    update: Callable[..., Any] | None = None
    extra: dict = field(default_factory=dict)
    words: str = THERAPIST
    rewrite: Callable[[], None] | None = None

    def text(self, i: int = 0) -> str:
        """Plain text of the ``i``-th live summary (tags stripped)."""
        import re

        i = check_int("i", i, low=0, high=len(self.texts) - 1)
        return html.unescape(re.sub(r"<[^>]+>", " ", self.texts[i].value)).strip()

    def set_words(self, words: str) -> None:
        """Write the live sentences for the therapist or for the client."""
        self.words = check_choice("words", words, WORDS)
        if self.rewrite is not None:
            self.rewrite()


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
    """Start and end of each run of ``True`` in ``flags`` (x values), for shading stance phases.

    Examples
    --------
    >>> stance_segments(np.array([1, 1, 0, 0, 1]), np.arange(5.0))
    [(0.0, 2.0), (4.0, 4.0)]
    """
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


# --------------------------------------------------------------------------------------------------------------
# views: one figure + one live summary, updated together from one model run
# --------------------------------------------------------------------------------------------------------------

class View:
    """One figure and its live summary. Subclasses define :meth:`traces`, :meth:`refresh` and :meth:`describe`.

    ``traces(sim, controls)`` returns the plotly traces of the first drawing; ``refresh(fig, sim, controls)`` changes
    trace data in place (it runs inside ``fig.batch_update()``); ``describe(sim, controls)`` returns the plain
    sentences shown under the figure, in the therapist's words; ``plain(sim, controls)`` says the same for the
    client, in everyday words (by default the therapist's sentence).

    Examples
    --------
    >>> class Speed(View):
    ...     title, yaxis_title = "speed", "speed (metres per second)"
    ...     def traces(self, sim, ctl):
    ...         return [style.line([0, 1], [ctl.speed()] * 2, "speed", "blue")]
    ...     def refresh(self, fig, sim, ctl):
    ...         set_xy(fig.data[0], [0, 1], [ctl.speed()] * 2)
    ...     def describe(self, sim, ctl):
    ...         return f"At {speed_words(ctl.speed())}."
    >>> p = view_panel("Speed", Controls(["speed_m_s"]), [Speed()])
    >>> p.parts.controls["speed_m_s"].value = 4.0
    >>> p.parts.text(0), p.parts.figures[0].data[0].y.tolist()
    ('At 4.0 m/s (4:10 min/km, 6:42 min/mile).', [4.0, 4.0])
    """

    title = ""
    tab = ""  #: a short name for the "show" switch of a screen (the title when empty)
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

    def plain(self, sim, controls: Controls) -> str:
        return self.describe(sim, controls)

    def words(self, sim, controls: Controls, who: str) -> str:
        """The live sentence for ``who`` (``"therapist"`` or ``"client"``)."""
        return self.plain(sim, controls) if who == CLIENT else self.describe(sim, controls)

    def build(self, sim, controls: Controls):
        traces = self.traces(sim, controls)
        layout = dict(self.layout)
        steady = initial_ranges(traces, layout)  # y axes that keep their range while the data fits (ui._ranges)
        for name, value in steady.items():
            layout[name] = {**(layout.get(name) or {}), **value}
        fig = style.figure(traces, title=self.title, xaxis_title=self.xaxis_title, yaxis_title=self.yaxis_title,
                           height=self.height, width=_figure_width(), **layout)
        fig._runmech_steady = tuple(steady)
        return fig, style.live_text(self.describe(sim, controls))

    def redraw(self, fig, sim, controls: Controls) -> None:
        """Bring ``fig`` up to date with ``sim``: one message to the browser, axes held while the data fits."""
        with fig.batch_update():
            self.refresh(fig, sim, controls)
            hold_ranges(fig)


def view_panel(title: str, controls: Controls, views: list[View], *, intro: str = "",
               extra_children: tuple = ()) -> w.VBox:
    """A panel: heading, optional intro, controls, message box, then each view's figure and live summary.

    One model run per control change feeds every view; a bad value shows a message and keeps the last good state.
    Built by :func:`screens`, a panel of several views shows one at a time under a "show" switch: a moved control
    redraws the figure in sight (every sentence is rewritten), and a view's figure catches up when it is shown.
    """
    msg = style.message_box()
    state = {"sim": controls.simulate()}
    figs, texts = [], []
    children: list[w.Widget] = [style.heading(title)]
    if intro:
        children.append(w.HTML(f"<p style='margin:2px 0 8px'>{html.escape(intro)}</p>"))
    children += [controls.box(), msg]
    for v in views:
        fig, text = v.build(state["sim"], controls)
        figs.append(fig)
        texts.append(text)
    one_at_a_time = _ONE_VIEW.get() and len(views) > 1
    stale: set[int] = set()
    extra: dict = {}
    if one_at_a_time:
        from runmech.ui.controls import UI_CONTROLS

        pick = w.ToggleButtons(options=[v.tab or v.title for v in views], index=0,
                               description=UI_CONTROLS["view"][0], style={"button_width": "auto"})
        pick.add_class("runmech-view")
        stack = w.Stack([w.VBox([f, t]) for f, t in zip(figs, texts)], selected_index=0,
                        layout=w.Layout(width="100%"))

        @style.guarded(msg)
        def show(change):
            i = int(change["new"])
            if i in stale:  # bring the figure up to date before it is drawn
                views[i].redraw(figs[i], state["sim"], controls)
                stale.discard(i)
            stack.selected_index = i

        pick.observe(show, names="index")
        children += [pick, stack]
        extra = {"view": pick, "stack": stack}
    else:
        for f, t in zip(figs, texts):
            children += [f, t]
    children += list(extra_children)

    def in_sight() -> set[int]:
        return {extra["stack"].selected_index} if one_at_a_time else set(range(len(views)))

    def redraw(sim, shown) -> None:
        for i in shown:
            views[i].redraw(figs[i], sim, controls)

    @style.guarded(msg)
    def update(change=None):
        s = controls.simulate()  # bad input stops here, before anything on screen changes
        last, state["sim"] = state["sim"], s
        shown = in_sight()
        stale.update(set(range(len(views))) - shown)
        try:  # the plot in sight first (its message leaves before the sentences are written), then the sentences
            redraw(s, shown)
            new_texts = [v.words(s, controls, parts.words) for v in views]
        except Exception:
            state["sim"] = last  # keep the last good state: plots and sentences from the same model run
            redraw(last, shown)
            raise
        for t, txt in zip(texts, new_texts):
            style.set_live_text(t, txt)

    def rewrite():
        for v, t in zip(views, texts):
            style.set_live_text(t, v.words(state["sim"], controls, parts.words))

    parts = Parts(controls=controls, figures=figs, texts=texts, message=msg, update=update, rewrite=rewrite,
                  extra=extra)
    return finish(parts, *children)


def half_range(series) -> float:
    """Half the peak-to-peak range of a Series (the ± amplitude).

    Examples
    --------
    >>> import pandas as pd
    >>> half_range(pd.Series([-2.0, 1.0, 4.0]))
    3.0
    """
    v = series.to_numpy(dtype=float)
    return float((np.nanmax(v) - np.nanmin(v)) / 2.0)


class MirrorView(View):
    """Right against left in one plot, each side from its own foot strike: matching sides draw one line.

    ``right`` and ``left`` are ``(column, start_pct, sign)``: the cycle column, where in the stride that side's part
    starts, and the sign that mirrors it (-1 turns a leftward turn into a rightward one). Each line covers
    ``span_pct`` of the stride after its start.

    Examples
    --------
    >>> class Hips(MirrorView):
    ...     right, left = ("hip_angle_right_deg", 0.0, 1.0), ("hip_angle_left_deg", 50.0, 1.0)
    ...     def describe(self, sim, ctl):
    ...         return "hips"
    >>> ctl = Controls(["speed_m_s"])
    >>> (xr, yr), (xl, yl) = Hips().lines(ctl.simulate())
    >>> float(xr[0]), float(xr[-1]), bool(np.allclose(yr[:100], yl[:100], atol=1e-6))  # a symmetric runner
    (0.0, 100.0, True)
    """

    right: tuple = ("", 0.0, 1.0)
    left: tuple = ("", 50.0, 1.0)
    span_pct = 100.0
    names = ("right", "left")

    def side(self, cycle, column: str, start_pct: float, sign: float):
        """(percent after this side's start, values) of one side, in order."""
        x = cycle.index.to_numpy(dtype=float)
        rel = np.round(np.where(x < start_pct, x - start_pct + 100.0, x - start_pct), 9)
        keep = rel <= self.span_pct + 1e-9
        rel, idx = np.unique(rel[keep], return_index=True)
        return rel, sign * cycle[column].to_numpy(dtype=float)[keep][idx]

    def lines(self, sim):
        return self.side(sim.cycle, *self.right), self.side(sim.cycle, *self.left)

    def traces(self, sim, ctl):
        (xr, yr), (xl, yl) = self.lines(sim)
        return [style.line(xr, yr, self.names[0], "right"), style.line(xl, yl, self.names[1], "left", dash="dash")]

    def refresh(self, fig, sim, ctl):
        for trace, (x, y) in zip(fig.data, self.lines(sim)):
            set_xy(trace, x, y)


class BarsView(View):
    """Right against left as pairs of bars; subclasses give :meth:`pairs` (names, right values, left values).

    Examples
    --------
    >>> class Force(BarsView):
    ...     def pairs(self, sim):
    ...         c = sim.cycle
    ...         return ["peak force"], [float(c.vgrf_right_bw.max())], [float(c.vgrf_left_bw.max())]
    ...     def describe(self, sim, ctl):
    ...         return "force"
    >>> p = view_panel("Force", Controls(["speed_m_s"]), [Force()])
    >>> [t.name for t in p.parts.figures[0].data]
    ['right', 'left']
    """

    xaxis_title = ""
    height = 300
    layout = dict(barmode="group", hovermode="closest")

    def pairs(self, sim) -> tuple[list[str], list[float], list[float]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def traces(self, sim, ctl):
        import plotly.graph_objects as go

        names, right, left = self.pairs(sim)
        return [go.Bar(x=names, y=right, name="right", marker_color=style.PALETTE["right"]),
                go.Bar(x=names, y=left, name="left", marker_color=style.PALETTE["left"])]

    def refresh(self, fig, sim, ctl):
        names, right, left = self.pairs(sim)
        set_xy(fig.data[0], names, right)
        set_xy(fig.data[1], names, left)


# --------------------------------------------------------------------------------------------------------------
# one stride played as a drawing, beside the same stride as curves
# --------------------------------------------------------------------------------------------------------------

class AnimatedPanel:
    """One stride played as a schematic drawing, beside the same stride as curves with a marker at the moment shown.

    This class owns what both animations share: the play button and the frame slider (linked in the browser), the
    caption of the frame, the live sentence, one model run per control change, and the rule that a bad value keeps
    the last good picture. A subclass says what to draw:

    - ``heading``, ``drawing_title``, ``curves_title``, ``curves_yaxis`` and ``curves``, a tuple of
      ``(cycle column, name, palette colour, dash)`` for the curves under the drawing;
    - ``prepare(sim)`` (work done once per model run), ``drawing(sim)`` (traces and layout of the drawing at frame
      0), ``pose(i)`` (x and y of each trace listed in ``moving`` at frame ``i``), ``frame_words(i)`` (the
      caption) and ``describe(sim)`` (the live sentence; ``plain(sim)`` for the client).

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> class Dot(AnimatedPanel):
    ...     curves = (("thorax_angle_deg", "thorax", "thorax", "solid"),)
    ...     moving = (0,)
    ...     def drawing(self, sim):
    ...         return [go.Scatter(x=[0.0], y=[0.0])], {}
    ...     def pose(self, i):
    ...         return [([0.0], [float(self.row(i)["thorax_angle_deg"])])]
    ...     def frame_words(self, i):
    ...         return f"frame {i} %"
    ...     def describe(self, sim):
    ...         return "one stride"
    >>> p = Dot(Controls(["speed_m_s"])).panel()
    >>> p.parts.extra["frame"].value = 30
    >>> p.parts.extra["caption"].value.count("frame 30 %")
    1
    """

    heading = ""
    drawing_title = ""
    curves_title = ""
    curves_yaxis = ""
    curves: tuple = ()
    moving: tuple[int, ...] = ()

    def __init__(self, controls: Controls, *, interval_ms: int = 80):
        self.controls = controls
        self.interval_ms = check_int("interval_ms", interval_ms, low=10, high=10000, unit="ms")
        self.sim = controls.simulate()
        self.prepare(self.sim)

    # -- what a subclass fills in ------------------------------------------------------------------------------
    def prepare(self, sim) -> None:
        self.sim = sim

    def drawing(self, sim) -> tuple[list, dict]:  # pragma: no cover - abstract
        raise NotImplementedError

    def pose(self, i: int) -> list[tuple]:  # pragma: no cover - abstract
        raise NotImplementedError

    def frame_words(self, i: int) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self, sim) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def plain(self, sim) -> str:
        return self.describe(sim)

    # -- shared ------------------------------------------------------------------------------------------------
    def row(self, i: int):
        """The cycle row shown at frame ``i`` (frames are percent of the stride)."""
        c = self.sim.cycle
        return c.iloc[int(np.clip(i, 0, len(c) - 1))]

    def _cursor(self, i: int):
        r = self.row(i)
        x = float(r.name)
        return [x] * len(self.curves), [float(r[col]) for col, *_ in self.curves]

    def panel(self) -> w.VBox:
        import plotly.graph_objects as go

        ctl = self.controls
        msg = style.message_box()
        play = w.Play(value=0, min=0, max=100, step=2, interval=self.interval_ms, repeat=True,
                      description="play or pause the stride")
        frame = style.int_slider("position in the stride (percent)", value=0, min=0, max=100)
        w.jslink((play, "value"), (frame, "value"))
        traces, layout = self.drawing(self.sim)
        fig = style.figure(traces, title=self.drawing_title, height=460, width=_figure_width(), hovermode=False,
                           **layout)
        c = self.sim.cycle
        lines = [style.line(c.index, c[col], name, colour, dash=dash) for col, name, colour, dash in self.curves]
        cx, cy = self._cursor(0)
        colours = [style.PALETTE[colour] for _c, _n, colour, _d in self.curves]
        lines.append(go.Scatter(x=cx, y=cy, mode="markers", name="now",
                                marker=dict(size=13, color=colours, line=dict(color=style.PALETTE["black"],
                                                                              width=1.5))))
        fig2 = style.figure(lines, title=self.curves_title, xaxis_title=STRIDE_X, yaxis_title=self.curves_yaxis,
                            height=300, width=_figure_width(), shapes=stance_shapes(c))
        cap = caption("")
        text = style.live_text("")

        def draw(i, lines: bool = False):
            """Move the drawing to frame ``i``; with ``lines`` also redraw the curves (one message per figure)."""
            with fig.batch_update():
                for k, (x, y) in zip(self.moving, self.pose(i)):
                    set_xy(fig.data[k], x, y)
            with fig2.batch_update():
                if lines:
                    cc = self.sim.cycle
                    for k, (col, *_rest) in enumerate(self.curves):
                        set_xy(fig2.data[k], cc.index, cc[col])
                    set_shapes(fig2, stance_shapes(cc))
                set_xy(fig2.data[len(self.curves)], *self._cursor(i))
            set_caption(cap, self.frame_words(i))

        def words(sim) -> str:
            return self.plain(sim) if parts.words == CLIENT else self.describe(sim)

        @style.guarded(msg)
        def on_knob(change=None):
            sim = ctl.simulate()
            sentence = words(sim)  # everything that can fail runs before the screen changes
            self.prepare(sim)
            draw(frame.value, lines=True)
            style.set_live_text(text, sentence)

        @style.guarded(msg)
        def on_frame(change):
            draw(change["new"])

        frame.observe(on_frame, names="value")
        parts = Parts(controls=ctl, figures=[fig, fig2], texts=[text], message=msg, update=on_knob,
                      extra={"play": play, "frame": frame, "caption": cap},
                      rewrite=lambda: style.set_live_text(text, words(self.sim)))
        draw(0)
        style.set_live_text(text, self.describe(self.sim))
        return finish(parts, style.heading(self.heading), ctl.box(),
                      w.HBox([play, frame], layout=w.Layout(align_items="center")), msg, fig, cap, fig2, text)
