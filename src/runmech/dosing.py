"""Exercise dosing: one-repetition maximum, %1RM, the article's rules for the next session, mobility doses, bands.

The torso article gives the rules a therapist starts from, and they are this module's defaults (all overridable):

- **strength**: a load that allows only 8-12 repetitions; always at least 2 sets; once 3 sets of 12 are easy, add
  load until the client is back in the 8-12 range (:func:`next_session`);
- **mobility**: 1-2 sets of 10-15 per side, with one extra set on the more limited side (:func:`mobility_dose`).

Around them sit the tools a student uses to question those rules: seven published one-repetition-maximum (1RM)
equations and the NSCA %1RM chart (:func:`estimate_1rm`, :func:`load_for_reps`, :func:`one_rm_table`), and the
force of elastic bands by colour (:func:`band_force`, :func:`next_band`).

Every number taken from a study or a chart is read from ``data/`` (``one_rm_formulas.csv``,
``percent_1rm_nsca.csv``, ``bands.csv``, ``dosing_rules.csv``), each row naming its source in ``data/sources.csv``.
Loads are kilograms inside; every result also gives pounds.

Validated repetition ranges
---------------------------
The 1RM equations agree with each other, and with measured 1RMs, up to about 10 repetitions and spread apart
beyond (LeSuer et al. 1997). Each method has a *validated* limit (column ``valid_reps_max``: 10 for Epley,
Brzycki, Lander, Lombardi and O'Conner; 12 for Mayhew and Wathan; 12 for the NSCA chart) and a *hard* limit
(``hard_reps_max``: 30; 15 for the NSCA chart, its last row):

- reps up to the validated limit: no warning;
- reps above it, up to the hard limit: the result is returned with a :class:`DosingWarning`;
- reps above the hard limit, 0, negative or fractional: ``ValueError``.

Even inside the validated range, the number of reps people manage at a given %1RM varies widely (Nuzzo et al.
2024), so every estimate is a starting guess to be checked against how the client actually lifts.

Education only: this is not medical advice.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from runmech._data import read_table
from runmech._validate import check_bool, check_choice, check_int, check_real
from runmech.units import KG_PER_LB, LB_PER_KG

__all__ = [
    "DosingWarning",
    "Recommendation",
    "MobilityDose",
    "methods",
    "rules",
    "estimate_1rm",
    "load_for_reps",
    "percent_1rm",
    "one_rm_table",
    "next_session",
    "mobility_dose",
    "bands",
    "band_colours",
    "band_force",
    "next_band",
    "previous_band",
    "band_for_force",
    "round_load",
    "MAX_LOAD_KG",
]

#: Heaviest load any function accepts [kg]; more is a typing slip, not a training load.
MAX_LOAD_KG = 1000.0
#: Most repetitions in one set that :func:`next_session` accepts (more is an endurance set, not strength dosing).
MAX_SET_REPS = 50
#: Most sets in one session that :func:`next_session` accepts.
MAX_SETS = 10
#: Band elongation the chart covers [% of resting length].
MAX_ELONGATION_PCT = 200.0
_N_PER_KGF = 9.80665


class DosingWarning(UserWarning):
    """A result outside the range a method was validated for (returned, but to be read with care).

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = estimate_1rm(40, 15)
    >>> caught[0].category.__name__
    'DosingWarning'
    """


# ----------------------------------------------------------------------------------------------------------------
# reference tables
# ----------------------------------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _formulas() -> dict[str, dict]:
    table = read_table("one_rm_formulas.csv")
    return {str(r["method"]): r.to_dict() for _, r in table.iterrows()}


@lru_cache(maxsize=None)
def _nsca() -> tuple[np.ndarray, np.ndarray, int, int]:
    table = read_table("percent_1rm_nsca.csv").sort_values("reps")
    reps = table["reps"].to_numpy(dtype=float)
    pct = table["percent_1rm"].to_numpy(dtype=float)
    valid = int(table.loc[table["source"] == "nsca2016", "reps"].max())
    return reps, pct, valid, int(reps.max())


@lru_cache(maxsize=None)
def _rules() -> dict[str, float]:
    table = read_table("dosing_rules.csv")
    return {str(r): float(v) for r, v in zip(table["rule"], table["value"])}


def rules() -> pd.DataFrame:
    """The dosing rules and thresholds used as defaults, with their units and sources (``data/dosing_rules.csv``).

    Returns
    -------
    pandas.DataFrame
        Columns ``rule, value, unit, source, what``.

    Examples
    --------
    >>> r = rules().set_index("rule")
    >>> int(r.loc["strength_reps_low", "value"]), int(r.loc["strength_reps_high", "value"])
    (8, 12)
    >>> r.loc["mobility_reps_high", "source"]
    'torso_article'
    """
    return read_table("dosing_rules.csv")


def methods() -> tuple[str, ...]:
    """Names of the 1RM methods: seven equations and ``"nsca"`` (the NSCA %1RM chart).

    Examples
    --------
    >>> methods()
    ('epley', 'brzycki', 'lander', 'lombardi', 'mayhew', 'oconner', 'wathan', 'nsca')
    """
    return (*_formulas().keys(), "nsca")


def _method(method: str) -> str:
    if isinstance(method, str):
        method = method.strip().lower().replace("'", "").replace("\u2019", "").replace("oconnor", "oconner")
    return check_choice("method", method, methods())


def _limits(method: str) -> tuple[int, int]:
    if method == "nsca":
        _, _, valid, hard = _nsca()
        return valid, hard
    f = _formulas()[method]
    return int(f["valid_reps_max"]), int(f["hard_reps_max"])


def _check_reps(reps, method: str, *, warn: bool = True) -> int:
    valid, hard = _limits(method)
    r = check_int("reps", reps, low=1, high=hard)
    if warn and r > valid:
        label = "the NSCA chart" if method == "nsca" else f"the {_formulas()[method]['label']} equation"
        warnings.warn(
            f"reps={r} is past the {valid} reps {label} was validated for; the result is a rough guess "
            f"(the methods disagree more and more beyond about 10 reps)",
            DosingWarning,
            stacklevel=3,
        )
    return r


def _check_load(name: str, value) -> float:
    return check_real(name, value, low=0.0, high=MAX_LOAD_KG, unit="kg", low_inclusive=False)


def _ratio(method: str, reps: float) -> float:
    """1RM divided by the load lifted for ``reps`` repetitions (>= 1 for every method but Lombardi at 1 rep)."""
    if method == "nsca":
        table_reps, pct, _, _ = _nsca()
        return 100.0 / float(np.interp(reps, table_reps, pct))
    f = _formulas()[method]
    a, b, c, d = (float(f[k]) if pd.notna(f[k]) else math.nan for k in ("a", "b", "c", "d"))
    form = f["form"]
    if form == "linear":
        return 1.0 + reps / a
    if form == "reciprocal":
        return a / (b - c * reps)
    if form == "power":
        return reps**a
    if form == "exponential":
        return a / (b + c * math.exp(-d * reps))
    raise ValueError(f"data/one_rm_formulas.csv: form must be one of 'linear', 'reciprocal', 'power', "
                     f"'exponential'; got {form!r} for method {method!r}")


def estimate_1rm(load_kg: float, reps: int, *, method: str = "epley") -> float:
    """Estimated one-repetition maximum from a set taken close to failure.

    Parameters
    ----------
    load_kg : float
        Load lifted [kg], above 0 and at most 1000. (For pounds: ``units.lb_to_kg`` first.)
    reps : int
        Repetitions completed with it, 1 to the method's hard limit (see the module notes).
    method : str
        One of :func:`methods`: ``"epley"`` (default), ``"brzycki"``, ``"lander"``, ``"lombardi"``,
        ``"mayhew"``, ``"oconner"``, ``"wathan"`` or ``"nsca"`` (the chart, interpolated between rows).

    Returns
    -------
    float
        Estimated 1RM [kg]. Every equation is used as published, so at 1 rep only Brzycki, Lombardi and the chart
        return the load itself; Epley gives 3.3 %, O'Conner 2.5 %, Lander and Wathan about 1.4 % and Mayhew
        8.9 % more (it was fitted to sets of many reps).

    Warns
    -----
    DosingWarning
        When ``reps`` is past the method's validated limit (but within its hard limit).

    Raises
    ------
    ValueError, TypeError
        Load not above 0, NaN, text, reps of 0 or past the hard limit, an unknown method (the message lists them).

    Examples
    --------
    >>> round(estimate_1rm(100, 10), 1)          # Epley: 100 (1 + 10/30)
    133.3
    >>> estimate_1rm(80, 1, method="brzycki")    # one rep: the load itself
    80.0
    >>> round(estimate_1rm(75, 10, method="nsca"), 1)   # the chart: 10 reps at 75 %
    100.0
    >>> estimate_1rm(40, 10, method="strongest")
    Traceback (most recent call last):
    ...
    ValueError: method must be one of 'epley', 'brzycki', 'lander', 'lombardi', 'mayhew', 'oconner', 'wathan', 'nsca'; got 'strongest'
    """
    m = _method(method)
    w = _check_load("load_kg", load_kg)
    r = _check_reps(reps, m)
    return w * _ratio(m, r)


def load_for_reps(one_rm_kg: float, reps: int, *, method: str = "epley") -> float:
    """The load expected to allow exactly ``reps`` repetitions, for a given 1RM (the inverse of :func:`estimate_1rm`).

    Parameters
    ----------
    one_rm_kg : float
        One-repetition maximum [kg], above 0 and at most 1000.
    reps : int
        Target repetitions, 1 to the method's hard limit; past the validated limit a :class:`DosingWarning`.
    method : str
        One of :func:`methods` (default ``"epley"``).

    Returns
    -------
    float
        Load [kg]. ``estimate_1rm(load_for_reps(x, r), r) == x`` for every method.

    Examples
    --------
    >>> round(load_for_reps(100, 10, method="nsca"), 1)
    75.0
    >>> round(load_for_reps(133.333, 10), 1)
    100.0
    >>> load_for_reps(0, 10)
    Traceback (most recent call last):
    ...
    ValueError: one_rm_kg must be a finite number above 0 [kg] and at most 1000; got 0
    """
    m = _method(method)
    x = _check_load("one_rm_kg", one_rm_kg)
    r = _check_reps(reps, m)
    return x / _ratio(m, r)


def percent_1rm(reps: int, *, method: str = "nsca") -> float:
    """The load that allows ``reps`` repetitions as a percentage of the 1RM [%].

    Examples
    --------
    >>> percent_1rm(10)            # NSCA chart
    75.0
    >>> round(percent_1rm(10, method="epley"), 1)
    75.0
    >>> round(percent_1rm(11), 1)  # between the chart's 10 (75 %) and 12 (70 %) rows
    72.5
    """
    m = _method(method)
    r = _check_reps(reps, m)
    if m == "nsca":
        table_reps, pct, _, _ = _nsca()
        return float(np.interp(r, table_reps, pct))
    return 100.0 / _ratio(m, r)


def one_rm_table(load_kg: float, reps: int) -> pd.DataFrame:
    """The 1RM by every method for one set, with a flag for methods used past their validated range.

    Methods whose hard limit is below ``reps`` are left out; no warning is raised (see ``within_validated``).

    Returns
    -------
    pandas.DataFrame
        Columns ``method, label, one_rm_kg, one_rm_lb, percent_1rm, within_validated, valid_reps_max``.

    Examples
    --------
    >>> t = one_rm_table(40, 10).set_index("method")
    >>> round(float(t.loc["epley", "one_rm_kg"]), 1), round(float(t.loc["brzycki", "one_rm_kg"]), 1)
    (53.3, 53.3)
    >>> bool(t["within_validated"].all())
    True
    """
    w = _check_load("load_kg", load_kg)
    r = check_int("reps", reps, low=1, high=max(_limits(m)[1] for m in methods()))
    rows = []
    for m in methods():
        valid, hard = _limits(m)
        if r > hard:
            continue
        one = w * _ratio(m, r)
        label = "NSCA chart" if m == "nsca" else str(_formulas()[m]["label"])
        rows.append(dict(method=m, label=label, one_rm_kg=one, one_rm_lb=one * LB_PER_KG,
                         percent_1rm=100.0 * w / one, within_validated=r <= valid, valid_reps_max=valid))
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------------------------------------------
# bands
# ----------------------------------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _band_table() -> pd.DataFrame:
    t = read_table("bands.csv").sort_values("order").reset_index(drop=True)
    t.insert(4, "force_kg_100pct", t["force_lb_100pct"] * KG_PER_LB)
    t.insert(5, "force_kg_200pct", t["force_lb_200pct"] * KG_PER_LB)
    return t


@lru_cache(maxsize=None)
def _band_lb() -> dict[str, tuple[float, float]]:
    t = _band_table()
    return {str(c): (float(a), float(b)) for c, a, b in zip(t["colour"], t["force_lb_100pct"], t["force_lb_200pct"])}


def bands() -> pd.DataFrame:
    """Resistance-band colours from lightest to heaviest, with the chart's force at 100 % and 200 % elongation.

    The chart is the manufacturer's; measured forces are lower (Uchida et al. 2016), so treat it as a guide.

    Returns
    -------
    pandas.DataFrame
        Columns ``colour, order, force_lb_100pct, force_lb_200pct, force_kg_100pct, force_kg_200pct, source, note``
        (kg here means kilogram-force: the weight of that many kilograms).

    Examples
    --------
    >>> bands()["colour"].tolist()[:3]
    ['tan', 'yellow', 'red']
    """
    return _band_table().copy()


def band_colours() -> tuple[str, ...]:
    """Band colours from lightest to heaviest.

    Examples
    --------
    >>> band_colours()
    ('tan', 'yellow', 'red', 'green', 'blue', 'black', 'silver', 'gold')
    """
    return tuple(_band_lb())


def band_force(colour: str, *, elongation_pct: float = 100.0, unit: str = "kg") -> float:
    """Force of a band of ``colour`` stretched by ``elongation_pct`` (100 % = twice its resting length).

    The force is interpolated linearly between 0 (slack), the chart's 100 % and its 200 % values.

    Parameters
    ----------
    colour : str
        One of :func:`band_colours`.
    elongation_pct : float
        Stretch as a percentage of the resting length [%], 0 to 200 (the range the chart covers).
    unit : {"kg", "lb", "N"}
        Kilogram-force, pound-force or newtons.

    Examples
    --------
    >>> band_force("red", unit="lb")
    3.7
    >>> round(band_force("red", elongation_pct=150, unit="lb"), 2)
    4.6
    >>> round(band_force("red"), 2)          # kilogram-force
    1.68
    >>> band_force("purple")
    Traceback (most recent call last):
    ...
    ValueError: colour must be one of 'tan', 'yellow', 'red', 'green', 'blue', 'black', 'silver', 'gold'; got 'purple'
    """
    table = _band_lb()
    c = check_choice("colour", colour, table)
    e = check_real("elongation_pct", elongation_pct, low=0.0, high=MAX_ELONGATION_PCT, unit="%")
    u = check_choice("unit", unit, ("kg", "lb", "N"))
    lb = float(np.interp(e, [0.0, 100.0, 200.0], [0.0, *table[c]]))
    if u == "lb":
        return lb
    kg = lb * KG_PER_LB
    return kg if u == "kg" else kg * _N_PER_KGF


def next_band(colour: str) -> str | None:
    """The next heavier band colour, or ``None`` after the heaviest.

    Examples
    --------
    >>> next_band("red")
    'green'
    >>> next_band("gold") is None
    True
    """
    order = band_colours()
    c = check_choice("colour", colour, order)
    i = order.index(c)
    return order[i + 1] if i + 1 < len(order) else None


def previous_band(colour: str) -> str | None:
    """The next lighter band colour, or ``None`` before the lightest.

    Examples
    --------
    >>> previous_band("red")
    'yellow'
    >>> previous_band("tan") is None
    True
    """
    order = band_colours()
    c = check_choice("colour", colour, order)
    i = order.index(c)
    return order[i - 1] if i > 0 else None


def band_for_force(force_kg: float, *, elongation_pct: float = 100.0) -> str | None:
    """The lightest band whose chart force at ``elongation_pct`` reaches ``force_kg`` (``None`` if none does).

    Examples
    --------
    >>> band_for_force(2.0)      # 2 kg-force at double length
    'green'
    >>> band_for_force(50.0) is None
    True
    """
    f = _check_load("force_kg", force_kg)
    for c in band_colours():
        if band_force(c, elongation_pct=elongation_pct) >= f - 1e-12:
            return c
    return None


# ----------------------------------------------------------------------------------------------------------------
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


# ----------------------------------------------------------------------------------------------------------------
# next session
# ----------------------------------------------------------------------------------------------------------------
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


def _fmt_load(kg: float, unit: str) -> str:
    lb = kg * LB_PER_KG
    k = f"{kg:.1f}".rstrip("0").rstrip(".")
    p = f"{lb:.1f}".rstrip("0").rstrip(".")
    return f"{p} lb ({k} kg)" if unit == "lb" else f"{k} kg ({p} lb)"


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
    what = f"{n} set{'s' if n != 1 else ''}"
    rng = f"{lo}-{hi}"

    # 1. too heavy
    if best < lo:
        sets = min(max(n, smin), smax)
        if colour is not None:
            lighter = previous_band(colour)
            if lighter is None:
                return Recommendation(w, w * LB_PER_KG, sets, lo, hi, (
                    f"Even the {colour} band allowed only {best} reps; it is the lightest, so try an easier version "
                    f"of the exercise and aim for {sets} sets of {rng}."), "lighter", colour, 0.0)
            new = band_force(lighter)
            return Recommendation(new, new * LB_PER_KG, sets, lo, hi, (
                f"The {colour} band allowed only {best} reps, so switch to the lighter {lighter} band and aim for "
                f"{sets} sets of {rng}."), "lighter", lighter, new - w)
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
                f"{_fmt_load(w, u)} allowed only {best} reps and there is no lighter load to choose, so try an "
                f"easier version of the exercise and aim for {sets} sets of {rng}."), "lighter", None, 0.0)
        return Recommendation(new, new * LB_PER_KG, sets, lo, hi, (
            f"Your best set was {best} reps, fewer than {lo}, so go down to {_fmt_load(new, u)} and aim for {sets} "
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
                heavier = next_band(colour)
                if heavier is None:
                    return Recommendation(w, w * LB_PER_KG, sets, lo, hi, (
                        f"{progress_sets} sets of {hi} were easy with the {colour} band, the heaviest; fold it double "
                        f"or move to a cable or dumbbell that brings you back to {rng} reps."), "heavier", colour, 0.0)
                new = band_force(heavier)
                return Recommendation(new, new * LB_PER_KG, sets, lo, hi, (
                    f"{progress_sets} sets of {hi} were easy, so move up to the {heavier} band and aim for {sets} "
                    f"sets of {rng}."), "heavier", heavier, new - w)
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
                f"{progress_sets} sets of {hi} were easy, so go up to {_fmt_load(new, u)} and aim for {sets} sets "
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
    return f"the {colour} band" if colour is not None else _fmt_load(w, unit)


# ----------------------------------------------------------------------------------------------------------------
# mobility
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MobilityDose:
    """Sets and reps per side for a mobility exercise.

    Attributes
    ----------
    sets_low, sets_high : int
        Sets on each side (1-2 by default).
    reps_low, reps_high : int
        Repetitions per side in each set (10-15 by default).
    limited_side : {"left", "right"} or None
        The side that gets the extra set(s).
    extra_sets : int
        Extra sets on the limited side (0 when neither side is limited).
    rom_difference_deg : float or None
        Measured difference in range of motion [deg], when ranges were given.
    reason : str
        One plain sentence.

    Examples
    --------
    >>> d = mobility_dose(rom_left_deg=40, rom_right_deg=32)
    >>> d.limited_side, d.sets_for("right"), d.sets_for("left")
    ('right', (2, 3), (1, 2))
    """

    sets_low: int
    sets_high: int
    reps_low: int
    reps_high: int
    limited_side: str | None
    extra_sets: int
    rom_difference_deg: float | None
    reason: str

    def sets_for(self, side: str) -> tuple[int, int]:
        """Sets (fewest, most) for ``side`` ("left" or "right").

        Examples
        --------
        >>> mobility_dose(limited_side="left").sets_for("left")
        (2, 3)
        """
        s = check_choice("side", side, ("left", "right"))
        extra = self.extra_sets if s == self.limited_side else 0
        return self.sets_low + extra, self.sets_high + extra

    def to_dict(self) -> dict:
        """Plain dict (for JSON), with the sets of each side.

        Examples
        --------
        >>> mobility_dose().to_dict()["sets_left"]
        [1, 2]
        """
        d = asdict(self)
        d["sets_left"] = list(self.sets_for("left"))
        d["sets_right"] = list(self.sets_for("right"))
        return d


def mobility_dose(
    *,
    rom_left_deg: float | None = None,
    rom_right_deg: float | None = None,
    limited_side: str | None = None,
) -> MobilityDose:
    """The article's mobility dose: 1-2 sets of 10-15 per side, one extra set on the more limited side.

    Give either both measured ranges or ``limited_side`` (or neither). From measured ranges, a side counts as more
    limited only when its range is at least 5 degrees **and** at least 10 % of the larger range smaller (about the
    error of a goniometer reading, and the 90 % limb-symmetry convention borrowed from return-to-sport testing;
    both are runmech's choices, in ``data/dosing_rules.csv``). The 10-15 reps and the extra set are practice
    conventions, not tested rules.

    Parameters
    ----------
    rom_left_deg, rom_right_deg : float, optional
        Range of motion measured on each side [deg], above 0 and at most 180.
    limited_side : {"left", "right", "none"}, optional
        Name the limited side directly instead.

    Examples
    --------
    >>> d = mobility_dose(rom_left_deg=40, rom_right_deg=32)
    >>> d.limited_side, d.extra_sets, d.reason
    ('right', 1, 'Do 1-2 sets of 10-15 on each side and 1 extra set on the right, which moves 8 degrees less.')
    >>> mobility_dose(rom_left_deg=40, rom_right_deg=37).limited_side is None
    True
    >>> mobility_dose(limited_side="up")
    Traceback (most recent call last):
    ...
    ValueError: limited_side must be one of 'left', 'right', 'none'; got 'up'
    """
    rr = _rules()
    sl, sh = int(rr["mobility_sets_low"]), int(rr["mobility_sets_high"])
    rl, rh = int(rr["mobility_reps_low"]), int(rr["mobility_reps_high"])
    extra = int(rr["mobility_extra_sets"])
    base = f"Do {sl}-{sh} sets of {rl}-{rh} on each side"
    has_rom = rom_left_deg is not None or rom_right_deg is not None
    if has_rom and limited_side is not None:
        raise ValueError("give measured ranges (rom_left_deg and rom_right_deg) or limited_side, not both")
    if has_rom:
        if rom_left_deg is None or rom_right_deg is None:
            missing = "rom_right_deg" if rom_right_deg is None else "rom_left_deg"
            raise TypeError(f"{missing} must be a finite number above 0 [deg] and at most 180 when the other side "
                            f"is given; got None")
        left = check_real("rom_left_deg", rom_left_deg, low=0.0, high=180.0, unit="deg", low_inclusive=False)
        right = check_real("rom_right_deg", rom_right_deg, low=0.0, high=180.0, unit="deg", low_inclusive=False)
        diff = abs(left - right)
        big = max(left, right)
        limited = diff >= rr["limited_min_difference_deg"] and diff >= rr["limited_min_difference_pct"] / 100 * big
        side = ("left" if left < right else "right") if limited else None
        d = f"{diff:.0f}" if float(diff).is_integer() else f"{diff:.1f}"
        if side is None:
            reason = (f"{base}; the sides differ by {d} degrees, too little to call one side limited.")
        else:
            reason = f"{base} and {extra} extra set on the {side}, which moves {d} degrees less."
        return MobilityDose(sl, sh, rl, rh, side, extra if side else 0, diff, reason)
    side = check_choice("limited_side", limited_side, ("left", "right", "none"), allow_none=True)
    if side in (None, "none"):
        return MobilityDose(sl, sh, rl, rh, None, 0, None, f"{base}.")
    return MobilityDose(sl, sh, rl, rh, side, extra, None,
                        f"{base} and {extra} extra set on the {side}, the more limited side.")
