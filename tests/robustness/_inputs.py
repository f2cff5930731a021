"""Values for the fuzzing: a valid one for every parameter, the fixed list of hostile ones, Hypothesis strategies.

A call fuzzes one parameter (or, with Hypothesis, all of them at once) while the others keep a valid value. Valid
values come from, in order: a per-callable entry of :data:`VALID_FOR`, the parameter's default, the table of
runmech objects by parameter name (:data:`BUILD_BY_NAME`: a runner, a timing, a plan, a recording ...), the
documented range. A required parameter none of these can fill makes the suite fail with a message saying where to
add one, so a new function cannot slip through unfuzzed.
"""

from __future__ import annotations

import math
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import numpy as np
from hypothesis import strategies as st

from _discover import Param, Target

HUGE_INT = 10 ** 400  # no float holds it
LONG_DIGITS = "9" * 5000  # past Python's 4300-digit limit for int(str)


class Opaque:
    """An object of no type runmech knows."""

    def __repr__(self) -> str:
        return "<Opaque>"


# (label, value): what a careless caller, a bad file or a typing slip hands over
HOSTILE: list[tuple[str, Any]] = [
    ("None", None), ("True", True), ("False", False),
    ("nan", math.nan), ("inf", math.inf), ("-inf", -math.inf),
    ("1e300", 1e300), ("-1", -1), ("0", 0), ("-1e300", -1e300), ("2.5", 2.5),
    ("10**400", HUGE_INT),
    ("'3'", "3"), ("'stone'", "stone"), ("''", ""), ("'\\x00'", "\x00"), ("'x'*5000", "x" * 5000),
    ("[]", []), ("[[]]", [[]]), ("[1.0]", [1.0]), ("ragged", [[1.0, 2.0], [3.0]]), ("{}", {}),
    ("{'a': 1}", {"a": 1}), ("object()", Opaque()), ("b'3'", b"3"), ("1+1j", 1 + 1j),
    ("array[nan]", np.array([np.nan])), ("array[1e6]", np.array([1e6])), ("array[True]", np.array([True, False])),
    ("array[]", np.array([])), ("['3']", ["3"]),
]


# Panels build widgets and figures (0.05 to 0.3 s a call): they get one value of each kind of the list above
SHORT = {"None", "True", "nan", "inf", "1e300", "-1", "10**400", "'3'", "'stone'", "[]", "ragged", "object()",
         "array[nan]"}
HOSTILE_SHORT = [(label, value) for label, value in HOSTILE if label in SHORT]


def hostile_for(layer: str) -> list[tuple[str, Any]]:
    """The fixed hostile values a callable of ``layer`` gets."""
    return HOSTILE_SHORT if layer == "ui" else HOSTILE


def _bad_number(v: Any) -> bool:
    """Not a real number at all (the number itself may still be out of range)."""
    if isinstance(v, bool) or v is None:
        return True
    if isinstance(v, (int, float, np.integer, np.floating)):
        return isinstance(v, (float, np.floating)) and not math.isfinite(v)
    return True


def must_refuse(p: Param, v: Any) -> bool:
    """Whether every correct implementation refuses ``v`` for ``p`` (whatever its range)."""
    if v is None:
        return not p.optional and p.kind not in ("any",)
    if p.kind in ("number",):
        return _bad_number(v)
    if p.kind == "int":
        return _bad_number(v) or (isinstance(v, (float, np.floating)) and v != int(v))
    if p.kind == "array":
        if isinstance(v, (str, bytes, bool, dict, Opaque, complex)):
            return True
        try:
            arr = np.asarray(v)
        except (ValueError, TypeError):  # ragged nesting
            return True
        if arr.ndim == 0 and not isinstance(v, np.ndarray):
            return not p.scalar_ok or _bad_number(v)
        if arr.dtype == object or arr.dtype.kind not in "iuf":
            return arr.size > 0 or arr.dtype.kind in "USb"
        return not bool(np.all(np.isfinite(arr)))
    if p.kind == "choice":
        if not isinstance(v, str):
            return True
        if p.choices:
            return v.strip().lower() not in {c.lower() for c in p.choices}
        return v.strip().lower() in {"stone", "", "3", "\x00"} or len(v) > 200
    if p.kind == "bool":
        return not isinstance(v, (bool, np.bool_))
    if p.kind == "text":
        return not isinstance(v, str)
    if p.kind == "path":
        return not isinstance(v, (str, Path)) or v in ("", "\x00")
    if p.kind == "object":
        return p.cls is not None and not isinstance(v, p.cls)
    return False


