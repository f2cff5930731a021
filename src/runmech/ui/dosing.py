"""Dosing panels: a 1RM and next-session calculator, and a plan builder that downloads the client's handout.

Both panels call :mod:`runmech.dosing`, :mod:`runmech.dosing.exercises` and :class:`runmech.Plan`; nothing here computes a
dose of its own. Bad input shows a message beside the controls and the last good result stays on screen.

The plan builder offers its downloads as ordinary links with ``data:`` addresses (classes
``runmech-download-handout`` and ``runmech-download-plan``), so they work offline, in JupyterLab and in Voila, and
send nothing anywhere.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import re
import warnings

import ipywidgets as w
import numpy as np
import plotly.graph_objects as go

from runmech import dosing
from runmech.constants import KG_PER_LB, LB_PER_KG
from runmech.dosing import exercises
from runmech.dosing.handout import dose_in_words, format_load, render_html
from runmech.dosing.plan import Plan
from runmech.dosing.strength import _method, _nsca
from runmech.ui import style

__all__ = ["dose_calculator_panel", "plan_builder_panel", "calculator_summary", "download_links"]

_UNIT_WORDS = {"kg": "kilograms", "lb": "pounds"}
_EFFORT = [("not rated", "none"), ("easy: 2 or more reps left", "easy"), ("hard: 0 or 1 rep left", "hard")]
_CURVE_REPS = np.arange(1, 21)
_LAYOUT = w.Layout(width="100%", max_width="560px")
_STYLE = {"description_width": "230px"}
_METHOD_COLOURS = ["blue", "orange", "green", "vermillion", "purple", "sky", "grey"]


def _labels() -> dict[str, str]:
    t = dosing.one_rm_table(50, 5)
    return dict(zip(t["method"], t["label"]))


def _parse_sets(text: str) -> list[int]:
    parts = [p.strip() for p in re.split(r"[,;\s]+", str(text)) if p.strip()]
    try:
        values = [int(p) for p in parts]
    except ValueError:
        raise ValueError(f"reps in each set must be whole numbers separated by commas, e.g. 12, 12, 10; "
                         f"got {text!r}") from None
    if not values:
        raise ValueError(f"reps in each set must be whole numbers separated by commas, e.g. 12, 12, 10; got {text!r}")
    return values


def calculator_summary(load_kg: float, reps: int, *, method: str = "epley", unit: str = "kg",
                       reps_per_set: list[int] | None = None, easy: bool | None = None) -> str:
    """The text under the calculator's plot: the 1RM, how far the methods spread, and the next-session advice.

    Examples
    --------
    >>> print(calculator_summary(40, 10, reps_per_set=[12, 12, 12], easy=True))  # doctest: +NORMALIZE_WHITESPACE
    From 40 kg (88.2 lb) for 10 reps, Epley estimates a 1RM of 53.3 kg (117.6 lb); the 8 methods range from 50 kg
    (110.2 lb) (O'Conner) to 53.9 kg (118.8 lb) (Wathan).
    <BLANKLINE>
    Next session: 3 sets of 12 were easy, so go up to 42.5 kg (93.7 lb) and aim for 3 sets of 8-12.
    """
    table = dosing.one_rm_table(load_kg, reps)
    chosen = table.set_index("method").loc[method]
    lo, hi = table.loc[table["one_rm_kg"].idxmin()], table.loc[table["one_rm_kg"].idxmax()]
    parts = [
        f"From {format_load(load_kg, unit)} for {reps} reps, {chosen['label']} estimates a 1RM of "
        f"{format_load(float(chosen['one_rm_kg']), unit)}; the {len(table)} methods range from "
        f"{format_load(float(lo['one_rm_kg']), unit)} ({lo['label']}) to {format_load(float(hi['one_rm_kg']), unit)} "
        f"({hi['label']})."
    ]
    if not bool(chosen["within_validated"]):
        parts[0] += (f" {reps} reps is past the {int(chosen['valid_reps_max'])} reps {chosen['label']} was validated "
                     "for, so treat it as a rough guess.")
    if reps_per_set:
        rec = dosing.next_session(load_kg, reps_per_set, easy=easy, unit=unit)
        parts.append(f"Next session: {rec.reason}")
    return "\n\n".join(parts)


def dose_calculator_panel(load_kg: float = 40.0, reps: int = 10, *, unit: str = "kg", method: str = "epley"):
    """Load, reps, method and unit in; 1RM by every method, a %1RM chart and next-session advice out.

    Parameters
    ----------
    load_kg : float
        Starting load [kg], 0.5 to 1000.
    reps : int
        Starting reps, 1 to 30.
    unit : {"kg", "lb"}
        Unit shown first (switchable in the panel).
    method : str
        Starting method (one of :func:`runmech.dosing.methods`).

    Examples
    --------
    >>> p = dose_calculator_panel(40, 10)
    >>> "53.3 kg" in p.controls["summary"].value
    True
    >>> p.controls["reps"].value = 8
    >>> "for 8 reps" in p.controls["summary"].value
    True
    """
    from runmech._validate import check_choice, check_int, check_real

    load_kg = check_real("load_kg", load_kg, low=0.5, high=1000.0, unit="kg")
    reps = check_int("reps", reps, low=1, high=30)
    unit = check_choice("unit", unit, ("kg", "lb"))
    method = _method(method)
    labels = _labels()

    unit_ctl = w.ToggleButtons(options=[("kilograms", "kg"), ("pounds", "lb")], value=unit,
                               description="load unit", style=_STYLE)
    load_ctl = w.BoundedFloatText(value=round(load_kg if unit == "kg" else load_kg * LB_PER_KG, 1), min=0.5,
                                  max=1000.0 if unit == "kg" else 2200.0, step=0.5,
                                  description=f"load lifted ({_UNIT_WORDS[unit]})", style=_STYLE, layout=_LAYOUT)
    reps_ctl = style.int_slider("reps completed with it", value=reps, min=1, max=30)
    method_ctl = w.Dropdown(options=[(labels[m], m) for m in dosing.methods()], value=method,
                            description="method shown first", style=_STYLE, layout=_LAYOUT)
    sets_ctl = w.Text(value="10, 10", description="reps in each set today", placeholder="e.g. 12, 12, 10",
                      style=_STYLE, layout=_LAYOUT)
    effort_ctl = w.Dropdown(options=_EFFORT, value="none", description="how the last set felt", style=_STYLE,
                            layout=_LAYOUT)
    msg = style.message_box()
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
        chart = _nsca()
        traces.append(go.Scatter(x=chart[0], y=chart[1], mode="markers", name="NSCA chart",
                                 marker=dict(color=style.PALETTE["black"], size=9, symbol="diamond",
                                             line=dict(width=4 if method == "nsca" else 0, color="black"))))
    traces.append(go.Scatter(x=[reps, reps], y=[45, 102], mode="lines", name="your reps", showlegend=True,
                             line=dict(color=style.PALETTE["grey"], dash="dash")))
    fig = style.figure(traces, title="Load as a share of the 1RM, by reps", xaxis_title="reps in the set",
                       yaxis_title="load (% of 1RM)", height=360, yaxis=dict(range=[45, 102]),
                       xaxis=dict(range=[0.5, 20.5], dtick=1), legend=dict(font=dict(size=11)))
    summary = style.live_text("")

    def _load_in_kg() -> float:
        v = check_real(f"load lifted ({_UNIT_WORDS[unit_ctl.value]})", load_ctl.value, low=0.0,
                       high=1000.0 if unit_ctl.value == "kg" else 2204.0, unit=unit_ctl.value, low_inclusive=False)
        return v if unit_ctl.value == "kg" else v * KG_PER_LB

    state = {"unit": unit}

    @style.guarded(msg)
    def update(change=None):
        u = unit_ctl.value
        if u != state["unit"]:  # convert the shown load, keep the kilograms
            factor = LB_PER_KG if u == "lb" else KG_PER_LB
            state["unit"] = u
            load_ctl.max = 1000.0 if u == "kg" else 2200.0
            load_ctl.description = f"load lifted ({_UNIT_WORDS[u]})"
            load_ctl.value = round(load_ctl.value * factor, 1)
            return  # the value change calls update again
        kg = _load_in_kg()
        r = int(reps_ctl.value)
        m = method_ctl.value
        per_set = _parse_sets(sets_ctl.value)
        easy = {"none": None, "easy": True, "hard": False}[effort_ctl.value]
        rec = dosing.next_session(kg, per_set, easy=easy, unit=u)
        table = dosing.one_rm_table(kg, r)
        text = calculator_summary(kg, r, method=m, unit=u, reps_per_set=per_set, easy=easy)
        bold = ' style="font-weight:bold"'
        rows = "".join(
            f"<tr{bold if row.method == m else ''}><td>{html.escape(row.label)}</td>"
            f"<td>{format_load(row.one_rm_kg, u)}</td>"
            f"<td>{'yes' if row.within_validated else 'no: past ' + str(row.valid_reps_max) + ' reps'}</td></tr>"
            for row in table.itertuples())
        table_box.value = (
            "<style>.runmech-1rm td,.runmech-1rm th{text-align:left;padding:1px 14px 1px 0;line-height:1.3}</style>"
            "<table class='runmech-1rm' style='border-collapse:collapse;font-size:14px;margin:6px 0;line-height:1.3'>"
            "<caption style='text-align:left;font-weight:bold;line-height:1.6'>Estimated 1RM by every method</caption>"
            "<thead><tr><th scope='col'>method</th><th scope='col'>1RM</th>"
            "<th scope='col'>within its validated reps</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")
        what = f"the {rec.band} band" if rec.band else format_load(rec.load_kg, u)
        advice.value = (
            "<div style='border-left:4px solid #0072B2;background:#eef4fa;padding:6px 10px;margin:4px 0;"
            f"font-size:15px;line-height:1.4'><b>Next session ({html.escape(rec.rule)}):</b> {html.escape(what)}, {rec.sets} sets of "
            f"{rec.reps_low}-{rec.reps_high}.<br>{html.escape(rec.reason)}</div>")
        with fig.batch_update():
            for i, mm in enumerate(dosing.methods()[:-1]):
                fig.data[i].line.width = 4 if mm == m else 1.5
            fig.data[len(dosing.methods()) - 1].marker.line.width = 4 if m == "nsca" else 0
            fig.data[-1].x = [r, r]
        style.set_live_text(summary, text)

    for ctl in (unit_ctl, load_ctl, reps_ctl, method_ctl, sets_ctl, effort_ctl):
        ctl.observe(update, names="value")
    update()
    box = style.panel(
        style.heading("1RM and next-session calculator"),
        unit_ctl, load_ctl, reps_ctl, method_ctl, msg, table_box, fig, summary,
        style.heading("This session", level=4), sets_ctl, effort_ctl, advice,
        w.HTML("<p style='font-size:13px;color:#555;line-height:1.4'>Estimates are starting guesses: how many reps people manage "
               "at a given share of their 1RM varies widely. Education only, not medical advice.</p>"),
    )
    box.controls = dict(unit=unit_ctl, load=load_ctl, reps=reps_ctl, method=method_ctl, sets=sets_ctl,
                        effort=effort_ctl, message=msg, table=table_box, figure=fig, summary=summary, advice=advice)
    return box


# ----------------------------------------------------------------------------------------------------------------
# plan builder
# ----------------------------------------------------------------------------------------------------------------
def _data_uri(text: str, mime: str) -> str:
    return f"data:{mime};charset=utf-8;base64,{base64.b64encode(text.encode('utf-8')).decode('ascii')}"


def _file_stem(plan: Plan) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", plan.client).strip("-")[:40]
    return f"runmech-plan-{stem}" if stem else "runmech-plan"


def download_links(plan: Plan) -> str:
    """HTML with two download links: the handout (HTML) and the plan (JSON), as ``data:`` addresses.

    Examples
    --------
    >>> links = download_links(Plan(client="Sam").add("open_book"))
    >>> 'class="runmech-download-handout"' in links, 'download="runmech-plan-Sam.json"' in links
    (True, True)
    """
    stem = _file_stem(plan)
    button = ("display:inline-block;margin:4px 8px 4px 0;padding:6px 12px;border:1px solid #0072B2;"
              "border-radius:4px;color:#0072B2;text-decoration:none;font-size:15px")
    return (
        f'<a class="runmech-download-handout" style="{button}" download="{stem}.html" '
        f'href="{_data_uri(render_html(plan), "text/html")}">Download the handout (HTML, print it from the browser)</a>'
        f'<a class="runmech-download-plan" style="{button}" download="{stem}.json" '
        f'href="{_data_uri(plan.to_json(), "application/json")}">Download the plan (JSON, to load it again)</a>'
    )


def _preview(plan: Plan) -> str:
    doc = html.escape(render_html(plan), quote=True)
    return (f'<iframe title="handout preview" sandbox="" srcdoc="{doc}" '
            'style="width:100%;max-width:900px;height:620px;border:1px solid #bbb;background:#f2f2f2"></iframe>')


def plan_builder_panel(plan: Plan | None = None):
    """Build a client's plan from the catalogue, preview the handout, and download it (HTML) and the plan (JSON).

    Parameters
    ----------
    plan : Plan, optional
        A plan to start from (default: an empty one in kilograms).

    Examples
    --------
    >>> p = plan_builder_panel()
    >>> c = p.controls
    >>> c["region"].value = "torso"; c["exercise"].value = "plank_row"; c["load"].value = 8.0
    >>> c["add"].click()
    >>> [i.exercise_id for i in p.plan.exercises], "runmech-download-handout" in c["downloads"].value
    (['plank_row'], True)
    """
    plan = plan if plan is not None else Plan()
    if not isinstance(plan, Plan):
        raise TypeError(f"plan must be a runmech.Plan or None; got {type(plan).__name__}")
    cat = exercises.catalogue()

    region_ctl = w.Dropdown(options=list(exercises.REGIONS), value="torso", description="body region",
                            style=_STYLE, layout=_LAYOUT)
    ex_ctl = w.Dropdown(description="exercise", style=_STYLE, layout=_LAYOUT)
    info = w.HTML()
    sets_ctl = w.IntRangeSlider(value=(2, 3), min=1, max=6, description="sets (fewest to most)", style=_STYLE,
                                layout=_LAYOUT)
    reps_ctl = w.IntRangeSlider(value=(8, 12), min=1, max=30, description="reps (or holds) per set", style=_STYLE,
                                layout=_LAYOUT)
    hold_ctl = w.IntSlider(value=30, min=5, max=120, step=5, description="hold (seconds)", style=_STYLE,
                           layout=_LAYOUT)
    load_ctl = w.BoundedFloatText(value=0.0, min=0.0, max=1000.0, step=0.5, style=_STYLE, layout=_LAYOUT)
    band_ctl = w.Dropdown(options=[("no band", "")] + [(c, c) for c in dosing.band_colours()], value="",
                          description="resistance band colour", style=_STYLE, layout=_LAYOUT)
    extra_ctl = w.IntSlider(value=0, min=0, max=2, description="extra sets on the limited side", style=_STYLE,
                            layout=_LAYOUT)
    side_ctl = w.Dropdown(options=[("neither", ""), ("left", "left"), ("right", "right")], value="",
                          description="more limited side", style=_STYLE, layout=_LAYOUT)
    note_ctl = w.Text(description="note for this exercise", placeholder="optional", style=_STYLE, layout=_LAYOUT)
    add_btn = w.Button(description="add to plan", button_style="primary", icon="plus")
    remove_btn = w.Button(description="remove last", icon="minus")
    clear_btn = w.Button(description="clear plan", icon="trash")

    client_ctl = w.Text(value=plan.client, description="client label (optional)", placeholder="first name or initials",
                        style=_STYLE, layout=_LAYOUT)
    date_ctl = w.DatePicker(value=_dt.date.fromisoformat(plan.date) if plan.date else None,
                            description="plan date", style=_STYLE)
    unit_ctl = w.ToggleButtons(options=[("kilograms", "kg"), ("pounds", "lb")], value=plan.unit,
                               description="show loads in", style=_STYLE)
    sessions_ctl = w.IntSlider(value=plan.sessions, min=1, max=10, description="log columns (sessions)",
                               style=_STYLE, layout=_LAYOUT)
    notes_ctl = w.Textarea(value=plan.notes, description="notes for the client", style=_STYLE,
                           layout=w.Layout(width="100%", max_width="560px", height="70px"))
    upload = w.FileUpload(accept=".json,application/json", multiple=False, description="load plan",
                          layout=w.Layout(width="auto"))
    msg = style.message_box()
    listing = style.live_text("")
    downloads = w.HTML()
    downloads.add_class("runmech-downloads")
    preview = w.HTML()

    state = {"plan": plan}

    def unit_words() -> str:
        return _UNIT_WORDS[unit_ctl.value]

    def set_load_label() -> None:
        load_ctl.description = f"load ({unit_words()}; 0 = none)"
        load_ctl.max = 1000.0 if unit_ctl.value == "kg" else 2200.0

    def refresh() -> None:
        p = state["plan"]
        if p.exercises:
            lines = [f"{i}. {it.exercise.name}: {dose_in_words(it, p.unit)}" for i, it in enumerate(p.exercises, 1)]
            text = f"The plan has {len(p.exercises)} exercise{'s' if len(p.exercises) != 1 else ''}:\n\n" + \
                "\n\n".join(lines)
            if len(p.exercises) > 5:
                text += "\n\nMore than 5 exercises may not fit on one printed page (and fewer are done more often)."
        else:
            text = "The plan is empty: choose an exercise and press 'add to plan'."
        style.set_live_text(listing, text)
        downloads.value = download_links(p)
        preview.value = _preview(p)

    def fill_exercises(change=None) -> None:
        rows = cat[cat["region"] == region_ctl.value]
        ex_ctl.options = [(n, i) for n, i in zip(rows["name"], rows["id"])]
        ex_ctl.value = rows["id"].iloc[0]

    def show_defaults(change=None) -> None:
        if not ex_ctl.value:
            return
        ex = exercises.get(ex_ctl.value)
        sets_ctl.value = (ex.default_sets, ex.default_sets_max)
        reps_ctl.value = (ex.default_reps_low, ex.default_reps_high)
        hold_ctl.disabled = ex.dose_type != "hold_s"
        hold_ctl.value = int(ex.default_hold_s or 30)
        load_ctl.disabled = band_ctl.disabled = ex.dose_type != "load_rm"
        load_ctl.value = 0.0
        band_ctl.value = ""
        extra_ctl.value = 0
        side_ctl.value = ""
        kind = {"reps_per_side": "reps per side", "load_rm": "a load that allows only the reps shown",
                "hold_s": "holds in seconds"}[ex.dose_type]
        cues = "".join(f"<li>{html.escape(c)}</li>" for c in ex.cues)
        info.value = (f"<div style='font-size:14px;margin:2px 0 6px;line-height:1.4'><b>{html.escape(ex.name)}</b> "
                      f"({html.escape(ex.kind)}; dosed in {kind}; equipment: {html.escape(ex.equipment)})"
                      f"<ul style='margin:2px 0'>{cues}</ul><i>{html.escape(ex.evidence)}</i></div>")

    @style.guarded(msg)
    def add(_=None) -> None:
        ex = exercises.get(ex_ctl.value)
        dose = dict(sets=sets_ctl.value[0], sets_max=sets_ctl.value[1], reps_low=reps_ctl.value[0],
                    reps_high=reps_ctl.value[1], note=note_ctl.value.strip())
        if ex.dose_type == "hold_s":
            dose["hold_s"] = float(hold_ctl.value)
        if ex.dose_type == "load_rm":
            if band_ctl.value and load_ctl.value:
                raise ValueError("choose a load or a band colour, not both (set the load to 0 to use a band)")
            if band_ctl.value:
                dose["band"] = band_ctl.value
            elif load_ctl.value:
                key = "load_kg" if unit_ctl.value == "kg" else "load_lb"
                dose[key] = float(load_ctl.value)
        if extra_ctl.value and not side_ctl.value:
            raise ValueError(f"more limited side must be 'left' or 'right' when extra sets is {extra_ctl.value}; "
                             "got 'neither'")
        if side_ctl.value and not extra_ctl.value:
            raise ValueError(f"extra sets on the limited side must be 1 or 2 when the more limited side is "
                             f"{side_ctl.value!r}; got 0")
        if extra_ctl.value:
            dose.update(extra_sets=int(extra_ctl.value), extra_side=side_ctl.value)
        state["plan"].add(ex.id, **dose)
        note_ctl.value = ""
        refresh()

    @style.guarded(msg)
    def remove(_=None) -> None:
        if state["plan"].exercises:
            state["plan"].remove(-1)
        refresh()

    @style.guarded(msg)
    def clear(_=None) -> None:
        state["plan"].exercises.clear()
        refresh()

    @style.guarded(msg)
    def update_details(change=None) -> None:
        p = state["plan"]
        date = date_ctl.value.isoformat() if isinstance(date_ctl.value, _dt.date) else None
        new = Plan(exercises=list(p.exercises), client=client_ctl.value, date=date, unit=unit_ctl.value,
                   sessions=sessions_ctl.value, notes=notes_ctl.value)  # checks every field
        _copy_into(p, new)
        set_load_label()
        refresh()

    @style.guarded(msg)
    def load_plan(change=None) -> None:
        files = upload.value
        if not files:
            return
        f = files[0] if isinstance(files, (tuple, list)) else next(iter(files.values()))
        name = f.get("name", "plan.json") if isinstance(f, dict) else getattr(f, "name", "plan.json")
        content = f["content"] if isinstance(f, dict) else f.content
        new = Plan.from_json(bytes(content), source=name)
        _copy_into(state["plan"], new)
        for ctl, value in ((client_ctl, new.client), (unit_ctl, new.unit), (sessions_ctl, new.sessions),
                           (notes_ctl, new.notes)):
            ctl.unobserve(update_details, names="value")
            ctl.value = value
            ctl.observe(update_details, names="value")
        date_ctl.unobserve(update_details, names="value")
        date_ctl.value = _dt.date.fromisoformat(new.date) if new.date else None
        date_ctl.observe(update_details, names="value")
        set_load_label()
        refresh()

    region_ctl.observe(fill_exercises, names="value")
    ex_ctl.observe(show_defaults, names="value")
    add_btn.on_click(add)
    remove_btn.on_click(remove)
    clear_btn.on_click(clear)
    for ctl in (client_ctl, date_ctl, unit_ctl, sessions_ctl, notes_ctl):
        ctl.observe(update_details, names="value")
    upload.observe(load_plan, names="value")

    fill_exercises()
    show_defaults()
    set_load_label()
    refresh()

    box = style.panel(
        style.heading("Plan builder"),
        style.heading("1. Choose an exercise and its dose", level=4),
        region_ctl, ex_ctl, info, sets_ctl, reps_ctl, hold_ctl, load_ctl, band_ctl, extra_ctl, side_ctl, note_ctl,
        w.HBox([add_btn, remove_btn, clear_btn]), msg,
        style.heading("2. The client", level=4),
        client_ctl, date_ctl, unit_ctl, sessions_ctl, notes_ctl,
        style.heading("3. The plan, the handout and the downloads", level=4),
        listing, downloads, w.HBox([w.Label("or open a saved plan (.json file):"), upload]), preview,
    )
    box.controls = dict(region=region_ctl, exercise=ex_ctl, info=info, sets=sets_ctl, reps=reps_ctl, hold=hold_ctl,
                        load=load_ctl, band=band_ctl, extra_sets=extra_ctl, extra_side=side_ctl, note=note_ctl,
                        add=add_btn, remove=remove_btn, clear=clear_btn, client=client_ctl, date=date_ctl,
                        unit=unit_ctl, sessions=sessions_ctl, notes=notes_ctl, upload=upload, message=msg,
                        listing=listing, downloads=downloads, preview=preview)
    box.plan = state["plan"]  # the same object throughout: edits and loads change it in place
    return box


def _copy_into(target: Plan, source: Plan) -> None:
    """Make ``target`` hold what ``source`` holds (both already validated)."""
    target.exercises[:] = list(source.exercises)
    target.client, target.date, target.unit = source.client, source.date, source.unit
    target.sessions, target.notes = source.sessions, source.notes
