"""Physical constants, unit factors and limits shared across runmech, each defined once.

Every other module takes these from here, so gravity or a pound is the same number in the model, the recordings and
the dosing calculators. Figures taken from studies do not belong here: they live in ``data/`` with their sources.

Examples
--------
>>> round(GRAVITY_M_S2, 3), round(KG_PER_LB * LB_PER_KG, 12)
(9.807, 1.0)
"""

from __future__ import annotations

__all__ = [
    "GRAVITY_M_S2", "KG_PER_LB", "LB_PER_KG", "M_PER_MILE", "LOAD_UNITS",
    "MAX_LOAD_KG", "MAX_SET_REPS", "MAX_SETS", "MAX_HOLD_S", "MAX_ELONGATION_PCT", "PACE_SPEED_RANGE_M_S",
    "PLOTLY_ESM_URL_ENV",
]

#: Standard gravity [m / s^2] (3rd CGPM, 1901): used for body weight, forces in body weights and accelerations in g.
GRAVITY_M_S2 = 9.80665
#: Kilograms in one international pound (exact, 1959).
KG_PER_LB = 0.45359237
#: Pounds in one kilogram.
LB_PER_KG = 1.0 / KG_PER_LB
#: Metres in one international mile (exact).
M_PER_MILE = 1609.344
#: The load units a user may choose.
LOAD_UNITS = ("kg", "lb")

# --- dose limits: what a calculator, a plan or a command accepts (more is a typing slip, not a training dose) ---
#: Heaviest load any dosing function or plan accepts [kg].
MAX_LOAD_KG = 1000.0
#: Most repetitions in one set.
MAX_SET_REPS = 50
#: Most sets of one exercise in one session.
MAX_SETS = 10
#: Longest hold of one repetition [s].
MAX_HOLD_S = 600.0
#: Band elongation the band chart covers [% of resting length].
MAX_ELONGATION_PCT = 200.0

# --- what a pace is shown for ---
#: Slowest and fastest speeds turned into a pace [m/s]: a slow walk (a kilometre in 2 h 47 min) to faster than any
#: sprinter; outside them a pace is a typing slip.
PACE_SPEED_RANGE_M_S = (0.1, 15.0)

# --- the servers and the panels ---
#: Environment variable by which the lab and clinic servers tell their kernels where plotly's browser bundle is
#: served once (runmech.apps.servers sets it; runmech.ui.style gives figures a small module importing it).
PLOTLY_ESM_URL_ENV = "RUNMECH_PLOTLY_ESM_URL"
