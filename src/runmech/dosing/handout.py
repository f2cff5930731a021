"""The printable handout of a :class:`runmech.Plan`, in the plan's language.

The page is a single self-contained HTML file: its own CSS (with print styles for A4 and US Letter), no scripts,
no links, no web fonts, no remote images, and a content security policy that forbids loading anything, so it opens
offline and sends nothing anywhere. Everything typed into a plan (client label, notes, exercise notes, therapist)
is escaped.

Each exercise shows a drawing of its start and end (inline SVG from :mod:`runmech.dosing.drawings`, with a text
alternative), its name, the dose in words, how often and how to move, where the starting load came from, two or
three cues, the easier and harder versions, how to progress, and a log grid (one row per set, one column per
session). Up to six exercises fit on one printed page; more flow onto the next page, and an exercise is never split
across pages. The pain-monitoring rule (Silbernagel et al. 2007) closes the list when the plan asks for it.

Words come from :mod:`runmech.dosing.wording` and its catalogues (English, Spanish, ...).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from runmech._data import sources
from runmech.dosing import drawings
from runmech.dosing import exercises as _ex
from runmech.dosing.plan import Plan, PlanItem
from runmech.dosing.planjson import write_atomically
from runmech.dosing.wording import (
    N_,
    date_words,
    days_words,
    dose_in_words,
    format_load,
    rest_words,
    tempo_words,
    translator,
)

__all__ = ["DISCLAIMER", "MAX_ONE_PAGE", "dose_in_words", "format_load", "pain_rule_text", "render_html", "save_html"]

#: Exercises that fit on one printed page (A4 or Letter) with their drawings.
MAX_ONE_PAGE = 6

DISCLAIMER = N_(
    "For education only; this handout is not medical advice. The exercises are meant for healthy tissue. "
    "If you have pain that does not settle or an injury that has not healed, see a physical therapist before "
    "you start, and stop any exercise that causes sharp pain."
)

_L = {  # labels of the page, marked for translation (the extractor does not look inside f-strings)
    'your_therapist_set_this_': N_('(Your therapist set this limit; the model allows up to {model}.)'),
    'pain_monitoring_model_ci': N_('Pain-monitoring model: {citation}'),
    'the_load_you_used_in_tod': N_("The load you used in today's test."),
    'from_today_s_test_load_u': N_("From today's test: {load} \u00d7 {reps} reps, an estimated 1RM of {one_rm}."),
    'move_gently_never_force_': N_('Move gently; never force the range.'),
    'move_to_the_next_band_co': N_('move to the next band colour'),
    'go_a_little_heavier': N_('go a little heavier'),
    'when_sets_sets_of_reps_f': N_('When {sets} sets of {reps} feel easy, {step}; below {low} reps, go lighter.'),
    'easier': N_('Easier:'),
    'harder': N_('Harder:'),
    'set_n': N_('Set {n}'),
    'l': N_('L'),
    'r': N_('R'),
    'date': N_('Date:'),
    'date_col': N_('date'),
    'log_for_name': N_('log for {name}'),
    'log_reps_done_or_u2713': N_("Log: reps done (or \u2713)"),
    'for': N_('For:'),
    'loads_in_pounds_lb': N_('Loads in pounds (lb)'),
    'loads_in_kilograms_kg': N_('Loads in kilograms (kg)'),
    'your_therapist': N_('Your therapist:'),
    'contact': N_('Contact:'),
    'next_review': N_('Next review:'),
    'no_exercises_in_this_pla': N_('No exercises in this plan yet.'),
    'notes': N_('notes'),
    'pain_rule': N_('pain rule'),
    'pain_guide': N_('Pain guide:'),
    'exercise_plan': N_('Exercise plan'),
    'your_exercise_plan': N_('Your exercise plan'),
    'please_read': N_('Please read:'),
    'made_with_runmech_an_ope': N_('Made with runmech, an open notebook kit. This page works offline and contains no tracking.'),
}

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

_CSS = """
:root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #9a9a9a; --accent: #0072B2; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #f2f2f2; color: var(--ink);
       font-family: "DejaVu Sans", Verdana, "Segoe UI", Arial, sans-serif; font-size: 17px; line-height: 1.32; }
.sheet { max-width: 8.2in; margin: 16px auto; background: #fff; padding: 0.4in 0.45in;
         box-shadow: 0 1px 6px rgba(0,0,0,.2); }
header { display: flex; justify-content: space-between; align-items: baseline; flex-wrap: wrap;
         border-bottom: 3px solid var(--accent); padding-bottom: 3px; margin-bottom: 5px; gap: 2px 16px; }
