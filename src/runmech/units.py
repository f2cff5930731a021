"""Unit conversions shown at the surface: kilograms and pounds, speed and pace.

SI inside, familiar units at the surface. Pace is minutes per kilometre or per mile. Loads are 0 to
:data:`~runmech.constants.MAX_LOAD_KG` kilograms (the calculators' limit); speeds turned into a pace are within
:data:`~runmech.constants.PACE_SPEED_RANGE_M_S`. Anything else is refused with a message naming the parameter.
"""

from __future__ import annotations

import math

from runmech._validate import check_choice, check_real
from runmech.constants import KG_PER_LB, LB_PER_KG, LOAD_UNITS, M_PER_MILE, MAX_LOAD_KG, PACE_SPEED_RANGE_M_S

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

_MAX_LOAD_LB = MAX_LOAD_KG * LB_PER_KG
_SLOW, _FAST = PACE_SPEED_RANGE_M_S
_MAX_PACE_S = M_PER_MILE / _SLOW  # the slowest pace shown: one mile at the slowest speed


def _load(name: str, value: float, unit: str) -> float:
    high = MAX_LOAD_KG if unit == "kg" else _MAX_LOAD_LB * (1 + 1e-12)  # a round trip kg -> lb -> kg stays inside
    return check_real(name, value, low=0.0, high=high, unit=unit)


def _speed(speed_m_s: float) -> float:
    return check_real("speed_m_s", speed_m_s, low=_SLOW, high=_FAST, unit="m/s")


def kg_to_lb(load_kg: float) -> float:
    """Kilograms to pounds.

    Parameters
    ----------
    load_kg : float
        Load [kg], 0 to 1000.

    Examples
    --------
    >>> round(kg_to_lb(20), 2)
    44.09
    """
    return _load("load_kg", load_kg, "kg") * LB_PER_KG


def lb_to_kg(load_lb: float) -> float:
    """Pounds to kilograms.

    Parameters
    ----------
    load_lb : float
        Load [lb], 0 to 2204.6.

    Examples
    --------
    >>> round(lb_to_kg(45), 2)
    20.41
    """
    return _load("load_lb", load_lb, "lb") * KG_PER_LB


def to_kg(value: float, unit: str) -> float:
    """A load in ``unit`` ("kg" or "lb") converted to kilograms.

    Parameters
    ----------
    value : float
        The load in ``unit``, not negative and within the calculators' limit (:data:`~runmech.constants.MAX_LOAD_KG`
        kilograms, the same in pounds).
    unit : {"kg", "lb"}
        Its unit; any other (``"stone"``) is refused.

    Examples
    --------
    >>> round(to_kg(10, "lb"), 3)
    4.536
    """
    unit = check_choice("unit", unit, LOAD_UNITS)
    v = _load("value", value, unit)
    return v if unit == "kg" else v * KG_PER_LB


def from_kg(load_kg: float, unit: str) -> float:
    """A load in kilograms expressed in ``unit`` ("kg" or "lb").

    Parameters
    ----------
    load_kg : float
        Load [kg], 0 to 1000.
    unit : {"kg", "lb"}
        The unit wanted; any other is refused.

    Examples
    --------
    >>> round(from_kg(4.536, "lb"), 2)
    10.0
    """
    unit = check_choice("unit", unit, LOAD_UNITS)
    v = _load("load_kg", load_kg, "kg")
    return v if unit == "kg" else v * LB_PER_KG


def pace_s_per_km(speed_m_s: float) -> float:
    """Running pace in seconds per kilometre for a speed in metres per second.

    Parameters
    ----------
    speed_m_s : float
        Speed [m / s], 0.1 to 15.

    Examples
    --------
    >>> pace_s_per_km(3.0)
    333.3333333333333
    """
    return 1000.0 / _speed(speed_m_s)


def pace_s_per_mile(speed_m_s: float) -> float:
    """Running pace in seconds per mile for a speed in metres per second.

    Parameters
    ----------
    speed_m_s : float
        Speed [m / s], 0.1 to 15.

    Examples
    --------
    >>> round(pace_s_per_mile(3.0), 1)
    536.4
    """
    return M_PER_MILE / _speed(speed_m_s)


def format_pace(seconds: float) -> str:
    """Seconds as ``m:ss`` (rounded to the nearest second).

    Parameters
    ----------
    seconds : float
        A pace [s], 0 to 16094 (a mile at 0.1 m/s).

    Examples
    --------
    >>> format_pace(333.33)
    '5:33'
    """
    total = int(round(check_real("seconds", seconds, low=0.0, high=math.ceil(_MAX_PACE_S), unit="s")))
    return f"{total // 60}:{total % 60:02d}"


def speed_from_pace(minutes: float, seconds: float = 0.0, *, per: str = "km") -> float:
    """Speed in metres per second from a pace of ``minutes:seconds`` per km or per mile.

    Parameters
    ----------
    minutes : float
        Minutes of the pace, 0 to 269 (together with ``seconds``, a speed of 0.1 to 15 m/s).
    seconds : float
        Seconds of the pace, 0 to 59.999.
    per : {"km", "mile"}
        The distance the pace is for.

    Examples
    --------
    >>> round(speed_from_pace(5, 0, per="km"), 3)
    3.333
    >>> round(speed_from_pace(8, 0, per="mile"), 3)
    3.353
    """
    per = check_choice("per", per, ("km", "mile"))
    m = check_real("minutes", minutes, low=0.0, high=math.ceil(_MAX_PACE_S / 60.0), unit="min")
    s = check_real("seconds", seconds, low=0.0, high=59.999, unit="s")
    distance = 1000.0 if per == "km" else M_PER_MILE
    total = 60.0 * m + s
    if not distance / _FAST <= total <= distance / _SLOW:
        raise ValueError(
            f"minutes and seconds must make a pace per {per} from {_clock(distance / _FAST)} to "
            f"{_clock(distance / _SLOW)} (a speed of {_SLOW:g} to {_FAST:g} m/s); got {minutes!r} min {seconds!r} s")
    return distance / total


def _clock(seconds: float) -> str:
    total = int(round(seconds))
    return f"{total // 60}:{total % 60:02d}"


def describe_speed(speed_m_s: float) -> str:
    """Speed in words with both paces, e.g. ``3.0 m/s (5:33 min/km, 8:56 min/mile)``.

    Parameters
    ----------
    speed_m_s : float
        Speed [m / s], 0.1 to 15.

    Examples
    --------
    >>> describe_speed(3.0)
    '3.0 m/s (5:33 min/km, 8:56 min/mile)'
    """
    s = _speed(speed_m_s)
    return f"{s:.1f} m/s ({format_pace(pace_s_per_km(s))} min/km, {format_pace(pace_s_per_mile(s))} min/mile)"
