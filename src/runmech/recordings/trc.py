"""``.trc`` marker files (the track-row-column text format of motion capture and of OpenSim's inputs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from runmech._validate import check_bool
from runmech.recordings import _text
from runmech.recordings.errors import MAX_FILE_MB, RecordingError
from runmech.recordings.markers import marker_measures

_UNITS = {"mm": 1e-3, "cm": 1e-2, "m": 1.0}


def read_trc(path: Any, *, measures: bool = True, allow_gaps: bool = True, name: str | None = None,
             max_mb: float = MAX_FILE_MB) -> Any:
    """Read a ``.trc`` marker file: marker positions in metres, plus the measures the markers give directly.

    The header has five lines: ``PathFileType``; the names ``DataRate``, ``CameraRate``, ``NumFrames``,
    ``NumMarkers``, ``Units`` ...; their values; ``Frame#``, ``Time`` and one name per marker (each over three
    columns); and the axis names ``X1 Y1 Z1 X2 ...``. Rows follow, tab separated, one per frame. Cells of a marker
    out of view are empty: they become gaps (NaN), so ``allow_gaps`` is True by default.

    Parameters
    ----------
    path : str, pathlib.Path or bytes
        The file, or its content as bytes (then give ``name``).
    measures : bool
        Add :func:`runmech.recordings.markers.marker_measures` columns (``pelvis_line_yaw``, ``shoulder_line_yaw``,
        ``shoulder_pelvis_yaw_difference`` [deg]) when the markers allow.
    allow_gaps : bool
        Keep empty cells as NaN (default); False refuses them with their line.
    name : str, optional
        Name shown in messages.
    max_mb : float
        Size limit [MB], checked before reading.

    Returns
    -------
    pandas.DataFrame
        Index ``time_s`` [s]; columns ``<marker>_x``, ``_y``, ``_z`` [m] in the file's axes, then the measures.
        ``attrs``: as :func:`read_opensim`, plus ``markers`` (names), ``units_in_file`` and ``marker_rate_hz``.

    Examples
    --------
    >>> text = ("PathFileType\\t4\\t(X/Y/Z)\\tdemo.trc\\n"
    ...         "DataRate\\tCameraRate\\tNumFrames\\tNumMarkers\\tUnits\\n100\\t100\\t2\\t1\\tmm\\n"
    ...         "Frame#\\tTime\\tRTOE\\t\\t\\n\\t\\tX1\\tY1\\tZ1\\n\\n1\\t0.00\\t10\\t20\\t30\\n2\\t0.01\\t11\\t\\t\\n")
    >>> df = read_trc(text.encode(), name="demo.trc")
    >>> df.columns.tolist(), df["RTOE_x"].tolist(), bool(np.isnan(df["RTOE_y"].iloc[1]))
    (['RTOE_x', 'RTOE_y', 'RTOE_z'], [0.01, 0.011], True)
    """
    check_bool("measures", measures)
    check_bool("allow_gaps", allow_gaps)
    src = _text.open_source(path, name, max_mb)
    label = src.label
    with _text.Lines(src) as lines:
        first = lines.next() or ""
        if not first.startswith("PathFileType"):
            raise RecordingError(label, "'PathFileType' on the first line (a .trc marker file)", line=1,
                                 found=repr(first[:40]))
        keys_line, values_line = lines.next(), lines.next()
        if keys_line is None or values_line is None:
            raise RecordingError(label, "the DataRate ... Units lines of a .trc header", line=lines.number,
                                 found="the end of the file")
        keys = keys_line.split("\t")
        values = values_line.split("\t")
        header = {k.strip(): v.strip() for k, v in zip(keys, values) if k.strip()}
        units = header.get("Units", "mm").strip().lower()
        if units not in _UNITS:
            raise RecordingError(label, "Units mm, cm or m", line=3, found=repr(header.get("Units")))
        names_line = lines.next()
        names_no = lines.number
        if names_line is None or not names_line.startswith("Frame#"):
            raise RecordingError(label, "'Frame#', 'Time' and the marker names", line=names_no,
                                 found=repr((names_line or "")[:40]))
        cells = names_line.rstrip().split("\t")
        markers = [c.strip() for c in cells[2::3]]
        if not markers or any(not m for m in markers):
            raise RecordingError(label, "one marker name every three columns after Frame# and Time",
                                 line=names_no, found=repr(names_line[:60]))
        try:
            declared = int(float(header.get("NumMarkers", len(markers))))
        except ValueError:
            raise RecordingError(label, "a whole number under NumMarkers", line=3,
                                 found=repr(header.get("NumMarkers"))) from None
        if declared != len(markers):
            raise RecordingError(label, f"{declared} marker names (NumMarkers={declared})", line=names_no,
                                 found=f"{len(markers)}")
        _text.check_labels(label, markers, names_no)
        axes = lines.next()
        if axes is None or not axes.strip().upper().startswith("X1"):
            raise RecordingError(label, "the axis names X1 Y1 Z1 ... under the marker names", line=names_no + 1,
                                 found=repr((axes or "")[:40]))
        labels = ["Frame#", "Time"] + [f"{m}_{a}" for m in markers for a in "xyz"]
        rows = _text.parse_rows(src, lines, labels, "\t", time_index=1, allow_gaps=allow_gaps, pad_short=True,
                                skip_leading_blank=True,
                                gaps_hint="Markers out of view leave empty cells: read with allow_gaps=True")
    scale = _UNITS[units]
    if scale != 1.0:
        rows.values *= scale
    df = _text.finish(label, rows, fmt="trc", degrees_in_file=None, to_degrees=False, header=header,
                      name=Path(label).stem, extra={"markers": tuple(markers), "units_in_file": units,
                                                    "marker_rate_hz": float(header.get("DataRate", "nan") or "nan")})
    attrs = df.attrs
    df = df.drop(columns="Frame#")
    df.attrs = attrs
    if np.isfinite(df.attrs["marker_rate_hz"]) and df.attrs["marker_rate_hz"] > 0:
        df.attrs["rate_hz"] = df.attrs["marker_rate_hz"]  # the header's rate: the Time column is rounded
    if measures:
        extra = marker_measures(df)
        for c in extra.columns:
            df[c] = extra[c].to_numpy()
    return df
