"""The body model: a runner and a few knobs in, one stride of motion, forces and summary figures out.

Data flow (runner + knobs -> stages -> summary -> panels), one module a stage:

- :mod:`~runmech.model.body` — the runner's segments (de Leva 1996) and :mod:`~runmech.model.parameters`, the
  model's parameters with their sources (``data/model_parameters.csv``);
- :mod:`~runmech.model.gait` — cadence, stride length, contact and flight time, scaled with leg length (Froude);
- :mod:`~runmech.model.leg` — smooth hip and knee curves and the two-segment leg (thigh; shank with foot);
- :mod:`~runmech.model.ground` — vertical (impact and active) and fore-aft ground force, leg and vertical stiffness;
- :mod:`~runmech.model.hip` — hip moment by inverse dynamics of the leg and an iliopsoas estimate;
- :mod:`~runmech.model.transverse` — angular momentum about the vertical of legs, pelvis, thorax and arms;
- :mod:`~runmech.model.frontal` — side-to-side sway and its cost;
- :mod:`~runmech.model.shock` — the impact travelling up the body;
- :mod:`~runmech.model.symmetry` — symmetry index and angle (the one definition, also used for recordings);
- :mod:`~runmech.model.knobs` — the one table of knobs (range, unit, label, legend);
- :mod:`~runmech.model.compose` — :func:`simulate` and :func:`sweep`, the stages in order;
- :mod:`~runmech.model.summary` — the one definition of every summary quantity;
- :mod:`~runmech.model.evidence` — the torso article's claims beside the model and the studies;
- :mod:`~runmech.model.validation` — the model beside every published figure, fit and validation rows apart.

Only numpy and pandas are imported here.
"""

from __future__ import annotations

from runmech.model.body import Runner, segment_table
from runmech.model.compose import SimParams, Simulation, simulate, sweep
from runmech.model.evidence import claims
from runmech.model.knobs import KNOBS, Knob
from runmech.model.parameters import model_parameters

__all__ = ["KNOBS", "Knob", "Runner", "SimParams", "Simulation", "claims", "model_parameters", "segment_table",
           "simulate", "sweep"]
