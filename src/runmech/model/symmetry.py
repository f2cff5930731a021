"""Symmetry between right and left: the one definition of the symmetry index, the symmetry angle and the turn to each side.

Symmetry index (Robinson, Herzog & Nigg 1987)
    ``SI = (R - L) / (0.5 (R + L)) * 100`` [%]; positive when the right value is larger. It blows up when R + L is
    near zero, so use it on ranges and peaks, not on signals that cross zero.
Symmetry angle (Zifchock et al. 2008)
    ``SA = (45 deg - arctan(L / R)) / 90 deg * 100`` [%], shifted by 180 deg when the bracket exceeds 90 deg; 0 is
    symmetric, bounded by +-100 %, and well behaved when values are small.
Turns to each side
    :func:`yaw_excursions`: how far a segment turns to the right and to the left of its mean heading, the one
    definition the model's summary and a recording's statistics share.
"""

from __future__ import annotations

import numbers

import numpy as np

from runmech._validate import check_array, check_real, shown

__all__ = ["symmetry_index", "symmetry_angle", "yaw_excursions"]


def _as_values(name, value):
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)):
        return check_real(name, value)
    return check_array(name, value)  # refuses bools, text, bytes, None and ragged nesting by name


def _si(r, l_):
    """Signed symmetry index without argument checks (internal, arrays)."""
    mean = 0.5 * (r + l_)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(mean != 0, (r - l_) / np.where(mean != 0, mean, 1.0) * 100.0, np.nan)


def _sa(r, l_):
    """Symmetry angle without argument checks (internal, arrays)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        theta = np.where(r != 0, np.degrees(np.arctan(l_ / np.where(r != 0, r, 1.0))), 90.0 * np.sign(l_))
    bracket = 45.0 - theta
    bracket = np.where(bracket > 90.0, bracket - 180.0, bracket)
    return np.where((r == 0) & (l_ == 0), np.nan, bracket / 90.0 * 100.0) + 0.0


def symmetry_index(right, left, *, absolute: bool = False):
    """Symmetry index of Robinson, Herzog & Nigg (1987) [%].

    Parameters
    ----------
    right, left : float or array_like
        The same quantity on the right and left side (any unit; arrays broadcast).
    absolute : bool
        Return ``|SI|`` instead of the signed value.

    Returns
    -------
    float or numpy.ndarray
        ``(R - L) / (0.5 (R + L)) * 100`` [%]; positive when the right is larger. Where ``R + L == 0`` the index
        is undefined: a ``ValueError`` naming ``right`` and ``left`` (never a NaN). Caveat: near-zero or
        zero-crossing signals give huge, meaningless values; prefer ranges, peaks or :func:`symmetry_angle`.

    Examples
    --------
    >>> round(symmetry_index(11.0, 9.0), 1)
    20.0
    >>> symmetry_index([10, 9], [10, 11], absolute=True).round(1).tolist()
    [0.0, 20.0]
    """
    r = _as_values("right", right)
    l_ = _as_values("left", left)
    if not isinstance(absolute, bool):
        raise TypeError(f"absolute must be True or False; got {absolute!r}")
    r_a, l_a = np.asarray(r, dtype=float), np.asarray(l_, dtype=float)
    try:
        np.broadcast(r_a, l_a)
    except ValueError:
        raise ValueError(f"right and left must have the same shape; got {r_a.shape} and {l_a.shape}") from None
    zero = (r_a + l_a) == 0
    if zero.any():
        at = f" at index {tuple(int(i) for i in np.argwhere(zero)[0])}" if zero.ndim else ""
        raise ValueError(f"right and left must not add up to 0 (the symmetry index divides by their mean; use "
                         f"symmetry_angle or the difference there); got right={shown(right)}, left={shown(left)}{at}")
    si = _si(r_a, l_a)
    if absolute:
        si = np.abs(si)
    return float(si) if si.ndim == 0 else si


def symmetry_angle(right, left):
    """Symmetry angle of Zifchock et al. (2008) [%]: 0 symmetric, positive when the right is larger, within +-100.

    Parameters
    ----------
    right, left : float or array_like
        The same quantity on the right and left side (arrays broadcast).

    Returns
    -------
    float or numpy.ndarray
        Symmetry angle [%]. Where both values are 0 it is undefined: a ``ValueError`` naming ``right`` and ``left``
        (never a NaN).

    Examples
    --------
    >>> round(symmetry_angle(11.0, 9.0), 2)
    6.35
    >>> symmetry_angle(1.0, 1.0)
    0.0
    """
    r = np.asarray(_as_values("right", right), dtype=float)
    l_ = np.asarray(_as_values("left", left), dtype=float)
    try:
        r, l_ = np.broadcast_arrays(r, l_)
    except ValueError:
        raise ValueError(f"right and left must have the same shape; got {r.shape} and {l_.shape}") from None
    zero = (r == 0) & (l_ == 0)
    if zero.any():
        at = f" at index {tuple(int(i) for i in np.argwhere(zero)[0])}" if zero.ndim else ""
        raise ValueError(f"right and left must not both be 0 (the symmetry angle is undefined there); got "
                         f"right={shown(right)}, left={shown(left)}{at}")
    sa = _sa(r, l_)
    return float(sa) if sa.ndim == 0 else sa


def _excursions(yaw, axis=-1):
    """(right, left) turn of a yaw signal from its mean, without argument checks (internal, arrays)."""
    return _excursions_from(yaw.sum(axis=axis) / yaw.shape[axis], yaw.min(axis=axis), yaw.max(axis=axis))


def _excursions_from(mean, lowest, highest):
    """(right, left) turn from a signal's mean, lowest and highest value: right = towards negative yaw."""
    return mean - lowest, highest - mean


def yaw_excursions(yaw_deg, *, closed: bool = False):
    """How far a segment turns to the right and to the left of its mean heading over a stride [deg].

    The one definition of "rotation to each side" in runmech, used by the model's summary, by the statistics of a
    recording and by the comparison of the two. Turns are measured from the stride's mean yaw, because the heading
    of a recorded segment has an unknown offset (how the lab's axes were set up); a turn to the right is towards
    negative yaw (OpenSim's convention and the model's: positive yaw = rotated to the left).

    Parameters
    ----------
    yaw_deg : array_like
        Yaw angle over one stride [deg], -1800 to 1800, samples along the last axis.
    closed : bool
        True when the last sample repeats the first (as in :attr:`runmech.Simulation.cycle`); it is then left out
        of the mean.

    Returns
    -------
    tuple
        ``(right_deg, left_deg)``: float or arrays of the leading shape.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.linspace(0, 1, 100, endpoint=False)
    >>> right, left = yaw_excursions(10 * np.cos(2 * np.pi * t) - 2)
    >>> round(float(right), 1), round(float(left), 1)
    (10.0, 10.0)
    """
    arr = check_array("yaw_deg", yaw_deg, low=-1800.0, high=1800.0, unit="deg")
    if not isinstance(closed, bool):
        raise TypeError(f"closed must be True or False; got {closed!r}")
    if arr.ndim == 0 or arr.shape[-1] < (4 if closed else 3):
        raise ValueError(f"yaw_deg must hold at least 3 samples of one stride along its last axis; got shape "
                         f"{arr.shape}")
    if closed:
        arr = arr[..., :-1]
    right, left = _excursions(arr)
    if np.ndim(right) == 0:
        return float(right), float(left)
    return right, left
