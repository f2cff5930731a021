"""The one table of knobs: every input a user can turn, with its range, unit, label and legend.

:func:`runmech.simulate` and :func:`runmech.sweep` check their keyword arguments against this table, the panels in
:mod:`runmech.ui` build their sliders from it, and the notebooks' "Legend of every control" is generated from it, so
a knob has one range, one unit and one meaning wherever it appears.

Each knob changes a physical cause (a drive, a stiffness, a range on one side); what the body does is computed.

Examples
--------
>>> KNOBS["arm_swing"].default, KNOBS["arm_swing"].unit
(1.0, '-')
>>> sorted(MODEL_KNOBS)[:2]
['arm_swing', 'arm_swing_asymmetry_pct']
"""

from __future__ import annotations

from dataclasses import dataclass

from runmech._validate import check_choice, check_instance, check_real, check_text

__all__ = ["Knob", "KNOBS", "MODEL_KNOBS", "RUNNER_FIELDS", "legend_table"]


#: Units a knob may carry, and its slider's readout formats.
KNOB_UNITS = ("m/s", "%", "-", "cm", "kg", "m", "steps/min")
KNOB_FORMATS = (".0f", ".1f", ".2f", ".3f")


@dataclass(frozen=True)
class Knob:
    """One input: its name, the range the model accepts, its default, and how it appears on screen.

    Parameters
    ----------
    name : str
        Keyword argument name, unit in the name (``speed_m_s``).
    low, high : float
        Range the model accepts [unit]; a value outside raises ``ValueError`` naming the knob.
    default : float or None
        Value of a typical runner; ``None`` means "automatic" (the model chooses, e.g. the self-selected cadence).
    unit : {"m/s", "%", "-", "cm", "kg", "m", "steps/min"}
        Short unit used in error messages (``"-"`` for a ratio).
    label : str
        Control label with the unit in words, short enough for a slider.
    legend : str
        One or two sentences for the notebook's legend of controls: what the knob changes, in plain words.
    step : float
        Slider step.
    fmt : {".0f", ".1f", ".2f", ".3f"}
        Readout format of the slider.
    slider_low, slider_high : float or None
        Slider range when it is narrower than the accepted range (``None``: the accepted range).
    group : {"speed", "knob", "runner"}
        ``"knob"`` is a keyword of :func:`runmech.simulate`, ``"runner"`` a field of :class:`runmech.Runner`.

    Examples
    --------
    >>> k = KNOBS["speed_m_s"]
    >>> k.slider_range[0] >= k.low
    True
    """

    name: str
    low: float
    high: float
    default: float | None
    unit: str
    label: str
    legend: str
    step: float = 0.1
    fmt: str = ".1f"
    slider_low: float | None = None
    slider_high: float | None = None
    group: str = "knob"

    def __post_init__(self) -> None:
        check_text("name", self.name, max_chars=80, single_line=True, min_chars=1)
        low = check_real("low", self.low)
        check_real("high", self.high, low=low)
        check_real("default", self.default, low=low, high=self.high, allow_none=True)
        object.__setattr__(self, "unit", check_choice("unit", self.unit, KNOB_UNITS))
        check_text("label", self.label, max_chars=200, single_line=True, min_chars=1)
        check_text("legend", self.legend, max_chars=2000, min_chars=1)
        check_real("step", self.step, low=0.0, low_inclusive=False, high=self.high - low if self.high > low else None)
        check_choice("fmt", self.fmt, KNOB_FORMATS)
        check_real("slider_low", self.slider_low, low=low, high=self.high, allow_none=True)
        check_real("slider_high", self.slider_high, low=low if self.slider_low is None else self.slider_low,
                   high=self.high, allow_none=True)
        check_choice("group", self.group, ("speed", "knob", "runner"))

    @property
    def slider_range(self) -> tuple[float, float]:
        """``(low, high)`` of the slider [unit].

        Examples
        --------
        >>> KNOBS["mass_kg"].slider_range
        (35.0, 150.0)
        """
        return (self.low if self.slider_low is None else self.slider_low,
                self.high if self.slider_high is None else self.slider_high)


