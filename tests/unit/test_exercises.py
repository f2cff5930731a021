"""runmech.dosing.exercises: the catalogue covers the article's exercises and all three regions, with honest notes."""

from __future__ import annotations

import pytest

from runmech.dosing import exercises
from runmech._data import sources

ARTICLE = {"thread_the_needle", "plank_row", "side_plank_cable_row", "plank_row_knees", "standing_row",
           "walking_lunge_rotation"}
COLUMNS = ["id", "region", "name", "kind", "equipment", "dose_type", "default_sets", "default_sets_max",
           "default_reps_low", "default_reps_high", "default_hold_s", "per_side", "easier", "harder", "cues",
           "evidence", "source"]


def test_columns_and_vocabularies():
    c = exercises.catalogue()
    assert list(c.columns) == COLUMNS
    assert c["id"].is_unique
    assert set(c["region"]) == {"torso", "hips", "lower extremity"}
    assert set(c["kind"]) <= set(exercises.KINDS)
    assert set(c["dose_type"]) <= set(exercises.DOSE_TYPES)
    assert (c["default_sets"] <= c["default_sets_max"]).all()
    assert (c["default_reps_low"] <= c["default_reps_high"]).all()
    holds = c["dose_type"] == "hold_s"
    assert c.loc[holds, "default_hold_s"].notna().all() and c.loc[~holds, "default_hold_s"].isna().all()


def test_the_articles_torso_exercises_and_the_other_regions():
    c = exercises.catalogue()
    assert ARTICLE <= set(exercises.for_region("torso")["id"])
    assert len(exercises.for_region("hips")) >= 4
    assert len(exercises.for_region("lower extremity")) >= 4
    hip_text = " ".join(exercises.for_region("hips")[["name", "cues", "evidence"]].agg(" ".join, axis=1)).lower()
    assert "iliopsoas" in hip_text and "stretch" in hip_text  # the article promises both
    le_text = " ".join(exercises.for_region("lower extremity")["name"]).lower()
    assert "calf" in le_text and "foot" in le_text
    for i in ARTICLE:
        assert "torso_article" in c.set_index("id").loc[i, "source"]


def test_article_doses_and_progressions():
    ttn = exercises.get("thread_the_needle")
    assert (ttn.default_sets, ttn.default_sets_max, ttn.default_reps_low, ttn.default_reps_high, ttn.per_side) == \
        (1, 2, 10, 15, True)
    row = exercises.get("plank_row")
    assert (row.dose_type, row.default_sets, row.default_reps_low, row.default_reps_high) == ("load_rm", 2, 8, 12)
    # plank row -> plank row on knees -> standing row (plus separate core work)
    assert row.easier == "plank_row_knees"
    assert exercises.get("plank_row_knees").easier == "standing_row"
    assert exercises.get("standing_row").harder == "plank_row_knees"
    assert "core" in " ".join(exercises.get("standing_row").cues).lower()
    lunge = exercises.get("walking_lunge_rotation")
    assert lunge.kind == "integrated" and lunge.dose_type == "load_rm"
    assert "weight" in " ".join(lunge.cues).lower()


def test_easier_and_harder_point_at_catalogue_ids_and_cues_are_two_or_three():
    ids = set(exercises.ids())
    for ex_id in ids:
        ex = exercises.get(ex_id)
        for other in (ex.easier, ex.harder):
            assert other is None or (other in ids and other != ex_id), ex_id
        assert 2 <= len(ex.cues) <= 3, ex_id
        assert ex.evidence.strip() and ex.name.strip()


def test_evidence_is_honest():
    c = exercises.catalogue()
    mobility_reps = c[(c["kind"] == "mobility") & (c["dose_type"] == "reps_per_side")]
    assert mobility_reps["evidence"].str.contains("practice convention").all()
    strength = c[c["dose_type"] == "load_rm"]
    assert strength["evidence"].str.contains("ACSM").all()
    assert strength["evidence"].str.contains("Nuzzo 2024").all()


def test_sources_are_listed_for_the_catalogue():
    keys = set(sources().query("file == 'exercises.csv'")["key"])
    used = {k for s in exercises.catalogue()["source"] for k in s.split(";")}
    assert used <= keys


def test_get_and_for_region_errors():
    with pytest.raises(ValueError) as info:
        exercises.get("burpee")
    assert "exercise_id must be one of 'thread_the_needle'" in str(info.value) and "got 'burpee'" in str(info.value)
    with pytest.raises(TypeError):
        exercises.get(3)
    with pytest.raises(ValueError, match="region must be one of 'torso', 'hips', 'lower extremity'; got 'arms'"):
        exercises.for_region("arms")


def test_catalogue_is_a_copy():
    c = exercises.catalogue()
    c.loc[0, "name"] = "changed"
    assert exercises.catalogue().loc[0, "name"] != "changed"


# --- drawings: every catalogue exercise has a figure posed from data/exercise_poses.csv ---------------------------
import re  # noqa: E402

import numpy as np  # noqa: E402

from runmech._data import read_table  # noqa: E402
from runmech.dosing import drawings, poses  # noqa: E402

IDS = exercises.ids()


def test_every_catalogue_exercise_has_two_key_poses():
    table = read_table("exercise_poses.csv")
    assert set(table["exercise_id"]) == set(IDS) and len(table) == 2 * len(IDS)
    for ex in IDS:
        s = poses.scene(ex)
        assert s.contacts["start"][0] in s.contacts["end"], f"{ex}: the anchor must touch in both poses"


