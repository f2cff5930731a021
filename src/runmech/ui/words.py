"""Numbers and settings in words, for the live sentences under every plot (the therapist's and the client's).

The region modules write their sentences with these helpers, so a speed, a cadence or an arm-swing setting reads the
same way everywhere. :mod:`runmech.ui.base` re-exports them.
"""

from __future__ import annotations

from runmech import units
from runmech._validate import check_bool, check_int, check_real, check_text, shown

__all__ = ["fmt", "pace_words", "speed_words", "arm_words", "cadence_words", "cause_words", "times_normal_words",
           "WORDS", "THERAPIST", "CLIENT"]

#: Who the live sentences are written for: the therapist's words (units, indices) or the client's (plain words).
THERAPIST, CLIENT = "therapist", "client"
WORDS = (THERAPIST, CLIENT)


def fmt(x: float, digits: int = 1) -> str:
    """A number for a sentence: fixed digits, a true minus sign, no "-0.0".

    Examples
    --------
    >>> fmt(-0.04), fmt(2.345, 2), fmt(-3.0, 0)
    ('0.0', '2.35', '−3')
    """
    x = check_real("x", x)
    digits = check_int("digits", digits, low=0, high=12)
    text = f"{x:.{digits}f}"
    if float(text) == 0.0:
        text = text.lstrip("-")
    return text.replace("-", "−")


def pace_words(speed_m_s: float) -> str:
    """Pace beside a speed slider, e.g. ``= 5:33 min/km · 8:56 min/mile``.

    Examples
    --------
    >>> pace_words(3.0)
    '= 5:33 min/km · 8:56 min/mile'
    """
    return (f"= {units.format_pace(units.pace_s_per_km(speed_m_s))} min/km · "
            f"{units.format_pace(units.pace_s_per_mile(speed_m_s))} min/mile")


def speed_words(speed_m_s: float, *, plain: bool = False) -> str:
    """Speed with both paces, for the start of a summary; ``plain`` gives the pace alone, as a runner says it.

    Examples
    --------
    >>> speed_words(3.0)
    '3.0 m/s (5:33 min/km, 8:56 min/mile)'
    >>> speed_words(3.0, plain=True)
    'a pace of 5:33 per kilometre (8:56 per mile)'
    """
    if check_bool("plain", plain):
        return (f"a pace of {units.format_pace(units.pace_s_per_km(speed_m_s))} per kilometre "
                f"({units.format_pace(units.pace_s_per_mile(speed_m_s))} per mile)")
    return units.describe_speed(speed_m_s)


def arm_words(arm_swing: float) -> str:
    """Arm swing in words.

    Examples
    --------
    >>> arm_words(0.0), arm_words(1.0), arm_words(1.5)
    ('arms held still', 'normal arm swing', 'arm swing 1.50 times normal')
    """
    arm_swing = check_real("arm_swing", arm_swing, low=0.0)
    if arm_swing == 0:
        return "arms held still"
    if abs(arm_swing - 1.0) < 1e-9:
        return "normal arm swing"
    return f"arm swing {arm_swing:.2f} times normal"


def times_normal_words(scale: float, noun: str) -> str:
    """A "times normal" setting in plain words: ``noun`` as normal, or how much more or less of it.

    Examples
    --------
    >>> times_normal_words(1.0, "spine stiffness"), times_normal_words(2.0, "spine stiffness")
    ('normal spine stiffness', 'spine stiffness twice normal')
    >>> times_normal_words(0.5, "trunk muscle control")
    'trunk muscle control half of normal'
    """
    scale = check_real("scale", scale, low=0.0)
    noun = check_text("noun", noun, max_chars=80, single_line=True)
    if abs(scale - 1.0) < 0.025:
        return f"normal {noun}"
    if abs(scale - 2.0) < 0.025:
        return f"{noun} twice normal"
    if abs(scale - 0.5) < 0.025:
        return f"{noun} half of normal"
    return f"{noun} {fmt(scale, 2)} times normal"


def cause_words(knobs: dict, *, plain: bool = False, none: str = "both sides alike") -> str:
    """The one-sided causes set on the sliders, in words (``none`` when every side is alike).

    The causes are the knob table's one-sided spine stiffness (``rotation_asymmetry_pct``, + = stiffer against
    turning to the left), one arm's weaker drive (``arm_swing_asymmetry_pct``, + = the left arm) and one longer step
    (``step_length_asymmetry_pct``, + = the right step); ``plain`` says them for the client.

    Examples
    --------
    >>> cause_words({"rotation_asymmetry_pct": 20.0, "step_length_asymmetry_pct": -10.0})
    'the spine 20 % stiffer against turning to the left and a 10 % longer left step'
    >>> cause_words({"arm_swing_asymmetry_pct": -30.0}, plain=True)
    'the right arm swinging with 30 % less drive'
    >>> cause_words({})
    'both sides alike'
    """
    if not isinstance(knobs, dict):
        raise TypeError(f"knobs must be a dict of knob values, e.g. {{'rotation_asymmetry_pct': 10.0}}; got "
                        f"{shown(knobs)}")
    plain = check_bool("plain", plain)
    none = check_text("none", none, max_chars=200, single_line=True)
    spine, arm, step = (check_real(k, knobs.get(k, 0.0) or 0.0) for k in
                        ("rotation_asymmetry_pct", "arm_swing_asymmetry_pct", "step_length_asymmetry_pct"))
    causes = []
    if spine:
        side = "left" if spine > 0 else "right"
        causes.append(f"a back that resists turning to the {side} {fmt(abs(spine), 0)} % more" if plain else
                      f"the spine {fmt(abs(spine), 0)} % stiffer against turning to the {side}")
    if arm:
        side = "left" if arm > 0 else "right"
        causes.append(f"the {side} arm swinging with {fmt(abs(arm), 0)} % less drive" if plain else
                      f"the {side} arm's drive {fmt(abs(arm), 0)} % weaker")
    if step:
        side = "right" if step > 0 else "left"
        causes.append(f"the {side} step {fmt(abs(step), 0)} % longer" if plain else
                      f"a {fmt(abs(step), 0)} % longer {side} step")
    return " and ".join(causes) if causes else none


def cadence_words(sim, controls) -> str:
    """Cadence in words, saying whether it is the model's self-selected one or the user's choice.

    Examples
    --------
    >>> from runmech.ui.base import Controls
    >>> c = Controls(["speed_m_s", "cadence_spm"], {"cadence_spm": 180})
    >>> cadence_words(c.simulate(), c)
    '180 steps per minute (your choice)'
    """
    if not hasattr(sim, "summary") or not hasattr(sim.summary, "get"):
        raise TypeError(f"sim must be a model run (runmech.simulate's result); got {shown(sim)}")
    if not callable(getattr(controls, "knobs", None)):
        raise TypeError(f"controls must be a panel's Controls; got {shown(controls)}")
    auto = controls.knobs().get("cadence_spm") is None
    return f"{fmt(sim.summary['cadence_spm'], 0)} steps per minute" + (" (automatic)" if auto else " (your choice)")
