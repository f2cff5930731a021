"""The foundation: validation messages, units, data lookup, packaging metadata, command line."""

from __future__ import annotations

import math
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import runmech
from runmech import units
from runmech._data import data_dir, read_table, sources
from runmech._validate import check_choice, check_int, check_real

ROOT = Path(__file__).resolve().parents[2]


# --- validation -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "exc", "fragment"),
    [
        (12.0, ValueError, "got 12.0"),
        (float("nan"), ValueError, "got nan"),
        (float("inf"), ValueError, "got inf"),
        ("3", TypeError, "got '3' (str)"),
        (True, TypeError, "got True (bool)"),
        (None, TypeError, "got None"),
    ],
)
def test_check_real_names_parameter_value_and_range(value, exc, fragment):
    with pytest.raises(exc) as info:
        check_real("speed_m_s", value, low=0.5, high=10, unit="m/s")
    msg = str(info.value)
    assert msg.startswith("speed_m_s must be a finite number from 0.5 to 10 [m/s]")
    assert fragment in msg


def test_check_real_open_lower_bound():
    with pytest.raises(ValueError, match="above 0"):
        check_real("load_kg", 0.0, low=0.0, low_inclusive=False)
    assert check_real("load_kg", 0.5, low=0.0, low_inclusive=False) == 0.5


def test_check_int_and_choice():
    assert check_int("reps", 12.0, low=1, high=30) == 12
    with pytest.raises(ValueError, match="reps must be a whole number from 1 to 30; got 0"):
        check_int("reps", 0, low=1, high=30)
    with pytest.raises(ValueError, match="'epley', 'brzycki'"):
        check_choice("method", "nope", ["epley", "brzycki"])
    assert check_choice("method", " EPLEY ", ["epley", "brzycki"]) == "epley"


# --- units ----------------------------------------------------------------------------------------------------
def test_pound_and_mile_definitions():
    assert units.lb_to_kg(1) == pytest.approx(0.45359237, abs=0)
    assert units.pace_s_per_mile(1.0) == pytest.approx(1609.344)
    assert units.describe_speed(4.0) == "4.0 m/s (4:10 min/km, 6:42 min/mile)"


@given(st.floats(min_value=0.01, max_value=1000, allow_nan=False))
def test_kg_lb_round_trip(x):
    assert units.lb_to_kg(units.kg_to_lb(x)) == pytest.approx(x, rel=1e-12)
    assert units.to_kg(units.from_kg(x, "lb"), "lb") == pytest.approx(x, rel=1e-12)


@given(st.floats(min_value=0.5, max_value=12, allow_nan=False))
def test_pace_round_trip(speed):
    pace = units.pace_s_per_km(speed)
    assert units.speed_from_pace(pace // 60, pace % 60, per="km") == pytest.approx(speed, rel=1e-9)


def test_pace_rejects_zero():
    with pytest.raises(ValueError, match="speed_m_s"):
        units.pace_s_per_km(0)
    with pytest.raises(ValueError, match="minutes and seconds must make a pace per km from 1:07"):
        units.speed_from_pace(0, 0)


# --- data -----------------------------------------------------------------------------------------------------
def test_data_found_in_checkout():
    assert data_dir() == ROOT / "data"


def test_every_data_file_has_a_source():
    table = sources()
    assert list(table.columns) == ["file", "key", "citation", "what", "licence"]
    named = set(table["file"])
    for csv in sorted(data_dir().glob("*.csv")):
        if csv.name == "sources.csv":
            continue
        assert csv.name in named, f"data/{csv.name} has no row in data/sources.csv"
        frame = read_table(csv.name)
        if "source" in frame.columns:
            keys = set(table.loc[table["file"] == csv.name, "key"])
            unknown = {k for cell in frame["source"].dropna() for k in str(cell).split(";") if k.strip()} - keys
            assert not unknown, f"data/{csv.name} cites keys missing from sources.csv for that file: {unknown}"


def test_sources_rows_point_at_real_files():
    for name in sources()["file"]:
        assert (data_dir() / name).is_file(), f"sources.csv names data/{name}, which does not exist"


def test_read_table_returns_a_copy():
    a = read_table("sources.csv")
    a["file"] = "changed"
    assert "changed" not in set(read_table("sources.csv")["file"])


# --- packaging ------------------------------------------------------------------------------------------------
def test_pyproject_declares_the_field_dependencies():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = " ".join(meta["dependencies"])
    for name in ("numpy", "pandas", "plotly", "ipywidgets", "anywidget", "jupyterlab", "voila"):
        assert name in deps
    tests = " ".join(meta["optional-dependencies"]["test"])
    for name in ("pytest", "nbval", "hypothesis", "playwright"):
        assert name in tests
    assert meta["requires-python"] == ">=3.10"
    assert (ROOT / "src" / "runmech" / "py.typed").is_file()


def test_import_runmech_does_not_load_plotly_or_widgets():
    code = "import sys, runmech; print(sorted(m for m in ('plotly', 'ipywidgets') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_version():
    assert runmech.__version__ == tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


# --- command line ---------------------------------------------------------------------------------------------
def test_cli_help_lists_commands():
    out = subprocess.run([sys.executable, "-m", "runmech.apps.cli", "--help"], capture_output=True, text=True, check=True)
    assert "lab" in out.stdout and "not medical advice" in out.stdout


def test_cli_lab_refuses_a_busy_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        if port < 1024:  # pragma: no cover - ephemeral ports are above 1024
            pytest.fail("unexpected low ephemeral port")
        res = subprocess.run([sys.executable, "-m", "runmech.apps.cli", "lab", "--port", str(port)],
                             capture_output=True, text=True)
    assert res.returncode != 0
    assert f"port {port} on 127.0.0.1 is busy" in (res.stderr + res.stdout)
    assert "--port" in (res.stderr + res.stdout)




@pytest.mark.parametrize("value", [1500.0, float("nan"), 0.0, -1.0])
def test_open_lower_bound_message_is_the_same_for_every_bad_value(value):
    with pytest.raises(ValueError) as info:
        check_real("load_kg", value, low=0.0, high=1000.0, unit="kg", low_inclusive=False)
    assert str(info.value).startswith("load_kg must be a finite number above 0 [kg] and at most 1000; got ")


def test_ui_exports_every_panel_lazily():
    code = (
        "import sys, runmech.ui as ui; assert 'runmech.ui.torso' not in sys.modules; "
        "names = ui.__all__; objs = [getattr(ui, n) for n in names]; "
        "assert all(callable(o) for o in objs); print(len(names))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) >= 19
