"""The model's parameters, each with its unit, its source and whether it was fitted (``data/model_parameters.csv``).

Segment data come from de Leva (1996) through :mod:`runmech.model.body`; everything else the model needs (fitted
coefficients, estimates, published figures) is a row of ``data/model_parameters.csv`` naming its source in
``data/sources.csv``. No model number is written inline in code.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from runmech._data import read_table
from runmech._validate import check_text

__all__ = ["model_parameters", "parameter"]


@lru_cache(maxsize=1)
def _param_dict() -> dict[str, float]:
    table = read_table("model_parameters.csv")
    return {str(k): float(v) for k, v in zip(table["name"], table["value"])}


def model_parameters() -> pd.DataFrame:
    """The model's parameters with units, sources and notes (``data/model_parameters.csv``).

    Returns
    -------
    pandas.DataFrame
        One row per parameter: ``name``, ``value``, ``unit``, ``source`` (a key of ``data/sources.csv``), ``note``.

    Examples
    --------
    >>> table = model_parameters()
    >>> {"name", "value", "unit", "source"} <= set(table.columns)
    True
    """
    return read_table("model_parameters.csv")


def parameter(name: str) -> float:
    """One model parameter's value, by name.

    Parameters
    ----------
    name : str
        A ``name`` of ``data/model_parameters.csv``.

    Returns
    -------
    float
        Its value, in the unit the table gives.

    Examples
    --------
    >>> parameter("reference_height_male_m")
    1.741
    """
    name = check_text("name", name, max_chars=200, single_line=True)
    table = _param_dict()
    if name not in table:
        raise ValueError(f"name must be one of the model parameters in data/model_parameters.csv; got {name!r}")
    return table[name]


def _p(name: str) -> float:
    return _param_dict()[name]
