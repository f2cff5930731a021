"""The plan builder: a client's exercises and doses from the catalogue, the handout previewed and downloaded.

The builder calls :class:`runmech.Plan` for every check and :mod:`runmech.dosing.wording` for every sentence; it
computes a starting load from today's test with :func:`runmech.dosing.progression.starting_load`. Its downloads are
ordinary links with ``data:`` addresses (classes ``runmech-download-handout`` and ``runmech-download-plan``), so
they work offline, in JupyterLab and in Voila, and send nothing anywhere. They always hold exactly the plan the boxes
show: while a box holds something the plan cannot take, the links are replaced by the reason, next to the box.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import re

import ipywidgets as w

from runmech import dosing
from runmech._validate import check_instance, check_int, check_real
from runmech.constants import KG_PER_LB, LB_PER_KG
from runmech.dosing import exercises
from runmech.dosing.handout import MAX_ONE_PAGE, render_html
from runmech.dosing.plan import Plan, PlanItem, pain_limits
from runmech.dosing.progression import starting_load
from runmech.dosing.wording import dose_in_words, format_load, languages
from runmech.ui import style
from runmech.ui.exercises import figure_html

__all__ = ["plan_builder_panel", "download_links", "field"]

_UNIT_WORDS = {"kg": "kilograms", "lb": "pounds"}
_LAYOUT = w.Layout(width="100%", max_width="560px")
_STYLE = {"description_width": "230px"}
_LANGUAGE_NAMES = {"en": "English", "es": "Spanish (español)"}
_BASES = [("typed in", ""), ("load used in today's test", "today"), ("from today's test: a share of the 1RM", "1rm")]


def field(control: w.Widget, message: w.HTML) -> w.VBox:
    """A control with its own message box right under it (so a typing slip is reported where it was made).

    Examples
    --------
    >>> box = field(w.Text(description="reps"), style.message_box())
    >>> len(box.children)
    2
    """
    control = check_instance("control", control, w.Widget, "an ipywidgets control")
    message = check_instance("message", message, w.HTML, "a message box (runmech.ui.style.message_box)")
    box = w.VBox([control, message], layout=w.Layout(width="100%"))
    box.add_class("runmech-field")
    return box


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
    plan = check_instance("plan", plan, Plan, "a runmech Plan")
    stem = _file_stem(plan)
    button = ("display:inline-block;margin:4px 8px 4px 0;padding:6px 12px;border:1px solid #0072B2;"
              "border-radius:4px;color:#0072B2;text-decoration:none;font-size:15px")
    return (
        f'<a class="runmech-download-handout" style="{button}" download="{stem}.html" '
        f'href="{_data_uri(render_html(plan), "text/html")}">Download the handout (HTML, print it from the browser)</a>'
        f'<a class="runmech-download-plan" style="{button}" download="{stem}.json" '
        f'href="{_data_uri(plan.to_json(), "application/json")}">Download the plan (JSON, to load it again)</a>'
    )


def _no_downloads(reason: str) -> str:
    return ("<div class='runmech-downloads-off' role='status' style='color:#8a1c00;font-size:15px;margin:4px 0'>"
            f"<b>Downloads are paused</b> until the boxes above are fixed: {html.escape(reason)}</div>")


def _preview(plan: Plan) -> str:
    doc = html.escape(render_html(plan), quote=True)
    return (f'<iframe title="handout preview" sandbox="" srcdoc="{doc}" '
            'style="width:100%;max-width:900px;height:620px;border:1px solid #bbb;background:#f2f2f2"></iframe>')


def _tempo(text: str):
    text = str(text).strip()
    if not text:
        return None
    parts = [p for p in re.split(r"[-\s,/]+", text) if p]
    try:
        values = [int(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 3:
        raise ValueError(f"tempo must be three whole numbers of seconds (move-hold-back), e.g. 2-1-2, or empty; "
                         f"got {text!r}")
    return tuple(check_int(f"tempo ({k})", v, low=0, high=10, unit="s") for k, v in zip(("move", "hold", "back"),
                                                                                         values))


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

    def mk(cls, **kw):
        kw.setdefault("style", _STYLE)
        kw.setdefault("layout", _LAYOUT)
        return cls(**kw)

    region_ctl = mk(w.Dropdown, options=list(exercises.REGIONS), value="torso", description="body region")
    ex_ctl = mk(w.Dropdown, description="exercise")
    drawing = w.HTML(layout=w.Layout(width="100%"))
    info = w.HTML()
    sets_ctl = mk(w.IntRangeSlider, value=(2, 3), min=1, max=6, description="sets (fewest to most)")
    reps_ctl = mk(w.IntRangeSlider, value=(8, 12), min=1, max=30, description="reps (or holds) per set")
    hold_ctl = mk(w.IntSlider, value=30, min=5, max=120, step=5, description="hold (seconds)")
    tempo_ctl = mk(w.Text, description="tempo (s: move-hold-back)", placeholder="e.g. 2-1-2, or leave empty",
                   continuous_update=False)
    rest_ctl = mk(w.IntSlider, value=90, min=0, max=300, step=15, description="rest between sets (seconds)")
    days_ctl = mk(w.IntSlider, value=2, min=1, max=7, description="days a week")
    basis_ctl = mk(w.Dropdown, options=_BASES, value="", description="starting load")
    test_load_ctl = mk(w.BoundedFloatText, value=0.0, min=0.0, max=1000.0, step=0.5)
    test_reps_ctl = mk(w.BoundedIntText, value=10, min=1, max=30, description="reps done in today's test")
    load_ctl = mk(w.BoundedFloatText, value=0.0, min=0.0, max=1000.0, step=0.5)
    band_ctl = mk(w.Dropdown, options=[("no band", "")] + [(c, c) for c in dosing.band_colours()], value="",
                  description="resistance band colour")
    extra_ctl = mk(w.IntSlider, value=0, min=0, max=2, description="extra sets on the limited side")
    side_ctl = mk(w.Dropdown, options=[("neither", ""), ("left", "left"), ("right", "right")], value="",
                  description="more limited side")
    note_ctl = mk(w.Text, description="note for this exercise", placeholder="optional")
    add_btn = w.Button(description="add to plan", button_style="primary", icon="plus")
    remove_btn = w.Button(description="remove last", icon="minus")
    clear_btn = w.Button(description="clear plan", icon="trash")

    wide = w.Layout(width="100%", max_width="560px")
    client_ctl = mk(w.Text, value=plan.client, description="client label (optional)",
                    placeholder="first name or initials")
    date_ctl = mk(w.DatePicker, value=_dt.date.fromisoformat(plan.date) if plan.date else None,
                  description="plan date", layout=wide)
    review_ctl = mk(w.DatePicker, value=_dt.date.fromisoformat(plan.review_date) if plan.review_date else None,
                    description="review date", layout=wide)
    therapist_ctl = mk(w.Text, value=plan.therapist, description="therapist", placeholder="name and title")
    contact_ctl = mk(w.Text, value=plan.contact, description="contact", placeholder="phone or e-mail")
    unit_ctl = w.ToggleButtons(options=[("kilograms", "kg"), ("pounds", "lb")], value=plan.unit,
                               description="show loads in", style=_STYLE)
    lang_ctl = mk(w.Dropdown, options=[(_LANGUAGE_NAMES.get(c, c), c) for c in languages()], value=plan.language,
                  description="handout language")
    sessions_ctl = mk(w.IntSlider, value=plan.sessions, min=1, max=10, description="log columns (sessions)")
    lo, hi = pain_limits()
    pain_ctl = w.Checkbox(value=plan.pain_rule, description="print the pain guide (Silbernagel et al. 2007)",
                          indent=False, style={"description_width": "initial"},
                          layout=w.Layout(width="auto", margin="2px 0 2px 236px"))
    pain_limit_ctl = mk(w.IntSlider, value=plan.pain_limit, min=lo, max=hi, description="pain allowed (0-10)")
    notes_ctl = mk(w.Textarea, value=plan.notes, description="notes for the client",
                   layout=w.Layout(width="100%", max_width="560px", height="70px"))
    upload = w.FileUpload(accept=".json,application/json", multiple=False, description="load plan",
                          layout=w.Layout(width="auto"))
    msg = style.message_box()          # the exercise and dose boxes
    load_msg = style.message_box()     # the starting load from the test
    details_msg = style.message_box()  # the client boxes
    file_msg = style.message_box()     # a plan file that cannot be opened
    listing = style.live_text("")
    downloads = w.HTML()
    downloads.add_class("runmech-downloads")
    preview = w.HTML()
    state = {"plan": plan}

    def in_kg(value: float, what: str) -> float:
        u = unit_ctl.value
        v = check_real(f"{what} ({_UNIT_WORDS[u]})", value, low=0.0, high=1000.0 if u == "kg" else 2204.0, unit=u,
                       low_inclusive=False)
        return v if u == "kg" else v * KG_PER_LB

    def set_labels() -> None:
        words = _UNIT_WORDS[unit_ctl.value]
        load_ctl.description = f"starting load ({words}; 0 = none)"
        test_load_ctl.description = f"load used in today's test ({words})"
        for ctl in (load_ctl, test_load_ctl):
            ctl.max = 1000.0 if unit_ctl.value == "kg" else 2200.0

    def refresh() -> None:
        p = state["plan"]
        if p.exercises:
            lines = [f"{i}. {it.exercise.name}: {dose_in_words(it, p.unit)}" for i, it in enumerate(p.exercises, 1)]
            text = f"The plan has {len(p.exercises)} exercise{'s' if len(p.exercises) != 1 else ''}:\n\n" + \
                "\n\n".join(lines)
            if len(p.exercises) > MAX_ONE_PAGE:
                text += (f"\n\nMore than {MAX_ONE_PAGE} exercises print on two pages (and fewer are done more "
                         "often).")
        else:
            text = "The plan is empty: choose an exercise and press 'add to plan'."
        style.set_live_text(listing, text)
        downloads.value = download_links(p)
        preview.value = _preview(p)

    def fill_exercises(change=None) -> None:
        rows = cat[cat["region"] == region_ctl.value]
        ex_ctl.options = [(n, i) for n, i in zip(rows["name"], rows["id"])]
        ex_ctl.value = rows["id"].iloc[0]

    def show_basis(change=None) -> None:
        ex = exercises.get(ex_ctl.value)
        weighted = ex.dose_type == "load_rm"
        basis = basis_ctl.value if weighted else ""
        basis_ctl.disabled = band_ctl.disabled = not weighted
        test_load_ctl.disabled = basis == ""
        test_reps_ctl.disabled = basis != "1rm"
        load_ctl.disabled = not weighted or basis != ""
        update_start_load()

    def update_start_load(change=None) -> None:
        """Fill the starting load from today's test (when the starting load comes from it)."""
        basis = basis_ctl.value
        if basis == "" or basis_ctl.disabled:
            style.clear_message(load_msg)
            return
        try:
            test_kg = in_kg(test_load_ctl.value, "load used in today's test")
            if basis == "today":
                kg, text = test_kg, ""
            else:
                kg, one = starting_load(test_kg, int(test_reps_ctl.value), target_reps=reps_ctl.value[1],
                                        unit=unit_ctl.value)
                text = (f"1RM estimated from the test: {format_load(one, unit_ctl.value)}; the starting load "
                        f"aims at {reps_ctl.value[1]} reps and is rounded down to "
                        f"{format_load(kg, unit_ctl.value)}.")
        except (ValueError, TypeError) as exc:
            style.show_message(load_msg, str(exc))
            return
        load_ctl.value = round(kg if unit_ctl.value == "kg" else kg * LB_PER_KG, 1)
        load_msg.value = f"<div style='font-size:14px;color:#333;margin:2px 0 4px'>{html.escape(text)}</div>" \
            if text else ""

    def show_defaults(change=None) -> None:
        if not ex_ctl.value:
            return
        ex = exercises.get(ex_ctl.value)
        item = PlanItem.from_catalogue(ex.id)
        sets_ctl.value = (item.sets, item.sets_max)
        reps_ctl.value = (item.reps_low, item.reps_high)
        hold_ctl.disabled = ex.dose_type != "hold_s"
        hold_ctl.value = int(ex.default_hold_s or 30)
        rest_ctl.value = int(item.rest_s or 0)
        days_ctl.value = int(item.days_per_week or 2)
        tempo_ctl.value = ""
        load_ctl.value = 0.0
        band_ctl.value = ""
        basis_ctl.value = ""
        extra_ctl.value = 0
        side_ctl.value = ""
        kind = {"reps_per_side": "reps per side", "load_rm": "a load that allows only the reps shown",
                "hold_s": "holds in seconds"}[ex.dose_type]
        cues = "".join(f"<li>{html.escape(c)}</li>" for c in ex.cues)
        info.value = (f"<div style='font-size:14px;margin:2px 0 6px;line-height:1.4'><b>{html.escape(ex.name)}</b> "
                      f"({html.escape(ex.kind)}; dosed in {kind}; equipment: {html.escape(ex.equipment)})"
                      f"<ul style='margin:2px 0'>{cues}</ul><i>{html.escape(ex.evidence)}</i></div>")
        drawing.value = figure_html(ex.id)
        show_basis()

    @style.guarded(msg)
    def add(_=None) -> None:
        ex = exercises.get(ex_ctl.value)
        dose = dict(sets=sets_ctl.value[0], sets_max=sets_ctl.value[1], reps_low=reps_ctl.value[0],
                    reps_high=reps_ctl.value[1], note=note_ctl.value.strip(), days_per_week=int(days_ctl.value),
                    rest_s=float(rest_ctl.value), tempo=_tempo(tempo_ctl.value))
        if ex.dose_type == "hold_s":
            dose["hold_s"] = float(hold_ctl.value)
        if ex.dose_type == "load_rm":
            if band_ctl.value and (load_ctl.value or basis_ctl.value):
                raise ValueError("choose a load or a band colour, not both (set the load to 0 and the starting "
                                 "load to 'typed in' to use a band)")
            if band_ctl.value:
                dose["band"] = band_ctl.value
            elif basis_ctl.value:
                test_kg = in_kg(test_load_ctl.value, "load used in today's test")
                dose.update(load_basis=basis_ctl.value, test_load_kg=test_kg)
                if basis_ctl.value == "1rm":
                    kg, one = starting_load(test_kg, int(test_reps_ctl.value), target_reps=reps_ctl.value[1],
                                            unit=unit_ctl.value)
                    dose.update(load_kg=kg, test_reps=int(test_reps_ctl.value), one_rm_kg=one)
                else:
                    dose["load_kg"] = test_kg
            elif load_ctl.value:
                dose["load_kg"] = in_kg(load_ctl.value, "starting load")
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

    detail_ctls = (client_ctl, date_ctl, review_ctl, therapist_ctl, contact_ctl, unit_ctl, lang_ctl, sessions_ctl,
                   pain_ctl, pain_limit_ctl, notes_ctl)

    def update_details(change=None) -> None:
        p = state["plan"]

        def day(v):
            return v.isoformat() if isinstance(v, _dt.date) else None

        try:
            new = Plan(exercises=list(p.exercises), client=client_ctl.value, date=day(date_ctl.value),
                       unit=unit_ctl.value, sessions=sessions_ctl.value, notes=notes_ctl.value,
                       therapist=therapist_ctl.value, contact=contact_ctl.value, review_date=day(review_ctl.value),
                       language=lang_ctl.value, pain_rule=pain_ctl.value, pain_limit=pain_limit_ctl.value)
        except (ValueError, TypeError) as exc:  # the plan keeps its last good state; the links say why they wait
            style.show_message(details_msg, str(exc))
            downloads.value = _no_downloads(str(exc))
            return
        style.clear_message(details_msg)
        _copy_into(p, new)
        set_labels()
        pain_limit_ctl.disabled = not pain_ctl.value
        refresh()

    @style.guarded(file_msg)
    def load_plan(change=None) -> None:
        files = upload.value
        if not files:
            return
        f = files[0] if isinstance(files, (tuple, list)) else next(iter(files.values()))
        name = f.get("name", "plan.json") if isinstance(f, dict) else getattr(f, "name", "plan.json")
        content = f["content"] if isinstance(f, dict) else f.content
        new = Plan.from_json(bytes(content), source=name)
        _copy_into(state["plan"], new)
        values = ((client_ctl, new.client), (unit_ctl, new.unit), (sessions_ctl, new.sessions),
                  (notes_ctl, new.notes), (therapist_ctl, new.therapist), (contact_ctl, new.contact),
                  (lang_ctl, new.language), (pain_ctl, new.pain_rule), (pain_limit_ctl, new.pain_limit),
                  (date_ctl, _dt.date.fromisoformat(new.date) if new.date else None),
                  (review_ctl, _dt.date.fromisoformat(new.review_date) if new.review_date else None))
        for ctl, value in values:
            ctl.unobserve(update_details, names="value")
            ctl.value = value
            ctl.observe(update_details, names="value")
        style.clear_message(details_msg)
        set_labels()
        refresh()

    region_ctl.observe(fill_exercises, names="value")
    ex_ctl.observe(show_defaults, names="value")
    basis_ctl.observe(show_basis, names="value")
    for ctl in (test_load_ctl, test_reps_ctl, reps_ctl):
        ctl.observe(update_start_load, names="value")
    add_btn.on_click(add)
    remove_btn.on_click(remove)
    clear_btn.on_click(clear)
    for ctl in detail_ctls:
        ctl.observe(update_details, names="value")
    upload.observe(load_plan, names="value")

    set_labels()
    fill_exercises()
    show_defaults()
    refresh()

    box = style.panel(
        style.heading("Plan builder"),
        style.heading("1. Choose an exercise and its dose", level=4),
        region_ctl, ex_ctl, drawing, info, sets_ctl, reps_ctl, hold_ctl, tempo_ctl, rest_ctl, days_ctl,
        basis_ctl, test_load_ctl, test_reps_ctl, field(load_ctl, load_msg), band_ctl, extra_ctl, side_ctl, note_ctl,
        w.HBox([add_btn, remove_btn, clear_btn]), msg,
        style.heading("2. The client and the therapist", level=4),
        client_ctl, date_ctl, therapist_ctl, contact_ctl, review_ctl, unit_ctl, lang_ctl, sessions_ctl, pain_ctl,
        pain_limit_ctl, notes_ctl, details_msg,
        style.heading("3. The plan, the handout and the downloads", level=4),
        listing, downloads, w.HBox([w.Label("or open a saved plan (.json file):"), upload]), file_msg, preview,
    )
    box.controls = dict(region=region_ctl, exercise=ex_ctl, drawing=drawing, info=info, sets=sets_ctl,
                        reps=reps_ctl, hold=hold_ctl, tempo=tempo_ctl, rest=rest_ctl, days=days_ctl,
                        basis=basis_ctl, test_load=test_load_ctl, test_reps=test_reps_ctl, load=load_ctl,
                        load_message=load_msg, band=band_ctl, extra_sets=extra_ctl, extra_side=side_ctl,
                        note=note_ctl, add=add_btn, remove=remove_btn, clear=clear_btn, client=client_ctl,
                        date=date_ctl, review_date=review_ctl, therapist=therapist_ctl, contact=contact_ctl,
                        unit=unit_ctl, language=lang_ctl, sessions=sessions_ctl, pain_rule=pain_ctl,
                        pain_limit=pain_limit_ctl, notes=notes_ctl, upload=upload, message=msg,
                        details_message=details_msg, file_message=file_msg, listing=listing, downloads=downloads,
                        preview=preview)
    box.plan = state["plan"]  # the same object throughout: edits and loads change it in place
    return box


def _copy_into(target: Plan, source: Plan) -> None:
    """Make ``target`` hold what ``source`` holds (both already validated)."""
    target.exercises[:] = list(source.exercises)
    for name in ("client", "date", "unit", "sessions", "notes", "therapist", "contact", "review_date", "language",
                 "pain_rule", "pain_limit"):
        setattr(target, name, getattr(source, name))
