"""runmech.recordings: reading recordings, bad input, round trips, strides, statistics, symmetry and the model comparison."""

from __future__ import annotations

import dataclasses
import math
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import runmech
from runmech import Runner, recordings
from runmech.recordings import RecordingError

HEADER = "trial\nversion=1\nnRows={n}\nnColumns={c}\ninDegrees={deg}\nendheader\n"


def mot(tmp_path: Path, rows: list[str], *, labels="time\thip_flexion_r\tpelvis_rotation", n=None, c=None,
        deg="yes", name="trial.mot", header=None) -> Path:
    """Write a small .mot file: header (counts default to the rows given), labels, rows."""
    n = len(rows) if n is None else n
    c = len(labels.split()) if c is None else c
    text = (HEADER.format(n=n, c=c, deg=deg) if header is None else header) + labels + "\n" + "\n".join(rows) + "\n"
    p = tmp_path / name
    p.write_text(text)
    return p


GOOD_ROWS = ["0.00\t30.0\t1.0", "0.01\t31.0\t1.5", "0.02\t32.0\t2.0", "0.03\t33.0\t2.5"]
# header lines 1-6, labels on line 7, first data row on line 8


def expect_error(fn, *args, line=None, contains=(), **kwargs) -> RecordingError:
    with pytest.raises(RecordingError) as info:
        fn(*args, **kwargs)
    err = info.value
    msg = str(err)
    assert isinstance(err, ValueError)
    if line is not None:
        assert err.line == line, msg
        assert f"line {line}:" in msg, msg
    for word in contains:
        assert word in msg, f"{word!r} not in {msg!r}"
    return err


# ------------------------------------------------------------------------------------------------ reading, good
def test_read_opensim_good_file(tmp_path):
    df = recordings.read_opensim(mot(tmp_path, GOOD_ROWS))
    assert df.index.name == "time_s"
    assert df.index.tolist() == [0.0, 0.01, 0.02, 0.03]
    assert df.columns.tolist() == ["hip_flexion_r", "pelvis_rotation"]
    assert df.attrs["in_degrees"] is True
    assert df.attrs["converted_to_degrees"] == ()
    assert df.attrs["header"]["nRows"] == "4"
    assert df.attrs["rate_hz"] == pytest.approx(100.0)


def test_read_opensim_space_separated_and_extra_header_lines(tmp_path):
    header = "name\nversion=1\nnRows=2\nnColumns=3\nDataType=double\nOpenSimVersion=4.4\ninDegrees=yes\n\nendheader\n"
    p = mot(tmp_path, ["0.0   30.0  1.0", "  0.01  31.0   1.5"], labels="time  hip_flexion_r  pelvis_rotation",
            header=header)
    df = recordings.read_opensim(p)
    assert df["pelvis_rotation"].tolist() == [1.0, 1.5]
    assert df.attrs["header"]["OpenSimVersion"] == "4.4"


def test_in_degrees_no_converts_angles_only(tmp_path):
    rows = ["0.00\t0.5\t0.01\t0.90", "0.01\t0.6\t0.02\t0.91"]
    p = mot(tmp_path, rows, labels="time\thip_flexion_r\tpelvis_rotation\tpelvis_ty", deg="no")
    df = recordings.read_opensim(p)
    assert df.attrs["in_degrees"] is False
    assert set(df.attrs["converted_to_degrees"]) == {"hip_flexion_r", "pelvis_rotation"}
    assert df["hip_flexion_r"].tolist() == pytest.approx([math.degrees(0.5), math.degrees(0.6)])
    assert df["pelvis_ty"].tolist() == [0.90, 0.91]  # a translation in metres stays as it is


