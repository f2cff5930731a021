"""Validation plots: the model against measured data it was not fitted to, speed by speed and runner by runner.

Each figure shows every measured runner as a point with its spread and the model as a line over speed, so a student
sees the scatter between runners, not only a group mean; the stride panels also set the real trial shipped with the
project (its hip moments and ground force over a stride) beside the model. The stride panels return a panel whose
sentence says the same in words (for screen readers and print; it is also the panel's plain-text form, which the
notebook tests compare between runs).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots  # the trial's three panels

from runmech._data import data_dir, read_table
from runmech._validate import check_path
from runmech.model import Runner, simulate, sweep
from runmech.model.validation import TRIAL_RUNNER, validation_table
from runmech.ui import style

__all__ = ["pelvis_validation_figure", "default_calibration_dir", "speed_validation_panel", "trial_validation_panel"]


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
    folder = check_path("calibration_dir", calibration_dir, kind="dir", allow_none=True) or default_calibration_dir()
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


P = style.PALETTE
_PANELS = (("cadence_spm", "cadence (steps/min)"), ("contact_time_s", "contact time (s)"),
           ("hip_flexion_rom_deg", "hip range (deg)"), ("peak_hip_flexor_moment_Nm_kg", "peak flexor (N·m/kg)"),
           ("peak_hip_extensor_moment_Nm_kg", "peak extensor (N·m/kg)"), ("peak_vgrf_bw", "peak force (BW)"))
_SYMBOLS = {"fit": "square-open", "validation": "circle", "context": "diamond-open"}


def speed_validation_panel(runner: Runner | None = None) -> style.Panel:
    """The six figures an outside lab would check, model against every measured point, from 1.5 to 7 m/s.

    Parameters
    ----------
    runner : Runner or None
        The runner of the model lines (default runner if omitted).

    Returns
    -------
    runmech.ui.style.Panel
        Heading, six small plotly FigureWidgets (two rows of three) and a sentence summarising fit and validation.

    Examples
    --------
    >>> p = speed_validation_panel()
    >>> len(p.figures), "validation" in p.summary_text()
    (6, True)
    """
    import ipywidgets as w

    runner = Runner() if runner is None else runner
    speeds = np.arange(1.5, 7.01, 0.25)
    model = sweep(runner, speeds)
    trial_model = sweep(TRIAL_RUNNER, speeds)
    table = validation_table(runner)
    figures = []
    for key, title in _PANELS:
        traces = [go.Scatter(x=speeds, y=model[key], name=f"model ({runner.height_m:g} m runner)",
                             line=dict(color=P["blue"], width=2.5)),
                  go.Scatter(x=speeds, y=trial_model[key], name="model (the trial's size, 1.58 m)",
                             line=dict(color=P["sky"], width=1.5, dash="dash"))]
        for (role, source), pts in table[table["quantity"] == key].groupby(["role", "source"]):
            trial = source == "bmc_opensim_trial"
            traces.append(go.Scatter(
                x=pts["speed_m_s"], y=pts["published"], mode="markers",
                name=f"{'the shipped trial' if trial else source} ({role})",
                error_y=dict(type="data", array=pts["sd"].fillna(0.0), visible=True),
                marker=dict(size=9, symbol="star" if trial else _SYMBOLS.get(role, "circle"),
                            color=P["vermillion"] if trial else (P["grey"] if role == "fit" else P["green"]),
                            line=dict(width=1.5, color=P["black"]))))
        figures.append(style.figure(traces, title=title, xaxis_title="speed (m/s)", height=270, width=290,
                                    showlegend=False, margin=dict(l=48, r=8, t=40, b=44), hovermode="closest",
                                    xaxis=dict(range=[1.4, 7.1])))
    grid = w.GridBox(figures, layout=w.Layout(grid_template_columns="repeat(3, 295px)", width="100%"))
    checked = table[table["within"].notna()]
    val = checked[checked["role"] == "validation"]
    flexor = table[table.quantity == "peak_hip_flexor_moment_Nm_kg"]
    text = (f"{int(val['within'].sum())} of {len(val)} validation figures (not used by any fit) and "
            f"{int(checked[checked['role'] == 'fit']['within'].sum())} of {int((checked['role'] == 'fit').sum())} "
            f"fitted figures sit within their tolerance. Solid line: the model for a {runner.height_m:g} m runner; "
            f"dashed: for a runner of the trial's size. Open grey squares: figures a coefficient was fitted to; "
            f"filled green circles: validation (mean ± SD); red stars: the shipped real trial (one runner; speed "
            f"estimated). The model's peak flexor moment sits "
            f"{flexor.loc[flexor.source == 'fukuchi2017', 'difference_pct'].mean():+.0f} % from the Fukuchi runners "
            f"and {flexor.loc[flexor.source == 'bmc_opensim_trial', 'difference_pct'].mean():+.0f} % from the "
            f"trial's runner.")
    box = style.panel(style.heading("The model against measured runners"), grid, style.live_text(text))
    box.figures = figures
    return box


def trial_validation_panel() -> style.Panel:
    """Hip angle, hip moment and vertical ground force over one right stride: model against the real trial.

    Returns
    -------
    runmech.ui.style.Panel
        Heading, a plotly FigureWidget with three panels and a sentence with the correlations.

    Examples
    --------
    >>> p = trial_validation_panel()
    >>> len(p.children[1].data), "Correlation" in p.summary_text()
    (6, True)
    """
    cur = read_table("reference_trial_curves.csv")
    speed = float(read_table("reference_trial.csv")["speed_m_s"].iloc[0])
    c = simulate(TRIAL_RUNNER, speed).cycle
    panels = (("hip_angle_right_deg", "hip flexion (deg)"), ("hip_moment_right_Nm_kg", "hip moment (N·m/kg, + flexor)"),
              ("vgrf_right_bw", "vertical force (BW)"))
    fig = make_subplots(rows=1, cols=3, subplot_titles=[t for _, t in panels], horizontal_spacing=0.08)
    corr = []
    for i, (key, _t) in enumerate(panels):
        fig.add_trace(go.Scatter(x=c.index, y=c[key], name="model", legendgroup="m", showlegend=i == 0,
                                 line=dict(color=P["blue"], width=2.5)), row=1, col=i + 1)
        fig.add_trace(go.Scatter(x=cur["phase_pct"], y=cur[key], name="real trial (OpenSim)", legendgroup="t",
                                 showlegend=i == 0, line=dict(color=P["vermillion"], width=2.5, dash="dash")),
                      row=1, col=i + 1)
        ok = cur[key].notna().to_numpy()
        corr.append(float(np.corrcoef(c[key].to_numpy()[ok], cur[key].to_numpy()[ok])[0, 1]))
    fig.update_xaxes(title_text="right stride (%)")
    # the whole layout goes into the widget's constructor (plotly >= 6 drops a layout set later under Voila)
    # as style.figure lays them out: the title on top, the legend in a row under it, the panels' titles below both
    height = 400
    fig.update_layout(height=height, width=880, template="plotly_white", font=style.FONT,
                      margin=dict(l=56, r=16, t=112, b=56),
                      legend=dict(orientation="h", x=0.0, xanchor="left", yref="container", yanchor="top",
                                  y=1.0 - 40 / height),
                      title=dict(text=f"One runner at about {speed:g} m/s: model against the real trial", x=0.0,
                                 xanchor="left", y=1.0, yref="container", yanchor="top", pad=dict(t=8),
                                 font=dict(size=16)))
    fig = go.FigureWidget(data=fig.data, layout=fig.layout)
    text = (f"Correlation between model and trial over the stride: hip angle {corr[0]:.2f} (the model's curve shape "
            f"was fitted to this trial), hip moment {corr[1]:.2f}, vertical force {corr[2]:.2f}. The trial's speed "
            f"is not in its files; {speed:g} m/s is runmech's estimate from the pelvis's forward travel.")
    return style.panel(style.heading("One real runner over a stride"), fig, style.live_text(text))
