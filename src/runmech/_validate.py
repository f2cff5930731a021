"""One place that checks arguments, so every message has the same shape.

Every public function in runmech validates what it is given with these helpers. A message always names the
parameter, repeats the value received (shortened when it is long) and says what is allowed, e.g.::

    speed_m_s must be a finite number from 0.5 to 10 [m/s]; got 12.0

The family:

- :func:`check_real` and :func:`check_int` — one number (never a bool, a string or NaN; a number too large for a
  float is refused, not overflowed);
- :func:`check_array` — numbers in an array, checked like one number, ranges included;
- :func:`check_choice` — one of a few words (an unknown unit such as ``"stone"`` is refused);
- :func:`check_bool` — True or False, nothing that merely looks like one;
- :func:`check_text` — free text: its length, and no control or text-direction characters;
- :func:`check_path` — a file or folder name (and whether it must exist);
- :func:`format_number` — the one way a checked number becomes text, so NaN is never shown.

Widgets show these messages beside the control instead of a traceback.
"""

from __future__ import annotations

import errno
import math
import numbers
import os
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["check_real", "check_int", "check_choice", "check_bool", "check_array", "check_text", "check_path",
           "format_number", "describe_range", "shown"]

#: Longest value repeated in a message; longer ones are cut in the middle.
MAX_SHOWN = 80
# Characters that change how text is laid out or hide part of it: bidirectional overrides and isolates.
_BIDI = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e",
         "\u200f", "\u061c"}