# --- valid runmech objects, by parameter name ----------------------------------------------------------------------
@lru_cache(maxsize=None)
def _runner():
    from runmech import Runner

    return Runner()


@lru_cache(maxsize=None)
def _timing():
    from runmech.model import gait

    return gait.stride_timing([3.0])


@lru_cache(maxsize=None)
def _stages():
    """Every stage's output for the default runner at 3 m/s, run the way simulate runs them."""
    from runmech.model.compose import SimParams, _stages as run_stages

    grf, tw, hips, sw, sh = run_stages(_runner(), _timing(), SimParams(speed_m_s=3.0))
    return {"ground": grf, "twist": tw, "kinematics": tw.hips, "hips": hips, "sway": sw, "shock": sh}


def _plan():
    from runmech import Plan

    return Plan(client="Sam").add("plank_row", load_kg=12).add("open_book")


def _item():
    from runmech.dosing.plan import PlanItem

    return PlanItem.from_catalogue("plank_row", load_kg=12)


@lru_cache(maxsize=None)
def _recording_cached():
    from runmech.recordings import example_recording

    return example_recording(strides=8)


def _recording():
    return _recording_cached().copy()


@lru_cache(maxsize=None)
def _strides():
    from runmech.recordings import detect_strides

    return detect_strides(_recording_cached())


@lru_cache(maxsize=None)
def _stats():
    from runmech.recordings import stride_stats

    return stride_stats(_recording_cached())


@lru_cache(maxsize=None)
def workdir() -> Path:
    """A scratch folder for files the suite reads and writes."""
    return Path(tempfile.mkdtemp(prefix="runmech-robustness-"))


_counter = iter(range(10 ** 9))


def fresh_path(suffix: str) -> Path:
    """A new file name in :func:`workdir` (nothing there yet)."""
    return workdir() / f"f{next(_counter)}{suffix}"


_TRC = ("PathFileType\t4\t(X/Y/Z)\tdemo.trc\nDataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\n"
        "100\t100\t3\t1\tmm\nFrame#\tTime\tRTOE\t\t\n\t\tX1\tY1\tZ1\n\n1\t0.00\t10\t20\t30\n"
        "2\t0.01\t11\t21\t31\n3\t0.02\t12\t22\t32\n")


def _write_c3d(path: Path) -> None:
    import ezc3d

    c = ezc3d.c3d()
    c["parameters"]["POINT"]["RATE"]["value"] = [100]
    c["parameters"]["POINT"]["LABELS"]["value"] = ("RTOE",)
    c["parameters"]["POINT"]["UNITS"]["value"] = ["mm"]
    pts = np.ones((4, 1, 3))
    pts[:3, 0, :] = [[10, 20, 30], [0, 0, 0], [5, 5, 5]]
    c["data"]["points"] = pts
    c.write(str(path))


@lru_cache(maxsize=None)
def sample_file(suffix: str) -> Path:
    """A valid file of the given kind: a plan (.json), a recording (.mot, .csv, .trc, .c3d)."""
    from runmech.recordings import write_opensim

    path = workdir() / f"sample{suffix}"
    if suffix == ".json":
        _plan().save(path)
    elif suffix == ".mot":
        write_opensim(_recording_cached(), path)
    elif suffix == ".csv":
        _recording_cached().to_csv(path)
    elif suffix == ".trc":
        path.write_text(_TRC)
    elif suffix == ".c3d":
        _write_c3d(path)
    return path


def _events():
    from runmech.recordings.events import Events

    return Events({"left": np.array([0.37])}, {"left": np.array([0.66])}, "demo")