h1 { font-size: 1.5em; margin: 0; }
.meta, .who { margin: 0; font-size: 0.92em; }
.who { margin: 2px 0 4px; }
.meta span + span::before, .who span + span::before { content: " \\00b7  "; color: var(--muted); }
.notes { margin: 3px 0 5px; padding: 4px 10px; border-left: 4px solid var(--accent); background: #eef4fa;
         white-space: pre-wrap; }
ol.exercises { list-style: none; margin: 0; padding: 0; }
li.ex { display: grid; grid-template-columns: 13em minmax(0, 1fr); grid-template-areas: "fig text" "fig log";
        gap: 4px 14px; padding: 6px 0; border-bottom: 1px solid #bbb; break-inside: avoid; page-break-inside: avoid;
        align-items: start; }
li.ex.empty { display: block; }
.fig { grid-area: fig; } .ex-text { grid-area: text; } table.log { grid-area: log; }
.fig svg { width: 100%; height: auto; display: block; }
h2 { font-size: 1.08em; margin: 0; }
h2 .num { color: var(--accent); }
.dose { margin: 0; font-weight: bold; }
.when, .basis { margin: 0; font-size: 0.86em; }
.cues { margin: 1px 0 0; font-size: 0.84em; }
.alt, .note { margin: 0; font-size: 0.8em; color: var(--muted); }
.note { color: var(--ink); font-style: italic; white-space: pre-wrap; }
table.log { border-collapse: collapse; font-size: 0.7em; }
table.log caption { text-align: left; color: var(--muted); padding-bottom: 1px; }
table.log th, table.log td { border: 1px solid var(--line); padding: 0 2px; height: 1.6em; text-align: left; }
table.log thead th { font-weight: normal; color: var(--muted); min-width: 2.6em; }
table.log tbody td { min-width: 2.6em; }
table.log tbody th { font-weight: normal; white-space: nowrap; }
.pain { margin: 6px 0 0; padding: 4px 10px; border: 2px solid var(--ink); font-size: 0.86em; break-inside: avoid; }
.pain .src { color: var(--muted); font-size: 0.9em; }
footer { margin-top: 5px; font-size: 0.74em; color: var(--muted); }
footer p { margin: 1px 0; }
@media (max-width: 700px) { li.ex { grid-template-columns: 1fr; grid-template-areas: "fig" "text" "log"; }
                            .sheet { padding: 12px; } }
