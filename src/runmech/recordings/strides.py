"""Strides: foot strike to the next foot strike of the same foot, from force or given times."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from runmech._validate import check_choice, check_int, check_real
from runmech.recordings import columns as _cols
from runmech.recordings.errors import DEFAULT_THRESHOLD_FRACTION, RecordingError
from runmech.recordings.events import has_kinematics, kinematic_events, pair_contacts

_CONTACT_COLUMNS = ["side", "contact", "strike_s", "off_s", "contact_s"]


def _check_recording(rec: Any) -> pd.DataFrame:
    if not isinstance(rec, pd.DataFrame):
        raise TypeError(f"recording must be a pandas DataFrame indexed by time [s] (see read_recording); got "
                        f"{type(rec).__name__}")
    if len(rec) < 2:
        raise RecordingError(_source(rec), "a recording with at least two rows", found=f"{len(rec)} rows")
    return rec


def _source(rec: pd.DataFrame) -> str:
    return str(rec.attrs.get("source", "recording"))


@dataclass(frozen=True)
class Strides:
    """Strides found in a recording: every one listed, the implausible ones marked with the reason.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per stride: ``side`` ("right", "left" or "all"), ``stride`` (number per side, from 1), ``start_s``
        and ``end_s`` (foot strike and next foot strike of the same foot [s]), ``duration_s`` [s], ``contact_s``
        (ground contact time [s]; NaN when unknown), ``start_row``/``end_row`` (row positions, end excluded),
        ``plausible`` (bool) and ``reason`` (why not; empty when plausible).
    method : str
        How the strikes were found, with the threshold used.
    source : str
        The recording's source.
    notes : tuple of str
        Anything else worth knowing (ignored force blips, side assignment ...).
    contacts : pandas.DataFrame
        Every foot strike, complete strides or not: ``side``, ``contact`` (number per side), ``strike_s``,
        ``off_s`` (toe-off [s], NaN when not seen) and ``contact_s`` [s]. A one-stance trial has contacts and no
        strides.

    Examples
    --------
    >>> from runmech.recordings import example_recording
    >>> rec = example_recording(strides=6, noise=0.0)
    >>> s = detect_strides(rec)
    >>> s.table.groupby("side")["plausible"].sum().to_dict()
    {'left': 6, 'right': 6}
    >>> first = s.good("right").iloc[0]
    >>> bool(first["end_s"] - first["start_s"] == first["duration_s"]), first["reason"]
    (True, '')
    """

    table: pd.DataFrame
    method: str
    source: str
    notes: tuple[str, ...] = ()
    contacts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=_CONTACT_COLUMNS))

    @property
    def sides(self) -> list[str]:
        """Sides with strides, right first."""
        order = {"right": 0, "left": 1, "all": 2}
        return sorted(self.table["side"].unique().tolist(), key=lambda s: order.get(s, 3))

    @property
    def contact_sides(self) -> list[str]:
        """Sides with at least one foot strike, right first."""
        order = {"right": 0, "left": 1, "all": 2}
        return sorted(self.contacts["side"].unique().tolist(), key=lambda s: order.get(s, 3))

    def good(self, side: str | None = None) -> pd.DataFrame:
        """The plausible strides (of one side, if given).

        Examples
        --------
        >>> from runmech.recordings import example_recording
        >>> s = detect_strides(example_recording(strides=4, noise=0.0))
        >>> len(s.good("left"))
        4
        """
        t = self.table[self.table["plausible"]]
        return t if side is None else t[t["side"] == side]

    def rejected(self) -> pd.DataFrame:
        """The strides marked implausible, with their reason.

        Examples
        --------
        >>> from runmech.recordings import example_recording
        >>> detect_strides(example_recording(strides=4, noise=0.0)).rejected().empty
        True
        """
        return self.table[~self.table["plausible"]]

    def describe(self) -> str:
        """One paragraph in words: how many strides per side, their duration, the ones left out and why.

        Examples
        --------
        >>> from runmech.recordings import example_recording
        >>> print(detect_strides(example_recording(strides=4, noise=0.0)).describe())  # doctest: +ELLIPSIS
        4 right strides (mean 0.77 s) and 4 left strides (mean 0.77 s) ...
        """
        parts = []
        for side in self.sides:
            g = self.good(side)
            parts.append(f"{len(g)} {side} stride{'s' if len(g) != 1 else ''}"
                         + (f" (mean {g['duration_s'].mean():.2f} s)" if len(g) else ""))
        if not parts:
            c = self.contacts
            each = " and ".join(f"{len(g)} {side} (at {', '.join(f'{x:.2f}' for x in g['strike_s'])} s)"
                                for side, g in c.groupby("side", sort=False))
            text = f"No complete stride: foot strikes {each} from {self.method}."
            return text + " A stride needs two foot strikes of the same foot."
        text = " and ".join(parts) + f" from {self.method}."
        bad = self.rejected()
        if len(bad):
            listed = "; ".join(f"{r.side} stride {r.stride} at {r.start_s:.2f} s: {r.reason}"
                               for r in bad.head(6).itertuples())
            more = f" (and {len(bad) - 6} more)" if len(bad) > 6 else ""
            text += f" Left out {len(bad)}: {listed}{more}."
        else:
            text += " None left out."
        return text

    def __repr__(self) -> str:
        return f"Strides({self.describe()})"


def _contacts(t: np.ndarray, f: np.ndarray, thr: float, min_contact_s: float, merge_s: float):
    """Strike and toe-off times [s] where ``f`` crosses ``thr`` upwards / downwards (linear interpolation)."""
    above = np.nan_to_num(f, nan=-np.inf) > thr
    d = np.diff(above.astype(np.int8))
    rises = np.flatnonzero(d == 1) + 1
    falls = np.flatnonzero(d == -1) + 1
    if falls.size and rises.size and falls[0] < rises[0]:
        falls = falls[1:]
    elif falls.size and not rises.size:
        falls = falls[:0]

    def cross(i):
        f0, f1 = f[i - 1], f[i]
        frac = np.where(f1 != f0, (thr - f0) / np.where(f1 != f0, f1 - f0, 1.0), 0.0)
        return t[i - 1] + np.clip(frac, 0.0, 1.0) * (t[i] - t[i - 1])

    on = cross(rises) if rises.size else np.empty(0)
    off = np.full(on.size, np.nan)
    nf = min(falls.size, on.size)
    off[:nf] = cross(falls[:nf]) if nf else off[:0]
    notes = []
    # merge contacts separated by a very short dip (force noise around the threshold)
    if on.size > 1:
        keep = np.ones(on.size, bool)
        for k in range(1, on.size):
            prev = k - 1
            while not keep[prev]:
                prev -= 1
            if np.isfinite(off[prev]) and on[k] - off[prev] < merge_s:
                off[prev] = off[k]
                keep[k] = False
        if (~keep).any():
            notes.append(f"{int((~keep).sum())} dips shorter than {merge_s * 1000:.0f} ms merged into contacts")
        on, off = on[keep], off[keep]
    dur = off - on
    blip = np.isfinite(dur) & (dur < min_contact_s)
    if blip.any():
        notes.append(f"{int(blip.sum())} force blips shorter than {min_contact_s * 1000:.0f} ms ignored "
                     f"(at {', '.join(f'{x:.2f}' for x in on[blip][:5])} s)")
        on, off = on[~blip], off[~blip]
    return on, off, notes


def _force_columns(rec: pd.DataFrame, force: Any) -> tuple[dict[str, str], str | None]:
    """``({side: column}, combined_column)`` for stride detection."""
    cols = [str(c) for c in rec.columns]
    if force is None:
        found = [c for c in cols if _cols.is_vertical_force(c)]
        sided: dict[str, str] = {}
        plates: list[str] = []
        for c in found:
            _, side = _cols.split_side(c)
            if side and side not in sided:
                sided[side] = c
            elif side is None:
                plates.append(c)
        if len(sided) == 2:
            return sided, None
        if plates:  # force plates without a side (Fz1, Fz2 ...): their sum, every foot on some plate
            return {}, "+".join(plates)
        if sided:
            return sided, None
        raise RecordingError(
            _source(rec), "a vertical ground force column (e.g. ground_force_vy_r and ground_force_vy_l, "
            "vgrf_right_bw, or Fz), heel and pelvis markers or hip and knee angles (hip_flexion_r, knee_angle_r) "
            "for events from kinematics, or foot-strike times (foot_strikes_s=...)",
            found="columns " + ", ".join(repr(c) for c in cols[:10]) + (" ..." if len(cols) > 10 else ""))
    if isinstance(force, str):
        if force not in rec.columns:
            raise ValueError(f"force must be a column of the recording ({', '.join(cols[:10])}); got {force!r}")
        _, side = _cols.split_side(force)
        return ({side: force}, None) if side else ({}, force)
    if isinstance(force, Mapping):
        out = {}
        for side, c in force.items():
            check_choice("force side", side, ["right", "left"])
            if c not in rec.columns:
                raise ValueError(f"force[{side!r}] must be a column of the recording; got {c!r}")
            out[side] = c
        if not out:
            raise ValueError("force must name at least one column; got an empty mapping")
        return out, None
    if isinstance(force, (tuple, list)) and len(force) == 2:
        return _force_columns(rec, {"right": force[0], "left": force[1]})
    raise TypeError(f"force must be None, a column name, (right, left) or {{'right': ..., 'left': ...}}; got {force!r}")


def _hip_pair(rec: pd.DataFrame) -> tuple[str, str] | None:
    bases: dict[str, dict[str, str]] = {}
    for c in rec.columns:
        base, side = _cols.split_side(str(c))
        if side and "hip" in base.lower() and _cols.is_angle(str(c)) and _cols.is_large_motion(str(c)):
            bases.setdefault(base, {})[side] = str(c)
    for sides in bases.values():
        if len(sides) == 2:
            return sides["right"], sides["left"]
    return None


def detect_strides(recording: pd.DataFrame, *, force: Any = None, threshold: float | None = None,
                   threshold_fraction: float = DEFAULT_THRESHOLD_FRACTION, foot_strikes_s: Any = None,
                   min_stride_s: float = 0.4, max_stride_s: float = 1.5, max_change_pct: float = 25.0,
                   min_contact_s: float = 0.04, min_strides: int = 0, events: str = "auto") -> Strides:
    """Find strides (foot strike to the next strike of the same foot) from vertical ground force or given times.

    From force, a foot strike is where the force rises through the threshold (time found by linear interpolation
    between samples) and toe-off where it falls back. Contacts shorter than ``min_contact_s`` are ignored as blips,
    dips shorter than 20 ms inside a contact are merged. With one force column for both feet (a single force plate),
    consecutive contacts alternate feet: when a right/left hip flexion pair exists, the foot whose hip is more
    flexed at strike is the one striking; otherwise every other contact starts a stride (side "all").

    Every stride is kept and checked: it must last from ``min_stride_s`` to ``max_stride_s`` and differ from its
    side's median stride by at most ``max_change_pct``; strides failing a check are marked implausible with the
    reason (a missed or doubled foot strike shows up this way).

    Without force (``events="kinematics"``, or "auto" when no force column is found), foot strikes and toe-offs
    come from markers or joint angles (:func:`runmech.recordings.events.kinematic_events`: Zeni 2008 for the
    strike, Fellin 2010 for toe-off, with their expected errors in ``method``). A trial too short for a stride
    (one stance per foot, as over force plates) is kept: its foot strikes and contacts are in ``contacts``.

    Parameters
    ----------
    recording : pandas.DataFrame
        From :func:`read_recording` or :func:`example_recording` (index time [s]).
    force : None, str, (str, str) or dict
        Vertical force column(s). None finds them by name (``ground_force_vy_r``/``_l``, ``vgrf_*``, ``Fz`` ...).
    threshold : float, optional
        Contact threshold in the force column's own unit. Default: ``threshold_fraction`` of the column's 99th
        percentile.
    threshold_fraction : float
        Used when ``threshold`` is None: 0.01 to 0.5, default :data:`DEFAULT_THRESHOLD_FRACTION` (0.05 = 5 % of
        the 99th percentile, about 90 N for a 73 kg runner, or 0.12 body weights).
    foot_strikes_s : dict or sequence, optional
        Foot-strike times [s] instead of force: ``{"right": [...], "left": [...]}`` or one sequence (side "all").
    min_stride_s, max_stride_s : float
        Plausible stride duration [s], defaults 0.4 and 1.5 (running strides last about 0.6 to 0.9 s).
    max_change_pct : float
        Largest plausible difference from the side's median stride duration [%], default 25.
    min_contact_s : float
        Shortest contact counted [s], default 0.04.
    min_strides : int
        Fewest plausible strides the best side must have (default 0: a short trial gives what it can); fewer
        raises :class:`RecordingError`. A recording without any foot strike is always refused.
    events : {"auto", "force", "kinematics"}
        Where foot strikes come from: force when a force column exists, else kinematics ("auto").

    Returns
    -------
    Strides

    Examples
    --------
    >>> i = np.arange(300)
    >>> t, f = i / 100.0, np.where(i % 80 < 25, 1000.0, 0.0)  # 100 Hz; a contact starts every 0.8 s
    >>> rec = pd.DataFrame({"vgrf_r": f}, index=pd.Index(t, name="time_s"))
    >>> s = detect_strides(rec, threshold=500.0)
    >>> s.table[["start_s", "end_s"]].round(3).values.tolist()
    [[0.795, 1.595], [1.595, 2.395]]
    """
    rec = _check_recording(recording)
    min_stride_s = check_real("min_stride_s", min_stride_s, low=0.05, high=10.0, unit="s")
    max_stride_s = check_real("max_stride_s", max_stride_s, low=min_stride_s, high=20.0, unit="s")
    max_change_pct = check_real("max_change_pct", max_change_pct, low=1.0, high=1000.0, unit="%")
    min_contact_s = check_real("min_contact_s", min_contact_s, low=0.0, high=1.0, unit="s")
    min_strides = check_int("min_strides", min_strides, low=0, high=1000)
    events = check_choice("events", events, ["auto", "force", "kinematics"])
    threshold_fraction = check_real("threshold_fraction", threshold_fraction, low=0.01, high=0.5)
    t = rec.index.to_numpy(dtype=np.float64)
    label = _source(rec)
    notes: list[str] = []
    contact_times: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    if foot_strikes_s is not None:
        given = foot_strikes_s if isinstance(foot_strikes_s, Mapping) else {"all": foot_strikes_s}
        for side, times in given.items():
            check_choice("foot_strikes_s side", side, ["right", "left", "all"])
            try:
                arr = np.asarray(times, dtype=np.float64).ravel()
            except (TypeError, ValueError):
                raise TypeError(f"foot_strikes_s[{side!r}] must be a sequence of times [s]; got {times!r}") from None
            if not np.all(np.isfinite(arr)) or np.any(np.diff(arr) <= 0):
                raise ValueError(f"foot_strikes_s[{side!r}] must be finite, strictly increasing times [s]; got "
                                 f"{arr.tolist()[:8]}")
            contact_times[side] = (arr, np.full(arr.size, np.nan))
        method = "foot-strike times given"
    elif events == "kinematics" or (events == "auto" and force is None and not _has_force(rec)
                                    and has_kinematics(rec)):
        found = kinematic_events(rec, min_stride_s=min_stride_s)
        if found is None:
            raise RecordingError(label, "markers (heel and sacrum or hip bones) or hip and knee angles "
                                 "(hip_flexion_r, knee_angle_r ...) for events from kinematics",
                                 found="columns " + ", ".join(repr(c) for c in list(rec.columns)[:10]))
        for side in found.strikes:
            on = found.strikes[side]
            contact_times[side] = (on, pair_contacts(on, found.offs[side]))
        method = found.method
        notes += list(found.notes)
    else:
        sided, combined = _force_columns(rec, force)
        if threshold is not None:
            threshold = check_real("threshold", threshold)
        used = []
        for side, col in ([(s, c) for s, c in sided.items()] + ([("both", combined)] if combined else [])):
            parts = [col] if col in rec.columns else col.split("+")
            f = rec[parts[0]].to_numpy(dtype=np.float64)
            for extra in parts[1:]:
                f = np.nansum([f, rec[extra].to_numpy(dtype=np.float64)], axis=0)
            finite = f[np.isfinite(f)]
            if finite.size and -finite.min() > finite.max():  # a plate that reports the force on it (negative up)
                f, finite = -f, -finite
                notes.append(f"{col}: mostly negative, so its sign was flipped (force on the plate)")
            if finite.size == 0:
                raise RecordingError(label, f"numbers in force column {col!r}", found="only gaps")
            thr = threshold if threshold is not None else threshold_fraction * float(np.percentile(finite, 99))
            if not thr > float(finite.min()):
                raise RecordingError(label, f"force column {col!r} to drop below the contact threshold "
                                     f"({thr:.3g}) between steps", found=f"its smallest value is {finite.min():.3g}",
                                     hint="Pass a threshold, or check that this column is a vertical force")
            on, off, n = _contacts(t, f, thr, min_contact_s, 0.02)
            notes += [f"{col}: {x}" for x in n]
            used.append(f"{col} above {thr:.3g}")
            contact_times[side] = (on, off)
        if threshold is None:
            method = (f"vertical force crossing {threshold_fraction * 100:g} % of its 99th percentile ("
                      + "; ".join(used) + ")")
        else:
            method = "vertical force crossing the threshold (" + "; ".join(used) + ")"
        if combined:
            on, off = contact_times.pop("both")
            hips = _hip_pair(rec)
            if hips is not None and on.size:
                hr = np.interp(on, t, rec[hips[0]].to_numpy(dtype=np.float64))
                hl = np.interp(on, t, rec[hips[1]].to_numpy(dtype=np.float64))
                right = hr > hl
                contact_times["right"] = (on[right], off[right])
                contact_times["left"] = (on[~right], off[~right])
                notes.append(f"one force column for both feet: each contact given to the foot whose hip was more "
                             f"flexed at strike ({hips[0]} vs {hips[1]})")
                if right.size > 1 and np.any(right[1:] == right[:-1]):
                    notes.append("the feet did not always alternate: check the strides marked implausible")
            else:
                contact_times["all"] = (on[0::2], off[0::2])
                notes.append("one force column for both feet and no hip flexion pair: strides start at every "
                             "other contact and are not split by side")
    rows = []
    for side, (on, off) in contact_times.items():
        if on.size < 2:
            continue
        start, end = on[:-1], on[1:]
        dur = end - start
        contact = np.where(np.isfinite(off[:-1]) & (off[:-1] < end), off[:-1] - start, np.nan)
        ok_dur = (dur >= min_stride_s) & (dur <= max_stride_s)
        med = float(np.median(dur[ok_dur])) if ok_dur.any() else float(np.median(dur))
        change = (dur - med) / med * 100.0
        s_row = np.searchsorted(t, start, side="left")
        e_row = np.searchsorted(t, end, side="left")
        for k in range(dur.size):
            reasons = []
            if dur[k] < min_stride_s:
                reasons.append(f"shorter than {min_stride_s:g} s (an extra foot strike?)")
            elif dur[k] > max_stride_s:
                reasons.append(f"longer than {max_stride_s:g} s (a missed foot strike?)")
            elif abs(change[k]) > max_change_pct:
                reasons.append(f"{change[k]:+.0f} % from the median stride of {med:.2f} s")
            if start[k] < t[0] or end[k] > t[-1]:
                reasons.append("outside the recording")
            elif e_row[k] - s_row[k] < 10:
                reasons.append("fewer than 10 samples")
            rows.append((side, k + 1, start[k], end[k], dur[k], contact[k], int(s_row[k]), int(e_row[k]),
                         not reasons, "; ".join(reasons)))
    table = pd.DataFrame(rows, columns=["side", "stride", "start_s", "end_s", "duration_s", "contact_s",
                                        "start_row", "end_row", "plausible", "reason"])
    table = table.sort_values(["start_s", "side"], kind="stable").reset_index(drop=True)
    contacts = _contact_table(contact_times)
    if contacts.empty:
        raise RecordingError(label, "at least one foot strike", found=f"none ({method})",
                             hint="Check the force columns and the threshold, or give foot_strikes_s")
    counts = table[table["plausible"]].groupby("side").size() if len(table) else pd.Series(dtype=int)
    best = int(counts.max()) if len(counts) else 0
    if best < min_strides:
        per = ", ".join(f"{n} {s}" for s, n in counts.items()) or "none"
        raise RecordingError(label, f"at least {min_strides} complete strides of plausible duration "
                             f"({min_stride_s:g} to {max_stride_s:g} s) on one side", found=f"{per} ({method})",
                             hint="Record a longer trial (10 strides or more is better), or check the force "
                                  "columns and the threshold")
    return Strides(table=table, method=method, source=label, notes=tuple(notes), contacts=contacts)


def _contact_table(contact_times: dict[str, tuple[np.ndarray, np.ndarray]]) -> pd.DataFrame:
    rows = []
    for side, (on, off) in contact_times.items():
        for k, (a, b) in enumerate(zip(on, off)):
            rows.append((side, k + 1, float(a), float(b), float(b - a) if np.isfinite(b) else float("nan")))
    table = pd.DataFrame(rows, columns=_CONTACT_COLUMNS)
    return table.sort_values("strike_s", kind="stable").reset_index(drop=True)


def _has_force(rec: pd.DataFrame) -> bool:
    return any(_cols.is_vertical_force(str(c)) for c in rec.columns)
