"""Per-stride statistics of a recording: ranges, peaks, means and right/left symmetry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from runmech._data import read_table as _data_table
from runmech._validate import check_choice, check_int
from runmech.model.symmetry import _excursions_from
from runmech.recordings import columns as _cols
from runmech.recordings.strides import Strides, _check_recording, _source, detect_strides


@dataclass(frozen=True)
class StrideStats:
    """Per-stride statistics of a recording (see :func:`stride_stats`).

    Attributes
    ----------
    table : pandas.DataFrame
        One row per column and measure: ``variable`` (name without side), ``column``, ``side`` ("right", "left" or
        "both"), ``measure`` ("rom" = max - min within a stride, "max", "min"; "value" for stride and contact
        time), ``mean``, ``sd`` (ddof 1), ``n`` (strides), ``unit``.
    symmetry : pandas.DataFrame
        One row per right/left pair and measure: ``right``, ``left`` (side means), ``difference`` (right - left),
        ``si_pct`` (symmetry index, Robinson 1987), ``sa_pct`` (symmetry angle, Zifchock 2008), ``n_right``,
        ``n_left``, ``unit``, ``kind``, the healthy band (``band_high``, ``band_unit``, ``band_source``) and
        ``outside_band``.
    per_stride : pandas.DataFrame
        One row per stride and column: ``side`` (stride set), ``stride``, ``start_s``, ``column``, ``variable``,
        ``rom``, ``max``, ``min``, ``mean``.
    strides : Strides
        The strides used.
    source, label : str
        Where the data came from; ``label`` says SYNTHETIC for :func:`example_recording`.
    synthetic : bool
        True for synthetic recordings.
    notes : tuple of str
        Gaps, sides missing, conventions used.
    needs_longer : tuple of str
        What this recording is too short to give, in words (empty when it gives everything).

    Examples
    --------
    >>> from runmech.recordings import example_recording
    >>> st = stride_stats(example_recording(strides=8, noise=0.0, asymmetry_pct=0.0))
    >>> round(st.get("hip_flexion", side="right")) == round(st.get("hip_flexion", side="left"))
    True
    """

    table: pd.DataFrame
    symmetry: pd.DataFrame
    per_stride: pd.DataFrame
    strides: Strides
    source: str
    label: str
    synthetic: bool = False
    notes: tuple[str, ...] = field(default=())
    needs_longer: tuple[str, ...] = field(default=())

    def get(self, variable: str, *, side: str | None = None, measure: str = "rom", what: str = "mean") -> float:
        """One number from :attr:`table`: ``what`` ("mean", "sd" or "n") of a variable's measure on a side.

        ``variable`` may be the name without side (``hip_flexion``) or the column name (``hip_flexion_r``).

        Examples
        --------
        >>> from runmech.recordings import example_recording
        >>> st = stride_stats(example_recording(strides=8, noise=0.0))
        >>> st.get("pelvis_rotation", what="n")
        8.0
        """
        what = check_choice("what", what, ["mean", "sd", "n"])
        t = self.table
        rows = t[((t["variable"] == variable) | (t["column"] == variable)) & (t["measure"] == measure)]
        if side is not None:
            rows = rows[rows["side"] == side]
        if rows.empty:
            have = sorted(set(t["variable"]))
            raise ValueError(f"variable must be one of {', '.join(repr(h) for h in have)} with measure {measure!r}"
                             f"{'' if side is None else f' on side {side!r}'}; got {variable!r}")
        return float(rows[what].iloc[0])

    def __repr__(self) -> str:
        return (f"StrideStats({self.label}: {self.table['column'].nunique()} columns, "
                f"{len(self.symmetry)} symmetry rows; {self.strides.describe()})")


def _segment_reduce(x: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """max, min, mean of rows [start, end) of ``x`` (rows x cols) per segment; NaN inside gives NaN."""
    padded = np.vstack([x, np.full((1, x.shape[1]), np.nan)])
    idx = np.empty(2 * starts.size, dtype=np.int64)
    idx[0::2] = starts
    idx[1::2] = ends
    mx = np.maximum.reduceat(padded, idx, axis=0)[0::2]
    mn = np.minimum.reduceat(padded, idx, axis=0)[0::2]
    sm = np.add.reduceat(padded, idx, axis=0)[0::2]
    mean = sm / (ends - starts)[:, None]
    return mx, mn, mean


def _mean_sd_n(values: np.ndarray) -> tuple[float, float, int]:
    v = values[np.isfinite(values)]
    n = int(v.size)
    if n == 0:
        return float("nan"), float("nan"), 0
    return float(v.mean()), float(v.std(ddof=1)) if n > 1 else float("nan"), n


def symmetry_bands() -> pd.DataFrame:
    """Healthy-runner symmetry figures (``data/symmetry_reference.csv``) with their sources.

    Returns
    -------
    pandas.DataFrame
        Columns ``kind`` (temporal, force, angle, any), ``measure`` (symmetry_angle_pct or abs_difference_deg),
        ``low``, ``high``, ``unit``, ``population``, ``n``, ``source``, ``use`` ("band" rows are the ones
        :func:`stride_stats` flags against) and ``note``.

    Examples
    --------
    >>> b = symmetry_bands()
    >>> b[b["use"] == "band"].set_index("kind")["high"].to_dict()
    {'temporal': 2.5, 'force': 5.0, 'angle': 3.0, 'any': 5.0}
    """
    return _data_table("symmetry_reference.csv")


def _band_for(kind: str, bands: pd.DataFrame) -> tuple[float, str, str]:
    rows = bands[(bands["use"] == "band") & (bands["kind"] == kind)]
    if rows.empty:
        rows = bands[(bands["use"] == "band") & (bands["kind"] == "any")]
    r = rows.iloc[0]
    return float(r["high"]), str(r["unit"]), str(r["source"])


def stride_stats(recording: pd.DataFrame, strides: Strides | None = None, *, columns: Sequence[str] | None = None,
                 pairs: Mapping[str, tuple[str, str]] | None = None) -> StrideStats:
    """Range of motion and peaks of every column per stride; mean, SD and count per side; symmetry per pair.

    Right-side columns are measured over right strides (right foot strike to right foot strike), left-side
    columns over left strides, and columns without a side over right strides (or the only side there is). For each
    right/left pair the side means give the symmetry index ``SI = (R - L) / (0.5 (R + L)) * 100`` and the symmetry
    angle ``SA = (45 deg - arctan(L / R)) / 90 deg * 100`` [%]; peaks below zero are compared by magnitude and a
    measure whose sides have opposite signs gets no SI/SA. Stride time and contact time per side are added (when
    known). A trunk or pelvis rotation without a side is split into its excursion each way from the stride mean:
    towards negative values ("right", OpenSim's convention for a rotation to the right) and towards positive values
    ("left"). A stride with a gap in a column counts as missing for that column (see ``notes``).

    A pair is flagged ``outside_band`` when its symmetry angle exceeds the healthy band of its kind in
    :func:`symmetry_bands` (stride and contact times 2.5 %, forces and moments 5 %), or, for angles, when the
    right-left difference exceeds 3 degrees.

    Parameters
    ----------
    recording : pandas.DataFrame
        From :func:`read_recording` or :func:`example_recording`.
    strides : Strides, optional
        From :func:`detect_strides`; found with its defaults when omitted.
    columns : sequence of str, optional
        Columns to analyse (default: all).
    pairs : dict, optional
        Extra right/left pairs for names runmech cannot read: ``{"knee": ("KneeR", "KneeL")}``.

    Returns
    -------
    StrideStats

    Examples
    --------
    >>> from runmech.recordings import example_recording
    >>> rec = example_recording(strides=10, asymmetry_pct=20.0, noise=0.0)
    >>> st = stride_stats(rec)
    >>> st.table.query("variable == 'hip_flexion' and measure == 'rom'")[["side", "n"]].values.tolist()
    [['right', 10], ['left', 10]]
    >>> row = st.symmetry.query("variable == 'thorax_rotation'").iloc[0]
    >>> row["measure"], bool(row["si_pct"] != 0)
    ('excursion', True)
    """
    rec = _check_recording(recording)
    if strides is None:
        strides = detect_strides(rec)
    if not isinstance(strides, Strides):
        raise TypeError(f"strides must be a Strides from detect_strides or None; got {type(strides).__name__}")
    if columns is None:
        cols = [str(c) for c in rec.columns]
    else:
        if isinstance(columns, str):
            columns = [columns]
        missing = [c for c in columns if c not in rec.columns]
        if missing:
            raise ValueError(f"columns must be columns of the recording ({', '.join(map(str, rec.columns[:10]))}"
                             f"{' ...' if rec.shape[1] > 10 else ''}); got {missing}")
        cols = list(dict.fromkeys(columns))
    non_numeric = [c for c in cols if not pd.api.types.is_numeric_dtype(rec[c])]
    if non_numeric:
        raise ValueError(f"columns must be numeric; not numeric: {non_numeric[:5]}")
    side_of: dict[str, tuple[str, str | None]] = {c: _cols.split_side(c) for c in cols}
    for base, pair in (pairs or {}).items():
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
            raise TypeError(f"pairs[{base!r}] must be (right_column, left_column); got {pair!r}")
        for c, s in zip(pair, ("right", "left")):
            if c not in rec.columns:
                raise ValueError(f"pairs[{base!r}] must name columns of the recording; got {c!r}")
            if c not in side_of:
                cols.append(c)
            side_of[c] = (base, s)
    stride_sides = strides.sides
    ref = ("right" if "right" in stride_sides else stride_sides[0]) if stride_sides else None
    notes: list[str] = []
    per_rows: list[pd.DataFrame] = []
    stat_rows: list[tuple] = []
    exc: dict[str, dict[str, np.ndarray]] = {}
    degrees = rec.attrs.get("in_degrees", True) is not False or bool(rec.attrs.get("converted_to_degrees"))
    # group columns by the stride set they use
    plan: dict[str, list[str]] = {}
    for c in cols:
        _, side = side_of[c]
        use = side if side in stride_sides else ref
        plan.setdefault(use or "trial", []).append(c)
    if ref and any(side_of[c][1] and side_of[c][1] not in stride_sides for c in cols) and "all" not in stride_sides:
        notes.append(f"some sided columns have no strides of their own side; they use {ref} strides")
    for use, group in plan.items():
        if use == "trial":
            _trial_rows(rec, group, side_of, degrees, stat_rows)
            notes.append("no complete stride: ranges and peaks are over the whole trial (measure trial_rom, "
                         "trial_max, trial_min)")
            continue
        g = strides.good(use)
        if g.empty:
            notes.append(f"no plausible {use} strides: {', '.join(group[:4])} not measured")
            continue
        starts = g["start_row"].to_numpy(dtype=np.int64)
        ends = g["end_row"].to_numpy(dtype=np.int64)
        x = rec[group].to_numpy(dtype=np.float64)
        mx, mn, mean = _segment_reduce(x, starts, ends)
        rom = mx - mn
        gaps = np.isnan(mx)
        if gaps.any():
            for j in np.flatnonzero(gaps.any(axis=0)):
                notes.append(f"{group[j]}: {int(gaps[:, j].sum())} {use} stride(s) with a gap left out")
        k, m = starts.size, len(group)
        per_rows.append(pd.DataFrame({
            "side": use, "stride": np.repeat(g["stride"].to_numpy(), m),
            "start_s": np.repeat(g["start_s"].to_numpy(), m),
            "column": np.tile(group, k), "variable": np.tile([side_of[c][0] for c in group], k),
            "rom": rom.ravel(), "max": mx.ravel(), "min": mn.ravel(), "mean": mean.ravel(),
        }))
        for j, c in enumerate(group):
            base, side = side_of[c]
            unit = _cols.unit_of(c, degrees)
            for measure, vals in (("rom", rom[:, j]), ("max", mx[:, j]), ("min", mn[:, j])):
                stat_rows.append((base, c, side or "both", measure, *_mean_sd_n(vals), unit))
            if side is None and _cols.is_transverse_rotation(c):
                right, left = _excursions_from(mean[:, j], mn[:, j], mx[:, j])
                exc[c] = {"right": right, "left": left}
    for side in stride_sides:
        g = strides.good(side)
        name_side = side if side != "all" else "both"
        stat_rows.append(("stride_time_s", "", name_side, "value", *_mean_sd_n(g["duration_s"].to_numpy()), "s"))
    stat_rows += _contact_rows(rec, strides, cols, side_of, degrees)
    table = pd.DataFrame(stat_rows, columns=["variable", "column", "side", "measure", "mean", "sd", "n", "unit"])
    per_stride = (pd.concat(per_rows, ignore_index=True) if per_rows else
                  pd.DataFrame(columns=["side", "stride", "start_s", "column", "variable", "rom", "max", "min",
                                        "mean"]))
    symmetry = _symmetry_table(table, exc, notes)
    if "all" in stride_sides:
        notes.append("strides are not split by side: every column is measured over the same strides")
    if exc:
        notes.append("rotation excursions: 'right' = towards negative values, 'left' = towards positive values "
                     "(OpenSim convention; flip the sign of SI if your system differs)")
    synthetic = bool(rec.attrs.get("synthetic", False))
    label = str(rec.attrs.get("label", f"recording {_source(rec)}"))
    return StrideStats(table=table, symmetry=symmetry, per_stride=per_stride, strides=strides, source=_source(rec),
                       label=label, synthetic=synthetic, notes=tuple(notes), needs_longer=_needs_longer(strides))


def _trial_rows(rec: pd.DataFrame, group: list[str], side_of: dict, degrees: bool, out: list[tuple]) -> None:
    """Range, maximum and minimum of each column over the whole trial (a trial without a complete stride)."""
    x = rec[group].to_numpy(dtype=np.float64)
    ok = np.isfinite(x).any(axis=0)
    mx = np.where(ok, np.nanmax(np.where(np.isfinite(x), x, -np.inf), axis=0), np.nan)
    mn = np.where(ok, np.nanmin(np.where(np.isfinite(x), x, np.inf), axis=0), np.nan)
    for j, c in enumerate(group):
        base, side = side_of[c]
        unit = _cols.unit_of(c, degrees)
        for measure, v in (("trial_rom", mx[j] - mn[j]), ("trial_max", mx[j]), ("trial_min", mn[j])):
            out.append((base, c, side or "both", measure, float(v), float("nan"), int(ok[j]), unit))


def _contact_rows(rec: pd.DataFrame, strides: Strides, cols: list[str], side_of: dict, degrees: bool) -> list:
    """Contact time and step time per side, and the peak of every vertical force column in each stance."""
    rows: list[tuple] = []
    c = strides.contacts
    if c.empty:
        return rows
    for side, g in c.groupby("side", sort=False):
        name_side = side if side != "all" else "both"
        if g["contact_s"].notna().any():
            rows.append(("contact_time_s", "", name_side, "value", *_mean_sd_n(g["contact_s"].to_numpy()), "s"))
    lr = c[c["side"].isin(["right", "left"])].sort_values("strike_s")
    sides, times = lr["side"].to_numpy(), lr["strike_s"].to_numpy()
    steps: dict[str, list[float]] = {}
    for k in range(1, times.size):
        if sides[k] != sides[k - 1]:
            steps.setdefault(str(sides[k]), []).append(float(times[k] - times[k - 1]))
    for side in ("right", "left"):
        if side in steps:  # a right step ends with the right foot's strike
            rows.append(("step_time_s", "", side, "value", *_mean_sd_n(np.array(steps[side])), "s"))
    t = rec.index.to_numpy(dtype=np.float64)
    full = c[np.isfinite(c["off_s"].to_numpy(dtype=float))]
    forces = [c for c in cols if _cols.is_vertical_force(c)]
    plates = [c for c in forces if side_of[c][1] is None]
    signals = [(side_of[c][0], c, side_of[c][1], rec[c].to_numpy(dtype=np.float64)) for c in forces
               if side_of[c][1] is not None]
    if plates:  # plates without a side: their sum, measured in every stance
        total = np.nansum([rec[c].to_numpy(dtype=np.float64) for c in plates], axis=0)
        signals.append(("+".join(plates), "+".join(plates), None, total))
    for base, col, side, y in signals:
        use = full[full["side"] == side] if side else full
        if -np.nanmin(y) > np.nanmax(y):  # a plate reporting the force on it
            y = -y
        by_side: dict[str, list[float]] = {}
        for r in use.itertuples():
            a, b = np.searchsorted(t, [r.strike_s, r.off_s])
            if b > a:
                by_side.setdefault(side or str(r.side), []).append(float(np.nanmax(y[a:b])))
        unit = _cols.unit_of(col.split("+")[0], degrees)
        for s_, peaks in by_side.items():
            rows.append((base, col, s_ if s_ != "all" else "both", "stance_max", *_mean_sd_n(np.array(peaks)), unit))
    return rows


def _needs_longer(strides: Strides) -> tuple[str, ...]:
    """What the recording is too short to give, in plain words (sides that lack the same thing said once)."""
    n_contacts = strides.contacts.groupby("side").size().to_dict()
    no_stride, few, one_stance = [], [], []
    for side in ("right", "left"):
        n = len(strides.good(side)) if side in strides.sides else 0
        if n == 0 and side in n_contacts:
            no_stride.append(side)
        elif 0 < n < 10:
            few.append(f"{side} {n}")
        if n_contacts.get(side, 0) == 1:
            one_stance.append(side)
    both = " and ".join
    out = []
    if no_stride:
        out.append(f"stride time and per-stride ranges, peaks and their SD on the {both(no_stride)} side "
                   f"(a stride needs two foot strikes of the same foot): ranges and peaks are over the whole trial")
    if few:
        out.append(f"a stable mean and SD per stride (about 10 strides; here {both(few)})")
    if one_stance:
        out.append(f"an SD of contact time and peak force on the {both(one_stance)} side (one stance each)")
    if not strides.sides and len(n_contacts) >= 1:
        out.append("cadence from strides: it comes from the step between a right and a left foot strike")
    return tuple(out)


def _symmetry_table(table: pd.DataFrame, exc: dict[str, dict[str, np.ndarray]], notes: list[str]) -> pd.DataFrame:
    from runmech.model.symmetry import symmetry_angle, symmetry_index

    bands = symmetry_bands()
    band = {k: _band_for(k, bands) for k in ("temporal", "force", "angle", "other", "any")}
    rows = []

    def add(variable, measure, r, l_, n_r, n_l, unit, kind, scale):
        if not (np.isfinite(r) and np.isfinite(l_)):
            return
        diff = r - l_
        if r * l_ > 0 and min(abs(r), abs(l_)) >= 0.05 * abs(scale):
            a, b = abs(r), abs(l_)
            si = float(symmetry_index(a, b)) * (1 if r > 0 else -1)
            sa = float(symmetry_angle(a, b)) * (1 if r > 0 else -1)
        else:
            si = sa = float("nan")
        high, band_unit, src = band.get(kind, band["any"])
        if band_unit == "deg":
            outside = bool(abs(diff) > high) if unit == "deg" else bool(np.isfinite(sa) and abs(sa) > band["any"][0])
        else:
            outside = bool(np.isfinite(sa) and abs(sa) > high)
        rows.append((variable, measure, r, l_, diff, si, sa, n_r, n_l, unit, kind, high, band_unit, src, outside))

    sided: dict[tuple[str, str], dict[str, tuple]] = {}
    for variable, column, side, measure, mean, n, unit in zip(
            table["variable"], table["column"], table["side"], table["measure"], table["mean"], table["n"],
            table["unit"]):
        if side in ("right", "left"):
            sided.setdefault((variable, measure), {})[side] = (float(mean), int(n), unit, column)
    for (variable, measure), sides in sided.items():
        if len(sides) != 2:
            continue
        r, l_ = sides["right"], sides["left"]
        kind = _cols.kind_of(r[3] or variable)
        if measure in ("max", "min", "trial_max", "trial_min"):
            rom_name = "trial_rom" if measure.startswith("trial") else "rom"
            roms = [v[0] for v in sided.get((variable, rom_name), {}).values()]
            scale = float(np.mean(roms)) if roms else r[0]
        else:
            scale = r[0]
        add(variable, measure, r[0], l_[0], r[1], l_[1], r[2], kind, scale)
    for c, parts in exc.items():
        (r_m, _, n_r), (l_m, _, n_l) = _mean_sd_n(parts["right"]), _mean_sd_n(parts["left"])
        add(c, "excursion", r_m, l_m, n_r, n_l, "deg", "angle", r_m)
    cols = ["variable", "measure", "right", "left", "difference", "si_pct", "sa_pct", "n_right", "n_left", "unit",
            "kind", "band_high", "band_unit", "band_source", "outside_band"]
    return pd.DataFrame(rows, columns=cols)


def stride_curves(recording: pd.DataFrame, strides: Strides, column: str, *, points: int = 101,
                  over: str = "strides") -> pd.DataFrame:
    """A column's curve in every plausible stride (or stance), resampled to 0-100 % of it (for overlay plots).

    Parameters
    ----------
    recording : pandas.DataFrame
        The recording.
    strides : Strides
        From :func:`detect_strides`.
    column : str
        Column to cut; a sided column uses its own side's strides, others the right strides.
    points : int
        Samples per stride, 11 to 1001 (default 101: every percent).
    over : {"strides", "stances"}
        Cut at foot strikes (strides) or from each foot strike to its toe-off (stances: what a trial without a
        complete stride has).

    Returns
    -------
    pandas.DataFrame
        One row per stride (index ``(side, stride)``), one column per percent of the stride.

    Examples
    --------
    >>> from runmech.recordings import example_recording
    >>> rec = example_recording(strides=5, noise=0.0)
    >>> c = stride_curves(rec, detect_strides(rec), "hip_flexion_r")
    >>> c.shape, c.index.get_level_values("side")[0]
    ((5, 101), 'right')
    """
    rec = _check_recording(recording)
    if not isinstance(strides, Strides):
        raise TypeError(f"strides must be a Strides from detect_strides; got {type(strides).__name__}")
    if column not in rec.columns:
        raise ValueError(f"column must be a column of the recording ({', '.join(map(str, rec.columns[:10]))}); "
                         f"got {column!r}")
    points = check_int("points", points, low=11, high=1001)
    over = check_choice("over", over, ["strides", "stances"])
    _, side = _cols.split_side(column)
    if over == "strides":
        sides = strides.sides
        use = side if side in sides else ("right" if "right" in sides else (sides or ["right"])[0])
        g = strides.good(use)
        start, length, number = g["start_s"].to_numpy(), g["duration_s"].to_numpy(), g["stride"].to_numpy()
    else:
        c = strides.contacts
        c = c[np.isfinite(c["off_s"].to_numpy(dtype=float))]
        sides = c["side"].unique().tolist()
        use = side if side in sides else ("right" if "right" in sides else (sides or ["right"])[0])
        g = c[c["side"] == use]
        start, length, number = g["strike_s"].to_numpy(), g["contact_s"].to_numpy(), g["contact"].to_numpy()
    t = rec.index.to_numpy(dtype=np.float64)
    y = rec[column].to_numpy(dtype=np.float64)
    frac = np.linspace(0.0, 1.0, points)
    grid = start[:, None] + frac[None, :] * length[:, None]
    values = np.interp(grid.ravel(), t, y).reshape(grid.shape) if len(g) else np.empty((0, points))
    index = pd.MultiIndex.from_arrays([np.full(len(g), use), number], names=["side", over[:-1]])
    return pd.DataFrame(values, index=index, columns=pd.Index(np.round(frac * 100, 6), name=f"{over[:-1]}_pct"))