def _markers():
    import pandas as pd

    t = np.linspace(0, 1, 5)
    a = np.radians(10) * np.sin(2 * np.pi * t)
    cols = {}
    for side, sign in (("R", 1), ("L", -1)):
        for m, w in (("ASI", 0.12), ("SHO", 0.2)):
            cols[f"{side}{m}_x"], cols[f"{side}{m}_y"], cols[f"{side}{m}_z"] = (
                sign * w * np.sin(a), np.full(5, 1.0 if m == "ASI" else 1.45), sign * w * np.cos(a))
    return pd.DataFrame(cols, index=t)


def _leg_segments():
    from runmech.model.leg import leg_segments

    return leg_segments(_runner())


def _still():
    return (np.zeros(1), np.zeros(1), np.zeros(1))


def _harmonics():
    from runmech.model import harmonic

    return harmonic.harmonics(np.sin(2 * np.pi * np.linspace(0, 1, 101)))[None, :]


BUILD_BY_NAME: dict[str, Callable[[], Any]] = {
    "runner": _runner,
    "geo": _runner,
    "timing": _timing,
    "ground": lambda: _stages()["ground"],
    "twist": lambda: _stages()["twist"],
    "kinematics": lambda: _stages()["kinematics"],
    "hips": lambda: _stages()["hips"],
    "sway": lambda: _stages()["sway"],
    "shock": lambda: _stages()["shock"],
    "plan": _plan,
    "item": _item,
    "recording": _recording,
    "rec": _recording,
    "frame": lambda: _stats().table.head(),
    "df": _recording,
    "strides": _strides,
    "stats": _stats,
}


# Plain values by parameter name, for required parameters whose docstring gives no range
VALUE_BY_NAME: dict[str, Any] = {
    "speed_m_s": 3.0, "speeds_m_s": [2.0, 3.0, 4.0], "load_kg": 40.0, "one_rm_kg": 60.0, "reps": 10,
    "load_lb": 45.0, "value": 10.0, "seconds": 30.0, "minutes": 5.0, "mass_kg": 73.0, "height_m": 1.74,
    "cadence_spm": 170.0, "force_kg": 2.0, "colour": "red", "exercise_id": "plank_row", "region": "torso",
    "index": 0, "port": 18888, "column": "pelvis_rotation", "text": "a sentence", "description": "speed",
}


def _widget_html():
    import ipywidgets as w

    return w.HTML("")


