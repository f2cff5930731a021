"""The next session: the torso article's strength rules, with loads rounded to what the client has."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from runmech._validate import check_bool, check_choice, check_int, check_real
from runmech.constants import KG_PER_LB, LB_PER_KG, MAX_LOAD_KG, MAX_SET_REPS, MAX_SETS
from runmech.dosing.elastic_bands import band_colours, band_force, next_band, previous_band
from runmech.dosing.strength import DosingWarning, _check_load, _ratio, _rules
from runmech.dosing.wording import format_load


# rounding to what the client can load
# ----------------------------------------------------------------------------------------------------------------
def _default_step(load: float, unit: str) -> float:
    """Usual step between loads one can pick up: dumbbells and plates (runmech's equipment convention)."""
    if unit == "lb":
        return 2.5 if load < 50 else 5.0
    if load < 10:
        return 1.0
    return 2.0 if load < 30 else 2.5


def _available_loads(load_kg: float, *, unit: str, increment_kg: float | None,
                     equipment: Sequence[float] | None) -> np.ndarray:
    """Sorted loads [kg] the client can choose near ``load_kg``."""
    if equipment is not None:
        return np.array(sorted({float(e) for e in equipment}))
    if increment_kg is not None:
        step = increment_kg
        k = np.arange(-200, 201)
        grid = load_kg + k * step
        return grid[grid > 0]
    # the usual step grid in the chosen unit, expressed in kg
    factor = 1.0 if unit == "kg" else KG_PER_LB
    load_u = load_kg / factor
    pts: set[float] = set()
    x = 0.0
    top = max(load_u * 3, 20.0)
    while x <= top:
        step = _default_step(x, unit)
        x = round(x + step, 6)
        pts.add(x)
    return np.array(sorted(p * factor for p in pts))


def round_load(load_kg: float, *, direction: str = "nearest", unit: str = "kg",
               increment_kg: float | None = None, equipment: Sequence[float] | None = None) -> float:
    """Round a load to one the client can actually pick up [kg].

    Parameters
    ----------
    load_kg : float
        Load [kg], above 0.
    direction : {"nearest", "up", "down"}
        Which neighbour to take.
    unit : {"kg", "lb"}
        Without ``equipment`` or ``increment_kg``: the usual steps in that unit, 1 kg below 10 kg, 2 kg to 30 kg,
        2.5 kg above; or 2.5 lb below 50 lb and 5 lb above (runmech's equipment convention).
    increment_kg : float, optional
        A fixed step [kg] instead.
    equipment : sequence of float, optional
        The loads available [kg] (for example the dumbbells in a clinic); the result is one of them.

    Examples
    --------
    >>> round_load(12.7)
    12.0
    >>> round_load(12.7, direction="up")
    14.0
    >>> round(round_load(12.0, unit="lb", direction="up") * 2.2046226, 1)   # 26.5 lb -> 27.5 lb
    27.5
    >>> round_load(7.0, equipment=[2, 4, 6, 8, 10], direction="down")
    6.0
    """
    w = _check_load("load_kg", load_kg)
    d = check_choice("direction", direction, ("nearest", "up", "down"))
    u = check_choice("unit", unit, ("kg", "lb"))
    inc = None if increment_kg is None else check_real("increment_kg", increment_kg, low=0.0, high=100.0,
                                                        unit="kg", low_inclusive=False)
    eq = _check_equipment(equipment)
    grid = _available_loads(w, unit=u, increment_kg=inc, equipment=eq)
    if d == "up":
        above = grid[grid >= w - 1e-9]
        return float(above[0]) if len(above) else float(grid[-1])
    if d == "down":
        below = grid[grid <= w + 1e-9]
        return float(below[-1]) if len(below) else float(grid[0])
    return float(grid[np.argmin(np.abs(grid - w))])


def _check_equipment(equipment) -> list[float] | None:
    if equipment is None:
        return None
    if isinstance(equipment, (str, bytes)) or not isinstance(equipment, Sequence) or len(equipment) == 0:
        raise TypeError(f"equipment must be a non-empty list of loads [kg], e.g. [2, 4, 6, 8]; got {equipment!r}")
    return [_check_load(f"equipment[{i}]", e) for i, e in enumerate(equipment)]


@dataclass(frozen=True)
class Recommendation:
    """What to do next session, and why.

    Attributes
    ----------
    load_kg, load_lb : float
        Load for the next session [kg] and [lb] (for a band: its chart force at 100 % stretch, kilogram-force).
    sets : int
        Sets to do.
    reps_low, reps_high : int
        Repetition range to aim for in each set.
    reason : str
        One plain sentence a client understands.
    rule : str
        Which rule fired: ``"lighter"``, ``"build"``, ``"hold"`` or ``"heavier"``.
    band : str or None
        Band colour for next session, when dosing with bands.
    change_kg : float
        Load change from this session [kg] (negative when lighter).

    Examples
    --------
    >>> r = next_session(20, [12, 12, 12], easy=True)
    >>> (r.rule, r.load_kg, r.sets)
    ('heavier', 22.0, 3)
    """

    load_kg: float
    load_lb: float
    sets: int
    reps_low: int
    reps_high: int
    reason: str
    rule: str
    band: str | None = None
    change_kg: float = 0.0

    def to_dict(self) -> dict:
        """The recommendation as a plain dict (for JSON).

        Examples
        --------
        >>> sorted(next_session(20, [10, 9]).to_dict())[:3]
        ['band', 'change_kg', 'load_kg']
        """
        return asdict(self)


def _band_move(step, colour: str, w: float, sets: int, lo: int, hi: int, rule: str, *, at_end: str,
               moved: str) -> Recommendation:
    """Move one band colour with ``step`` (lighter or heavier); ``at_end`` when there is none, ``moved`` when there is
    (with ``{band}`` for the new colour)."""
    new_colour = step(colour)
    if new_colour is None:
        return Recommendation(w, w * LB_PER_KG, sets, lo, hi, at_end, rule, colour, 0.0)
    new = band_force(new_colour)
    return Recommendation(new, new * LB_PER_KG, sets, lo, hi, moved.format(band=new_colour), rule, new_colour, new - w)


def _easy_signal(easy, rir, rpe) -> bool | None:
    given = [n for n, v in (("easy", easy), ("rir", rir), ("rpe", rpe)) if v is not None]
    if len(given) > 1:
        raise ValueError(f"give only one of easy, rir or rpe to say how hard the last set was; got {', '.join(given)}")
    rr = _rules()
    if easy is not None:
        return check_bool("easy", easy)
    if rir is not None:
        return check_int("rir", rir, low=0, high=10, unit="reps in reserve") >= rr["easy_rir_min"]
    if rpe is not None:
        return 10.0 - check_real("rpe", rpe, low=6.0, high=10.0) >= rr["easy_rir_min"]
    return None


def next_session(
    load_kg: float | None,
    reps_per_set: Sequence[int],
    *,
    rep_range: tuple[int, int] | None = None,
    easy: bool | None = None,
    rir: int | None = None,
    rpe: float | None = None,
    increment_kg: float | None = None,
    increment_pct: float | None = None,
    equipment: Sequence[float] | None = None,
    unit: str = "kg",
    band: str | None = None,
    min_sets: int | None = None,
    max_sets: int | None = None,
) -> Recommendation:
    """The article's strength rules applied to one session: lighter, keep building, or heavier.

    The rules, in order (defaults from ``data/dosing_rules.csv``):

    1. **lighter** - the best set fell short of the range (fewer than 8 reps): a lighter load aimed at about 10
       reps (the 1RM estimated from the best set by Epley), rounded down to what the client can load.
    2. **heavier** - at least 3 sets, every one of them (extra sets included) with at least 12 reps, and it was *easy*: add load. Easy
       means ``easy=True``, or at least 2 reps in reserve (``rir >= 2``), or ``rpe <= 8`` (RPE = 10 - RIR,
       Zourdos 2016); with no rating at all, every set at least 1 rep past 12 counts as easy (the ACSM cue to
       add load once 1-2 reps over target). The new load is the one the client can pick up that is nearest to
       +5 % among those 2-10 % heavier (the ACSM range); when the equipment has none in that range (a coarse
       dumbbell rack), the next load up; with a band, the next colour.
    3. **hold** - 3 x 12 was done but it was not easy: same load and sets until it is.
    4. **build** - otherwise: same load; at least 2 sets; one more set (up to 3) once every set reaches 12.

    Load never goes up when any set fell short of the range, and ``sets`` always stays within
    ``[min_sets, max_sets]`` (2 and 3).

    Parameters
    ----------
    load_kg : float or None
        Load used this session [kg], above 0. May be ``None`` when ``band`` is given.
    reps_per_set : sequence of int
        Repetitions completed in each set, in order, e.g. ``[12, 12, 11]`` (1 to 10 sets of 1 to 50 reps).
    rep_range : (int, int), optional
        Target repetitions (default ``(8, 12)``); the top also sets the "3 sets of 12" rule.
    easy : bool, optional
        Whether the last set felt easy.
    rir : int, optional
        Repetitions in reserve after the last set (0 to 10); at least 2 counts as easy.
    rpe : float, optional
        Rating of perceived exertion of the last set (6 to 10); 8 or lower counts as easy.
    increment_kg : float, optional
        Fixed load step [kg] instead of 5 % rounded to the usual equipment.
    increment_pct : float, optional
        Target load increase [%], 2 to 10 (default 5); the load chosen is the available one nearest to it.
    equipment : sequence of float, optional
        Loads the client owns [kg] (e.g. dumbbells ``[2, 4, 6, 8, 10]``); the result is one of them.
    unit : {"kg", "lb"}
        The client's unit: rounding uses 2.5 lb / 5 lb steps in pounds; the reason sentence uses it first.
    band : str, optional
        Colour of the band used; progression moves to the next colour (``load_kg`` is then the chart force).
    min_sets, max_sets : int, optional
        Fewest and most sets (default 2 and 3).

    Returns
    -------
    Recommendation

    Examples
    --------
    >>> r = next_session(20, [12, 12, 12], easy=True)
    >>> r.rule, r.load_kg, r.reason
    ('heavier', 22.0, '3 sets of 12 were easy, so go up to 22 kg (48.5 lb) and aim for 3 sets of 8-12.')
    >>> r = next_session(20, [6, 5])
    >>> r.rule, r.load_kg, r.sets
    ('lighter', 18.0, 2)
    >>> next_session(20, [10]).reason
    'Stay at 20 kg (44.1 lb) and do at least 2 sets of 8-12; add a rep when you can.'
    >>> next_session(None, [12, 12, 12], rir=3, band="red").band
    'green'
    """
    rr = _rules()
    u = check_choice("unit", unit, ("kg", "lb"))
    # --- the ranges
    if rep_range is None:
        lo, hi = int(rr["strength_reps_low"]), int(rr["strength_reps_high"])
    else:
        if isinstance(rep_range, (str, bytes)) or not isinstance(rep_range, Sequence) or len(rep_range) != 2:
            raise TypeError(f"rep_range must be two whole numbers (low, high), e.g. (8, 12); got {rep_range!r}")
        lo = check_int("rep_range[0]", rep_range[0], low=1, high=MAX_SET_REPS)
        hi = check_int("rep_range[1]", rep_range[1], low=lo, high=MAX_SET_REPS)
    smin = int(rr["strength_min_sets"]) if min_sets is None else check_int("min_sets", min_sets, low=1, high=MAX_SETS)
    smax = int(rr["strength_max_sets"]) if max_sets is None else check_int("max_sets", max_sets, low=smin,
                                                                            high=MAX_SETS)
    # --- this session
    if isinstance(reps_per_set, (str, bytes)) or not isinstance(reps_per_set, Sequence) or not reps_per_set:
        raise TypeError(f"reps_per_set must be a list of the reps done in each set, e.g. [12, 12, 10]; "
                        f"got {reps_per_set!r}")
    if len(reps_per_set) > MAX_SETS:
        raise ValueError(f"reps_per_set must hold 1 to {MAX_SETS} sets; got {len(reps_per_set)}")
    reps = [check_int(f"reps_per_set[{i}]", r, low=1, high=MAX_SET_REPS) for i, r in enumerate(reps_per_set)]
    rated_easy = _easy_signal(easy, rir, rpe)
    colour = None
    if band is not None:
        colour = check_choice("band", band, band_colours())
        if equipment is not None or increment_kg is not None:
            raise ValueError("give band, or equipment/increment_kg, not both: a band progresses by colour")
    if load_kg is None:
        if colour is None:
            raise TypeError("load_kg must be a finite number above 0 [kg] and at most 1000; got None "
                            "(None is allowed only with band=...)")
        w = band_force(colour)
    else:
        w = _check_load("load_kg", load_kg)
    inc = None if increment_kg is None else check_real("increment_kg", increment_kg, low=0.0, high=100.0,
                                                        unit="kg", low_inclusive=False)
    pct = rr["increment_pct_default"] if increment_pct is None else check_real(
        "increment_pct", increment_pct, low=rr["increment_pct_low"], high=rr["increment_pct_high"], unit="%")
    eq = _check_equipment(equipment)

    n = len(reps)
    best, worst = max(reps), min(reps)
    progress_sets = smax
    rng = f"{lo}-{hi}"

    # 1. too heavy
    if best < lo:
        sets = min(max(n, smin), smax)
        if colour is not None:
            return _band_move(previous_band, colour, w, sets, lo, hi, "lighter", at_end=(
                f"Even the {colour} band allowed only {best} reps; it is the lightest, so try an easier version "
                f"of the exercise and aim for {sets} sets of {rng}."), moved=(
                f"The {colour} band allowed only {best} reps, so switch to the lighter {{band}} band and aim for "
                f"{sets} sets of {rng}."))
        target_reps = int(rr["too_heavy_target_reps"])
        target_reps = min(max(target_reps, lo), hi)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DosingWarning)
            one = w * _ratio("epley", best)
            target = one / _ratio("epley", target_reps)
        target = min(target, w * 0.999)
        grid = _available_loads(w, unit=u, increment_kg=inc, equipment=eq)
        below = grid[grid <= target + 1e-9]
        below_current = grid[grid < w - 1e-9]
        if len(below):
            new = float(below[-1])
        elif len(below_current):
            new = float(below_current[-1])
        else:
            return Recommendation(w, w * LB_PER_KG, sets, lo, hi, (
                f"{format_load(w, u)} allowed only {best} reps and there is no lighter load to choose, so try an "
                f"easier version of the exercise and aim for {sets} sets of {rng}."), "lighter", None, 0.0)
        return Recommendation(new, new * LB_PER_KG, sets, lo, hi, (
            f"Your best set was {best} reps, fewer than {lo}, so go down to {format_load(new, u)} and aim for {sets} "
            f"sets of {rng}."), "lighter", None, new - w)

    # 2./3. three sets of twelve
    top_sets = reps  # every set counts: a short set never earns more load
    done_progress = n >= progress_sets and min(top_sets) >= hi
    if done_progress:
        if rated_easy is None:
            easy_now = min(top_sets) >= hi + rr["easy_reps_over_target"]
        else:
            easy_now = rated_easy
        if easy_now:
            sets = smax
            if colour is not None:
                return _band_move(next_band, colour, w, sets, lo, hi, "heavier", at_end=(
                    f"{progress_sets} sets of {hi} were easy with the {colour} band, the heaviest; fold it double "
                    f"or move to a cable or dumbbell that brings you back to {rng} reps."), moved=(
                    f"{progress_sets} sets of {hi} were easy, so move up to the {{band}} band and aim for {sets} "
                    f"sets of {rng}."))
            if inc is not None:
                new = w + inc
            else:
                grid = _available_loads(w, unit=u, increment_kg=None, equipment=eq)
                target = w * (1.0 + pct / 100.0)
                in_range = grid[(grid >= w * (1 + rr["increment_pct_low"] / 100) - 1e-9)
                                & (grid <= w * (1 + rr["increment_pct_high"] / 100) + 1e-9)]
                strictly = grid[grid > w + 1e-9]
                if len(in_range):  # the available load nearest the target, within the ACSM 2-10 %
                    new = float(in_range[np.argmin(np.abs(in_range - target))])
                elif len(strictly):  # the equipment is coarser than 10 %: the next load up
                    new = float(strictly[0])
                else:
                    return Recommendation(w, w * LB_PER_KG, sets, lo, hi, (
                        f"{progress_sets} sets of {hi} were easy but there is no heavier load to choose; make the "
                        f"exercise harder (a harder version, slower lowering) and aim for {sets} sets of {rng}."),
                        "heavier", None, 0.0)
                new = min(new, MAX_LOAD_KG)
            return Recommendation(new, new * LB_PER_KG, sets, lo, hi, (
                f"{progress_sets} sets of {hi} were easy, so go up to {format_load(new, u)} and aim for {sets} sets "
                f"of {rng}."), "heavier", colour, new - w)
        return Recommendation(w, w * LB_PER_KG, smax, lo, hi, (
            f"You did {progress_sets} sets of {hi} but they were not easy yet, so stay at "
            f"{_band_or_load(colour, w, u)} until they are."), "hold", colour, 0.0)

    # 4. build
    if n >= smin and worst >= hi:
        sets = min(n + 1, smax)
        tail = "add a set" if sets > n else "add a rep when you can"
    else:
        sets = min(max(n, smin), smax)
        tail = "add a rep when you can"
    return Recommendation(w, w * LB_PER_KG, sets, lo, hi, (
        f"Stay at {_band_or_load(colour, w, u)} and do {'at least ' if sets == smin else ''}{sets} sets of {rng}; "
        f"{tail}."), "build", colour, 0.0)


