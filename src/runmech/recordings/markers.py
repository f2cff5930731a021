"""What marker positions give directly: the yaw of the pelvis line and of the shoulder line, heel, toe and sacrum.

Markers are columns ``<marker>_x``, ``<marker>_y``, ``<marker>_z`` in metres (as :func:`read_trc` and
:func:`read_c3d` return them). Marker names are looked up case-insensitively among the names of the common marker
sets (:data:`MARKER_ROLES`): Vicon Plug-in Gait (``RASI``, ``LPSI``, ``RSHO``, ``RHEE``, ``RTOE``), the OpenSim
running example (``RACR``, ``RCAL``), and markerless key points (MediaPipe/OpenPose style ``right_hip``,
``left_heel``, ``RHeel``).

Yaw of a line from the left to the right marker of a pair (pelvis: the two hip bones; shoulders: the two acromia),
about the vertical axis, measured from the line's mean direction over the trial; positive when the line turns to
the left (the right marker moves forward), OpenSim's sign for ``pelvis_rotation``. The vertical axis is the
coordinate along which the markers spread most (head to foot); the lab frame must be right-handed.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

#: Candidate marker names of each role, right and left (first found wins; a pair's mean is used where listed).
MARKER_ROLES: dict[str, tuple[tuple[str, ...], ...]] = {
    # pelvis: front (ASIS) and back (PSIS) hip-bone markers; the line uses the mean of the pairs found
    "pelvis_right": (("RASI", "R.ASIS", "RASIS", "right_hip", "RHip", "R_Hip"), ("RPSI", "R.PSIS", "RPSIS")),
    "pelvis_left": (("LASI", "L.ASIS", "LASIS", "left_hip", "LHip", "L_Hip"), ("LPSI", "L.PSIS", "LPSIS")),
    "shoulder_right": (("RSHO", "RACR", "R.Shoulder", "right_shoulder", "RShoulder", "RSJC", "R_Shoulder"),),
    "shoulder_left": (("LSHO", "LACR", "L.Shoulder", "left_shoulder", "LShoulder", "LSJC", "L_Shoulder"),),
    "heel_right": (("RHEE", "RCAL", "R.Heel", "right_heel", "RHeel", "R_Heel"),),
    "heel_left": (("LHEE", "LCAL", "L.Heel", "left_heel", "LHeel", "L_Heel"),),
    "toe_right": (("RTOE", "RMT2", "R.Toe", "right_foot_index", "RBigToe", "R_Toe"),),
    "toe_left": (("LTOE", "LMT2", "L.Toe", "left_foot_index", "LBigToe", "L_Toe"),),
    "sacrum": (("SACR", "Sacrum", "S1", "MidHip"),),
}


def marker_names(df: pd.DataFrame) -> list[str]:
    """Markers in a recording: names with ``_x``, ``_y`` and ``_z`` columns.

    Examples
    --------
    >>> df = pd.DataFrame(np.zeros((2, 4)), columns=["RASI_x", "RASI_y", "RASI_z", "hip_flexion_r"])
    >>> marker_names(df)
    ['RASI']
    """
    cols = {str(c) for c in df.columns}
    out = []
    for c in df.columns:
        c = str(c)
        if c.lower().endswith("_x"):
            base = c[:-2]
            if f"{base}_y" in cols and f"{base}_z" in cols:
                out.append(base)
    return out


def marker_xyz(df: pd.DataFrame, name: str) -> np.ndarray | None:
    """Positions of one marker, rows x 3 [m], found case-insensitively; None when absent.

    Examples
    --------
    >>> df = pd.DataFrame([[1.0, 2.0, 3.0]], columns=["rasi_x", "rasi_y", "rasi_z"])
    >>> marker_xyz(df, "RASI").tolist(), marker_xyz(df, "LASI")
    ([[1.0, 2.0, 3.0]], None)
    """
    lower = {str(c).lower(): str(c) for c in df.columns}
    keys = [lower.get(f"{name.lower()}_{a}") for a in "xyz"]
    if any(k is None for k in keys):
        return None
    return df[keys].to_numpy(dtype=np.float64)


def role(df: pd.DataFrame, which: str) -> tuple[np.ndarray, str] | None:
    """Positions [m] of a role in :data:`MARKER_ROLES` and the marker names used, or None.

    Examples
    --------
    >>> df = pd.DataFrame([[0.1, 1.0, 0.2, 0.1, 1.0, 0.0]], columns=["RASI_x", "RASI_y", "RASI_z", "RPSI_x",
    ...                   "RPSI_y", "RPSI_z"])
    >>> xyz, names = role(df, "pelvis_right")
    >>> xyz.round(2).tolist(), names
    ([[0.1, 1.0, 0.1]], 'RASI+RPSI')
    """
    found = []
    for group in MARKER_ROLES[which]:
        for name in group:
            xyz = marker_xyz(df, name)
            if xyz is not None:
                found.append((xyz, name))
                break
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    return nanmean_of([f[0] for f in found]), "+".join(f[1] for f in found)


def nanmean_of(arrays: list[np.ndarray]) -> np.ndarray:
    """Element-wise mean of equal-shaped arrays ignoring gaps (NaN where all are missing), without warnings.

    Examples
    --------
    >>> nanmean_of([np.array([1.0, np.nan]), np.array([3.0, np.nan])]).tolist()
    [2.0, nan]
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(np.stack(arrays), axis=0)