_TABLE = (
    Knob("speed_m_s", 1.5, 7.0, 3.0, "m/s", "speed (metres per second)",
         "Running speed in metres per second; the pace per kilometre and per mile is shown beside it. The model "
         "holds from jogging (1.5 m/s) to fast running (7 m/s); sprinting is beyond it.",
         0.1, ".1f", group="speed"),
    Knob("arm_swing", 0.0, 2.0, 1.0, "-", "arm drive (times normal; 0 = arms held still)",
         "How hard the shoulder muscles drive the arm swing compared with a typical runner: 2 drives them twice as "
         "hard; a runner who drives less holds the arms stiffer, and 0 holds them still against the chest. How far "
         "the arms then swing is computed.",
         0.05, ".2f"),
    Knob("rotation_asymmetry_pct", -50.0, 50.0, 0.0, "%", "one-sided spine stiffness (percent, + = stiffer to the left)",
         "How much stiffer the spine is against turning the upper body to one side, in percent: positive stiffens "
         "turning to the left, negative turning to the right. How lopsided the rotation becomes is computed.",
         1.0, ".0f"),
    Knob("arm_swing_asymmetry_pct", -50.0, 50.0, 0.0, "%", "one arm weaker (percent, + = left arm)",
         "How much weaker one arm's drive is, in percent: positive weakens the left arm, negative the right arm.",
         1.0, ".0f"),
    Knob("step_length_asymmetry_pct", -30.0, 30.0, 0.0, "%", "one step longer (percent, + = right step)",
         "How much longer one leg's swing, and so its step, is than the other's, in percent: positive makes the "
         "right step longer, negative the left.", 1.0, ".0f"),
    Knob("lateral_sway_cm", 0.0, 10.0, 0.0, "cm", "side-to-side trunk lean (centimetres, end to end)",
         "Extra side-to-side travel of the shoulders over the pelvis as the trunk leans towards each stance foot, "
         "in centimetres from one side to the other, on top of the body's normal sway.", 0.5, ".1f"),
    Knob("spine_stiffness_scale", 0.25, 4.0, 1.0, "-", "spine stiffness (times normal)",
         "Stiffness of the spine compared with typical, both in compression (how it passes on an impact) and in "
         "twist (how closely the chest follows the pelvis): above 1 is a stiffer spine, below 1 a more compliant "
         "one.", 0.05, ".2f"),
    Knob("trunk_damping_scale", 0.25, 4.0, 1.0, "-", "trunk muscle control (damping, times normal)",
         "How strongly the trunk muscles damp the bounce after each impact, compared with typical: below 1 stands "
         "for weak or tired trunk muscles.", 0.05, ".2f"),
    Knob("cadence_spm", 140.0, 220.0, None, "steps/min", "cadence (steps per minute)",
         "Steps per minute (both feet). Left on automatic, the model picks a typical cadence for the speed; untick "
         "to set your own.", 1.0, ".0f"),
    Knob("mass_kg", 20.0, 250.0, 73.0, "kg", "body mass (kilograms)",
         "The runner's body mass in kilograms (pounds shown beside it).", 0.5, ".1f", 35.0, 150.0, group="runner"),
    Knob("height_m", 1.0, 2.3, 1.74, "m", "height (metres)", "The runner's standing height in metres.",
         0.01, ".2f", 1.4, 2.1, group="runner"),
)

#: Every knob by name.
KNOBS: dict[str, Knob] = {k.name: k for k in _TABLE}
#: The keyword-only knobs of :func:`runmech.simulate` and :func:`runmech.sweep`, in order.
MODEL_KNOBS: tuple[str, ...] = tuple(k.name for k in _TABLE if k.group == "knob")
#: The numeric fields of :class:`runmech.Runner` (``sex`` is a choice: "female" or "male").
RUNNER_FIELDS: tuple[str, ...] = tuple(k.name for k in _TABLE if k.group == "runner")

def _check_knob(name: str, value):
    """A knob's value as a float, checked against the knob's range (``ValueError``/``TypeError`` naming it).

    Parameters
    ----------
    name : str
        A key of :data:`KNOBS`.
    value : float or None
        The value given (``None`` only where the knob's default is ``None``, e.g. ``cadence_spm``).

    Returns
    -------
    float or None

    Examples
    --------
    >>> _check_knob("arm_swing", 0.5)
    0.5
    >>> _check_knob("arm_swing", 3)
    Traceback (most recent call last):
    ...
    ValueError: arm_swing must be a finite number from 0 to 2 [-]; got 3
    """
    k = KNOBS[name]
    return check_real(name, value, low=k.low, high=k.high, unit=k.unit, allow_none=k.default is None)


#: The label and legend of the one non-numeric runner field.
SEX_LABEL = "sex (sets body-segment proportions)"
SEX_LEGEND = "Female or male body-segment proportions (de Leva 1996 tables)."


def legend_table(names) -> str:
    """A notebook's "Legend of every control" as Markdown, generated from the knob table.

    Parameters
    ----------
    names : sequence of str
        Knob names in the order the panel shows them; ``"sex"`` adds the body-proportions choice.

    Returns
    -------
    str
        A Markdown table: control label, range with unit, typical value, and what it changes.

    Examples
    --------
    >>> print(legend_table(["arm_swing"]).splitlines()[2])
    | arm drive (times normal; 0 = arms held still) | 0–2 | 1 | How hard the shoulder muscles drive the arm swing compared with a typical runner: 2 drives them twice as hard; a runner who drives less holds the arms stiffer, and 0 holds them still against the chest. How far the arms then swing is computed. |
    """
    names = check_instance("names", names, (list, tuple), "a list of knob names, e.g. ['speed_m_s', 'arm_swing']")
    rows = ["| control | range | typical | what it changes |", "|---|---|---|---|"]
    for i, name in enumerate(names):
        name = check_text(f"names[{i}]", name, max_chars=80, single_line=True)
        if name == "sex":
            rows.append(f"| {SEX_LABEL} | female or male | male | {SEX_LEGEND} |")
            continue
        if name not in KNOBS:
            raise ValueError(f"names must hold knob names from {', '.join(KNOBS)} or 'sex'; got {name!r}")
        k = KNOBS[name]
        lo, hi = k.slider_range
        unit = "" if k.unit == "-" else f" {k.unit}"
        typical = "automatic" if k.default is None else f"{k.default:g}{unit}"
        rows.append(f"| {k.label} | {lo:g}–{hi:g}{unit} | {typical} | {k.legend} |")
    return "\n".join(rows)