def _drawn_points(fig_frame) -> list[tuple[float, float, float]]:
    """(x, y, half stroke width) of everything drawn; circles by their four extremes."""
    out = []
    for pts, _colour, width, _filled in fig_frame["polylines"].values():
        out += [(x, y, width / 2) for x, y in pts]
    for x, y, r, _colour, width, _filled in fig_frame["circles"].values():
        out += [(x + dx, y + dy, width / 2) for dx, dy in ((r, 0), (-r, 0), (0, r), (0, -r))]
    return out


@pytest.mark.parametrize("ex", IDS)
def test_figure_stays_inside_its_box(ex):
    f = drawings.figure(ex, frames=9)  # the still's two frames and every in-between frame of the animation
    w, h = drawings.PANEL
    for frame in f.frames:
        for x, y, half in _drawn_points(frame):
            assert half <= x <= w - half and half <= y <= h - half, (ex, x, y)
    for shape in f.static:
        xs = [shape[1], shape[3]] if shape[0] == "line" else ([shape[1], shape[1] + shape[3]] if shape[0] == "rect"
                                                               else [p[0] for p in shape[1]])
        assert all(-0.5 <= x <= w + 0.5 for x in xs), (ex, shape)


@pytest.mark.parametrize("ex", IDS)
def test_limbs_keep_their_lengths_and_match_de_leva(ex):
    f = drawings.figure(ex, frames=9)
    L = poses.segment_lengths()
    for frame in f.lengths:
        for name, length in frame.items():
            segment = name.rsplit("_", 1)[0] if name != "trunk" else "trunk"
            assert length == pytest.approx(L[segment], abs=1e-9), (ex, name)
    # de Leva's male means (data/segments_de_leva_1996.csv), in metres, at the reference stature
    deleva = read_table("segments_de_leva_1996.csv").query("sex == 'male'").set_index("segment")["length_mm"]
    for seg in ("thigh", "shank", "upper_arm", "forearm", "trunk"):
        assert L[seg] == pytest.approx(deleva[seg] / 1000)


@pytest.mark.parametrize("ex", IDS)
def test_start_and_end_poses_differ_visibly(ex):
    f = drawings.figure(ex, frames=2)
    start, end = f.frames
    moved = max(float(np.max(np.abs(np.array(start["polylines"][k][0]) - np.array(end["polylines"][k][0]))))
                for k in start["polylines"])
    assert moved > 6.0, f"{ex}: the end pose moves the figure by only {moved:.1f} of {drawings.PANEL[1]:g} units"


@pytest.mark.parametrize("ex", IDS)
def test_contacts_touch_their_surfaces_and_nothing_sinks_into_the_floor(ex):
    errors = poses.contact_errors(ex)
    assert max(errors.values()) < 0.015, {k: round(v, 3) for k, v in errors.items() if v >= 0.015}
    if poses.scene(ex).frame == "body":
        for frame in poses.placed_frames(ex, 9):
            lowest = min(p[1] for k, p in frame.items() if k != "head")
            assert lowest > -0.02, (ex, lowest)


@pytest.mark.parametrize("ex", IDS)
def test_svg_is_inline_safe_and_says_the_movement(ex):
    still, moving = drawings.still_svg(ex), drawings.animated_svg(ex)
    for svg in (still, moving):
        assert svg.startswith("<svg ") and svg.endswith("</svg>")
        lowered = svg.lower()
        for bad in ("<script", "href", "url(", "@import", "<image", "<foreignobject"):
            assert bad not in lowered, (ex, bad)
        assert not re.search(r"\s(on\w+|style)=", lowered), ex  # no event handlers, no style attributes
        assert 'role="img"' in svg and "aria-labelledby" in svg
    assert "<style" not in still  # the handout's figure: presentation attributes only
    title, desc = drawings.text_alternative(ex)
    assert title == exercises.get(ex).name and desc.startswith("Start: ") and " End: " in desc
    assert f"<title id=\"fig-{ex}-t\">" in still and len(desc) > 40
    shapes = moving.count("<path") + moving.count("<circle")
    assert moving.count("@keyframes") == shapes >= 4  # every limb (and the head) moves with the animation
    assert "prefers-reduced-motion: reduce" in moving


def test_animation_frames_are_the_figure_frames():
    f = drawings.figure("glute_bridge", frames=9)
    moving = drawings.animated_svg("glute_bridge")
    start_leg = drawings._path(f.frames[0]["polylines"]["leg_near"][0])
    end_leg = drawings._path(f.frames[-1]["polylines"]["leg_near"][0])
    assert f'd: path("{start_leg}")' in moving and f'd: path("{end_leg}")' in moving


def test_drawing_is_black_and_grey_only():
    colours = set()
    for ex in IDS:
        colours |= set(re.findall(r'(?:stroke|fill)="(#[0-9a-f]{6})"', drawings.still_svg(ex)))
    for c in colours:
        r, g, b = (int(c[i:i + 2], 16) for i in (1, 3, 5))
        assert r == g == b, f"{c} is a colour; the figures must print in black and white"


def test_segment_lengths_scale_with_stature_and_reject_nonsense():
    assert poses.segment_lengths(1.5)["thigh"] == pytest.approx(0.4222 * 1.5 / 1.741)
    with pytest.raises(ValueError, match="stature_m must be a finite number from 1 to 2.3"):
        poses.segment_lengths(3.0)
    with pytest.raises(ValueError, match="exercise_id must be one of"):
        poses.scene("burpee")
