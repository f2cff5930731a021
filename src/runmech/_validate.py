"""One place that checks arguments, so every message has the same shape.

Every public function in runmech validates what it is given with these helpers. A message always names the
parameter, repeats the value received and says what is allowed, e.g.::

    speed_m_s must be a finite number from 0.5 to 10 [m/s]; got 12.0

Widgets show these messages beside the control instead of a traceback.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["check_real", "check_int", "check_choice", "check_bool", "describe_range"]


def describe_range(low: float | None, high: float | None, unit: str = "") -> str:
    """Human words for an allowed interval.

    Examples
    --------
    >>> describe_range(0.5, 10, "m/s")
    'from 0.5 to 10 [m/s]'
    >>> describe_range(1, None)
    'of at least 1'
    """
    u = f" [{unit}]" if unit else ""
    if low is not None and high is not None:
        return f"from {_fmt(low)} to {_fmt(high)}{u}"
    if low is not None:
        return f"of at least {_fmt(low)}{u}"
    if high is not None:
        return f"of at most {_fmt(high)}{u}"
    return f"(any finite value){u}"


def _fmt(x: float) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def check_real(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    unit: str = "",
    low_inclusive: bool = True,
    allow_none: bool = False,
) -> float | None:
    """Return ``value`` as a float after checking type, finiteness and range.

    Parameters
    ----------
    name : str
        Parameter name used in the message.
    value : Any
        What the caller passed. Booleans and strings are rejected (``TypeError``).
    low, high : float, optional
        Allowed interval (inclusive unless ``low_inclusive`` is False).
    unit : str
        Unit shown in brackets in the message.
    allow_none : bool
        Whether ``None`` is accepted (and returned unchanged).

    Examples
    --------
    >>> check_real("speed_m_s", 3, low=0.5, high=10, unit="m/s")
    3.0
    >>> check_real("speed_m_s", 12.0, low=0.5, high=10, unit="m/s")
    Traceback (most recent call last):
    ...
    ValueError: speed_m_s must be a finite number from 0.5 to 10 [m/s]; got 12.0
    """
    if low is not None and not low_inclusive:
        u = f" [{unit}]" if unit else ""
        allowed = f"a finite number above {_fmt(low)}{u}" + (f" and at most {_fmt(high)}" if high is not None else "")
    else:
        allowed = f"a finite number {describe_range(low, high, unit)}"
    if value is None:
        if allow_none:
            return None
        raise TypeError(f"{name} must be {allowed}; got None")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {allowed}; got {value!r} ({type(value).__name__})")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be {allowed}; got {value!r}")
    if low is not None and (x < low or (x == low and not low_inclusive)):
        raise ValueError(f"{name} must be {allowed}; got {value!r}")
    if high is not None and x > high:
        raise ValueError(f"{name} must be {allowed}; got {value!r}")
    return x


def check_int(
    name: str,
    value: Any,
    *,
    low: int | None = None,
    high: int | None = None,
    unit: str = "",
    allow_none: bool = False,
) -> int | None:
    """Return ``value`` as an int after checking it is a whole number in range.

    Examples
    --------
    >>> check_int("reps", 10, low=1, high=30)
    10
    >>> check_int("reps", 2.5, low=1, high=30)
    Traceback (most recent call last):
    ...
    ValueError: reps must be a whole number from 1 to 30; got 2.5
    """
    allowed = f"a whole number {describe_range(low, high, unit)}"
    if value is None:
        if allow_none:
            return None
        raise TypeError(f"{name} must be {allowed}; got None")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {allowed}; got {value!r} ({type(value).__name__})")
    x = float(value)
    if not math.isfinite(x) or x != int(x):
        raise ValueError(f"{name} must be {allowed}; got {value!r}")
    i = int(x)
    if (low is not None and i < low) or (high is not None and i > high):
        raise ValueError(f"{name} must be {allowed}; got {value!r}")
    return i


def check_choice(name: str, value: Any, choices: Iterable[str], *, allow_none: bool = False) -> str | None:
    """Return ``value`` if it is one of ``choices`` (case-insensitive for strings), else raise.

    Examples
    --------
    >>> check_choice("sex", "Female", ["male", "female"])
    'female'
    >>> check_choice("sex", "other", ["male", "female"])
    Traceback (most recent call last):
    ...
    ValueError: sex must be one of 'male', 'female'; got 'other'
    """
    options: Sequence[str] = list(choices)
    listed = ", ".join(repr(c) for c in options)
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {listed}; got {value!r} ({type(value).__name__})")
    lowered = {c.lower(): c for c in options}
    key = value.strip().lower()
    if key not in lowered:
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")
    return lowered[key]


def check_bool(name: str, value: Any) -> bool:
    """Return ``value`` if it is a real bool.

    Examples
    --------
    >>> check_bool("easy", True)
    True
    """
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False; got {value!r} ({type(value).__name__})")
    return value


def check_array(name: str, value: Any):
    """Return ``value`` as a float array after checking that it holds finite numbers only (not bools or text).

    Examples
    --------
    >>> check_array("t", [0.0, 0.5]).tolist()
    [0.0, 0.5]
    >>> check_array("t", [0.0, float("nan")])
    Traceback (most recent call last):
    ...
    ValueError: t must contain finite numbers only; got [0.0, nan]
    """
    import numpy as np

    allowed = "a finite number or an array of finite numbers"
    if value is None or isinstance(value, (str, bytes, bool)):
        raise TypeError(f"{name} must be {allowed}; got {value!r}")
    try:
        arr = np.asarray(value)
        if arr.dtype == bool or arr.dtype.kind not in "iuf":
            raise TypeError
        arr = arr.astype(float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be {allowed}; got {value!r}") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain finite numbers only; got {value!r}")
    return arr
