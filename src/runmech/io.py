"""Your own running recordings: read CSV and OpenSim .mot/.sto tables, find strides, get ranges, peaks and symmetry,
and set them beside the model and healthy-runner figures.

The steps, each a function
--------------------------
1. **Read** a file: :func:`read_opensim` (``.mot``/``.sto``), :func:`read_table` (CSV/TSV), or :func:`read_recording`
   (chooses by the file ending). The result is a ``pandas.DataFrame`` indexed by time ``time_s`` [s]; ``df.attrs``
   records the source, whether the file's angles were in degrees and which columns were converted. With no data at
   hand, :func:`example_recording` makes a **synthetic** recording from the model.
2. **Strides** (:func:`detect_strides`): foot strike to the next foot strike of the same foot, from vertical ground
   force crossing a threshold or from foot-strike times you give. Every stride is kept in the table; the ones with an
   implausible duration are marked and the reason given, never silently dropped.
3. **Statistics** (:func:`stride_stats`): per stride, the range of motion (max - min), maximum and minimum of every
   column, then mean, SD and count per side; symmetry index and symmetry angle for every right/left pair
   (:func:`runmech.symmetry.symmetry_index`, :func:`runmech.symmetry.symmetry_angle`).
4. **Compare** (:func:`compare_with_model`): the measured values beside :func:`runmech.simulate`'s summary at the
   runner's speed and beside the reference ranges in ``data/reference_running.csv`` and
   ``data/symmetry_reference.csv``, flagging what lies outside.
5. **Export** (:func:`results_csv`): one tidy CSV of everything.

Safety and limits
-----------------
A file is only ever read: nothing in it is executed or evaluated; numbers are parsed by pandas' C reader.
Files larger than :data:`MAX_FILE_MB` megabytes (200 MB = 200 000 000 bytes) are refused before reading. Every
problem raises :class:`RecordingError` (a ``ValueError``) whose message names the file, the line where there is one,
and what was expected.

OpenSim table format (what :func:`write_opensim` writes and :func:`read_opensim` reads)
----------------------------------------------------------------------------------------
::

    run_trial_01            <- a name (optional first line)
    version=1
    nRows=6000              <- number of data rows
    nColumns=41             <- number of columns, time included
    inDegrees=yes           <- yes: angles in degrees; no: radians
    endheader
    time<TAB>pelvis_rotation<TAB>hip_flexion_r ...
    0<TAB>1.25<TAB>30.5 ...

Other ``key=value`` header lines (``DataType``, ``OpenSimVersion`` ...) and free text are kept in
``df.attrs["header"]``. Columns may be separated by tabs or spaces.

Column names and sides
----------------------
A column belongs to the right or left side when one word of its name is ``r``/``right`` or ``l``/``left``
(``hip_flexion_r``, ``r_ground_force_vy``, ``hip_angle_right_deg``) or it starts with ``R``/``L`` before a capital
(``RHipAngles``). Two columns that differ only in that word form a pair and get a symmetry row. Angle columns are
recognised by words such as angle, flexion, rotation, tilt, list, and body parts (pelvis, lumbar, hip, knee, ankle,
thorax ...); translations (``pelvis_tx``), forces and moments are not angles.
"""

from __future__ import annotations

import csv
import io as _stdio
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from runmech import _io_columns as _cols
from runmech._data import read_table as _data_table
from runmech._validate import check_bool, check_choice, check_int, check_real

__all__ = [
    "MAX_FILE_MB",
    "DEFAULT_THRESHOLD_FRACTION",
    "RecordingError",
    "read_opensim",
    "write_opensim",
    "read_table",
    "read_recording",
    "detect_strides",
    "Strides",
    "stride_stats",
    "StrideStats",
    "stride_curves",
    "symmetry_bands",
    "reference_ranges",
    "compare_with_model",
    "example_recording",
    "results_csv",
]

#: Largest file :func:`read_opensim` / :func:`read_table` accept [MB, 1 MB = 1 000 000 bytes], checked before reading.
MAX_FILE_MB = 200.0
#: Default force threshold for stride detection, as a fraction of the force column's 99th percentile.
DEFAULT_THRESHOLD_FRACTION = 0.05

_G = 9.80665
_NA_WORDS = {"", "nan", "-nan", "+nan", "na", "n/a", "null", "none", "#n/a", "-1.#ind", "1.#qnan", "<na>"}
# pandas 3 parses floats exactly by default (and deprecates the option); older pandas needs "round_trip" for that
_FLOAT_KW = {} if int(pd.__version__.split(".")[0]) >= 3 else {"float_precision": "round_trip"}
_OPENSIM_SUFFIXES = {".mot", ".sto"}
_TABLE_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".dat"}


# ---------------------------------------------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------------------------------------------
class RecordingError(ValueError):
    """A recording that cannot be used as it is: the message names the file, the line and what was expected.

    Parameters
    ----------
    source : str
        The file (path or upload name).
    expected : str
        What runmech expected to find.
    line : int, optional
        Line number in the file (1 = first line), where there is one.
    found : str, optional
        What was found instead.
    hint : str, optional
        How to fix it.

    Attributes
    ----------
    source, line, expected, found, hint
        As given.

    Examples
    --------
    >>> err = RecordingError("run.mot", "a number in column 'hip_flexion_r'", line=12, found="'abc'")
    >>> str(err)
    "run.mot, line 12: expected a number in column 'hip_flexion_r'; found 'abc'"
    >>> isinstance(err, ValueError), err.line
    (True, 12)
    """

    def __init__(self, source: str, expected: str, *, line: int | None = None, found: str | None = None,
                 hint: str | None = None) -> None:
        self.source = str(source)
        self.line = line
        self.expected = expected
        self.found = found
        self.hint = hint
        where = self.source + (f", line {line}" if line is not None else "")
        msg = f"{where}: expected {expected}"
        if found:
            msg += f"; found {found}"
        if hint:
            msg += f". {hint}"
        super().__init__(msg)


