"""OpenSim ``.mot`` / ``.sto`` tables: inverse kinematics angles, ground forces, joint moments (read and write)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from runmech._validate import check_bool, check_choice
from runmech.recordings import _text
from runmech.recordings.errors import MAX_FILE_MB, RecordingError

#: How far :func:`read_opensim` looks for ``endheader`` before giving up [lines].
_MAX_HEADER_LINES = 10000


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
    src = _text.open_source(path, name, max_mb)
    label = src.label
    with _text.Lines(src) as lines:
        head: list[str] = []
        while True:
            ln = lines.next()
            if ln is None or lines.number > _MAX_HEADER_LINES:
                n = lines.number if ln is None else _MAX_HEADER_LINES
                raise RecordingError(label, "a line 'endheader' closing the header (OpenSim .mot/.sto format)",
                                     line=n, found=f"no 'endheader' in {'the first ' if ln is not None else ''}"
                                     f"{n} lines",
                                     hint="For a plain table without a header use a .csv file (read_table)")
            if ln.strip().lower() == "endheader":
                break
            head.append(ln)
        end = lines.number
        title, header, header_lines = _parse_header(head)
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
        ln = lines.next()
        while ln is not None and not ln.strip():
            ln = lines.next()
        if ln is None:
            raise RecordingError(label, "a line of column names after 'endheader'", line=end + 1,
                                 found="nothing after the header")
        label_line = lines.number
        sep = "\t" if "\t" in ln.strip() else None
        labels = _text.split_labels(ln.strip(), sep)
        _text.check_labels(label, labels, label_line)
        if labels[0].lower() != "time":
            raise RecordingError(label, "'time' as the first column name", line=label_line, found=repr(labels[0]))
        if n_cols is not None and n_cols != len(labels):
            raise RecordingError(label, f"{n_cols} column names (nColumns={n_cols}, time included)",
                                 line=label_line, found=f"{len(labels)}")
        rows = _text.parse_rows(src, lines, labels, sep, time_index=0, allow_gaps=allow_gaps)
    if n_rows is not None and n_rows != rows.time.size:
        raise RecordingError(label, f"{n_rows} data rows (nRows={n_rows})", line=header_lines.get("nrows"),
                             found=f"{rows.time.size} rows")
    stated_degrees = degrees_in_file is not False
    degrees = {"auto": stated_degrees, "degrees": True, "radians": False}[units]
    if check_units and units == "auto":
        say = ("inDegrees=yes" if degrees_in_file else "inDegrees=no" if degrees_in_file is False
               else "no inDegrees line, so degrees")
        _text.check_angle_units(label, rows, degrees, header_lines.get("indegrees", label_line), say)
    suffix = Path(label).suffix.lower().lstrip(".") or "mot"
    return _text.finish(label, rows, fmt=f"opensim {suffix}", degrees_in_file=degrees_in_file,
                        to_degrees=not degrees, header={"name": title, **header}, name=title or Path(label).stem)


def _parse_header(head: list[str]) -> tuple[str, dict[str, str], dict[str, int]]:
    """``(title, {key: value}, {lower key: line})`` of the lines before ``endheader``."""
    header: dict[str, str] = {}
    header_lines: dict[str, int] = {}
    notes: list[str] = []
    title = ""
    for i, ln in enumerate(head):
        s = ln.strip()
        if not s:
            continue
        words = s.split()
        if "=" in s:
            key, _, value = s.partition("=")
            header[key.strip()] = value.strip()
            header_lines[key.strip().lower()] = i + 1
        elif words[0].lower() in {"datacolumns", "datarows"} and len(words) == 2:
            header[words[0]] = words[1]
            header_lines[{"datacolumns": "ncolumns", "datarows": "nrows"}[words[0].lower()]] = i + 1
        elif i == 0:
            title = s
        else:
            notes.append(s)
    if notes:
        header["notes"] = " | ".join(notes)
    return title, header, header_lines


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
