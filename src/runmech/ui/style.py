"""One look for every panel: palette, fonts, figure factory, labelled controls, live text and safe callbacks.

Conventions
-----------
- Figures are ``go.FigureWidget(data=..., layout=...)`` with the layout given in the constructor (plotly >= 6 drops a
  layout set before display when the widget sits in a Box under Voila); traces are updated inside
  ``fig.batch_update()``.
- Every control says its unit in words ("speed (metres per second)").
- Every plot has a text summary under it (:func:`live_text`) that is updated with it: what a screen reader reads and
  what a printout shows.
- A callback never shows a traceback: :func:`guarded` catches the error, shows the message beside the control and
  keeps the last good plot.
"""

from __future__ import annotations

import contextvars
import functools
import html
import json
import logging
import os
import re
from collections.abc import Callable
from typing import Any

import ipywidgets as w
import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType

from runmech._validate import check_bool, check_choice, check_instance, check_int, check_real, check_text, shown
from runmech.constants import PLOTLY_ESM_URL_ENV
from runmech.ui._lazy_imports import defer_rfc3987_syntax

defer_rfc3987_syntax()  # before the first figure widget: saves its kernel 1-4 s (see runmech.ui._lazy_imports)

__all__ = [
    "PALETTE",
    "FONT",
    "figure",
    "slider",
    "int_slider",
    "live_text",
    "message_box",
    "guarded",
    "show_message",
    "clear_message",
    "heading",
    "panel",
    "Panel",
    "set_live_text",
    "tint",
    "line",
    "legend_rows",
    "ONE_VIEW",
    "SCREEN_FIGURE_WIDTH",
    "screen_figure_width",
    "PANEL_CSS",
]

log = logging.getLogger("runmech.ui")

# Okabe & Ito (2008) colour-blind-safe palette, by role.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
    # roles
    "right": "#0072B2",
    "left": "#D55E00",
    "thorax": "#0072B2",
    "pelvis": "#E69F00",
    "arms": "#009E73",
    "legs": "#CC79A7",
    "model": "#0072B2",
    "study": "#000000",
    "band": "rgba(0, 158, 115, 0.15)",
}
FONT = dict(family="DejaVu Sans, Verdana, Arial, sans-serif", size=14, color="#222222")