# ---------------------------------------------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------------------------------------------
def _load_text(source: Any, name: str | None, max_mb: float) -> tuple[str, str]:
    """Return ``(label, text)`` of a path or of raw bytes, after the size check."""
    max_mb = check_real("max_mb", max_mb, low=0.0, low_inclusive=False, unit="MB")
    limit = int(max_mb * 1_000_000)
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name must be a string (the file name shown in messages); got {name!r}")
    if isinstance(source, (bytes, bytearray, memoryview)):
        label = name or "uploaded file"
        if len(source) > limit:
            raise RecordingError(label, f"a file of at most {max_mb:g} MB (runmech's size limit)",
                                 found=f"{len(source) / 1e6:.1f} MB",
                                 hint="Cut the recording into shorter trials or keep fewer columns")
        raw = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = name or str(path)
        if not path.exists():
            raise RecordingError(label, "an existing file", found="no file at this path")
        if not path.is_file():
            raise RecordingError(label, "a file", found="a folder or special file")
        size = path.stat().st_size
        if size > limit:
            raise RecordingError(label, f"a file of at most {max_mb:g} MB (runmech's size limit)",
                                 found=f"{size / 1e6:.1f} MB",
                                 hint="Cut the recording into shorter trials or keep fewer columns")
        raw = path.read_bytes()
    else:
        raise TypeError(f"path must be a file path (str or pathlib.Path) or the file's bytes; got "
                        f"{type(source).__name__}")
    if not raw.strip():
        raise RecordingError(label, "a header and rows of numbers", line=1, found="an empty file")
    if b"\x00" in raw[:65536]:
        raise RecordingError(label, "a text file (CSV, TSV, .mot or .sto)", line=1,
                             found="binary content (a .c3d or spreadsheet file?)",
                             hint="Export the data as CSV or as an OpenSim .mot/.sto table first")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return label, text


def _sep_words(sep: str | None) -> str:
    return {None: "spaces or tabs", "\t": "tabs", ",": "commas", ";": "semicolons"}.get(sep, repr(sep))


def _split_labels(line: str, sep: str | None) -> list[str]:
    if sep is None:
        return line.split()
    return [c.strip() for c in next(csv.reader([line], delimiter=sep))]


def _check_labels(label: str, labels: list[str], line_no: int) -> None:
    for i, lab in enumerate(labels):
        if not lab:
            raise RecordingError(label, "a name for every column", line=line_no, found=f"column {i + 1} has none")
    seen: dict[str, int] = {}
    for i, lab in enumerate(labels):
        if lab in seen:
            raise RecordingError(label, "unique column names", line=line_no,
                                 found=f"{lab!r} in columns {seen[lab] + 1} and {i + 1}")
        seen[lab] = i


def _parse_numbers(label: str, lines: list[str], first_line: int, labels: list[str], sep: str | None) -> np.ndarray:
    """Parse data lines into a float array (rows x columns); every problem names its line."""
    n = len(labels)
    if sep is None:
        counts = [len(ln.split()) for ln in lines]
    else:
        counts = [ln.count(sep) + 1 if ln.strip() else 0 for ln in lines]
    for i, c in enumerate(counts):
        if c != n:
            shown = ", ".join(labels[:4]) + (", ..." if n > 4 else "")
            found = "an empty line" if c == 0 else f"{c} value{'s' if c != 1 else ''}"
            raise RecordingError(label, f"{n} values separated by {_sep_words(sep)}, one per column ({shown})",
                                 line=first_line + i, found=found)
    text = "\n".join(lines)
    reader_sep = r"\s+" if sep is None else sep
    try:
        frame = pd.read_csv(_stdio.StringIO(text), sep=reader_sep, header=None, engine="c", dtype=np.float64,
                            skip_blank_lines=False, na_filter=True, keep_default_na=True, **_FLOAT_KW)
    except ValueError:
        frame = None
    if frame is None or frame.shape != (len(lines), n):
        strings = pd.read_csv(_stdio.StringIO(text), sep=reader_sep, header=None, engine="c", dtype=str,
                              keep_default_na=False, na_filter=False, skip_blank_lines=False)
        for j in range(n):
            col = strings.iloc[:, j].str.strip()
            numbers = pd.to_numeric(col, errors="coerce")
            bad = numbers.isna().to_numpy() & ~col.str.lower().isin(_NA_WORDS).to_numpy()
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                value = col.iloc[i]
                hint = ("Use a dot as the decimal separator" if "," in value and sep != "," else
                        "Every cell below the header must be a number (or empty/NaN for a gap)")
                raise RecordingError(label, f"a number in column {labels[j]!r}", line=first_line + i,
                                     found=repr(value[:40]), hint=hint)
        frame = strings.apply(pd.to_numeric, errors="coerce").astype(np.float64)
    return frame.to_numpy(dtype=np.float64, copy=True)


def _check_time(label: str, t: np.ndarray, first_line: int, time_label: str) -> None:
    bad = np.flatnonzero(~np.isfinite(t))
    if bad.size:
        i = int(bad[0])
        raise RecordingError(label, f"a time in seconds in column {time_label!r}", line=first_line + i,
                             found="an empty or NaN time")
    if t.size >= 2:
        step = np.diff(t)
        bad = np.flatnonzero(step <= 0)
        if bad.size:
            i = int(bad[0]) + 1
            what = "the same time" if step[i - 1] == 0 else "an earlier time"
            raise RecordingError(label, "time to increase from one row to the next", line=first_line + i,
                                 found=f"{what} ({t[i]:g} s after {t[i - 1]:g} s on the line before)")


def _check_gaps(label: str, data: np.ndarray, columns: list[str], first_line: int) -> None:
    mask = np.isnan(data)
    if not mask.any():
        return
    row = int(np.flatnonzero(mask.any(axis=1))[0])
    col = int(np.flatnonzero(mask[row])[0])
    run = mask[row:, col]
    length = int(np.argmin(run)) if not run.all() else run.size
    last = first_line + row + length - 1
    span = f"line {first_line + row}" if length == 1 else f"lines {first_line + row} to {last}"
    raise RecordingError(label, f"a number in every cell of column {columns[col]!r}", line=first_line + row,
                         found=f"a gap (missing value) on {span}",
                         hint="Fill gaps in your capture software, or pass allow_gaps=True to keep them as NaN "
                              "(strides that touch a gap are then reported and left out)")


def _angle_columns(columns: Sequence[str]) -> list[str]:
    return [c for c in columns if _cols.is_angle(c)]


def _check_angle_units(label: str, df: pd.DataFrame, degrees: bool, line: int | None, how_to_say: str) -> None:
    """Raise when the numbers contradict the stated angle unit (see :func:`read_opensim`)."""
    angles = _angle_columns(df.columns)
    t = df.index.to_numpy()
    if not angles or t.size < 2 or t[-1] - t[0] < 0.5:
        return  # too short to judge: a unit check needs at least half a second of motion
    values = df[angles]
    peak = values.abs().max()
    if degrees:
        if not (peak <= 2 * np.pi + 1e-9).all():
            return
        large = [c for c in angles if _cols.is_large_motion(c)]
        moving = [c for c in large if values[c].max() - values[c].min() >= 0.35]
        if not moving:
            return
        c = moving[0]
        raise RecordingError(
            label, f"angles in degrees ({how_to_say})", line=line,
            found=f"every angle column stays within ±2π; {c!r} runs from {values[c].min():.3g} to "
                  f"{values[c].max():.3g}, which looks like radians",
            hint="If the angles are in radians, say so (inDegrees=no in a .mot header, or units='radians'); if "
                 "they really are degrees, pass check_units=False")
    big = [c for c in angles if peak[c] > 4 * np.pi]
    if big:
        c = big[0]
        raise RecordingError(
            label, f"angles in radians ({how_to_say})", line=line,
            found=f"{c!r} reaches {peak[c]:.3g}, more than 4π, which looks like degrees",
            hint="If the angles are in degrees, say so (inDegrees=yes, or units='degrees'), or pass "
                 "check_units=False")