@page { margin: 8mm 10mm; }
@media print {
  body { background: #fff; font-size: 8.9pt; line-height: 1.2; }
  .sheet { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  h1 { font-size: 14pt; }
  li.ex { padding: 2px 0; grid-template-columns: 45mm minmax(0, 1fr) auto; grid-template-areas: "fig text log";
          gap: 1px 9px; }
  .cues { font-size: 0.82em; }
  .alt, .note { font-size: 0.78em; }
  table.log thead th, table.log tbody td { min-width: 2.2em; }
  table.log th, table.log td { height: 1.45em; }
  footer { font-size: 0.7em; }
  .notes, .pain { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _short_citation(file: str, key: str) -> str:
    row = sources()
    row = row[(row["file"] == file) & (row["key"] == key)]
    text = str(row["citation"].iloc[0])
    author = text.split(" ", 1)[0].rstrip(",")
    year = re.search(r"\((\d{4})\)", text)
    journal = re.search(r"\)\s[^.]+\.\s([^0-9]+?)\s\d", text)
    parts = [f"{author} et al. {year.group(1) if year else ''}".strip()]
    if journal:
        parts.append(journal.group(1).strip())
    return ", ".join(parts)


def pain_rule_text(limit: int | None = None, *, lang: str = "en") -> tuple[str, str]:
    """The pain-monitoring rule for the client and its source, e.g. for the bottom of the handout.

    Parameters
    ----------
    limit : int, optional
        Highest pain allowed on a 0-10 scale (default: the model's limit in ``data/pain_monitoring.csv``).

    Examples
    --------
    >>> rule, source = pain_rule_text()
    >>> rule.startswith("Pain during and after the exercises may reach 5 out of 10"), source
    (True, 'Pain-monitoring model: Silbernagel et al. 2007, Am J Sports Med')
    """
    from runmech.dosing.plan import pain_limits

    lo, model = pain_limits()
    t = translator(lang)
    lim = model if limit is None else int(limit)
    if not lo <= lim <= model:
        raise ValueError(f"limit must be a whole number from {lo} to {model} (0-10 pain scale); got {limit!r}")
    rule = t._("Pain during and after the exercises may reach {limit} out of 10 if it has settled by the next "
               "morning, and pain or stiffness should not build up from week to week. If it does, go lighter or "
               "easier next time and tell your therapist.").format(limit=lim)
    if lim != model:
        rule += " " + t._(_L["your_therapist_set_this_"]).format(model=model)
    source = t._(_L["pain_monitoring_model_ci"]).format(
        citation=_short_citation("pain_monitoring.csv", "silbernagel2007"))
    return rule, source


def _schedule(item: PlanItem, lang: str) -> str:
    parts = []
    if item.days_per_week:
        parts.append(days_words(item.days_per_week, lang=lang))
    if item.rest_s is not None and item.sets_max > 1:
        parts.append(rest_words(item.rest_s, lang=lang))
    if item.tempo is not None:
        parts.append(tempo_words(item.tempo, lang=lang))
    return " \u00b7 ".join(parts)


def _basis(item: PlanItem, unit: str, lang: str) -> str:
    t = translator(lang)
    if item.load_basis == "today":
        return t._(_L["the_load_you_used_in_tod"])
    if item.load_basis == "1rm":
        return t._(_L["from_today_s_test_load_u"]).format(
            load=format_load(item.test_load_kg, unit, lang=lang), reps=item.test_reps,
            one_rm=format_load(item.one_rm_kg, unit, lang=lang))
    return ""


def _progress(item: PlanItem, lang: str) -> str:
    t = translator(lang)
    ex = _ex.get(item.exercise_id)
    if ex.dose_type != "load_rm":
        return t._(_L["move_gently_never_force_"]) if ex.kind == "mobility" else ""
    step = t._(_L["move_to_the_next_band_co"]) if item.band else t._(_L["go_a_little_heavier"])
    return t._(_L["when_sets_sets_of_reps_f"]).format(
        sets=item.sets_max, reps=item.reps_high, step=step, low=item.reps_low)


def _alternatives(item: PlanItem, lang: str) -> str:
    t = translator(lang)
    ex = _ex.get(item.exercise_id)
    parts = []
    if ex.easier:
        parts.append(f"<b>{_e(t._(_L['easier']))}</b> {_e(t._(_ex.get(ex.easier).name))}")
    if ex.harder:
        parts.append(f"<b>{_e(t._(_L['harder']))}</b> {_e(t._(_ex.get(ex.harder).name))}")
    return " \u00b7 ".join(parts)


def _log_grid(item: PlanItem, sessions: int, name: str, lang: str) -> str:
    t = translator(lang)
    rows = [t._(_L["set_n"]).format(n=i) for i in range(1, item.sets_max + 1)]
    side = t._(_L["l"]) if item.extra_side == "left" else t._(_L["r"])
    rows += [f"+{k} {side}" for k in range(1, item.extra_sets + 1)]
    head = "".join(f'<th scope="col">{_e(t._(_L["date_col"]))}</th>' for _ in range(sessions))
    body = "".join(f'<tr><th scope="row">{_e(r)}</th>{"<td></td>" * sessions}</tr>' for r in rows)
    label = t._(_L["log_for_name"]).format(name=name)
    return (f'<table class="log" aria-label="{_e(label)}"><caption>{_e(t._(_L["log_reps_done_or_u2713"]))}'
            f'</caption><thead><tr><th scope="col"></th>{head}</tr></thead><tbody>{body}</tbody></table>')


def _item_html(n: int, item: PlanItem, plan: Plan) -> str:
    lang = plan.language
    t = translator(lang)
    ex = _ex.get(item.exercise_id)
    name = t._(ex.name)
    figure = drawings.still_svg(ex.id, uid=f"fig{n}", translate=t._)
    texts = [f'<h2><span class="num">{n}.</span> {_e(name)}</h2>',
             f'<p class="dose">{_e(dose_in_words(item, plan.unit, lang=lang))}</p>']
    for css, text in (("when", _schedule(item, lang)), ("basis", _basis(item, plan.unit, lang))):
        if text:
            texts.append(f'<p class="{css}">{_e(text)}</p>')
    cues = " \u00b7 ".join(_e(t._(c)) for c in ex.cues[:3])
    texts.append(f'<p class="cues">{cues}</p>')
    line = " \u00b7 ".join(part for part in (_alternatives(item, lang), _e(_progress(item, lang))) if part)
    if line:
        texts.append(f'<p class="alt">{line}</p>')
    if item.note:
        texts.append(f'<p class="note">{_e(item.note)}</p>')
    return (f'<li class="ex"><div class="fig">{figure}</div><div class="ex-text">{"".join(texts)}</div>'
            f"{_log_grid(item, plan.sessions, name, lang)}</li>")


def render_html(plan: Plan) -> str:
    """The handout of ``plan`` as a complete HTML page (a string), in ``plan.language``.

    Examples
    --------
    >>> from runmech.dosing.plan import Plan
    >>> page = render_html(Plan(client='Jo "the <script>"').add("open_book"))
    >>> "Jo &quot;the &lt;script&gt;&quot;" in page, "<script" in page
    (True, False)
    >>> page.count('class="ex"'), page.count("<svg")
    (1, 1)
    >>> "Tu plan de ejercicios" in render_html(Plan(language="es").add("open_book"))
    True
    """
    if not isinstance(plan, Plan):
        raise TypeError(f"plan must be a runmech.Plan; got {type(plan).__name__}")
    lang = plan.language
    t = translator(lang)
    meta = []
    if plan.client:
        meta.append(f"<span>{_e(t._(_L['for']))} <strong>{_e(plan.client)}</strong></span>")
    date = date_words(plan.date, lang=lang) if plan.date else "______________"
    meta.append(f"<span>{_e(t._(_L['date']))} {_e(date)}</span>")
    meta.append(f"<span>{_e(t._(_L['loads_in_pounds_lb']) if plan.unit == 'lb' else t._(_L['loads_in_kilograms_kg']))}"
                "</span>")
    who = []
    if plan.therapist:
        who.append(f"<span>{_e(t._(_L['your_therapist']))} <strong>{_e(plan.therapist)}</strong></span>")
    if plan.contact:
        who.append(f"<span>{_e(t._(_L['contact']))} {_e(plan.contact)}</span>")
    if plan.review_date:
        who.append(f"<span>{_e(t._(_L['next_review']))} {_e(date_words(plan.review_date, lang=lang))}</span>")
    who_html = f'<p class="who">{"".join(who)}</p>' if who else ""
    items = [_item_html(n, item, plan) for n, item in enumerate(plan.exercises, start=1)]
    if not items:
        items.append(f'<li class="ex empty"><p>{_e(t._(_L["no_exercises_in_this_pla"]))}</p></li>')
    notes = f'<section class="notes" aria-label="{_e(t._(_L["notes"]))}">{_e(plan.notes)}</section>' \
        if plan.notes.strip() else ""
    pain = ""
    if plan.pain_rule:
        rule, source = pain_rule_text(plan.pain_limit, lang=lang)
        pain = (f'<section class="pain" aria-label="{_e(t._(_L["pain_rule"]))}"><strong>{_e(t._(_L["pain_guide"]))}'
                f'</strong> {_e(rule)} <span class="src">{_e(source)}</span></section>')
    title = t._(_L["exercise_plan"]) + (f" \u2013 {plan.client}" if plan.client else "")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>\n"
        '<body><main class="sheet">'
        f'<header><h1>{_e(t._(_L["your_exercise_plan"]))}</h1><p class="meta">{"".join(meta)}</p></header>'
        f"{who_html}"
        f"{notes}"
        f'<ol class="exercises">{"".join(items)}</ol>{pain}'
        f'<footer><p><strong>{_e(t._(_L["please_read"]))}</strong> {_e(t._(DISCLAIMER))}</p>'
        f'<p>{_e(t._(_L["made_with_runmech_an_ope"]))}'
        "</p></footer></main></body></html>\n"
    )


def save_html(plan: Plan, path, *, overwrite: bool = False) -> Path:
    """Write the handout of ``plan`` (:func:`render_html`) to ``path`` (UTF-8), atomically.

    The page is written to a temporary file in the same folder and moved into place, so a reader never sees half a
    page. The folder must exist; an existing file is replaced only with ``overwrite=True``.

    Parameters
    ----------
    plan : Plan
        The client's plan.
    path : str or os.PathLike
        Where to write the page (``.html`` or ``.htm``).
    overwrite : bool
        Replace an existing file.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = save_html(Plan().add("open_book"), pathlib.Path(tempfile.mkdtemp()) / "handout.html")
    >>> out.read_text(encoding="utf-8").count("<html")
    1
    >>> save_html(Plan(), out)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    FileExistsError: .../handout.html already exists; choose another name or allow overwriting (--force)
    """
    if not isinstance(plan, Plan):
        raise TypeError(f"plan must be a runmech.Plan; got {type(plan).__name__}")
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"path must end in .html; got {str(path)!r}")
    if not target.parent.is_dir():
        raise FileNotFoundError(f"the folder {str(target.parent)!r} does not exist; create it first or write the "
                                "handout somewhere else")
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} already exists; choose another name or allow overwriting (--force)")
    if target.exists() and not target.is_file():
        raise IsADirectoryError(f"{target} is a folder, not a file; name a file ending in .html")
    return write_atomically(target, render_html(plan))
