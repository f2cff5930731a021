"""A real running trial shipped with runmech: OpenSim's running example (CC BY 4.0), for the notebook and tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from runmech._data import data_dir
from runmech._validate import check_choice

#: How to cite the shipped trial (its licence asks for it).
TRIAL_CITATION = ("OpenSim's running example (Rajagopal et al. 2016 full-body model), as kept in Duarte M., Notes on "
                  "Scientific Computing for Biomechanics and Motor Control, BMClab/BMC repository, "
                  "doi:10.5281/zenodo.4599319; licence CC BY 4.0")
_FILES = {"forces": "grf_run.mot", "angles": "ik_output_run.mot", "moments": "inverse_dynamics.sto",
          "markers": "motion_capture_run.trc"}


def trial_path(part: str = "angles"):
    """Path of one file of the shipped trial.

    Parameters
    ----------
    part : {"angles", "forces", "moments", "markers"}
        Inverse-kinematics angles (.mot), ground forces (.mot), inverse-dynamics moments (.sto), markers (.trc).

    Examples
    --------
    >>> trial_path("markers").name
    'motion_capture_run.trc'
    """
    part = check_choice("part", part, list(_FILES))
    return data_dir() / "recordings" / "opensim_running_example" / _FILES[part]


def real_trial(part: str = "combined") -> pd.DataFrame:
    """The shipped real trial: one file of it, or angles, moments and vertical forces on one time axis.

    "combined" is the inverse-kinematics table (150 Hz) with the moments and the two vertical ground forces
    (``R_ground_force_vy``, ``L_ground_force_vy``, 300 Hz) interpolated onto its times, so strides and events come
    from the force plates while angles and moments are measured per stance.

    Parameters
    ----------
    part : {"combined", "angles", "forces", "moments", "markers"}
        Which table.

    Returns
    -------
    pandas.DataFrame
        As :func:`runmech.recordings.read_recording` returns it; ``attrs["citation"]`` holds
        :data:`TRIAL_CITATION` and ``attrs["label"]`` says it is a measured trial.

    Examples
    --------
    >>> rec = real_trial()
    >>> rec.shape[0], "R_ground_force_vy" in rec.columns, rec.attrs["synthetic"]
    (122, True, False)
    """
    from runmech.recordings.readers import read_recording

    part = check_choice("part", part, ["combined", *_FILES])
    if part != "combined":
        df = read_recording(trial_path(part))
    else:
        df = read_recording(trial_path("angles"))
        t = df.index.to_numpy()
        moments = read_recording(trial_path("moments"))
        forces = read_recording(trial_path("forces"))
        extra = {}
        for frame, cols in ((moments, [c for c in moments.columns if c.startswith(("hip_", "knee_", "ankle_"))]),
                            (forces, ["R_ground_force_vy", "L_ground_force_vy"])):
            tf = frame.index.to_numpy()
            for c in cols:
                extra[c] = np.interp(t, tf, frame[c].to_numpy(), left=np.nan, right=np.nan)
        attrs = dict(df.attrs)
        df = pd.concat([df, pd.DataFrame(extra, index=df.index)], axis=1)
        df.attrs = attrs
        df.attrs.update({"name": "opensim_running_example", "format": "combined (ik + id + grf)",
                         "source": "runmech/data/recordings/opensim_running_example"})
    df.attrs["citation"] = TRIAL_CITATION
    df.attrs["label"] = f"measured trial: {TRIAL_CITATION.split(' (')[0]} ({part})"
    return df
