"""Dosing panels: a 1RM and next-session calculator (here) and a plan builder (:mod:`runmech.ui.dosing_plan`).

Both panels call :mod:`runmech.dosing`; nothing here computes a dose of its own, and every sentence and load comes
from :mod:`runmech.dosing.wording`. The calculator asks each fact once: the load used today and the reps of each
set; the best set gives the 1RM estimate, all sets give the next-session advice. A typing slip shows its message
directly under the box that caused it, and the last good result stays on screen.
"""

from __future__ import annotations

import html
import warnings

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from runmech import dosing
from runmech._validate import check_choice, check_int, check_real
from runmech.constants import KG_PER_LB, LB_PER_KG
from runmech.dosing.strength import normalise_method, nsca_chart
from runmech.dosing.wording import format_load, parse_reps
from runmech.ui import style
from runmech.ui.dosing_plan import download_links, field, plan_builder_panel

__all__ = ["dose_calculator_panel", "plan_builder_panel", "calculator_summary", "download_links", "field"]

_UNIT_WORDS = {"kg": "kilograms", "lb": "pounds"}
_EFFORT = [("not rated", "none"), ("easy: 2 or more reps left", "easy"), ("hard: 0 or 1 rep left", "hard")]
_CURVE_REPS = np.arange(1, 21)
_LAYOUT = w.Layout(width="100%", max_width="560px")
_STYLE = {"description_width": "230px"}
_METHOD_COLOURS = ["blue", "orange", "green", "vermillion", "purple", "sky", "grey"]
_REPS_LABEL = "reps in each set today"


def _labels() -> dict[str, str]:
    t = dosing.one_rm_table(50, 5)
    return dict(zip(t["method"], t["label"]))


def calculator_summary(load_kg: float, reps_per_set, *, method: str = "epley", unit: str = "kg",
                       easy: bool | None = None, audience: str = "therapist") -> str:
    """The text under the calculator's plot: the 1RM from the best set, how far the methods spread, and the advice.

    Parameters
    ----------
    load_kg : float
        Load used today [kg].
    reps_per_set : int or sequence of int
        Reps of each set today (one number for a single set).
    audience : {"therapist", "client"}
        The therapist's sentence (methods by name, the 1RM) or the same in plain words for the client.

    Examples
    --------
    >>> print(calculator_summary(40, [10, 9]))  # doctest: +NORMALIZE_WHITESPACE
    From 40 kg (88.2 lb) for 10 reps (the best of today's sets), Epley estimates a 1RM of 53.3 kg (117.6 lb);
    the 8 methods range from 50 kg (110.2 lb) (O'Conner) to 53.9 kg (118.8 lb) (Wathan).
    <BLANKLINE>
    Next session: Stay at 40 kg (88.2 lb) and do at least 2 sets of 8-12; add a rep when you can.
    >>> print(calculator_summary(40, [10, 9], audience="client"))  # doctest: +NORMALIZE_WHITESPACE
    Your best set today was 10 lifts of 40 kg (88.2 lb). The most you could lift once is probably about 53.3 kg
    (117.6 lb); the formulas we use give 50 kg (110.2 lb) to 53.9 kg (118.8 lb), so treat it as a guide.
    <BLANKLINE>
    Next time: Stay at 40 kg (88.2 lb) and do at least 2 sets of 8-12; add a rep when you can.
    """
    who = check_choice("audience", audience, ("therapist", "client"))
    if isinstance(reps_per_set, (list, tuple, np.ndarray)):
        per_set = [check_int(f"reps_per_set[{i}]", r, low=1) for i, r in enumerate(reps_per_set)]
    else:
        per_set = [check_int("reps_per_set", reps_per_set, low=1)]
    rec = dosing.next_session(load_kg, per_set, easy=easy, unit=unit)  # checks load, reps and the unit
    best = max(per_set)
    table = dosing.one_rm_table(load_kg, best)
    m = normalise_method(method)
    chosen = table.set_index("method").loc[m]
    lo, hi = table.loc[table["one_rm_kg"].idxmin()], table.loc[table["one_rm_kg"].idxmax()]
    which = " (the best of today's sets)" if len(per_set) > 1 else ""
    first = (f"From {format_load(load_kg, unit)} for {best} reps{which}, {chosen['label']} estimates a 1RM of "
             f"{format_load(float(chosen['one_rm_kg']), unit)}; the {len(table)} methods range from "
             f"{format_load(float(lo['one_rm_kg']), unit)} ({lo['label']}) to "
             f"{format_load(float(hi['one_rm_kg']), unit)} ({hi['label']}).")
    if not bool(chosen["within_validated"]):
        first += (f" {best} reps is past the {int(chosen['valid_reps_max'])} reps {chosen['label']} was validated "
                  "for, so treat it as a rough guess.")
    if who == "client":
        lift = "lift" if best == 1 else "lifts"
        first = (f"Your best set today was {best} {lift} of {format_load(load_kg, unit)}. The most you could lift "
                 f"once is probably about {format_load(float(chosen['one_rm_kg']), unit)}; the formulas we use give "
                 f"{format_load(float(lo['one_rm_kg']), unit)} to {format_load(float(hi['one_rm_kg']), unit)}, so "
                 "treat it as a guide.")
        if not bool(chosen["within_validated"]):
            first += " With this many reps the guess is rough; a heavier set of 10 or fewer gives a better one."
        return f"{first}\n\nNext time: {rec.reason}"
    return f"{first}\n\nNext session: {rec.reason}"