def _finish(label: str, df: pd.DataFrame, *, fmt: str, degrees_in_file: bool | None, to_degrees: bool,
            header: dict, name: str) -> pd.DataFrame:
    converted: tuple[str, ...] = ()
    if to_degrees:
        converted = tuple(_angle_columns(df.columns))
        if converted:
            df[list(converted)] = np.degrees(df[list(converted)].to_numpy())
    t = df.index.to_numpy()
    rate = float(1.0 / np.median(np.diff(t))) if t.size > 1 else float("nan")
    df.attrs.update({
        "source": label,
        "format": fmt,
        "name": name,
        "in_degrees": degrees_in_file,
        "converted_to_degrees": converted,
        "header": header,
        "rate_hz": rate,
        "synthetic": False,
        "label": f"measured recording {Path(label).name}",
    })
    return df


def read_opensim(path: Any, *, units: str = "auto", check_units: bool = True, allow_gaps: bool = False,
                 name: str | None = None, max_mb: float = MAX_FILE_MB) -> pd.DataFrame:
    """Read an OpenSim ``.mot`` or ``.sto`` table (inverse kinematics angles, ground forces, joint moments).

    The header runs up to a line ``endheader``; ``key=value`` lines (``version``, ``nRows``, ``nColumns``,
    ``inDegrees`` and any others) are read, the line after it names the columns (the first must be ``time``), and
    every following line holds one row of numbers separated by tabs or spaces.

    Parameters
    ----------
    path : str, pathlib.Path or bytes
        The file, or its content as bytes (e.g. from an upload; then give ``name``).
    units : {"auto", "degrees", "radians"}
        Unit of the angle columns. "auto" follows the header's ``inDegrees`` (degrees when the line is missing).
        Angles in radians are converted to degrees and the converted columns listed in
        ``df.attrs["converted_to_degrees"]``.
    check_units : bool
        Refuse a file whose angles contradict the stated unit: said degrees, yet every angle stays within ±2π while
        a hip, knee, ankle or arm angle moves by at least 0.35 (radians, then); or said radians, yet an angle passes
        4π. Set False to accept the file as it is.
    allow_gaps : bool
        Keep empty/NaN cells as NaN instead of refusing the file.
    name : str, optional
        Name shown in messages (default: the path).
    max_mb : float
        Size limit [MB], checked before reading (default :data:`MAX_FILE_MB`).

    Returns
    -------
    pandas.DataFrame
        One column per data column (time removed), index ``time_s`` [s]. ``df.attrs`` holds ``source``,
        ``format``, ``name``, ``in_degrees`` (as the file said: True, False or None when silent),
        ``converted_to_degrees``, ``header``, ``rate_hz`` and ``synthetic`` (False).

    Raises
    ------
    RecordingError
        Empty file, no ``endheader``, a header count that does not match, ragged rows, text in a number column,
        repeated or decreasing time, gaps, angles in the wrong unit, a file over the size limit.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = ("walk\\nversion=1\\nnRows=3\\nnColumns=3\\ninDegrees=yes\\nendheader\\n"
    ...         "time\\thip_flexion_r\\tpelvis_rotation\\n0.00\\t30.0\\t1.5\\n0.01\\t31.0\\t1.7\\n0.02\\t32.5\\t1.9\\n")
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "trial.mot"
    >>> _ = p.write_text(text)
    >>> df = read_opensim(p)
    >>> df["hip_flexion_r"].tolist(), df.index.name, df.attrs["in_degrees"]
    ([30.0, 31.0, 32.5], 'time_s', True)
    >>> _ = p.write_text(text.replace("nRows=3", "nRows=4"))
    >>> read_opensim(p)
    Traceback (most recent call last):
    ...
    runmech.io.RecordingError: ...trial.mot, line 3: expected 4 data rows (nRows=4); found 3 rows
    """
    units = check_choice("units", units, ["auto", "degrees", "radians"])
    check_bool("check_units", check_units)
    check_bool("allow_gaps", allow_gaps)
    label, text = _load_text(path, name, max_mb)
    lines = text.splitlines()
    end = None
    for i, ln in enumerate(lines):
        if ln.strip().lower() == "endheader":
            end = i
            break
    if end is None:
        raise RecordingError(label, "a line 'endheader' closing the header (OpenSim .mot/.sto format)",
                             line=len(lines), found=f"no 'endheader' in {len(lines)} lines",
                             hint="For a plain table without a header use a .csv file (read_table)")
    header: dict[str, str] = {}
    header_lines: dict[str, int] = {}
    notes: list[str] = []
    title = ""
    for i, ln in enumerate(lines[:end]):
        s = ln.strip()
        if not s:
            continue
        if "=" in s:
            key, _, value = s.partition("=")
            header[key.strip()] = value.strip()
            header_lines[key.strip().lower()] = i + 1
        elif s.split()[0].lower() in {"datacolumns", "datarows"} and len(s.split()) == 2:
            header[s.split()[0]] = s.split()[1]
            header_lines[{"datacolumns": "ncolumns", "datarows": "nrows"}[s.split()[0].lower()]] = i + 1
        elif i == 0:
            title = s
        else:
            notes.append(s)
    if notes:
        header["notes"] = " | ".join(notes)
    lower = {k.lower(): v for k, v in header.items()}
    lower.setdefault("ncolumns", lower.get("datacolumns"))
    lower.setdefault("nrows", lower.get("datarows"))

    def _count(key: str) -> int | None:
        value = lower.get(key)
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            raise RecordingError(label, f"a whole number after {key}=", line=header_lines.get(key),
                                 found=repr(value)) from None

    n_rows, n_cols = _count("nrows"), _count("ncolumns")
    degrees_in_file: bool | None = None
    if "indegrees" in lower:
        flag = lower["indegrees"].strip().lower()
        if flag not in {"yes", "no"}:
            raise RecordingError(label, "inDegrees=yes or inDegrees=no", line=header_lines["indegrees"],
                                 found=repr(lower["indegrees"]))
        degrees_in_file = flag == "yes"

    j = end + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j >= len(lines):
        raise RecordingError(label, "a line of column names after 'endheader'", line=end + 1,
                             found="nothing after the header")
    label_line = j + 1
    sep = "\t" if "\t" in lines[j].strip() else None
    labels = _split_labels(lines[j].strip(), sep)
    _check_labels(label, labels, label_line)
    if labels[0].lower() != "time":
        raise RecordingError(label, "'time' as the first column name", line=label_line, found=repr(labels[0]))
    if n_cols is not None and n_cols != len(labels):
        raise RecordingError(label, f"{n_cols} column names (nColumns={n_cols}, time included)",
                             line=label_line, found=f"{len(labels)}")
    body = [ln.rstrip() for ln in lines[j + 1:]]
    while body and not body[-1].strip():
        body.pop()
    if not body:
        raise RecordingError(label, "rows of numbers after the column names", line=label_line,
                             found="no data rows")
    if n_rows is not None and n_rows != len(body):
        raise RecordingError(label, f"{n_rows} data rows (nRows={n_rows})", line=header_lines.get("nrows"),
                             found=f"{len(body)} rows")
    first = label_line + 1
    data = _parse_numbers(label, body, first, labels, sep)
    t = data[:, 0]
    _check_time(label, t, first, labels[0])
    if not allow_gaps:
        _check_gaps(label, data[:, 1:], labels[1:], first)
    df = pd.DataFrame(data[:, 1:], index=pd.Index(t, name="time_s"), columns=labels[1:])
    stated_degrees = degrees_in_file is not False
    degrees = {"auto": stated_degrees, "degrees": True, "radians": False}[units]
    if check_units and units == "auto":
        say = ("inDegrees=yes" if degrees_in_file else "inDegrees=no" if degrees_in_file is False
               else "no inDegrees line, so degrees")
        _check_angle_units(label, df, degrees, header_lines.get("indegrees", label_line), say)
    suffix = Path(label).suffix.lower().lstrip(".") or "mot"
    return _finish(label, df, fmt=f"opensim {suffix}", degrees_in_file=degrees_in_file, to_degrees=not degrees,
                   header={"name": title, **header}, name=title or Path(label).stem)