# Per callable (qualified name -> {parameter: maker}): where the default or the name says too little.
VALID_FOR: dict[str, dict[str, Callable[[], Any]]] = {
    "runmech.dosing.plan.Plan.from_dict": {"data": lambda: _plan().to_dict()},
    "runmech.dosing.plan.Plan.from_json": {"text": lambda: _plan().to_json()},
    "runmech.dosing.planjson.parse": {"text": lambda: _plan().to_json()},
    "runmech.dosing.planjson.check_date": {"name": lambda: "review_date", "value": lambda: "2025-04-01"},
    "runmech.dosing.planjson.check_text": {"name": lambda: "notes", "value": lambda: "Line 1", "limit": lambda: 100},
    "runmech.dosing.planjson.write_atomically": {"target": lambda: fresh_path(".txt"), "text": lambda: "hello"},
    "runmech.dosing.poses.interpolate": {"start": lambda: {"knee_r": 0.0}, "end": lambda: {"knee_r": 90.0},
                                         "t": lambda: 0.5},
    "runmech.dosing.poses.skeleton": {"angles": lambda: {"hip_flex_r": 90.0}},
    "runmech.dosing.poses.surface_height": {"surface": lambda: "step"},
    "runmech.dosing.translations.missing": {"lang": lambda: "es"},
    "runmech.dosing.translations.update_catalogue": {"lang": lambda: "es", "folder": lambda: workdir()},
    "runmech.dosing.wording.Words": {"lang": lambda: "es"},
    "runmech.dosing.wording.Words.n_": {"singular": lambda: "{n} hold", "plural": lambda: "{n} holds", "n": lambda: 2},
    "runmech.dosing.wording.catalogue_dose_words": {"row": lambda: {
        "dose_type": "load_rm", "default_sets": 2, "default_sets_max": 3, "default_reps_low": 8,
        "default_reps_high": 12, "per_side": False}},
    "runmech.dosing.wording.date_words": {"date": lambda: "2025-03-01"},
    "runmech.dosing.wording.days_words": {"days": lambda: 3},
    "runmech.dosing.wording.number": {"x": lambda: 26.4555},
    "runmech.dosing.wording.rest_words": {"rest_s": lambda: 90.0},
    "runmech.dosing.wording.span": {"low": lambda: 8, "high": lambda: 12},
    "runmech.dosing.wording.tempo_words": {"tempo": lambda: (2, 1, 3)},
    "runmech.ui.dosing_plan.field": {"control": lambda: __import__("ipywidgets").Text(description="reps"),
                                     "message": _widget_html},
    "runmech.dosing.plan.Plan.load": {"path": lambda: sample_file(".json")},
    "runmech.dosing.plan.Plan.save": {"path": lambda: fresh_path(".json")},
    "runmech.dosing.plan.Plan.remove": {"index": lambda: 0},
    "runmech.dosing.plan.Plan.replace_item": {"index": lambda: 0},
    "runmech.dosing.plan.Plan.add": {"exercise_id": lambda: next(i for i in __import__("runmech").dosing.exercises
                                                                 .ids() if i not in ("plank_row", "open_book"))},
    "runmech.dosing.plan.PlanItem": {"exercise_id": lambda: "plank_row", "sets": lambda: 2, "sets_max": lambda: 3,
                                     "reps_low": lambda: 8, "reps_high": lambda: 12},
    "runmech.dosing.handout.save_html": {"path": lambda: fresh_path(".html")},
    "runmech.recordings.readers.read_opensim": {"path": lambda: sample_file(".mot")},
    "runmech.recordings.readers.read_table": {"path": lambda: sample_file(".csv")},
    "runmech.recordings.readers.read_recording": {"path": lambda: sample_file(".mot")},
    "runmech.recordings.readers.write_opensim": {"path": lambda: fresh_path(".mot")},
    "runmech.recordings.stats.stride_curves": {"column": lambda: "pelvis_rotation"},
    "runmech.recordings.stats.StrideStats.get": {"variable": lambda: "pelvis_rotation"},
    "runmech.recordings.compare.compare_with_model": {"speed_m_s": lambda: 3.0},
    "runmech.apps.lab.check_port": {"port": lambda: __import__("_commands").free_port()},
    "runmech.apps.lab.port_is_free": {"port": lambda: 18888},
    "runmech.apps.lab.lab_command": {"root": lambda: workdir(), "port": lambda: 8888, "token": lambda: "abc"},
    "runmech.apps.servers.voila_argv": {"root": lambda: workdir(), "port": lambda: 8866},
    "runmech.apps.servers.voila_command": {"root": lambda: workdir(), "port": lambda: 8866},
    "runmech.apps.cli.oserror_line": {"exc": lambda: PermissionError(13, "Permission denied", "/sys/out.html")},
    "runmech.apps.cli.one_line": {"text": lambda: "a message\non two lines"},
    "runmech.apps.servers.check_host_names": {"name": lambda: "--allow-host", "names": lambda: ["clinic.local"]},
    "runmech.apps.clinic.dashboard_urls": {"port": lambda: 8866, "names": lambda: ["torso"]},
    "runmech.apps.dose.parse_reps": {"text": lambda: "12,12,10"},
    "runmech.apps.dose.parse_loads": {"text": lambda: "2,4,6"},
    "runmech.dosing.elastic_bands.band_force": {"colour": lambda: "red"},
    "runmech.dosing.elastic_bands.next_band": {"colour": lambda: "red"},
    "runmech.dosing.elastic_bands.previous_band": {"colour": lambda: "red"},
    "runmech.dosing.elastic_bands.band_for_force": {"force_kg": lambda: 2.0},
    "runmech.dosing.exercises.get": {"exercise_id": lambda: "plank_row"},
    "runmech.dosing.exercises.for_region": {"region": lambda: "torso"},
    "runmech.dosing.mobility.MobilityDose.sets_for": {"side": lambda: "left"},
    "runmech.dosing.progression.next_session": {"reps_per_set": lambda: [12, 12, 12]},
    "runmech.model.parameters.parameter": {"name": lambda: "leg_length_per_height"},
    "runmech.model.hip.leg_moment": {"segments": lambda: _leg_segments(), "thigh": _still, "shank": _still,
                                     "stride_time_s": lambda: np.ones(1),
                                     "hip_acceleration": lambda: (np.zeros(1), np.zeros(1))},
    "runmech.model.leg.fourier_curve": {"coefficients": lambda: [1.0, 0.0, 1.0], "phase": lambda: np.array([0.0, 0.25])},
    "runmech.model.leg.segment_kinematics": {"segments": lambda: _leg_segments(), "thigh": _still, "shank": _still,
                                             "stride_time_s": lambda: np.ones(1)},
    "runmech.model.leg.touchdown": {"segments": lambda: _leg_segments()},
    "runmech.model.shock.leg_impact_stiffness": {"knee_flexion_rad": lambda: np.radians([12.0, 20.0]),
                                                 "leg_angle_rad": lambda: np.radians([15.0, 15.0])},
    "runmech.model.knobs.legend_table": {"names": lambda: ["speed_m_s", "arm_swing"]},
    "runmech.model.knobs.Knob": {"name": lambda: "speed_m_s", "low": lambda: 0.5, "high": lambda: 10.0,
                                 "default": lambda: 3.0, "unit": lambda: "m/s", "label": lambda: "speed",
                                 "legend": lambda: "how fast"},
    "runmech.model.ground.spring_mass": {"speed_m_s": lambda: 3.5, "contact_time_s": lambda: 0.234,
                                         "flight_time_s": lambda: 0.141, "leg_length_m": lambda: 0.92},
    "runmech.model.ground.peak_vgrf_bw": {"contact_time_s": lambda: 0.25, "flight_time_s": lambda: 0.125},
    "runmech.model.hip.hip_template": {"phase": lambda: np.linspace(0, 1, 101), "phase_min": lambda: 0.3,
                                       "phase_max": lambda: 0.8},
    "runmech.model.hip.iliopsoas_force_bw": {"peak_flexor_moment_Nm_kg": lambda: 1.5},
    "runmech.model.shock.impact_response": {"v_td": lambda: np.array([1.0]), "t_imp": lambda: np.array([0.02]),
                                            "t": lambda: np.linspace(0, 0.1, 101)},
    "runmech.model.symmetry.symmetry_index": {"right": lambda: 10.0, "left": lambda: 9.0},
    "runmech.model.symmetry.symmetry_angle": {"right": lambda: 10.0, "left": lambda: 9.0},
    "runmech.model.symmetry.yaw_excursions": {"yaw_deg": lambda: 10 * np.sin(np.linspace(0, 2 * np.pi, 101))},
    "runmech.model.transverse.periodic_derivative": {"y": lambda: np.sin(np.linspace(0, 2 * np.pi, 101)),
                                                     "period_s": lambda: 0.7},
    "runmech.model.transverse.first_harmonic_phase_deg": {"y": lambda: np.sin(np.linspace(0, 2 * np.pi, 101))},
    "runmech.ui.controls.Controls": {"names": lambda: ["speed_m_s", "arm_swing"]},
    "runmech.ui.base.Parts.set_words": {"words": lambda: "client"},
    "runmech.ui.controls.Legend": {"markdown": lambda: "| control | range |\n|---|---|\n| speed | 1.5-7 |"},
    "runmech.ui.controls.legend": {"names": lambda: ["speed_m_s", "arm_swing"]},
    "runmech.ui.controls.control_names": {"names": lambda: ["runner", "speed_m_s"]},
    "runmech.ui.dashboard.screens": {"items": lambda: [("Sway", __import__("runmech.ui.sway").ui.sway.sway_panel)]},
    "runmech.ui.style.legend_rows": {"names": lambda: ["right", "left"]},
    "runmech.ui.style.line": {"x": lambda: [0.0, 1.0], "y": lambda: [0.0, 1.0], "name": lambda: "a line",
                              "colour": lambda: "sky"},
    "runmech.ui.words.arm_words": {"arm_swing": lambda: 1.0},
    "runmech.ui.words.cadence_words": {"sim": lambda: __import__("runmech").simulate(__import__("runmech").Runner(),
                                                                                      speed_m_s=3.0),
                                       "controls": lambda: _controls()},
    "runmech.ui.words.cause_words": {"knobs": lambda: {"rotation_asymmetry_pct": 10.0}},
    "runmech.ui.words.times_normal_words": {"scale": lambda: 2.0, "noun": lambda: "stiffness"},
    "runmech.ui.controls.Controls.observe": {"callback": lambda: (lambda *a: None)},
    "runmech.ui.base.Parts.text": {"i": lambda: 0},
    "runmech.ui.style.tint": {"colour": lambda: "#0072B2", "alpha": lambda: 0.5},
    "runmech.ui.words.fmt": {"x": lambda: 2.5},
    "runmech.ui.base.caption": {"text": lambda: "a caption"},
    "runmech.ui.controls.run_sweep": {"speeds_m_s": lambda: [2.0, 3.0]},
    "runmech.ui.dosing.calculator_summary": {"load_kg": lambda: 40.0, "reps_per_set": lambda: [10, 9]},
    "runmech.ui.dosing.download_links": {},
    "runmech.ui.lower_leg.schematic_knee_ankle": {"phase_pct": lambda: np.linspace(0, 100, 11),
                                                  "stance_pct": lambda: 40.0, "speed_m_s": lambda: 3.0},
    "runmech.ui.start.pace_summary": {"speed_m_s": lambda: 3.0},
    "runmech.ui.style.clear_message": {"box": _widget_html},
    "runmech.ui.style.show_message": {"box": _widget_html, "text": lambda: "check the load"},
    "runmech.ui.style.set_live_text": {"widget": _widget_html, "text": lambda: "a sentence"},
    "runmech.ui.style.guarded": {"box": _widget_html},
    "runmech.ui.style.heading": {"text": lambda: "A heading"},
    "runmech.ui.style.panel": {"children": _widget_html},
    "runmech.ui.style.slider": {"description": lambda: "speed", "value": lambda: 3.0, "min": lambda: 0.5,
                                "max": lambda: 10.0, "step": lambda: 0.1},
    "runmech.ui.style.int_slider": {"description": lambda: "reps", "value": lambda: 10, "min": lambda: 1,
                                    "max": lambda: 30},
    "runmech.ui.tables.dose_words": {"row": lambda: __import__("runmech").dosing.exercises.catalogue().iloc[0]},
    "runmech.ui.tables.short_citation": {"citation": lambda: "Arellano CJ, Kram R (2014). J Exp Biol 217:2456."},
    "runmech.ui.your_data.YourDataLab.load": {"source": lambda: sample_file(".mot")},
    "runmech.ui.your_data.YourDataLab.show": {"rec": _recording},
    "runmech.ui.your_data.YourDataLab.summary": {"key": lambda: "source"},
    "runmech.units.format_pace": {"seconds": lambda: 333.3},
    "runmech.apps.servers.configure_voila": {"c": lambda: __import__("traitlets.config").config.Config()},
    "runmech.apps.servers.offline_page_config": {"page_config": lambda: {"baseUrl": "/"}},
    "runmech.model.harmonic.harmonics": {"y": lambda: np.sin(2 * np.pi * np.linspace(0, 1, 101))},
    "runmech.model.harmonic.signal": {"c": _harmonics},
    "runmech.model.harmonic.derivative": {"c": _harmonics, "omega": lambda: np.array([2.0])},
    "runmech.model.harmonic.solve_linear": {
        "mass": lambda: np.ones((1, 1, 1)), "damping": lambda: np.zeros((1, 1, 1)),
        "stiffness": lambda: 2.5 * np.ones((1, 1, 1)), "omega": lambda: np.array([1.0]),
        "force": lambda: np.pad(np.full((1, 1, 1), 3.0 + 0j), ((0, 0), (0, __import__(
            "runmech.model.harmonic").model.harmonic.N_HARMONICS - 1), (0, 0)))},
    "runmech.model.frontal.work_cost_pct": {"mass_kg": lambda: 70.0, "work_J": lambda: np.array([10.0])},
    "runmech.recordings.events.event_errors": {
        "events": _events, "contacts": lambda: __import__("pandas").DataFrame(
            {"side": ["left"], "strike_s": [0.40], "off_s": [0.65]})},
    "runmech.recordings.events.pair_contacts": {"strikes": lambda: np.array([0.1, 0.9]),
                                                "offs": lambda: np.array([0.35, 1.6])},
    "runmech.recordings.markers.marker_measures": {"df": _markers},
    "runmech.recordings.compare.side_by_side": {"comparisons": lambda: {
        "trial": __import__("runmech").recordings.compare_with_model({"cadence_spm": 170.0}, _runner(), 3.0)}},
    "runmech.recordings.c3d.read_c3d": {"path": lambda: sample_file(".c3d")},
    "runmech.recordings.trc.read_trc": {"path": lambda: sample_file(".trc")},
    "runmech.ui.your_data.YourDataLab.resolve_path": {"text": lambda: str(sample_file(".mot"))},
    "runmech.units.speed_from_pace": {"minutes": lambda: 5.0},
    "runmech.units.to_kg": {"value": lambda: 10.0, "unit": lambda: "lb"},
    "runmech.units.from_kg": {"load_kg": lambda: 10.0, "unit": lambda: "lb"},
}

