"""Key poses of the catalogue's exercises: a human figure with de Leva's proportions, posed by joint angles.

The figure is a chain of rigid segments (trunk, head, upper arms, forearms, hands, thighs, shanks and a foot of
three parts) whose lengths come from de Leva's table (``data/segments_de_leva_1996.csv``), scaled to a stature.
Shoulder and hip spacing come from ``data/model_parameters.csv``; the split of the foot into heel, arch, ball and
toes, the ankle height and the height of a step are drawing conventions in ``data/figure_drawing.csv``.

Each exercise has a start and an end pose in ``data/exercise_poses.csv``: joint angles in degrees (anything not
listed is 0, standing upright with the arms hanging), the camera (azimuth and elevation), what touches the floor, a
step or a wall (``contacts``), and the equipment. The first contact is the anchor: it stays at the same place in
every frame, so the figure moves the way the client does rather than floating. Angles between the two poses are
interpolated, so every in-between frame has the same segment lengths.

Angles (positive direction): ``body_pitch`` forward, ``body_roll`` onto the right side, ``body_yaw`` to the left;
``trunk_flex`` forward, ``trunk_side`` to the right, ``trunk_rot`` chest to the right; ``neck_flex`` chin down;
per side (``_r``/``_l``): ``shoulder_flex`` arm forward and up, ``shoulder_abd`` out to the side, ``shoulder_rot``
outward, ``elbow`` bent, ``wrist`` palm side; ``hip_flex`` thigh forward, ``hip_abd`` out, ``hip_rot`` outward,
``knee`` bent, ``ankle`` toes up (negative: pointed), ``arch`` arch raised, ``toes`` and ``bigtoe`` up.

This module uses numpy and pandas only and never imports the body model: dosing stands beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from runmech._data import read_table
from runmech._validate import check_choice, check_real

__all__ = ["JOINTS", "POINTS", "Scene", "pose_ids", "scene", "segment_lengths", "skeleton", "interpolate",
           "placed_frames", "surface_height", "contact_errors"]

_SIDES = {"r": 1.0, "l": -1.0}
_SIDE_JOINTS = ("shoulder_flex", "shoulder_abd", "shoulder_rot", "elbow", "wrist", "hip_flex", "hip_abd", "hip_rot",
                "knee", "ankle", "arch", "toes", "bigtoe")
#: Every joint angle a pose may set [deg].
JOINTS = ("body_pitch", "body_roll", "body_yaw", "trunk_flex", "trunk_side", "trunk_rot", "neck_flex", "neck_rot",
          *(f"{j}_{s}" for s in _SIDES for j in _SIDE_JOINTS))
_CHAINS = {"leg": ("hip", "knee", "ankle", "heel", "arch", "instep", "ball", "toe"), "arm": ("shoulder", "elbow", "wrist", "hand")}
#: Every named point of the figure (``head`` is the centre of the head; as a contact it means its lowest point).
POINTS = ("pelvis", "neck", "head", *(f"{p}_{s}" for s in _SIDES for c in _CHAINS.values() for p in c),
          *(f"bigtoe_{s}" for s in _SIDES))


def _rx(a: float) -> np.ndarray:
    c, s = math.cos(math.radians(a)), math.sin(math.radians(a))
    return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def _ry(a: float) -> np.ndarray:
    c, s = math.cos(math.radians(a)), math.sin(math.radians(a))
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def _rz(a: float) -> np.ndarray:
    c, s = math.cos(math.radians(a)), math.sin(math.radians(a))
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


@lru_cache(maxsize=None)
def _conventions() -> dict[str, float]:
    t = read_table("figure_drawing.csv")
    out = {str(k): float(v) for k, v in zip(t["name"], t["value"])}
    p = read_table("model_parameters.csv").set_index("name")["value"]
    for key in ("reference_height_male_m", "hip_half_width_per_height", "shoulder_half_width_per_height"):
        out[key] = float(p[key])
    return out


@lru_cache(maxsize=None)
def _deleva_mm() -> dict[str, float]:
    t = read_table("segments_de_leva_1996.csv")
    t = t[t["sex"] == "male"]
    return {str(s): float(v) for s, v in zip(t["segment"], t["length_mm"])}


def segment_lengths(stature_m: float | None = None) -> dict[str, float]:
    """Segment lengths of the drawn figure [m]: de Leva's male means scaled to ``stature_m``.

    Parameters
    ----------
    stature_m : float, optional
        Standing height [m], 1.0 to 2.3 (default: de Leva's male reference subject, 1.741 m).

    Examples
    --------
    >>> L = segment_lengths()
    >>> round(L["thigh"], 4), round(L["upper_arm"], 4)
    (0.4222, 0.2817)
    >>> round(segment_lengths(1.5)["shank"] / L["shank"], 3)
    0.862
    """
    conv = _conventions()
    ref = conv["reference_height_male_m"]
    h = ref if stature_m is None else check_real("stature_m", stature_m, low=1.0, high=2.3, unit="m")
    k = h / ref / 1000.0
    out = {name: mm * k for name, mm in _deleva_mm().items() if name in
           ("head", "trunk", "upper_arm", "forearm", "hand", "thigh", "shank", "foot")}
    out["stature"] = h
    out["hip_half_width"] = conv["hip_half_width_per_height"] * h
    out["shoulder_half_width"] = conv["shoulder_half_width_per_height"] * h
    out["ankle_height"] = conv["ankle_height_per_height"] * h
    out["head_radius"] = conv["head_radius_per_head_length"] * out["head"]
    return out


def skeleton(angles: dict[str, float], stature_m: float | None = None) -> dict[str, np.ndarray]:
    """Positions of every point of :data:`POINTS` [m] for joint ``angles`` [deg], with the pelvis at the origin.

    Axes: x forward, y up, z to the figure's right (at zero angles the figure stands facing +x).

    Examples
    --------
    >>> p = skeleton({})
    >>> round(float(p["neck"][1] - p["pelvis"][1]), 4)              # the trunk, straight up
    0.5319
    >>> p = skeleton({"hip_flex_r": 90})                                # right thigh forward, level
    >>> np.round(p["knee_r"] - p["hip_r"], 4).tolist() == [0.4222, 0.0, 0.0]
    True
    >>> skeleton({"elbows": 90})
    Traceback (most recent call last):
    ...
    ValueError: angles has 'elbows', which is not a joint (joints: body_pitch, body_roll, ...)
    """
    bad = [k for k in angles if k not in JOINTS]
    if bad:
        raise ValueError(f"angles has {bad[0]!r}, which is not a joint (joints: {', '.join(JOINTS[:2])}, ...)")
    a = {j: float(angles.get(j, 0.0)) for j in JOINTS}
    L, conv = segment_lengths(stature_m), _conventions()
    up = np.array([0.0, 1.0, 0.0])
    pelvis_r = _ry(a["body_yaw"]) @ _rx(a["body_roll"]) @ _rz(-a["body_pitch"])
    thorax = pelvis_r @ _rz(-a["trunk_flex"]) @ _rx(a["trunk_side"]) @ _ry(-a["trunk_rot"])
    head_r = thorax @ _rz(-a["neck_flex"]) @ _ry(-a["neck_rot"])
    pts: dict[str, np.ndarray] = {"pelvis": np.zeros(3)}
    pts["neck"] = thorax @ (up * L["trunk"])
    pts["head"] = pts["neck"] + head_r @ (up * (L["head"] - L["head_radius"]))
    fl = L["foot"]
    for s, m in _SIDES.items():
        g = {j: a[f"{j}_{s}"] for j in _SIDE_JOINTS}
        sh = pts["neck"] + thorax @ np.array([0.0, 0.0, m * L["shoulder_half_width"]])
        upper = thorax @ _rz(g["shoulder_flex"]) @ _rx(-m * g["shoulder_abd"]) @ _ry(-m * g["shoulder_rot"])
        fore = upper @ _rz(g["elbow"])
        hand = fore @ _rz(g["wrist"])
        pts[f"shoulder_{s}"] = sh
        pts[f"elbow_{s}"] = sh + upper @ (-up * L["upper_arm"])
        pts[f"wrist_{s}"] = pts[f"elbow_{s}"] + fore @ (-up * L["forearm"])
        pts[f"hand_{s}"] = pts[f"wrist_{s}"] + hand @ (-up * L["hand"])
        hip = pelvis_r @ np.array([0.0, 0.0, m * L["hip_half_width"]])
        thigh = pelvis_r @ _rz(g["hip_flex"]) @ _rx(-m * g["hip_abd"]) @ _ry(-m * g["hip_rot"])
        shank = thigh @ _rz(-g["knee"])
        rear = shank @ _rz(g["ankle"])
        fore_f = rear @ _rz(-g["arch"])
        toes = fore_f @ _rz(g["toes"])
        big = fore_f @ _rz(g["bigtoe"] if f"bigtoe_{s}" in angles else g["toes"])
        pts[f"hip_{s}"] = hip
        pts[f"knee_{s}"] = hip + thigh @ (-up * L["thigh"])
        pts[f"ankle_{s}"] = pts[f"knee_{s}"] + shank @ (-up * L["shank"])
        pts[f"heel_{s}"] = pts[f"ankle_{s}"] + rear @ np.array([-conv["ankle_forward_of_heel"] * fl,
                                                                 -L["ankle_height"], 0.0])
        lift = conv["arch_lift"] * L["ankle_height"]
        pts[f"arch_{s}"] = pts[f"heel_{s}"] + rear @ np.array([conv["heel_to_arch"] * fl, lift, 0.0])
        pts[f"ball_{s}"] = pts[f"arch_{s}"] + fore_f @ np.array([conv["arch_to_ball"] * fl, -lift, 0.0])
        pts[f"instep_{s}"] = pts[f"arch_{s}"] + fore_f @ np.array([0.0, conv["instep_height"] * L["ankle_height"], 0.0])
        lesser, great = conv["lesser_toe"] * fl, conv["big_toe"] * fl
        pts[f"toe_{s}"] = pts[f"ball_{s}"] + toes @ np.array([lesser, 0.0, m * 0.1 * lesser])
        pts[f"bigtoe_{s}"] = pts[f"ball_{s}"] + big @ np.array([great, 0.0, -m * 0.1 * great])
    return pts


@dataclass(frozen=True)
class Scene:
    """The two key poses of one exercise and how to look at them.

    Attributes
    ----------
    exercise_id : str
    azimuth_deg, elevation_deg : float
        Camera: 0 looks at the figure's right side, 90 at its front; elevation looks down from above.
    frame : {"body", "foot"}
        Draw the whole figure, or a close-up of the right foot.
    poses : dict
        ``{"start": {...}, "end": {...}}`` joint angles [deg].
    contacts : dict
        ``{"start": [(point, surface), ...], "end": [...]}``; surfaces ``floor``, ``step``, ``wall`` and ``hold``
        (the point stays where it is in the other pose: a hand on a rail, a planted foot).
    equipment : tuple of str
        Items to draw, e.g. ``dumbbell:hand_r``, ``band:ankle_r>-0.7,0.15``, ``mat``, ``support:hand_l``.
    shows : dict
        ``{"start": "...", "end": "..."}``: what each pose shows, in words (the figure's text alternative).

    Examples
    --------
    >>> s = scene("glute_bridge")
    >>> s.frame, [p for p, _ in s.contacts["end"]][:2]
    ('body', ['head', 'heel_r'])
    """

    exercise_id: str
    azimuth_deg: float
    elevation_deg: float
    frame: str
    poses: dict
    contacts: dict
    equipment: tuple
    shows: dict


def _parse_angles(text: str, where: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in str(text).split():
        key, _, val = part.partition("=")
        if key not in JOINTS:
            raise ValueError(f"data/exercise_poses.csv: {where}: {key!r} is not a joint")
        out[key] = float(val)
    return out


def _parse_contacts(text: str, where: str) -> list[tuple[str, str]]:
    out = []
    for part in str(text).split(";"):
        part = part.strip()
        if not part:
            continue
        point, _, surface = part.partition("@")
        if point not in POINTS or (surface or "floor") not in ("floor", "step", "wall", "hold"):
            raise ValueError(f"data/exercise_poses.csv: {where}: contact {part!r} is not point@surface")
        out.append((point, surface or "floor"))
    return out


@lru_cache(maxsize=None)
def _table() -> pd.DataFrame:
    return read_table("exercise_poses.csv").fillna("")


def pose_ids() -> tuple[str, ...]:
    """Every exercise that has key poses, in table order.

    Examples
    --------
    >>> pose_ids()[:2]
    ('thread_the_needle', 'open_book')
    """
    return tuple(dict.fromkeys(_table()["exercise_id"]))


@lru_cache(maxsize=None)
def scene(exercise_id: str) -> Scene:
    """The :class:`Scene` of one exercise from ``data/exercise_poses.csv``.

    Examples
    --------
    >>> scene("calf_raise").poses["end"]["ankle_r"] < 0     # on the toes
    True
    """
    ex = check_choice("exercise_id", exercise_id, pose_ids())
    rows = _table()[_table()["exercise_id"] == ex].set_index("pose")
    poses, contacts, shows = {}, {}, {}
    for p in ("start", "end"):
        r = rows.loc[p]
        poses[p] = _parse_angles(r["angles"], f"{ex}/{p}")
        contacts[p] = _parse_contacts(r["contacts"], f"{ex}/{p}")
        shows[p] = str(r["shows"])
    first = rows.iloc[0]
    equipment = tuple(e.strip() for e in str(first["equipment"]).split(";") if e.strip())
    return Scene(ex, float(first["azimuth_deg"] or 0), float(first["elevation_deg"] or 0),
                 str(first["frame"] or "body"), poses, contacts, equipment, shows)


def _contact_point(pts: dict[str, np.ndarray], name: str, stature_m: float | None) -> np.ndarray:
    p = pts[name].copy()
    if name == "head":
        p[1] -= segment_lengths(stature_m)["head_radius"]
    return p


def surface_height(surface: str) -> float:
    """Height of a surface the figure stands on [m] (floor 0; a step from ``data/figure_drawing.csv``).

    Examples
    --------
    >>> surface_height("floor"), round(surface_height("step"), 2)
    (0.0, 0.15)
    """
    s = check_choice("surface", surface, ("floor", "step"))
    return 0.0 if s == "floor" else _conventions()["step_height_m"]


#: How far a drawn point may dip below the floor before an in-between frame is lifted [m] (a foot's thickness).
_SINK_M = 0.01


def _ease(t: float) -> float:
    return t * t * (3 - 2 * t)


def interpolate(start: dict[str, float], end: dict[str, float], t: float) -> dict[str, float]:
    """Joint angles a fraction ``t`` (0 to 1) of the way from ``start`` to ``end``, eased at both ends.

    Examples
    --------
    >>> interpolate({"knee_r": 0}, {"knee_r": 90}, 0.5)["knee_r"]
    45.0
    """
    f = _ease(check_real("t", t, low=0.0, high=1.0))
    keys = set(start) | set(end)
    return {k: start.get(k, 0.0) + f * (end.get(k, 0.0) - start.get(k, 0.0)) for k in keys}


def placed_frames(exercise_id: str, n: int = 2, *, stature_m: float | None = None) -> list[dict[str, np.ndarray]]:
    """``n`` frames (2 or more) from the start to the end pose, placed so the anchor contact stays put [m].

    The anchor (the start pose's first contact) sits on its surface at x = z = 0 in every frame. An in-between frame
    that would pass through the floor (angles are interpolated, not solved) is lifted until nothing is below it.

    Examples
    --------
    >>> f = placed_frames("calf_raise", 2)
    >>> round(float(f[0]["heel_r"][1]), 3), float(f[1]["heel_r"][1]) > 0.05    # heel down, then up
    (0.0, True)
    """
    s = scene(exercise_id)
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise ValueError(f"n must be a whole number of at least 2; got {n!r}")
    anchor, surface = s.contacts["start"][0]
    lift = 0.0 if surface in ("wall", "hold") else surface_height(surface)
    frames = []
    for i in range(n):
        pts = skeleton(interpolate(s.poses["start"], s.poses["end"], i / (n - 1)), stature_m)
        base = _contact_point(pts, anchor, stature_m)
        shift = np.array([-base[0], lift - base[1], -base[2]])
        frame = {k: v + shift for k, v in pts.items()}
        if surface in ("floor", "step") and s.frame == "body":
            lowest = min(min(float(v[1]) for k, v in frame.items() if k != "head"),
                         float(_contact_point(frame, "head", stature_m)[1]))
            if lowest < -_SINK_M:
                frame = {k: v + np.array([0.0, -lowest - _SINK_M, 0.0]) for k, v in frame.items()}
        frames.append(frame)
    return frames


def contact_errors(exercise_id: str, *, stature_m: float | None = None) -> dict[str, float]:
    """How far each listed contact is from its surface in the start and end poses [m] (0 = touching).

    Wall contacts are compared with the wall's place (their mean x over both poses); ``hold`` contacts with the same
    point in the other pose (a hand on a rail does not slide).

    Examples
    --------
    >>> max(contact_errors("glute_bridge").values()) < 0.02
    True
    """
    s = scene(exercise_id)
    start, end = placed_frames(exercise_id, 2, stature_m=stature_m)
    frames = {"start": start, "end": end}
    walls = [frames[p][n][0] for p in frames for n, surf in s.contacts[p] if surf == "wall"]
    wall_x = float(np.mean(walls)) if walls else 0.0
    out = {}
    for p, pts in frames.items():
        other = frames["end" if p == "start" else "start"]
        for name, surf in s.contacts[p]:
            c = _contact_point(pts, name, stature_m)
            if surf == "wall":
                err = abs(c[0] - wall_x)
            elif surf == "hold":
                err = float(np.linalg.norm(pts[name] - other[name]))
            else:
                err = abs(c[1] - surface_height(surf))
            out[f"{p}:{name}@{surf}"] = float(err)
    return out
