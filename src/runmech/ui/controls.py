"""The knob table on screen: sliders built from it, the model run through a cache, and legends generated from it.

- :data:`KNOBS` is the model's knob table (:mod:`runmech.model.knobs`): label (unit in words), slider range, step
  and legend of every knob. A knob added to the table appears in a panel by naming it in :class:`Controls`, and in a
  notebook's legend by naming it in :func:`legend`.
- :class:`Controls` builds the sliders a panel asks for (speed gets its pace beside it, cadence gets an
  "automatic" tick box, the runner gets mass/height/sex boxes) and returns the knobs as keyword arguments.
- :func:`run` calls :func:`runmech.simulate` through a small cache, so a slider moved back and forth, an animation
  frame or a "normal settings" reference costs nothing the second time. After a slider step, the step after it (the
  same way, the same size) is run ahead while the kernel is idle, so stepping with the arrow keys or dragging slowly
  finds each model run waiting (:meth:`Controls.observe`).

:mod:`runmech.ui.base` re-exports all of these.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

import ipywidgets as w

from runmech import units
from runmech._validate import check_array, check_bool, check_choice, check_real, check_text, shown
from runmech.model._stages import check_stage
from runmech.model import knobs as _knobs
from runmech.model.gait import self_selected_cadence
from runmech.ui import style
from runmech.ui.words import pace_words

__all__ = ["KNOBS", "MODEL_KNOBS", "UI_CONTROLS", "Controls", "run", "run_sweep", "default_runner", "legend",
           "Legend", "control_names"]

#: The model's knob table (:mod:`runmech.model.knobs`): one label, unit, range and legend per knob.
KNOBS = _knobs.KNOBS
MODEL_KNOBS = _knobs.MODEL_KNOBS
#: How long the kernel must have been idle after a slider step before the next step is run ahead [s].
READ_AHEAD_S = 0.05
log = logging.getLogger("runmech.ui")

#: Controls that are not knobs of the model: name -> (label on screen, what it can be set to, typical, legend).
UI_CONTROLS = {
    "cadence_auto": ("automatic cadence (typical for the speed)", "ticked or not", "ticked",
                     "When ticked, the model chooses the step rate for the speed; untick it to set the cadence "
                     "slider yourself."),
    "play": ("play or pause the stride", "play, pause, loop", "paused",
             "Starts or stops the animation, which loops over one stride."),
    "frame": ("position in the stride (percent)", "0–100 %", "0 %",
              "Picks one moment of the stride to look at: 0 % is the right foot's strike, 50 % the left's."),
    "view": ("show", "one plot of the screen at a time", "the first",
             "Picks which of a screen's plots is drawn; its sentence sits under it. The plots not shown are brought "
             "up to date when you pick them."),
    "words": ("sentences", "for the therapist or for the client", "for the therapist",
              "Writes the sentences under the plots for the therapist (units and indices) or for the client "
              "(everyday words, the same numbers)."),
}

# --------------------------------------------------------------------------------------------------------------
# the model, cached
# --------------------------------------------------------------------------------------------------------------

def _model():
    from runmech import model

    return model


@lru_cache(maxsize=4)
def _runner(mass_kg: float, height_m: float, sex: str):
    return _model().Runner(mass_kg=mass_kg, height_m=height_m, sex=sex)


def default_runner(mass_kg: float = 73.0, height_m: float = 1.74, sex: str = "male"):
    """The runner a panel uses unless told otherwise (built once and reused).

    Parameters
    ----------
    mass_kg : float
        Body mass [kg], within the knob table's range.
    height_m : float
        Standing height [m], within the knob table's range.
    sex : {"female", "male"}
        Sets the body-segment proportions.

    Examples
    --------
    >>> default_runner().mass_kg
    73.0
    """
    m, h = KNOBS["mass_kg"], KNOBS["height_m"]
    return _runner(check_real("mass_kg", mass_kg, low=m.low, high=m.high, unit=m.unit),
                   check_real("height_m", height_m, low=h.low, high=h.high, unit=h.unit),
                   check_choice("sex", sex, ["female", "male"]))



def _check_knobs(knobs: dict) -> tuple:
    """Knob values as the model takes them, each checked against the knob table (cadence may be None: automatic)."""
    clean = []
    for k, v in knobs.items():
        knob = KNOBS.get(k)
        if knob is None or k not in MODEL_KNOBS:
            raise TypeError(f"{k!r} is not a knob of the model; the knobs are {', '.join(MODEL_KNOBS)}")
        clean.append((k, _knobs._check_knob(k, v)))  # the model's own check of a knob's value
    return tuple(sorted(clean))


def _runner_key(runner) -> tuple:
    return (float(runner.mass_kg), float(runner.height_m), str(runner.sex))


@lru_cache(maxsize=512)
def _run_cached(runner_key: tuple, speed_m_s: float, knobs: tuple):
    return _model().simulate(_runner(*runner_key), speed_m_s=speed_m_s, **dict(knobs))


def run(runner, speed_m_s: float, **knobs: Any):
    """:func:`runmech.simulate` through a cache keyed on the runner and the knob values.

    Knobs left out take the model's defaults. Results are shared: do not modify the returned frames.

    Parameters
    ----------
    runner : Runner
        The runner.
    speed_m_s : float
        Running speed [m/s], within the knob table's range.
    **knobs : float
        Any knobs of :func:`runmech.simulate`, each within its range (``cadence_spm=None`` is automatic).

    Examples
    --------
    >>> sim = run(default_runner(), 3.0, arm_swing=1.0)
    >>> run(default_runner(), 3.0, arm_swing=1.0) is sim
    True
    """
    check_stage("runner", runner)
    k = KNOBS["speed_m_s"]
    speed = check_real("speed_m_s", speed_m_s, low=k.low, high=k.high, unit=k.unit)
    return _run_cached(_runner_key(runner), speed, _check_knobs(knobs))


@lru_cache(maxsize=32)
def _sweep_cached(runner_key: tuple, speeds: tuple, knobs: tuple):
    return _model().sweep(_runner(*runner_key), speeds_m_s=list(speeds), **dict(knobs))


def run_sweep(runner, speeds_m_s: Iterable[float], **knobs: Any):
    """:func:`runmech.sweep` through a cache (used for curves against speed that are built once per panel).

    Parameters
    ----------
    runner : Runner
        The runner.
    speeds_m_s : sequence of float
        Running speeds [m/s], at least one, each within the knob table's range.
    **knobs : float
        Any knobs of :func:`runmech.simulate`, each within its range.

    Examples
    --------
    >>> table = run_sweep(default_runner(), [2.5, 3.5])
    >>> len(table)
    2
    """
    check_stage("runner", runner)
    k = KNOBS["speed_m_s"]
    speeds = tuple(float(s) for s in check_array("speeds_m_s", speeds_m_s, low=k.low, high=k.high, unit=k.unit,
                                                 min_size=1, allow_scalar=False))
    return _sweep_cached(_runner_key(runner), speeds, _check_knobs(knobs))


# --------------------------------------------------------------------------------------------------------------
# controls
# --------------------------------------------------------------------------------------------------------------

def _slider(name: str, values: dict):
    """A slider for one knob of the table, at its starting value (the typical one when none is given)."""
    k = KNOBS[name]
    lo, hi = k.slider_range
    value = values.get(name)
    if value is None:
        value = k.default if k.default is not None else lo
    return style.slider(k.label, value=float(value), min=lo, max=hi, step=k.step, readout_format=k.fmt, wide=True)


class Controls:
    """The labelled controls of one panel, and the knob values they hold.

    Parameters
    ----------
    names : iterable of str
        Knobs to show, in order: any of :data:`KNOBS` (``"runner"`` adds mass, height and sex boxes).
    values : dict, optional
        Starting values (missing ones take :data:`KNOBS` defaults; ``cadence_spm=None`` means automatic).
    runner : Runner, optional
        The runner when no ``"runner"`` controls are shown.

    Examples
    --------
    >>> c = Controls(["speed_m_s", "arm_swing"], {"speed_m_s": 4.0})
    >>> c.knobs()
    {'arm_swing': 1.0}
    >>> c.speed()
    4.0
    >>> "min/km" in c.pace.value
    True
    """

    def __init__(self, names: Iterable[str], values: dict | None = None, runner=None):
        if isinstance(names, (str, bytes)) or not isinstance(names, Iterable):
            raise TypeError(f"names must be a list of control names, e.g. ['speed_m_s', 'arm_swing']; got "
                            f"{shown(names)}")
        self.names = [check_choice("names", n, list(KNOBS) + ["runner"]) for n in names]
        if values is not None and not isinstance(values, dict):
            raise TypeError(f"values must be a dict of starting values, e.g. {{'speed_m_s': 3.0}}; got {shown(values)}")
        values = dict(values or {})
        for key, value in values.items():
            knob = KNOBS.get(key)
            if key == "sex":
                values[key] = check_choice("sex", value, ["female", "male"])
            elif knob is None:
                raise TypeError(f"values has {key!r}, which is not a control; the controls are "
                                f"{', '.join(KNOBS)}, sex")
            else:
                values[key] = check_real(key, value, low=knob.low, high=knob.high, unit=knob.unit,
                                         allow_none=key == "cadence_spm")
        check_stage("runner", runner, allow_none=True)
        self.widgets: dict[str, w.Widget] = {}
        self._rows: list[w.Widget] = []
        self._runner = runner
        self.pace = w.HTML("")
        self.mass_lb = w.HTML("")
        self._ahead_of: set[str] = set()  # sliders whose next step is run ahead (Controls.observe)
        self._ahead = None  # the read-ahead waiting for the kernel to be idle
        for name in self.names:
            if name == "runner":
                self._add_runner(values)
            elif name == "cadence_spm":
                self._add_cadence(values.get("cadence_spm"))
            elif name == "speed_m_s":
                s = _slider(name, values)
                self.widgets[name] = s
                self.pace.value = self._pace_html(s.value)
                s.observe(self._on_speed, names="value")
                self._rows.append(w.HBox([s, self.pace], layout=w.Layout(align_items="center", flex_flow="row wrap")))
            else:
                s = _slider(name, values)
                self.widgets[name] = s
                self._rows.append(s)
        self._fixed_speed = float(values.get("speed_m_s", KNOBS["speed_m_s"].default))
        self._fixed = {k: v for k, v in values.items() if k in MODEL_KNOBS and k not in self.widgets}
        self._sync_cadence()

    def _on_speed(self, change) -> None:
        self.pace.value = self._pace_html(change["new"])
        self._sync_cadence()

    def _sync_cadence(self, change=None) -> None:
        """On automatic, the cadence slider shows the cadence the model uses at the current speed."""
        auto = self.widgets.get("cadence_auto")
        if auto is not None and auto.value:
            s = self.widgets["cadence_spm"]
            lo, hi = s.min, s.max
            s.value = float(min(max(round(self_selected_cadence(self.speed())), lo), hi))

    @staticmethod
    def _pace_html(speed_m_s: float) -> str:
        return (f"<span class='runmech-pace' style='margin-left:10px;font-size:14px;color:#222'>"
                f"{html.escape(pace_words(speed_m_s))}</span>")

    def _add_cadence(self, value: float | None) -> None:
        auto = w.Checkbox(value=value is None, description=UI_CONTROLS["cadence_auto"][0], indent=False,
                          layout=w.Layout(width="auto"))
        s = _slider("cadence_spm", {"cadence_spm": value})
        s.disabled = value is None
        auto.observe(lambda ch: setattr(s, "disabled", bool(ch["new"])), names="value")
        auto.observe(self._sync_cadence, names="value")
        self.widgets["cadence_spm"] = s
        self.widgets["cadence_auto"] = auto
        self._rows.append(w.HBox([s, auto], layout=w.Layout(align_items="center", flex_flow="row wrap")))

    def _add_runner(self, values: dict) -> None:
        style_ = {"description_width": "230px"}
        lay = w.Layout(width="100%", max_width="360px")
        mass = w.FloatText(value=float(values.get("mass_kg", KNOBS["mass_kg"].default)),
                           description=KNOBS["mass_kg"].label, step=0.5, style=style_, layout=lay)
        height = w.FloatText(value=float(values.get("height_m", KNOBS["height_m"].default)),
                             description=KNOBS["height_m"].label, step=0.01, style=style_, layout=lay)
        sex = w.Dropdown(options=[("female", "female"), ("male", "male")], value=values.get("sex", "male"),
                         description=_knobs.SEX_LABEL, style=style_, layout=lay)
        self.widgets.update(mass_kg=mass, height_m=height, sex=sex)
        self.mass_lb.value = self._lb_html(mass.value)
        mass.observe(lambda ch: setattr(self.mass_lb, "value", self._lb_html(ch["new"])), names="value")
        self._rows += [w.HBox([mass, self.mass_lb], layout=w.Layout(align_items="center")), height, sex]

    @staticmethod
    def _lb_html(mass_kg: float) -> str:
        try:
            lb = units.kg_to_lb(mass_kg)
        except (TypeError, ValueError):
            return ""
        return f"<span style='margin-left:10px'>= {lb:.0f} lb</span>"

    # -- values --------------------------------------------------------------------------------------------------
    def speed(self) -> float:
        """Speed in m/s (the slider's, or the fixed starting value when the panel has no speed slider)."""
        s = self.widgets.get("speed_m_s")
        return float(s.value) if s is not None else self._fixed_speed

    def knobs(self) -> dict:
        """Model knobs (keyword arguments of :func:`runmech.simulate` other than speed)."""
        out = dict(self._fixed)
        for name in MODEL_KNOBS:
            if name == "cadence_spm" and "cadence_spm" in self.widgets:
                out[name] = None if self.widgets["cadence_auto"].value else float(self.widgets[name].value)
            elif name in self.widgets:
                out[name] = float(self.widgets[name].value)
        return out

    def runner(self):
        """The runner: from the mass/height/sex boxes if shown, else the one given (or the default runner)."""
        if "mass_kg" in self.widgets:
            return _model().Runner(mass_kg=self.widgets["mass_kg"].value, height_m=self.widgets["height_m"].value,
                                   sex=self.widgets["sex"].value)
        return self._runner if self._runner is not None else default_runner()

    def simulate(self):
        """One (cached) model run with the current values."""
        return run(self.runner(), self.speed(), **self.knobs())

    def observe(self, callback: Callable[..., Any]) -> None:
        """Call ``callback(change)`` whenever any control changes what the model is given.

        The cadence slider follows the speed while on automatic; those moves change nothing the model is given, so
        they call nobody.
        """
        if not callable(callback):
            raise TypeError(f"callback must be a function taking one change, e.g. lambda change: None; got "
                            f"{shown(callback)}")
        auto = self.widgets.get("cadence_auto")
        for name, wid in self.widgets.items():
            if name == "cadence_spm" and auto is not None:
                wid.observe(lambda ch: None if auto.value else callback(ch), names="value")
            else:
                wid.observe(callback, names="value")
        speed = self.widgets.get("speed_m_s")
        if speed is not None:  # the pace and the automatic cadence follow the plots, so the plots redraw first
            speed.unobserve(self._on_speed, names="value")
            speed.observe(self._on_speed, names="value")
        for name, wid in self.widgets.items():  # last of all: the next step is run ahead once the screen is done
            if isinstance(wid, (w.FloatSlider, w.IntSlider)) and (name == "speed_m_s" or name in MODEL_KNOBS):
                if name in self._ahead_of:  # moved to the end of the list: after the panel's new callback
                    wid.unobserve(self._read_ahead, names="value")
                wid.observe(self._read_ahead, names="value")
                self._ahead_of.add(name)

    def _next_step(self, change) -> dict | None:
        """The model's arguments for the step after ``change`` (a slider's move), the same way and the same size.

        None when there is no such step: the slider is at its end, the move changed nothing, or the control is not a
        model slider (or the cadence slider, while the cadence is automatic).

        Examples
        --------
        >>> c = Controls(["speed_m_s", "arm_swing"])
        >>> c._next_step({"owner": c["speed_m_s"], "old": 3.0, "new": 3.1})
        {'speed_m_s': 3.2, 'arm_swing': 1.0}
        >>> c._next_step({"owner": c["arm_swing"], "old": 1.1, "new": 1.0})
        {'speed_m_s': 3.0, 'arm_swing': 0.9}
        >>> c._next_step({"owner": c["speed_m_s"], "old": 6.9, "new": 7.0}) is None  # at the end of the slider
        True
        """
        owner, old, new = change.get("owner"), change.get("old"), change.get("new")
        name = next((n for n, wid in self.widgets.items() if wid is owner), None)
        if name is None or not isinstance(owner, (w.FloatSlider, w.IntSlider)) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in (old, new)):
            return None
        if name == "cadence_spm" and self.widgets["cadence_auto"].value:
            return None
        after = round(min(max(new + (new - old), owner.min), owner.max), 10)
        if after == new:
            return None
        knobs = self.knobs()
        if name == "speed_m_s":
            return {"speed_m_s": after, **knobs}
        knobs[name] = after
        return {"speed_m_s": self.speed(), **knobs}

    def _read_ahead(self, change) -> None:
        """Run the model for the next step while the kernel has nothing to do; a newer move cancels it."""
        if self._ahead is not None:
            self._ahead.cancel()
            self._ahead = None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a script, the unit tests): nothing is run ahead
            return
        args = self._next_step(change)
        if args is None:
            return

        def ahead() -> None:
            self._ahead = None
            try:
                run(self.runner(), **args)
            except Exception:  # noqa: BLE001 - a step nobody asked for yet: its error shows if the user gets there
                log.debug("runmech: the model run ahead for %s failed", args, exc_info=True)

        self._ahead = loop.call_later(READ_AHEAD_S, ahead)

    def box(self) -> w.VBox:
        """The controls stacked in one box."""
        return w.VBox(self._rows)

    def __getitem__(self, name: str) -> w.Widget:
        return self.widgets[name]

    def shown(self) -> list[str]:
        """Names of every control shown, in order, as :func:`legend` takes them.

        Examples
        --------
        >>> Controls(["runner", "cadence_spm"]).shown()
        ['mass_kg', 'height_m', 'sex', 'cadence_spm', 'cadence_auto']
        """
        return control_names(self.names)


