"""The one check that a model function was handed the runner, the stride timing, the leg or the outputs of the stages
before it (not None, not a bool): :func:`check_stage` for one, :func:`check_stages` for several."""

from __future__ import annotations

import functools
import importlib

from runmech._validate import check_instance

# parameter name -> (module, class, how a message names it)
_KINDS = {
    "runner": ("runmech.model.body", "Runner", "a runmech.Runner (e.g. Runner(mass_kg=73, height_m=1.74))"),
    "timing": ("runmech.model.gait", "Timing", "a Timing from runmech.model.gait.stride_timing([3.0])"),
    "ground": ("runmech.model.ground", "GroundForce", "a GroundForce from runmech.model.ground.ground_force"),
    "segments": ("runmech.model.leg", "LegSegments", "a LegSegments from runmech.model.leg.leg_segments(Runner())"),
    "sway": ("runmech.model.frontal", "Sway", "a Sway from runmech.model.frontal.sway"),
    "twist": ("runmech.model.transverse", "Twist", "a Twist from runmech.model.transverse.twist"),
    "hips": ("runmech.model.hip", "HipMotion", "a HipMotion from runmech.model.hip.hip_moments"),
    "shock": ("runmech.model.shock", "Shock", "a Shock from runmech.model.shock.shock_response"),
}


def check_stage(name: str, value, *, allow_none: bool = False):
    """``value`` if it is what the parameter ``name`` stands for (a ``runner``, ``timing``, ``ground``, ...), else a
    ``TypeError`` naming the parameter.

    Examples
    --------
    >>> from runmech import Runner
    >>> check_stage("runner", Runner()).mass_kg
    73.0
    >>> check_stage("runner", True)
    Traceback (most recent call last):
    ...
    TypeError: runner must be a runmech.Runner (e.g. Runner(mass_kg=73, height_m=1.74)); got True (bool)
    """
    return check_instance(name, value, _class(name), _KINDS[name][2], allow_none=allow_none)


@functools.lru_cache(maxsize=None)
def _class(name: str) -> type:
    """The class a parameter name stands for (imported when first asked: the stages' modules import this one)."""
    module, cls, _what = _KINDS[name]
    return getattr(importlib.import_module(module), cls)


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
        check_stage(name, value, allow_none=name in allow_none)
