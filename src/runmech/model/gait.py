"""Gait timing: cadence, stride length, contact and flight time, scaled with the runner's leg length.

Runners of different size run alike at the same *Froude speed* ``v / sqrt(g L)`` (dynamic similarity; ``L`` is the
leg length), so the timing relations are written without units and scaled back with the runner's leg length:

Cadence (a fit)
    The self-selected step frequency in units of ``sqrt(g / L)`` is a quadratic in Froude speed, fitted to treadmill
    cadences at 2.4–4.5 m/s (Fukuchi et al. 2017 data; van Oeveren et al. 2017) and to the rise of stride frequency
    between 3.5, 5.2 and 7 m/s reported by Dorn et al. (2012), so the cadence keeps rising through 4–5 m/s. Shorter
    legs give a higher cadence at the same speed.
Contact time (an independent relation)
    The duty factor (contact time over stride time) is a power law of Froude speed fitted to typical treadmill
    contact times; it is not derived from any force data, so the peak vertical force computed from it in
    :mod:`runmech.model.ground` is a prediction. With a cadence override the contact time changes with a power of
    the cadence ratio (set from the leg-stiffness change that Farley & Gonzalez 1996 measured, see the parameter
    notes).
Speed range
    The relations hold for distance and fast running, not for sprinting: above about 7 m/s runners switch to a
    different strategy (Dorn et al. 2012). Speeds outside the knob table's range raise a ``ValueError``.

Everything here works on numpy arrays, so a whole sweep of speeds is computed at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from runmech._validate import check_real
from runmech.constants import GRAVITY_M_S2
from runmech.model.body import Runner
from runmech.model.knobs import KNOBS
from runmech.model.parameters import _p

__all__ = ["Timing", "self_selected_cadence", "stride_timing", "timing", "SPEED_RANGE_M_S", "CADENCE_RANGE_SPM",
           "PHASE"]

#: Stride phase of the model's curves: 101 samples, 0 = right foot strike, the last repeats the first.
PHASE = np.linspace(0.0, 1.0, 101)
#: Phase since the left foot's strike (at 0.5) on the same samples, ``(1, 101)`` [-] (made once, read-only).
PHASE_LEFT = np.mod(PHASE[None, :] - 0.5, 1.0)
PHASE_LEFT.flags.writeable = False

#: Speeds the model accepts [m / s] (from the knob table).
SPEED_RANGE_M_S = (KNOBS["speed_m_s"].low, KNOBS["speed_m_s"].high)
#: Cadences the model accepts [steps / min] (from the knob table).
CADENCE_RANGE_SPM = (KNOBS["cadence_spm"].low, KNOBS["cadence_spm"].high)


@dataclass(frozen=True)
class Timing:
    """Stride timing at one or more speeds: the first stage of the model (arrays of shape ``(n,)``).

    Attributes
    ----------
    speed_m_s : numpy.ndarray
        Running speed [m / s].
    cadence_spm, cadence_self_spm : numpy.ndarray
        Cadence used and the self-selected cadence for the speed [steps / min].
    step_time_s, stride_time_s, contact_time_s, flight_time_s : numpy.ndarray
        Times of one step, one stride, one contact and one flight [s].
    stride_length_m : numpy.ndarray
        Stride length (two steps) [m].
    duty_factor : numpy.ndarray
        Contact time over stride time [-].
    leg_length_m : numpy.ndarray
        The runner's leg length the timing was scaled with [m].
    froude_speed : numpy.ndarray
        Dimensionless speed ``v / sqrt(g L)`` [-].

    Examples
    --------
    >>> t = stride_timing([3.0])
    >>> round(float(t.stride_length_m[0]), 2)
    2.31
    """

    speed_m_s: np.ndarray
    cadence_spm: np.ndarray
    cadence_self_spm: np.ndarray
    step_time_s: np.ndarray
    stride_time_s: np.ndarray
    stride_length_m: np.ndarray
    contact_time_s: np.ndarray
    flight_time_s: np.ndarray
    duty_factor: np.ndarray
    leg_length_m: np.ndarray
    froude_speed: np.ndarray


def _leg_length(runner) -> float:
    if runner is None:
        return _default_leg()
    if not isinstance(runner, Runner):
        raise TypeError(f"runner must be a runmech.Runner or None; got {runner!r} ({type(runner).__name__})")
    return runner._geo.leg_length


@lru_cache(maxsize=1)
def _default_leg() -> float:
    return Runner()._geo.leg_length


def _cadence_self(v, leg):
    """Self-selected cadence [steps / min]: dimensionless step frequency against Froude speed (a fit)."""
    vh = v / np.sqrt(GRAVITY_M_S2 * leg)
    f_hat = _p("cadence_f0") + _p("cadence_f1") * vh + _p("cadence_f2") * vh * vh
    return 60.0 * f_hat * np.sqrt(GRAVITY_M_S2 / leg)


def self_selected_cadence(speed_m_s, *, runner=None):
    """Self-selected cadence for a running speed [steps / min], scaled with the runner's leg length.

    Parameters
    ----------
    speed_m_s : float or numpy.ndarray
        Running speed [m / s], within the knob table's range (1.5 to 7).
    runner : Runner or None
        The runner (its leg length); ``None`` = the default runner (1.74 m).

    Returns
    -------
    float or numpy.ndarray
        Cadence [steps / min].

    Examples
    --------
    >>> round(float(self_selected_cadence(3.0)))
    156
    >>> from runmech import Runner
    >>> bool(self_selected_cadence(3.0, runner=Runner(height_m=1.6)) > self_selected_cadence(3.0))
    True
    """
    v = _speeds(speed_m_s)
    out = _cadence_self(v, _leg_length(runner))
    return float(out[0]) if np.ndim(speed_m_s) == 0 else out


def _speeds(speed_m_s) -> np.ndarray:
    """Speeds as a 1-d float array, each checked against the model's range (one number or a sequence)."""
    try:
        ndim = np.ndim(speed_m_s)
    except ValueError:  # ragged nesting
        ndim = -1
    if ndim == 0:
        return np.array([check_real("speed_m_s", speed_m_s, low=SPEED_RANGE_M_S[0], high=SPEED_RANGE_M_S[1],
                                    unit="m/s")])
    allowed = f"a sequence of numbers from {SPEED_RANGE_M_S[0]:g} to {SPEED_RANGE_M_S[1]:g} [m/s]"
    if isinstance(speed_m_s, (str, bytes)):
        raise TypeError(f"speed_m_s must be {allowed}; got {speed_m_s!r}")
    try:
        if ndim < 0:
            raise TypeError
        arr = np.asarray(speed_m_s)
        if arr.dtype == bool or arr.dtype.kind not in "iuf":
            raise TypeError
        v = arr.astype(float).ravel()
    except (TypeError, ValueError):
        raise TypeError(f"speed_m_s must be {allowed}; got {speed_m_s!r}") from None
    if not 1 <= v.size <= 10000:
        raise ValueError(f"speed_m_s must hold 1 to 10000 speeds; got {v.size}")
    bad = ~np.isfinite(v) | (v < SPEED_RANGE_M_S[0]) | (v > SPEED_RANGE_M_S[1])
    if bad.any():
        raise ValueError(f"speed_m_s must be {allowed}; got {v[bad][0]!r}")
    return v


