"""Gait timing: cadence, stride length, contact and flight time as functions of running speed.

The self-selected cadence is a quadratic in speed fitted to treadmill stride times (Fukuchi et al. 2017 data and
van Oeveren et al. 2017); contact time falls as a power of speed (coefficients in ``data/model_parameters.csv``).
A cadence override shortens contact time in proportion to a power of the cadence ratio (an estimate, see the
parameter notes). Everything here works on numpy arrays, so a whole sweep of speeds is computed at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from runmech._validate import check_real
from runmech.model.knobs import KNOBS
from runmech.model.parameters import _p

__all__ = ["Timing", "self_selected_cadence", "stride_timing", "timing", "SPEED_RANGE_M_S", "CADENCE_RANGE_SPM"]

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


def _cadence_self(v):
    return _p("cadence_c0_spm") + _p("cadence_c1_spm_per_m_s") * v + _p("cadence_c2_spm_per_m2_s2") * v * v


def self_selected_cadence(speed_m_s):
    """Self-selected cadence for a running speed [steps / min].

    Parameters
    ----------
    speed_m_s : float or numpy.ndarray
        Running speed [m / s], 0.5 to 10.

    Returns
    -------
    float or numpy.ndarray
        Cadence [steps / min].

    Examples
    --------
    >>> round(float(self_selected_cadence(3.0)))
    156
    """
    v = _speeds(speed_m_s)
    out = _cadence_self(v)
    return float(out[0]) if np.ndim(speed_m_s) == 0 else out


def _speeds(speed_m_s) -> np.ndarray:
    """Speeds as a 1-d float array, each checked against the model's range (one number or a sequence)."""
    if np.ndim(speed_m_s) == 0:
        return np.array([check_real("speed_m_s", speed_m_s, low=SPEED_RANGE_M_S[0], high=SPEED_RANGE_M_S[1],
                                    unit="m/s")])
    allowed = f"a sequence of numbers from {SPEED_RANGE_M_S[0]:g} to {SPEED_RANGE_M_S[1]:g} [m/s]"
    if isinstance(speed_m_s, (str, bytes)):
        raise TypeError(f"speed_m_s must be {allowed}; got {speed_m_s!r}")
    try:
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


def stride_timing(speed_m_s, cadence_spm: float | None = None) -> Timing:
    """The timing stage: cadence, stride length, contact and flight time at one or many speeds.

    Parameters
    ----------
    speed_m_s : float or sequence of float
        Running speed(s) [m / s], each within the model's range.
    cadence_spm : float or None
        Cadence [steps / min]; ``None`` uses the self-selected cadence for each speed.

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
    return Timing(**_timing_arrays(v, cad))


def _timing_arrays(v: np.ndarray, cadence_spm: float | None) -> dict[str, np.ndarray]:
    """Vectorised timing; ``v`` is an array of speeds [m/s], already validated."""
    cad_self = _cadence_self(v)
    cad = cad_self if cadence_spm is None else np.full_like(v, cadence_spm)
    step_time = 60.0 / cad
    tc = _p("contact_time_a_s") * v ** (-_p("contact_time_b"))
    tc = tc * (cad_self / cad) ** _p("contact_time_cadence_exponent")
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
    }


def timing(speed_m_s: float, *, cadence_spm: float | None = None) -> pd.Series:
    """Cadence, stride and step times, stride length, contact and flight time at one speed.

    Parameters
    ----------
    speed_m_s : float
        Running speed [m / s], 0.5 to 10.
    cadence_spm : float or None
        Cadence [steps / min], 140 to 220; ``None`` (default) uses the self-selected cadence for the speed.

    Returns
    -------
    pandas.Series
        ``cadence_spm`` [steps/min], ``step_time_s``, ``stride_time_s``, ``contact_time_s``, ``flight_time_s`` [s],
        ``stride_length_m`` [m] and ``duty_factor`` (contact time over stride time).

    Examples
    --------
    >>> t = timing(3.0)
    >>> round(float(t["stride_length_m"]), 2), round(float(t["contact_time_s"]), 3)
    (2.31, 0.251)
    """
    v = check_real("speed_m_s", speed_m_s, low=SPEED_RANGE_M_S[0], high=SPEED_RANGE_M_S[1], unit="m/s")
    t = stride_timing(v, cadence_spm)
    names = ("cadence_spm", "step_time_s", "stride_time_s", "stride_length_m", "contact_time_s", "flight_time_s",
             "duty_factor")
    return pd.Series({k: float(getattr(t, k)[0]) for k in names})
