"""The one check that a model stage was handed the outputs of the stages before it (not None, not a bool)."""

from __future__ import annotations

import importlib

from runmech._validate import check_instance

# parameter name -> (module, class, how a message names it)
_KINDS = {
    "runner": ("runmech.model.body", "Runner", "a runmech.Runner"),
    "timing": ("runmech.model.gait", "Timing", "a Timing from runmech.model.gait.stride_timing"),
    "ground": ("runmech.model.ground", "GroundForce", "a GroundForce from runmech.model.ground.ground_force"),
    "sway": ("runmech.model.frontal", "Sway", "a Sway from runmech.model.frontal.sway"),
    "twist": ("runmech.model.transverse", "Twist", "a Twist from runmech.model.transverse.twist"),
    "hips": ("runmech.model.hip", "HipMotion", "a HipMotion from runmech.model.hip.hip_moments"),
    "shock": ("runmech.model.shock", "Shock", "a Shock from runmech.model.shock.shock_response"),
}


def check_stages(allow_none=(), **given):
    """Check each keyword against the class its name stands for; ``TypeError`` naming the first one that is not.

    Examples
    --------
    >>> from runmech.model.gait import stride_timing
    >>> check_stages(timing=stride_timing([3.0]), ground=None, allow_none=("ground",))
    >>> check_stages(timing=None)
    Traceback (most recent call last):
    ...
    TypeError: timing must be a Timing from runmech.model.gait.stride_timing; got None (NoneType)
    """
    for name, value in given.items():
        module, cls, what = _KINDS[name]
        check_instance(name, value, getattr(importlib.import_module(module), cls), what,
                       allow_none=name in allow_none)