def vertical_axis(df: pd.DataFrame) -> int:
    """Index (0 = x, 1 = y, 2 = z) of the vertical axis: the one along which the markers spread most.

    Examples
    --------
    >>> df = pd.DataFrame([[0.0, 1.7, 0.1, 0.2, 0.05, 0.1]], columns=["head_x", "head_y", "head_z", "toe_x",
    ...                   "toe_y", "toe_z"])
    >>> vertical_axis(df)
    1
    """
    names = marker_names(df)
    if len(names) < 2:
        raise ValueError(f"recording must hold at least two markers (columns name_x, name_y, name_z); got "
                         f"{len(names)}")
    xyz = np.stack([x for n in names if np.isfinite(x := marker_xyz(df, n)).any()])  # markers x rows x 3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # frames where every marker is out of view
        spread = np.nanmax(xyz, axis=0) - np.nanmin(xyz, axis=0)  # rows x 3
        return int(np.nanargmax(np.nanmedian(spread, axis=0)))


def line_yaw_deg(right: np.ndarray, left: np.ndarray, up_axis: int) -> np.ndarray:
    """Yaw of the left-to-right line about the vertical axis from its mean direction [deg]; + = turned left.

    Examples
    --------
    >>> a = np.radians([-10.0, 10.0])  # the line turned 10 degrees each way; x forward, y up, z to the right
    >>> right = np.column_stack([0.15 * np.sin(a), [1.0, 1.0], 0.15 * np.cos(a)])
    >>> line_yaw_deg(right, -right * [1, -1, 1] + [0, 2, 0], 1).round(1).tolist()
    [-10.0, 10.0]
    """
    h = right - left
    up = np.zeros(3)
    up[up_axis] = 1.0
    hp = h - np.outer(h @ up, up)
    r = np.nanmean(hp, axis=0)
    r /= np.linalg.norm(r)
    f = np.cross(up, r)
    return np.degrees(np.arctan2(hp @ f, hp @ r))


def marker_measures(df: pd.DataFrame) -> pd.DataFrame:
    """Yaw of the pelvis line and of the shoulder line, and their difference [deg], from marker positions.

    Columns (those the markers allow): ``pelvis_line_yaw`` (from the hip-bone markers, ASIS and PSIS means where
    both exist), ``shoulder_line_yaw`` (acromion or shoulder markers) and ``shoulder_pelvis_yaw_difference``
    (shoulder minus pelvis: the twist of the trunk).

    Examples
    --------
    >>> t = np.linspace(0, 1, 5)
    >>> a = np.radians(10) * np.sin(2 * np.pi * t)
    >>> cols = {}
    >>> for side, s in (("R", 1), ("L", -1)):
    ...     for m, w in (("ASI", 0.12), ("SHO", 0.2)):
    ...         cols[f"{side}{m}_x"], cols[f"{side}{m}_y"], cols[f"{side}{m}_z"] = (
    ...             s * w * np.sin(a), np.full(5, 1.0 if m == "ASI" else 1.45), s * w * np.cos(a))
    >>> cols.update({"RTOE_x": np.zeros(5), "RTOE_y": np.zeros(5), "RTOE_z": np.full(5, 0.1)})
    >>> m = marker_measures(pd.DataFrame(cols, index=t))
    >>> m["pelvis_line_yaw"].round(1).tolist()
    [0.0, 10.0, 0.0, -10.0, -0.0]
    """
    out = pd.DataFrame(index=df.index)
    if len(marker_names(df)) < 2:
        return out
    up = vertical_axis(df)
    for name, (rk, lk) in (("pelvis_line_yaw", ("pelvis_right", "pelvis_left")),
                           ("shoulder_line_yaw", ("shoulder_right", "shoulder_left"))):
        r, l_ = role(df, rk), role(df, lk)
        if r is not None and l_ is not None:
            out[name] = line_yaw_deg(r[0], l_[0], up)
    if {"pelvis_line_yaw", "shoulder_line_yaw"} <= set(out.columns):
        out["shoulder_pelvis_yaw_difference"] = out["shoulder_line_yaw"] - out["pelvis_line_yaw"]
    return out


def estimate_speed(df: pd.DataFrame) -> tuple[float, str] | None:
    """Mean running speed over the ground [m/s] and how it was found, or None (treadmill or no position data).

    From OpenSim's ``pelvis_tx`` (the pelvis's forward translation [m]) or, with markers, from the horizontal
    velocity of the pelvis markers; a straight line is fitted to position against time.

    Examples
    --------
    >>> t = np.arange(0, 1, 0.01)
    >>> speed, how = estimate_speed(pd.DataFrame({"pelvis_tx": 3.2 * t + 0.5}, index=t))
    >>> round(speed, 2), how
    (3.2, 'slope of pelvis_tx')
    """
    t = df.index.to_numpy(dtype=np.float64)
    if t.size < 3 or t[-1] - t[0] <= 0:
        return None
    cols = {str(c).lower(): str(c) for c in df.columns}
    if "pelvis_tx" in cols:
        x = df[cols["pelvis_tx"]].to_numpy(dtype=np.float64)
        ok = np.isfinite(x)
        if ok.sum() >= 3:
            return abs(float(np.polyfit(t[ok], x[ok], 1)[0])), "slope of pelvis_tx"
    if len(marker_names(df)) >= 2:
        r, l_ = role(df, "pelvis_right"), role(df, "pelvis_left")
        if r is not None and l_ is not None:
            mid = (r[0] + l_[0]) / 2
            up = vertical_axis(df)
            ok = np.isfinite(mid).all(axis=1)
            if ok.sum() >= 3:
                v = [np.polyfit(t[ok], mid[ok, a], 1)[0] for a in range(3) if a != up]
                return float(np.hypot(*v)), f"horizontal velocity of the mid-pelvis ({r[1]}, {l_[1]})"
    return None
