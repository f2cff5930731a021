"""Compose the body model: a runner, a speed and the knobs in, one stride of motion, forces and summary figures out.

The model is a chain of stages, each one public function of its own module that a user can call on its own:

1. :func:`runmech.model.gait.stride_timing` — cadence, stride length, contact and flight time (scaled with the
   runner's leg length);
2. :func:`runmech.model.ground.ground_force` — vertical (impact and active) and fore-aft ground force, leg and
   vertical stiffness (it asks :mod:`runmech.model.leg` for the swinging leg at touchdown);
3. :func:`runmech.model.frontal.sway` — the centre of mass swaying over each stance foot, trunk lean, hip abductor
   and low-back side-bending moments, and their cost;
4. :func:`runmech.model.transverse.twist` — the legs' swing, the ground's moment, pelvis, thorax and arms about the
   vertical (it asks :func:`runmech.model.hip.hip_kinematics` for each leg's angle);
5. :func:`runmech.model.hip.hip_moments` — the hip moment of each leg (two-segment leg, inverse dynamics);
6. :func:`runmech.model.shock.shock_response` — the ground force's impact travelling up the body;
7. :func:`runmech.model.summary.summarise` — every summary figure, each defined once.

Everything is computed on arrays of shape ``(n_speeds, 101)``, so :func:`sweep` handles many speeds in one pass and
:func:`simulate` is the same computation for one speed plus the DataFrames. Inputs are checked once, here at the
public edge (the knob table, :mod:`runmech.model.knobs`, holds every range); the stages trust what they are given.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from runmech._validate import check_array
from runmech.model import frontal, gait, ground, hip, shock, summary, transverse
from runmech.model._stages import check_stage
from runmech.model.body import Runner
from runmech.model.knobs import KNOBS, _check_knob
from runmech.model.leg import leg_segments
from runmech.model.summary import CYCLE_COLUMNS, SUMMARY_KEYS

try:  # pandas's low-level constructor (pandas >= 3): a DataFrame straight from its blocks, without concat's copies.
    # pandas keeps it for libraries that build frames themselves (pyarrow) and asks that its assumptions hold:
    # _cycle_frame passes fresh 2D arrays in block layout (columns, rows) whose placements cover every column once.
    from pandas.api.internals import create_dataframe_from_blocks as _from_blocks
except ImportError:  # pragma: no cover - older pandas; the same frame through concat (tests/unit/test_model_frames.py)
    _from_blocks = None

__all__ = ["Simulation", "SimParams", "simulate", "sweep", "SUMMARY_KEYS", "CYCLE_COLUMNS"]

_PHASE = np.linspace(0.0, 1.0, 101)
#: Most speeds one :func:`sweep` takes.
MAX_SPEEDS = 10_000


@dataclass(frozen=True)
class SimParams:
    """The inputs of one simulation (speed and knobs), as used, after checking.

    Parameters
    ----------
    speed_m_s : float
        Running speed [m / s].
    arm_swing, rotation_asymmetry_pct, arm_swing_asymmetry_pct, step_length_asymmetry_pct, lateral_sway_cm, \
