"""Exercise drawings as inline SVG: the start and end poses side by side (for print), or one animated figure.

The figures are computed from :mod:`runmech.dosing.poses` (de Leva's proportions, the key poses in
``data/exercise_poses.csv``): nothing is a picture file, nothing is fetched. The still figure uses presentation
attributes only (no scripts, no styles, no external references), so it sits inside the handout under its
content-security policy. Black for the near side, grey for the far side and white fills keep it readable when
printed in black and white. The animated figure carries its own CSS keyframes (no script, nothing fetched), so it
plays offline in a notebook, Voila or a browser, and stands still for readers who ask for reduced motion.

Each figure carries a text alternative (``<title>`` and ``<desc>``, joined to the figure by ``aria-labelledby``)
that says the movement in words.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from runmech._validate import check_int
from runmech.dosing import poses as _poses
from runmech.dosing.wording import N_

__all__ = ["PANEL", "Figure", "figure", "still_svg", "animated_svg", "text_alternative"]

#: Size of one drawing panel in SVG units (width, height).
PANEL = (150.0, 120.0)
_PAD = 7.0
_NEAR, _FAR, _KIT, _FLOOR = "#000000", "#8a8a8a", "#555555", "#bdbdbd"
_W = {"limb": 4.6, "trunk": 6.4, "girdle": 4.0, "head": 2.2}


@dataclass(frozen=True)
class Figure:
    """Drawable shapes of one exercise, in SVG units, for each frame.

    Attributes
    ----------
    exercise_id : str
    frames : list of dict
        Per frame: ``polylines`` (name -> (points, colour, width, filled)), ``circles`` (name -> (x, y, r, colour,
        width, filled)); names and order are the same in every frame.
    static : list
        Shapes that do not move: ``("line", x1, y1, x2, y2, colour, width)`` or ``("rect", x, y, w, h, colour)``.
    lengths : list of dict
        Per frame, the drawn 3-D length of every segment [m] (the test that limbs keep their lengths reads it).

    Examples
    --------
    >>> f = figure("calf_raise", frames=3)
    >>> len(f.frames), sorted(f.frames[0]["circles"])
    (3, ['head'])
    """

    exercise_id: str
    frames: list
    static: list
    lengths: list


_SEGMENTS = {"upper_arm": ("shoulder", "elbow"), "forearm": ("elbow", "wrist"), "hand": ("wrist", "hand"),
             "thigh": ("hip", "knee"), "shank": ("knee", "ankle")}


def _camera(az: float, el: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    a, e = math.radians(az), math.radians(el)
    right = np.array([math.cos(a), 0.0, -math.sin(a)])
    up = np.array([-math.sin(a) * math.sin(e), math.cos(e), -math.cos(a) * math.sin(e)])
    toward = np.array([math.sin(a) * math.cos(e), math.sin(e), math.cos(a) * math.cos(e)])
    return right, up, toward


def _equipment_world(scene, pts: dict, first: dict, lengths: dict) -> list[tuple]:
    """Equipment in world coordinates for one frame: moving items follow the body, fixed ones the start pose."""
    out = []
    for item in scene.equipment:
        kind, _, arg = item.partition(":")
        if kind == "dumbbell":
            side = arg.rsplit("_", 1)[-1]
            out.append(("ball", (pts[f"wrist_{side}"] + pts[arg]) / 2, 0.045, True))
        elif kind == "ball":
            a, b = arg.split(",")
            out.append(("ball", (pts[a] + pts[b]) / 2, 0.11, False))
        elif kind == "band":
            point, _, anchor = arg.partition(">")
            x, y = (float(v) for v in anchor.split(","))
            out.append(("band", pts[point], np.array([x, y, pts[point][2]])))
    return out


def _fixed_equipment(scene, frames: list[dict], lengths: dict) -> list[tuple]:
    """Equipment that does not move: wall, step, support, band anchors, mat (world coordinates)."""
    out = []
    start = frames[0]
    contacts = scene.contacts["start"] + scene.contacts["end"]
    for item in scene.equipment:
        kind, _, arg = item.partition(":")
        if kind == "wall":
            xs = [f[n][0] for f in (frames[0], frames[-1]) for n, s in contacts if s == "wall" and n in f]
            x = float(np.mean(xs)) if xs else 0.6
            out.append(("wall", x, float(arg or 1.9)))
        elif kind == "step":
            names = [n for n, s in contacts if s == "step"]
            x0 = min(f[n][0] for f in (frames[0], frames[-1]) for n in names) - 0.03
            out.append(("step", x0, x0 + 0.5, _poses.surface_height("step")))
        elif kind == "support":
            p = start[arg]
            out.append(("support", p))
        elif kind == "band":
            _, _, anchor = arg.partition(">")
            x, y = (float(v) for v in anchor.split(","))
            out.append(("anchor", np.array([x, y, 0.0])))
        elif kind == "mat":
            xs = [p[0] for f in frames for p in f.values()]
            zs = [p[2] for f in frames for p in f.values()]
            out.append(("mat", min(xs) - 0.1, max(xs) + 0.1, min(zs) - 0.15, max(zs) + 0.15))
    return out


def figure(exercise_id: str, *, frames: int = 2, stature_m: float | None = None) -> Figure:
    """The drawable :class:`Figure` of one exercise, with ``frames`` frames from start to end (2 or more).

    All frames share one scale and one placement, so the floor stays still and the figure moves on it.

    Examples
    --------
    >>> f = figure("glute_bridge")
    >>> pts = f.frames[0]["polylines"]["leg_near"][0]
    >>> all(0 <= x <= 150 and 0 <= y <= 120 for x, y in pts)
    True
    """
    n = check_int("frames", frames, low=2, high=40)
    sc = _poses.scene(exercise_id)
    return _figure(sc.exercise_id, n, None if stature_m is None else float(stature_m))


@lru_cache(maxsize=256)
def _figure(exercise_id: str, n: int, stature_m: float | None) -> Figure:
    """The figure of :func:`figure`, computed once per exercise, frame count and stature (it is pure)."""
    sc = _poses.scene(exercise_id)
    world = _poses.placed_frames(sc.exercise_id, n, stature_m=stature_m)
    for f in world:  # the lower part of the shin, for the foot close-up
        f["shin_r"] = f["ankle_r"] + 0.3 * (f["knee_r"] - f["ankle_r"])
    L = _poses.segment_lengths(stature_m)
    right, up, toward = _camera(sc.azimuth_deg, sc.elevation_deg)
    fixed = _fixed_equipment(sc, world, L)
    moving = [_equipment_world(sc, f, world[0], L) for f in world]

    def proj(p):
        return float(p @ right), float(p @ up)

    # which side is nearer the camera
    depth = {s: float(np.mean([world[0][f"{j}_{s}"] @ toward for j in ("shoulder", "hip", "knee", "elbow")]))
             for s in ("r", "l")}
    near = "r" if depth["r"] >= depth["l"] else "l"
    far = "l" if near == "r" else "r"

    # the region to show: the figure in every frame, moving and fixed equipment, a little floor
    keep = None if sc.frame == "body" else {"shin_r", "ankle_r", "heel_r", "arch_r", "instep_r", "ball_r", "toe_r",
                                              "bigtoe_r"}
    xy = [proj(p) for f in world for k, p in f.items() if keep is None or k in keep]
    r_head = L["head_radius"]
    if keep is None:
        xy += [(proj(f["head"])[0] + dx, proj(f["head"])[1] + dy) for f in world for dx, dy in
               ((r_head, 0), (-r_head, 0), (0, r_head), (0, -r_head))]
        for eq in moving:
            for e in eq:
                if e[0] == "ball":
                    c = proj(e[1])
                    xy += [(c[0] + e[2], c[1] + e[2]), (c[0] - e[2], c[1] - e[2])]
                else:
                    xy += [proj(e[1]), proj(e[2])]
        for e in fixed:
            if e[0] == "step":
                xy += [proj(np.array([e[1], 0, 0])), proj(np.array([e[2], e[3], 0]))]
            elif e[0] == "anchor":
                xy.append(proj(e[1]))
    arr = np.array(xy)
    lo, hi = arr.min(axis=0), arr.max(axis=0)
    if keep is not None:  # close-up: show the lower shank only
        lo[1] = min(lo[1], arr[:, 1].min())
    span = np.maximum(hi - lo, 1e-6)
    w, h = PANEL
    scale = min((w - 2 * _PAD) / span[0], (h - 2 * _PAD - 6) / span[1])
    off_x = (w - span[0] * scale) / 2 - lo[0] * scale
    base_y = h - _PAD - 4

    def to_svg(p):
        x, y = proj(p)
        return (round(off_x + x * scale, 2), round(base_y - (y - lo[1]) * scale, 2))

    frames_out, lengths = [], []
    for f, eq in zip(world, moving):
        poly, circ = {}, {}
        for s, colour in ((far, _FAR), (near, _NEAR)):
            leg = [to_svg(f[f"{j}_{s}"]) for j in (("hip", "knee", "ankle") if keep is None else ("shin", "ankle"))
                   if f"{j}_{s}" in f]
            foot = [to_svg(f[f"{j}_{s}"]) for j in ("ankle", "heel", "arch", "ball", "bigtoe", "instep", "ankle")]
            arm = [to_svg(f[f"{j}_{s}"]) for j in ("shoulder", "elbow", "wrist", "hand")]
            tag = "far" if s == far else "near"
            if keep is None:
                poly[f"leg_{tag}"] = (leg, colour, _W["limb"], False)
                poly[f"foot_{tag}"] = (foot, colour, 1.5, True)
                poly[f"toes_{tag}"] = ([to_svg(f[f"ball_{s}"]), to_svg(f[f"toe_{s}"])], colour, 2.0, False)
            else:  # close-up: an outlined foot, the big toe black and the other toes grey
                poly[f"leg_{tag}"] = (leg, colour, 9.0, False)
                poly[f"foot_{tag}"] = (foot, colour, 2.6, "white")
                poly[f"toes_{tag}"] = ([to_svg(f[f"ball_{s}"]), to_svg(f[f"toe_{s}"])], _FAR, 4.0, False)
            if keep is None:
                poly[f"arm_{tag}"] = (arm, colour, _W["limb"], False)
            if s == far and keep is None:
                poly["trunk"] = ([to_svg(f["pelvis"]), to_svg(f["neck"])], _NEAR, _W["trunk"], False)
                poly["hips"] = ([to_svg(f["hip_l"]), to_svg(f["hip_r"])], _NEAR, _W["girdle"], False)
                poly["shoulders"] = ([to_svg(f["shoulder_l"]), to_svg(f["shoulder_r"])], _NEAR, _W["girdle"], False)
        if keep is None:
            hc = to_svg(f["head"])
            circ["head"] = (hc[0], hc[1], round(r_head * scale, 2), _NEAR, _W["head"], False)
            for i, e in enumerate(eq):
                if e[0] == "ball":
                    c = to_svg(e[1])
                    circ[f"kit{i}"] = (c[0], c[1], round(e[2] * scale, 2), _KIT, 1.6, e[3])
                else:
                    poly[f"kit{i}"] = ([to_svg(e[1]), to_svg(e[2])], _KIT, 1.4, False)
        if keep is not None:  # the close-up uses the right foot only, drawn near
            poly = {k: v for k, v in poly.items() if k.endswith("_" + ("near" if near == "r" else "far"))}
            poly["toes_big"] = ([to_svg(f["ball_r"]), to_svg(f["bigtoe_r"])], _NEAR, 4.0, False)
        frames_out.append({"polylines": poly, "circles": circ})
        lengths.append({f"{seg}_{s}": float(np.linalg.norm(f[f"{b}_{s}"] - f[f"{a}_{s}"]))
                        for seg, (a, b) in _SEGMENTS.items() for s in ("r", "l")}
                       | {"trunk": float(np.linalg.norm(f["neck"] - f["pelvis"]))})
    static = []
    floor_y = base_y + (lo[1]) * scale  # world y = 0
    if sc.elevation_deg < 15 and keep is None or (keep is not None and sc.elevation_deg < 15):
        static.append(("line", 2.0, round(min(floor_y, h - 2), 2), w - 2.0, round(min(floor_y, h - 2), 2),
                       _FLOOR, 2.0))
    for e in fixed:
        if e[0] == "wall":
            (x1, y1), (_, y2) = to_svg(np.array([e[1], 0, 0])), to_svg(np.array([e[1], e[2], 0]))
            static.append(("line", x1, y1, x1, max(y2, 2.0), _KIT, 3.0))
        elif e[0] == "step":
            (x1, y1), (x2, y2) = to_svg(np.array([e[1], 0, 0])), to_svg(np.array([e[2], e[3], 0]))
            static.append(("rect", min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1), _KIT))
        elif e[0] == "support":
            (x1, y1), (x2, y2) = to_svg(np.array([e[1][0], 0, e[1][2]])), to_svg(e[1] - np.array([0, 0.03, 0]))
            static.append(("line", x1, y1, x2, y2, _KIT, 3.0))
            static.append(("line", x2 - 6, y2, x2 + 6, y2, _KIT, 3.0))
        elif e[0] == "anchor":
            x, y = to_svg(e[1])
            static.append(("rect", x - 3, y - 3, 6, 6, _KIT))
        elif e[0] == "mat":
            corners = [to_svg(np.array([x, 0, z])) for x, z in ((e[1], e[3]), (e[2], e[3]), (e[2], e[4]),
                                                                 (e[1], e[4]))]
            static.append(("poly", corners, _FLOOR))
    if sc.elevation_deg >= 15 and not any(e[0] == "mat" for e in fixed):
        xs = [p[0] for f in world for p in f.values()]
        zs = [p[2] for f in world for p in f.values()]
        corners = [to_svg(np.array([x, 0, z])) for x, z in ((min(xs) - 0.1, min(zs) - 0.15),
                   (max(xs) + 0.1, min(zs) - 0.15), (max(xs) + 0.1, max(zs) + 0.15), (min(xs) - 0.1, max(zs) + 0.15))]
        static.insert(0, ("poly", corners, _FLOOR))
    static = [("poly", [(min(max(x, 1.0), w - 1.0), min(max(y, 1.0), h - 1.0)) for x, y in st[1]], st[2])
              if st[0] == "poly" else st for st in static]  # floor and mat patches end at the panel's edge
    return Figure(sc.exercise_id, frames_out, static, lengths)


def _pts(points) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def _static_svg(static, dx: float = 0.0) -> str:
    out = []
    for s in static:
        if s[0] == "line":
            out.append(f'<line x1="{s[1] + dx:g}" y1="{s[2]:g}" x2="{s[3] + dx:g}" y2="{s[4]:g}" stroke="{s[5]}" '
                       f'stroke-width="{s[6]:g}" stroke-linecap="round"/>')
        elif s[0] == "rect":
            out.append(f'<rect x="{s[1] + dx:g}" y="{s[2]:g}" width="{s[3]:g}" height="{s[4]:g}" fill="#ffffff" '
                       f'stroke="{s[5]}" stroke-width="1.6"/>')
        elif s[0] == "poly":
            pts = " ".join(f"{x + dx:g},{y:g}" for x, y in s[1])
            out.append(f'<polygon points="{pts}" fill="#f1f1f1" stroke="{s[2]}" stroke-width="1"/>')
    return "".join(out)


_ORDER = ("kit", "leg_far", "foot_far", "toes_far", "arm_far", "trunk", "hips", "shoulders", "head",
          "leg_near", "foot_near", "toes_near", "toes_big", "arm_near")


def _sorted_items(fr) -> list[tuple[str, str, tuple]]:
    """Every shape of a frame as (type, name, shape), far to near (hand-held equipment last)."""
    def rank(typ: str, name: str) -> int:
        if name.startswith("kit") and typ == "c":
            return len(_ORDER) + 1
        return next((i for i, o in enumerate(_ORDER) if name.startswith(o)), len(_ORDER))

    items = [("p", k, v) for k, v in fr["polylines"].items()] + [("c", k, v) for k, v in fr["circles"].items()]
    return sorted(items, key=lambda t: rank(t[0], t[1]))


def _shape_svg(typ: str, v: tuple, dx: float = 0.0, inner: str = "") -> str:
    if typ == "p":
        pts, colour, width, filled = v
        end = f">{inner}</polyline>" if inner else "/>"
        fill = filled if isinstance(filled, str) else (colour if filled else "none")
        return (f'<polyline points="{_pts([(x + dx, y) for x, y in pts])}" fill="{fill}" '
                f'stroke="{colour}" stroke-width="{width:g}" stroke-linecap="round" stroke-linejoin="round"{end}')
    x, y, r, colour, width, filled = v
    end = f">{inner}</circle>" if inner else "/>"
    return (f'<circle cx="{x + dx:g}" cy="{y:g}" r="{r:g}" fill="{colour if filled else "#ffffff"}" '
            f'stroke="{colour}" stroke-width="{width:g}"{end}')


def _frame_svg(fr, dx: float = 0.0) -> str:
    return "".join(_shape_svg(typ, v, dx) for typ, _, v in _sorted_items(fr))


def text_alternative(exercise_id: str, *, translate=None) -> tuple[str, str]:
    """The figure's title (the exercise's name) and description (start, then end) in words.

    ``translate`` is a function from English text to the client's language (default: English as it is).

    Examples
    --------
    >>> title, desc = text_alternative("calf_raise")
    >>> title, desc.startswith("Start: ")
    ('Calf raise (both legs)', True)
    """
    from runmech.dosing import exercises

    tr = translate or (lambda s: s)
    sc = _poses.scene(exercise_id)
    name = exercises.get(exercise_id).name
    start, end = tr(N_("Start:")), tr(N_("End:"))
    return tr(name), f"{start} {tr(sc.shows['start'])} {end} {tr(sc.shows['end'])}"


def _safe_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def _open(width: float, height: float, title: str, desc: str, uid: str, css_class: str) -> str:
    return (f'<svg class="{css_class}" viewBox="0 0 {width:g} {height:g}" '
            f'width="{width:g}" height="{height:g}" role="img" aria-labelledby="{uid}-t {uid}-d">'
            f'<title id="{uid}-t">{html.escape(title)}</title><desc id="{uid}-d">{html.escape(desc)}</desc>')


def still_svg(exercise_id: str, *, uid: str | None = None, translate=None) -> str:
    """Start and end poses side by side, with an arrow between them (for print).

    Examples
    --------
    >>> svg = still_svg("glute_bridge")
    >>> svg.startswith("<svg") and "<title" in svg and "<script" not in svg and "href" not in svg
    True
    """
    f = figure(exercise_id, frames=2)
    tr = translate or (lambda s: s)
    title, desc = text_alternative(exercise_id, translate=translate)
    w, h = PANEL
    gap = 18.0
    uid = _safe_id(uid or f"fig-{f.exercise_id}")
    body = [_open(2 * w + gap, h, title, desc, uid, "runmech-figure runmech-figure-still")]
    for i, label in enumerate((tr(N_("start")), tr(N_("end")))):
        dx = i * (w + gap)
        body.append(_static_svg(f.static, dx))
        body.append(_frame_svg(f.frames[i], dx))
        body.append(f'<text x="{dx + 3:g}" y="13" font-size="13" fill="#000000" '
                    f'font-family="DejaVu Sans, Verdana, sans-serif">{html.escape(label)}</text>')
    ax = w + gap / 2
    body.append(f'<path d="M{ax - 6:g} {h / 2:g} h11 m-4 -4 l4 4 l-4 4" fill="none" stroke="#000000" '
                'stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>')
    body.append("</svg>")
    return "".join(body)


def _path(points) -> str:
    return "M" + " L".join(f"{x:g} {y:g}" for x, y in points)


def animated_svg(exercise_id: str, *, frames: int = 9, seconds: float = 4.0, uid: str | None = None,
                 translate=None) -> str:
    """One figure that moves from the start to the end pose and back, forever (CSS keyframes, no script).

    Each limb is a path whose shape (``d``) the figure's own ``<style>`` animates through the frames; the head moves
    its centre. CSS animation is used rather than SVG's ``<animate>`` because browsers start CSS animations in
    content inserted after the page loaded (how JupyterLab, Voila and ipywidgets show output), which they do not
    reliably do for SVG's own. A reader who asks for reduced motion sees the start pose, still.

    Examples
    --------
    >>> svg = animated_svg("calf_raise")
    >>> svg.count("@keyframes") > 5 and "infinite" in svg and "prefers-reduced-motion" in svg
    True
    """
    n = check_int("frames", frames, low=2, high=40)
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0.5 <= seconds <= 30:
        raise ValueError(f"seconds must be a number from 0.5 to 30; got {seconds!r}")
    f = figure(exercise_id, frames=n)
    title, desc = text_alternative(exercise_id, translate=translate)
    order = list(range(n)) + [n - 1] + list(range(n - 1, -1, -1)) + [0]
    stops = [100.0 * i / (len(order) - 1) for i in range(len(order))]
    w, h = PANEL
    uid = _safe_id(uid or f"anim-{f.exercise_id}")
    css, shapes = [], []
    for k, (typ, name, v) in enumerate(_sorted_items(f.frames[0])):
        cls = f"{uid}-s{k}"
        if typ == "p":
            pts, colour, width, filled = v
            fill = filled if isinstance(filled, str) else (colour if filled else "none")
            steps = " ".join(f'{p:.2f}% {{ d: path("{_path(f.frames[i]["polylines"][name][0])}"); }}'
                             for p, i in zip(stops, order))
            shapes.append(f'<path class="{cls}" d="{_path(pts)}" fill="{fill}" stroke="{colour}" '
                          f'stroke-width="{width:g}" stroke-linecap="round" stroke-linejoin="round"/>')
        else:
            x, y, r, colour, width, filled = v
            steps = " ".join(f'{p:.2f}% {{ cx: {f.frames[i]["circles"][name][0]:g}px; '
                             f'cy: {f.frames[i]["circles"][name][1]:g}px; }}' for p, i in zip(stops, order))
            shapes.append(_shape_svg("c", v).replace("<circle ", f'<circle class="{cls}" ', 1))
        css.append(f"@keyframes {cls} {{ {steps} }} .{cls} {{ animation: {cls} {seconds:g}s linear infinite; }}")
    css.append(f"@media (prefers-reduced-motion: reduce) {{ .{uid} * {{ animation: none !important; }} }}")
    svg = _open(w, h, title, desc, uid, f"runmech-figure runmech-figure-animated {uid}")
    return f"{svg}<style>{''.join(css)}</style>{_static_svg(f.static)}{''.join(shapes)}</svg>"
