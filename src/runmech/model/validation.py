"""The model beside the published figures it was fitted to and the ones it predicts (one table, for notebooks).

Every row of ``data/reference_running.csv`` (studies) and ``data/reference_trial.csv`` (the shipped real trial) is
set beside the model's value for the same quantity and speed; the ``role`` column says whether the figure set one
of the model's coefficients (``fit``), was left out of every fit (``validation``) or is only for context. The
trial's rows are computed for a runner of the trial's size (70 kg, about 1.58 m).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from runmech._data import read_table
from runmech.model.body import Runner
from runmech.model.compose import sweep

__all__ = ["validation_table", "TRIAL_RUNNER"]

#: A runner of the shipped trial's size (scaled OpenSim model: 70.0 kg, leg about 0.84 m).
TRIAL_RUNNER = Runner(mass_kg=70.0, height_m=1.58)


def validation_table(runner: Runner | None = None) -> pd.DataFrame:
    """Published and measured figures beside the model's, with the role each figure plays.

    Parameters
    ----------
    runner : Runner or None
        The runner for the study rows (default: 73 kg, 1.74 m, male); the trial's rows always use
        :data:`TRIAL_RUNNER`.

    Returns
    -------
    pandas.DataFrame
        Columns ``quantity``, ``speed_m_s``, ``published``, ``sd``, ``model``, ``difference_pct``, ``within``
        (inside the row's tolerance; NaN where the row gives none), ``role``, ``source``, ``note``.

    Examples
    --------
    >>> t = validation_table()
    >>> sorted(set(t["role"]))
    ['context', 'fit', 'validation']
    >>> bool(t.loc[t["quantity"] == "peak_vgrf_bw", "within"].all())
    True
    """
    runner = Runner() if runner is None else runner
    parts = []
    for table, who in ((read_table("reference_running.csv"), runner), (read_table("reference_trial.csv"),
                                                                          TRIAL_RUNNER)):
        speeds = sorted(set(float(v) for v in table["speed_m_s"]))
        model = sweep(who, speeds)
        rows = table[table["quantity"].isin(model.columns)].copy()
        rows["model"] = [float(model.loc[float(v), q]) for q, v in zip(rows["quantity"], rows["speed_m_s"])]
        if who is TRIAL_RUNNER:
            rows["role"] = "validation (trial)"
        parts.append(rows)
    t = pd.concat(parts, ignore_index=True)
    value = t["value"].astype(float)
    tol = pd.to_numeric(t["tolerance"], errors="coerce")
    sd = pd.to_numeric(t["sd"], errors="coerce")
    allowed = np.where(t["tolerance_kind"] == "relative", tol * value.abs(),
                       np.where(t["tolerance_kind"] == "sd", tol * sd, tol))
    diff = (t["model"] - value).abs()
    within = np.where(np.isfinite(allowed), diff <= allowed, np.nan)
    return pd.DataFrame({
        "quantity": t["quantity"], "speed_m_s": t["speed_m_s"].astype(float), "published": value, "sd": sd,
        "model": t["model"], "difference_pct": (t["model"] / value - 1.0) * 100.0, "within": within,
        "role": t["role"].replace({"validation (trial)": "validation"}), "source": t["source"], "note": t["note"],
    })