# Parameters that always keep their valid value: a hostile one would make the call write into the checkout itself
# (a developer tool's documented default), which the suite must never do. conftest.py checks that it did not.
KEEP_VALID: dict[str, dict[str, str]] = {
    "runmech.dosing.translations.update_catalogue": {
        "folder": "its default (None) rewrites runmech's own catalogue in src/: a developer tool"},
}

# Ranges the docstring states in words the reader cannot take apart (quoted beside each one).
RANGE_FOR: dict[str, dict[str, tuple[float | None, float | None]]] = {
    # "Repetitions completed in each set ... (1 to 10 sets of 1 to 50 reps)": the reps are 1 to 50
    "runmech.dosing.progression.next_session": {"reps_per_set": (1, 50)},
    # "Plausible stride duration [s], defaults 0.4 and 1.5 (running strides last about 0.6 to 0.9 s)": no range
    "runmech.recordings.strides.detect_strides": {"min_stride_s": (None, None), "max_stride_s": (None, None)},
}


def apply_overrides(t: Target) -> None:
    for name, (low, high) in RANGE_FOR.get(t.qualname, {}).items():
        for p in t.params:
            if p.name == name:
                p.low, p.high = low, high


def _from_range(p: Param) -> Any:
    lo, hi = p.low, p.high
    if lo is not None and hi is not None:
        mid = (lo + hi) / 2.0
    elif lo is not None:
        mid = lo + 1.0
    elif hi is not None:
        mid = hi / 2.0
    else:
        return None
    return int(round(mid)) if p.kind == "int" else mid


