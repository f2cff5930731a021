"""Steady y axes: an axis keeps its range while the data still fits it well, so a slider step redraws the curves only.

Plotly measures the box of every tick label whose text or place changed, on every redraw (to make room for the
labels). With the axis fitted to the data anew at each step (plotly's autorange) every label moves every time, and
measuring them was nearly a third of a redraw. Here a y axis is fitted with a little more room than plotly leaves
(:data:`HEADROOM` beyond plotly's :data:`PAD`) and keeps its range for as long as all the data lies inside with
plotly's room to spare and still fills most of the axis; otherwise it is fitted again. Nothing is ever cut off: every
point of every trace on the axis is inside its range after each update. The ends are not rounded: an end on a tick
would put half a tick label outside the plot area, and plotly would move the margins (and redraw twice) whenever
the range changed.

:func:`initial_ranges` gives the ranges a figure is built with; :func:`hold_ranges`, called inside
``fig.batch_update()`` after the traces have their new data, keeps or refits them in the same message to the browser.
Only axes that plotly would fit from scatter traces alone are handled (no bars, error bars or text, no range set by
the panel); the others keep plotly's autorange.
"""

from __future__ import annotations

import math

import numpy as np

from runmech._validate import check_real

# Private plumbing of runmech.ui.base (the View figures); the examples below run in tests/unit/test_ui_ranges.py.
__all__ = ["steady_range", "initial_ranges", "hold_ranges"]

#: Room left free at each end of the axis, as a fraction of its length (about what plotly's own autorange leaves).
PAD = 0.05
#: Extra room a fresh fit leaves at each end, as a fraction of the axis, so the data can grow a little before the
#: axis must move; none beyond a sliver at an end where the data stops at zero (zero is usually a bound).
HEADROOM = 0.06
_SLIVER = 0.01
#: The data must span at least this fraction of the axis, or the axis is fitted again (so a curve never shrinks
#: to a sliver after the slider has gone back).
FILL = 0.6


def steady_range(lo: float, hi: float, current=None, *, rangemode: str = "normal") -> tuple[float, float]:
    """The range of an axis showing data from ``lo`` to ``hi``: ``current`` if it still suits, else a fresh fit.

    ``current`` suits when the data lies inside it with at least :data:`PAD` of the axis free at each end and spans
    at least :data:`FILL` of it. A fresh fit leaves :data:`PAD` plus :data:`HEADROOM` of the axis free at each end.
    ``rangemode`` is plotly's: ``"tozero"`` keeps zero in view, ``"nonnegative"`` keeps the axis from going below
    zero when the data does not.

    Examples
    --------
    >>> steady_range(-11.0, 67.0)  # 11 % of the axis free at each end
    (-22.0, 78.0)
    >>> steady_range(-10.0, 70.0, current=(-22.0, 78.0))  # still fits: kept
    (-22.0, 78.0)
    >>> steady_range(-10.0, 76.0, current=(-22.0, 78.0))  # leaves it: fitted again
    (-22.128205128, 88.128205128)
    >>> steady_range(0.0, 8.3)  # data that stops at zero gets only plotly's room below it
    (-0.6, 9.4)
    """
    lo = check_real("lo", lo)
    hi = check_real("hi", hi, low=lo)
    if rangemode == "tozero":
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    span = hi - lo
    if span <= 0:
        span = abs(hi) if hi else 1.0
    floor = rangemode == "nonnegative" and lo >= 0
    if current is not None:
        c_lo, c_hi = (float(v) for v in current)
        length = c_hi - c_lo
        need_lo = max(0.0, lo - PAD * length) if floor else lo - PAD * length
        if length > 0 and c_lo <= need_lo and hi + PAD * length <= c_hi and span >= FILL * length:
            return c_lo, c_hi
    below = PAD + (_SLIVER if lo == 0 else HEADROOM)
    above = PAD + (_SLIVER if hi == 0 else HEADROOM)
    length = span / (1.0 - below - above)
    new_lo = max(0.0, lo - below * length) if floor else lo - below * length
    return float(round(new_lo, 9)), float(round(hi + above * length, 9))


def _get(obj, name, default=None):
    """A property of a trace or layout given as a plotly object or a dict."""
    if obj is None:
        return default
    value = obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)
    return default if value is None else value


