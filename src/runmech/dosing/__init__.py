"""Exercise dosing (the client-inputs -> doses -> plan -> handout flow): one-repetition maximum, %1RM, the article's rules for the next session, mobility doses, bands.

The torso article gives the rules a therapist starts from, and they are this module's defaults (all overridable):

- **strength**: a load that allows only 8-12 repetitions; always at least 2 sets; once 3 sets of 12 are easy, add
  load until the client is back in the 8-12 range (:func:`next_session`);
- **mobility**: 1-2 sets of 10-15 per side, with one extra set on the more limited side (:func:`mobility_dose`).

Around them sit the tools a student uses to question those rules: seven published one-repetition-maximum (1RM)
equations and the NSCA %1RM chart (:func:`estimate_1rm`, :func:`load_for_reps`, :func:`one_rm_table`), and the
force of elastic bands by colour (:func:`band_force`, :func:`next_band`).

Every number taken from a study or a chart is read from ``data/`` (``one_rm_formulas.csv``,
``percent_1rm_nsca.csv``, ``bands.csv``, ``dosing_rules.csv``), each row naming its source in ``data/sources.csv``.
Loads are kilograms inside; every result also gives pounds.

Validated repetition ranges
---------------------------
The 1RM equations agree with each other, and with measured 1RMs, up to about 10 repetitions and spread apart
beyond (LeSuer et al. 1997). Each method has a *validated* limit (column ``valid_reps_max``: 10 for Epley,
Brzycki, Lander, Lombardi and O'Conner; 12 for Mayhew and Wathan; 12 for the NSCA chart) and a *hard* limit
(``hard_reps_max``: 30; 15 for the NSCA chart, its last row):

- reps up to the validated limit: no warning;
- reps above it, up to the hard limit: the result is returned with a :class:`DosingWarning`;
- reps above the hard limit, 0, negative or fractional: ``ValueError``.

Even inside the validated range, the number of reps people manage at a given %1RM varies widely (Nuzzo et al.
2024), so every estimate is a starting guess to be checked against how the client actually lifts.

Modules
-------
:mod:`~runmech.dosing.strength` (1RM and %1RM), :mod:`~runmech.dosing.progression` (next session, load rounding,
the starting load from today's test), :mod:`~runmech.dosing.mobility`, :mod:`~runmech.dosing.elastic_bands`,
:mod:`~runmech.dosing.exercises` (the catalogue), :mod:`~runmech.dosing.poses` and :mod:`~runmech.dosing.drawings`
(a figure with de Leva's proportions posed from ``data/exercise_poses.csv``, as inline SVG),
:mod:`~runmech.dosing.wording` (every client-facing sentence and number format, in the client's language) with
:mod:`~runmech.dosing.translations` (the gettext catalogues), :mod:`~runmech.dosing.plan` (a client's plan and its
JSON file, schema 2) with :mod:`~runmech.dosing.planjson` (reading plan files safely) and
:mod:`~runmech.dosing.handout` (the printable page; it imports the plan, never the reverse). Dosing stands beside
the body model and never imports it.

Education only: this is not medical advice.
"""

from __future__ import annotations

from runmech.constants import MAX_LOAD_KG, MAX_SET_REPS, MAX_SETS
from runmech.dosing.elastic_bands import band_colours, band_for_force, band_force, bands, next_band, previous_band
from runmech.dosing.mobility import MobilityDose, mobility_dose
from runmech.dosing.progression import Recommendation, next_session, round_load
from runmech.dosing.strength import (
    DosingWarning,
    estimate_1rm,
    load_for_reps,
    methods,
    one_rm_table,
    percent_1rm,
    rules,
)

__all__ = [
    "DosingWarning",
    "Recommendation",
    "MobilityDose",
    "methods",
    "rules",
    "estimate_1rm",
    "load_for_reps",
    "percent_1rm",
    "one_rm_table",
    "next_session",
    "mobility_dose",
    "bands",
    "band_colours",
    "band_force",
    "next_band",
    "previous_band",
    "band_for_force",
    "round_load",
    "MAX_LOAD_KG",
    "MAX_SET_REPS",
    "MAX_SETS",
]
