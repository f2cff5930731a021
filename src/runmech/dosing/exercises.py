"""The exercise catalogue: the torso article's exercises and runmech's picks for the hips and lower extremity.

The catalogue is ``data/exercises.csv``, written in runmech's own words. Each row is one exercise:

=================  ===============================================================================================
column             meaning
=================  ===============================================================================================
id                 short name used in plans, e.g. ``plank_row``
region             ``torso``, ``hips`` or ``lower extremity``
name               name shown to the client
kind               ``mobility``, ``strength`` or ``integrated``
equipment          what is needed (``;``-separated)
dose_type          ``reps_per_side`` (mobility reps), ``load_rm`` (a load allowing only the rep range), ``hold_s``
                   (holds of ``default_hold_s`` seconds; reps count the holds)
default_sets       fewest sets; ``default_sets_max`` the most
default_reps_low   repetition (or hold) range per set; ``default_reps_high`` its top
default_hold_s     hold time [s] for ``hold_s`` exercises, else empty
per_side           whether the dose is per side
easier, harder     ids of the easier and harder versions (empty when there is none in the catalogue)
cues               two or three coaching cues, ``|``-separated
evidence           what the dose rests on, honestly (a practice convention is called one)
source             keys in ``data/sources.csv``
=================  ===============================================================================================

Education only: the exercises are for healthy tissue; see a physical therapist for an unresolved injury.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache

import pandas as pd

from runmech._data import read_table
from runmech._validate import check_choice

__all__ = ["REGIONS", "KINDS", "DOSE_TYPES", "Exercise", "catalogue", "get", "ids", "for_region"]

REGIONS = ("torso", "hips", "lower extremity")
KINDS = ("mobility", "strength", "integrated")
DOSE_TYPES = ("reps_per_side", "load_rm", "hold_s")


@dataclass(frozen=True)
class Exercise:
    """One exercise of the catalogue.

    Attributes
    ----------
    id, region, name, kind, equipment, dose_type : str
        See the module notes.
    default_sets, default_sets_max : int
        Fewest and most sets.
    default_reps_low, default_reps_high : int
        Repetitions (or holds) per set.
    default_hold_s : float or None
        Hold time [s] for ``hold_s`` exercises.
    per_side : bool
        Whether the dose is per side.
    easier, harder : str or None
        Ids of the easier and harder versions.
    cues : tuple of str
        Coaching cues.
    evidence : str
        What the dose rests on.
    source : str
        Keys in ``data/sources.csv``.

    Examples
    --------
    >>> ex = get("plank_row")
    >>> ex.name, ex.easier, ex.dose_type
    ('Plank with row', 'plank_row_knees', 'load_rm')
    """

    id: str
    region: str
    name: str
    kind: str
    equipment: str
    dose_type: str
    default_sets: int
    default_sets_max: int
    default_reps_low: int
    default_reps_high: int
    default_hold_s: float | None
    per_side: bool
    easier: str | None
    harder: str | None
    cues: tuple[str, ...]
    evidence: str
    source: str

    def to_dict(self) -> dict:
        """The exercise as a plain dict (cues as a list).

        Examples
        --------
        >>> get("thread_the_needle").to_dict()["per_side"]
        True
        """
        d = asdict(self)
        d["cues"] = list(self.cues)
        return d


@lru_cache(maxsize=None)
def _table() -> pd.DataFrame:
    t = read_table("exercises.csv")
    for col in ("default_sets", "default_sets_max", "default_reps_low", "default_reps_high"):
        t[col] = t[col].astype(int)
    t["default_hold_s"] = t["default_hold_s"].astype(float)
    t["per_side"] = t["per_side"].astype(str).str.lower().map({"true": True, "false": False})
    for col in ("easier", "harder"):
        t[col] = t[col].where(t[col].notna(), None)
    return t


def catalogue() -> pd.DataFrame:
    """Every exercise, one row each (a fresh copy of ``data/exercises.csv`` with typed columns).

    Examples
    --------
    >>> c = catalogue()
    >>> sorted(c["region"].unique())
    ['hips', 'lower extremity', 'torso']
    >>> c.set_index("id").loc["standing_row", "harder"]
    'plank_row_knees'
    """
    return _table().copy()


def ids() -> tuple[str, ...]:
    """Every exercise id, in catalogue order.

    Examples
    --------
    >>> ids()[:3]
    ('thread_the_needle', 'open_book', 'plank_row')
    """
    return _ids()


def get(exercise_id: str) -> Exercise:
    """One exercise by id; an unknown id raises ``ValueError`` listing the valid ones.

    Examples
    --------
    >>> get("walking_lunge_rotation").kind
    'integrated'
    >>> get("thread_the_needle").cues[0]
    'Start on hands and knees, hips over knees'
    >>> get("burpee")                          # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: exercise_id must be one of 'thread_the_needle', 'open_book', ...; got 'burpee'
    """
    return _get(check_choice("exercise_id", exercise_id, ids()))


@lru_cache(maxsize=None)
def _ids() -> tuple[str, ...]:
    return tuple(_table()["id"])


@lru_cache(maxsize=None)
def _get(key: str) -> Exercise:
    row = _table().set_index("id").loc[key]

    def opt(v):
        return None if v is None or (isinstance(v, float) and pd.isna(v)) or str(v).strip() == "" else str(v)

    hold = row["default_hold_s"]
    return Exercise(
        id=key, region=str(row["region"]), name=str(row["name"]), kind=str(row["kind"]),
        equipment=str(row["equipment"]), dose_type=str(row["dose_type"]),
        default_sets=int(row["default_sets"]), default_sets_max=int(row["default_sets_max"]),
        default_reps_low=int(row["default_reps_low"]), default_reps_high=int(row["default_reps_high"]),
        default_hold_s=None if pd.isna(hold) else float(hold), per_side=bool(row["per_side"]),
        easier=opt(row["easier"]), harder=opt(row["harder"]),
        cues=tuple(c.strip() for c in str(row["cues"]).split("|") if c.strip()),
        evidence=str(row["evidence"]), source=str(row["source"]),
    )


def for_region(region: str) -> pd.DataFrame:
    """The exercises of one region: ``"torso"``, ``"hips"`` or ``"lower extremity"``.

    Examples
    --------
    >>> for_region("hips")["id"].tolist()[:2]
    ['half_kneeling_hip_flexor_stretch', 'standing_band_hip_flexion']
    >>> for_region("neck")
    Traceback (most recent call last):
    ...
    ValueError: region must be one of 'torso', 'hips', 'lower extremity'; got 'neck'
    """
    r = check_choice("region", region, REGIONS)
    t = catalogue()
    return t[t["region"] == r].reset_index(drop=True)
