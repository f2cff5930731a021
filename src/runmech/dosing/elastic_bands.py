"""Elastic bands: force by colour and stretch, and the next band up or down."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from runmech._data import read_table
from runmech._validate import check_choice, check_real
from runmech.constants import GRAVITY_M_S2, KG_PER_LB, MAX_ELONGATION_PCT
from runmech.dosing.strength import _check_load


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
    return kg if u == "kg" else kg * GRAVITY_M_S2


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