def dose_calculator_panel(load_kg: float = 40.0, reps: int = 10, *, unit: str = "kg", method: str = "epley",
                          reps_per_set: str | None = None):
    """Today's load and the reps of each set in; the 1RM by every method, a %1RM chart and the advice out.

    Parameters
    ----------
    load_kg : float
        Starting load [kg], 0.5 to 1000.
    reps : int
        Reps of the best set to start with, 1 to 30 (the box starts as ``reps, reps``).
    unit : {"kg", "lb"}
        Unit shown first (switchable in the panel).
    method : str
        Starting method (one of :func:`runmech.dosing.methods`).
    reps_per_set : str, optional
        What the reps box starts with instead, e.g. ``"12, 11, 10"``.

    Examples
    --------
    >>> p = dose_calculator_panel(40, 10)
    >>> "53.3 kg" in p.controls["summary"].value
    True
    >>> p.controls["sets"].value = "8, 7"
    >>> "for 8 reps" in p.controls["summary"].value
    True
    """
    load_kg = check_real("load_kg", load_kg, low=0.5, high=1000.0, unit="kg")
    reps = check_int("reps", reps, low=1, high=30)
    unit = check_choice("unit", unit, ("kg", "lb"))
    method = normalise_method(method)
    labels = _labels()
    start_sets = reps_per_set if reps_per_set is not None else f"{reps}, {reps}"
    parse_reps(start_sets, "reps_per_set")

    unit_ctl = w.ToggleButtons(options=[("kilograms", "kg"), ("pounds", "lb")], value=unit,
                               description="load unit", style=_STYLE)
    load_ctl = w.BoundedFloatText(value=round(load_kg if unit == "kg" else load_kg * LB_PER_KG, 1), min=0.0,
                                  max=1000.0 if unit == "kg" else 2200.0, step=0.5,
                                  description=f"load lifted today ({_UNIT_WORDS[unit]})", style=_STYLE,
                                  layout=_LAYOUT)
    sets_ctl = w.Text(value=start_sets, description=_REPS_LABEL, placeholder="e.g. 12, 11, 10", style=_STYLE,
                      layout=_LAYOUT, continuous_update=False)
    effort_ctl = w.Dropdown(options=_EFFORT, value="none", description="how the last set felt", style=_STYLE,
                            layout=_LAYOUT)
    method_ctl = w.Dropdown(options=[(labels[m], m) for m in dosing.methods()], value=method,
                            description="method shown first", style=_STYLE, layout=_LAYOUT)
    words_ctl = w.ToggleButtons(options=[("therapist", "therapist"), ("client (plain words)", "client")],
                                value="therapist", description="sentence for",
                                style={**_STYLE, "button_width": "auto"})
    load_msg, sets_msg, msg = style.message_box(), style.message_box(), style.message_box()
    hint = w.HTML("<p style='font-size:13px;color:#555;margin:0 0 4px 236px;line-height:1.35'>Separate the sets "
                  "with commas. The best set gives the 1RM estimate; all of them give the advice for next "
                  "session.</p>")
    table_box = w.HTML()
    advice = w.HTML()
    advice.add_class("runmech-advice")

    traces = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dosing.DosingWarning)
        for i, m in enumerate(dosing.methods()[:-1]):
            y = [dosing.percent_1rm(int(r), method=m) for r in _CURVE_REPS]
            traces.append(go.Scatter(x=_CURVE_REPS, y=y, mode="lines", name=labels[m],
                                     line=dict(color=style.PALETTE[_METHOD_COLOURS[i]],
                                               width=4 if m == method else 1.5)))
    chart_reps, chart_pct = nsca_chart()
    traces.append(go.Scatter(x=chart_reps, y=chart_pct, mode="markers", name="NSCA chart",
                             marker=dict(color=style.PALETTE["black"], size=9, symbol="diamond",
                                         line=dict(width=4 if method == "nsca" else 0, color="black"))))
    traces.append(go.Scatter(x=[reps, reps], y=[45, 102], mode="lines", name="your best set", showlegend=True,
                             line=dict(color=style.PALETTE["grey"], dash="dash")))
    # style.figure's layout: the title on top, the legend in rows under it, above the plot (none covers another)
    fig = style.figure(traces, title="Load as a share of the 1RM, by reps", xaxis_title="reps in the set",
                       yaxis_title="load (% of 1RM)", height=360, yaxis=dict(range=[45, 102]),
                       xaxis=dict(range=[0.5, 20.5], dtick=1), legend=dict(font=dict(size=12)))
    summary = style.live_text("")
    state = {"unit": unit}

    def _load_in_kg() -> float:
        u = unit_ctl.value
        v = check_real(f"load lifted today ({_UNIT_WORDS[u]})", load_ctl.value, low=0.0,
                       high=1000.0 if u == "kg" else 2204.0, unit=u, low_inclusive=False)
        return v if u == "kg" else v * KG_PER_LB

    def _checked(read, box):
        try:
            value = read()
        except (ValueError, TypeError) as exc:
            style.show_message(box, str(exc))
            return None
        style.clear_message(box)
        return value

    @style.guarded(msg)
    def update(change=None):
        u = unit_ctl.value
        if u != state["unit"]:  # convert the shown load, keep the kilograms
            factor = LB_PER_KG if u == "lb" else KG_PER_LB
            state["unit"] = u
            load_ctl.max = 1000.0 if u == "kg" else 2200.0
            load_ctl.description = f"load lifted today ({_UNIT_WORDS[u]})"
            load_ctl.value = round(load_ctl.value * factor, 1)
            return  # the value change calls update again
        kg = _checked(_load_in_kg, load_msg)
        per_set = _checked(lambda: parse_reps(sets_ctl.value, _REPS_LABEL), sets_msg)
        if kg is None or per_set is None:
            return  # each message is beside its box; the last good result stays
        m = method_ctl.value
        easy = {"none": None, "easy": True, "hard": False}[effort_ctl.value]
        text = calculator_summary(kg, per_set, method=m, unit=u, easy=easy, audience=words_ctl.value)
        rec = dosing.next_session(kg, per_set, easy=easy, unit=u)
        best = max(per_set)
        table = dosing.one_rm_table(kg, best)
        bold = ' style="font-weight:bold"'
        rows = "".join(
            f"<tr{bold if row.method == m else ''}><td>{html.escape(row.label)}</td>"
            f"<td>{format_load(row.one_rm_kg, u)}</td>"
            f"<td>{'yes' if row.within_validated else 'no: past ' + str(row.valid_reps_max) + ' reps'}</td></tr>"
            for row in table.itertuples())
        table_box.value = (
            "<style>.runmech-1rm td,.runmech-1rm th{text-align:left;padding:1px 14px 1px 0;line-height:1.3}</style>"
            "<table class='runmech-1rm' style='border-collapse:collapse;font-size:14px;margin:6px 0;line-height:1.3'>"
            f"<caption style='text-align:left;font-weight:bold;line-height:1.6'>Estimated 1RM by every method, from "
            f"the best set ({best} reps)</caption>"
            "<thead><tr><th scope='col'>method</th><th scope='col'>1RM</th>"
            "<th scope='col'>within its validated reps</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")
        what = f"the {rec.band} band" if rec.band else format_load(rec.load_kg, u)
        advice.value = (
            "<div style='border-left:4px solid #0072B2;background:#eef4fa;padding:6px 10px;margin:4px 0;"
            f"font-size:15px;line-height:1.4'><b>Next session ({html.escape(rec.rule)}):</b> {html.escape(what)}, "
            f"{rec.sets} sets of {rec.reps_low}-{rec.reps_high}.<br>{html.escape(rec.reason)}</div>")
        with fig.batch_update():
            for i, mm in enumerate(dosing.methods()[:-1]):
                fig.data[i].line.width = 4 if mm == m else 1.5
            fig.data[len(dosing.methods()) - 1].marker.line.width = 4 if m == "nsca" else 0
            fig.data[-1].x = [min(best, 20), min(best, 20)]
        style.set_live_text(summary, text)

    for ctl in (unit_ctl, load_ctl, sets_ctl, method_ctl, effort_ctl, words_ctl):
        ctl.observe(update, names="value")
    update()
    box = style.panel(
        style.heading("1RM and next-session calculator"),
        style.heading("Today's sets", level=4),
        unit_ctl, field(load_ctl, load_msg), field(sets_ctl, sets_msg), hint, effort_ctl,
        style.heading("The 1RM estimate", level=4), method_ctl, msg, table_box, fig, words_ctl, summary,
        style.heading("Next session", level=4), advice,
        w.HTML("<p style='font-size:13px;color:#555;line-height:1.4'>Estimates are starting guesses: how many reps "
               "people manage at a given share of their 1RM varies widely. Education only, not medical advice.</p>"),
    )
    box.controls = dict(unit=unit_ctl, load=load_ctl, sets=sets_ctl, method=method_ctl, effort=effort_ctl,
                        words=words_ctl,
                        load_message=load_msg, sets_message=sets_msg, message=msg, table=table_box, figure=fig,
                        summary=summary, advice=advice)
    return box
