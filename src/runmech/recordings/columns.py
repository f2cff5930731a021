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
    re.compile(r"(^|_)fz($|_)"),
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
