"""Column-name rules used by :mod:`runmech.recordings`: sides, angles, forces, moments and units guessed from names.

Names are split into tokens on ``_``, spaces, dots and dashes, lower-cased. A column belongs to a side when exactly one
token is ``r``/``right`` or ``l``/``left`` (``hip_flexion_r``, ``r_ground_force_vy``, ``hip_angle_right_deg``) or
when it starts with a capital ``R``/``L`` followed by another capital (``RHipAngles``, Vicon style). Removing the
side token gives the variable's *base* name; two columns with the same base and opposite sides form a pair.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"[_\s.\-]+")
_SIDE_WORDS = {"r": "right", "right": "right", "l": "left", "left": "left"}
_CAMEL = re.compile(r"^([RL])(?=[A-Z])")

# words that make a column an angle (substring match on the lower-cased name)
_ANGLE_WORDS = ("angle", "flex", "extension", "rotation", "tilt", "list", "adduction", "abduction", "yaw", "pitch",
                "roll", "pro_sup", "deviation", "inversion", "eversion", "obliquity", "_deg")
# body parts whose coordinates are angles unless a translation/force word says otherwise (token match)
_ANGLE_PARTS = {"pelvis", "lumbar", "hip", "knee", "ankle", "subtalar", "mtp", "arm", "elbow", "wrist", "thorax",
                "trunk", "torso", "shoulder", "neck", "head", "spine"}
# tokens and substrings that rule an angle out (translations, forces, moments, velocities ...)
_NOT_ANGLE_TOKENS = {"tx", "ty", "tz", "px", "py", "pz", "vx", "vy", "vz", "vel", "velocity", "speed",
                     "acc", "accel", "acceleration", "bw", "nm", "n", "kg", "m", "mm", "cm", "j", "w", "power",
                     "activation", "length", "time", "s", "ms", "com", "cop"}
_NOT_ANGLE_WORDS = ("moment", "force", "torque", "power", "velocity", "accel", "grf", "vgrf", "_tx", "_ty", "_tz",
                    "position", "work")
# joints that move a lot in running: in degrees their values always pass 2 pi
_LARGE_MOTION = ("flex", "knee", "ankle_angle", "ankleangle", "elbow", "hip_angle", "hipangle", "arm")

_FORCE_PATTERNS = (
    re.compile(r"vgrf"),
    re.compile(r"ground_force.*_?vy"),
    re.compile(r"force.*_vy"),
    re.compile(r"grf.*(vert|_v\b|_v_|fz|_z\b|_y\b)"),
    re.compile(r"(vert|vertical).*force"),
    re.compile(r"force.*(vert|vertical)"),
    re.compile(r"(^|_|\.|\+)fz\d*($|_|\+)"),
)
_ROTATION_BODY = ("thorax", "pelvis", "trunk", "torso", "lumbar", "shoulder")


def tokens(name: str) -> list[str]:
    """Lower-case tokens of a column name.

    Examples
    --------
    >>> tokens("R_ground_force_vy")
    ['r', 'ground', 'force', 'vy']
    """
    return [t for t in _SPLIT.split(name.strip().lower()) if t]


def split_side(name: str) -> tuple[str, str | None]:
    """``(base, side)`` of a column; side is ``"right"``, ``"left"`` or None.

    Examples
    --------
    >>> split_side("hip_flexion_r"), split_side("RHipAngles")
    (('hip_flexion', 'right'), ('HipAngles', 'right'))
    """
    m = _CAMEL.match(name)
    if m:
        return name[1:], "right" if m.group(1) == "R" else "left"
    parts = [t for t in _SPLIT.split(name.strip()) if t]
    hits = [i for i, t in enumerate(parts) if t.lower() in _SIDE_WORDS]
    if len(hits) != 1 or len(parts) < 2:
        return name, None
    i = hits[0]
    side = _SIDE_WORDS[parts[i].lower()]
    base = "_".join(parts[:i] + parts[i + 1:])
    return base, side


def is_angle(name: str) -> bool:
    """Whether a column name looks like a joint or segment angle.

    Examples
    --------
    >>> is_angle("knee_angle_r"), is_angle("pelvis_tx")
    (True, False)
    """
    low = name.lower()
    toks = set(tokens(name))
    if low.endswith(("_deg", "_rad")):
        return True
    if low[-2:] in ("_x", "_y", "_z") and "angle" not in low:
        return False  # a marker or key-point coordinate (RASI_x, right_hip_y)
    if any(w in low for w in _NOT_ANGLE_WORDS) or toks & _NOT_ANGLE_TOKENS:
        return False
    if any(w in low for w in _ANGLE_WORDS):
        return True
    return bool(toks & _ANGLE_PARTS)


def is_large_motion(name: str) -> bool:
    """An angle of a joint that moves tens of degrees every stride (hip/knee/ankle flexion, arms).

    Examples
    --------
    >>> is_large_motion("hip_flexion_r"), is_large_motion("pelvis_list")
    (True, False)
    """
    low = name.lower()
    return is_angle(name) and any(w in low for w in _LARGE_MOTION)


def is_vertical_force(name: str) -> bool:
    """Whether a column name looks like a vertical ground reaction force.

    Examples
    --------
    >>> is_vertical_force("R_ground_force_vy"), is_vertical_force("R_ground_force_px")
    (True, False)
    """
    low = name.lower()
    if "moment" in low or "torque" in low or re.search(r"_p[xyz]\b", low) or "cop" in tokens(name):
        return False
    return any(p.search(low) for p in _FORCE_PATTERNS)


def is_moment(name: str) -> bool:
    """Whether a column name looks like a joint moment.

    Examples
    --------
    >>> is_moment("hip_flexion_r_moment")
    True
    """
    low = name.lower()
    return "moment" in low or "torque" in low


def is_transverse_rotation(name: str) -> bool:
    """An unsided trunk or pelvis rotation about the vertical axis (for direction symmetry).

    Examples
    --------
    >>> is_transverse_rotation("pelvis_rotation"), is_transverse_rotation("hip_rotation_r")
    (True, False)
    """
    low = name.lower()
    return (("rotation" in low or "yaw" in low or "angle" in low) and any(b in low for b in _ROTATION_BODY)
            and is_angle(name))


def unit_of(name: str, in_degrees: bool = True) -> str:
    """Unit guessed from a column name ('' when unknown).

    Examples
    --------
    >>> unit_of("hip_flexion_r"), unit_of("R_ground_force_vy"), unit_of("hip_flexion_r", in_degrees=False)
    ('deg', 'N', 'rad')
    """
    low = name.lower()
    toks = tokens(name)
    if low.endswith("_bw") or "bw" in toks:
        return "BW"
    if low.endswith("_nm_kg"):
        return "N·m/kg"
    if is_moment(name):
        return "N·m"
    if is_vertical_force(name) or "force" in low:
        return "N" if not low.endswith("_bw") else "BW"
    if toks and toks[-1] == "s" or low.endswith("_time"):
        return "s"
    if is_angle(name):
        return "deg" if in_degrees else "rad"
    if toks and toks[-1] in {"m", "mm", "cm"}:
        return toks[-1]
    return ""


def kind_of(name: str) -> str:
    """Family of a variable for symmetry bands: 'temporal', 'force', 'angle' or 'other'.

    Examples
    --------
    >>> kind_of("contact_time_s"), kind_of("R_ground_force_vy"), kind_of("knee_angle_r")
    ('temporal', 'force', 'angle')
    """
    low = name.lower()
    if low.endswith("_s") or "time" in low:
        return "temporal"
    if is_vertical_force(name) or "force" in low or is_moment(name):
        return "force"
    if is_angle(name):
        return "angle"
    return "other"


# ------------------------------------------------------------------------------------------------ other systems
# Plug-in Gait (Vicon) model outputs: <side><Joint>Angles with components X (sagittal), Y (frontal), Z (transverse).
# Only components whose meaning and sign match OpenSim's coordinate are renamed; the rest keep their names.
_PIG = re.compile(r"^([RL])(Hip|Knee|Ankle|Pelvis|Thorax|Spine|Shoulder|Elbow)Angles[\s_.:\-]*\(?([XYZ])\)?$",
                  re.IGNORECASE)
_PIG_MAP = {("hip", "x"): "hip_flexion_{s}", ("hip", "y"): "hip_adduction_{s}", ("hip", "z"): "hip_rotation_{s}",
            ("knee", "x"): "knee_angle_{s}", ("ankle", "x"): "ankle_angle_{s}", ("shoulder", "x"): "arm_flex_{s}",
            ("elbow", "x"): "elbow_flex_{s}"}
# trunk angles have no side: Plug-in Gait writes them twice (R and L, mirrored); the right-side copy is used
_PIG_TRUNK = {("pelvis", "z"): "pelvis_rotation", ("thorax", "z"): "thorax_rotation",
              ("spine", "z"): "lumbar_rotation"}
# Xsens MVN (inertial suit) joint-angle exports: "Right Hip Flexion/Extension" ...
_XSENS = re.compile(r"^(Right|Left)\s+(Hip|Knee|Shoulder|Elbow|Ankle)\s+(Flexion/Extension|"
                    r"Dorsiflexion/Plantarflexion)(\s*\(deg\))?$", re.IGNORECASE)
_XSENS_MAP = {"hip": "hip_flexion_{s}", "knee": "knee_angle_{s}", "shoulder": "arm_flex_{s}",
              "elbow": "elbow_flex_{s}", "ankle": "ankle_angle_{s}"}


def canonical_names(columns: list[str]) -> tuple[dict[str, str], list[str]]:
    """Map column names of other systems to OpenSim's (gait2392 / Rajagopal) names.

    Recognised: Vicon Plug-in Gait model outputs (``RHipAngles_X``, ``LKneeAngles.X``, ``RPelvisAngles (Z)`` ...:
    X of hip, knee, ankle, shoulder and elbow becomes ``hip_flexion_r``, ``knee_angle_r``, ``ankle_angle_r``,
    ``arm_flex_r``, ``elbow_flex_r``; hip Y and Z become ``hip_adduction_r``, ``hip_rotation_r``; Z of the right
    pelvis, thorax and spine angles becomes ``pelvis_rotation``, ``thorax_rotation``, ``lumbar_rotation``); Xsens MVN
    exports (``Right Hip Flexion/Extension`` ...); OpenSim's gait2392 example force names (``ground_force_vy`` for
    the right foot and ``1_ground_force_vy`` for the left, when both are present). OpenSim names (gait2392,
    Rajagopal 2015, and markerless OpenCap exports, which use them) are kept as they are. A name is never renamed
    onto a column that exists.

    Returns
    -------
    (dict, list of str)
        ``{old: new}`` and the systems recognised.

    Examples
    --------
    >>> canonical_names(["RHipAngles_X", "LHipAngles_X", "RPelvisAngles_Z", "LPelvisAngles_Z", "RKneeAngles_Y"])
    ({'RHipAngles_X': 'hip_flexion_r', 'LHipAngles_X': 'hip_flexion_l', 'RPelvisAngles_Z': 'pelvis_rotation'}, ['Vicon Plug-in Gait'])
    >>> canonical_names(["Right Knee Flexion/Extension", "hip_flexion_r"])
    ({'Right Knee Flexion/Extension': 'knee_angle_r'}, ['Xsens MVN'])
    """
    out: dict[str, str] = {}
    systems: list[str] = []
    present = set(columns)
    for c in columns:
        m = _PIG.match(c.strip())
        if m:
            side, joint, axis = m.group(1).upper(), m.group(2).lower(), m.group(3).lower()
            s = "r" if side == "R" else "l"
            new = _PIG_MAP.get((joint, axis), "").format(s=s) or (_PIG_TRUNK.get((joint, axis)) if side == "R"
                                                                    else None)
            if new:
                out[c] = new
                systems.append("Vicon Plug-in Gait")
            continue
        m = _XSENS.match(c.strip())
        if m:
            s = "r" if m.group(1).lower() == "right" else "l"
            out[c] = _XSENS_MAP[m.group(2).lower()].format(s=s)
            systems.append("Xsens MVN")
    if "ground_force_vy" in present and "1_ground_force_vy" in present:
        for c in columns:
            if c.startswith("1_ground_"):
                out[c] = "l_" + c[2:]
            elif c.startswith("ground_"):
                out[c] = "r_" + c
        systems.append("OpenSim gait2392 example forces")
    taken = set(present)
    final = {}
    for old, new in out.items():
        if new not in taken:
            final[old] = new
            taken.add(new)
    return final, list(dict.fromkeys(systems))


def rename_known(df):
    """``df`` with :func:`canonical_names` applied (in place); ``attrs["renamed"]`` and ``attrs["naming"]`` say what.

    Examples
    --------
    >>> import pandas as pd
    >>> df = rename_known(pd.DataFrame({"RHipAngles_X": [1.0], "LHipAngles_X": [2.0]}))
    >>> df.columns.tolist(), df.attrs["naming"]
    (['hip_flexion_r', 'hip_flexion_l'], ['Vicon Plug-in Gait'])
    """
    mapping, systems = canonical_names([str(c) for c in df.columns])
    if mapping:
        df.columns = [mapping.get(str(c), c) for c in df.columns]
    df.attrs["renamed"] = mapping
    df.attrs["naming"] = systems
    return df
