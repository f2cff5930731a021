"""Interactive panels (ipywidgets + plotly) for the notebooks and the clinic dashboards.

Importing this package loads plotly and ipywidgets; the model core never does. Every panel is a function returning an
ipywidgets container; notebook cells only call them. Panels are importable from here or from their topic module, and
each topic module is imported on first use only:

- speed and pace: :func:`pace_panel` (:mod:`runmech.ui.start`)
- torso: :func:`rotation_basics_panel`, :func:`rotation_animation_panel`, :func:`shock_panel`, :func:`symmetry_panel`,
  :func:`sway_panel`, :func:`torso_lab_panel` (:mod:`runmech.ui.torso`; shock and sway in :mod:`runmech.ui.shock`
  and :mod:`runmech.ui.sway`)
- hips: :func:`hip_stride_panel`, :func:`hip_speed_panel`, :func:`hip_symmetry_panel` (:mod:`runmech.ui.hips`)
- lower leg: :func:`ground_force_panel`, :func:`leg_side_view_panel`, :func:`impact_panel` (:mod:`runmech.ui.lower_leg`)
- clinic dashboards as screens: :func:`torso_screens`, :func:`hips_screens`, :func:`lower_leg_screens`, built with
  :func:`screens` (:mod:`runmech.ui.dashboard`)
- the legend of every control, generated from the knob table: :func:`legend` (:mod:`runmech.ui.controls`)
- dosing: :func:`dose_calculator_panel`, :func:`plan_builder_panel` (:mod:`runmech.ui.dosing`)
- your data: :func:`your_data_panel`, :class:`YourDataLab` (:mod:`runmech.ui.your_data`)
- tables: :func:`claims_table`, :func:`exercise_table` (:mod:`runmech.ui.tables`)

Shared looks live in :mod:`runmech.ui.style`; panel plumbing in :mod:`runmech.ui.base`; sentences' number and setting
words in :mod:`runmech.ui.words`.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "pace_panel": "start",
    "rotation_basics_panel": "torso",
    "rotation_animation_panel": "torso",
    "shock_panel": "torso",
    "symmetry_panel": "torso",
    "sway_panel": "torso",
    "torso_lab_panel": "torso",
    "torso_screens": "torso",
    "hips_screens": "hips",
    "lower_leg_screens": "lower_leg",
    "screens": "dashboard",
    "legend": "controls",
    "hip_stride_panel": "hips",
    "hip_speed_panel": "hips",
    "hip_symmetry_panel": "hips",
    "ground_force_panel": "lower_leg",
    "leg_side_view_panel": "lower_leg",
    "impact_panel": "lower_leg",
    "dose_calculator_panel": "dosing",
    "plan_builder_panel": "dosing",
    "your_data_panel": "your_data",
    "YourDataLab": "your_data",
    "claims_table": "tables",
    "exercise_table": "tables",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(f"runmech.ui.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'runmech.ui' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
