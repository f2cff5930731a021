"""Unit conversions shown at the surface: kilograms and pounds, speed and pace.

SI inside, familiar units at the surface. Pace is minutes per kilometre or per mile.
"""

from __future__ import annotations

from runmech._validate import check_choice, check_real
from runmech.constants import KG_PER_LB, LB_PER_KG, LOAD_UNITS, M_PER_MILE

__all__ = [
    "KG_PER_LB",
    "LB_PER_KG",
    "M_PER_MILE",
    "kg_to_lb",
    "lb_to_kg",
    "to_kg",
    "from_kg",
    "pace_s_per_km",
    "pace_s_per_mile",
    "format_pace",
    "speed_from_pace",
    "describe_speed",
]



def kg_to_lb(load_kg: float) -> float:
    """Kilograms to pounds.

    Examples
    --------
    >>> round(kg_to_lb(20), 2)
    44.09
    """
    return check_real("load_kg", load_kg) * LB_PER_KG


def lb_to_kg(load_lb: float) -> float:
    """Pounds to kilograms.

    Examples
    --------
    >>> round(lb_to_kg(45), 2)
    20.41
    """
    return check_real("load_lb", load_lb) * KG_PER_LB


def to_kg(value: float, unit: str) -> float:
    """A load in ``unit`` ("kg" or "lb") converted to kilograms.

    Examples
    --------
    >>> round(to_kg(10, "lb"), 3)
    4.536
    """
    unit = check_choice("unit", unit, LOAD_UNITS)
    v = check_real("value", value)
    return v if unit == "kg" else v * KG_PER_LB


def from_kg(load_kg: float, unit: str) -> float:
    """A load in kilograms expressed in ``unit`` ("kg" or "lb").

    Examples
    --------
    >>> round(from_kg(4.536, "lb"), 2)
    10.0
    """
    unit = check_choice("unit", unit, LOAD_UNITS)
    v = check_real("load_kg", load_kg)
    return v if unit == "kg" else v * LB_PER_KG


def pace_s_per_km(speed_m_s: float) -> float:
    """Running pace in seconds per kilometre for a speed in metres per second.

    Examples
    --------
    >>> pace_s_per_km(3.0)
    333.3333333333333
    """
    s = check_real("speed_m_s", speed_m_s, low=0.0, unit="m/s", low_inclusive=False)
    return 1000.0 / s


def pace_s_per_mile(speed_m_s: float) -> float:
    """Running pace in seconds per mile for a speed in metres per second.

    Examples
    --------
    >>> round(pace_s_per_mile(3.0), 1)
    536.4
    """
    s = check_real("speed_m_s", speed_m_s, low=0.0, unit="m/s", low_inclusive=False)
    return M_PER_MILE / s


def format_pace(seconds: float) -> str:
    """Seconds as ``m:ss`` (rounded to the nearest second).

    Examples
    --------
    >>> format_pace(333.33)
    '5:33'
    """
    total = int(round(check_real("seconds", seconds, low=0.0, unit="s")))
    return f"{total // 60}:{total % 60:02d}"


def speed_from_pace(minutes: float, seconds: float = 0.0, *, per: str = "km") -> float:
    """Speed in metres per second from a pace of ``minutes:seconds`` per km or per mile.

    Examples
    --------
    >>> round(speed_from_pace(5, 0, per="km"), 3)
    3.333
    >>> round(speed_from_pace(8, 0, per="mile"), 3)
    3.353
    """
    per = check_choice("per", per, ("km", "mile"))
    m = check_real("minutes", minutes, low=0.0, unit="min")
    s = check_real("seconds", seconds, low=0.0, high=59.999, unit="s")
    total = 60.0 * m + s
    if total <= 0:
        raise ValueError(f"pace must be longer than 0 s; got {minutes!r} min {seconds!r} s")
    distance = 1000.0 if per == "km" else M_PER_MILE
    return distance / total


def describe_speed(speed_m_s: float) -> str:
    """Speed in words with both paces, e.g. ``3.0 m/s (5:33 min/km, 8:56 min/mile)``.

    Examples
    --------
    >>> describe_speed(3.0)
    '3.0 m/s (5:33 min/km, 8:56 min/mile)'
    """
    s = check_real("speed_m_s", speed_m_s, low=0.0, unit="m/s", low_inclusive=False)
    return f"{s:.1f} m/s ({format_pace(pace_s_per_km(s))} min/km, {format_pace(pace_s_per_mile(s))} min/mile)"