def stride_timing(speed_m_s, cadence_spm: float | None = None, *, runner=None) -> Timing:
    """The timing stage: cadence, stride length, contact and flight time at one or many speeds.

    Parameters
    ----------
    speed_m_s : float or sequence of float
        Running speed(s) [m / s], each within the model's range.
    cadence_spm : float or None
        Cadence [steps / min]; ``None`` uses the self-selected cadence for each speed.
    runner : Runner or None
        The runner whose leg length scales the timing; ``None`` = the default runner (1.74 m).

    Returns
    -------
    Timing
        Arrays of shape ``(n,)``.

    Examples
    --------
    >>> t = stride_timing([2.5, 3.5])
    >>> bool(t.cadence_spm[1] > t.cadence_spm[0])
    True
    """
    v = _speeds(speed_m_s)
    cad = check_real("cadence_spm", cadence_spm, low=CADENCE_RANGE_SPM[0], high=CADENCE_RANGE_SPM[1],
                     unit="steps/min", allow_none=True)
    return Timing(**_timing_arrays(v, cad, _leg_length(runner)))


def _timing_arrays(v: np.ndarray, cadence_spm: float | None, leg: float) -> dict[str, np.ndarray]:
    """Vectorised timing; ``v`` is an array of speeds [m/s], already validated; ``leg`` the leg length [m]."""
    cad_self = _cadence_self(v, leg)
    cad = cad_self if cadence_spm is None else np.full_like(v, cadence_spm)
    step_time = 60.0 / cad
    froude = v / np.sqrt(GRAVITY_M_S2 * leg)
    duty_self = _p("duty_factor_d0") * froude ** (-_p("duty_factor_exponent"))
    tc = duty_self * 120.0 / cad_self * (cad_self / cad) ** _p("contact_time_cadence_exponent")
    tc = np.minimum(tc, _p("max_contact_fraction_of_step") * step_time)
    return {
        "speed_m_s": v,
        "cadence_spm": cad,
        "cadence_self_spm": cad_self,
        "step_time_s": step_time,
        "stride_time_s": 2.0 * step_time,
        "stride_length_m": v * 2.0 * step_time,
        "contact_time_s": tc,
        "flight_time_s": step_time - tc,
        "duty_factor": tc / (2.0 * step_time),
        "leg_length_m": np.full_like(v, leg),
        "froude_speed": froude,
    }


def timing(speed_m_s: float, *, cadence_spm: float | None = None, runner=None) -> pd.Series:
    """Cadence, stride and step times, stride length, contact and flight time at one speed.

    Parameters
    ----------
    speed_m_s : float
        Running speed [m / s], 1.5 to 7.
    cadence_spm : float or None
        Cadence [steps / min], 140 to 220; ``None`` (default) uses the self-selected cadence for the speed.
    runner : Runner or None
        The runner (leg length); ``None`` = the default runner.

    Returns
    -------
    pandas.Series
        ``cadence_spm`` [steps/min], ``step_time_s``, ``stride_time_s``, ``contact_time_s``, ``flight_time_s`` [s],
        ``stride_length_m`` [m] and ``duty_factor`` (contact time over stride time).

    Examples
    --------
    >>> t = timing(3.0)
    >>> round(float(t["stride_length_m"]), 2), round(float(t["contact_time_s"]), 3)
    (2.31, 0.252)
    """
    v = check_real("speed_m_s", speed_m_s, low=SPEED_RANGE_M_S[0], high=SPEED_RANGE_M_S[1], unit="m/s")
    t = stride_timing(v, cadence_spm, runner=runner)
    names = ("cadence_spm", "step_time_s", "stride_time_s", "stride_length_m", "contact_time_s", "flight_time_s",
             "duty_factor")
    return pd.Series({k: float(getattr(t, k)[0]) for k in names})