def control_names(names: Iterable[str]) -> list[str]:
    """Control names with the groups :class:`Controls` expands: ``"runner"`` is mass, height and sex, and a cadence
    slider comes with its "automatic" tick box.

    Examples
    --------
    >>> control_names(["speed_m_s", "cadence_spm"])
    ['speed_m_s', 'cadence_spm', 'cadence_auto']
    """
    if isinstance(names, (str, bytes)) or not isinstance(names, Iterable):
        raise TypeError(f"names must be a list of control names, e.g. ['speed_m_s', 'arm_swing']; got {shown(names)}")
    out: list[str] = []
    for name in names:
        check_text("names", name, max_chars=80, single_line=True)
        out += ["mass_kg", "height_m", "sex"] if name == "runner" else [name]
        if name == "cadence_spm":
            out.append("cadence_auto")
    return list(dict.fromkeys(out))


class Legend:
    """A "Legend of every control" that shows as a Markdown table in a notebook and as plain text elsewhere.

    Examples
    --------
    >>> Legend("| a | b |", folded=True)._repr_markdown_().startswith("<details>")
    True
    """

    def __init__(self, markdown: str, *, folded: bool = False):
        self.markdown = check_text("markdown", markdown)
        self.folded = check_bool("folded", folded)

    def _repr_markdown_(self) -> str:
        if self.folded:
            return f"<details><summary><b>What the controls mean</b></summary>\n\n{self.markdown}\n\n</details>"
        return self.markdown

    def __repr__(self) -> str:
        return self.markdown


