"""Your own running recordings: read CSV, OpenSim .mot/.sto, .trc markers and .c3d files, find strides (from force
or, without force, from the motion), get ranges, peaks and symmetry, and set them beside the model and healthy-runner
figures (recording -> events/strides -> statistics -> comparison).

The steps, each a function
--------------------------
1. **Read** a file: :func:`read_recording` chooses by the file ending among :func:`read_opensim` (``.mot``/``.sto``),
   :func:`read_table` (CSV/TSV), :func:`read_trc` (markers, plus the yaw of the pelvis and shoulder lines,
   :func:`marker_measures`) and :func:`read_c3d` (markers, model angles and analog force, through ezc3d). Column
   names of other systems (Vicon Plug-in Gait, Xsens, OpenSim's gait2392 forces) are mapped to OpenSim's
   (:func:`runmech.recordings.columns.canonical_names`). The result is a ``pandas.DataFrame`` indexed by time
   ``time_s`` [s]; ``df.attrs`` records the source, the angle unit, what was converted or renamed. With no data at
   hand, :func:`example_recording` makes a **synthetic** recording from the model, and :func:`real_trial` loads the
   real trial shipped with runmech (OpenSim's running example, CC BY 4.0, :data:`TRIAL_CITATION`).
2. **Strides** (:func:`detect_strides`): foot strike to the next foot strike of the same foot, from vertical ground
   force crossing a threshold, from foot-strike times you give, or from kinematics (:func:`kinematic_events`: Zeni
   2008 for the strike, Fellin 2010 for toe-off, their expected errors in ``data/event_methods.csv``). Every stride
   is kept in the table; the ones with an implausible duration are marked and the reason given. A trial too short
   for a stride keeps its contacts (``Strides.contacts``).
3. **Statistics** (:func:`stride_stats`): per stride, the range of motion (max - min), maximum and minimum of every
   column, then mean, SD and count per side; contact and step time and the peak force of every stance; for a trial
   without a stride, ranges over the whole trial and, in words, what needs a longer recording
   (``StrideStats.needs_longer``); symmetry index and symmetry angle for every right/left pair
   (:func:`runmech.model.symmetry.symmetry_index`, :func:`runmech.model.symmetry.symmetry_angle`).
4. **Compare** (:func:`compare_with_model`): the measured values beside :func:`runmech.simulate`'s summary at the
   runner's speed and beside the reference ranges in ``data/reference_running.csv`` and
   ``data/symmetry_reference.csv``, flagging what lies outside; :func:`side_by_side` for several recordings.
5. **Export** (:func:`results_csv`): one tidy CSV of everything, safe to open in a spreadsheet.

Safety and limits
-----------------
A file is only ever read: nothing in it is executed or evaluated; numbers are parsed by pandas' C reader, block by
block into one float64 array (peak memory about 1.5 x a 200 MB file, interpreter included; ``benchmarks/
bench_memory.py``). Files larger than :data:`MAX_FILE_MB` megabytes (200 MB = 200 000 000 bytes) are refused before
reading; cells that are infinite or larger than :data:`MAX_ABS_VALUE` are refused with their line. UTF-8 (with or
without a byte-order mark), UTF-16 and Latin-1 text is read. Every
problem raises :class:`RecordingError` (a ``ValueError``) whose message names the file, the line where there is one,
and what was expected.

OpenSim table format (what :func:`write_opensim` writes and :func:`read_opensim` reads)
----------------------------------------------------------------------------------------
::

    run_trial_01            <- a name (optional first line)
    version=1
    nRows=6000              <- number of data rows
    nColumns=41             <- number of columns, time included
    inDegrees=yes           <- yes: angles in degrees; no: radians
    endheader
    time<TAB>pelvis_rotation<TAB>hip_flexion_r ...
    0<TAB>1.25<TAB>30.5 ...

Other ``key=value`` header lines (``DataType``, ``OpenSimVersion`` ...) and free text are kept in
``df.attrs["header"]``. Columns may be separated by tabs or spaces.

Column names and sides
----------------------
A column belongs to the right or left side when one word of its name is ``r``/``right`` or ``l``/``left``
(``hip_flexion_r``, ``r_ground_force_vy``, ``hip_angle_right_deg``) or it starts with ``R``/``L`` before a capital
(``RHipAngles``). Two columns that differ only in that word form a pair and get a symmetry row. Angle columns are
recognised by words such as angle, flexion, rotation, tilt, list, and body parts (pelvis, lumbar, hip, knee, ankle,
thorax ...); translations (``pelvis_tx``), forces and moments are not angles.
"""

from __future__ import annotations

from runmech.recordings.compare import compare_with_model, reference_ranges, side_by_side
from runmech.recordings.errors import DEFAULT_THRESHOLD_FRACTION, MAX_ABS_VALUE, MAX_FILE_MB, RecordingError
from runmech.recordings.events import event_errors, event_methods, kinematic_events
from runmech.recordings.examples import TRIAL_CITATION, real_trial, trial_path
from runmech.recordings.export import results_csv
from runmech.recordings.markers import marker_measures
from runmech.recordings.readers import read_c3d, read_opensim, read_recording, read_table, read_trc, write_opensim
from runmech.recordings.stats import StrideStats, stride_curves, stride_stats, symmetry_bands
from runmech.recordings.strides import Strides, detect_strides
from runmech.recordings.synthetic import example_recording

__all__ = [
    "MAX_FILE_MB",
    "MAX_ABS_VALUE",
    "DEFAULT_THRESHOLD_FRACTION",
    "RecordingError",
    "read_opensim",
    "write_opensim",
    "read_table",
    "read_recording",
    "read_trc",
    "read_c3d",
    "marker_measures",
    "detect_strides",
    "Strides",
    "stride_stats",
    "StrideStats",
    "stride_curves",
    "symmetry_bands",
    "reference_ranges",
    "compare_with_model",
    "example_recording",
    "real_trial",
    "trial_path",
    "TRIAL_CITATION",
    "kinematic_events",
    "event_methods",
    "event_errors",
    "side_by_side",
    "results_csv",
]
