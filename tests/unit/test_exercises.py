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