def legend(names: Iterable[str], *, folded: bool = False) -> Legend:
    """The legend of a notebook's or dashboard's controls, generated from the knob table.

    Parameters
    ----------
    names : iterable of str
        Controls in the order the panels show them: knobs of :data:`KNOBS` (or ``"runner"``, ``"sex"``), and the
        controls of :data:`UI_CONTROLS` (``"cadence_auto"``, ``"play"``, ``"frame"``, ``"words"``).
    folded : bool
        Fold the table under "What the controls mean" (the clinic dashboards).

    Returns
    -------
    Legend
        Displays as a Markdown table: control, range, typical value, what it changes.

    Examples
    --------
    >>> text = repr(legend(["speed_m_s", "cadence_spm"]))
    >>> "| speed (metres per second) | 1.5–7 m/s |" in text and "| automatic cadence" in text
    True
    >>> legend(["speed"])
    Traceback (most recent call last):
    ...
    ValueError: names must hold controls from speed_m_s, arm_swing, ..., sex, cadence_auto, play, frame, view, words; got 'speed'
    """
    if isinstance(names, str):
        raise TypeError(f"names must be a list of control names, e.g. ['speed_m_s', 'arm_swing']; got {names!r}")
    folded = check_bool("folded", folded)
    names = control_names(names)
    bad = [n for n in names if n not in KNOBS and n not in UI_CONTROLS and n != "sex"]
    if bad:
        allowed = [*KNOBS, "runner", "sex", *UI_CONTROLS]
        raise ValueError(f"names must hold controls from {', '.join(allowed)}; got {bad[0]!r}")
    rows = _knobs.legend_table([n for n in names if n not in UI_CONTROLS]).splitlines()
    for n in names:
        if n in UI_CONTROLS:
            label, values, typical, text = UI_CONTROLS[n]
            rows.append(f"| {label} | {values} | {typical} | {text} |")
    return Legend("\n".join(rows), folded=folded)
