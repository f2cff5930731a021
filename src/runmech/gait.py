"""Gait timing: cadence, stride length, contact and flight time as functions of running speed.

The self-selected cadence is a quadratic in speed fitted to treadmill stride times (Fukuchi et al. 2017 data and
van Oeveren et al. 2017); contact time falls as a power of speed (coefficients in ``data/model_parameters.csv``).
A cadence override shortens contact time in proportion to a power of the cadence ratio (an estimate, see the
parameter notes). Everything here works on numpy arrays, so a whole sweep of speeds is computed at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from runmech._validate import check_real
from runmech.body import _p

__all__ = ["self_selected_cadence", "timing", "SPEED_RANGE_M_S", "CADENCE_RANGE_SPM"]

SPEED_RANGE_M_S = (0.5, 10.0)
CADENCE_RANGE_SPM = (140.0, 220.0)


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
    v = np.asarray(speed_m_s, dtype=float)
    if v.ndim == 0:
        check_real("speed_m_s", float(v), low=SPEED_RANGE_M_S[0], high=SPEED_RANGE_M_S[1], unit="m/s")
    out = _p("cadence_c0_spm") + _p("cadence_c1_spm_per_m_s") * v + _p("cadence_c2_spm_per_m2_s2") * v * v
    return float(out) if out.ndim == 0 else out


def _timing_arrays(v: np.ndarray, cadence_spm: float | None) -> dict[str, np.ndarray]:
    """Vectorised timing; ``v`` is an array of speeds [m/s], already validated."""
    cad_self = _p("cadence_c0_spm") + _p("cadence_c1_spm_per_m_s") * v + _p("cadence_c2_spm_per_m2_s2") * v * v
    cad = cad_self if cadence_spm is None else np.full_like(v, cadence_spm)
    step_time = 60.0 / cad
    tc = _p("contact_time_a_s") * v ** (-_p("contact_time_b"))
    tc = tc * (cad_self / cad) ** _p("contact_time_cadence_exponent")
    tc = np.minimum(tc, _p("max_contact_fraction_of_step") * step_time)
    return {
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
    cad = check_real("cadence_spm", cadence_spm, low=CADENCE_RANGE_SPM[0], high=CADENCE_RANGE_SPM[1],
                     unit="steps/min", allow_none=True)
    out = _timing_arrays(np.array([v]), cad)
    return pd.Series({k: float(a[0]) for k, a in out.items() if k != "cadence_self_spm"})
