"""Validation plots: the model against measured data it was not fitted to, runner by runner.

Each figure shows every measured runner as a point with its stride-to-stride spread (one SD) and the model as a line
over speed, so a student sees the scatter between runners, not only a group mean.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from runmech._data import data_dir
from runmech.model import Runner, sweep
from runmech.ui import style

__all__ = ["pelvis_validation_figure", "default_calibration_dir"]


def default_calibration_dir() -> Path:
    """Where the calibration figures live: ``data/calibration`` (copies of the Fukuchi et al. 2017 summary figures).

    Examples
    --------
    >>> default_calibration_dir().name
    'calibration'
    """
    return data_dir() / "calibration"


def pelvis_validation_figure(runner: Runner | None = None, *, calibration_dir=None) -> go.Figure:
    """Pelvis yaw range: each calibration runner's mean over strides (± SD) against the model's line over speed.

    Parameters
    ----------
    runner : Runner, optional
        The runner the model simulates (default runner if omitted).
    calibration_dir : path, optional
        Folder holding ``fukuchi_lab_pelvis_yaw.csv`` (Fukuchi et al. 2017 data; default: data/calibration).

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> fig = pelvis_validation_figure()
    >>> sorted({t.name for t in fig.data})[:2]
    ['RBDS001', 'RBDS0041']
    """
    runner = Runner() if runner is None else runner
    folder = Path(calibration_dir) if calibration_dir is not None else default_calibration_dir()
    table = pd.read_csv(folder / "fukuchi_lab_pelvis_yaw.csv")
    speeds = np.linspace(2.0, 5.0, 31)
    model = sweep(runner, speeds)
    pal = style.PALETTE
    colours = [pal["blue"], pal["vermillion"], pal["green"], pal["purple"]]
    traces = [go.Scatter(x=speeds, y=model["pelvis_rotation_rom_deg"], name="model", mode="lines",
                         line=dict(color=pal["black"], width=3))]
    for i, (name, rows) in enumerate(table.groupby("runner")):
        traces.append(go.Scatter(x=rows["speed"], y=rows["pelvis_yaw_rom_mean"], name=str(name), mode="markers",
                                 marker=dict(size=11, color=colours[i % len(colours)]),
                                 error_y=dict(type="data", array=rows["pelvis_yaw_rom_sd"].to_numpy(), visible=True),
                                 text=[f"{n} strides" for n in rows["n_strides"]]))
    return style.figure(traces, title="Pelvis turning range: model against each measured runner (mean ± SD)",
                        xaxis_title="speed (metres per second)", yaxis_title="pelvis yaw range (degrees)",
                        height=380, yaxis=dict(rangemode="tozero"))
