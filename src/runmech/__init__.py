"""runmech: play with how the running body works, and turn it into a training plan.

The public surface is small:

- :class:`Runner`, :func:`simulate`, :func:`sweep` — the body model (torso rotation, hip torque, symmetry, sway, shock);
- :func:`claims` — the torso article's claims next to what the model and the studies say;
- :mod:`runmech.dosing`, :mod:`runmech.exercises`, :class:`Plan` — exercise dosing, the catalogue and client plans;
- :mod:`runmech.io` — your own recordings (CSV, OpenSim .mot/.sto);
- :mod:`runmech.units` — kg/lb and speed/pace.

Only numpy and pandas are imported here; the widgets in :mod:`runmech.ui` load plotly and ipywidgets on demand.
runmech never makes a network call.

Education only: runmech is not medical advice.
"""

from __future__ import annotations

from runmech import dosing, exercises, io, symmetry, units
from runmech._data import data_dir, sources
from runmech.body import Runner
from runmech.evidence import claims
from runmech.plan import Plan
from runmech.simulate import Simulation, simulate, sweep

__version__ = "0.1.0"

__all__ = [
    "Plan",
    "Runner",
    "Simulation",
    "__version__",
    "claims",
    "data_dir",
    "dosing",
    "exercises",
    "io",
    "simulate",
    "sources",
    "sweep",
    "symmetry",
    "units",
]
