"""Everything a recording gave, as one tidy CSV."""

from __future__ import annotations

import pandas as pd

from runmech.recordings.stats import StrideStats


def results_csv(stats: StrideStats, comparison: pd.DataFrame | None = None) -> str:
    """Everything in one tidy CSV text: statistics, symmetry, comparison with the model, strides.

    Columns: ``section`` (statistics, symmetry, comparison, stride), ``variable``, ``column``, ``side``,
    ``measure``, ``value``, ``sd``, ``n``, ``unit``, ``extra`` (symmetry: SI/SA; comparison: model and reference),
    ``flag`` and ``source`` (says SYNTHETIC for synthetic recordings).

    Safe to open in a spreadsheet (the OWASP rule against CSV injection): every text cell that starts with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return (a column name from the file such as ``=HYPERLINK(...)``) gets
    a leading apostrophe, so it is shown as text and never run as a formula. The numeric columns (``value``,
    ``sd``, ``n``) stay plain numbers: a cell holding only a number, negative ones included (``-3.5``), is read as
    a number by spreadsheets, not as a formula, so it is left as it is.

    Parameters
    ----------
    stats : StrideStats
        From :func:`stride_stats`.
    comparison : pandas.DataFrame, optional
        From :func:`compare_with_model`.

    Returns
    -------
    str
        CSV text (comma separated, one header line).

    Examples
    --------
    >>> from runmech.recordings import example_recording, stride_stats
    >>> st = stride_stats(example_recording(strides=4, noise=0.0))
    >>> text = results_csv(st)
    >>> text.splitlines()[0]
    'section,variable,column,side,measure,value,sd,n,unit,extra,flag,source'
    >>> "SYNTHETIC" in text
    True
    >>> _neutralise(pd.Series(["=1+2", "-x", "@SUM(A1)", "hip", "-3.5"])).tolist()
    ["'=1+2", "'-x", "'@SUM(A1)", 'hip', "'-3.5"]
    """
    if not isinstance(stats, StrideStats):
        raise TypeError(f"stats must be a StrideStats from stride_stats; got {type(stats).__name__}")
    src = stats.label
    rows = []
    for r in stats.table.itertuples():
        rows.append(("statistics", r.variable, r.column, r.side, r.measure, r.mean, r.sd, r.n, r.unit, "", "", src))
    for r in stats.symmetry.itertuples():
        extra = f"right={r.right:.6g}; left={r.left:.6g}; SA={r.sa_pct:.4g} %; difference={r.difference:.4g}"
        rows.append(("symmetry", r.variable, "", "right vs left", r.measure, r.si_pct, float("nan"),
                     min(r.n_right, r.n_left), "% (SI)", extra, "outside healthy band" if r.outside_band else "",
                     src))
    if comparison is not None:
        if not isinstance(comparison, pd.DataFrame) or "model" not in comparison.columns:
            raise TypeError("comparison must be the DataFrame from compare_with_model or None")
        for q, r in comparison.iterrows():
            extra = f"model={r['model']:.6g}; reference {r['ref_low']:.4g} to {r['ref_high']:.4g} ({r['ref_source']})"
            rows.append(("comparison", q, r["from_columns"], "", "mean", r["measured"], r["sd"], r["n"], "", extra,
                         r["flag"], src))
    for r in stats.strides.table.itertuples():
        rows.append(("stride", "stride_time_s", "", r.side, f"stride {r.stride} from {r.start_s:.4f} s",
                     r.duration_s, float("nan"), 1, "s", f"contact_s={r.contact_s:.4g}",
                     "" if r.plausible else f"left out: {r.reason}", src))
    out = pd.DataFrame(rows, columns=["section", "variable", "column", "side", "measure", "value", "sd", "n", "unit",
                                      "extra", "flag", "source"])
    for col in ("section", "variable", "column", "side", "measure", "unit", "extra", "flag", "source"):
        out[col] = _neutralise(out[col].astype(str).where(out[col].notna(), ""))
    return out.to_csv(index=False, lineterminator="\n")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _neutralise(cells: pd.Series) -> pd.Series:
    """Text cells that a spreadsheet would take for a formula, prefixed with an apostrophe."""
    risky = cells.str.startswith(_FORMULA_START)
    return cells.where(~risky, "'" + cells)