def write_opensim(df: pd.DataFrame, path: Any, *, in_degrees: bool = True, name: str | None = None) -> Path:
    """Write a recording as an OpenSim ``.mot``/``.sto`` table (the format in this module's docstring).

    Numbers are written with the shortest text that reads back to the same float, so :func:`read_opensim` returns
    an identical DataFrame. Values are written as they are: ``in_degrees`` only sets the header line and must
    describe the angle columns.

    Parameters
    ----------
    df : pandas.DataFrame
        Numeric columns; the index is time [s] (strictly increasing). Column names must not contain spaces or tabs.
    path : str or pathlib.Path
        Where to write (``.mot`` or ``.sto``).
    in_degrees : bool
        Writes ``inDegrees=yes`` (True) or ``no``.
    name : str, optional
        First header line; default ``df.attrs["name"]`` or the file name without suffix.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> df = pd.DataFrame({"hip_flexion_r": [30.0, 31.25, 0.1]}, index=pd.Index([0.0, 0.01, 0.02], name="time_s"))
    >>> p = write_opensim(df, pathlib.Path(tempfile.mkdtemp()) / "out.mot", name="demo")
    >>> print(p.read_text())
    demo
    version=1
    nRows=3
    nColumns=2
    inDegrees=yes
    endheader
    time	hip_flexion_r
    0.0	30.0
    0.01	31.25
    0.02	0.1
    <BLANKLINE>
    >>> back = read_opensim(p)
    >>> back.equals(df)
    True
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame; got {type(df).__name__}")
    check_bool("in_degrees", in_degrees)
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file path (str or pathlib.Path); got {type(path).__name__}")
    path = Path(path)
    title = name if name is not None else (df.attrs.get("name") or path.stem)
    if not isinstance(title, str) or "\n" in title or "\r" in title or "=" in title:
        raise ValueError(f"name must be one line of text without '='; got {title!r}")
    for c in df.columns:
        if not isinstance(c, str) or not c or any(ch.isspace() for ch in c):
            raise ValueError(f"column names must be non-empty text without spaces or tabs; got {c!r}")
    if any(str(c).lower() == "time" for c in df.columns):
        raise ValueError("df must carry time in its index, not in a column named 'time'")
    try:
        t = np.asarray(df.index, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("df.index must be time in seconds (numbers); got "
                         f"{df.index.dtype}") from None
    if t.size and (not np.all(np.isfinite(t)) or np.any(np.diff(t) <= 0)):
        raise ValueError("df.index (time [s]) must be finite and strictly increasing")
    non_numeric = [c for c in df.columns if not pd.api.types.is_numeric_dtype(df[c])]
    if non_numeric:
        raise ValueError(f"every column must be numeric; not numeric: {non_numeric[:5]}")
    out = pd.DataFrame(df.to_numpy(dtype=np.float64), columns=list(df.columns))
    out.insert(0, "time", t)
    head = (f"{title}\nversion=1\nnRows={len(out)}\nnColumns={out.shape[1]}\n"
            f"inDegrees={'yes' if in_degrees else 'no'}\nendheader\n")
    body = out.to_csv(sep="\t", index=False, lineterminator="\n", na_rep="NaN")
    path.write_text(head + body, encoding="utf-8")
    return path


def read_table(path: Any, *, time_column: str | None = None, units: str = "degrees", time_unit: str = "s",
               sep: str | None = None, check_units: bool = True, allow_gaps: bool = False, name: str | None = None,
               max_mb: float = MAX_FILE_MB) -> pd.DataFrame:
    """Read a CSV or TSV recording: a line of column names, then rows of numbers, one column holding time.

    Lines starting with ``#`` before the column names are skipped. The separator is found from the line of names
    (comma, tab or semicolon; otherwise spaces) unless ``sep`` is given.

    Parameters
    ----------
    path : str, pathlib.Path or bytes
        The file, or its content as bytes (then give ``name``).
    time_column : str, optional
        Name of the time column. Default: the first column called ``time``, ``time_s``, ``t``, ``seconds`` or
        ``time (s)`` (any case).
    units : {"degrees", "radians"}
        Unit of the angle columns in the file. Radians are converted to degrees (listed in
        ``df.attrs["converted_to_degrees"]``).
    time_unit : {"s", "ms"}
        Unit of the time column; milliseconds are converted to seconds.
    sep : {",", "\\t", ";", " "}, optional
        Column separator (" " = any run of spaces).
    check_units : bool
        Refuse angles that contradict ``units`` (the rule of :func:`read_opensim`).
    allow_gaps : bool
        Keep empty/NaN cells as NaN instead of refusing the file.
    name : str, optional
        Name shown in messages.
    max_mb : float
        Size limit [MB], checked before reading.

    Returns
    -------
    pandas.DataFrame
        Index ``time_s`` [s]; the other columns as floats; ``attrs`` as in :func:`read_opensim`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "run.csv"
    >>> _ = p.write_text("Time,pelvis_rotation,hip_flexion_r\\n0,1.0,30\\n0.01,1.2,31\\n0.02,x,32\\n")
    >>> read_table(p)
    Traceback (most recent call last):
    ...
    runmech.io.RecordingError: ...run.csv, line 4: expected a number in column 'pelvis_rotation'; found 'x'. ...
    >>> _ = p.write_text("Time,pelvis_rotation,hip_flexion_r\\n0,1.0,30\\n0.01,1.2,31\\n0.02,1.4,32\\n")
    >>> read_table(p)["hip_flexion_r"].tolist()
    [30.0, 31.0, 32.0]
    """
    units = check_choice("units", units, ["degrees", "radians"])
    time_unit = check_choice("time_unit", time_unit, ["s", "ms"])
    if sep is not None:
        check_choice("sep", sep, [",", "\t", ";", " "])
    check_bool("check_units", check_units)
    check_bool("allow_gaps", allow_gaps)
    if time_column is not None and not isinstance(time_column, str):
        raise TypeError(f"time_column must be a column name (str) or None; got {time_column!r}")
    label, text = _load_text(path, name, max_mb)
    lines = text.splitlines()
    j = 0
    while j < len(lines) and (not lines[j].strip() or lines[j].lstrip().startswith("#")):
        j += 1
    if j >= len(lines):
        raise RecordingError(label, "a line of column names", line=1, found="only comments or blank lines")
    if lines[j].strip().lower() in {"endheader"} or any(ln.strip().lower() == "endheader" for ln in lines[:50]):
        raise RecordingError(label, "a plain table (column names, then numbers)", line=j + 1,
                             found="an OpenSim header", hint="Read .mot/.sto files with read_opensim")
    head = lines[j]
    if sep is None:
        counts = {s: head.count(s) for s in (",", "\t", ";")}
        best = max(counts, key=counts.get)
        use_sep = best if counts[best] > 0 else None
    else:
        use_sep = None if sep == " " else sep
    labels = _split_labels(head.strip() if use_sep is None else head, use_sep)
    label_line = j + 1
    _check_labels(label, labels, label_line)
    if time_column is None:
        wanted = {"time", "time_s", "t", "seconds", "time (s)", "time(s)", "time_ms" if time_unit == "ms" else "time"}
        hits = [i for i, lab in enumerate(labels) if lab.strip().lower() in wanted]
        if not hits:
            raise RecordingError(label, "a time column (named time, time_s or t; or pass time_column=...)",
                                 line=label_line, found="columns " + ", ".join(repr(x) for x in labels[:8]))
        ti = hits[0]
    else:
        if time_column not in labels:
            raise RecordingError(label, f"a column named {time_column!r} (time_column)", line=label_line,
                                 found="columns " + ", ".join(repr(x) for x in labels[:8]))
        ti = labels.index(time_column)
    body = [ln.rstrip("\r\n") for ln in lines[j + 1:]]
    if use_sep is None:
        body = [ln.strip() for ln in body]
    while body and not body[-1].strip():
        body.pop()
    if not body:
        raise RecordingError(label, "rows of numbers after the column names", line=label_line,
                             found="no data rows")
    first = label_line + 1
    data = _parse_numbers(label, body, first, labels, use_sep)
    t = data[:, ti] / (1000.0 if time_unit == "ms" else 1.0)
    _check_time(label, t, first, labels[ti])
    keep = [i for i in range(len(labels)) if i != ti]
    values = data[:, keep]
    names = [labels[i] for i in keep]
    if not allow_gaps:
        _check_gaps(label, values, names, first)
    df = pd.DataFrame(values, index=pd.Index(t, name="time_s"), columns=names)
    if check_units:
        _check_angle_units(label, df, units == "degrees", label_line, f"units={units!r}")
    return _finish(label, df, fmt="table", degrees_in_file=units == "degrees", to_degrees=units == "radians",
                   header={}, name=Path(label).stem)


def read_recording(path: Any, *, name: str | None = None, **options: Any) -> pd.DataFrame:
    """Read a recording, choosing the reader by the file ending (``.mot``/``.sto`` OpenSim, else a table).

    Files with another ending are read as OpenSim tables when a line ``endheader`` appears near the top.

    Parameters
    ----------
    path : str, pathlib.Path or bytes
        The file or its content (then ``name`` gives the file name and ending).
    name : str, optional
        File name shown in messages; its ending chooses the reader for bytes.
    **options
        Passed to :func:`read_opensim` or :func:`read_table`.

    Returns
    -------
    pandas.DataFrame
        As the chosen reader returns.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "run.csv"
    >>> _ = p.write_text("time,hip_flexion_l\\n0,10\\n0.01,12\\n")
    >>> read_recording(p).attrs["format"]
    'table'
    >>> read_recording(b"time,x\\n0,1\\n0.01,2\\n", name="upload.csv").shape
    (2, 1)
    """
    label = name or (str(path) if isinstance(path, (str, os.PathLike)) else "uploaded file")
    suffix = Path(label).suffix.lower()
    if suffix in _OPENSIM_SUFFIXES:
        return read_opensim(path, name=name, **options)
    if suffix in _TABLE_SUFFIXES:
        return read_table(path, name=name, **options)
    max_mb = options.get("max_mb", MAX_FILE_MB)
    _, text = _load_text(path, name, max_mb)
    top = text[:20000].lower().splitlines()[:60]
    if any(ln.strip() == "endheader" for ln in top):
        return read_opensim(path, name=name, **options)
    return read_table(path, name=name, **options)


# ---------------------------------------------------------------------------------------------------------------
# strides
# ---------------------------------------------------------------------------------------------------------------
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

    Examples
    --------
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

    @property
    def sides(self) -> list[str]:
        """Sides present, right first."""
        order = {"right": 0, "left": 1, "all": 2}
        return sorted(self.table["side"].unique().tolist(), key=lambda s: order.get(s, 3))

    def good(self, side: str | None = None) -> pd.DataFrame:
        """The plausible strides (of one side, if given).

        Examples
        --------
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
        >>> detect_strides(example_recording(strides=4, noise=0.0)).rejected().empty
        True
        """
        return self.table[~self.table["plausible"]]

    def describe(self) -> str:
        """One paragraph in words: how many strides per side, their duration, the ones left out and why.

        Examples
        --------
        >>> print(detect_strides(example_recording(strides=4, noise=0.0)).describe())  # doctest: +ELLIPSIS
        4 right strides (mean 0.77 s) and 4 left strides (mean 0.77 s) ...
        """
        parts = []
        for side in self.sides:
            g = self.good(side)
            parts.append(f"{len(g)} {side} stride{'s' if len(g) != 1 else ''}"
                         + (f" (mean {g['duration_s'].mean():.2f} s)" if len(g) else ""))
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
        combined = None
        for c in found:
            _, side = _cols.split_side(c)
            if side and side not in sided:
                sided[side] = c
            elif side is None and combined is None:
                combined = c
        if len(sided) == 2:
            return sided, None
        if combined is not None:
            return {}, combined
        if sided:
            return sided, None
        raise RecordingError(
            _source(rec), "a vertical ground force column (e.g. ground_force_vy_r and ground_force_vy_l, "
            "vgrf_right_bw, or Fz) or foot-strike times (foot_strikes_s=...)",
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
                   min_contact_s: float = 0.04, min_strides: int = 2) -> Strides:
    """Find strides (foot strike to the next strike of the same foot) from vertical ground force or given times.

    From force, a foot strike is where the force rises through the threshold (time found by linear interpolation
    between samples) and toe-off where it falls back. Contacts shorter than ``min_contact_s`` are ignored as blips,
    dips shorter than 20 ms inside a contact are merged. With one force column for both feet (a single force plate),
    consecutive contacts alternate feet: when a right/left hip flexion pair exists, the foot whose hip is more
    flexed at strike is the one striking; otherwise every other contact starts a stride (side "all").

    Every stride is kept and checked: it must last from ``min_stride_s`` to ``max_stride_s`` and differ from its
    side's median stride by at most ``max_change_pct``; strides failing a check are marked implausible with the
    reason (a missed or doubled foot strike shows up this way).

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
        Fewest plausible strides the best side must have (default 2); fewer raises :class:`RecordingError`.

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
    min_strides = check_int("min_strides", min_strides, low=1, high=1000)
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
    else:
        sided, combined = _force_columns(rec, force)
        if threshold is not None:
            threshold = check_real("threshold", threshold)
        used = []
        for side, col in ([(s, c) for s, c in sided.items()] + ([("both", combined)] if combined else [])):
            f = rec[col].to_numpy(dtype=np.float64)
            finite = f[np.isfinite(f)]
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
    counts = table[table["plausible"]].groupby("side").size() if len(table) else pd.Series(dtype=int)
    best = int(counts.max()) if len(counts) else 0
    if best < min_strides:
        per = ", ".join(f"{n} {s}" for s, n in counts.items()) or "none"
        raise RecordingError(label, f"at least {min_strides} complete strides of plausible duration "
                             f"({min_stride_s:g} to {max_stride_s:g} s) on one side", found=f"{per} ({method})",
                             hint="Record a longer trial (10 strides or more is better), or check the force "
                                  "columns and the threshold")
    return Strides(table=table, method=method, source=label, notes=tuple(notes))


