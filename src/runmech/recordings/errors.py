"""What a recording can be refused for, and the limits every reader applies."""

from __future__ import annotations

import pandas as pd

#: Largest file :func:`read_opensim` / :func:`read_table` accept [MB, 1 MB = 1 000 000 bytes], checked before reading.
MAX_FILE_MB = 200.0
#: Largest magnitude a number cell may have; bigger ones (and infinities) are refused with their line. No measured
#: quantity of a running recording comes near it (forces in newtons, times in milliseconds, positions in millimetres).
MAX_ABS_VALUE = 1e15
#: Default force threshold for stride detection, as a fraction of the force column's 99th percentile.
DEFAULT_THRESHOLD_FRACTION = 0.05

_NA_WORDS = {"", "nan", "-nan", "+nan", "na", "n/a", "null", "none", "#n/a", "-1.#ind", "1.#qnan", "<na>"}
# pandas 3 parses floats exactly by default (and deprecates the option); older pandas needs "round_trip" for that
_FLOAT_KW = {} if int(pd.__version__.split(".")[0]) >= 3 else {"float_precision": "round_trip"}
_OPENSIM_SUFFIXES = {".mot", ".sto"}
_TABLE_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".dat"}
_TRC_SUFFIXES = {".trc"}
_C3D_SUFFIXES = {".c3d"}


class RecordingError(ValueError):
    """A recording that cannot be used as it is: the message names the file, the line and what was expected.

    Parameters
    ----------
    source : str
        The file (path or upload name).
    expected : str
        What runmech expected to find.
    line : int, optional
        Line number in the file (1 = first line), where there is one.
    found : str, optional
        What was found instead.
    hint : str, optional
        How to fix it.

    Attributes
    ----------
    source, line, expected, found, hint
        As given.

    Examples
    --------
    >>> err = RecordingError("run.mot", "a number in column 'hip_flexion_r'", line=12, found="'abc'")
    >>> str(err)
    "run.mot, line 12: expected a number in column 'hip_flexion_r'; found 'abc'"
    >>> isinstance(err, ValueError), err.line
    (True, 12)
    """

    def __init__(self, source: str, expected: str, *, line: int | None = None, found: str | None = None,
                 hint: str | None = None) -> None:
        self.source = str(source)
        self.line = line
        self.expected = expected
        self.found = found
        self.hint = hint
        where = self.source + (f", line {line}" if line is not None else "")
        msg = f"{where}: expected {expected}"
        if found:
            msg += f"; found {found}"
        if hint:
            msg += f". {hint}"
        super().__init__(msg)


# shown (and documented) as part of the package: runmech.recordings.RecordingError
RecordingError.__module__ = "runmech.recordings"
