"""The your-data lab: load a recording (or the synthetic example), see its strides, statistics, symmetry and how it
compares with the model and with healthy runners, and export the results.

One :class:`YourDataLab` holds the recording and every control; its panels show parts of it, so a notebook can put
text between them while they all follow the same recording:

- :meth:`YourDataLab.source_panel` — upload a file or type its path (inside the data folder), reading options, the
  real trial shipped with runmech, the synthetic example, preview;
- :meth:`YourDataLab.strides_panel` — the chosen variable over time with foot strikes, and every stride overlaid;
- :meth:`YourDataLab.stats_panel` — the statistics table and the symmetry plot with the healthy-runner band;
- :meth:`YourDataLab.model_panel` — measured values beside the model at the runner's speed and the reference ranges;
- :meth:`YourDataLab.export_panel` — a CSV download link.

:func:`your_data_panel` puts all of them in one box (for Voila). A bad file or setting never shows a traceback: the
message appears beside the control and the last good results stay on screen.

The path box reads only files inside one data folder (``data_dir``; default the environment variable
``RUNMECH_DATA_DIR``, else the folder the notebook runs in): on a shared server (Binder, JupyterHub) it never shows
the content, or the existence, of any other file the server can read. Uploads always work.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from runmech import recordings
from runmech._validate import check_choice, check_instance, check_path, check_real, check_text
from runmech.model.body import Runner
from runmech.recordings.columns import split_side
from runmech.ui import style
from runmech.ui import your_data_plots as plots
from runmech.ui.your_data_plots import QUANTITY_WORDS

__all__ = ["YourDataLab", "your_data_panel", "QUANTITY_WORDS"]

_WIDE, _STYLE = plots._WIDE, plots._STYLE
AUTO, NONE = plots.AUTO, plots.NONE
#: Environment variable naming the folder the path box may read from.
DATA_DIR_ENV = "RUNMECH_DATA_DIR"
_READ_OPTIONS = {".trc": ("allow_gaps",), ".c3d": ()}


_RECORDING = "a recording (a pandas.DataFrame from runmech.recordings)"
#: File endings the lab reads (the upload box offers these; the ending picks the reader and its options).
_ENDINGS = (".csv", ".tsv", ".txt", ".mot", ".sto", ".trc", ".c3d")


class YourDataLab(plots.LabDrawing):
    """The your-data lab: one recording, its strides, statistics, symmetry and model comparison, with controls.

    Parameters
    ----------
    recording : pandas.DataFrame, optional
        A recording from :func:`runmech.recordings.read_recording`; default the synthetic example
        (:func:`runmech.recordings.example_recording`).
    speed_m_s : float
        Running speed of the recording [m/s], 2 to 6 (also the synthetic runner's speed).
    asymmetry_pct : float
        One-sided spine stiffness of the synthetic runner (the model's ``rotation_asymmetry_pct``) [%], -30 to 30.
    mass_kg, height_m : float
        The runner's body mass [kg] (30 to 200) and height [m] (1.2 to 2.2), for the model and for dividing forces and
        moments by body mass.
    sex : {"male", "female"}
        Selects the model's segment table.
    data_dir : str or pathlib.Path, optional
        The only folder the path box reads from (default: ``$RUNMECH_DATA_DIR``, else the current folder).

    Attributes
    ----------
    recording : pandas.DataFrame
        The recording shown.
    strides : runmech.recordings.Strides
    stats : runmech.recordings.StrideStats
    comparison : pandas.DataFrame
        From :func:`runmech.recordings.compare_with_model`.
    figures : dict of plotly FigureWidget
        ``signal``, ``strides``, ``symmetry``, ``model``.
    texts : dict of ipywidgets.HTML
        The live summary under each figure and table (same keys plus ``source`` and ``export``).

    Examples
    --------
    >>> lab = YourDataLab()
    >>> lab.stats.synthetic, "SYNTHETIC" in lab.summary("source")
    (True, True)
    >>> before = lab.summary("symmetry")
    >>> lab.controls["asymmetry"].value = -20.0
    >>> lab.summary("symmetry") != before
    True
    """

    def __init__(self, recording: pd.DataFrame | None = None, *, speed_m_s: float = 3.0, asymmetry_pct: float = 10.0,
                 mass_kg: float = 73.0, height_m: float = 1.74, sex: str = "male",
                 data_dir: str | os.PathLike | None = None) -> None:
        speed_m_s = check_real("speed_m_s", speed_m_s, low=2.0, high=6.0, unit="m/s")
        asymmetry_pct = check_real("asymmetry_pct", asymmetry_pct, low=-30.0, high=30.0, unit="%")
        recording = check_instance("recording", recording, pd.DataFrame, _RECORDING, allow_none=True)
        runner = Runner(mass_kg=mass_kg, height_m=height_m, sex=sex)
        folder = check_path("data_dir", data_dir, kind="dir", allow_none=True)
        if folder is None:
            folder = Path(os.environ.get(DATA_DIR_ENV) or os.getcwd())
        self.data_dir = folder.expanduser().resolve()
        self.speed_note = ""
        self.pairs: dict[str, tuple[str, str]] = {}
        self._quiet = 0
        self._build_controls(speed_m_s, asymmetry_pct, runner)
        self._build_outputs()
        if recording is None:
            recording = self._synthetic()
        self._speed_from(recording)
        self.recording = None
        self._commit(recording, *self._analyse(recording, fresh=True, pairs={}), pairs={})
        self._wire()

    # ------------------------------------------------------------------------------------------------ controls
    def _build_controls(self, speed: float, asym: float, runner: Runner) -> None:
        c: dict[str, Any] = {}
        c["upload"] = w.FileUpload(accept=",".join(_ENDINGS), multiple=False,
                                   description="upload a recording", layout=w.Layout(width="260px"))
        c["path"] = w.Text(description="or a file in the data folder", placeholder="e.g. trials/run01.mot",
                           style=_STYLE, layout=_WIDE)
        c["load"] = w.Button(description="load the file at this path", layout=w.Layout(width="260px"))
        c["angles"] = w.Dropdown(description="angles in the file",
                                 options=[("as the file says (degrees if silent)", "auto"), ("degrees", "degrees"),
                                          ("radians", "radians")], value="auto", style=_STYLE, layout=_WIDE)
        c["time_column"] = w.Text(description="time column name (blank = automatic)", style=_STYLE, layout=_WIDE)
        c["time_unit"] = w.Dropdown(description="time unit in the file",
                                    options=[("seconds", "s"), ("milliseconds", "ms")], value="s", style=_STYLE,
                                    layout=_WIDE)
        c["allow_gaps"] = w.Checkbox(description="keep gaps (missing values); strides with gaps are left out",
                                     value=False, indent=False, layout=_WIDE)
        c["asymmetry"] = style.slider("synthetic runner: spine asymmetry (percent)", value=asym,
                                      min=-30.0, max=30.0, step=1.0, readout_format=".0f", continuous_update=False)
        c["synthetic"] = w.Button(description="use the synthetic example", layout=w.Layout(width="260px"))
        c["trial"] = w.Button(description="use the real trial (OpenSim)", layout=w.Layout(width="260px"),
                              tooltip="OpenSim's running example, CC BY 4.0: one right and one left stance")
        c["variable"] = w.Dropdown(description="variable to look at", style=_STYLE, layout=_WIDE)
        c["sides"] = w.ToggleButtons(description="sides shown", options=[("right and left", "both"),
                                     ("right only", "right"), ("left only", "left")], value="both", style=_STYLE)
        c["force_right"] = w.Dropdown(description="right foot vertical force column", style=_STYLE, layout=_WIDE)
        c["force_left"] = w.Dropdown(description="left foot vertical force column", style=_STYLE, layout=_WIDE)
        c["threshold"] = style.slider("contact threshold (percent of peak force)", value=5.0, min=1.0,
                                      max=30.0, step=1.0, readout_format=".0f", continuous_update=False)
        c["pair_right"] = w.Dropdown(description="pair: right-side column", style=_STYLE, layout=_WIDE)
        c["pair_left"] = w.Dropdown(description="pair: left-side column", style=_STYLE, layout=_WIDE)
        c["pair"] = w.Button(description="treat these two as right and left", layout=w.Layout(width="260px"))
        c["speed"] = style.slider("running speed (metres per second)", value=speed, min=2.0,
                                  max=6.0, step=0.1, continuous_update=False)
        c["mass"] = w.BoundedFloatText(description="body mass (kilograms)", value=runner.mass_kg, min=30, max=200,
                                       step=0.5, style=_STYLE, layout=_WIDE)
        c["height"] = w.BoundedFloatText(description="height (metres)", value=runner.height_m, min=1.2, max=2.2,
                                         step=0.01, style=_STYLE, layout=_WIDE)
        c["sex"] = w.Dropdown(description="sex (for the body model)", options=[("male", "male"), ("female", "female")],
                              value=runner.sex, style=_STYLE, layout=_WIDE)
        for key in ("asymmetry", "threshold", "speed"):  # long labels: give them room instead of wrapping
            c[key].style.description_width = "330px"
            c[key].layout = w.Layout(width="100%", max_width="680px")
        self.controls = c
        self.messages = {k: style.message_box() for k in ("file", "strides", "model")}

    # ------------------------------------------------------------------------------------------------ analysis
    def runner(self) -> Runner:
        """The runner described by the body controls.

        Examples
        --------
        >>> YourDataLab().runner().mass_kg
        73.0
        """
        c = self.controls
        return Runner(mass_kg=float(c["mass"].value), height_m=float(c["height"].value), sex=c["sex"].value)

    def _synthetic(self) -> pd.DataFrame:
        c = self.controls
        return recordings.example_recording(speed_m_s=float(c["speed"].value), asymmetry_pct=float(c["asymmetry"].value),
                                    strides=30, runner=self.runner())

    def _force_choice(self, rec: pd.DataFrame) -> Any:
        r, l_ = self.controls["force_right"].value, self.controls["force_left"].value
        if r in (None, AUTO) and l_ in (None, AUTO):
            return None
        chosen = {s: c for s, c in (("right", r), ("left", l_)) if c not in (None, AUTO, NONE) and c in rec.columns}
        if not chosen:
            raise ValueError("force columns: choose at least one vertical force column, or '(found automatically)'")
        return chosen

    def _analyse(self, rec: pd.DataFrame, *, fresh: bool = False, pairs: dict | None = None):
        """Strides, statistics and comparison of ``rec``; ``fresh`` = a new source (automatic force columns)."""
        frac = float(self.controls["threshold"].value) / 100.0
        force = None if fresh else self._force_choice(rec)
        strides = recordings.detect_strides(rec, force=force, threshold_fraction=frac)
        pairs = self.pairs if pairs is None else pairs
        pairs = {b: p for b, p in pairs.items() if p[0] in rec.columns and p[1] in rec.columns}
        stats = recordings.stride_stats(rec, strides, pairs=pairs or None)
        comparison = recordings.compare_with_model(stats, self.runner(), float(self.controls["speed"].value))
        return strides, stats, comparison

    def _commit(self, rec, strides, stats, comparison, *, pairs: dict | None = None) -> None:
        new_source = rec is not self.recording
        self.recording, self.strides, self.stats, self.comparison = rec, strides, stats, comparison
        if pairs is not None:
            self.pairs = pairs
        self._quiet += 1
        try:
            if new_source or pairs is not None:
                self._refresh_choices(keep_forces=not new_source)
            self._draw_all()
        finally:
            self._quiet -= 1

    def show(self, rec: pd.DataFrame) -> None:
        """Analyse and show a recording (already read); on a problem the message is raised and nothing changes.

        Examples
        --------
        >>> from runmech import recordings
        >>> lab = YourDataLab()
        >>> lab.show(recordings.example_recording(strides=8, asymmetry_pct=-20.0, seed=2))
        >>> int(lab.stats.get("stride_time_s", side="right", measure="value", what="n"))
        8
        """
        rec = check_instance("rec", rec, pd.DataFrame, _RECORDING)
        self._speed_from(rec)
        result = self._analyse(rec, fresh=True, pairs={})
        self._commit(rec, *result, pairs={})

    def _speed_from(self, rec: pd.DataFrame) -> None:
        """Set the speed control from the recording's own speed (clipped to what the model allows), and say so."""
        self.speed_note = ""
        if rec.attrs.get("synthetic"):
            return
        found = recordings.markers.estimate_speed(rec)
        if found is None:
            self.speed_note = ("The recording does not give its speed (no pelvis translation or pelvis markers): set "
                               "the running speed control. ")
            return
        speed, how = found
        slider = self.controls["speed"]
        closest = min(max(round(speed, 1), slider.min), slider.max)
        self._quiet += 1
        try:
            slider.value = closest
        finally:
            self._quiet -= 1
        self.speed_note = (f"Speed of the recording {speed:.2f} m/s ({how}); the model runs at {closest:.1f} m/s, "
                           "the closest speed its control allows. ")

    def load_trial(self) -> None:
        """Show the real trial shipped with runmech (:func:`runmech.recordings.real_trial`), with its runner's mass.

        Examples
        --------
        >>> lab = YourDataLab()
        >>> lab.load_trial()
        >>> lab.stats.synthetic, lab.controls["speed"].value, "OpenSim" in lab.summary("source")
        (False, 2.7, True)
        """
        self._quiet += 1
        try:
            self.controls["mass"].value = 70.0  # the scaled model of the trial weighs about 70 kg (its README)
        finally:
            self._quiet -= 1
        self.show(recordings.real_trial())

    def resolve_path(self, text: str) -> Path:
        """The file a path typed in the path box names, if it lies inside :attr:`data_dir`; else a ``ValueError``
        that says nothing about the file (not even whether it exists).

        Examples
        --------
        >>> import tempfile
        >>> lab = YourDataLab(data_dir=tempfile.mkdtemp())
        >>> lab.resolve_path("/etc/passwd")
        Traceback (most recent call last):
        ...
        ValueError: file path: only files inside the data folder ... can be opened here; upload any other file
        >>> lab.resolve_path("run.csv").parent == lab.data_dir
        True
        """
        text = check_text("text", text, max_chars=4096, single_line=True)
        if not text.strip():
            raise ValueError(f"file path (text) must be the path of a {', '.join(_ENDINGS)} file in the data "
                             f"folder {self.data_dir}; got {text!r}")
        raw = Path(os.path.expanduser(text.strip()))
        path = (raw if raw.is_absolute() else self.data_dir / raw).resolve()
        if not path.is_relative_to(self.data_dir):
            raise ValueError(f"file path: only files inside the data folder {self.data_dir} can be opened here; "
                             "upload any other file")
        return path

    def load(self, source: Any, *, name: str | None = None) -> None:
        """Read a file (path or bytes) and show it; on any problem the message is raised and nothing changes.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> lab = YourDataLab()
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "empty.csv"
        >>> _ = p.write_text("")
        >>> lab.load(p)
        Traceback (most recent call last):
        ...
        runmech.recordings.RecordingError: ...empty.csv, line 1: expected a header and rows of numbers; found an empty file
        >>> lab.stats.synthetic
        True
        """
        source = check_instance("source", source, (str, os.PathLike, bytes, bytearray),
                                "a file path (str or pathlib.Path) or the file's bytes")
        name = check_text("name", name, max_chars=255, single_line=True, allow_none=True)
        c = self.controls
        options: dict[str, Any] = {"allow_gaps": bool(c["allow_gaps"].value)}
        label = name or (str(source) if isinstance(source, (str, os.PathLike)) else "")
        # the ending picks the reader's options: a name without one of ours is refused (an upload always has one)
        check_path("name" if name is not None or not isinstance(source, (str, os.PathLike)) else "source", label,
                   suffixes=_ENDINGS)
        is_opensim = label.lower().endswith((".mot", ".sto"))
        angles = c["angles"].value
        suffix = Path(label).suffix.lower()
        if suffix in _READ_OPTIONS:  # markers and C3D: no unit or time options; marker gaps are normal
            options = {"allow_gaps": True} if "allow_gaps" in _READ_OPTIONS[suffix] else {}
        elif is_opensim:
            options["units"] = angles
        else:
            options["units"] = "radians" if angles == "radians" else "degrees"
            if c["time_column"].value.strip():
                options["time_column"] = c["time_column"].value.strip()
            options["time_unit"] = c["time_unit"].value
        self.show(recordings.read_recording(source, name=name, **options))

    def _refresh_choices(self, keep_forces: bool = False) -> None:
        rec = self.recording
        cols = [str(x) for x in rec.columns]
        variables: dict[str, dict[str, str]] = {}
        for col in cols:
            base, side = split_side(col)
            variables.setdefault(base, {})[side or "both"] = col
        for base, (r, l_) in self.pairs.items():
            variables[base] = {"right": r, "left": l_}
        self._variables = variables
        options = []
        for base, sides in variables.items():
            if {"right", "left"} <= set(sides):
                options.append((f"{base} (right and left)", base))
            else:
                options.append((base if "both" in sides else f"{base} ({next(iter(sides))} only)", base))
        v = self.controls["variable"]
        previous = v.value
        v.options = options
        preferred = [o[1] for o in options if "hip" in o[1] and "moment" not in o[1]] or [options[0][1]]
        v.value = previous if previous in variables else preferred[0]
        if not keep_forces:
            for key in ("force_right", "force_left"):
                self.controls[key].options = [AUTO, NONE] + cols
                self.controls[key].value = AUTO
        for key in ("pair_right", "pair_left"):
            self.controls[key].options = cols
            self.controls[key].value = cols[0] if key == "pair_right" else cols[min(1, len(cols) - 1)]

    # ------------------------------------------------------------------------------------------------ callbacks
    def _wire(self) -> None:
        c, m = self.controls, self.messages

        @style.guarded(m["file"])
        def on_upload(change=None):
            value = c["upload"].value
            if not value:
                return
            if isinstance(value, dict):  # ipywidgets 7
                name, item = next(iter(value.items()))
                content = item["content"]
            else:  # ipywidgets 8: a tuple of dicts
                item = value[0]
                name, content = item["name"], item["content"]
            try:
                self.load(bytes(content), name=name)
            finally:
                try:
                    c["upload"].value = ()
                except Exception:  # noqa: BLE001 - older ipywidgets cannot be cleared; harmless
                    pass

        @style.guarded(m["file"])
        def on_path(_=None):
            path = self.resolve_path(c["path"].value)
            self.load(path, name=str(path.relative_to(self.data_dir)))

        @style.guarded(m["file"])
        def on_trial(_=None):
            self.load_trial()

        @style.guarded(m["file"])
        def on_synthetic(_=None):
            self.show(self._synthetic())

        def on_asymmetry(change=None):
            if self.stats.synthetic and not self._quiet:
                on_synthetic()

        @style.guarded(m["strides"])
        def on_variable(change=None):
            if not self._quiet:
                self._draw_variable()

        @style.guarded(m["strides"])
        def on_reanalyse(change=None):
            if not self._quiet:
                self._commit(self.recording, *self._analyse(self.recording))

        @style.guarded(m["strides"])
        def on_pair(_=None):
            r, l_ = c["pair_right"].value, c["pair_left"].value
            if r == l_:
                raise ValueError(f"pair: choose two different columns; got {r!r} twice")
            base = f"{r}/{l_}"
            pairs = {**self.pairs, base: (r, l_)}
            result = self._analyse(self.recording, pairs=pairs)
            self._commit(self.recording, *result, pairs=pairs)
            c["variable"].value = base

        @style.guarded(m["model"])
        def on_runner(change=None):
            if self._quiet:
                return
            if self.stats.synthetic:  # the synthetic runner is the runner described here: make it again
                self.show(self._synthetic())
                return
            if change is not None and change.get("owner") is c["speed"]:
                self.speed_note = f"Running speed set by hand to {c['speed'].value:.1f} m/s. "
            self.comparison = recordings.compare_with_model(self.stats, self.runner(), float(c["speed"].value))
            self._draw_model()
            self._draw_export()

        c["upload"].observe(on_upload, names="value")
        c["load"].on_click(on_path)
        c["synthetic"].on_click(on_synthetic)
        c["trial"].on_click(on_trial)
        c["asymmetry"].observe(on_asymmetry, names="value")
        c["variable"].observe(on_variable, names="value")
        c["sides"].observe(on_variable, names="value")
        c["threshold"].observe(on_reanalyse, names="value")
        c["pair"].on_click(on_pair)
        for key in ("speed", "mass", "height", "sex"):
            c[key].observe(on_runner, names="value")
        c["force_right"].observe(on_reanalyse, names="value")
        c["force_left"].observe(on_reanalyse, names="value")

    # ------------------------------------------------------------------------------------------------ panels
    def summary(self, key: str) -> str:
        """Plain text of one live summary (``source``, ``signal``, ``strides``, ``stats``, ``symmetry``, ``model``,
        ``export``).

        Examples
        --------
        >>> YourDataLab().summary("strides").startswith("hip_flexion")
        True
        """
        import re

        key = check_choice("key", key, list(self.texts))
        return html.unescape(re.sub(r"<[^>]+>", " ", self.texts[key].value.replace("</p>", "\n"))).strip()

    def source_panel(self) -> style.Panel:
        """Upload or path, reading options, the synthetic example and a preview of the rows.

        Examples
        --------
        >>> "First rows" in YourDataLab().source_panel().children[-2].value
        True
        """
        c = self.controls
        options = w.VBox([c["angles"], c["time_column"], c["time_unit"], c["allow_gaps"]])
        acc = w.Accordion(children=[options])
        acc.set_title(0, "reading options (for CSV files and unusual headers)")
        acc.selected_index = None
        return style.panel(
            style.heading("1 · Your recording"),
            w.HBox([c["upload"], w.HTML("<span style='padding:6px'>CSV, TSV, OpenSim .mot or .sto, .trc markers, "
                                        f".c3d; up to {recordings.MAX_FILE_MB:.0f} MB (big files: use the path "
                                        "box)</span>")]),
            c["path"], w.HTML(f"<span style='font-size:13px'>The path box opens files inside the data folder "
                              f"<code>{html.escape(str(self.data_dir))}</code> only.</span>"),
            c["load"], self.messages["file"], acc,
            style.heading("…or a real trial, or the synthetic example", level=4),
            w.HTML("<span>The real trial: OpenSim's running example (Rajagopal model), one right and one left stance "
                   "over force plates; CC BY 4.0, from M. Duarte's <i>Notes on Scientific Computing for Biomechanics"
                   "</i>, doi:10.5281/zenodo.4599319.</span>"),
            c["trial"], c["asymmetry"], c["synthetic"], self.tables["preview"], self.texts["source"])

    def strides_panel(self) -> style.Panel:
        """The chosen variable over time with foot strikes, and every stride overlaid.

        Examples
        --------
        >>> len(YourDataLab().strides_panel().children)
        9
        """
        c = self.controls
        pairing = w.VBox([w.HTML("If your file names its sides differently, pair two columns here."),
                          c["pair_right"], c["pair_left"], c["pair"]])
        acc = w.Accordion(children=[w.VBox([c["force_right"], c["force_left"], c["threshold"]]), pairing])
        acc.set_title(0, "how strides are found (force columns, threshold)")
        acc.set_title(1, "pair right and left columns by hand")
        acc.selected_index = None
        return style.panel(style.heading("2 · Strides"), c["variable"], c["sides"], acc, self.messages["strides"],
                           self.figures["signal"], self.texts["signal"], self.figures["strides"],
                           self.texts["strides"])

    def stats_panel(self) -> style.Panel:
        """Statistics table, symmetry plot with the healthy band, symmetry table.

        Examples
        --------
        >>> "Symmetry angle" in YourDataLab().stats_panel().summary_text()
        True
        """
        return style.panel(style.heading("3 · Statistics and symmetry"), self.tables["stats"], self.texts["stats"],
                           self.figures["symmetry"], self.texts["symmetry"], self.tables["symmetry"])

    def model_panel(self) -> style.Panel:
        """The runner's body and speed, and the measured values beside the model and the reference ranges.

        Examples
        --------
        >>> "Model runner" in YourDataLab().model_panel().summary_text()
        True
        """
        c = self.controls
        return style.panel(style.heading("4 · Beside the model and healthy runners"), c["speed"], c["mass"],
                           c["height"], c["sex"], self.messages["model"], self.figures["model"], self.texts["model"],
                           self.tables["model"])

    def export_panel(self) -> style.Panel:
        """A link that downloads every result as one CSV file.

        Examples
        --------
        >>> "download=" in YourDataLab().export_panel().children[1].value
        True
        """
        return style.panel(style.heading("5 · Export"), self.export_link, self.texts["export"])


def your_data_panel(recording: pd.DataFrame | None = None, **options: Any) -> style.Panel:
    """The whole your-data lab in one box: recording, strides, statistics and symmetry, model comparison, export.

    Parameters
    ----------
    recording : pandas.DataFrame, optional
        A recording to start with; default the synthetic example.
    **options
        Passed to :class:`YourDataLab` (``speed_m_s``, ``asymmetry_pct``, ``mass_kg``, ``height_m``, ``sex``).

    Returns
    -------
    runmech.ui.style.Panel
        The panel; ``panel.lab`` is the :class:`YourDataLab` behind it.

    Examples
    --------
    >>> p = your_data_panel()
    >>> print(p.summary_text().splitlines()[0])
    1 · Your recording
    >>> len(p.lab.figures)
    4
    """
    lab = YourDataLab(recording, **options)
    box = style.panel(lab.source_panel(), lab.strides_panel(), lab.stats_panel(), lab.model_panel(),
                      lab.export_panel())
    box.lab = lab  # type: ignore[attr-defined]
    return box