spine_stiffness_scale, trunk_damping_scale : float
        Knobs (see :mod:`runmech.model.knobs` for their ranges and meaning).
    cadence_spm : float or None
        Cadence override [steps / min] or None (self-selected).

    Examples
    --------
    >>> SimParams(speed_m_s=3.0).arm_swing
    1.0
    >>> SimParams(speed_m_s=30.0)
    Traceback (most recent call last):
    ...
    ValueError: speed_m_s must be a finite number from 1.5 to 7 [m/s]; got 30.0
    """

    speed_m_s: float
    arm_swing: float = 1.0
    rotation_asymmetry_pct: float = 0.0
    arm_swing_asymmetry_pct: float = 0.0
    step_length_asymmetry_pct: float = 0.0
    lateral_sway_cm: float = 0.0
    spine_stiffness_scale: float = 1.0
    trunk_damping_scale: float = 1.0
    cadence_spm: float | None = None

    def __post_init__(self) -> None:
        for name in ("speed_m_s", "arm_swing", "rotation_asymmetry_pct", "arm_swing_asymmetry_pct",
                     "step_length_asymmetry_pct", "lateral_sway_cm", "spine_stiffness_scale", "trunk_damping_scale",
                     "cadence_spm"):
            object.__setattr__(self, name, _check_knob(name, getattr(self, name)))


@dataclass(frozen=True)
class Simulation:
    """Result of :func:`simulate`: one stride of a runner at one speed.

    Attributes
    ----------
    runner : Runner
        The body simulated.
    params : SimParams
        Speed and knobs used.
    cycle : pandas.DataFrame
        Time series over one stride, index ``cycle_pct`` 0..100 (right foot strike at 0), 101 rows; columns listed in
        ``CYCLE_COLUMNS``. Yaw angles: positive = rotated to the left (right side forward) seen from above. Hip
        angle: flexion positive. Hip moment: net internal moment per body mass, flexor positive.
    summary : pandas.Series
        Scalar results, units in the names (``SUMMARY_KEYS``; each is described in
        :data:`runmech.model.summary.QUANTITIES`).
    shock : pandas.DataFrame
        Vertical accelerations [g] after foot strike, index ``time_s`` 0..0.3 s: ``ground_input_g``,
        ``tibia_accel_g``, ``pelvis_accel_g``, ``thorax_accel_g``, ``head_accel_g``.

    Examples
    --------
    >>> sim = simulate(Runner(), speed_m_s=3.0)
    >>> sim.cycle.shape[0], sim.cycle.index.name
    (101, 'cycle_pct')
    """

    runner: Runner
    params: SimParams
    cycle: pd.DataFrame
    summary: pd.Series
    shock: pd.DataFrame

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"Simulation(speed_m_s={self.params.speed_m_s:g}, cadence_spm={s['cadence_spm']:.0f}, "
            f"thorax_rotation_rom_deg={s['thorax_rotation_rom_deg']:.1f}, "
            f"peak_hip_flexor_moment_Nm_kg={s['peak_hip_flexor_moment_Nm_kg']:.2f}, "
            f"peak_vgrf_bw={s['peak_vgrf_bw']:.2f})"
        )


def _knob_names(func):
    """An unknown keyword gets a message that lists the knobs there are (the signature stays what help() shows)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except TypeError as err:
            unknown = sorted(set(kwargs) - set(KNOBS) - {"runner", "speeds_m_s"})
            if unknown and "unexpected keyword argument" in str(err):
                allowed = ", ".join(k.name for k in KNOBS.values() if k.group != "runner")
                raise TypeError(f"unknown knob(s) {', '.join(unknown)}; allowed knobs are {allowed}") from None
            raise

    return wrapper



def _stages(runner: Runner, timing: gait.Timing, p: SimParams, traces: bool = True):
    """Run the stages in order; every stage gets only what it needs (``traces``: the shock's time courses too).

    The runner, the timing and the knobs (``p``) were checked at the public edge, so each stage's body is called
    without its checks (the same computation as the public stage functions)."""
    grf = ground._ground_force(runner, timing)
    sw = frontal._sway(runner, timing, grf, p.lateral_sway_cm)
    tw = transverse._twist(runner, timing, grf, sw, dict(
        arm_swing=p.arm_swing, rotation_asymmetry_pct=p.rotation_asymmetry_pct,
        arm_swing_asymmetry_pct=p.arm_swing_asymmetry_pct, step_length_asymmetry_pct=p.step_length_asymmetry_pct,
        spine_stiffness_scale=p.spine_stiffness_scale))
    hips = hip._hip_moments(runner, timing, grf, tw.hips, tw.leg_points, leg_segments(runner))
    sh = shock._shock_response(shock._constants_for(runner, p.spine_stiffness_scale, p.trunk_damping_scale), timing,
                               grf, traces)
    return grf, tw, hips, sw, sh


