"""The one checker family (runmech._validate): whatever it is given, a clear error naming the parameter, or a value
that is what was asked for. Everything else in runmech leans on these, so they get Hypothesis on their own."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _inputs import HOSTILE
from runmech._validate import (check_array, check_bool, check_choice, check_int, check_path, check_real, check_text,
                               format_number, shown)

SETTINGS = settings(max_examples=150, derandomize=True, database=None, deadline=None)
anything = st.one_of(
    st.sampled_from([v for _, v in HOSTILE]),
    st.floats(allow_nan=True, allow_infinity=True), st.integers(-10 ** 500, 10 ** 500), st.text(max_size=10),
    st.booleans(), st.none(), st.lists(st.floats(allow_nan=True), max_size=4),
    st.lists(st.lists(st.integers(), max_size=3), max_size=3), st.binary(max_size=4), st.complex_numbers(),
)


def _refused_clearly(func, *args, **kwargs):
    try:
        return False, func(*args, **kwargs)
    except (TypeError, ValueError) as err:
        assert str(err).startswith("x "), str(err)  # names the parameter first
        assert len(str(err)) < 400, str(err)  # and never repeats a 5000-character value
        return True, None


@SETTINGS
@given(anything)
def test_check_real_gives_a_finite_in_range_float_or_a_clear_error(value):
    refused, x = _refused_clearly(check_real, "x", value, low=-5, high=1e6)
    if not refused:
        assert type(x) is float and math.isfinite(x) and -5 <= x <= 1e6
        assert not isinstance(value, (bool, str)) and value is not None


@SETTINGS
@given(anything)
def test_check_int_gives_a_whole_number_or_a_clear_error(value):
    refused, i = _refused_clearly(check_int, "x", value, low=0, high=50)
    if not refused:
        assert type(i) is int and 0 <= i <= 50 and i == value and not isinstance(value, bool)


@SETTINGS
@given(anything)
def test_check_array_checks_every_element_like_a_number(value):
    refused, arr = _refused_clearly(check_array, "x", value, low=0, high=10, unit="s")
    if not refused:
        assert arr.dtype == float and np.all(np.isfinite(arr)) and np.all((arr >= 0) & (arr <= 10))
        assert not isinstance(value, (bool, str)) and np.asarray(value).dtype != bool


def test_check_array_names_the_bad_element():
    with pytest.raises(ValueError, match=r"x must hold finite numbers from 0 to 2 \[s\]; got 5.0 at index 1"):
        check_array("x", [1.0, 5.0], low=0, high=2, unit="s")
    with pytest.raises(TypeError, match="x must be"):
        check_array("x", [True, False])
    with pytest.raises(TypeError, match="x must be"):
        check_array("x", [[1.0, 2.0], [3.0]])
    with pytest.raises(TypeError, match="one number"):
        check_array("x", 3.0, allow_scalar=False)
    with pytest.raises(ValueError, match="at least 1"):
        check_array("x", [], min_size=1)


@SETTINGS
@given(anything)
def test_check_choice_accepts_only_the_listed_words(value):
    refused, word = _refused_clearly(check_choice, "x", value, ["kg", "lb"])
    if not refused:
        assert word in ("kg", "lb")


def test_an_unknown_unit_is_refused_by_name():
    with pytest.raises(ValueError, match="unit must be one of 'kg', 'lb'; got 'stone'"):
        check_choice("unit", "stone", ["kg", "lb"])


@SETTINGS
@given(anything)
def test_check_bool_accepts_only_true_and_false(value):
    refused, b = _refused_clearly(check_bool, "x", value)
    if not refused:
        assert b is value and isinstance(value, bool)


@SETTINGS
@given(st.text(max_size=30) | anything)
def test_check_text_refuses_controls_and_direction_overrides(value):
    refused, text = _refused_clearly(check_text, "x", value, max_chars=20)
    if not refused:
        assert isinstance(text, str) and len(text) <= 20
        assert "\x00" not in text and "\u202e" not in text


@SETTINGS
@given(anything)
def test_format_number_never_shows_nan(value):
    refused, text = _refused_clearly(format_number, value, 1, name="x")
    if not refused:
        assert "nan" not in text.lower() and "inf" not in text.lower()
        assert float(text) == pytest.approx(round(float(value), 1), abs=0.051)


def test_check_path(tmp_path):
    assert check_path("x", tmp_path / "a.html", suffixes=(".html",)) == tmp_path / "a.html"
    for bad, err in ((None, TypeError), (3, TypeError), (b"a", TypeError), ("", ValueError), ("a\x00b", ValueError)):
        with pytest.raises(err, match="x must"):
            check_path("x", bad)
    with pytest.raises(FileNotFoundError, match="x names nothing"):
        check_path("x", tmp_path / "missing", must_exist=True)
    with pytest.raises(IsADirectoryError, match="x must be a file"):
        check_path("x", tmp_path, kind="file")
    with pytest.raises(ValueError, match=r"x must end in \.html"):
        check_path("x", Path("a.txt"), suffixes=(".html",))


def test_long_values_are_shortened_in_messages():
    assert shown(10 ** 400) == "a 401-digit number"
    assert len(shown("9" * 5000)) < 80
    with pytest.raises(ValueError, match="got a 401-digit number"):
        check_real("x", 10 ** 400)
