"""The torso article's claims next to what the model computes and what studies found.

``data/claims.csv`` holds one row per claim of the torso article (paraphrased), the model quantity that speaks to it,
what the studies found (with citation keys from ``data/sources.csv``) and a verdict: ``supported``,
``partly supported``, ``not supported`` or ``untested`` (no study measured it; the model shows a teaching hypothesis).
"""

from __future__ import annotations

import pandas as pd

from runmech._data import read_table

__all__ = ["claims", "VERDICTS"]

VERDICTS = ("supported", "partly supported", "not supported", "untested")


def claims() -> pd.DataFrame:
    """The torso article's claims with model quantity, evidence, citations and verdict.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``claim_id``; columns ``claim``, ``model_quantity``, ``model_says``, ``evidence``, ``verdict``,
        ``source`` (main citation key) and ``other_sources`` (further keys, ``;``-separated).

    Examples
    --------
    >>> table = claims()
    >>> set(table["verdict"]) <= {"supported", "partly supported", "not supported", "untested"}
    True
    """
    return read_table("claims.csv").set_index("claim_id")
