"""C3D files (the motion-capture lab standard): markers, model angles and analog force channels, read with ezc3d.

ezc3d (pyomeca's maintained C3D reader and writer, MIT licence) decodes the binary file; runmech turns it into the
same kind of DataFrame as its text readers. Markers become ``<name>_x``, ``_y``, ``_z`` in metres; points listed
under ``POINT:ANGLES`` (model outputs such as Plug-in Gait's ``RHipAngles``) become ``<name>_X``, ``_Y``, ``_Z`` in
degrees, which :func:`runmech.recordings.columns.canonical_names` maps to OpenSim's names; analog channels keep
their labels (``Fz1``, ``Force.Fz1`` ...) in the file's units.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from runmech._validate import check_bool, check_choice, check_real
from runmech.recordings.errors import MAX_FILE_MB, RecordingError
from runmech.recordings.markers import marker_measures

_UNITS = {"mm": 1e-3, "cm": 1e-2, "m": 1.0}
_NOT_MARKERS = ("ANGLES", "FORCES", "MOMENTS", "POWERS", "SCALARS", "REACTIONS")


def _param(c: Any, group: str, name: str, default: Any = None) -> Any:
    try:
        value = c["parameters"][group][name]["value"]
    except KeyError:
        return default
    return default if value is None or len(value) == 0 else value


def read_c3d(path: Any, *, rate: str = "points", measures: bool = True, name: str | None = None,
             max_mb: float = MAX_FILE_MB) -> pd.DataFrame:
    """Read a ``.c3d`` file: marker positions [m], model angles [deg] and analog channels, on one time axis.

    Parameters
    ----------
    path : str, pathlib.Path or bytes
        The file, or its content as bytes (then give ``name``).
    rate : {"points", "analog"}
        "points": one row per marker frame, analog channels averaged over the samples of each frame (a C3D file
        stores a whole number of analog samples per frame). "analog": one row per analog sample, markers and angles
        interpolated linearly between frames (for force events at the plate's own rate).
    measures : bool
        Add :func:`runmech.recordings.markers.marker_measures` columns (yaw of the pelvis and shoulder lines).
    name : str, optional
        Name shown in messages.
    max_mb : float
        Size limit [MB], checked before reading.

    Returns
    -------
    pandas.DataFrame
        Index ``time_s`` [s] from the first frame. ``attrs``: ``source``, ``format`` ("c3d"), ``markers``,
        ``angles``, ``analog`` (channel labels), ``rate_hz``, ``marker_rate_hz``, ``analog_rate_hz``,
        ``units_in_file``, ``in_degrees`` (True), ``synthetic`` (False).

    Examples
    --------
    >>> import ezc3d, tempfile, pathlib
    >>> c = ezc3d.c3d()
    >>> c["parameters"]["POINT"]["RATE"]["value"] = [100]
    >>> c["parameters"]["POINT"]["LABELS"]["value"] = ("RTOE",)
    >>> c["parameters"]["POINT"]["UNITS"]["value"] = ["mm"]
    >>> c["parameters"]["ANALOG"]["RATE"]["value"] = [200]
    >>> c["parameters"]["ANALOG"]["LABELS"]["value"] = ("Fz1",)
    >>> pts = np.ones((4, 1, 3)); pts[:3, 0, :] = [[10, 20, 30], [0, 0, 0], [5, 5, 5]]
    >>> c["data"]["points"] = pts
    >>> c["data"]["analogs"] = np.array([[[0.0, 2.0, 4.0, 6.0, 8.0, 10.0]]])
    >>> p = str(pathlib.Path(tempfile.mkdtemp()) / "demo.c3d"); c.write(p)
    >>> df = read_c3d(p)
    >>> df["RTOE_x"].tolist(), df["Fz1"].tolist()
    ([0.01, 0.02, 0.03], [1.0, 5.0, 9.0])
    """
    import ezc3d  # a declared dependency; imported here so `import runmech` stays fast

    rate = check_choice("rate", rate, ["points", "analog"])
    check_bool("measures", measures)
    max_mb = check_real("max_mb", max_mb, low=0.0, low_inclusive=False, unit="MB")
    if isinstance(path, (bytes, bytearray, memoryview)):
        label = name or "uploaded file"
        if len(path) > max_mb * 1e6:
            raise RecordingError(label, f"a file of at most {max_mb:g} MB (runmech's size limit)",
                                 found=f"{len(path) / 1e6:.1f} MB")
        with tempfile.TemporaryDirectory() as tmp:  # ezc3d reads files only
            p = Path(tmp) / "upload.c3d"
            p.write_bytes(bytes(path))
            return _read(ezc3d, p, label, rate, measures)
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file path (str or pathlib.Path) or the file's bytes; got "
                        f"{type(path).__name__}")
    p = Path(path)
    label = name or str(p)
    if not p.is_file():
        raise RecordingError(label, "an existing file", found="no file at this path")
    if p.stat().st_size > max_mb * 1e6:
        raise RecordingError(label, f"a file of at most {max_mb:g} MB (runmech's size limit)",
                             found=f"{p.stat().st_size / 1e6:.1f} MB")
    return _read(ezc3d, p, label, rate, measures)


def _read(ezc3d: Any, path: Path, label: str, rate: str, measures: bool) -> pd.DataFrame:
    with open(path, "rb") as fh:
        head = fh.read(2)
    if len(head) < 2 or head[1] != 0x50:
        raise RecordingError(label, "a C3D file (its second byte is 0x50)", line=None,
                             found="another kind of file", hint="Text recordings end in .csv, .mot, .sto or .trc")
    try:
        c = ezc3d.c3d(str(path))
    except Exception as exc:  # noqa: BLE001 - ezc3d raises plain RuntimeErrors on broken files
        raise RecordingError(label, "a readable C3D file", found=f"ezc3d could not read it ({exc})") from None
    point_rate = float(c["header"]["points"]["frame_rate"])
    labels = [str(s).strip() for s in _param(c, "POINT", "LABELS", [])]
    points = np.asarray(c["data"]["points"], dtype=np.float64)  # 4 x points x frames
    n_frames = points.shape[2]
    if n_frames == 0 or not point_rate > 0:
        raise RecordingError(label, "marker frames at a positive rate", found=f"{n_frames} frames at {point_rate} Hz")
    units = str(_param(c, "POINT", "UNITS", ["mm"])[0]).strip().lower() or "mm"
    if units not in _UNITS:
        raise RecordingError(label, "POINT:UNITS mm, cm or m", found=repr(units))
    special = {str(s).strip(): group for group in _NOT_MARKERS for s in _param(c, "POINT", group, [])}
    columns: dict[str, np.ndarray] = {}
    markers, angles = [], []
    resid = points[3] if points.shape[0] > 3 else np.zeros(points.shape[1:])
    for i, lab in enumerate(labels[:points.shape[1]]):
        xyz = points[:3, i, :].copy()
        xyz[:, resid[i] < 0] = np.nan  # a negative residual marks a frame without the point
        kind = special.get(lab)
        if kind is None:
            markers.append(lab)
            for a, row in zip("xyz", xyz * _UNITS[units]):
                columns[f"{lab}_{a}"] = row
        elif kind == "ANGLES":
            angles.append(lab)
            for a, row in zip("XYZ", xyz):
                columns[f"{lab}_{a}"] = row
    analog = np.asarray(c["data"]["analogs"], dtype=np.float64)
    alabels = [str(s).strip() for s in _param(c, "ANALOG", "LABELS", [])][:analog.shape[1]]
    analog_rate = float(c["header"]["analogs"]["frame_rate"] or 0.0)
    t = np.arange(n_frames) / point_rate
    per = int(round(analog_rate / point_rate)) if analog_rate > 0 else 0
    if rate == "analog" and per >= 1 and alabels:
        ta = np.arange(analog.shape[2]) / analog_rate
        columns = {k: np.interp(ta, t, v, left=np.nan, right=np.nan) for k, v in columns.items()}
        for j, lab in enumerate(alabels):
            columns[lab] = analog[0, j, :]
        t = ta
    elif per >= 1 and alabels:
        usable = min(n_frames * per, analog.shape[2]) // per
        for j, lab in enumerate(alabels):
            values = np.full(n_frames, np.nan)
            values[:usable] = analog[0, j, :usable * per].reshape(usable, per).mean(axis=1)
            columns[lab] = values
    df = pd.DataFrame(columns, index=pd.Index(t, name="time_s"))
    if measures and markers:
        extra = marker_measures(df)
        for col in extra.columns:
            df[col] = extra[col].to_numpy()
    df.attrs.update({
        "source": label, "format": "c3d", "name": path.stem if label == str(path) else Path(label).stem,
        "in_degrees": True, "converted_to_degrees": (), "header": {}, "synthetic": False,
        "label": f"measured recording {Path(label).name}", "markers": tuple(markers), "angles": tuple(angles),
        "analog": tuple(alabels), "rate_hz": float(1.0 / np.median(np.diff(t))) if t.size > 1 else point_rate,
        "marker_rate_hz": point_rate, "analog_rate_hz": analog_rate, "units_in_file": units,
    })
    return df