class NoValidValue(LookupError):
    pass


def picks(t: Target) -> dict[str, Callable[[], Any]]:
    """The suite's own valid values for ``t``: by its full name, else by its own name (so a function that moves to
    another module keeps them)."""
    if t.qualname in VALID_FOR:
        return VALID_FOR[t.qualname]
    tail = t.qualname.split(".")[-2:] if t.owner is not None else t.qualname.split(".")[-1:]
    for key, values in VALID_FOR.items():
        if key.split(".")[-len(tail):] == tail:
            return values
    return {}


def valid_value(t: Target, p: Param) -> Any:
    """A valid value of ``p`` for ``t`` (fresh each call for objects that may be changed by the call)."""
    maker = picks(t).get(p.name)
    if maker is not None:
        return maker()
    if p.has_default:
        return p.default
    if p.name in BUILD_BY_NAME:
        return BUILD_BY_NAME[p.name]()
    if p.name in VALUE_BY_NAME:
        return VALUE_BY_NAME[p.name]
    if p.kind in ("number", "int", "array"):
        v = _from_range(p)
        if v is not None:
            return [v] if p.kind == "array" and not p.scalar_ok else v
    if p.kind == "choice" and p.choices:
        return p.choices[0]
    if p.kind == "bool":
        return False
    raise NoValidValue(f"no valid value known for parameter {p.name!r} of {t.qualname}: add one to VALID_FOR or "
                       "BUILD_BY_NAME in tests/robustness/_inputs.py")


