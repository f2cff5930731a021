"""A client's plan: exercises with their doses, saved as versioned JSON and printed as a handout.

A plan file looks like this (version 2)::

    {
      "schema": "runmech.plan",
      "version": 2,
      "client": "A. Runner",            # optional label, at most 80 characters
      "date": "2025-03-01",             # optional, YYYY-MM-DD
      "unit": "kg",                     # "kg" or "lb": how loads are shown; they are stored in kg
      "sessions": 6,                    # columns of the log grid on the handout, 1 to 10
      "notes": "Run easy on Tuesday.",  # optional, at most 1000 characters
      "therapist": "J. Doe, PT",        # optional, at most 80 characters
      "contact": "clinic 555 0100",     # optional, at most 120 characters
      "review_date": "2025-03-29",      # optional, YYYY-MM-DD: when the plan is looked at again
      "language": "en",                 # the handout's language (see runmech.dosing.wording.languages)
      "pain_rule": true,                # print the pain-monitoring rule on the handout
      "pain_limit": 5,                  # highest pain (0-10) the rule allows, 0 to 5
      "exercises": [
        {"exercise_id": "plank_row", "sets": 2, "sets_max": 3, "reps_low": 8, "reps_high": 12,
         "hold_s": null, "tempo": [2, 1, 2], "rest_s": 90, "days_per_week": 2,
         "load_kg": 8.0, "band": null, "load_basis": "1rm", "test_load_kg": 10.0, "test_reps": 6,
         "one_rm_kg": 12.0, "extra_sets": 0, "extra_side": null, "note": ""}
      ]
    }

``load_basis`` says where the starting load came from: ``"today"`` (the load the client used in today's test,
``test_load_kg``) or ``"1rm"`` (a share of the 1RM estimated from today's test: ``test_load_kg`` x ``test_reps``
gave ``one_rm_kg``); ``null`` when the load was typed in.

Version 1 files (without the fields added in version 2) still load: the new fields take their empty values, the
language is English and the pain rule is shown. Saving writes version 2.

Loading checks every field and names the bad one by its path and the file, e.g.
``plan.json: exercises[2].sets must be a whole number from 1 to 10; got 0``; the JSON itself is read by
:func:`runmech.dosing.planjson.parse` (BOM accepted; duplicate keys, deep nesting, huge numbers refused). A file
written by a newer runmech is refused with a message saying so. Loading never writes to the file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from runmech._data import read_table
from runmech._validate import check_bool, check_choice, check_int, check_real
from runmech.constants import KG_PER_LB, LOAD_UNITS, MAX_HOLD_S, MAX_LOAD_KG, MAX_SET_REPS, MAX_SETS
from runmech.dosing import exercises as _ex
from runmech.dosing.planjson import check_date as _check_date
from runmech.dosing.planjson import check_text, parse, write_atomically

__all__ = ["SCHEMA", "VERSION", "LOAD_BASES", "PlanItem", "Plan", "pain_limits", "pain_limit_default"]

SCHEMA = "runmech.plan"
VERSION = 2
MAX_EXERCISES = 12
MAX_CLIENT_CHARS = 80
MAX_NOTES_CHARS = 1000
MAX_NOTE_CHARS = 300

MAX_CONTACT_CHARS = 120
LOAD_BASES = ("today", "1rm")

_ITEM_KEYS = ("exercise_id", "sets", "sets_max", "reps_low", "reps_high", "hold_s", "tempo", "rest_s",
              "days_per_week", "load_kg", "band", "load_basis", "test_load_kg", "test_reps", "one_rm_kg",
              "extra_sets", "extra_side", "note")
_V1_ITEM_KEYS = ("exercise_id", "sets", "sets_max", "reps_low", "reps_high", "hold_s", "load_kg", "band",
                 "extra_sets", "extra_side", "note")
_V1_PLAN_KEYS = ("schema", "version", "client", "date", "unit", "sessions", "notes", "exercises")
_PLAN_KEYS = ("schema", "version", "client", "date", "unit", "sessions", "notes", "therapist", "contact",
              "review_date", "language", "pain_rule", "pain_limit", "exercises")


def pain_limits() -> tuple[int, int]:
    """Lowest and highest pain limit (0-10 scale) a plan may set; the highest is the pain-monitoring model's.

    Examples
    --------
    >>> pain_limits()
    (0, 5)
    """
    t = read_table("pain_monitoring.csv").set_index("name")["value"]
    return int(t["pain_limit_lowest"]), int(t["pain_limit_during"])


def pain_limit_default() -> int:
    """The pain-monitoring model's limit (0-10 scale) that plans start from (``data/pain_monitoring.csv``).

    Examples
    --------
    >>> pain_limit_default()
    5
    """
    return pain_limits()[1]


def _check_text(name: str, value: Any, limit: int) -> str:
    return check_text(name, value, limit)


@dataclass(frozen=True)
class PlanItem:
    """One exercise of a plan with its dose.

    Attributes
    ----------
    exercise_id : str
        An id of :func:`runmech.dosing.exercises.ids`.
    sets, sets_max : int
        Fewest and most sets, 1 to 10 (``sets_max >= sets``).
    reps_low, reps_high : int
        Repetitions (or holds, for ``hold_s`` exercises) per set, 1 to 50.
    hold_s : float or None
        Hold time [s], 1 to 600, for ``hold_s`` exercises.
    tempo : (int, int, int) or None
        Seconds to move, to hold and to come back, 0 to 10 each.
    rest_s : float or None
        Rest between sets [s], 0 to 600.
    days_per_week : int or None
        How many days a week, 1 to 7.
    load_kg : float or None
        Starting load [kg], above 0 and at most 1000 (shown in the plan's unit).
    band : str or None
        Band colour (see :func:`runmech.dosing.band_colours`).
    load_basis : {"today", "1rm"} or None
        Where the starting load came from: the load used in today's test, or a share of the 1RM estimated from it.
    test_load_kg, test_reps, one_rm_kg : float, int, float or None
        Today's test (load [kg] and reps) and the 1RM estimated from it [kg].
    extra_sets : int
        Extra sets on ``extra_side`` (0 to 3).
    extra_side : {"left", "right"} or None
        Side that gets the extra sets (required when ``extra_sets > 0``).
    note : str
        A short note for the client (at most 300 characters).

    Examples
    --------
    >>> item = PlanItem.from_catalogue("thread_the_needle", extra_sets=1, extra_side="left")
    >>> item.sets, item.sets_max, item.reps_low, item.reps_high, item.extra_side
    (1, 2, 10, 15, 'left')
    """

    exercise_id: str
    sets: int
    sets_max: int
    reps_low: int
    reps_high: int
    hold_s: float | None = None
    tempo: tuple[int, int, int] | None = None
    rest_s: float | None = None
    days_per_week: int | None = None
    load_kg: float | None = None
    band: str | None = None
    load_basis: str | None = None
    test_load_kg: float | None = None
    test_reps: int | None = None
    one_rm_kg: float | None = None
    extra_sets: int = 0
    extra_side: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        checked = _validate_item({f.name: getattr(self, f.name) for f in fields(self)}, "")
        for k, v in checked.items():
            object.__setattr__(self, k, v)

    @property
    def exercise(self) -> _ex.Exercise:
        """The catalogue entry of this item.

        Examples
        --------
        >>> PlanItem.from_catalogue("plank_row").exercise.name
        'Plank with row'
        """
        return _ex.get(self.exercise_id)

    @classmethod
    def from_catalogue(cls, exercise_id: str, **dose: Any) -> PlanItem:
        """An item with the catalogue's default dose, overridden by ``dose``.

        ``dose`` may hold any field of :class:`PlanItem` except ``exercise_id``, and ``load_lb`` (pounds) instead
        of ``load_kg``. Unknown names raise ``TypeError`` listing the allowed ones.

        Examples
        --------
        >>> round(PlanItem.from_catalogue("plank_row", load_lb=20).load_kg, 3)
        9.072
        """
        ex = _ex.get(exercise_id)
        allowed = set(_ITEM_KEYS) - {"exercise_id"} | {"load_lb"}
        unknown = sorted(set(dose) - allowed)
        if unknown:
            raise TypeError(f"dose must use the names {', '.join(sorted(allowed))}; got {', '.join(unknown)}")
        if "load_lb" in dose:
            if dose.get("load_kg") is not None:
                raise ValueError("give load_kg or load_lb, not both")
            lb = dose.pop("load_lb")
            dose["load_kg"] = None if lb is None else check_real(
                "load_lb", lb, low=0.0, high=MAX_LOAD_KG / KG_PER_LB, unit="lb", low_inclusive=False) * KG_PER_LB
        base = dict(sets=ex.default_sets, sets_max=ex.default_sets_max, reps_low=ex.default_reps_low,
                    reps_high=ex.default_reps_high, hold_s=ex.default_hold_s, **_catalogue_schedule(ex))
        if "sets" in dose and "sets_max" not in dose and isinstance(dose["sets"], int):
            base["sets_max"] = max(dose["sets"], base["sets_max"])
        if "reps_low" in dose and "reps_high" not in dose and isinstance(dose["reps_low"], int):
            base["reps_high"] = max(dose["reps_low"], base["reps_high"])
        return cls(exercise_id=ex.id, **{**base, **dose})

    def to_dict(self) -> dict:
        """The item as a JSON-ready dict (every field, in a fixed order).

        Examples
        --------
        >>> list(PlanItem.from_catalogue("plank_row").to_dict())[:3]
        ['exercise_id', 'sets', 'sets_max']
        """
        d = {k: getattr(self, k) for k in _ITEM_KEYS}
        d["tempo"] = None if self.tempo is None else list(self.tempo)
        return d


def _catalogue_schedule(ex: _ex.Exercise) -> dict:
    """Days a week and rest for a new plan item, from ``data/dosing_rules.csv`` by the kind of exercise."""
    from runmech.dosing.strength import rules

    r = rules().set_index("rule")["value"]
    if ex.kind == "mobility":
        return dict(days_per_week=int(r["mobility_days_per_week"]), rest_s=None)
    rest = r["hold_rest_s"] if ex.dose_type == "hold_s" else r["strength_rest_s"]
    return dict(days_per_week=int(r["strength_days_per_week"]), rest_s=float(rest))


def _check_tempo(name: str, value: Any) -> tuple[int, int, int] | None:
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)) or len(value) != 3:
        raise TypeError(f"{name} must be three whole numbers of seconds [move, hold, back], e.g. [2, 1, 2]; "
                        f"got {value!r}")
    return tuple(check_int(f"{name}[{i}]", v, low=0, high=10, unit="s") for i, v in enumerate(value))


def _validate_load_basis(out: dict, d: Mapping, p: str) -> None:
    out["load_basis"] = check_choice(f"{p}load_basis", d.get("load_basis"), LOAD_BASES, allow_none=True)
    out["test_load_kg"] = check_real(f"{p}test_load_kg", d.get("test_load_kg"), low=0.0, high=MAX_LOAD_KG, unit="kg",
                                     low_inclusive=False, allow_none=True)
    out["test_reps"] = check_int(f"{p}test_reps", d.get("test_reps"), low=1, high=MAX_SET_REPS, allow_none=True)
    out["one_rm_kg"] = check_real(f"{p}one_rm_kg", d.get("one_rm_kg"), low=0.0, high=MAX_LOAD_KG, unit="kg",
                                  low_inclusive=False, allow_none=True)
    basis = out["load_basis"]
    if basis is None:
        return
    if out["load_kg"] is None:
        raise ValueError(f"{p}load_kg must be set when {p}load_basis is {basis!r}: it is the starting load; got None")
    if basis == "today" and out["test_load_kg"] is None:
        out["test_load_kg"] = out["load_kg"]
    if basis == "1rm":
        missing = [k for k in ("test_load_kg", "test_reps", "one_rm_kg") if out[k] is None]
        if missing:
            raise ValueError(f"{p}{missing[0]} must be set when {p}load_basis is '1rm' (today's test load, its "
                             "reps and the 1RM estimated from them); got None")
        if out["one_rm_kg"] < out["test_load_kg"] * 0.999:
            raise ValueError(f"{p}one_rm_kg must be at least the test load {out['test_load_kg']:g} kg (a 1RM is the "
                             f"heaviest single lift); got {out['one_rm_kg']:g}")


def _validate_item(d: Mapping, path: str) -> dict:
    """Check one exercise entry; every message names ``path.field``."""
    p = f"{path}." if path else ""
    if not isinstance(d, Mapping):
        raise TypeError(f"{path or 'exercise'} must be an object with the fields {', '.join(_ITEM_KEYS)}; "
                        f"got {d!r}")
    unknown = [k for k in d if k not in _ITEM_KEYS]
    if unknown:
        raise ValueError(f"{p}{unknown[0]} is not a field of a plan exercise (fields: {', '.join(_ITEM_KEYS)})")
    if "exercise_id" not in d:
        raise ValueError(f"{p}exercise_id is missing")
    for key in ("sets", "reps_low", "reps_high"):
        if key not in d:
            raise ValueError(f"{p}{key} is missing")
    out: dict[str, Any] = {}
    out["exercise_id"] = check_choice(f"{p}exercise_id", d["exercise_id"], _ex.ids())
    out["sets"] = check_int(f"{p}sets", d["sets"], low=1, high=MAX_SETS)
    out["sets_max"] = check_int(f"{p}sets_max", d.get("sets_max", out["sets"]), low=out["sets"], high=MAX_SETS)
    out["reps_low"] = check_int(f"{p}reps_low", d["reps_low"], low=1, high=MAX_SET_REPS)
    out["reps_high"] = check_int(f"{p}reps_high", d["reps_high"], low=out["reps_low"], high=MAX_SET_REPS)
    out["hold_s"] = check_real(f"{p}hold_s", d.get("hold_s"), low=1.0, high=MAX_HOLD_S, unit="s", allow_none=True)
    out["tempo"] = _check_tempo(f"{p}tempo", d.get("tempo"))
    out["rest_s"] = check_real(f"{p}rest_s", d.get("rest_s"), low=0.0, high=MAX_HOLD_S, unit="s", allow_none=True)
    out["days_per_week"] = check_int(f"{p}days_per_week", d.get("days_per_week"), low=1, high=7, allow_none=True)
    out["load_kg"] = check_real(f"{p}load_kg", d.get("load_kg"), low=0.0, high=MAX_LOAD_KG, unit="kg",
                                low_inclusive=False, allow_none=True)
    from runmech.dosing import band_colours

    out["band"] = check_choice(f"{p}band", d.get("band"), band_colours(), allow_none=True)
    if out["band"] is not None and out["load_kg"] is not None:
        raise ValueError(f"{p}band and {p}load_kg cannot both be set: a band is the load; got band={out['band']!r} "
                         f"and load_kg={out['load_kg']!r}")
    _validate_load_basis(out, d, p)
    out["extra_sets"] = check_int(f"{p}extra_sets", d.get("extra_sets", 0), low=0, high=3)
    out["extra_side"] = check_choice(f"{p}extra_side", d.get("extra_side"), ("left", "right"), allow_none=True)
    if out["extra_sets"] > 0 and out["extra_side"] is None:
        raise ValueError(f"{p}extra_side must be 'left' or 'right' when {p}extra_sets is {out['extra_sets']}; "
                         f"got None")
    if out["extra_sets"] == 0 and out["extra_side"] is not None:
        raise ValueError(f"{p}extra_sets must be 1 to 3 when {p}extra_side is {out['extra_side']!r}; got 0")
    out["note"] = check_text(f"{p}note", d.get("note", ""), MAX_NOTE_CHARS, multiline=True)
    ex = _ex.get(out["exercise_id"])
    if out["hold_s"] is not None and ex.dose_type != "hold_s":
        raise ValueError(f"{p}hold_s must be null for {ex.id!r}, which is dosed in {ex.dose_type}; "
                         f"got {out['hold_s']!r}")
    if ex.dose_type == "hold_s" and out["hold_s"] is None:
        out["hold_s"] = ex.default_hold_s
    return out


@dataclass
class Plan:
    """A client's plan: a few exercises with doses, a label, a date, notes and the unit loads are shown in.

    Parameters
    ----------
    exercises : list of PlanItem
        At most 12; a handout fits on one page with up to about 5.
    client : str
        Optional label for the client (at most 80 characters; a first name or initials is enough).
    date : str or None
        Date of the plan, ``YYYY-MM-DD``.
    unit : {"kg", "lb"}
        How loads are shown (they are stored in kilograms).
    sessions : int
        Columns of the log grid on the handout (1 to 10).
    notes : str
        Notes for the client (at most 1000 characters; new lines allowed).
    therapist, contact : str
        Who wrote the plan and how to reach them (at most 80 and 120 characters).
    review_date : str or None
        When the plan is looked at again, ``YYYY-MM-DD``.
    language : str
        Language of the handout, one of :func:`runmech.dosing.wording.languages` (``"en"``, ``"es"``).
    pain_rule : bool
        Print the pain-monitoring rule (Silbernagel et al. 2007) on the handout.
    pain_limit : int
        Highest pain on a 0-10 scale that the rule allows, 0 to 5 (the model's limit, the default).

    Examples
    --------
    >>> plan = Plan(client="Sam", date="2025-03-01").add("plank_row", load_kg=8).add("thread_the_needle")
    >>> [i.exercise_id for i in plan.exercises]
    ['plank_row', 'thread_the_needle']
    >>> Plan.from_json(plan.to_json()) == plan
    True
    """

    exercises: list[PlanItem] = field(default_factory=list)
    client: str = ""
    date: str | None = None
    unit: str = "kg"
    sessions: int = 6
    notes: str = ""
    therapist: str = ""
    contact: str = ""
    review_date: str | None = None
    language: str = "en"
    pain_rule: bool = True
    pain_limit: int = field(default_factory=pain_limit_default)

    def __post_init__(self) -> None:
        from runmech.dosing.wording import languages

        self.client = _check_text("client", self.client, MAX_CLIENT_CHARS)
        self.date = _check_date("date", self.date)
        self.unit = check_choice("unit", self.unit, LOAD_UNITS)
        self.sessions = check_int("sessions", self.sessions, low=1, high=10)
        self.notes = check_text("notes", self.notes, MAX_NOTES_CHARS, multiline=True)
        self.therapist = _check_text("therapist", self.therapist, MAX_CLIENT_CHARS)
        self.contact = _check_text("contact", self.contact, MAX_CONTACT_CHARS)
        self.review_date = _check_date("review_date", self.review_date)
        self.language = check_choice("language", self.language, languages())
        self.pain_rule = check_bool("pain_rule", self.pain_rule)
        lo, hi = pain_limits()
        self.pain_limit = check_int("pain_limit", self.pain_limit, low=lo, high=hi, unit="0-10 pain scale")
        if isinstance(self.exercises, (str, bytes, Mapping)) or not isinstance(self.exercises, (list, tuple)):
            raise TypeError(f"exercises must be a list of PlanItem (leave it out for an empty plan); "
                            f"got {self.exercises!r} ({type(self.exercises).__name__})")
        items = list(self.exercises)
        if len(items) > MAX_EXERCISES:
            raise ValueError(f"exercises must hold at most {MAX_EXERCISES} exercises; got {len(items)}")
        for i, it in enumerate(items):
            if not isinstance(it, PlanItem):
                raise TypeError(f"exercises[{i}] must be a PlanItem (use Plan.add or Plan.from_dict); "
                                f"got {type(it).__name__}")
        self.exercises = items

    # --- building ------------------------------------------------------------------------------------------
    def add(self, exercise_id: str, **dose: Any) -> Plan:
        """Add an exercise with the catalogue's default dose, overridden by ``dose``; returns the plan.

        ``dose`` takes the fields of :class:`PlanItem` (``sets``, ``sets_max``, ``reps_low``, ``reps_high``,
        ``hold_s``, ``tempo``, ``rest_s``, ``days_per_week``, ``load_kg`` or ``load_lb``, ``band``, ``load_basis``,
        ``test_load_kg``, ``test_reps``, ``one_rm_kg``, ``extra_sets``, ``extra_side``, ``note``).

        Examples
        --------
        >>> p = Plan(unit="lb").add("standing_row", band="red").add("plank_row", load_lb=15, sets=3)
        >>> p.exercises[1].sets, round(p.exercises[1].load_kg, 2)
        (3, 6.8)
        """
        if len(self.exercises) >= MAX_EXERCISES:
            raise ValueError(f"exercises must hold at most {MAX_EXERCISES} exercises; got {len(self.exercises) + 1}")
        self.exercises.append(PlanItem.from_catalogue(exercise_id, **dose))
        return self

    def remove(self, index: int) -> PlanItem:
        """Remove and return the exercise at ``index`` (0 is the first).

        Examples
        --------
        >>> p = Plan().add("plank_row").add("open_book")
        >>> p.remove(0).exercise_id, len(p.exercises)
        ('plank_row', 1)
        """
        n = len(self.exercises)
        if n == 0:
            raise ValueError("index cannot be used: the plan has no exercises")
        i = check_int("index", index, low=-n, high=n - 1)
        return self.exercises.pop(i)

    def replace_item(self, index: int, **dose: Any) -> Plan:
        """Change the dose of the exercise at ``index``; returns the plan.

        Examples
        --------
        >>> p = Plan().add("plank_row").replace_item(0, load_kg=10)
        >>> p.exercises[0].load_kg
        10.0
        """
        n = len(self.exercises)
        i = check_int("index", index, low=-n, high=n - 1) if n else check_int("index", index, low=0, high=-1)
        self.exercises[i] = replace(self.exercises[i], **dose)
        return self

    # --- JSON ----------------------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        """The plan as a JSON-ready dict with the schema name and version.

        Examples
        --------
        >>> d = Plan(client="Sam").add("open_book").to_dict()
        >>> d["schema"], d["version"], d["exercises"][0]["exercise_id"]
        ('runmech.plan', 2, 'open_book')
        """
        return {
            "schema": SCHEMA,
            "version": VERSION,
            **{k: getattr(self, k) for k in _PLAN_KEYS if k not in ("schema", "version", "exercises")},
            "exercises": [it.to_dict() for it in self.exercises],
        }

    @classmethod
    def from_dict(cls, data: Any, *, source: str | None = None) -> Plan:
        """A plan from a dict as written by :meth:`to_dict`, every field checked.

        Parameters
        ----------
        data : dict
            The parsed JSON.
        source : str, optional
            Where it came from (a file name), put at the start of error messages.

        Examples
        --------
        >>> Plan.from_dict({"schema": "runmech.plan", "version": 1, "exercises": []}).unit
        'kg'
        >>> Plan.from_dict({"schema": "runmech.plan", "version": 1,
        ...                 "exercises": [{"exercise_id": "open_book", "sets": 0, "reps_low": 10, "reps_high": 15}]})
        Traceback (most recent call last):
        ...
        ValueError: exercises[0].sets must be a whole number from 1 to 10; got 0
        >>> Plan.from_dict({"schema": "runmech.plan", "version": 3, "exercises": []}, source="plan.json")
        Traceback (most recent call last):
        ...
        ValueError: plan.json: version 3 was written by a newer runmech (this one reads plan files up to version 2); update runmech to open it
        """
        try:
            return cls._from_dict(data)
        except (ValueError, TypeError) as exc:
            if source:
                raise type(exc)(f"{source}: {exc}") from None
            raise

    @classmethod
    def _from_dict(cls, data: Any) -> Plan:
        if not isinstance(data, Mapping):
            raise TypeError(f"a plan must be a JSON object with \"schema\": \"{SCHEMA}\"; got {type(data).__name__}")
        if data.get("schema") != SCHEMA:
            raise ValueError(f"schema must be {SCHEMA!r} (this is not a runmech plan); got {data.get('schema')!r}")
        if "version" not in data:
            raise ValueError("version is missing")
        version = check_int("version", data["version"], low=1)
        if version > VERSION:
            raise ValueError(f"version {version} was written by a newer runmech (this one reads plan files up to "
                             f"version {VERSION}); update runmech to open it")
        keys = _PLAN_KEYS if version >= 2 else _V1_PLAN_KEYS
        unknown = [k for k in data if k not in keys]
        if unknown:
            raise ValueError(f"{unknown[0]} is not a field of a version {version} runmech plan "
                             f"(fields: {', '.join(keys)})")
        raw = data.get("exercises", [])
        if not isinstance(raw, list):
            raise TypeError(f"exercises must be a list; got {raw!r} ({type(raw).__name__})")
        if len(raw) > MAX_EXERCISES:
            raise ValueError(f"exercises must hold at most {MAX_EXERCISES} exercises; got {len(raw)}")
        item_keys = _ITEM_KEYS if version >= 2 else _V1_ITEM_KEYS
        items = []
        for i, d in enumerate(raw):
            bad = [k for k in d if k not in item_keys] if isinstance(d, Mapping) else []
            if bad:
                raise ValueError(f"exercises[{i}].{bad[0]} is not a field of a version {version} plan exercise "
                                 f"(fields: {', '.join(item_keys)})")
            items.append(PlanItem(**_validate_item(d, f"exercises[{i}]")))
        fields_ = {k: data[k] for k in keys if k in data and k not in ("schema", "version", "exercises")}
        if "pain_limit" in fields_ and fields_["pain_limit"] is None:
            fields_.pop("pain_limit")
        return cls(exercises=items, **fields_)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The plan as JSON text (UTF-8 characters kept as they are).

        Examples
        --------
        >>> '"schema": "runmech.plan"' in Plan().to_json()
        True
        """
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes, *, source: str | None = None) -> Plan:
        """A plan from JSON text; malformed JSON raises ``ValueError`` naming line and column.

        Examples
        --------
        >>> Plan.from_json('{"schema": "runmech.plan", "version": 1, "exercises": []}').exercises
        []
        >>> Plan.from_json('{"schema": ', source="plan.json")
        Traceback (most recent call last):
        ...
        ValueError: plan.json: is not valid JSON (line 1, column 12: Expecting value)
        """
        return cls.from_dict(parse(text, source=source), source=source)

    def save(self, path: str | os.PathLike) -> Path:
        """Write the plan as JSON (UTF-8) to ``path``; written to a temporary file first, then moved into place.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> p = Plan(client="Zoë").add("open_book")
        >>> Plan.load(p.save(folder / "plan.json")) == p
        True
        """
        target = Path(path)
        if target.suffix.lower() not in (".json", ""):
            raise ValueError(f"path must end in .json; got {str(path)!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        return write_atomically(target, self.to_json())

    @classmethod
    def load(cls, path: str | os.PathLike) -> Plan:
        """Read a plan saved by :meth:`save`; the file is only read, never written.

        Errors name the file and the bad field, e.g. ``plan.json: exercises[2].sets must be ...``.

        Examples
        --------
        >>> Plan.load("no-such-plan.json")
        Traceback (most recent call last):
        ...
        FileNotFoundError: no plan file at 'no-such-plan.json'
        """
        p = Path(path)
        if not p.is_file():
            raise FileNotFoundError(f"no plan file at {str(path)!r}")
        return cls.from_json(p.read_bytes(), source=str(path))
