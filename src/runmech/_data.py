"""Find and read the reference tables in ``data/``.

In a source checkout (editable install) the tables sit in the repository's top-level ``data/`` folder; an installed
wheel carries the same files as ``runmech/data``. Tables are read once and cached; callers get a copy.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

__all__ = ["data_dir", "data_path", "read_table", "sources"]

_HERE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """Folder holding runmech's reference tables.

    Examples
    --------
    >>> (data_dir() / "sources.csv").is_file()
    True
    """
    for candidate in (_HERE / "data", _HERE.parents[1] / "data"):
        if (candidate / "sources.csv").is_file():
            return candidate
    raise FileNotFoundError(
        "runmech's data folder was not found: expected runmech/data inside the installed package or data/ at the "
        "top of a source checkout. Reinstall with `pip install .` from the repository."
    )


def data_path(name: str) -> Path:
    """Path of one reference table by file name, e.g. ``"sources.csv"``.

    Examples
    --------
    >>> data_path("sources.csv").name
    'sources.csv'
    """
    path = data_dir() / name
    if not path.is_file():
        available = ", ".join(sorted(p.name for p in data_dir().glob("*.csv")))
        raise FileNotFoundError(f"name must be one of runmech's data files ({available}); got {name!r}")
    return path


@lru_cache(maxsize=None)
def _read_cached(name: str) -> pd.DataFrame:
    return pd.read_csv(data_path(name), comment=None, keep_default_na=True)


def read_table(name: str) -> pd.DataFrame:
    """A reference table as a DataFrame (a fresh copy each call; the file is read once).

    Examples
    --------
    >>> "file" in read_table("sources.csv").columns
    True
    """
    return _read_cached(name).copy()


def sources() -> pd.DataFrame:
    """Which source every data file (and figure in it) comes from: ``data/sources.csv``.

    Examples
    --------
    >>> sources().columns[:2].tolist()
    ['file', 'key']
    """
    return read_table("sources.csv")