def test_read_table_variants(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("# exported by a sensor\nTime,hip_flexion_l,ground_force_vy_l\n0,10,0\n0.01,12,5\n")
    assert recordings.read_table(p)["hip_flexion_l"].tolist() == [10.0, 12.0]
    p = tmp_path / "b.tsv"
    p.write_text("t_ms\tknee_angle_r\n0\t5\n10\t6\n")
    df = recordings.read_table(p, time_column="t_ms", time_unit="ms")
    assert df.index.tolist() == [0.0, 0.01]
    p = tmp_path / "c.csv"
    p.write_text("time;hip_flexion_r\n0;0.5\n0.01;0.7\n")
    df = recordings.read_table(p, units="radians")
    assert df["hip_flexion_r"].tolist() == pytest.approx([math.degrees(0.5), math.degrees(0.7)])
    assert df.attrs["converted_to_degrees"] == ("hip_flexion_r",)


def test_read_recording_dispatch_and_bytes(tmp_path):
    p = mot(tmp_path, GOOD_ROWS, name="trial.sto")
    assert recordings.read_recording(p).attrs["format"] == "opensim sto"
    data = p.read_bytes()
    df = recordings.read_recording(data, name="upload.mot")
    assert df.attrs["source"] == "upload.mot" and len(df) == 4
    assert recordings.read_recording(data, name="upload.unknown").shape == (4, 2)  # found by its endheader line


# ------------------------------------------------------------------------------------------------ bad input
def test_empty_file(tmp_path):
    p = tmp_path / "empty.mot"
    p.write_text("")
    expect_error(recordings.read_opensim, p, line=1, contains=("empty.mot", "empty file", "expected a header"))
    q = tmp_path / "blank.csv"
    q.write_text("\n\n  \n")
    expect_error(recordings.read_table, q, line=1, contains=("blank.csv", "empty file"))


def test_missing_header_end(tmp_path):
    p = tmp_path / "noend.mot"
    p.write_text("trial\nversion=1\nnRows=1\ninDegrees=yes\ntime\thip_flexion_r\n0\t1\n")
    expect_error(recordings.read_opensim, p, line=6, contains=("noend.mot", "'endheader'", "no 'endheader' in 6 lines"))


def test_ragged_rows(tmp_path):
    rows = list(GOOD_ROWS)
    rows[2] = "0.02\t32.0\t2.0\t9.9"
    expect_error(recordings.read_opensim, mot(tmp_path, rows, name="long.mot"), line=10,
                 contains=("long.mot", "expected 3 values separated by tabs", "found 4 values"))
    rows[2] = "0.02\t32.0"
    expect_error(recordings.read_opensim, mot(tmp_path, rows, name="short.mot"), line=10, contains=("found 2 values",))
    p = tmp_path / "ragged.csv"
    p.write_text("time,a_angle,b_angle\n0,1,2\n0.01,1\n")
    expect_error(recordings.read_table, p, line=3, contains=("ragged.csv", "3 values separated by commas", "found 2"))


def test_text_in_numeric_column(tmp_path):
    rows = list(GOOD_ROWS)
    rows[1] = "0.01\tabc\t1.5"
    expect_error(recordings.read_opensim, mot(tmp_path, rows), line=9,
                 contains=("trial.mot", "a number in column 'hip_flexion_r'", "found 'abc'"))
    p = tmp_path / "comma.csv"
    p.write_text("time;hip_flexion_r\n0;30,5\n")
    expect_error(recordings.read_table, p, line=2, contains=("'30,5'", "decimal separator"))


def test_nothing_in_a_file_is_evaluated(tmp_path):
    marker = tmp_path / "pwned"
    rows = list(GOOD_ROWS)
    rows[0] = f"0.00\t__import__('os').system('touch {marker}')\t1.0"
    expect_error(recordings.read_opensim, mot(tmp_path, rows), line=8, contains=("a number in column",))
    p = tmp_path / "formula.csv"
    p.write_text("time,hip_flexion_r\n0,=1+1\n0.01,@SUM(A1)\n")
    expect_error(recordings.read_table, p, line=2, contains=("'=1+1'",))
    assert not marker.exists()


@pytest.mark.parametrize("second, word", [("0.00", "the same time"), ("-0.01", "an earlier time")])
def test_duplicate_or_decreasing_time(tmp_path, second, word):
    rows = list(GOOD_ROWS)
    rows[1] = f"{second}\t31.0\t1.5"
    expect_error(recordings.read_opensim, mot(tmp_path, rows), line=9,
                 contains=("trial.mot", "time to increase from one row to the next", word))


def test_missing_time_value(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("time,hip_flexion_r\n0,1\n,2\n")
    expect_error(recordings.read_table, p, line=3, contains=("a time in seconds", "empty or NaN time"))


def test_radians_where_degrees_expected(tmp_path):
    t = np.arange(0, 1.0, 0.01)
    hip = 0.4 + 0.5 * np.sin(2 * np.pi * t)  # radians: -0.1 to 0.9
    rows = [f"{a:.2f}\t{b:.6f}\t{0.05 * b:.6f}" for a, b in zip(t, hip)]
    err = expect_error(recordings.read_opensim, mot(tmp_path, rows), line=5,
                       contains=("trial.mot", "angles in degrees (inDegrees=yes)", "looks like radians",
                                 "'hip_flexion_r'"))
    assert "inDegrees=no" in err.hint
    df = recordings.read_opensim(mot(tmp_path, rows), check_units=False)  # the way out the message names
    assert df["hip_flexion_r"].max() < 1.0
    p = tmp_path / "rad.csv"
    p.write_text("time,knee_angle_r\n" + "\n".join(f"{a:.2f},{0.6 + 0.6 * math.sin(6 * a):.5f}" for a in t))
    expect_error(recordings.read_table, p, line=1, contains=("rad.csv", "angles in degrees (units='degrees')"))
    assert recordings.read_table(p, units="radians")["knee_angle_r"].max() > 60


def test_degrees_where_radians_stated(tmp_path):
    rows = [f"{i / 100:.2f}\t{30 + i / 5:.2f}\t0.1" for i in range(60)]
    expect_error(recordings.read_opensim, mot(tmp_path, rows, deg="no"), line=5,
                 contains=("angles in radians (inDegrees=no)", "more than 4π"))


def test_small_pelvis_angles_in_degrees_are_not_mistaken_for_radians(tmp_path):
    rows = [f"{i / 100:.2f}\t{4 * math.sin(i / 10):.4f}\t{2 * math.cos(i / 10):.4f}" for i in range(100)]
    df = recordings.read_opensim(mot(tmp_path, rows, labels="time\tpelvis_rotation\tpelvis_list"))
    assert df["pelvis_rotation"].abs().max() < 6.3


def test_nan_gaps(tmp_path):
    rows = list(GOOD_ROWS)
    rows[1] = "0.01\tNaN\t1.5"
    rows[2] = "0.02\tNaN\t2.0"
    expect_error(recordings.read_opensim, mot(tmp_path, rows), line=9,
                 contains=("a number in every cell of column 'hip_flexion_r'", "gap", "lines 9 to 10",
                           "allow_gaps=True"))
    p = tmp_path / "gap.csv"
    p.write_text("time,hip_flexion_r,pelvis_rotation\n0,1,2\n0.01,,2\n0.02,3,2\n")
    expect_error(recordings.read_table, p, line=3, contains=("gap.csv", "a gap (missing value) on line 3"))
    df = recordings.read_table(p, allow_gaps=True)
    assert np.isnan(df["hip_flexion_r"].iloc[1])


def test_header_counts_must_match(tmp_path):
    expect_error(recordings.read_opensim, mot(tmp_path, GOOD_ROWS, n=5), line=3,
                 contains=("expected 5 data rows (nRows=5)", "found 4 rows"))
    expect_error(recordings.read_opensim, mot(tmp_path, GOOD_ROWS, c=4), line=7,
                 contains=("expected 4 column names (nColumns=4, time included)",))
    expect_error(recordings.read_opensim, mot(tmp_path, GOOD_ROWS, deg="maybe"), line=5,
                 contains=("inDegrees=yes or inDegrees=no", "'maybe'"))
    bad = HEADER.format(n="four", c=3, deg="yes")
    expect_error(recordings.read_opensim, mot(tmp_path, GOOD_ROWS, header=bad), line=3,
                 contains=("a whole number after nrows=", "'four'"))


def test_column_names(tmp_path):
    expect_error(recordings.read_opensim, mot(tmp_path, GOOD_ROWS, labels="t\thip_flexion_r\tpelvis_rotation"), line=7,
                 contains=("'time' as the first column name", "found 't'"))
    expect_error(recordings.read_opensim, mot(tmp_path, GOOD_ROWS, labels="time\thip\thip"), line=7,
                 contains=("unique column names", "'hip' in columns 2 and 3"))
    p = tmp_path / "notime.csv"
    p.write_text("a,b\n1,2\n")
    expect_error(recordings.read_table, p, line=1, contains=("a time column", "'a', 'b'"))


def test_no_data_rows(tmp_path):
    expect_error(recordings.read_opensim, mot(tmp_path, [], n=0), line=7, contains=("rows of numbers", "no data rows"))


def test_binary_and_missing_files(tmp_path):
    p = tmp_path / "capture.c3d"
    p.write_bytes(b"\x02\x50\x00\x00" * 100)
    expect_error(recordings.read_table, p, line=1, contains=("capture.c3d", "a text file", "binary"))
    expect_error(recordings.read_opensim, tmp_path / "nope.mot", contains=("nope.mot", "an existing file"))
    expect_error(recordings.read_opensim, tmp_path, contains=("a file", "folder"))


def test_size_limit_is_checked_before_reading(tmp_path):
    p = tmp_path / "huge.mot"
    with open(p, "wb") as fh:  # sparse: 201 MB on paper, nothing written
        fh.truncate(201_000_000)
    t0 = time.perf_counter()
    expect_error(recordings.read_opensim, p, contains=("huge.mot", "a file of at most 200 MB", "found 201.0 MB"))
    assert time.perf_counter() - t0 < 0.5
    assert recordings.MAX_FILE_MB == 200
    expect_error(recordings.read_table, b"time,x\n0,1\n", name="small.csv", max_mb=1e-6,
                 contains=("small.csv", "at most 1e-06 MB"))


def test_wrong_argument_types_name_the_parameter(tmp_path):
    with pytest.raises(ValueError, match="units must be one of 'auto', 'degrees', 'radians'; got 'grad'"):
        recordings.read_opensim(mot(tmp_path, GOOD_ROWS), units="grad")
    with pytest.raises(TypeError, match="path must be a file path"):
        recordings.read_opensim(42)


# ------------------------------------------------------------------------------------------------ round trips
def _frame(n=50, seed=0):
    rng = np.random.default_rng(seed)
    t = np.round(np.arange(n) * 0.01, 10)
    return pd.DataFrame({"hip_flexion_r": rng.normal(20, 15, n), "pelvis_rotation": rng.normal(0, 4, n) * 1e-7,
                         "ground_force_vy_r": rng.uniform(0, 2000, n), "pelvis_ty": rng.normal(1, 1e-3, n) * 1e12},
                        index=pd.Index(t, name="time_s"))


@pytest.mark.parametrize("suffix", [".mot", ".sto"])
def test_opensim_round_trip_identical(tmp_path, suffix):
    df = _frame()
    p = recordings.write_opensim(df, tmp_path / f"rt{suffix}", name="round trip")
    text = p.read_text().splitlines()
    assert text[:6] == ["round trip", "version=1", "nRows=50", "nColumns=5", "inDegrees=yes", "endheader"]
    back = recordings.read_opensim(p)
    pd.testing.assert_frame_equal(back, df, check_exact=True)
    assert back.equals(df)
    again = recordings.read_opensim(recordings.write_opensim(back, tmp_path / f"rt2{suffix}", name="round trip"))
    assert again.equals(df)
    assert (tmp_path / f"rt2{suffix}").read_text() == p.read_text()


def test_round_trip_of_radians_records_the_conversion(tmp_path):
    df = pd.DataFrame({"hip_flexion_r": [0.1, 0.7, 0.2]}, index=pd.Index([0.0, 0.01, 0.02], name="time_s"))
    back = recordings.read_opensim(recordings.write_opensim(df, tmp_path / "rad.mot", in_degrees=False))
    assert back.attrs["in_degrees"] is False
    assert back["hip_flexion_r"].tolist() == pytest.approx(np.degrees([0.1, 0.7, 0.2]).tolist())
    again = recordings.read_opensim(tmp_path / "rad.mot", units="radians", check_units=False)
    assert again["hip_flexion_r"].tolist() == pytest.approx(back["hip_flexion_r"].tolist())


@settings(max_examples=25, deadline=None)
@given(values=st.lists(st.floats(min_value=-recordings.MAX_ABS_VALUE, max_value=recordings.MAX_ABS_VALUE,
                                  allow_nan=False, allow_infinity=False, width=64), min_size=1, max_size=30))
def test_round_trip_any_finite_floats(tmp_path_factory, values):
    """Every number a reader accepts (magnitude up to MAX_ABS_VALUE) comes back bit for bit."""
    folder = tmp_path_factory.mktemp("rt")
    df = pd.DataFrame({"signal": values}, index=pd.Index(np.arange(len(values)) * 0.5, name="time_s"))
    back = recordings.read_opensim(recordings.write_opensim(df, folder / "x.mot"), check_units=False)
    np.testing.assert_array_equal(back["signal"].to_numpy(), df["signal"].to_numpy())


def test_write_opensim_refuses_what_it_cannot_write(tmp_path):
    with pytest.raises(ValueError, match="column names must be non-empty text without spaces"):
        recordings.write_opensim(pd.DataFrame({"hip flexion": [1.0]}), tmp_path / "x.mot")
    with pytest.raises(ValueError, match="strictly increasing"):
        recordings.write_opensim(pd.DataFrame({"a": [1.0, 2.0]}, index=[0.1, 0.1]), tmp_path / "x.mot")


# ------------------------------------------------------------------------------------------------ strides
def _pulses(starts_s, *, rate=100.0, duration=4.0, contact=0.25, ramp=0.0, peak=1000.0):
    """Contacts as trapezoids: rise over ``ramp`` s from each start, hold, fall; 0 in flight."""
    t = np.arange(int(duration * rate)) / rate
    f = np.zeros_like(t)
    for s in starts_s:
        if ramp:
            up = np.clip((t - s) / ramp, 0, 1)
            down = np.clip((s + contact - t) / ramp, 0, 1)
            f = np.maximum(f, peak * np.minimum(up, down))
        else:
            f = np.where((t >= s - 1e-9) & (t < s + contact - 1e-9), peak, f)
    return t, f


def test_strides_exact_timings_with_interpolation():
    # ramps 0 -> 1000 N over 0.1 s starting at 0.1 + k * 0.8 s: 500 N is crossed exactly 0.05 s after each start
    starts_r = [0.1 + 0.8 * k for k in range(5)]
    starts_l = [0.5 + 0.8 * k for k in range(5)]
    t, fr = _pulses(starts_r, ramp=0.1, duration=4.0)
    _, fl = _pulses(starts_l, ramp=0.1, duration=4.0)
    rec = pd.DataFrame({"ground_force_vy_r": fr, "ground_force_vy_l": fl}, index=pd.Index(t, name="time_s"))
    s = recordings.detect_strides(rec, threshold=500.0)
    right = s.good("right")
    assert len(right) == 4 and len(s.good("left")) == 4
    np.testing.assert_allclose(right["start_s"], [0.15, 0.95, 1.75, 2.55], atol=1e-12)
    np.testing.assert_allclose(right["duration_s"], 0.8, atol=1e-12)
    np.testing.assert_allclose(right["contact_s"], 0.25 - 0.1, atol=1e-12)  # 500 N up at +0.05, down at +0.2
    np.testing.assert_allclose(s.good("left")["start_s"], [0.55, 1.35, 2.15, 2.95], atol=1e-12)
    assert s.rejected().empty


def test_default_threshold_on_half_sines():
    t = np.arange(0, 10, 0.001)
    period, contact = 0.75, 0.25
    phase = t % period
    f = np.where(phase < contact, 1800 * np.sin(np.pi * phase / contact), 0.0)
    rec = pd.DataFrame({"vgrf_r": f}, index=pd.Index(t, name="time_s"))
    s = recordings.detect_strides(rec)
    assert len(s.table) == len(s.good()) == 13  # 14 contacts start in 10 s (0, 0.75, ... 9.75) -> 13 strides
    np.testing.assert_allclose(s.table["duration_s"], period, atol=1e-9)
    thr = 0.05 * np.percentile(f, 99)
    assert s.table["start_s"].iloc[0] == pytest.approx(contact / np.pi * np.arcsin(thr / 1800), abs=2e-5)
    assert "5 % of its 99th percentile" in s.method


def test_implausible_strides_are_reported_not_dropped():
    starts = [0.1 + 0.8 * k for k in range(8)]
    missed = starts[:4] + starts[5:]  # foot strike 5 missed -> one stride of 1.6 s
    t, f = _pulses(missed + [4.5], duration=6.0)  # plus a 0.25 s contact only 0.2 s after the last one
    f[(t >= 5.0) & (t < 5.1)] = 0.0
    t2, f2 = _pulses([5.7], duration=6.0, contact=0.2)
    f = np.maximum(f, f2)
    rec = pd.DataFrame({"vgrf_r": f}, index=pd.Index(t, name="time_s"))
    rec.attrs["source"] = "bad_trial.csv"
    s = recordings.detect_strides(rec, threshold=500.0)
    table = s.table
    assert len(table) == 8
    long = table[table["duration_s"] > 1.5].iloc[0]
    assert not long["plausible"] and "longer than 1.5 s (a missed foot strike?)" in long["reason"]
    assert (~table["plausible"]).sum() >= 2
    assert "Left out" in s.describe() and "missed foot strike" in s.describe()
    st_ = recordings.stride_stats(rec, s)
    assert st_.get("stride_time_s", measure="value", what="n") == table["plausible"].sum()


def test_blips_are_ignored_and_noted():
    t, f = _pulses([0.1 + 0.8 * k for k in range(5)], duration=4.0)
    f[(t >= 0.52) & (t < 0.54)] = 1000.0  # 20 ms spike in flight
    rec = pd.DataFrame({"vgrf_r": f}, index=pd.Index(t, name="time_s"))
    s = recordings.detect_strides(rec, threshold=500.0)
    assert len(s.table) == 4 and s.rejected().empty
    assert any("blips" in n for n in s.notes)


def test_given_foot_strikes():
    t = np.arange(0, 3, 0.01)
    rec = pd.DataFrame({"hip_flexion_r": np.sin(2 * np.pi * t)}, index=pd.Index(t, name="time_s"))
    s = recordings.detect_strides(rec, foot_strikes_s={"right": [0.2, 1.0, 1.8, 2.6]})
    assert s.table["start_s"].tolist() == [0.2, 1.0, 1.8]
    assert s.table["start_row"].tolist() == [20, 100, 180]
    with pytest.raises(ValueError, match="strictly increasing"):
        recordings.detect_strides(rec, foot_strikes_s=[1.0, 0.5])


def test_fewer_than_two_strides_when_two_are_asked_for(tmp_path):
    t, f = _pulses([0.1, 0.9], duration=1.5)
    p = tmp_path / "short.csv"
    pd.DataFrame({"time": t, "vgrf_r": f}).to_csv(p, index=False)
    rec = recordings.read_table(p)
    err = expect_error(recordings.detect_strides, rec, min_strides=2,
                       contains=("short.csv", "at least 2 complete strides", "found 1 right"))
    assert err.line is None
    s = recordings.detect_strides(rec)  # by default a short trial gives what it can
    assert len(s.good("right")) == 1
    np.testing.assert_allclose(s.contacts["strike_s"], [0.1, 0.9], atol=0.011)


def test_no_foot_strike_at_all_is_refused():
    t = np.arange(100) / 100.0
    rec = pd.DataFrame({"vgrf_r": np.where(t < 2, 1000.0, 0.0)}, index=pd.Index(t, name="time_s"))
    rec.iloc[0, 0] = 0.0  # the force rises at the second sample ... and never falls: one contact, never complete
    s = recordings.detect_strides(rec, threshold=500.0)
    assert s.table.empty and len(s.contacts) == 1 and np.isnan(s.contacts["off_s"].iloc[0])
    flat = pd.DataFrame({"vgrf_r": np.zeros(100)}, index=pd.Index(t, name="time_s"))
    expect_error(recordings.detect_strides, flat, threshold=500.0, contains=("at least one foot strike",))


def test_no_force_column_says_what_to_give():
    rec = pd.DataFrame({"hip_flexion_r": [1.0, 2.0, 3.0]}, index=pd.Index([0, 0.01, 0.02], name="time_s"))
    expect_error(recordings.detect_strides, rec, contains=("a vertical ground force column", "foot_strikes_s"))


def test_one_force_for_both_feet_uses_the_hips():
    rec = recordings.example_recording(strides=6, noise=0.0)
    both = rec.drop(columns=["ground_force_vy_r", "ground_force_vy_l"])
    both["ground_force_vy"] = rec["ground_force_vy_r"] + rec["ground_force_vy_l"]
    split = recordings.detect_strides(both)
    ref = recordings.detect_strides(rec)
    for side in ("right", "left"):
        # same strikes; the summed force's threshold differs by a fraction of a newton
        np.testing.assert_allclose(split.good(side)["start_s"], ref.good(side)["start_s"], atol=1e-4)
    alone = both.drop(columns=["hip_flexion_r", "hip_flexion_l"])
    s = recordings.detect_strides(alone)
    assert s.sides == ["all"]
    assert any("not split by side" in n for n in s.notes)


# ------------------------------------------------------------------------------------------------ statistics
def _sine_recording():
    """Right hip: 25 sin (ROM 50); left: 20 sin (ROM 40); thorax: +12 / -8 about a mean of 1; strides every 1 s."""
    t = np.arange(0, 5.0, 0.01)
    w = 2 * np.pi * t
    thorax = 1 + np.where(np.sin(w) > 0, 12, 8) * np.sin(w)
    rec = pd.DataFrame({"hip_flexion_r": 25 * np.sin(w) + 10, "hip_flexion_l": 20 * np.sin(w) + 10,
                        "thorax_rotation": thorax}, index=pd.Index(t, name="time_s"))
    strides = recordings.detect_strides(rec, foot_strikes_s={"right": [0.0, 1.0, 2.0, 3.0, 4.0],
                                                     "left": [0.5, 1.5, 2.5, 3.5, 4.5]})
    return rec, strides


def test_rom_peaks_and_symmetry_by_hand():
    rec, strides = _sine_recording()
    stats = recordings.stride_stats(rec, strides)
    assert stats.get("hip_flexion_r") == pytest.approx(50.0)
    assert stats.get("hip_flexion", side="left") == pytest.approx(40.0)
    assert stats.get("hip_flexion", side="right", measure="max") == pytest.approx(35.0)
    assert stats.get("hip_flexion", side="right", what="n") == 4
    assert stats.get("hip_flexion", side="right", what="sd") == pytest.approx(0.0, abs=1e-9)
    row = stats.symmetry.set_index(["variable", "measure"]).loc[("hip_flexion", "rom")]
    assert row["si_pct"] == pytest.approx((50 - 40) / 45 * 100)
    assert row["sa_pct"] == pytest.approx((45 - math.degrees(math.atan(40 / 50))) / 90 * 100)
    assert row["difference"] == pytest.approx(10.0)
    assert bool(row["outside_band"])  # 10 degrees apart: beyond the 3-degree kinematic band
    # thorax: excursion about the stride mean; towards negative = right
    exc = stats.symmetry.set_index(["variable", "measure"]).loc[("thorax_rotation", "excursion")]
    mean = 1 + (12 - 8) / math.pi  # mean of the skewed sine over a stride
    assert exc["right"] == pytest.approx(mean - (1 - 8), rel=1e-3)
    assert exc["left"] == pytest.approx(1 + 12 - mean, rel=1e-3)


def test_si_is_not_computed_for_values_near_zero_or_of_opposite_sign():
    rec, strides = _sine_recording()
    rec["hip_flexion_l"] = 20 * np.sin(2 * np.pi * rec.index.to_numpy()) - 10  # min -30 vs right min -15
    rec["hip_flexion_r"] = 25 * np.sin(2 * np.pi * rec.index.to_numpy()) + 24  # min -1: near zero
    sym = recordings.stride_stats(rec, strides).symmetry.set_index(["variable", "measure"])
    assert np.isnan(sym.loc[("hip_flexion", "min"), "si_pct"])
    assert np.isfinite(sym.loc[("hip_flexion", "max"), "sa_pct"])


def test_gaps_leave_strides_out_with_a_note(tmp_path):
    rec, strides = _sine_recording()
    rec.iloc[150:155, 0] = np.nan  # inside the second right stride
    stats = recordings.stride_stats(rec, strides)
    assert stats.get("hip_flexion", side="right", what="n") == 3
    assert any("hip_flexion_r: 1 right stride(s) with a gap left out" in n for n in stats.notes)


def test_explicit_pairs_and_column_choice():
    rec, strides = _sine_recording()
    rec = rec.rename(columns={"hip_flexion_r": "HipR", "hip_flexion_l": "HipL"})
    stats = recordings.stride_stats(rec, strides, columns=["thorax_rotation"], pairs={"hip": ("HipR", "HipL")})
    assert set(stats.table["column"]) >= {"HipR", "HipL", "thorax_rotation"}
    assert stats.symmetry.set_index(["variable", "measure"]).loc[("hip", "rom"), "si_pct"] == pytest.approx(22.2222,
                                                                                                            rel=1e-4)
    with pytest.raises(ValueError, match="columns must be columns of the recording"):
        recordings.stride_stats(rec, strides, columns=["nope"])


def test_stride_curves():
    rec, strides = _sine_recording()
    curves = recordings.stride_curves(rec, strides, "hip_flexion_l")
    assert curves.shape == (4, 101)
    np.testing.assert_allclose(curves.iloc[0, 0], 20 * np.sin(np.pi) + 10, atol=1e-9)  # left strikes at 0.5 s


# ------------------------------------------------------------------------------------------------ synthetic + model
def test_example_recording_is_synthetic_deterministic_and_complete():
    a = recordings.example_recording(strides=12, seed=4)
    b = recordings.example_recording(strides=12, seed=4)
    c = recordings.example_recording(strides=12, seed=5)
    assert a.equals(b) and not a.equals(c)
    assert a.attrs["synthetic"] is True and "SYNTHETIC" in a.attrs["label"]
    assert {"pelvis_rotation", "thorax_rotation", "hip_flexion_r", "hip_flexion_l", "ground_force_vy_r",
            "ground_force_vy_l"} <= set(a.columns)
    s = recordings.detect_strides(a)
    assert len(s.good("right")) == 12 and s.rejected().empty
    stats = recordings.stride_stats(a, s)
    assert stats.synthetic and "SYNTHETIC" in stats.label


def test_example_recording_asymmetry_shows_in_symmetry():
    sym = {}
    for asym in (-30.0, 0.0, 30.0):
        st_ = recordings.stride_stats(recordings.example_recording(strides=10, asymmetry_pct=asym, noise=0.0))
        sym[asym] = st_.symmetry.set_index(["variable", "measure"]).loc[("thorax_rotation", "excursion"), "si_pct"]
    # the knob stiffens one side of the spine; the dynamics decide how lopsided the turn becomes (issue 10)
    assert abs(sym[-30.0]) > 1.0 and abs(sym[30.0]) > 1.0
    assert np.sign(sym[-30.0]) == -np.sign(sym[30.0])
    assert abs(sym[0.0]) < 0.5


def test_compare_with_model_flags_injected_values():
    stats = recordings.stride_stats(recordings.example_recording(strides=10, asymmetry_pct=0.0))
    runner = Runner()
    base = recordings.compare_with_model(stats, runner, 3.0)
    assert base.loc["hip_flexion_rom_deg", "flag"] == "inside"
    assert base.loc["hip_flexion_rom_deg", "model"] == pytest.approx(
        float(__import__("runmech").simulate(runner, 3.0).summary["hip_flexion_rom_deg"]))
    table = stats.table.copy()
    table.loc[(table["variable"] == "pelvis_rotation") & (table["measure"] == "rom"), "mean"] = 40.0
    injected = dataclasses.replace(stats, table=table)
    cmp = recordings.compare_with_model(injected, runner, 3.0)
    assert cmp.loc["pelvis_rotation_rom_deg", "flag"] == "above reference"
    assert bool(cmp.loc["pelvis_rotation_rom_deg", "outside"])
    assert cmp["outside"].sum() == 1
    given_values = recordings.compare_with_model({"peak_vgrf_bw": 1.2, "thorax_rotation_sa_pct": -9.0}, runner, 3.5)
    assert given_values.loc["peak_vgrf_bw", "flag"] == "below reference"
    assert given_values.loc["thorax_rotation_sa_pct", "flag"] == "above reference"


def test_reference_ranges_interpolate_and_clamp():
    r25, r35, r30 = recordings.reference_ranges(2.5), recordings.reference_ranges(3.5), recordings.reference_ranges(3.0)
    q = "peak_vgrf_bw"
    assert r30.loc[q, "low"] == pytest.approx((r25.loc[q, "low"] + r35.loc[q, "low"]) / 2)
    assert "nearest speed" in recordings.reference_ranges(6.0).loc[q, "note"]
    bands = recordings.symmetry_bands()
    assert set(bands["source"]) >= {"girard2019", "mtibaa2023", "stifflerjoachim2021"}


def test_results_csv_round_trips_through_pandas():
    stats = recordings.stride_stats(recordings.example_recording(strides=5))
    cmp = recordings.compare_with_model(stats, Runner(), 3.0)
    text = recordings.results_csv(stats, cmp)
    back = pd.read_csv(__import__("io").StringIO(text))
    assert set(back["section"]) == {"statistics", "symmetry", "comparison", "stride"}
    assert back["source"].str.contains("SYNTHETIC").all()


@pytest.mark.parametrize("asym", [20.0, -20.0, 35.0, -7.5])
def test_summary_symmetry_equals_the_comparisons_model_column(asym):
    """One definition: the symmetry figures of simulate's summary are the comparison's model column, both signs."""
    runner = Runner()
    sim = runmech.simulate(runner, speed_m_s=3.0, rotation_asymmetry_pct=asym)
    keys = [k for k in sim.summary.index if k.endswith(("_si_pct", "_sa_pct"))]
    assert {"thorax_rotation_si_pct", "pelvis_rotation_si_pct", "hip_flexor_moment_si_pct"} <= set(keys)
    cmp = recordings.compare_with_model({k: 0.0 for k in keys}, runner, 3.0, rotation_asymmetry_pct=asym)
    for key in keys:
        assert cmp.loc[key, "model"] == pytest.approx(float(sim.summary[key]), abs=1e-9), key
    # and the asymmetry comes out of the dynamics: mirrored cause, mirrored result
    mirror = runmech.simulate(runner, speed_m_s=3.0, rotation_asymmetry_pct=-asym).summary
    assert sim.summary["thorax_rotation_si_pct"] == pytest.approx(-mirror["thorax_rotation_si_pct"], abs=1e-6)
    assert abs(sim.summary["thorax_rotation_si_pct"]) > 0.1


def test_recording_and_model_measure_turns_from_the_same_definition():
    """A synthetic recording of the model, read back, gives the model's own thorax symmetry (same function)."""
    rec = recordings.example_recording(asymmetry_pct=20.0, noise=0.0, seed=0)
    st = recordings.stride_stats(rec)
    row = st.symmetry.query("variable == 'thorax_rotation'").iloc[0]
    sim = runmech.simulate(Runner(), speed_m_s=3.0, rotation_asymmetry_pct=20.0)
    assert np.sign(row["si_pct"]) == np.sign(sim.summary["thorax_rotation_si_pct"]) != 0
