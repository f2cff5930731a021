"""Frontal plane: side-to-side sway of the upper body and what it costs.

Extra side-to-side excursion of the upper body has to be started and stopped twice per stride. The positive work
that takes, per stride, is ``m_upper (2 pi f_stride a)^2`` with ``a`` half the extra excursion. The metabolic
estimate comes from the lateral-balance studies instead: Arellano & Kram (2011) measured the cost of running with
wider steps (+9/+12/+15 % at 15/20/25 % of leg length); the model treats extra centre-of-mass excursion as half of
an equivalent extra step width (a teaching assumption) and applies that slope. The work alone, charged at 25 %
efficiency for positive and 120 % for negative work (Margaria 1968), gives a much smaller lower bound
(``metabolic_sway_work_pct`` in the summary): controlling balance costs more than moving the mass.
The article's further claim that bobbing causes sacroiliac pain or sacral fractures is a teaching hypothesis that
no study has tested.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from runmech._validate import check_real
from runmech.model.ground import PHASE
from runmech.model.parameters import _p

__all__ = ["Sway", "sway", "lateral_sway_cost"]


@dataclass(frozen=True)
class Sway:
    """The frontal stage: side-to-side motion and its cost (``(n,)`` figures, ``(n, 101)`` curve).

    Attributes
    ----------
    work_J : numpy.ndarray
        Positive work of the extra sway per stride [J].
    metabolic_sway_pct, metabolic_sway_work_pct : numpy.ndarray
        Metabolic change from the step-width studies, and the work-only lower bound [% of running cost].
    com_lateral_pp_m : numpy.ndarray
        Peak-to-peak side-to-side centre-of-mass excursion [m].
    com_lateral_m : numpy.ndarray
        Side-to-side centre-of-mass position over the stride [m].

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> float(sway(Runner(), stride_timing([3.0]), lateral_sway_cm=0.0).work_J[0])
    0.0
    """

    work_J: np.ndarray
    metabolic_sway_pct: np.ndarray
    metabolic_sway_work_pct: np.ndarray
    com_lateral_pp_m: np.ndarray
    com_lateral_m: np.ndarray


def sway(runner, timing, *, lateral_sway_cm: float = 0.0) -> Sway:
    """The frontal stage: the work and cost of extra side-to-side sway of the upper body.

    Parameters
    ----------
    runner : runmech.Runner
        The body.
    timing : runmech.model.gait.Timing
        Stride timing.
    lateral_sway_cm : float
        Extra peak-to-peak side-to-side excursion of the upper body [cm].

    Returns
    -------
    Sway

    Examples
    --------
    >>> from runmech import Runner
    >>> from runmech.model.gait import stride_timing
    >>> s = sway(Runner(), stride_timing([3.0]), lateral_sway_cm=5.0)
    >>> bool(s.metabolic_sway_pct[0] > s.metabolic_sway_work_pct[0] > 0)
    True
    """
    geo = runner._geo
    sway_m = lateral_sway_cm / 100.0
    m_upper = geo.m_thorax + geo.m_pelvis + geo.m_head + 2 * geo.m_arm
    pp_lat = np.full(timing.speed_m_s.shape, _p("com_lateral_pp_m") + sway_m * m_upper / geo.mass)
    work, met, met_work = _sway_arrays(geo, timing.speed_m_s, timing.stride_time_s,
                                       np.full(timing.speed_m_s.shape, sway_m))
    com_lat = -0.5 * pp_lat[:, None] * np.cos(2.0 * np.pi * (PHASE[None, :] - timing.duty_factor[:, None] / 2.0))
    return Sway(work, met, met_work, pp_lat, com_lat)


def _sway_arrays(geo, speed, stride_time, sway_m):
    """Extra sway work per stride [J], and metabolic change [% of running cost] from the step-width studies."""
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
    from runmech.model.body import Runner
    from runmech.model.gait import CADENCE_RANGE_SPM, SPEED_RANGE_M_S, stride_timing

    if not isinstance(runner, Runner):
        raise TypeError(f"runner must be a runmech.Runner; got {runner!r} ({type(runner).__name__})")
    v = check_real("speed_m_s", speed_m_s, low=SPEED_RANGE_M_S[0], high=SPEED_RANGE_M_S[1], unit="m/s")
    s = check_real("lateral_sway_cm", lateral_sway_cm, low=0, high=10, unit="cm")
    cad = check_real("cadence_spm", cadence_spm, low=CADENCE_RANGE_SPM[0], high=CADENCE_RANGE_SPM[1],
                     unit="steps/min", allow_none=True)
    out = sway(runner, stride_timing(v, cad), lateral_sway_cm=s)
    return float(out.work_J[0]), float(out.metabolic_sway_pct[0])
