"""The printable one-page handout of a :class:`runmech.Plan`.

The page is a single self-contained HTML file: its own CSS (with print styles for A4 and US Letter), no scripts,
no links, no web fonts, no remote images, and a content security policy that forbids loading anything, so it opens
offline and sends nothing anywhere. Everything typed into a plan (client label, notes, exercise notes) is escaped.

Each exercise shows its name, the dose in words, two or three cues, the easier and harder versions, how to progress
and a small log grid (one row per set, one column per session) for the client to fill in.
"""

from __future__ import annotations

import html
from pathlib import Path

from runmech.constants import LB_PER_KG
from runmech.dosing import exercises as _ex
from runmech.dosing.plan import Plan, PlanItem

__all__ = ["DISCLAIMER", "dose_in_words", "format_load", "render_html", "save_html"]

DISCLAIMER = (
    "For education only; this handout is not medical advice. The exercises are meant for healthy tissue. "
    "If you have pain that does not settle or an injury that has not healed, see a physical therapist before "
    "you start, and stop any exercise that causes sharp pain."
)

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

_CSS = """
:root { --ink: #1a1a1a; --muted: #555; --line: #9a9a9a; --accent: #0072B2; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #f2f2f2; color: var(--ink);
       font-family: "DejaVu Sans", Verdana, "Segoe UI", Arial, sans-serif; font-size: 18px; line-height: 1.35; }
.sheet { max-width: 8in; margin: 16px auto; background: #fff; padding: 0.45in 0.5in;
         box-shadow: 0 1px 6px rgba(0,0,0,.2); }
header { display: flex; justify-content: space-between; align-items: baseline; flex-wrap: wrap;
         border-bottom: 3px solid var(--accent); padding-bottom: 4px; margin-bottom: 8px; gap: 4px 16px; }
h1 { font-size: 1.55em; margin: 0; }
.meta { margin: 0; font-size: 0.95em; }
.meta span + span::before { content: " \\00b7  "; color: var(--muted); }
.notes { margin: 4px 0 8px; padding: 5px 10px; border-left: 4px solid var(--accent); background: #eef4fa;
         white-space: pre-wrap; }
ol.exercises { list-style: none; margin: 0; padding: 0; }
li.ex { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 4px 14px; padding: 7px 0;
        border-bottom: 1px solid #ccc; break-inside: avoid; page-break-inside: avoid; }
h2 { font-size: 1.15em; margin: 0 0 1px; }
h2 .num { color: var(--accent); }
.dose { margin: 0 0 2px; font-weight: bold; }
.cues { margin: 0 0 2px; padding-left: 1.2em; font-size: 0.9em; }
.cues li { margin: 0; }
.alt, .prog, .note { margin: 0; font-size: 0.85em; color: var(--muted); }
.note { color: var(--ink); font-style: italic; white-space: pre-wrap; }
table.log { border-collapse: collapse; font-size: 0.72em; align-self: start; }
table.log caption { text-align: left; color: var(--muted); padding-bottom: 1px; }
table.log th, table.log td { border: 1px solid var(--line); padding: 0 3px; height: 1.65em; text-align: left; }
table.log thead th { font-weight: normal; color: var(--muted); min-width: 3em; }
table.log tbody td { min-width: 3em; }
table.log tbody th { font-weight: normal; white-space: nowrap; }
footer { margin-top: 8px; font-size: 0.78em; color: var(--muted); }
footer p { margin: 2px 0; }
@media (max-width: 640px) { li.ex { grid-template-columns: 1fr; } .sheet { padding: 12px; } }
@page { margin: 11mm 12mm; }
@media print {
  body { background: #fff; font-size: 11pt; line-height: 1.25; }
  .sheet { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  h1 { font-size: 17pt; }
  li.ex { padding: 5px 0; }
  table.log thead th, table.log tbody td { min-width: 2.9em; }
  table.log th, table.log td { height: 1.55em; }
  a { color: inherit; text-decoration: none; }
  .notes { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _rng(low: int, high: int) -> str:
    return f"{low}\u2013{high}" if high != low else f"{low}"


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def format_load(load_kg: float, unit: str = "kg") -> str:
    """A load in the plan's unit first, the other in brackets, e.g. ``12 kg (26.5 lb)``.

    Examples
    --------
    >>> format_load(12)
    '12 kg (26.5 lb)'
    >>> format_load(12, "lb")
    '26.5 lb (12 kg)'
    """
    kg, lb = _num(load_kg), _num(load_kg * LB_PER_KG)
    return f"{lb} lb ({kg} kg)" if unit == "lb" else f"{kg} kg ({lb} lb)"


def dose_in_words(item: PlanItem, unit: str = "kg") -> str:
    """The dose of one plan item in plain words (plain text, not escaped).

    Examples
    --------
    >>> from runmech.dosing.plan import PlanItem
    >>> dose_in_words(PlanItem.from_catalogue("plank_row", load_kg=12))
    '2–3 sets of 8–12 per side with 12 kg (26.5 lb)'
    >>> dose_in_words(PlanItem.from_catalogue("thread_the_needle", extra_sets=1, extra_side="left"))
    '1–2 sets of 10–15 per side, 1 extra set on the left'
    >>> dose_in_words(PlanItem.from_catalogue("wall_calf_stretch"))
    '2–3 holds of 30 s per side'
    >>> dose_in_words(PlanItem.from_catalogue("standing_row", band="red"))
    '2–3 sets of 8–12 per side with the red band'
    """
    ex = _ex.get(item.exercise_id)
    side = " per side" if ex.per_side else ""
    sets = _rng(item.sets, item.sets_max)
    plural = "s" if item.sets_max > 1 else ""
    reps = _rng(item.reps_low, item.reps_high)
    if ex.dose_type == "hold_s":
        hold = f"{_num(item.hold_s or 0)} s"
        holds = "hold" if item.reps_high == 1 else "holds"
        if item.sets == item.sets_max == 1:
            text = f"{reps} {holds} of {hold}{side}"
        elif item.reps_low == item.reps_high == 1:
            text = f"{sets} holds of {hold}{side}"
        else:
            text = f"{sets} set{plural} of {reps} {holds} of {hold}{side}"
    else:
        text = f"{sets} set{plural} of {reps}{side}"
    if item.load_kg is not None:
        text += f" with {format_load(item.load_kg, unit)}"
    elif item.band is not None:
        text += f" with the {item.band} band"
    elif ex.dose_type == "load_rm":
        text += f" with a load you can lift only {reps} times"
    if item.extra_sets:
        text += f", {item.extra_sets} extra set{'s' if item.extra_sets > 1 else ''} on the {item.extra_side}"
    return text


def _progress(item: PlanItem) -> str:
    ex = _ex.get(item.exercise_id)
    if ex.dose_type != "load_rm":
        if ex.kind == "mobility":
            return "Move gently; never force the range."
        return ""
    step = "move to the next band colour" if item.band else "go a little heavier"
    return f"When {item.sets_max} sets of {item.reps_high} feel easy, {step}; below {item.reps_low} reps, go lighter."


def _alternatives(item: PlanItem) -> str:
    ex = _ex.get(item.exercise_id)
    parts = []
    if ex.easier:
        parts.append(f"<b>Easier:</b> {_e(_ex.get(ex.easier).name)}")
    if ex.harder:
        parts.append(f"<b>Harder:</b> {_e(_ex.get(ex.harder).name)}")
    return " \u00b7 ".join(parts)


def _log_grid(item: PlanItem, sessions: int, name: str) -> str:
    rows = [f"Set {i}" for i in range(1, item.sets_max + 1)]
    side = "L" if item.extra_side == "left" else "R"
    rows += [f"+1 {side}" if item.extra_sets == 1 else f"+{k} {side}" for k in range(1, item.extra_sets + 1)]
    head = "".join('<th scope="col">date</th>' for _ in range(sessions))
    body = "".join(f'<tr><th scope="row">{_e(r)}</th>{"<td></td>" * sessions}</tr>' for r in rows)
    return (f'<table class="log" aria-label="{_e("log for " + name)}"><caption>Log: reps done (or \u2713)</caption>'
            f'<thead><tr><th scope="col"></th>{head}</tr></thead><tbody>{body}</tbody></table>')


def render_html(plan: Plan) -> str:
    """The handout of ``plan`` as a complete HTML page (a string).

    Examples
    --------
    >>> from runmech.dosing.plan import Plan
    >>> page = render_html(Plan(client='Jo "the <script>"').add("open_book"))
    >>> "Jo &quot;the &lt;script&gt;&quot;" in page, "<script" in page
    (True, False)
    >>> page.count('class="ex"')
    1
    """

    if not isinstance(plan, Plan):
        raise TypeError(f"plan must be a runmech.Plan; got {type(plan).__name__}")
    meta = []
    if plan.client:
        meta.append(f"<span>For: <strong>{_e(plan.client)}</strong></span>")
    meta.append(f"<span>Date: {_e(plan.date) if plan.date else '______________'}</span>")
    meta.append(f"<span>Loads in {'pounds (lb)' if plan.unit == 'lb' else 'kilograms (kg)'}</span>")
    items = []
    for n, item in enumerate(plan.exercises, start=1):
        ex = _ex.get(item.exercise_id)
        cues = "".join(f"<li>{_e(c)}</li>" for c in ex.cues[:3])
        extras = []
        alt, prog = _alternatives(item), _progress(item)
        line = " \u00b7 ".join(part for part in (alt, _e(prog)) if part)
        if line:
            extras.append(f'<p class="alt">{line}</p>')
        if item.note:
            extras.append(f'<p class="note">{_e(item.note)}</p>')
        items.append(
            f'<li class="ex"><div class="ex-text"><h2><span class="num">{n}.</span> {_e(ex.name)}</h2>'
            f'<p class="dose">{_e(dose_in_words(item, plan.unit))}</p><ul class="cues">{cues}</ul>{"".join(extras)}'
            f"</div>{_log_grid(item, plan.sessions, ex.name)}</li>"
        )
    if not items:
        items.append('<li class="ex"><p>No exercises in this plan yet.</p></li>')
    notes = f'<section class="notes" aria-label="notes">{_e(plan.notes)}</section>' if plan.notes.strip() else ""
    title = "Exercise plan" + (f" \u2013 {plan.client}" if plan.client else "")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>\n"
        '<body><main class="sheet">'
        f'<header><h1>Your exercise plan</h1><p class="meta">{"".join(meta)}</p></header>'
        f"{notes}"
        f'<ol class="exercises">{"".join(items)}</ol>'
        f'<footer><p><strong>Please read:</strong> {_e(DISCLAIMER)}</p>'
        "<p>Made with runmech, an open notebook kit. This page works offline and contains no tracking.</p></footer>"
        "</main></body></html>\n"
    )


def save_html(plan: Plan, path) -> Path:
    """Write the handout of ``plan`` (:func:`render_html`) to ``path`` (UTF-8).

    Parameters
    ----------
    plan : Plan
        The client's plan.
    path : str or os.PathLike
        Where to write the page.

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
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_html(plan), encoding="utf-8")
    return target