# --- instances for methods ---------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _yourdatalab():  # about 0.3 s to build: one lab serves every call of its methods
    from runmech.ui.your_data import YourDataLab

    return YourDataLab(_recording())


@lru_cache(maxsize=None)
def _controls():
    from runmech.ui.controls import Controls

    return Controls(["speed_m_s", "arm_swing"])


def _parts():
    from runmech.ui.base import Parts

    return Parts(texts=[_widget_html()])


def _mobility():
    from runmech.dosing import mobility_dose

    return mobility_dose(rom_left_deg=40, rom_right_deg=32)


def _recommendation():
    from runmech.dosing import next_session

    return next_session(20, [12, 12, 12], easy=True)


def _exercise():
    from runmech.dosing import exercises

    return exercises.get("plank_row")


def _panel():
    from runmech.ui import style

    return style.panel(_widget_html())


def _words():
    from runmech.dosing.wording import translator

    return translator("en")


INSTANCES: dict[str, Callable[[], Any]] = {
    "Words": _words,
    "Plan": _plan, "PlanItem": _item, "Strides": _strides, "StrideStats": _stats, "MobilityDose": _mobility,
    "Recommendation": _recommendation, "Exercise": _exercise, "YourDataLab": _yourdatalab, "Controls": _controls,
    "Parts": _parts, "Panel": _panel,
}