# ---------------------------------------------------------------------------------------------------------------
# statistics
# ---------------------------------------------------------------------------------------------------------------
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

    Examples
    --------
    >>> st = stride_stats(example_recording(strides=8, noise=0.0, asymmetry_pct=0.0))
    >>> round(st.get("hip_flexion", side="right"), 1) == round(st.get("hip_flexion", side="left"), 1)
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

    def get(self, variable: str, *, side: str | None = None, measure: str = "rom", what: str = "mean") -> float:
        """One number from :attr:`table`: ``what`` ("mean", "sd" or "n") of a variable's measure on a side.

        ``variable`` may be the name without side (``hip_flexion``) or the column name (``hip_flexion_r``).

        Examples
        --------
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
    >>> rec = example_recording(strides=10, asymmetry_pct=20.0, noise=0.0)
    >>> st = stride_stats(rec)
    >>> st.table.query("variable == 'hip_flexion' and measure == 'rom'")[["side", "n"]].values.tolist()
    [['right', 10], ['left', 10]]
    >>> row = st.symmetry.query("variable == 'thorax_rotation'").iloc[0]
    >>> row["measure"], bool(row["si_pct"] > 0)
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
    ref = "right" if "right" in stride_sides else stride_sides[0]
    t = rec.index.to_numpy(dtype=np.float64)
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
        plan.setdefault(use, []).append(c)
    if any(side_of[c][1] and side_of[c][1] not in stride_sides for c in cols) and "all" not in stride_sides:
        notes.append(f"some sided columns have no strides of their own side; they use {ref} strides")
    for use, group in plan.items():
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
                exc[c] = {"right": mean[:, j] - mn[:, j], "left": mx[:, j] - mean[:, j]}
    for side in stride_sides:
        g = strides.good(side)
        name_side = side if side != "all" else "both"
        stat_rows.append(("stride_time_s", "", name_side, "value", *_mean_sd_n(g["duration_s"].to_numpy()), "s"))
        if g["contact_s"].notna().any():
            stat_rows.append(("contact_time_s", "", name_side, "value", *_mean_sd_n(g["contact_s"].to_numpy()), "s"))
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
                       label=label, synthetic=synthetic, notes=tuple(notes))


def _symmetry_table(table: pd.DataFrame, exc: dict[str, dict[str, np.ndarray]], notes: list[str]) -> pd.DataFrame:
    from runmech.symmetry import symmetry_angle, symmetry_index

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
        if measure in ("max", "min"):
            roms = [v[0] for v in sided.get((variable, "rom"), {}).values()]
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


def stride_curves(recording: pd.DataFrame, strides: Strides, column: str, *, points: int = 101) -> pd.DataFrame:
    """A column's curve in every plausible stride, resampled to 0-100 % of the stride (for overlay plots).

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

    Returns
    -------
    pandas.DataFrame
        One row per stride (index ``(side, stride)``), one column per percent of the stride.

    Examples
    --------
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
    _, side = _cols.split_side(column)
    sides = strides.sides
    use = side if side in sides else ("right" if "right" in sides else sides[0])
    g = strides.good(use)
    t = rec.index.to_numpy(dtype=np.float64)
    y = rec[column].to_numpy(dtype=np.float64)
    frac = np.linspace(0.0, 1.0, points)
    grid = g["start_s"].to_numpy()[:, None] + frac[None, :] * g["duration_s"].to_numpy()[:, None]
    values = np.interp(grid.ravel(), t, y).reshape(grid.shape) if len(g) else np.empty((0, points))
    index = pd.MultiIndex.from_arrays([np.full(len(g), use), g["stride"].to_numpy()], names=["side", "stride"])
    return pd.DataFrame(values, index=index, columns=pd.Index(np.round(frac * 100, 6), name="stride_pct"))


