"""Read recordings: OpenSim .mot/.sto tables, CSV/TSV tables, chosen by the file ending."""

from __future__ import annotations

import csv
import io as _stdio
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from runmech._validate import check_bool, check_choice, check_real
from runmech.recordings import columns as _cols
from runmech.recordings.errors import (
    _FLOAT_KW,
    _NA_WORDS,
    _OPENSIM_SUFFIXES,
    _TABLE_SUFFIXES,
    MAX_FILE_MB,
    RecordingError,
)


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
    runmech.recordings.RecordingError: ...trial.mot, line 3: expected 4 data rows (nRows=4); found 3 rows
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
    runmech.recordings.RecordingError: ...run.csv, line 4: expected a number in column 'pelvis_rotation'; found 'x'. ...
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
