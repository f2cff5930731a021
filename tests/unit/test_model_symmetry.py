"""Symmetry index (Robinson 1987) and symmetry angle (Zifchock 2008); the sway's cost is in test_model_frontal.py."""

from __future__ import annotations

import numpy as np
import pytest

from runmech.model.symmetry import symmetry_angle, symmetry_index


def test_symmetry_index_is_robinsons_formula():
    # (R - L) / (0.5 (R + L)) * 100
    assert symmetry_index(11.0, 9.0) == pytest.approx(20.0)
    assert symmetry_index(9.0, 11.0) == pytest.approx(-20.0)
    assert symmetry_index(9.0, 11.0, absolute=True) == pytest.approx(20.0)
    assert symmetry_index(5.0, 5.0) == 0.0
    assert symmetry_index(100, 50) == pytest.approx(66.666666, rel=1e-6)


def test_symmetry_index_on_arrays():
    si = symmetry_index(np.array([10.0, 12.0, 8.0]), np.array([10.0, 8.0, 12.0]))
    np.testing.assert_allclose(si, [0.0, 40.0, -40.0])
    assert symmetry_index([1, 2], [1, 2]).shape == (2,)


def test_symmetry_index_zero_crossing_caveat():
    """On a signal near zero the index explodes (or is undefined: refused by name, never NaN); the angle stays
    bounded (and is refused only where both sides are 0)."""
    with pytest.raises(ValueError, match=r"right and left must not add up to 0.*right=1\.0, left=-1\.0"):
        symmetry_index(1.0, -1.0)
    with pytest.raises(ValueError, match=r"must not add up to 0.*at index \(1,\)"):
        symmetry_index([1.0, 2.0], [1.0, -2.0])
    assert abs(symmetry_index(0.2, -0.1)) > 200
    assert abs(symmetry_angle(0.2, -0.1)) <= 100
    with pytest.raises(ValueError, match=r"right and left must not both be 0"):
        symmetry_angle(0.0, 0.0)
    assert symmetry_angle(0.0, 1.0) == pytest.approx(-50.0)


def test_symmetry_angle_is_zifchocks_formula():
    # (45 - arctan(L / R)) / 90 * 100
    assert symmetry_angle(1.0, 1.0) == 0.0
    assert symmetry_angle(11.0, 9.0) == pytest.approx((45 - np.degrees(np.arctan(9 / 11))) / 90 * 100)
    assert symmetry_angle(9.0, 11.0) == pytest.approx(-symmetry_angle(11.0, 9.0))
    assert symmetry_angle(-2.0, -2.0) == 0.0  # same-signed negative values are symmetric too
    assert symmetry_angle(1.0, -1.0) == pytest.approx(100.0)  # opposite signs: maximal asymmetry
    assert symmetry_angle(2.0, 0.0) == pytest.approx(50.0)
    sa = symmetry_angle(np.linspace(0.5, 2, 7), np.ones(7))
    assert np.all(np.diff(sa) > 0) and np.all(np.abs(sa) < 100)


def test_symmetry_functions_reject_bad_input():
    with pytest.raises(TypeError, match="right"):
        symmetry_index("10", 9.0)
    with pytest.raises(ValueError, match="left"):
        symmetry_angle(1.0, float("nan"))
    with pytest.raises(ValueError, match="same shape"):
        symmetry_index([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="absolute"):
        symmetry_index(1.0, 2.0, absolute="yes")