@lru_cache(maxsize=8)
def _indexes(summary_keys: tuple, cycle_keys: tuple) -> dict:
    """pandas Index objects are built once and reused (building them is most of simulate's pandas cost)."""
    floats = [c for c in cycle_keys if c not in ("stance_right", "stance_left")]
    return {
        "cycle": pd.Index(_PHASE * 100.0, name="cycle_pct"),
        "cycle_float": pd.Index(floats),
        "cycle_bool": pd.Index(["stance_right", "stance_left"]),
        "cycle_all": pd.Index(floats + ["stance_right", "stance_left"]),
        "float_names": tuple(floats),
        "float_place": np.arange(len(floats)),
        "bool_place": np.arange(len(floats), len(floats) + 2),
        "summary": pd.Index(list(summary_keys)),
        "summary_no_speed": pd.Index([key for key in summary_keys if key != "speed_m_s"]),
        "shock": pd.Index(shock.SHOCK_TIME_S, name="time_s"),
        "shock_cols": pd.Index(["ground_input_g", "tibia_accel_g", "pelvis_accel_g", "thorax_accel_g", "head_accel_g"]),
    }


def _cycle_frame(cycle: dict, idx: dict) -> pd.DataFrame:
    """The stride's columns as one DataFrame: the float columns in one block, the two stance columns (bool) in
    another, in the order of ``idx["cycle_all"]``."""
    floats = np.array([cycle[c] for c in idx["float_names"]])  # (columns, 101): a block's own layout
    stance = np.array([cycle["stance_right"], cycle["stance_left"]])
    if _from_blocks is not None:
        return _from_blocks([(floats, idx["float_place"]), (stance, idx["bool_place"])], index=idx["cycle"],
                            columns=idx["cycle_all"])
    return pd.concat([pd.DataFrame(floats.T, index=idx["cycle"], columns=idx["cycle_float"], copy=False),
                      pd.DataFrame(stance.T, index=idx["cycle"], columns=idx["cycle_bool"], copy=False)], axis=1)


@_knob_names
def simulate(runner: Runner, speed_m_s: float = 3.0, *, arm_swing: float = 1.0, rotation_asymmetry_pct: float = 0.0,
             arm_swing_asymmetry_pct: float = 0.0, step_length_asymmetry_pct: float = 0.0, lateral_sway_cm: float = 0.0, spine_stiffness_scale: float = 1.0, trunk_damping_scale: float = 1.0,
             cadence_spm: float | None = None) -> Simulation:
    """Simulate one stride of a runner at one speed.

    Parameters
    ----------
    runner : Runner
        The body.
    speed_m_s : float
        Running speed [m / s], 1.5 to 7.
    arm_swing : float
        Size of the shoulders' drive of the arm swing relative to a typical runner [-], 0 (arms held still) to 2;
        how far the arms then swing is computed.
    rotation_asymmetry_pct : float
        How much stiffer the spine is against turning the thorax to one side [%], −50 to 50: positive limits
        turns to the left, negative turns to the right.
    arm_swing_asymmetry_pct : float
        How much weaker one arm's drive is [%], −50 to 50: positive weakens the left arm, negative the right arm.
    step_length_asymmetry_pct : float
        How much longer one leg's swing (and step) is than the other's [%], −30 to 30: positive = right longer.
    lateral_sway_cm : float
        Extra side-to-side travel of the shoulders relative to the pelvis, end to end [cm], 0 to 10.
    spine_stiffness_scale : float
        Stiffness of the spine relative to typical [-], 0.25 to 4: in compression (the shock chain) and in twist.
    trunk_damping_scale : float
        Damping of the trunk muscles relative to typical [-], 0.25 to 4.
    cadence_spm : float or None
        Cadence [steps / min], 140 to 220; ``None`` = self-selected for the speed.

    Returns
    -------
    Simulation
        ``cycle`` (DataFrame over one stride), ``summary`` (Series), ``shock`` (DataFrame), ``params``, ``runner``.

    Examples
    --------
    >>> sim = simulate(Runner(mass_kg=73.0, height_m=1.74), speed_m_s=3.0)
    >>> round(float(sim.summary["cadence_spm"]))
    156
    >>> still = simulate(Runner(), speed_m_s=3.0, arm_swing=0)
    >>> bool(still.summary["thorax_rotation_rom_deg"] > sim.summary["thorax_rotation_rom_deg"])
    True
    """
    runner = check_stage("runner", runner)
    p = SimParams(speed_m_s=speed_m_s, arm_swing=arm_swing, rotation_asymmetry_pct=rotation_asymmetry_pct,
                  arm_swing_asymmetry_pct=arm_swing_asymmetry_pct, step_length_asymmetry_pct=step_length_asymmetry_pct,
                  lateral_sway_cm=lateral_sway_cm, spine_stiffness_scale=spine_stiffness_scale,
                  trunk_damping_scale=trunk_damping_scale, cadence_spm=cadence_spm)
    # the timing stage's body (speed and cadence were checked by SimParams, the runner above)
    timing = gait.Timing(**gait._timing_arrays(np.array([p.speed_m_s]), p.cadence_spm, runner._geo.leg_length))
    grf, tw, hips, sw, sh = _stages(runner, timing, p)
    values = summary._summarise(timing, grf, tw, hips, sw, sh)
    cycle = summary.cycle_columns(timing, grf, tw, hips, sw)
    idx = _indexes(tuple(values), tuple(cycle))
    cycle_df = _cycle_frame(cycle, idx)
    summary_s = pd.Series(np.concatenate(list(values.values()), dtype=float), index=idx["summary"],
                          name="summary")
    shock_df = pd.DataFrame(np.column_stack([sh.ground_g[0], sh.accel_g[0].T]), index=idx["shock"],
                            columns=idx["shock_cols"], copy=False)
    return Simulation(runner=runner, params=p, cycle=cycle_df, summary=summary_s, shock=shock_df)