def shown(value: Any) -> str:
    """``repr(value)`` for a message: a huge integer by its number of digits, anything long cut in the middle.

    Examples
    --------
    >>> shown(12.0), shown(10 ** 400)
    ('12.0', 'a 401-digit number')
    >>> len(shown("x" * 5000)) <= 80
    True
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10 ** 30:
        return f"a {len(str(abs(value)))}-digit number" if abs(value) < 10 ** 4000 else "a number of over 4000 digits"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a value whose repr fails is still named by its type
        text = f"<{type(value).__name__}>"
    if len(text) <= MAX_SHOWN:
        return text
    return f"{text[:36]}...{text[-16:]} ({len(text)} chars)"


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


def _allowed_real(low, high, unit, low_inclusive) -> str:
    if low is not None and not low_inclusive:
        u = f" [{unit}]" if unit else ""
        return f"a finite number above {_fmt(low)}{u}" + (f" and at most {_fmt(high)}" if high is not None else "")
    return f"a finite number {describe_range(low, high, unit)}"


def _scalar(value: Any) -> Any:
    """A 0-d numpy array of numbers as its Python number (anything else unchanged)."""
    dtype = getattr(value, "dtype", None)
    if dtype is not None and getattr(value, "ndim", None) == 0 and dtype.kind in "iuf":
        return value.item()
    return value


def _kind(value: Any) -> str:
    return f"{shown(value)} ({type(value).__name__})"


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
        What the caller passed. Booleans, strings and containers are refused (``TypeError``); NaN, infinity, an
        integer too large for a float and anything out of range are refused (``ValueError``).
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
    >>> check_real("speed_m_s", True)
    Traceback (most recent call last):
    ...
    TypeError: speed_m_s must be a finite number (any finite value); got True (bool)
    """
    allowed = _allowed_real(low, high, unit, low_inclusive)
    if value is None:
        if allow_none:
            return None
        raise TypeError(f"{name} must be {allowed}; got None")
    value = _scalar(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {allowed}; got {_kind(value)}")
    try:
        x = float(value)
    except (OverflowError, ValueError):  # an int beyond the largest float
        raise ValueError(f"{name} must be {allowed}; got {shown(value)}") from None
    if not math.isfinite(x):
        raise ValueError(f"{name} must be {allowed}; got {shown(value)}")
    if low is not None and (x < low or (x == low and not low_inclusive)):
        raise ValueError(f"{name} must be {allowed}; got {shown(value)}")
    if high is not None and x > high:
        raise ValueError(f"{name} must be {allowed}; got {shown(value)}")
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

    A float with nothing after the point (``3.0``) counts as whole; bools and strings do not.

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
    value = _scalar(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {allowed}; got {_kind(value)}")
    if isinstance(value, numbers.Integral):
        i = int(value)
    else:
        x = float(value)
        if not math.isfinite(x) or x != int(x):
            raise ValueError(f"{name} must be {allowed}; got {shown(value)}")
        i = int(x)
    if (low is not None and i < low) or (high is not None and i > high):
        raise ValueError(f"{name} must be {allowed}; got {shown(value)}")
    return i


def check_choice(name: str, value: Any, choices: Iterable[str], *, allow_none: bool = False) -> str | None:
    """Return ``value`` if it is one of ``choices`` (case-insensitive for strings), else raise.

    This is how a unit is checked: ``check_choice("unit", unit, LOAD_UNITS)`` refuses ``"stone"``.

    Examples
    --------
    >>> check_choice("sex", "Female", ["male", "female"])
    'female'
    >>> check_choice("unit", "stone", ["kg", "lb"])
    Traceback (most recent call last):
    ...
    ValueError: unit must be one of 'kg', 'lb'; got 'stone'
    """
    options: Sequence[str] = list(choices)
    listed = ", ".join(repr(c) for c in options)
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {listed}; got {_kind(value)}")
    lowered = {c.lower(): c for c in options}
    key = value.strip().lower()
    if key not in lowered:
        raise ValueError(f"{name} must be one of {listed}; got {shown(value)}")
    return lowered[key]


def check_bool(name: str, value: Any, *, allow_none: bool = False) -> bool | None:
    """Return ``value`` if it is a real bool (numpy's too); 0, 1, ``"yes"`` and None are refused.

    Examples
    --------
    >>> check_bool("easy", True)
    True
    >>> check_bool("easy", 1)
    Traceback (most recent call last):
    ...
    TypeError: easy must be True or False; got 1 (int)
    """
    if value is None and allow_none:
        return None
    if type(value).__name__ == "bool_" and type(value).__module__ == "numpy":
        return bool(value)
    if not isinstance(value, bool):
        extra = " or None" if allow_none else ""
        raise TypeError(f"{name} must be True or False{extra}; got {_kind(value)}")
    return value


def check_array(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    unit: str = "",
    low_inclusive: bool = True,
    allow_scalar: bool = True,
    min_size: int = 0,
    max_size: int | None = None,
):
    """Return ``value`` as a float array after checking it like a number: finite, in range, not bools or text.

    Parameters
    ----------
    name : str
        Parameter name used in the message.
    value : Any
        A number, or a sequence or array of numbers (ragged nesting, text, bools and None are refused).
    low, high, unit, low_inclusive
        Allowed interval of every element, as for :func:`check_real`.
    allow_scalar : bool
        Whether one number (a 0-d array) is accepted.
    min_size, max_size : int
        Fewest and most elements.

    Examples
    --------
    >>> check_array("t", [0.0, 0.5]).tolist()
    [0.0, 0.5]
    >>> check_array("t", [0.0, float("nan")])
    Traceback (most recent call last):
    ...
    ValueError: t must contain finite numbers only; got nan at index 1 of [0.0, nan]
    >>> check_array("contact_time_s", [0.2, 1e6], low=0.01, high=2, unit="s")
    Traceback (most recent call last):
    ...
    ValueError: contact_time_s must hold finite numbers from 0.01 to 2 [s]; got 1000000.0 at index 1 of [0.2, 1000000.0]
    """
    import numpy as np

    what = "a finite number or an array of finite numbers" if allow_scalar else "an array of finite numbers"
    if low is not None or high is not None:
        what += " " + _allowed_real(low, high, unit, low_inclusive).removeprefix("a finite number ")
    if value is None or isinstance(value, (str, bytes, bool, dict, set)):
        raise TypeError(f"{name} must be {what}; got {_kind(value)}")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):  # ragged nesting, objects numpy cannot stack
        raise TypeError(f"{name} must be {what}; got {shown(value)}") from None
    if arr.dtype == bool or arr.dtype.kind not in "iuf" and not (arr.size == 0 and arr.dtype.kind in "fO"):
        raise TypeError(f"{name} must be {what}; got {shown(value)}")
    try:
        arr = arr.astype(float)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} must be {what}; got {shown(value)}") from None
    if arr.ndim == 0 and not allow_scalar:
        raise TypeError(f"{name} must be {what}; got one number, {shown(value)}")
    if arr.size < min_size or (max_size is not None and arr.size > max_size):
        most = f" and at most {max_size}" if max_size is not None else ""
        raise ValueError(f"{name} must hold at least {min_size}{most} numbers; got {arr.size}")
    bad = ~np.isfinite(arr)
    if bad.any():
        where = _where(bad)
        raise ValueError(f"{name} must contain finite numbers only; got {float(arr[bad].ravel()[0])!r}{where} of "
                         f"{shown(value)}")
    if low is not None or high is not None:
        out = np.zeros(arr.shape, dtype=bool)
        if low is not None:
            out |= (arr < low) if low_inclusive else (arr <= low)
        if high is not None:
            out |= arr > high
        if out.any():
            allowed = _allowed_real(low, high, unit, low_inclusive).replace("a finite number", "finite numbers")
            raise ValueError(f"{name} must hold {allowed}; got {float(arr[out].ravel()[0])!r}{_where(out)} of "
                             f"{shown(value)}")
    return arr


