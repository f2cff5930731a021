"""CSV / TSV recordings: a line of column names, then rows of numbers, one column holding time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from runmech._validate import check_bool, check_choice
from runmech.recordings import _text
from runmech.recordings.errors import MAX_FILE_MB, RecordingError


def read_table(path: Any, *, time_column: str | None = None, units: str = "degrees", time_unit: str = "s",
               sep: str | None = None, check_units: bool = True, allow_gaps: bool = False, name: str | None = None,
               max_mb: float = MAX_FILE_MB) -> pd.DataFrame:
    """Read a CSV or TSV recording: a line of column names, then rows of numbers, one column holding time.

    Lines starting with ``#`` before the column names are skipped. The separator is found from the line of names
    (comma, tab or semicolon; otherwise spaces) unless ``sep`` is given. UTF-8 (with or without a byte-order mark),
    UTF-16 (a spreadsheet's "Unicode text") and Latin-1 files are read. The numbers are parsed block by block into
    one float64 array, so memory stays near 8 bytes per cell whatever the length of the text.

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
    src = _text.open_source(path, name, max_mb)
    label = src.label
    if any(ln.strip().lower() == "endheader" for ln in src.head_text().splitlines()[:50]):
        raise RecordingError(label, "a plain table (column names, then numbers)", line=1,
                             found="an OpenSim header", hint="Read .mot/.sto files with read_opensim")
    with _text.Lines(src) as lines:
        head = lines.next()
        while head is not None and (not head.strip() or head.lstrip().startswith("#")):
            head = lines.next()
        if head is None:
            raise RecordingError(label, "a line of column names", line=1, found="only comments or blank lines")
        if sep is None:
            counts = {s: head.count(s) for s in (",", "\t", ";")}
            best = max(counts, key=counts.get)
            use_sep = best if counts[best] > 0 else None
        else:
            use_sep = None if sep == " " else sep
        labels = _text.split_labels(head.strip() if use_sep is None else head, use_sep)
        label_line = lines.number
        _text.check_labels(label, labels, label_line)
        if time_column is None:
            wanted = {"time", "time_s", "t", "seconds", "time (s)", "time(s)",
                      "time_ms" if time_unit == "ms" else "time"}
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
        rows = _text.parse_rows(src, lines, labels, use_sep, time_index=ti,
                                time_scale=1e-3 if time_unit == "ms" else 1.0, allow_gaps=allow_gaps)
    if check_units:
        _text.check_angle_units(label, rows, units == "degrees", label_line, f"units={units!r}")
    return _text.finish(label, rows, fmt="table", degrees_in_file=units == "degrees", to_degrees=units == "radians",
                        header={}, name=Path(label).stem)
