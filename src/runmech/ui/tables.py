"""Tables for the region notebooks: the article's claims checked, and the exercise catalogue for one region.

Both return an ``ipywidgets.HTML`` so they show the same way in JupyterLab, in Voila and on a printout.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as w
import pandas as pd

from runmech._validate import check_choice, check_instance, check_text

__all__ = ["claims_table", "exercise_table", "html_table", "dose_words", "short_citation", "REGIONS"]

REGIONS = ("torso", "hips", "lower extremity")

_REGION_ALIASES = {
    "torso": {"torso", "trunk", "spine", "core"},
    "hips": {"hips", "hip", "pelvis"},
    "lower extremity": {"lower extremity", "lower leg", "lower_leg", "lower-extremity", "leg", "legs", "calf",
                        "foot", "ankle", "knee"},
}

_TABLE_CSS = (
    "<style>.runmech-table{border-collapse:collapse;width:100%;max-width:900px;font-size:14px;margin:6px 0}"
    ".runmech-table th,.runmech-table td{border:1px solid #bbb;padding:5px 7px;text-align:left;vertical-align:top}"
    ".runmech-table th{background:#eef4fa}.runmech-table caption{text-align:left;font-weight:bold;padding:4px 0}"
    "</style>"
)


def _heading(col: str) -> str:
    return col.replace("_", " ").strip().capitalize()


def html_table(frame: pd.DataFrame, *, caption: str = "", columns: Iterable[str] | None = None) -> str:
    """A DataFrame as an accessible HTML table (header cells, a caption, every value escaped).

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows to show (the index is not shown).
    caption : str
        Table caption (what a screen reader announces first).
    columns : iterable of str, optional
        Columns to show, in order (default: all).

    Examples
    --------
    >>> t = html_table(pd.DataFrame({"name": ["plank <row>"], "sets": [2]}), caption="demo")
    >>> "<th scope='col'>Name</th>" in t and "plank &lt;row&gt;" in t
    True
    """
    frame = check_instance("frame", frame, pd.DataFrame, "a pandas.DataFrame")
    caption = check_text("caption", caption, max_chars=500)
    if columns is not None:
        columns = check_instance("columns", columns, (list, tuple, pd.Index), "a list of column names or None")
        columns = [check_text(f"columns[{i}]", c, max_chars=200) for i, c in enumerate(columns)]
    cols = [c for c in (columns or frame.columns) if c in frame.columns]
    head = "".join(f"<th scope='col'>{html.escape(_heading(c))}</th>" for c in cols)
    body = []
    for _, row in frame.iterrows():
        cells = "".join(f"<td>{html.escape('' if pd.isna(row[c]) else str(row[c]))}</td>" for c in cols)
        body.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f"{_TABLE_CSS}<table class='runmech-table'>{cap}<thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


# Used only when a table has no ``region`` column: words in a claim's model quantity or text that place it.
_REGION_WORDS = {
    "torso": ("thorax", "torso", "trunk", "spine", "spinal", "lumbar", "ang_mom", "angular momentum", "arm",
              "rotation", "sway", "lateral", "bobbing", "shock", "attenuation", "head", "metabolic", "sacr"),
    "hips": ("hip", "iliopsoas", "psoas", "pelvis", "sacroiliac"),
    "lower extremity": ("vgrf", "ground", "stiffness", "tibia", "calf", "foot", "ankle", "knee", "shin",
                        "contact", "lower leg", "lower extremity"),
}


def _region_rows(frame: pd.DataFrame, region: str) -> pd.DataFrame:
    if "region" not in frame.columns:
        text_cols = [c for c in ("model_quantity", "claim") if c in frame.columns]
        if not text_cols:
            return frame
        text = frame[text_cols].astype(str).agg(" ".join, axis=1).str.lower()
        words = _REGION_WORDS[region]
        return frame[text.apply(lambda t: any(wd in t for wd in words))]
    wanted = _REGION_ALIASES[region]
    keep = frame["region"].astype(str).str.lower().apply(
        lambda v: bool(wanted & {p.strip() for p in v.replace(";", ",").replace("/", ",").split(",")}))
    return frame[keep]


def _citations() -> dict:
    try:
        from runmech._data import sources

        src = sources()
    except Exception:  # noqa: BLE001 - citations are a nicety; keys are shown as they are
        return {}
    if not {"key", "citation"} <= set(src.columns):
        return {}
    return {str(k): str(c) for k, c in zip(src["key"], src["citation"]) if pd.notna(k) and pd.notna(c)}


def short_citation(citation: str) -> str:
    """A full reference shortened to "Author Year" or "Author et al. Year" for a table cell.

    Examples
    --------
    >>> short_citation("Hamner SR, Seth A, Delp SL (2010) Muscle contributions to propulsion. J Biomech 43:2709")
    'Hamner et al. 2010'
    >>> short_citation("Epley B (1985) Poundage Chart.")
    'Epley 1985'
    >>> short_citation("runmech developers: a teaching estimate")
    'runmech developers'
    """
    import re

    text = check_text("citation", citation, max_chars=2000).strip()
    year = re.search(r"\((\d{4})[a-z]?\)", text) or re.search(r"\b(1[89]\d{2}|20\d{2})\b", text)
    head = text[: year.start()] if year else text
    first = re.split(r"[,(:;]", head, maxsplit=1)[0].strip()
    words = [wd for wd in first.split() if wd.rstrip(".") not in ("et", "al")]
    many = "," in head.strip().rstrip(",") or " and " in head or "&" in head or " et al" in head
    while len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 3:  # drop trailing initials
        words.pop()
    if year and words:
        return f"{' '.join(words)}{' et al.' if many else ''} {year.group(1)}"
    return first[:60] if first else text[:60]


def _cite(value, cites: dict, *, short: bool = False) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    keys = [k.strip() for k in str(value).replace(",", ";").split(";") if k.strip()]
    out = []
    for k in keys:
        c = cites.get(k, k)
        out.append(short_citation(c) if short and k in cites else c)
    return "; ".join(dict.fromkeys(out))


_VERDICT_COLOURS = {"supported": "green", "partly supported": "orange", "not supported": "vermillion",
                    "untested": "grey"}

_CARD_CSS = (
    "<style>.runmech-table{table-layout:fixed}.runmech-table .rm-small{display:block;margin-top:4px;font-size:12px;"
    "color:#444}.runmech-table code{font-size:12px;word-break:break-word}.runmech-verdict{font-weight:bold;"
    "padding:1px 6px;border-radius:3px;display:inline-block}</style>"
)


def _esc(v) -> str:
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) else html.escape(str(v))


def claims_table(region: str = "torso") -> w.HTML:
    """The torso article's claims for one region: what it says, what the model shows, what studies found, a verdict.

    Four columns keep it readable on a screen and on paper: the claim; what the model shows (with the model
    quantity in small print); what studies found (with short citations); the verdict.

    Parameters
    ----------
    region : {"torso", "hips", "lower extremity"}
        Which rows of :func:`runmech.claims` to show: the table's ``region`` column if it has one, otherwise the
        claims whose model quantity or wording concerns that region.

    Examples
    --------
    >>> t = claims_table("torso")
    >>> "torso" in t.value
    True
    """
    from runmech.model.evidence import claims
    from runmech.ui import style

    region = check_choice("region", region, REGIONS)
    table = _region_rows(claims(), region)
    if not len(table):
        return w.HTML(f"<p>No claims about the {html.escape(region)} are in the claims table yet.</p>")
    cites = _citations()
    rows = []
    for _, r in table.iterrows():
        verdict = str(r.get("verdict", "") or "")
        colour = style.PALETTE.get(_VERDICT_COLOURS.get(verdict, "grey"), "#999999")
        quantity = _esc(r.get("model_quantity"))
        srcs = "; ".join(x for x in (_cite(r.get("source"), cites, short=True),
                                       _cite(r.get("other_sources"), cites, short=True)) if x)
        rows.append(
            "<tr>"
            f"<td>{_esc(r.get('claim'))}</td>"
            f"<td>{_esc(r.get('model_says'))}<span class='rm-small'>model quantity: <code>{quantity}</code></span></td>"
            f"<td>{_esc(r.get('evidence'))}<span class='rm-small'>{html.escape(srcs)}</span></td>"
            f"<td><span class='runmech-verdict' style='border:2px solid {colour}'>{html.escape(verdict)}</span></td>"
            "</tr>")
    head = ("<colgroup><col style='width:22%'><col style='width:32%'><col style='width:32%'>"
            "<col style='width:14%'></colgroup><thead><tr><th scope='col'>The article says</th>"
            "<th scope='col'>What the model shows</th><th scope='col'>What studies found</th>"
            "<th scope='col'>Verdict</th></tr></thead>")
    cap = f"The article's claims about the {region}, against the model and the studies"
    out = w.HTML(f"{_TABLE_CSS}{_CARD_CSS}<table class='runmech-table'><caption>{html.escape(cap)}</caption>{head}"
                 f"<tbody>{''.join(rows)}</tbody></table>")
    out.add_class("runmech-claims")
    return out


def exercise_table(region: str = "torso") -> w.HTML:
    """The exercise catalogue for one region: exercise and kind, starting dose, equipment, cues, and what the dose
    rests on (with short citations).

    Parameters
    ----------
    region : {"torso", "hips", "lower extremity"}
        Which exercises of :func:`runmech.dosing.exercises.catalogue` to show.

    Examples
    --------
    >>> t = exercise_table("torso")
    >>> isinstance(t, w.HTML)
    True
    """
    from runmech.dosing import exercises

    region = check_choice("region", region, REGIONS)
    catalogue = getattr(exercises, "catalogue", None)
    if catalogue is None:
        return w.HTML("<p>The exercise catalogue is not part of this version of runmech yet.</p>")
    table = _region_rows(catalogue(), region)
    if not len(table):
        return w.HTML(f"<p>No exercises for the {html.escape(region)} are in the catalogue yet.</p>")
    cites = _citations()
    rows = []
    for _, r in table.iterrows():
        cues = "".join(f"<li>{html.escape(c.strip())}</li>" for c in str(r.get("cues", "") or "").split("|")
                       if c.strip())
        rows.append(
            "<tr>"
            f"<td><b>{_esc(r.get('name'))}</b><span class='rm-small'>{_esc(r.get('kind'))}</span></td>"
            f"<td>{html.escape(dose_words(r))}</td>"
            f"<td>{_esc(r.get('equipment'))}</td>"
            f"<td><ul style='margin:0;padding-left:18px'>{cues}</ul></td>"
            f"<td>{_esc(r.get('evidence'))}<span class='rm-small'>"
            f"{html.escape(_cite(r.get('source'), cites, short=True))}</span></td>"
            "</tr>")
    head = ("<colgroup><col style='width:17%'><col style='width:17%'><col style='width:13%'><col style='width:28%'>"
            "<col style='width:25%'></colgroup><thead><tr><th scope='col'>Exercise</th>"
            "<th scope='col'>Starting dose</th><th scope='col'>Equipment</th><th scope='col'>Cues</th>"
            "<th scope='col'>What the dose rests on</th></tr></thead>")
    cap = f"Exercises for the {region} (runmech's catalogue)"
    out = w.HTML(f"{_TABLE_CSS}{_CARD_CSS}<table class='runmech-table'><caption>{html.escape(cap)}</caption>{head}"
                 f"<tbody>{''.join(rows)}</tbody></table>")
    out.add_class("runmech-exercises")
    return out


from runmech.dosing.wording import catalogue_dose_words as dose_words  # noqa: E402 - one dose sentence