@_knob_names
def sweep(runner: Runner, speeds_m_s=(2.0, 3.0, 4.0, 5.0), *, arm_swing: float = 1.0,
          rotation_asymmetry_pct: float = 0.0, arm_swing_asymmetry_pct: float = 0.0,
          step_length_asymmetry_pct: float = 0.0, lateral_sway_cm: float = 0.0, spine_stiffness_scale: float = 1.0,
          trunk_damping_scale: float = 1.0, cadence_spm: float | None = None) -> pd.DataFrame:
    """Summary figures over many speeds at once (vectorised; no loop over :func:`simulate`).

    Parameters
    ----------
    runner : Runner
        The body.
    speeds_m_s : sequence of float
        Running speeds [m / s], each 1.5 to 7; 1 to 10 000 values.
    arm_swing, rotation_asymmetry_pct, arm_swing_asymmetry_pct, step_length_asymmetry_pct, lateral_sway_cm, \
spine_stiffness_scale, trunk_damping_scale, cadence_spm
        The same keyword-only knobs as :func:`simulate`, applied at every speed.

    Returns
    -------
    pandas.DataFrame
        One row per speed, index ``speed_m_s``, columns = the summary keys.

    Examples
    --------
    >>> table = sweep(Runner(), speeds_m_s=[2, 3, 4, 5])
    >>> table.index.tolist()
    [2.0, 3.0, 4.0, 5.0]
    >>> bool(table["cadence_spm"].is_monotonic_increasing)
    True
    """
    runner = check_stage("runner", runner)
    lo, hi = gait.SPEED_RANGE_M_S
    speeds = check_array("speeds_m_s", speeds_m_s, low=lo, high=hi, unit="m/s", allow_scalar=False, min_size=1,
                         max_size=MAX_SPEEDS).ravel()
    timing = gait.stride_timing(speeds, cadence_spm, runner=runner)
    p = SimParams(speed_m_s=float(timing.speed_m_s[0]), arm_swing=arm_swing,
                  rotation_asymmetry_pct=rotation_asymmetry_pct, arm_swing_asymmetry_pct=arm_swing_asymmetry_pct,
                  step_length_asymmetry_pct=step_length_asymmetry_pct, lateral_sway_cm=lateral_sway_cm,
                  spine_stiffness_scale=spine_stiffness_scale, trunk_damping_scale=trunk_damping_scale,
                  cadence_spm=cadence_spm)
    values = summary._summarise(timing, *_stages(runner, timing, p, traces=False))
    keys = tuple(key for key in values if key != "speed_m_s")
    speeds = timing.speed_m_s
    table = np.empty((speeds.shape[0], len(keys)))  # one column per key (a key constant over speeds is broadcast)
    for j, key in enumerate(keys):
        table[:, j] = values[key]
    return pd.DataFrame(
        table,
        index=pd.Index(speeds, name="speed_m_s"),
        columns=_indexes(tuple(values), ())["summary_no_speed"],
        copy=False,
    )
