"""Notebooks are committed clean (no outputs, no execution counts, no stored widget state) and follow the kit's map."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NB_DIR = Path(__file__).resolve().parents[2] / "notebooks"
NOTEBOOKS = sorted(p for p in NB_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def test_there_are_notebooks():
    assert any(p.name == "00_start_here.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(NB_DIR)))
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text())
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name} cell {i} has outputs: strip them before committing"
            assert cell.get("execution_count") is None, f"{path.name} cell {i} has an execution count"
    assert "widgets" not in nb.get("metadata", {}), f"{path.name} stores widget state in its metadata"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(NB_DIR)))
def test_runs_on_the_standard_kernel(path):
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_start_notebook_maps_every_notebook():
    start = json.loads((NB_DIR / "00_start_here.ipynb").read_text())
    text = "".join("".join(c["source"]) for c in start["cells"])
    for path in NB_DIR.glob("*.ipynb"):
        assert path.stem in text, f"00_start_here does not mention {path.stem}"
    assert "not medical advice" in text