# ---------------------------------------------------------------------------------------------------------------
# model and reference ranges
# ---------------------------------------------------------------------------------------------------------------
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
        return [r for r in records if r["measure"] == measure and (sides is None or r["side"] in sides)
                and pred(r["variable"].lower(), r["variable"])]

    def first_variable(rows):
        return [r for r in rows if r["variable"] == rows[0]["variable"]] if rows else []

    for q, words in (("thorax_rotation_rom_deg", ("thorax", "trunk_rot", "torso", "shoulder_rot")),
                     ("pelvis_rotation_rom_deg", ("pelvis_rotation", "pelvis_yaw", "pelvis_angle"))):
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
    force = first_variable(pick(lambda low, v: _cols.is_vertical_force(v), "max"))
    if force:
        var = force[0]["variable"]
        bw = "bw" in _cols.tokens(var)
        scale = 1.0 if bw else 1.0 / (mass_kg * _G)
        m, sd, n, c = _pooled(force)
        out["peak_vgrf_bw"] = (m * scale, sd * scale, n, c + ("" if bw else f" / ({mass_kg:g} kg x g)"))
    stride = [r for r in records if r["variable"] == "stride_time_s"]
    if stride:
        m, sd, n, _ = _pooled(stride)
        out["stride_time_s"] = (m, sd, n, "foot strikes")
        out["cadence_spm"] = (120.0 / m, 120.0 * sd / m ** 2 if np.isfinite(sd) else float("nan"), n, "foot strikes")
    contact = [r for r in records if r["variable"] == "contact_time_s"]
    if contact:
        out["contact_time_s"] = (*_pooled(contact)[:3], "force")
    sym = stats.symmetry.to_dict("records")
    for q, pred in (
        ("thorax_rotation", lambda r, low: r["measure"] == "excursion" and any(
            w in low for w in ("thorax", "trunk", "torso"))),
        ("pelvis_rotation", lambda r, low: r["measure"] == "excursion" and "pelvis" in low),
        ("hip_flexor_moment", lambda r, low: r["measure"] == "max" and "hip" in low and _cols.is_moment(r["variable"])),
        ("hip_flexion_rom", lambda r, low: r["measure"] == "rom" and "hip" in low and _cols.is_angle(r["variable"])),
        ("peak_vgrf", lambda r, low: r["measure"] == "max" and _cols.is_vertical_force(r["variable"])),
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
    """The model's summary plus symmetry figures measured from its cycle the way :func:`stride_stats` measures."""
    from runmech.symmetry import symmetry_angle, symmetry_index

    out = {str(k): float(v) for k, v in sim.summary.items()}
    c = sim.cycle.iloc[:-1]  # the last row repeats the first (100 % = 0 %)

    def both(q, r, l_):
        out[f"{q}_si_pct"] = float(symmetry_index(r, l_))
        out[f"{q}_sa_pct"] = float(symmetry_angle(r, l_))

    for q, col in (("thorax_rotation", "thorax_angle_deg"), ("pelvis_rotation", "pelvis_angle_deg")):
        if col in c:
            y = c[col].to_numpy(dtype=np.float64)
            both(q, y.mean() - y.min(), y.max() - y.mean())
    if {"hip_angle_right_deg", "hip_angle_left_deg"} <= set(c.columns):
        both("hip_flexion_rom", float(np.ptp(c["hip_angle_right_deg"])), float(np.ptp(c["hip_angle_left_deg"])))
        hips = c[["hip_angle_right_deg", "hip_angle_left_deg"]]
        out["hip_flexion_max_deg"] = float(hips.max().mean())
        out["hip_flexion_min_deg"] = float(hips.min().mean())
    if {"hip_moment_right_Nm_kg", "hip_moment_left_Nm_kg"} <= set(c.columns):
        both("hip_flexor_moment", float(c["hip_moment_right_Nm_kg"].max()), float(c["hip_moment_left_Nm_kg"].max()))
    if {"vgrf_right_bw", "vgrf_left_bw"} <= set(c.columns):
        both("peak_vgrf", float(c["vgrf_right_bw"].max()), float(c["vgrf_left_bw"].max()))
    if {"stance_right", "stance_left"} <= set(c.columns):
        both("contact_time", float(c["stance_right"].sum()), float(c["stance_left"].sum()))
    return out


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
    from runmech import simulate
    from runmech.body import Runner

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


# ---------------------------------------------------------------------------------------------------------------
# synthetic recording
# ---------------------------------------------------------------------------------------------------------------
_EXAMPLE_COLUMNS = {
    # output column: (model cycle column, scale kind, noise SD at noise=1 in output units)
    "pelvis_rotation": ("pelvis_angle_deg", "deg", 0.3),
    "thorax_rotation": ("thorax_angle_deg", "deg", 0.5),
    "lumbar_rotation": (None, "deg", 0.5),
    "hip_flexion_r": ("hip_angle_right_deg", "deg", 0.5),
    "hip_flexion_l": ("hip_angle_left_deg", "deg", 0.5),
    "arm_flex_r": ("arm_angle_right_deg", "deg", 0.8),
    "arm_flex_l": ("arm_angle_left_deg", "deg", 0.8),
    "hip_flexion_r_moment": ("hip_moment_right_Nm_kg", "per_kg", 0.03),
    "hip_flexion_l_moment": ("hip_moment_left_Nm_kg", "per_kg", 0.03),
    "ground_force_vy_r": ("vgrf_right_bw", "bw", 0.01),
    "ground_force_vy_l": ("vgrf_left_bw", "bw", 0.01),
}


def example_recording(*, speed_m_s: float = 3.0, asymmetry_pct: float = 10.0, strides: int = 30,
                      rate_hz: float = 100.0, noise: float = 1.0, seed: int = 0, runner: Any = None) -> pd.DataFrame:
    """A SYNTHETIC running recording made from the model, with stride-to-stride variability and sensor noise.

    So the your-data lab works on a fresh machine with no measurements. One stride of :func:`runmech.simulate`
    (with ``rotation_asymmetry_pct=asymmetry_pct``) is repeated; each stride gets its own duration (SD 1.5 % x
    ``noise``) and amplitude (SD 3 % x ``noise``), and every sample white noise (angles 0.3 to 0.8 deg, moments
    0.03 N·m/kg, forces 1 % of body weight, all x ``noise``). The recording starts 30 % into a stride, like a real
    trial, and holds ``strides`` complete right strides.

    Columns follow OpenSim's names and units: ``pelvis_rotation``, ``thorax_rotation`` (thorax yaw in the room),
    ``lumbar_rotation`` (thorax relative to pelvis), ``hip_flexion_r``/``_l``, ``arm_flex_r``/``_l`` [deg];
    ``hip_flexion_r_moment``/``_l_moment`` [N·m]; ``ground_force_vy_r``/``_l`` [N]. Rotations are positive to
    the left.

    Parameters
    ----------
    speed_m_s : float
        Running speed [m/s], 2 to 6.
    asymmetry_pct : float
        The model's thorax rotation asymmetry [%], -50 to 50 (positive = more rotation to the right).
    strides : int
        Complete right strides, 2 to 500.
    rate_hz : float
        Sampling rate [Hz], 50 to 2000.
    noise : float
        Scale of variability and noise, 0 (clean, identical strides) to 5; 1 is typical of a lab recording.
    seed : int
        Seed of the random numbers (same seed, same recording).
    runner : runmech.Runner, optional
        The body (default ``Runner()``: 73 kg, 1.74 m, male).

    Returns
    -------
    pandas.DataFrame
        Index ``time_s`` [s]. ``attrs``: ``synthetic`` (True), ``label`` (says SYNTHETIC), ``source``,
        ``in_degrees`` (True), ``speed_m_s``, ``asymmetry_pct``, ``mass_kg``, ``rate_hz``, ``seed``.

    Examples
    --------
    >>> rec = example_recording(strides=10, seed=1)
    >>> rec.attrs["synthetic"], rec.attrs["label"].startswith("SYNTHETIC")
    (True, True)
    >>> rec.shape[1], round(float(rec.index[1] - rec.index[0]), 6)
    (11, 0.01)
    >>> example_recording(strides=10, seed=1).equals(rec)
    True
    """
    from runmech import simulate
    from runmech.body import Runner

    speed_m_s = check_real("speed_m_s", speed_m_s, low=2.0, high=6.0, unit="m/s")
    asymmetry_pct = check_real("asymmetry_pct", asymmetry_pct, low=-50.0, high=50.0, unit="%")
    strides = check_int("strides", strides, low=2, high=500)
    rate_hz = check_real("rate_hz", rate_hz, low=50.0, high=2000.0, unit="Hz")
    noise = check_real("noise", noise, low=0.0, high=5.0)
    seed = check_int("seed", seed, low=0)
    if runner is None:
        runner = Runner()
    if not isinstance(runner, Runner):
        raise TypeError(f"runner must be a runmech.Runner or None; got {type(runner).__name__}")
    sim = simulate(runner, speed_m_s, rotation_asymmetry_pct=asymmetry_pct)
    cyc = sim.cycle
    period = float(sim.summary["stride_time_s"])
    rng = np.random.default_rng(seed)
    n_str = strides + 2
    durations = period * (1.0 + 0.015 * noise * rng.standard_normal(n_str))
    durations = np.clip(durations, 0.8 * period, 1.2 * period)
    strikes = np.concatenate([[0.0], np.cumsum(durations)])
    t0 = 0.3 * durations[0]
    t_end = strikes[strides + 1] + 0.5 * durations[strides + 1]
    n = int(math.floor((t_end - t0) * rate_hz)) + 1
    time = t0 + np.arange(n) / rate_hz
    k = np.clip(np.searchsorted(strikes, time, side="right") - 1, 0, n_str - 1)
    phase_pct = (time - strikes[k]) / durations[k] * 100.0
    grid = cyc.index.to_numpy(dtype=np.float64)
    mass = runner.mass_kg
    data = {}
    amp = {}
    for col, (src, kind, sd) in _EXAMPLE_COLUMNS.items():
        if src is None:
            continue
        group = col.split("_")[0]
        if group not in amp:
            amp[group] = 1.0 + 0.03 * noise * rng.standard_normal(n_str)
        curve = cyc[src].to_numpy(dtype=np.float64)
        mean = float(curve[:-1].mean()) if kind == "deg" else 0.0
        base = np.interp(phase_pct, grid, curve)
        y = mean + (base - mean) * amp[group][k]
        scale = {"deg": 1.0, "per_kg": mass, "bw": mass * _G}[kind]
        data[col] = y * scale + noise * sd * scale * rng.standard_normal(n)
    data["lumbar_rotation"] = data["thorax_rotation"] - data["pelvis_rotation"]
    df = pd.DataFrame({c: data[c] for c in _EXAMPLE_COLUMNS}, index=pd.Index(time - t0, name="time_s"))
    source = (f"runmech.io.example_recording(speed_m_s={speed_m_s:g}, asymmetry_pct={asymmetry_pct:g}, "
              f"strides={strides}, rate_hz={rate_hz:g}, noise={noise:g}, seed={seed})")
    df.attrs.update({
        "synthetic": True,
        "label": (f"SYNTHETIC recording made by runmech's model ({runner.mass_kg:g} kg, {speed_m_s:g} m/s, "
                  f"thorax rotation asymmetry {asymmetry_pct:g} %): not a measurement"),
        "source": "synthetic example",
        "generator": source,
        "format": "synthetic",
        "name": "synthetic_example",
        "in_degrees": True,
        "converted_to_degrees": (),
        "header": {},
        "speed_m_s": speed_m_s,
        "asymmetry_pct": asymmetry_pct,
        "mass_kg": runner.mass_kg,
        "rate_hz": rate_hz,
        "seed": seed,
    })
    return df


# ---------------------------------------------------------------------------------------------------------------
# export
# ---------------------------------------------------------------------------------------------------------------
def results_csv(stats: StrideStats, comparison: pd.DataFrame | None = None) -> str:
    """Everything in one tidy CSV text: statistics, symmetry, comparison with the model, strides.

    Columns: ``section`` (statistics, symmetry, comparison, stride), ``variable``, ``column``, ``side``,
    ``measure``, ``value``, ``sd``, ``n``, ``unit``, ``extra`` (symmetry: SI/SA; comparison: model and reference),
    ``flag`` and ``source`` (says SYNTHETIC for synthetic recordings).

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
    >>> st = stride_stats(example_recording(strides=4, noise=0.0))
    >>> text = results_csv(st)
    >>> text.splitlines()[0]
    'section,variable,column,side,measure,value,sd,n,unit,extra,flag,source'
    >>> "SYNTHETIC" in text
    True
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
    return out.to_csv(index=False, lineterminator="\n")