def _band_or_load(colour: str | None, w: float, unit: str) -> str:
    return f"the {colour} band" if colour is not None else format_load(w, unit)


def starting_load(test_load_kg: float, test_reps: int, *, target_reps: int = 12, method: str = "epley",
                  unit: str = "kg", equipment: Sequence[float] | None = None) -> tuple[float, float]:
    """A starting load from today's test: the 1RM estimated from it, and the load aimed at ``target_reps``.

    The load is rounded *down* to one the client can pick up (see :func:`round_load`), so a home programme starts
    a little light rather than a little heavy. Aim ``target_reps`` at the top of the range (12 of 8-12): the client
    then builds reps before the next load step.

    Parameters
    ----------
    test_load_kg : float
        Load used in today's test [kg], above 0 and at most 1000.
    test_reps : int
        Reps done with it, taken close to failure (1 to the method's hard limit).
    target_reps : int
        Reps the starting load should allow (1 to 30).
    method : str
        One of :func:`runmech.dosing.methods`.
    unit, equipment
        As for :func:`round_load`.

    Returns
    -------
    (float, float)
        The starting load [kg] and the estimated 1RM [kg].

    Examples
    --------
    >>> load, one_rm = starting_load(10, 6)
    >>> round(one_rm, 1), load
    (12.0, 8.0)
    """
    from runmech.dosing.strength import estimate_1rm, load_for_reps

    target = check_int("target_reps", target_reps, low=1, high=30)
    one = estimate_1rm(test_load_kg, test_reps, method=method)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DosingWarning)
        aim = load_for_reps(one, target, method=method)
    return round_load(aim, direction="down", unit=unit, equipment=equipment), one