def tint(colour: str, alpha: float) -> str:
    """A palette colour (``#RRGGBB``) made see-through, as ``rgba(r, g, b, alpha)``.

    Examples
    --------
    >>> tint("#0072B2", 0.12)
    'rgba(0, 114, 178, 0.12)'
    """
    text = check_text("colour", colour, max_chars=7)
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", text):
        raise ValueError(f"colour must be a colour written #RRGGBB, e.g. '#0072B2'; got {shown(colour)}")
    alpha = check_real("alpha", alpha, low=0.0, high=1.0)
    c = text.lstrip("#")
    r, g, b = (int(c[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha:g})"


_CONTROL_LAYOUT = w.Layout(width="100%", max_width="560px")
_WIDE_LAYOUT = w.Layout(width="100%", max_width="820px")
_STYLE = {"description_width": "230px"}
_WIDE_STYLE = {"description_width": "300px"}

#: Style sheet every panel carries (in its first HTML child, so it works in JupyterLab, Voila and on Binder alike):
#: a control's label wraps onto a second line instead of being cut off, so its unit always shows; screens' step
#: buttons grow with their words.
PANEL_CSS = (
    "<style class='runmech-css'>"
    ".runmech-panel .widget-inline-hbox > .widget-label{white-space:normal;overflow:visible;text-overflow:clip;"
    "line-height:1.25;height:auto;align-self:center}"
    ".runmech-panel .widget-inline-hbox{height:auto;min-height:var(--jp-widgets-inline-height)}"
    ".runmech-screens .runmech-steps .widget-toggle-button{width:auto;min-width:9em;padding:0 14px;"
    "height:auto;min-height:36px;white-space:normal}"
    ".runmech-screens .runmech-steps .widget-toggle-buttons{flex-wrap:wrap;gap:4px}"
    "</style>"
)


#: Room the legend rows above a plot are laid out in [px] when the figure's width is not fixed: about the plot width
#: of a figure in a notebook at a laptop's window size, so legends wrap the way they will there.
LEGEND_ROOM_PX = 700
_TITLE_ROW_PX = 34
_LEGEND_ROW_PX = 24


def legend_rows(names: list[str], *, font_px: float = 14.0, room_px: float = LEGEND_ROOM_PX) -> int:
    """How many rows a horizontal legend of ``names`` takes in ``room_px`` (a generous estimate of text widths).

    Like plotly: all on one row if they fit, otherwise a grid whose columns are as wide as the widest entry.

    Examples
    --------
    >>> legend_rows(["right foot", "left foot"]), legend_rows(["a long legend entry of forty characters"] * 3)
    (1, 3)
    """
    if isinstance(names, (str, bytes)) or not isinstance(names, (list, tuple)):
        raise TypeError(f"names must be a list of legend entries; got {shown(names)}")
    names = [check_text("names", n) for n in names]
    font_px = check_real("font_px", font_px, low=1.0, high=200.0, unit="px")
    room_px = check_real("room_px", room_px, low=1.0, high=10000.0, unit="px")
    if not names:
        return 0
    widths = [44 + 0.62 * font_px * len(name) for name in names]  # symbol and gaps, then the text (DejaVu is wide)
    if sum(widths) <= room_px:
        return 1
    columns = max(1, int(room_px // max(widths)))
    return -(-len(names) // columns)


def _legend_names(data) -> list[str]:
    names = []
    for t in data or []:
        shown = t.get("showlegend") if isinstance(t, dict) else t.showlegend
        name = t.get("name") if isinstance(t, dict) else t.name
        if shown is not False and name:
            names.append(str(name))
    return names


def figure(
    data: list | None = None,
    *,
    title: str = "",
    xaxis_title: str = "",
    yaxis_title: str = "",
    height: int = 340,
    width: int | None = None,
    **layout: Any,
) -> go.FigureWidget:
    """A FigureWidget in runmech's look, with the layout set in the constructor.

    The title sits at the top left; the legend, in rows under it, above the plot, so neither covers the other nor
    the data (the top margin grows with the legend's rows). A caller's own ``legend`` or ``margin`` wins.

    ``width`` [px] fixes the figure's width. Without it the figure takes the width of its place on the page when it
    is first drawn (plotly's figure widget does not follow later changes), which is right for a figure on the page
    from the start, and wrong (plotly's 700 px fallback) for one first drawn while its place is being laid out, as
    on a screen that is switched to.

    Examples
    --------
    >>> fig = figure([go.Scatter(x=[0, 1], y=[0, 1], name="one"), go.Scatter(x=[0, 1], y=[1, 0], name="two")],
    ...              title="demo", xaxis_title="x (s)")
    >>> fig.layout.title.text, fig.layout.legend.orientation, fig.layout.margin.t
    ('demo', 'h', 64)
    """
    if data is not None and (not isinstance(data, (list, tuple))
                             or not all(isinstance(t, BaseTraceType) for t in data)):
        raise TypeError(f"data must be a list of plotly traces, e.g. [go.Scatter(x=[0, 1], y=[0, 1])]; got "
                        f"{shown(data)}")
    title = check_text("title", title, max_chars=300)
    xaxis_title = check_text("xaxis_title", xaxis_title, max_chars=300)
    yaxis_title = check_text("yaxis_title", yaxis_title, max_chars=300)
    height = check_int("height", height, low=80, high=4000, unit="px")
    width = check_int("width", width, low=200, high=4000, unit="px", allow_none=True)
    names = _legend_names(data) if len(data or []) > 1 else []
    legend_font = float(((layout.get("legend") or {}).get("font") or {}).get("size", FONT["size"]))
    rows = legend_rows(names, font_px=legend_font, room_px=(width - 90) if width else LEGEND_ROOM_PX)
    top = (_TITLE_ROW_PX if title else 6) + rows * round(_LEGEND_ROW_PX * legend_font / FONT["size"]) + (6 if rows else 10)
    base = dict(
        title=dict(text=title, x=0.01, xanchor="left", y=1.0, yref="container", yanchor="top", pad=dict(t=8),
                   font=dict(size=16)),
        font=FONT,
        height=height + max(0, top - 48),
        margin=dict(l=64, r=16, t=top, b=52),
        template="plotly_white",
        xaxis=dict(title=dict(text=xaxis_title), zeroline=False),
        yaxis=dict(title=dict(text=yaxis_title), zeroline=False),
        legend=dict(orientation="h", xanchor="left", x=0.0, yref="container", yanchor="top",
                    y=1.0 - ((_TITLE_ROW_PX if title else 6) / (height + max(0, top - 48)))),
        hovermode="x unified",
    )
    for key, value in layout.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    if base["margin"].get("l", 64) <= 100:
        # the title starts where the plot does, clear of a long y axis title; with a wide left margin (long tick
        # labels) it stays at the figure's left edge, where it has room
        base["title"] = {**base["title"], "x": 0.0, "xref": "paper"}
    for key, value in base.items():
        if _AXIS_KEY.fullmatch(key) and isinstance(value, dict):
            # plotly's default ("hide past div") measures every tick label on every redraw to hide any that would
            # stick out of the figure; plotly's automargin already makes room for the labels, so none does, and
            # skipping the measuring takes 2-3 ms off a 15-20 ms redraw
            base[key] = {"ticklabeloverflow": "allow", **value}
    if width:
        base["width"] = int(width)
    return _figure_class()(data=data or [], layout=base)


_AXIS_KEY = re.compile(r"[xy]axis\d*")


def line(x, y, name: str, colour: str, *, dash: str = "solid", width: float = 3, **kwargs: Any) -> go.Scatter:
    """A line trace in a palette colour (``colour`` is a :data:`PALETTE` key).

    Examples
    --------
    >>> line([0, 1], [1, 2], "thorax", "thorax", dash="dash").line.color
    '#0072B2'
    """
    colour = check_choice("colour", colour, list(PALETTE))
    name = check_text("name", name, max_chars=200)
    dash = check_choice("dash", dash, ["solid", "dot", "dash", "longdash", "dashdot", "longdashdot"])
    width = check_real("width", width, low=0.0, high=50.0, unit="px")
    return go.Scatter(x=x, y=y, name=name, line=dict(color=PALETTE[colour], width=width, dash=dash), **kwargs)


# In lab and clinic mode (runmech.apps) the server hands out plotly's browser bundle once, as a cached file, and says
# where in the environment variable named by runmech.constants.PLOTLY_ESM_URL_ENV; figures then carry a two-line
# module that imports it instead of the whole 5 MB bundle each (sent over the websocket and evaluated per figure).
_SHARED_FIGURE: dict[str, type] = {}


def _figure_class() -> type:
    url = os.environ.get(PLOTLY_ESM_URL_ENV, "")
    if not url:
        return go.FigureWidget
    if url not in _SHARED_FIGURE:
        stub = (f"const bundle = await import(new URL({json.dumps(url)}, window.location.href).href);\n"
                "export default bundle.default;\n")
        _SHARED_FIGURE[url] = type("FigureWidget", (go.FigureWidget,), {"_esm": stub, "__module__": __name__})
    return _SHARED_FIGURE[url]


#: Readout formats a slider may show (decimals of a float).
SLIDER_FORMATS = (".0f", ".1f", ".2f", ".3f")


def slider(
    description: str,
    *,
    value: float,
    min: float,  # noqa: A002 - mirrors ipywidgets
    max: float,  # noqa: A002
    step: float,
    readout_format: str = ".1f",
    continuous_update: bool = True,
    wide: bool = False,
) -> w.FloatSlider:
    """A float slider whose label carries its unit in words; it cannot reach values outside [min, max].

    ``wide`` makes a long slider (the region panels' knobs): more room for the label and a track about 450 px long.

    Examples
    --------
    >>> s = slider("speed (metres per second)", value=3.0, min=2.0, max=5.0, step=0.1)
    >>> (s.description, s.value)
    ('speed (metres per second)', 3.0)
    """
    description = check_text("description", description, max_chars=300)
    value = check_real("value", value)
    min = check_real("min", min)  # noqa: A001
    max = check_real("max", max, low=min)  # noqa: A001
    step = check_real("step", step, low=0.0, low_inclusive=False)
    readout_format = check_choice("readout_format", readout_format, SLIDER_FORMATS)
    continuous_update = check_bool("continuous_update", continuous_update)
    wide = check_bool("wide", wide)
    return w.FloatSlider(
        value=value, min=min, max=max, step=step, description=description, readout_format=readout_format,
        continuous_update=continuous_update, style=_WIDE_STYLE if wide else _STYLE,
        layout=_WIDE_LAYOUT if wide else _CONTROL_LAYOUT,
    )


def int_slider(description: str, *, value: int, min: int, max: int, step: int = 1) -> w.IntSlider:  # noqa: A002
    """An integer slider with its unit in words in the label.

    Examples
    --------
    >>> int_slider("sets", value=2, min=1, max=5).value
    2
    """
    description = check_text("description", description, max_chars=300)
    value = check_int("value", value)
    min = check_int("min", min)  # noqa: A001
    max = check_int("max", max, low=min)  # noqa: A001
    step = check_int("step", step, low=1)
    return w.IntSlider(value=value, min=min, max=max, step=step, description=description, style=_STYLE,
                       layout=_CONTROL_LAYOUT, continuous_update=True)


def live_text(text: str = "") -> w.HTML:
    """A text summary that screen readers announce when it changes (``aria-live``).

    Examples
    --------
    >>> t = live_text("hello")
    >>> "aria-live" in t.value
    True
    """
    text = check_instance("text", text, str, "text")
    t = w.HTML(layout=w.Layout(width="100%"))
    set_live_text(t, text)
    return t


def set_live_text(widget: w.HTML, text: str) -> None:
    r"""Replace a live text's content (plain text is escaped; paragraphs split on blank lines).

    Examples
    --------
    >>> t = live_text()
    >>> set_live_text(t, "a < b\n\nnext")
    >>> "<p>a &lt; b</p><p>next</p>" in t.value
    True
    """
    widget = check_instance("widget", widget, w.HTML, "a live text (runmech.ui.style.live_text)")
    text = check_instance("text", text, str, "text")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    widget.value = f'<div class="runmech-summary" role="status" aria-live="polite">{paragraphs}</div>'


def message_box() -> w.HTML:
    """An (initially empty) place beside controls for input messages.

    Examples
    --------
    >>> message_box().value
    ''
    """
    box = w.HTML(value="")
    box.add_class("runmech-message")
    return box


def show_message(box: w.HTML, text: str) -> None:
    r"""Show a plain-language message (escaped) in a message box.

    Examples
    --------
    >>> box = message_box()
    >>> show_message(box, "reps must be a whole number; got 'x'")
    >>> 'role="alert"' in box.value
    True
    """
    box = check_instance("box", box, w.HTML, "a message box (runmech.ui.style.message_box)")
    text = check_instance("text", text, str, "text")
    box.value = (
        '<div role="alert" style="color:#8a1c00;background:#fff4e5;border-left:4px solid #D55E00;'
        f'padding:6px 10px;margin:4px 0;font-size:15px">{html.escape(text)}</div>'
    )


def clear_message(box: w.HTML) -> None:
    """Empty a message box.

    Examples
    --------
    >>> box = message_box()
    >>> show_message(box, "oops"); clear_message(box); box.value
    ''
    """
    box = check_instance("box", box, w.HTML, "a message box (runmech.ui.style.message_box)")
    box.value = ""


def guarded(box: w.HTML) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator for widget callbacks: bad input shows a message in ``box``; the last good output stays.

    ``ValueError``/``TypeError`` messages are shown as they are (they name the parameter, the value and what is
    allowed); anything else shows a short apology and is logged, never a traceback.

    Examples
    --------
    >>> box = message_box()
    >>> @guarded(box)
    ... def update(x):
    ...     raise ValueError("speed_m_s must be a finite number from 0.5 to 10 [m/s]; got 12")
    >>> update(1)
    >>> "speed_m_s" in box.value
    True
    """

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                result = fn(*args, **kwargs)
            except (ValueError, TypeError) as exc:
                show_message(box, str(exc))
                return None
            except Exception as exc:  # noqa: BLE001 - a clinician must never see a traceback
                log.exception("runmech panel callback failed")
                show_message(box, f"Something went wrong while updating ({type(exc).__name__}); the last result "
                                  "is still shown. Please report this.")
                return None
            clear_message(box)
            return result

        return wrapper

    return deco


def heading(text: str, level: int = 3) -> w.HTML:
    """A heading inside a panel.

    Examples
    --------
    >>> "<h3" in heading("Speed").value
    True
    """
    text = check_text("text", text, max_chars=500)
    level = check_int("level", level, low=1, high=6)
    return w.HTML(f"<h{level} style='margin:6px 0'>{html.escape(text)}</h{level}>")


class Panel(w.VBox):
    """The outer box of every panel; its plain-text form is the panel's title and live summaries.

    That text is what a notebook shows as the cell's ``text/plain`` output, so the notebook tests compare the panel's
    actual results between two runs (and a printout without JavaScript still carries them).

    Examples
    --------
    >>> print(repr(panel(heading("Speed"), live_text("At 3.0 m/s."))))
    <runmech panel>
    Speed
    At 3.0 m/s.
    """

    def summary_text(self) -> str:
        """Title and summaries of this panel as plain text, in display order.

        Examples
        --------
        >>> p = panel(heading("Speed"), live_text("At 3.0 m/s."))
        >>> p.summary_text().splitlines()
        ['Speed', 'At 3.0 m/s.']
        """
        parts: list[str] = []

        def walk(widget: w.Widget) -> None:
            if isinstance(widget, w.HTML) and ("runmech-summary" in widget.value or widget.value.startswith("<h")):
                text = _TAGS.sub(" ", _STYLES.sub("", widget.value).replace("</p>", "\n"))
                text = "\n".join(" ".join(line.split()) for line in html.unescape(text).splitlines() if line.strip())
                if text:
                    parts.append(text)
            for child in getattr(widget, "children", ()):
                walk(child)

        walk(self)
        return "\n".join(parts)

    def __repr__(self) -> str:
        return f"<runmech panel>\n{self.summary_text()}"


_TAGS = re.compile(r"<[^>]+>")
_STYLES = re.compile(r"<style[^>]*>.*?</style>", re.S)


def panel(*children: w.Widget, css_class: str = "runmech-panel") -> Panel:
    """The outer box of every panel (see :class:`Panel`).

    Examples
    --------
    >>> len(panel(heading("a"), heading("b")).children)
    2
    """
    children = [check_instance(f"children[{i}]", c, w.Widget, "an ipywidgets widget") for i, c in enumerate(children)]
    css_class = check_text("css_class", css_class, max_chars=80, single_line=True, min_chars=1)
    first = next((c for c in children if isinstance(c, w.HTML)), None)
    if first is not None and "runmech-css" not in first.value:
        first.value = first.value + PANEL_CSS
    box = Panel(children, layout=w.Layout(width="100%", max_width="960px"))
    box.add_class(css_class)
    return box


#: Set by :func:`runmech.ui.dashboard.screens` while it builds its panels: a panel then shows one view at a time (a
#: "show" switch picks which), and only the view in sight is redrawn when a control moves.
ONE_VIEW: contextvars.ContextVar[bool] = contextvars.ContextVar("runmech_one_view", default=False)
#: Width of the figures on screens [px]: they are first drawn when a screen or view is switched to, before the page
#: has laid out their place, so they are given their width (it fits a 960 px panel).
SCREEN_FIGURE_WIDTH = 880


def screen_figure_width() -> int | None:
    """The fixed width of a figure being built for a screen, or None (the figure takes its place's width).

    Examples
    --------
    >>> screen_figure_width() is None
    True
    """
    return SCREEN_FIGURE_WIDTH if ONE_VIEW.get() else None
