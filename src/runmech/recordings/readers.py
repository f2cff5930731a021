"""Read a recording of any supported format, chosen by the file ending (or, failing that, by its content).

One module per format, as MNE-Python keeps one per file type: :mod:`~runmech.recordings.opensim` (``.mot``,
``.sto``), :mod:`~runmech.recordings.table` (CSV, TSV), :mod:`~runmech.recordings.trc` (markers),
:mod:`~runmech.recordings.c3d` (C3D, through ezc3d); :mod:`~runmech.recordings._text` holds what the text readers
share (encodings, bounded-memory parsing, the line-numbered checks).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from runmech._validate import check_bool
from runmech.recordings import _text
from runmech.recordings import columns as _cols
from runmech.recordings.c3d import read_c3d
from runmech.recordings.errors import (
    _C3D_SUFFIXES,
    _OPENSIM_SUFFIXES,
    _TABLE_SUFFIXES,
    _TRC_SUFFIXES,
    MAX_FILE_MB,
    RecordingError,
)
from runmech.recordings.opensim import read_opensim, write_opensim
from runmech.recordings.table import read_table
from runmech.recordings.trc import read_trc

__all__ = ["read_recording", "read_opensim", "write_opensim", "read_table", "read_trc", "read_c3d"]


def read_recording(path: Any, *, name: str | None = None, rename: bool = True, **options: Any) -> pd.DataFrame:
    """Read a recording, choosing the reader by the file ending: ``.mot``/``.sto`` OpenSim, ``.trc`` markers,
    ``.c3d``, else a CSV/TSV table.

    Files with another ending are read as OpenSim tables when a line ``endheader`` appears near the top, as TRC
    when the first line starts with ``PathFileType``, as C3D when the content is a C3D file. Column names of common
    systems (Vicon Plug-in Gait, markerless exports) are then mapped to OpenSim's names
    (:func:`runmech.recordings.columns.canonical_names`); ``df.attrs["renamed"]`` lists what was renamed.

    Parameters
    ----------
    path : str, pathlib.Path or bytes
        The file or its content (then ``name`` gives the file name and ending).
    name : str, optional
        File name shown in messages; its ending chooses the reader for bytes.
    rename : bool
        Map known column names of other systems to OpenSim's (default True).
    **options
        Passed to :func:`read_opensim`, :func:`read_table`, :func:`read_trc` or :func:`read_c3d`.

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
    check_bool("rename", rename)
    label = name or (str(path) if isinstance(path, (str, os.PathLike)) else "uploaded file")
    suffix = Path(label).suffix.lower()
    if suffix in _OPENSIM_SUFFIXES:
        reader = read_opensim
    elif suffix in _TABLE_SUFFIXES:
        reader = read_table
    elif suffix in _TRC_SUFFIXES:
        reader = read_trc
    elif suffix in _C3D_SUFFIXES:
        reader = read_c3d
    else:
        reader = _sniff(path, name, options.get("max_mb", MAX_FILE_MB))
    df = reader(path, name=name, **options)
    return _cols.rename_known(df) if rename else df


def _sniff(path: Any, name: str | None, max_mb: float):
    """The reader for a file whose ending says nothing, from its first bytes."""
    try:
        src = _text.open_source(path, name, max_mb)
    except RecordingError as err:
        if "binary content" not in str(err):
            raise
        return read_c3d
    top = src.head_text().splitlines()[:60]
    if top and top[0].startswith("PathFileType"):
        return read_trc
    if any(ln.strip().lower() == "endheader" for ln in top):
        return read_opensim
    return read_table
