"""Symmetry between right and left, and the cost of swaying side to side.

Symmetry index (Robinson, Herzog & Nigg 1987)
    ``SI = (R - L) / (0.5 (R + L)) * 100`` [%]; positive when the right value is larger. It blows up when R + L is
    near zero, so use it on ranges and peaks, not on signals that cross zero.
Symmetry angle (Zifchock et al. 2008)
    ``SA = (45 deg - arctan(L / R)) / 90 deg * 100`` [%], shifted by 180 deg when the bracket exceeds 90 deg; 0 is
    symmetric, bounded by +-100 %, and well behaved when values are small.
Lateral sway
    Extra side-to-side excursion of the upper body has to be started and stopped twice per stride. The positive work
    that takes, per stride, is ``m_upper (2 pi f_stride a)^2`` with ``a`` half the extra excursion. The metabolic
    estimate comes from the lateral-balance studies instead: Arellano & Kram (2011) measured the cost of running with
    wider steps (+9/+12/+15 % at 15/20/25 % of leg length); the model treats extra centre-of-mass excursion as
    half of an equivalent extra step width (a teaching assumption) and applies that slope. The work alone, charged
    at 25 % efficiency for positive and 120 % for negative work (Margaria 1968), gives a much smaller lower bound
    (``metabolic_sway_work_pct`` in the summary): controlling balance costs more than moving the mass.
    The article's further claim that bobbing causes sacroiliac pain or sacral fractures is a teaching hypothesis
    that no study has tested.
"""

from __future__ import annotations

import numbers

import numpy as np

from runmech._validate import check_real

__all__ = ["symmetry_index", "symmetry_angle", "lateral_sway_cost"]


def _as_values(name, value):
    if isinstance(value, (bool, np.bool_)) or isinstance(value, str):
        raise TypeError(f"{name} must be a finite number or an array of finite numbers; got {value!r}")
    if isinstance(value, numbers.Real):
        return check_real(name, value)
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a finite number or an array of finite numbers; got {value!r}") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain finite numbers only; got {value!r}")
    return arr


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
        ``(R - L) / (0.5 (R + L)) * 100`` [%]; positive when the right is larger. ``nan`` where ``R + L == 0``.
        Caveat: near-zero or zero-crossing signals give huge, meaningless values; prefer ranges, peaks or
        :func:`symmetry_angle`.

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
    mean = 0.5 * (r_a + l_a)
    with np.errstate(divide="ignore", invalid="ignore"):
        si = np.where(mean != 0, (r_a - l_a) / np.where(mean != 0, mean, 1.0) * 100.0, np.nan)
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
        Symmetry angle [%]; ``nan`` where both values are 0.

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
    with np.errstate(divide="ignore", invalid="ignore"):
        theta = np.where(r != 0, np.degrees(np.arctan(l_ / np.where(r != 0, r, 1.0))), 90.0 * np.sign(l_))
    bracket = 45.0 - theta
    bracket = np.where(bracket > 90.0, bracket - 180.0, bracket)
    sa = bracket / 90.0 * 100.0
    sa = np.where((r == 0) & (l_ == 0), np.nan, sa)
    sa = sa + 0.0  # turn -0.0 into 0.0
    return float(sa) if sa.ndim == 0 else sa


def _sway_arrays(geo, speed, stride_time, sway_m):
    """Extra sway work per stride [J], and metabolic change [% of running cost] from the step-width studies."""
    from runmech.body import _p

    m_upper = geo.m_thorax + geo.m_pelvis + geo.m_head + 2 * geo.m_arm
    amp = sway_m / 2.0
    work = m_upper * (2.0 * np.pi * amp / stride_time) ** 2
    com_extra = sway_m * m_upper / geo.mass  # extra centre-of-mass excursion [m]
    equiv_step_width_pct_leg = com_extra / _p("com_excursion_per_step_width") / geo.leg_length * 100.0
    metabolic = _p("step_width_cost_slope_pct_per_pct_leg") * equiv_step_width_pct_leg
    metabolic_w = work / stride_time * (1.0 / _p("muscle_efficiency_positive") + 1.0 / _p("muscle_efficiency_negative"))
    work_pct = metabolic_w / (_p("cost_of_running_J_kg_m") * geo.mass * speed) * 100.0
    return work, metabolic, work_pct


def lateral_sway_cost(runner, speed_m_s: float, lateral_sway_cm: float, *, cadence_spm: float | None = None):
    """Mechanical work per stride [J] and metabolic change [%] of extra side-to-side trunk sway.

    Parameters
    ----------
    runner : runmech.Runner
        The runner.
    speed_m_s : float
        Running speed [m / s], 0.5 to 10.
    lateral_sway_cm : float
        Extra peak-to-peak lateral excursion of the upper body [cm], 0 to 10.
    cadence_spm : float or None
        Cadence [steps / min], 140 to 220, or ``None`` for self-selected.

    Returns
    -------
    tuple of float
        ``(work_J_per_stride, metabolic_change_pct)``.

    Examples
    --------
    >>> from runmech import Runner
    >>> work, pct = lateral_sway_cost(Runner(), 3.0, 5.0)
    >>> bool(work > 0 and pct > 0)
    True
    """
    from runmech.body import Runner
    from runmech.gait import CADENCE_RANGE_SPM, SPEED_RANGE_M_S, _timing_arrays

    if not isinstance(runner, Runner):
        raise TypeError(f"runner must be a runmech.Runner; got {runner!r} ({type(runner).__name__})")
    v = check_real("speed_m_s", speed_m_s, low=SPEED_RANGE_M_S[0], high=SPEED_RANGE_M_S[1], unit="m/s")
    s = check_real("lateral_sway_cm", lateral_sway_cm, low=0, high=10, unit="cm")
    cad = check_real("cadence_spm", cadence_spm, low=CADENCE_RANGE_SPM[0], high=CADENCE_RANGE_SPM[1],
                     unit="steps/min", allow_none=True)
    tim = _timing_arrays(np.array([v]), cad)
    work, pct, _ = _sway_arrays(runner._geo, v, tim["stride_time_s"], s / 100.0)
    return float(np.atleast_1d(work)[0]), float(np.atleast_1d(pct)[0])
