"""An installed (non-editable) runmech carries its data tables and its Voila template."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    (whl,) = out.glob("runmech-*.whl")
    return whl


def test_wheel_carries_every_data_table(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for csv in sorted((ROOT / "data").glob("*.csv")):
        assert f"runmech/data/{csv.name}" in names, f"{csv.name} is missing from the wheel"


def test_wheel_carries_the_offline_voila_template_and_type_marker(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "runmech/share/jupyter/voila/templates/runmech/index.html.j2" in names
    assert "runmech/py.typed" in names


def test_installed_wheel_reads_its_own_data(wheel, tmp_path):
    """Unpack the wheel away from the checkout and read the packaged data from there."""
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "import runmech, pathlib; d = runmech.data_dir(); "
        "assert pathlib.Path(runmech.__file__).parent / 'data' == d, d; "
        "print(len(runmech.sources().columns))"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": ""},
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "5"