def _axis_name(trace) -> str:
    ref = _get(trace, "yaxis", "y")
    return "yaxis" + ref[1:]


def _steady_axes(traces, layout) -> dict[str, list[int]]:
    """Axis names this module may hold, each with the indexes of its traces (scatter lines and markers only)."""
    axes: dict[str, list[int]] = {}
    bad: set[str] = set()
    for i, t in enumerate(traces):
        name = _axis_name(t)
        axes.setdefault(name, []).append(i)
        mode = str(_get(t, "mode", "lines"))
        err = _get(t, "error_y")
        has_err = err is not None and _get(err, "visible", _get(err, "array") is not None) is True
        if _get(t, "type", "scatter") != "scatter" or "text" in mode or has_err:
            bad.add(name)
    for name in list(axes):
        ax = _get(layout, name) or {}
        if (_get(ax, "range") is not None or _get(ax, "autorange") is not None or _get(ax, "type", "-") not in
                ("-", "linear") or _get(ax, "scaleanchor") is not None or _get(ax, "matches") is not None):
            bad.add(name)
    return {k: v for k, v in axes.items() if k not in bad}


def _extent(values) -> tuple[float, float] | None:
    lo, hi = math.inf, -math.inf
    for v in values:
        if v is None:
            continue
        a = np.asarray(v, dtype=float).ravel()
        a = a[np.isfinite(a)]
        if a.size:
            lo, hi = min(lo, float(a.min())), max(hi, float(a.max()))
    return (lo, hi) if lo <= hi else None


def _fill_zero(trace) -> bool:
    return _get(trace, "fill") == "tozeroy"


def initial_ranges(traces, layout: dict | None = None) -> dict:
    """Layout entries that give each steady y axis of a figure about to be built its first range.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> initial_ranges([go.Scatter(x=[0, 100], y=[-11.0, 67.0])])
    {'yaxis': {'range': [-22.0, 78.0], 'autorange': False}}
    >>> initial_ranges([go.Bar(x=["a"], y=[2.0])])  # bars keep plotly's autorange
    {}
    """
    layout = layout or {}
    out = {}
    for name, idx in _steady_axes(traces, layout).items():
        ext = _extent([_get(traces[i], "y") for i in idx] + [[0.0] for i in idx if _fill_zero(traces[i])])
        if ext is None:
            continue
        mode = _get(_get(layout, name) or {}, "rangemode", "normal")
        out[name] = {"range": list(steady_range(*ext, rangemode=mode)), "autorange": False}
    return out


def hold_ranges(fig) -> None:
    """Inside ``fig.batch_update()``, after the traces' new data is set: keep or refit each steady y axis's range.

    The axes are those :func:`initial_ranges` gave a range when the figure was built (remembered on the figure by
    :meth:`runmech.ui.base.View.build`); a range the user zoomed to is kept while the data still suits it.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> fig = go.FigureWidget(data=[go.Scatter(x=[0, 1], y=[0.0, 10.0])], layout=dict(yaxis=dict(range=[-1, 11])))
    >>> fig._runmech_steady = ("yaxis",)
    >>> with fig.batch_update():
    ...     fig.data[0].y = [0.0, 16.6]
    ...     hold_ranges(fig)
    >>> fig.layout.yaxis.range
    (-1.2, 18.8)
    """
    names = getattr(fig, "_runmech_steady", ())
    if not names:
        return
    edits = getattr(fig, "_batch_trace_edits", None)
    if edits is None or not getattr(fig, "_in_batch_mode", False):
        raise RuntimeError("hold_ranges must be called inside fig.batch_update(), after the traces are updated")
    for name in names:
        values = []
        for i, t in enumerate(fig.data):
            if _axis_name(t) != name:
                continue
            values.append(edits.get(i, {}).get("y", t.y))
            if _fill_zero(t):
                values.append([0.0])
        ext = _extent(values)
        if ext is None:
            continue
        ax = fig.layout[name]
        current = ax.range
        new = steady_range(*ext, current=current, rangemode=ax.rangemode or "normal")
        if current is None or tuple(float(v) for v in current) != new:
            ax.range = new