def instance(t: Target) -> Any:
    maker = INSTANCES.get(t.owner.__name__)
    if maker is None:
        raise NoValidValue(f"no instance of {t.owner.__name__} known for {t.qualname}: add one to INSTANCES in "
                           "tests/robustness/_inputs.py")
    return maker()


# --- Hypothesis ----------------------------------------------------------------------------------------------------
_hostile_values = st.sampled_from([v for _, v in HOSTILE])


def _around(p: Param, integer: bool):
    lo = p.low if p.low is not None else (-1e3 if not integer else -10)
    hi = p.high if p.high is not None else (1e4 if not integer else 1000)
    span = max(hi - lo, 1.0)
    a, b = lo - 0.25 * span, hi + 0.25 * span
    if integer:
        return st.integers(int(math.floor(a)), int(math.ceil(b)))
    return st.floats(a, b, allow_nan=False) | st.sampled_from([lo, hi])


def strategy(t: Target, p: Param):
    """Mostly plausible values (the documented range and a quarter beyond each end), sometimes hostile ones."""
    valid = st.builds(lambda: valid_value(t, p))
    if p.kind == "number":
        plausible = _around(p, False) | st.integers(-100, 10_000)
    elif p.kind == "int":
        plausible = _around(p, True)
    elif p.kind == "array":
        elem = _around(p, False)
        plausible = st.lists(elem, min_size=1, max_size=5)
        if p.scalar_ok:
            plausible = plausible | elem
    elif p.kind == "choice":
        options = list(p.choices or []) or [valid_value(t, p)]
        plausible = st.sampled_from(options + [o.upper() for o in options if isinstance(o, str)] + ["stone", ""])
    elif p.kind == "bool":
        plausible = st.booleans()
    elif p.kind == "text":
        plausible = st.text(max_size=40) | valid
    else:
        plausible = valid
    if p.optional:
        plausible = plausible | st.none()
    return st.one_of(plausible, plausible, plausible, valid, _hostile_values)
