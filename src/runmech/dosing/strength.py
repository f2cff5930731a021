"""Strength: one-repetition maximum (seven published equations and the NSCA chart) and %1RM."""

from __future__ import annotations

import math
import warnings
from functools import lru_cache

import numpy as np
import pandas as pd

from runmech._data import read_table
from runmech._validate import check_choice, check_int, check_real
from runmech.constants import LB_PER_KG, MAX_LOAD_KG


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


def normalise_method(method: str, *, name: str = "method") -> str:
    """The method's name as :func:`methods` spells it: case, spaces and apostrophes ignored, "O'Connor" accepted.

    Examples
    --------
    >>> normalise_method(" O'Connor "), normalise_method("NSCA")
    ('oconner', 'nsca')
    >>> normalise_method("strongest", name="--method")
    Traceback (most recent call last):
    ...
    ValueError: --method must be one of 'epley', 'brzycki', 'lander', 'lombardi', 'mayhew', 'oconner', 'wathan', 'nsca'; got 'strongest'
    """
    if isinstance(method, str):
        method = method.strip().lower().replace("'", "").replace("\u2019", "").replace("oconnor", "oconner")
    return check_choice(name, method, methods())


def rep_limits(method: str) -> tuple[int, int]:
    """Reps up to which ``method`` was validated, and the most it accepts at all (see the module notes).

    Examples
    --------
    >>> rep_limits("epley"), rep_limits("nsca")
    ((10, 30), (12, 15))
    """
    m = normalise_method(method)
    if m == "nsca":
        _, _, valid, hard = _nsca()
        return valid, hard
    f = _formulas()[m]
    return int(f["valid_reps_max"]), int(f["hard_reps_max"])


def nsca_chart() -> tuple[np.ndarray, np.ndarray]:
    """The NSCA chart's rows: repetitions and the load that allows them [% of 1RM] (``data/percent_1rm_nsca.csv``).

    Examples
    --------
    >>> reps, pct = nsca_chart()
    >>> int(reps[0]), float(pct[0]), int(reps[9]), float(pct[9])
    (1, 100.0, 10, 75.0)
    """
    reps, pct, _, _ = _nsca()
    return reps.copy(), pct.copy()


_method = normalise_method
_limits = rep_limits


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
