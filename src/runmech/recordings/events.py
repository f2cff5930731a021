"""Foot strike and toe-off from kinematics, for recordings without force (markerless video, inertial suits, IK).

Two published rules, each with its expected error in ``data/event_methods.csv``:

- **Foot strike** (Zeni, Richards and Higginson 2008): the heel reaches its most forward position relative to the
  sacrum along the direction of travel. With markers, the heel and sacrum markers are used
  (:data:`runmech.recordings.markers.MARKER_ROLES`). With inverse-kinematics angles only, the ankle's forward
  position relative to the hip is computed from pelvis tilt, hip flexion and knee flexion with de Leva's (1996)
  thigh and shank lengths (runmech's adaptation; only the ratio of the lengths matters for the timing).
- **Toe-off** (Fellin and colleagues 2010): peak knee extension at the end of stance, the knee's smallest flexion
  while the foot is behind the hip. With markers the knee angle comes from the hip, knee and ankle joint markers.

Zeni's rule was validated in walking (94 % of events within one frame at 60 Hz). In running the foot is pulled back
just before landing, so the heel's most forward point comes before contact: on the shipped OpenSim trial the
kinematic foot strike is 32 ms (angles) and 33 ms (markers) early against the force plate (force above 20 N).
Fellin's toe-off rule had a mean absolute error of about 5 ms in runners; on the trial it is 10 to 12 ms (angles)
and 2 to 13 ms (markers) late (``tests/unit/test_recordings_trial.py`` and notebook 05 print these). A foot
strike in the first few frames of a recording cannot be seen (its heel peak lies before the first frame).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from runmech._data import read_table as _data_table
from runmech.recordings import markers as _mk

_ROLES_KNEE = {"right": ("RKJC", "RKNE", "RLFC", "right_knee", "RKnee", "R_Knee"),
               "left": ("LKJC", "LKNE", "LLFC", "left_knee", "LKnee", "L_Knee")}
_ROLES_ANKLE = {"right": ("RAJC", "RANK", "RLMAL", "right_ankle", "RAnkle", "R_Ankle"),
                "left": ("LAJC", "LANK", "LLMAL", "left_ankle", "LAnkle", "L_Ankle")}
_ROLES_HIP = {"right": ("RHJC", "right_hip", "RHip", "R_Hip", "RASI", "RGTR"),
              "left": ("LHJC", "left_hip", "LHip", "L_Hip", "LASI", "LGTR")}


def event_methods() -> pd.DataFrame:
    """The event rules and their published accuracy (``data/event_methods.csv``).

    Examples
    --------
    >>> m = event_methods().set_index("method")
    >>> float(m.loc["fellin2010_knee", "expected_abs_error_ms"]), m.loc["zeni2008_heel", "event"]
    (4.9, 'foot_strike')
    """
    return _data_table("event_methods.csv")


@dataclass(frozen=True)
class Events:
    """Foot strikes and toe-offs per side [s], with how they were found.

    Attributes
    ----------
    strikes, offs : dict of str to numpy.ndarray
        Times [s] per side ("right", "left"), increasing.
    method : str
        The rules used and their published accuracy.
    notes : tuple of str
        What could not be found and why.

    Examples
    --------
    >>> ev = Events(strikes={"right": np.array([0.1])}, offs={"right": np.array([0.35])}, method="given")
    >>> round(float(pair_contacts(ev.strikes["right"], ev.offs["right"])[0] - ev.strikes["right"][0]), 3)
    0.25
    """

    strikes: dict[str, np.ndarray]
    offs: dict[str, np.ndarray]
    method: str
    notes: tuple[str, ...] = field(default=())


def _smooth(x: np.ndarray, k: int) -> np.ndarray:
    """Centred moving average over ``k`` samples (odd), edges held; NaN stays NaN."""
    if k <= 1 or x.size < k:
        return x
    pad = np.pad(x, (k // 2, k // 2), mode="edge")
    return np.convolve(pad, np.ones(k) / k, mode="valid")


def _peaks(x: np.ndarray, t: np.ndarray, *, min_gap_s: float, floor: float,
           allowed: np.ndarray | None = None) -> np.ndarray:
    """Interior local maxima above ``floor`` (where ``allowed``), ``min_gap_s`` apart (the higher kept), times [s]."""
    ok = np.isfinite(x) if allowed is None else np.isfinite(x) & allowed
    i = np.flatnonzero(ok[1:-1] & ok[:-2] & ok[2:] & (x[1:-1] >= x[:-2]) & (x[1:-1] > x[2:]) & (x[1:-1] > floor)) + 1
    kept: list[int] = []
    for j in sorted(i, key=lambda j: -x[j]):
        if all(abs(t[j] - t[k]) >= min_gap_s for k in kept):
            kept.append(int(j))
    kept.sort()
    # sub-sample time from a parabola through the peak and its neighbours
    out = []
    for j in kept:
        a, b, c = x[j - 1], x[j], x[j + 1]
        den = a - 2 * b + c
        shift = 0.5 * (a - c) / den if den != 0 else 0.0
        out.append(t[j] + float(np.clip(shift, -0.5, 0.5)) * (t[j + 1] - t[j - 1]) / 2)
    return np.asarray(out, dtype=np.float64)


def _joint_positions(rec: pd.DataFrame) -> dict[str, tuple[np.ndarray, np.ndarray, str]]:
    """Per side: (ankle forward of hip [thigh lengths], knee flexion [deg], columns used) from IK angles."""
    seg = _data_table("segments_de_leva_1996.csv")
    male = seg[seg["sex"] == "male"].set_index("segment")["length_mm"]
    shank_ratio = float(male["shank"]) / float(male["thigh"])
    cols = {str(c).lower(): str(c) for c in rec.columns}
    tilt = rec[cols["pelvis_tilt"]].to_numpy(dtype=np.float64) if "pelvis_tilt" in cols else 0.0
    out = {}
    for side, s in (("right", "r"), ("left", "l")):
        hip, knee = cols.get(f"hip_flexion_{s}"), cols.get(f"knee_angle_{s}")
        if hip is None or knee is None:
            continue
        thigh = np.radians(tilt + rec[hip].to_numpy(dtype=np.float64))
        k = rec[knee].to_numpy(dtype=np.float64)
        shank = thigh - np.radians(k)
        used = f"{hip}, {knee}" + (", pelvis_tilt" if "pelvis_tilt" in cols else "")
        out[side] = (np.sin(thigh) + shank_ratio * np.sin(shank), k, used)
    return out


def _marker_positions(rec: pd.DataFrame) -> dict[str, tuple[np.ndarray, np.ndarray | None, str]]:
    """Per side: (heel forward of sacrum [m], knee flexion from joint markers [deg] or None, markers used)."""
    if len(_mk.marker_names(rec)) < 3:
        return {}
    up = _mk.vertical_axis(rec)
    sacrum = _mk.role(rec, "sacrum")
    if sacrum is None:
        right, left = _mk.role(rec, "pelvis_right"), _mk.role(rec, "pelvis_left")
        if right is None or left is None:
            return {}
        sacrum = ((right[0] + left[0]) / 2, f"mid {right[1]}/{left[1]}")
        across = right[0] - left[0]
    else:
        pr, pl = _mk.role(rec, "pelvis_right"), _mk.role(rec, "pelvis_left")
        across = pr[0] - pl[0] if pr is not None and pl is not None else None
    t = rec.index.to_numpy(dtype=np.float64)
    horiz = [a for a in range(3) if a != up]
    vel = np.nanmean(np.diff(sacrum[0][:, horiz], axis=0), axis=0) / np.nanmedian(np.diff(t))
    if np.hypot(*vel) > 0.5:  # moving over ground: travel along the sacrum's mean velocity
        fwd = np.zeros(3)
        fwd[horiz] = vel / np.hypot(*vel)
    elif across is not None:  # treadmill: forward is perpendicular to the pelvis line, to the left of right
        upv = np.zeros(3)
        upv[up] = 1.0
        r = np.nanmean(across, axis=0)
        r[up] = 0.0
        fwd = np.cross(upv, r / np.linalg.norm(r))
    else:
        return {}
    out = {}
    for side in ("right", "left"):
        heel = _mk.role(rec, f"heel_{side}")
        if heel is None:
            continue
        rel = (heel[0] - sacrum[0]) @ fwd
        knee, how = _knee_flexion(rec, side, heel[0])
        names = f"{heel[1]} against {sacrum[1]}" + (f"; knee angle from {how}" if knee is not None else "")
        out[side] = (rel, knee, names)
    return out


def _knee_flexion(rec: pd.DataFrame, side: str, heel: np.ndarray) -> tuple[np.ndarray | None, str]:
    """Knee flexion [deg] between the thigh and shank axes: from hip, knee and ankle joint markers, else from the
    hip and the thigh cluster (thigh) and the shank cluster and the heel (shank)."""
    s = side[0].upper()
    hip, knee, ankle = (_first(rec, roles[side]) for roles in (_ROLES_HIP, _ROLES_KNEE, _ROLES_ANKLE))
    if hip is not None and knee is not None and ankle is not None:
        u, v, how = knee[0] - hip[0], ankle[0] - knee[0], f"{hip[1]}-{knee[1]}-{ankle[1]}"
    else:
        thigh = _cluster(rec, (f"{s}TH1", f"{s}TH2", f"{s}TH3", f"{s}THI"))
        shank = _cluster(rec, (f"{s}TB1", f"{s}TB2", f"{s}TB3", f"{s}TIB"))
        if hip is None or thigh is None or shank is None:
            return None, ""
        u, v, how = thigh[0] - hip[0], heel - shank[0], f"{hip[1]} to {thigh[1]} and {shank[1]} to the heel"
    cos = np.einsum("ij,ij->i", u, v) / (np.linalg.norm(u, axis=1) * np.linalg.norm(v, axis=1))
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))), how


def _cluster(rec: pd.DataFrame, names: tuple[str, ...]) -> tuple[np.ndarray, str] | None:
    """Mean position of the markers found among ``names`` (a segment's marker cluster)."""
    found = [(x, n) for n in names if (x := _mk.marker_xyz(rec, n)) is not None and np.isfinite(x).any()]
    if not found:
        return None
    return _mk.nanmean_of([f[0] for f in found]), "+".join(f[1] for f in found)


def _first(rec: pd.DataFrame, names: tuple[str, ...]) -> tuple[np.ndarray, str] | None:
    for n in names:
        xyz = _mk.marker_xyz(rec, n)
        if xyz is not None and np.isfinite(xyz).any():
            return xyz, n
    return None


def kinematic_events(recording: pd.DataFrame, *, min_stride_s: float = 0.4) -> Events | None:
    """Foot strikes (Zeni 2008) and toe-offs (Fellin 2010) from markers or joint angles; None when neither is there.

    Parameters
    ----------
    recording : pandas.DataFrame
        With heel and sacrum (or hip-bone) markers, or OpenSim-named angles ``hip_flexion_r``/``_l`` and
        ``knee_angle_r``/``_l`` (``pelvis_tilt`` used when present).
    min_stride_s : float
        Two foot strikes of one foot closer than this are one [s].

    Returns
    -------
    Events or None

    Examples
    --------
    >>> t = np.arange(0, 2.0, 0.01)
    >>> ph = 2 * np.pi * t / 0.8  # one stride every 0.8 s
    >>> rec = pd.DataFrame({"hip_flexion_r": 30 * np.cos(ph), "knee_angle_r": 50 - 40 * np.cos(ph + 1.2),
    ...                     "hip_flexion_l": 30 * np.cos(ph + np.pi),
    ...                     "knee_angle_l": 50 - 40 * np.cos(ph + np.pi + 1.2)}, index=pd.Index(t, name="time_s"))
    >>> ev = kinematic_events(rec)
    >>> ev.strikes["right"].round(2).tolist(), ev.method.split(";")[0]
    ([0.74, 1.54], 'foot strike: heel most forward of the sacrum (Zeni 2008')
    """
    if not isinstance(recording, pd.DataFrame):
        raise TypeError(f"recording must be a pandas DataFrame indexed by time [s]; got {type(recording).__name__}")
    t = recording.index.to_numpy(dtype=np.float64)
    if t.size < 5:
        return None
    dt = float(np.median(np.diff(t)))
    k = max(1, int(round(0.02 / dt)) // 2 * 2 + 1)  # ~20 ms moving average against marker jitter
    sources = _marker_positions(recording)
    data = "markers"
    if not sources:
        sources = _joint_positions(recording)
        data = "joint angles (ankle position from hip and knee angles, de Leva 1996 thigh/shank lengths)"
    if not sources:
        return None
    methods = event_methods().set_index("method")
    strikes, offs, notes, used = {}, {}, [], []
    for side, (fwd, knee, names) in sources.items():
        fwd = _smooth(fwd, k)
        if np.isfinite(fwd).sum() < 5:
            notes.append(f"{side}: heel or joint positions missing")
            continue
        span = np.nanmax(fwd) - np.nanmin(fwd)
        strikes[side] = _peaks(fwd, t, min_gap_s=min_stride_s, floor=np.nanmin(fwd) + 0.6 * span)
        if knee is not None and np.isfinite(knee).sum() >= 5:
            knee = _smooth(knee, k)
            kspan = np.nanmax(knee) - np.nanmin(knee)
            behind = fwd < np.nanmin(fwd) + 0.5 * span  # the foot behind the hip: the end of stance
            offs[side] = _peaks(-knee, t, min_gap_s=min_stride_s, floor=-(np.nanmin(knee) + 0.35 * kspan),
                                allowed=behind)
        else:
            offs[side] = np.empty(0)
            notes.append(f"{side}: no knee angle, so no toe-off")
        used.append(f"{side}: {names}")
    zeni, fellin = methods.loc["zeni2008_heel"], methods.loc["fellin2010_knee"]
    method = (f"foot strike: heel most forward of the sacrum (Zeni 2008; {zeni['error_note']}, in walking); "
              f"toe-off: peak knee extension (Fellin 2010; {fellin['error_note']}, in running); from {data}: "
              + "; ".join(used))
    if all(s.size == 0 for s in strikes.values()):
        notes.append("no foot strike found: the heel never came clearly forward of the body")
    return Events(strikes=strikes, offs=offs, method=method, notes=tuple(notes))


def pair_contacts(strikes: np.ndarray, offs: np.ndarray, *, max_contact_s: float = 0.6) -> np.ndarray:
    """For each strike, the first toe-off after it and before the next strike (within ``max_contact_s``), or NaN.

    Examples
    --------
    >>> pair_contacts(np.array([0.1, 0.9]), np.array([0.35, 1.6])).tolist()
    [0.35, nan]
    """
    out = np.full(strikes.size, np.nan)
    for i, s in enumerate(strikes):
        nxt = strikes[i + 1] if i + 1 < strikes.size else np.inf
        cand = offs[(offs > s) & (offs < nxt) & (offs - s <= max_contact_s)]
        if cand.size:
            out[i] = cand[0]
    return out


def has_kinematics(recording: pd.DataFrame) -> bool:
    """Whether :func:`kinematic_events` can work on a recording (markers or hip and knee angles).

    Examples
    --------
    >>> has_kinematics(pd.DataFrame(columns=["hip_flexion_r", "knee_angle_r"])), has_kinematics(pd.DataFrame())
    (True, False)
    """
    cols = {str(c).lower() for c in recording.columns}
    angles = any(f"hip_flexion_{s}" in cols and f"knee_angle_{s}" in cols for s in "rl")
    return angles or (len(_mk.marker_names(recording)) >= 3 and any(
        _mk.role(recording, f"heel_{s}") is not None for s in ("right", "left")))


__all__ = ["Events", "kinematic_events", "event_methods", "event_errors", "pair_contacts", "has_kinematics"]


def event_errors(events: Events, contacts: pd.DataFrame, *, window_s: float = 0.15) -> pd.DataFrame:
    """Kinematic events against reference contacts (e.g. force-plate ones from :func:`detect_strides`).

    Each reference foot strike and toe-off is matched with the kinematic event of the same side and kind nearest to
    it within ``window_s``; unmatched reference events are listed with NaN (the method did not find them).

    Parameters
    ----------
    events : Events
        From :func:`kinematic_events`.
    contacts : pandas.DataFrame
        ``Strides.contacts`` of the reference (columns ``side``, ``strike_s``, ``off_s``).
    window_s : float
        Largest distance for a match [s].

    Returns
    -------
    pandas.DataFrame
        ``side``, ``event`` ("foot strike" or "toe-off"), ``reference_s``, ``kinematic_s``, ``error_ms``
        (kinematic minus reference [ms]).

    Examples
    --------
    >>> ev = Events({"left": np.array([0.37])}, {"left": np.array([0.66])}, "demo")
    >>> ref = pd.DataFrame({"side": ["left"], "strike_s": [0.40], "off_s": [0.65]})
    >>> event_errors(ev, ref)["error_ms"].round(1).tolist()
    [-30.0, 10.0]
    """
    rows = []
    for r in contacts.itertuples():
        for event, ref, found in (("foot strike", r.strike_s, events.strikes), ("toe-off", r.off_s, events.offs)):
            if not np.isfinite(ref):
                continue
            times = found.get(r.side, np.empty(0))
            near = times[np.abs(times - ref) <= window_s] if times.size else times
            hit = float(near[np.argmin(np.abs(near - ref))]) if near.size else float("nan")
            rows.append((r.side, event, float(ref), hit, (hit - ref) * 1000.0))
    return pd.DataFrame(rows, columns=["side", "event", "reference_s", "kinematic_s", "error_ms"])
