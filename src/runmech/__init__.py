"""runmech: play with how the running body works, and turn it into a training plan.

The public surface is small:

- :class:`Runner`, :func:`simulate`, :func:`sweep` — the body model (:mod:`runmech.model`: torso rotation, hip
  torque, symmetry, sway, shock);
- :func:`claims` — the torso article's claims next to what the model and the studies say;
- :mod:`runmech.dosing` and :class:`Plan` — exercise dosing, the exercise catalogue, client plans and handouts;
- :mod:`runmech.recordings` — your own recordings (CSV, OpenSim .mot/.sto);
- :mod:`runmech.units` — kg/lb and speed/pace; :mod:`runmech.constants` — gravity, unit factors, shared limits.

Only numpy and pandas are imported here; the widgets in :mod:`runmech.ui` load plotly and ipywidgets on demand.
runmech never makes a network call.

Education only: runmech is not medical advice.
"""

from __future__ import annotations

from runmech import constants, dosing, model, recordings, units
from runmech._data import data_dir, sources
from runmech.dosing.plan import Plan
from runmech.model import Runner, Simulation, claims, simulate, sweep

__version__ = "0.1.0"

__all__ = [
    "Plan",
    "Runner",
    "Simulation",
    "__version__",
    "claims",
    "constants",
    "data_dir",
    "dosing",
    "model",
    "recordings",
    "simulate",
    "sources",
    "sweep",
    "units",
]
