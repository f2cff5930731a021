"""A recording beside the model and beside healthy-runner reference ranges."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from runmech._data import read_table as _data_table
from runmech._validate import check_real
from runmech.constants import GRAVITY_M_S2
from runmech.recordings import columns as _cols
from runmech.recordings.stats import StrideStats, _band_for, symmetry_bands


def reference_ranges(speed_m_s: float) -> pd.DataFrame:
    """Healthy-runner reference ranges at a speed, from ``data/reference_running.csv`` (and symmetry bands).

    Each reference row gives a value and a tolerance: ``relative`` (value x (1 +- tolerance)), ``sd`` (value +-
    tolerance x SD) or ``absolute`` (value +- tolerance); rows without a tolerance use +- 2 SD. Rows at the same
    speed are joined (the widest range), then the low and high ends are interpolated linearly between speeds; below
    or above the speeds in the table the nearest speed is used and the note says so. Symmetry angles get the
    healthy bands of :func:`symmetry_bands`.

    Parameters
    ----------
    speed_m_s : float
        Running speed [m/s], 0.5 to 10.

    Returns
    -------
    pandas.DataFrame
        Index ``quantity`` (names of :func:`runmech.simulate`'s summary); columns ``low``, ``high``, ``source``
        and ``note``.

    Examples
    --------
    >>> r = reference_ranges(3.5)
    >>> r.loc["peak_vgrf_bw", ["low", "high"]].round(3).tolist()
    [2.252, 2.836]
    """
    speed_m_s = check_real("speed_m_s", speed_m_s, low=0.5, high=10.0, unit="m/s")
    return _reference_ranges_cached(round(speed_m_s, 6)).copy()


def _row_range(value: float, sd: float, tol: float, kind: str) -> tuple[float, float] | None:
    if kind == "relative" and np.isfinite(tol):
        lo, hi = value * (1 - tol), value * (1 + tol)
    elif kind == "sd" and np.isfinite(tol) and np.isfinite(sd):
        lo, hi = value - tol * sd, value + tol * sd
    elif kind == "absolute" and np.isfinite(tol):
        lo, hi = value - tol, value + tol
    elif np.isfinite(sd):
        lo, hi = value - 2 * sd, value + 2 * sd
    else:
        return None
    return min(lo, hi), max(lo, hi)


@lru_cache(maxsize=1)
def _reference_rows() -> dict[str, tuple[list[tuple[float, float, float]], str]]:
    """``{quantity: ([(speed, low, high) per speed, sorted], sources)}`` from data/reference_running.csv."""
    try:
        ref = _data_table("reference_running.csv")
    except FileNotFoundError:
        return {}

    def num(x):
        try:
            return float(x)
        except (TypeError, ValueError):
            return float("nan")

    spans: dict[str, dict[float, list[float]]] = {}
    sources: dict[str, set] = {}
    for q, sp, v, sd, tol, kind, src in zip(ref["quantity"], ref["speed_m_s"], ref["value"], ref["sd"],
                                            ref["tolerance"], ref["tolerance_kind"], ref["source"]):
        span = _row_range(num(v), num(sd), num(tol), str(kind))
        if span is None or not np.isfinite(num(sp)):
            continue
        cur = spans.setdefault(str(q), {}).setdefault(num(sp), [np.inf, -np.inf])
        cur[0], cur[1] = min(cur[0], span[0]), max(cur[1], span[1])
        sources.setdefault(str(q), set()).add(str(src))
    return {q: (sorted((s_, lo, hi) for s_, (lo, hi) in per.items()), ", ".join(sorted(sources[q])))
            for q, per in spans.items()}


@lru_cache(maxsize=64)
def _reference_ranges_cached(speed_m_s: float) -> pd.DataFrame:
    rows = []
    for q, (per_speed, sources) in _reference_rows().items():
        sp = np.array([p[0] for p in per_speed])
        lo = float(np.interp(speed_m_s, sp, [p[1] for p in per_speed]))
        hi = float(np.interp(speed_m_s, sp, [p[2] for p in per_speed]))
        if speed_m_s < sp[0] - 1e-9 or speed_m_s > sp[-1] + 1e-9:
            near = sp[0] if speed_m_s < sp[0] else sp[-1]
            note = f"no reference at {speed_m_s:g} m/s: range at the nearest speed, {near:g} m/s"
        elif sp.size == 1:
            note = f"reference at {sp[0]:g} m/s"
        else:
            note = f"interpolated between {sp[0]:g} and {sp[-1]:g} m/s"
        rows.append((q, lo, hi, sources, note))
    bands = symmetry_bands()
    for q, kind in (("thorax_rotation_sa_pct", "any"), ("pelvis_rotation_sa_pct", "any"),
                    ("hip_flexor_moment_sa_pct", "force"), ("hip_flexion_rom_sa_pct", "any"),
                    ("peak_vgrf_sa_pct", "force"), ("contact_time_sa_pct", "temporal"),
                    ("stride_time_sa_pct", "temporal")):
        high, _, src = _band_for(kind, bands)
        rows.append((q, -high, high, src, "healthy runners' symmetry angle band (absolute value)"))
    return pd.DataFrame(rows, columns=["quantity", "low", "high", "source", "note"]).set_index("quantity")


def _pooled(rows: list[dict]) -> tuple[float, float, int, str]:
    """Mean, SD and count over several rows of a stats table (e.g. right and left), weighting by stride count."""
    rows = [r for r in rows if r["n"] > 0 and np.isfinite(r["mean"])]
    if not rows:
        return float("nan"), float("nan"), 0, ""
    n = np.array([r["n"] for r in rows], dtype=float)
    means = np.array([r["mean"] for r in rows], dtype=float)
    sds = np.nan_to_num(np.array([r["sd"] for r in rows], dtype=float))
    mean = float(np.average(means, weights=n))
    sd = float(np.sqrt(np.average(sds ** 2 + (means - mean) ** 2, weights=n))) if n.sum() > 1 else float("nan")
    cols = ", ".join(r["column"] for r in rows if r["column"]) or ", ".join(dict.fromkeys(r["variable"] for r in rows))
    return mean, sd, int(n.sum()), cols


def _measured(stats: StrideStats, mass_kg: float) -> dict[str, tuple[float, float, int, str]]:
    """Model quantities found in a StrideStats: ``{quantity: (mean, sd, n, columns)}``."""
    out: dict[str, tuple[float, float, int, str]] = {}
    records = stats.table.to_dict("records")

    def pick(pred, measure, sides=None):
        """Rows of a measure; for a trial without strides, the same measure over the whole trial."""
        for m in (measure, f"trial_{measure}"):
            rows = [r for r in records if r["measure"] == m and (sides is None or r["side"] in sides)
                    and pred(r["variable"].lower(), r["variable"])]
            if rows:
                return rows
        return []

    def first_variable(rows):
        return [r for r in rows if r["variable"] == rows[0]["variable"]] if rows else []

    for q, words in (("thorax_rotation_rom_deg", ("thorax", "trunk_rot", "torso", "shoulder_rot", "shoulder_line")),
                     ("pelvis_rotation_rom_deg", ("pelvis_rotation", "pelvis_yaw", "pelvis_angle", "pelvis_line"))):
        for w in words:
            rows = pick(lambda low, v, w=w: w in low and _cols.is_angle(v), "rom", ("both",))
            rows = [r for r in rows if r["column"]]
            if rows:
                out[q] = _pooled(rows[:1])
                break
    lr = ("right", "left")
    hip = first_variable(pick(lambda low, v: "hip" in low and ("flex" in low or "angle" in low)
                              and _cols.is_angle(v) and not _cols.is_moment(v), "rom", lr))
    if hip:
        out["hip_flexion_rom_deg"] = _pooled(hip)
        var = hip[0]["variable"]
        for q, measure in (("hip_flexion_max_deg", "max"), ("hip_flexion_min_deg", "min")):
            out[q] = _pooled(pick(lambda low, v: v == var, measure, lr))
    arm = first_variable(pick(lambda low, v: "arm" in low and _cols.is_angle(v), "rom", lr))
    if arm:
        out["arm_swing_rom_deg"] = _pooled(arm)
    mom = first_variable(pick(lambda low, v: "hip" in low and _cols.is_moment(v), "max", lr))
    if mom:
        var = mom[0]["variable"]
        per_kg = "kg" in var.lower()
        scale = 1.0 if per_kg else 1.0 / mass_kg
        for q, measure, sign in (("peak_hip_flexor_moment_Nm_kg", "max", 1.0),
                                 ("peak_hip_extensor_moment_Nm_kg", "min", -1.0)):
            m, sd, n, c = _pooled(pick(lambda low, v: v == var, measure, lr))
            out[q] = (sign * m * scale, sd * scale, n, c + ("" if per_kg else f" / {mass_kg:g} kg"))
    force = first_variable(pick(lambda low, v: _cols.is_vertical_force(v), "stance_max")
                           or pick(lambda low, v: _cols.is_vertical_force(v), "max"))
    if force:
        var = force[0]["variable"]
        bw = "bw" in _cols.tokens(var)
        scale = 1.0 if bw else 1.0 / (mass_kg * GRAVITY_M_S2)
        m, sd, n, c = _pooled(force)
        out["peak_vgrf_bw"] = (m * scale, sd * scale, n, c + ("" if bw else f" / ({mass_kg:g} kg x g)"))
    stride = [r for r in records if r["variable"] == "stride_time_s" and r["n"] > 0]
    step = [r for r in records if r["variable"] == "step_time_s" and r["n"] > 0]
    if stride:
        m, sd, n, _ = _pooled(stride)
        out["stride_time_s"] = (m, sd, n, "foot strikes")
        out["cadence_spm"] = (120.0 / m, 120.0 * sd / m ** 2 if np.isfinite(sd) else float("nan"), n, "foot strikes")
    elif step:
        m, sd, n, _ = _pooled(step)
        out["cadence_spm"] = (60.0 / m, 60.0 * sd / m ** 2 if np.isfinite(sd) else float("nan"), n,
                              "step time (right and left foot strikes)")
    contact = [r for r in records if r["variable"] == "contact_time_s"]
    if contact:
        out["contact_time_s"] = (*_pooled(contact)[:3], "force")
    sym = stats.symmetry.to_dict("records")
    for q, pred in (
        ("thorax_rotation", lambda r, low: r["measure"] == "excursion" and any(
            w in low for w in ("thorax", "trunk", "torso", "shoulder_line"))),
        ("pelvis_rotation", lambda r, low: r["measure"] == "excursion" and "pelvis" in low
         and not low.startswith("shoulder")),
        ("hip_flexor_moment", lambda r, low: r["measure"] == "max" and "hip" in low and _cols.is_moment(r["variable"])),
        ("hip_flexion_rom", lambda r, low: r["measure"] in ("rom", "trial_rom") and "hip" in low
         and _cols.is_angle(r["variable"])),
        ("peak_vgrf", lambda r, low: r["measure"] in ("stance_max", "max") and _cols.is_vertical_force(r["variable"])),
        ("contact_time", lambda r, low: r["measure"] == "value" and r["variable"] == "contact_time_s"),
    ):
        hits = [r for r in sym if pred(r, r["variable"].lower())]
        if hits:
            r = hits[0]
            n = int(min(r["n_right"], r["n_left"]))
            out[f"{q}_si_pct"] = (float(r["si_pct"]), float("nan"), n, str(r["variable"]))
            out[f"{q}_sa_pct"] = (float(r["sa_pct"]), float("nan"), n, str(r["variable"]))
    return out


def _model_values(sim: Any) -> dict[str, float]:
    """The model's summary: every quantity, symmetry included, is defined once in :mod:`runmech.model.summary`."""
    return {str(k): float(v) for k, v in sim.summary.items()}


def compare_with_model(stats: Any, runner: Any, speed_m_s: float, **knobs: Any) -> pd.DataFrame:
    """Measured values beside the model's summary at the runner's speed and beside healthy reference ranges.

    Parameters
    ----------
    stats : StrideStats or mapping
        From :func:`stride_stats`, or ``{quantity: value}`` / ``{quantity: (mean, sd, n)}`` with quantities named
        as in :func:`runmech.simulate`'s summary (e.g. ``pelvis_rotation_rom_deg``). Joint moments in N·m and
        forces in newtons are divided by the runner's mass (and g).
    runner : runmech.Runner
        The runner measured (mass for normalising; body for the model).
    speed_m_s : float
        Running speed of the recording [m/s], 0.5 to 10.
    **knobs
        Passed to :func:`runmech.simulate` (e.g. ``rotation_asymmetry_pct``).

    Returns
    -------
    pandas.DataFrame
        Index ``quantity``; columns ``measured``, ``sd``, ``n``, ``from_columns``, ``model``, ``difference_pct``
        ((measured - model) / |model| x 100), ``ref_low``, ``ref_high``, ``ref_source``, ``ref_note``, ``flag``
        ("inside", "below reference", "above reference" or "no reference") and ``outside`` (bool). ``attrs``
        carry ``speed_m_s``, ``label`` and ``synthetic``.

    Examples
    --------
    >>> from runmech import Runner
    >>> cmp = compare_with_model({"pelvis_rotation_rom_deg": 40.0, "cadence_spm": 160.0}, Runner(), 3.0)
    >>> cmp.loc["pelvis_rotation_rom_deg", "flag"], bool(cmp.loc["cadence_spm", "outside"])
    ('above reference', False)
    """
    from runmech.model.body import Runner
    from runmech.model.compose import simulate

    if not isinstance(runner, Runner):
        raise TypeError(f"runner must be a runmech.Runner; got {type(runner).__name__}")
    speed_m_s = check_real("speed_m_s", speed_m_s, low=0.5, high=10.0, unit="m/s")
    if isinstance(stats, StrideStats):
        measured = _measured(stats, runner.mass_kg)
        label, synthetic = stats.label, stats.synthetic
    elif isinstance(stats, (Mapping, pd.Series)):
        measured = {}
        for q, v in dict(stats).items():
            if isinstance(v, (tuple, list)) and 1 <= len(v) <= 3:
                m = check_real(f"stats[{q!r}][0]", v[0])
                sd = float(v[1]) if len(v) > 1 else float("nan")
                n = int(v[2]) if len(v) > 2 else 1
            else:
                m, sd, n = check_real(f"stats[{q!r}]", v), float("nan"), 1
            measured[str(q)] = (m, sd, n, "given")
        label, synthetic = "values given", False
    else:
        raise TypeError(f"stats must be a StrideStats from stride_stats or a mapping of quantity to value; got "
                        f"{type(stats).__name__}")
    sim = simulate(runner, speed_m_s, **knobs)
    model_values = _model_values(sim)
    refs = reference_ranges(speed_m_s)
    rows = []
    for q, (m, sd, n, cols) in measured.items():
        model = model_values.get(q, float("nan"))
        usable = np.isfinite(model) and model != 0 and np.isfinite(m)
        diff = (m - model) / abs(model) * 100.0 if usable else float("nan")
        if q in refs.index and np.isfinite(m):
            lo, hi = float(refs.loc[q, "low"]), float(refs.loc[q, "high"])
            src, note = str(refs.loc[q, "source"]), str(refs.loc[q, "note"])
            value = abs(m) if q.endswith("_sa_pct") else m
            lo_v = 0.0 if q.endswith("_sa_pct") else lo
            flag = "below reference" if value < lo_v else "above reference" if value > hi else "inside"
        else:
            lo = hi = float("nan")
            src, note = "", ("symmetry index: judge with the symmetry angle" if q.endswith("_si_pct") else "")
            flag = "no reference"
        rows.append((q, m, sd, n, cols, model, diff, lo, hi, src, note, flag,
                     flag in ("below reference", "above reference")))
    out = pd.DataFrame(rows, columns=["quantity", "measured", "sd", "n", "from_columns", "model", "difference_pct",
                                      "ref_low", "ref_high", "ref_source", "ref_note", "flag", "outside"])
    out = out.set_index("quantity")
    out.attrs.update({"speed_m_s": speed_m_s, "label": label, "synthetic": synthetic, "runner": repr(runner)})
    return out


def side_by_side(**comparisons: pd.DataFrame) -> pd.DataFrame:
    """Several recordings' comparisons in one table: each one's measured value, then the model and the reference.

    Parameters
    ----------
    **comparisons
        ``label=DataFrame`` from :func:`compare_with_model`; the model and reference columns are taken from the
        first (run them at the same speed and for the same runner to compare like with like).

    Returns
    -------
    pandas.DataFrame
        Index ``quantity`` (those of the first comparison, in its order); one column per label, then ``model``,
        ``ref_low`` and ``ref_high``.

    Examples
    --------
    >>> from runmech import Runner
    >>> a = compare_with_model({"cadence_spm": 170.0}, Runner(), 3.0)
    >>> b = compare_with_model({"cadence_spm": 160.0}, Runner(), 3.0)
    >>> side_by_side(trial=a, synthetic=b).loc["cadence_spm", ["trial", "synthetic"]].tolist()
    [170.0, 160.0]
    """
    if not comparisons:
        raise ValueError("comparisons must name at least one DataFrame from compare_with_model, e.g. trial=cmp")
    for label, cmp in comparisons.items():
        if not isinstance(cmp, pd.DataFrame) or "measured" not in cmp.columns:
            raise TypeError(f"{label} must be a DataFrame from compare_with_model; got {type(cmp).__name__}")
    first = next(iter(comparisons.values()))
    out = pd.DataFrame(index=first.index)
    for label, cmp in comparisons.items():
        out[label] = cmp["measured"].reindex(first.index)
    return out.join(first[["model", "ref_low", "ref_high"]])