def _where(mask) -> str:
    if mask.ndim == 0:
        return ""
    import numpy as np

    idx = tuple(int(i[0]) for i in np.nonzero(mask))
    return f" at index {idx[0] if len(idx) == 1 else idx}"


def check_text(name: str, value: Any, *, max_chars: int | None = None, allow_none: bool = False,
               single_line: bool = False) -> str | None:
    """Return ``value`` if it is text of at most ``max_chars`` characters without control characters.

    Tabs and line breaks are allowed (unless ``single_line``); NUL and the other control characters, and the
    characters that reverse or isolate the direction of text (which can make a handout read differently from what
    was typed), are refused with their position.

    Examples
    --------
    >>> check_text("client", "Sam", max_chars=80)
    'Sam'
    >>> check_text("client", "Sam\\u202eevil", max_chars=80)
    Traceback (most recent call last):
    ...
    ValueError: client must be text without control or text-direction characters; got U+202E (RIGHT-TO-LEFT OVERRIDE) at character 4
    """
    limit = f" of at most {max_chars} characters" if max_chars is not None else ""
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text{limit}; got {_kind(value)}")
    if max_chars is not None and len(value) > max_chars:
        raise ValueError(f"{name} must be text{limit}; got {len(value)} characters")
    allowed_controls = "\t" if single_line else "\t\n\r"
    for i, ch in enumerate(value):
        if ch in _BIDI or (unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed_controls):
            label = unicodedata.name(ch, "control character")
            raise ValueError(f"{name} must be text without control or text-direction characters; got "
                             f"U+{ord(ch):04X} ({label}) at character {i + 1}")
    return value


def check_path(name: str, value: Any, *, must_exist: bool = False, kind: str | None = None,
               suffixes: Iterable[str] | None = None, allow_none: bool = False) -> Path | None:
    """Return ``value`` as a :class:`pathlib.Path` after checking it names a file or folder.

    Parameters
    ----------
    name : str
        Parameter name used in the message.
    value : str or os.PathLike
        The path. Empty text, NUL characters, bytes and other types are refused.
    must_exist : bool
        Whether it must exist (``FileNotFoundError`` naming the parameter and the path otherwise).
    kind : {"file", "dir"}, optional
        What it must be when it exists (``IsADirectoryError`` / ``NotADirectoryError`` otherwise).
    suffixes : iterable of str, optional
        Allowed endings, e.g. ``(".html", ".htm")`` (case-insensitive).

    Examples
    --------
    >>> check_path("output", "handout.html", suffixes=(".html",)).name
    'handout.html'
    >>> check_path("output", "", suffixes=(".html",))
    Traceback (most recent call last):
    ...
    ValueError: output must be a file or folder name; got ''
    """
    if value is None and allow_none:
        return None
    if not isinstance(value, (str, os.PathLike)) or isinstance(value, bytes):
        raise TypeError(f"{name} must be a file or folder name (text or pathlib.Path); got {_kind(value)}")
    text = os.fspath(value)
    if not isinstance(text, str) or not text.strip() or "\x00" in text:
        raise ValueError(f"{name} must be a file or folder name; got {shown(value)}")
    path = Path(text)
    if suffixes is not None:
        ends = tuple(s.lower() for s in suffixes)
        if path.suffix.lower() not in ends:
            raise ValueError(f"{name} must end in {' or '.join(ends)}; got {shown(text)}")
    if must_exist and not path.exists():
        raise FileNotFoundError(errno.ENOENT, f"{name} names nothing that exists", text)
    if kind == "file" and path.is_dir():
        raise IsADirectoryError(errno.EISDIR, f"{name} must be a file, not a folder", text)
    if kind == "dir" and path.exists() and not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, f"{name} must be a folder", text)
    return path


def format_number(value: Any, digits: int = 1, *, name: str = "value", unit: str = "") -> str:
    """A checked number as text: ``digits`` decimals, trailing zeros and ``-0`` dropped; NaN is refused.

    Every number runmech writes for a person goes through a check first, so no page or handout shows ``nan``.

    Examples
    --------
    >>> format_number(12.0), format_number(26.4554), format_number(-0.01), format_number(2.345, 2, unit="kg")
    ('12', '26.5', '0', '2.35 kg')
    >>> format_number(float("nan"), name="load_kg")
    Traceback (most recent call last):
    ...
    ValueError: load_kg must be a finite number (any finite value); got nan
    """
    x = check_real(name, value)
    digits = check_int("digits", digits, low=0, high=12)
    text = f"{x:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return f"{text} {unit}" if unit else text
