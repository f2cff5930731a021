"""runmech.recordings formats: encodings, refused cells, TRC and C3D against another reading of the same data,
column names of real systems, and spreadsheet-safe export."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from runmech import Runner, recordings
from runmech.recordings import RecordingError
from runmech.recordings.columns import canonical_names, is_angle, split_side

DATA = Path(__file__).resolve().parents[1] / "data"
TABLE = "time,hip_flexion_r,hip_flexion_l\n0.00,30.5,29.0\n0.01,31.0,28.5\n0.02,-2.25,27.0\n"


# ------------------------------------------------------------------------------------------------ encodings
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("sep", [",", "\t"])
def test_encodings_are_read(tmp_path, encoding, sep):
    """UTF-8 with and without a byte-order mark, UTF-16 with a mark (a spreadsheet's Unicode text) and without."""
    p = tmp_path / "run.csv"
    p.write_bytes(TABLE.replace(",", sep).encode(encoding))
    df = recordings.read_table(p)
    assert df.columns.tolist() == ["hip_flexion_r", "hip_flexion_l"]  # no BOM glued to the first name
    assert df["hip_flexion_r"].tolist() == [30.5, 31.0, -2.25]
    assert df.index.tolist() == [0.0, 0.01, 0.02]
    back = recordings.read_recording(p.read_bytes(), name="upload.csv")
    assert back.equals(df)


def test_utf16_errors_name_the_line(tmp_path):
    p = tmp_path / "bad16.csv"
    p.write_bytes(TABLE.replace("-2.25", "x").encode("utf-16"))
    err = pytest.raises(RecordingError, recordings.read_table, p).value
    assert err.line == 4 and "hip_flexion_r" in str(err) and "'x'" in str(err)


def test_latin1_names_are_kept(tmp_path):
    p = tmp_path / "latin.csv"
    p.write_bytes("time,angle_genou_d\xe9g_r\n0,1\n0.01,2\n".encode("latin-1"))
    assert recordings.read_table(p).columns.tolist() == ["angle_genou_d\xe9g_r"]


def test_binary_content_is_refused(tmp_path):
    p = tmp_path / "x.csv"
    p.write_bytes(b"time,a\n0,\x00\x01\x02\n")
    err = pytest.raises(RecordingError, recordings.read_table, p).value
    assert "binary content" in str(err) and err.line == 1


# ------------------------------------------------------------------------------------------------ refused cells
@pytest.mark.parametrize("cell", ["inf", "-inf", "Infinity", "1e308", "-2e15", "1e400"])
def test_non_finite_and_absurd_cells_are_refused_with_their_line(tmp_path, cell):
    p = tmp_path / "inf.csv"
    p.write_text(TABLE.replace("31.0", cell))
    err = pytest.raises(RecordingError, recordings.read_table, p).value
    assert err.line == 3, str(err)
    assert "hip_flexion_r" in str(err) and "inf.csv" in str(err) and "finite" in str(err)


def test_an_inf_force_cell_no_longer_adds_a_stride(tmp_path):
    rec = recordings.example_recording(strides=6, noise=0.0)
    text = rec.reset_index().rename(columns={"time_s": "time"}).to_csv(index=False)
    lines = text.splitlines()
    cells = lines[40].split(",")
    cells[-1] = "inf"
    lines[40] = ",".join(cells)
    p = tmp_path / "spike.csv"
    p.write_text("\n".join(lines) + "\n")
    err = pytest.raises(RecordingError, recordings.read_table, p).value
    assert err.line == 41 and "ground_force_vy_l" in str(err)


def test_big_files_are_read_block_by_block(tmp_path, monkeypatch):
    """Errors keep their line numbers when the parser works in small blocks (the bounded-memory path)."""
    from runmech.recordings import _text

    monkeypatch.setattr(_text, "BLOCK_BYTES", 64)
    rows = [f"{i / 100:.2f},{i % 7}.5,{-i}" for i in range(300)]
    p = tmp_path / "long.csv"
    p.write_text("time,a_r,b_l\n" + "\n".join(rows) + "\n\n\n")
    df = recordings.read_table(p)
    assert len(df) == 300 and df["b_l"].iloc[-1] == -299.0
    rows[250] = "2.50,1.5"
    p.write_text("time,a_r,b_l\n" + "\n".join(rows) + "\n")
    err = pytest.raises(RecordingError, recordings.read_table, p).value
    assert err.line == 252 and "found 2 values" in str(err)
    rows[250] = "2.50,1.5,3"
    rows[280] = ""
    p.write_text("time,a_r,b_l\n" + "\n".join(rows) + "\n")
    err = pytest.raises(RecordingError, recordings.read_table, p).value
    assert err.line == 282 and "empty line" in str(err)


# ------------------------------------------------------------------------------------------------ TRC
def test_trc_matches_a_plain_reading_of_the_same_file():
    path = recordings.trial_path("markers")
    df = recordings.read_trc(path)
    raw = pd.read_csv(path, sep="\t", skiprows=6, header=None)  # another reader: pandas on the raw numbers
    names = open(path).read().splitlines()[3].rstrip().split("\t")[2::3]
    assert df.attrs["markers"] == tuple(n.strip() for n in names) and len(names) == 78
    np.testing.assert_allclose(df.index.to_numpy(), raw[1].to_numpy())
    for k, m in enumerate(names[:10]):
        np.testing.assert_allclose(df[f"{m}_x"].to_numpy(), raw[2 + 3 * k].to_numpy() / 1000.0, equal_nan=True)
    assert df.attrs["rate_hz"] == 150.0 and df.attrs["units_in_file"] == "mm"


def test_trc_gives_the_yaw_of_the_pelvis_and_shoulder_lines():
    df = recordings.read_trc(recordings.trial_path("markers"))
    pelvis, shoulder = df["pelvis_line_yaw"], df["shoulder_line_yaw"]
    assert abs(pelvis.mean()) < 1.0 and abs(shoulder.mean()) < 1.0  # measured from the mean direction
    assert 10 < pelvis.max() - pelvis.min() < 40 and 20 < shoulder.max() - shoulder.min() < 60
    # in running the shoulders turn against the pelvis: the two lines are negatively correlated
    assert np.corrcoef(pelvis, shoulder)[0, 1] < 0
    np.testing.assert_allclose(df["shoulder_pelvis_yaw_difference"], shoulder - pelvis)


def test_trc_header_problems_name_the_line(tmp_path):
    good = recordings.trial_path("markers").read_text().splitlines()
    bad = good.copy()
    bad[2] = bad[2].replace("\t78\t", "\t77\t")
    p = tmp_path / "bad.trc"
    p.write_text("\n".join(bad) + "\n")
    err = pytest.raises(RecordingError, recordings.read_trc, p).value
    assert err.line == 4 and "77 marker names" in str(err)


# ------------------------------------------------------------------------------------------------ C3D
@pytest.fixture(scope="module")
def c3d_file(tmp_path_factory):
    """A C3D written with ezc3d from the shipped trial: markers, two force plates, Plug-in Gait hip/knee angles."""
    import ezc3d

    markers = recordings.read_trc(recordings.trial_path("markers"), measures=False)
    grf = recordings.read_opensim(recordings.trial_path("forces"))
    ik = recordings.read_opensim(recordings.trial_path("angles"))
    names = list(markers.attrs["markers"])
    n = len(markers)
    pts = np.ones((4, len(names) + 4, n))
    for i, m in enumerate(names):
        xyz = markers[[f"{m}_x", f"{m}_y", f"{m}_z"]].to_numpy().T * 1000.0
        pts[:3, i] = np.nan_to_num(xyz)
        pts[3, i] = np.where(np.isnan(xyz).any(axis=0), -1.0, 0.5)
    t = markers.index.to_numpy()
    angle_names = ["RHipAngles", "LHipAngles", "RKneeAngles", "LKneeAngles"]
    for j, (col) in enumerate(["hip_flexion_r", "hip_flexion_l", "knee_angle_r", "knee_angle_l"]):
        pts[:3, len(names) + j] = 0.0
        pts[0, len(names) + j] = np.interp(t, ik.index, ik[col])
    c = ezc3d.c3d()
    c["parameters"]["POINT"]["RATE"]["value"] = [150]
    c["parameters"]["POINT"]["LABELS"]["value"] = tuple(names + angle_names)
    c["parameters"]["POINT"]["UNITS"]["value"] = ["mm"]
    c.add_parameter("POINT", "ANGLES", angle_names)
    c["parameters"]["ANALOG"]["RATE"]["value"] = [300]
    c["parameters"]["ANALOG"]["LABELS"]["value"] = ("Fz1", "Fz2")
    c["data"]["points"] = pts
    f = np.stack([grf["R_ground_force_vy"].to_numpy()[: 2 * n], grf["L_ground_force_vy"].to_numpy()[: 2 * n]])
    c["data"]["analogs"] = f[None, :, :]
    path = tmp_path_factory.mktemp("c3d") / "trial.c3d"
    c.write(str(path))
    return path, markers, grf


def test_c3d_markers_and_forces_match_the_text_files(c3d_file):
    path, markers, grf = c3d_file
    df = recordings.read_recording(path)
    assert df.attrs["format"] == "c3d" and df.attrs["analog_rate_hz"] == 300.0
    for m in ("RCAL", "LASI", "C7"):
        np.testing.assert_allclose(df[f"{m}_x"], markers[f"{m}_x"], atol=1e-6, equal_nan=True)  # float32 in C3D
    pairs = grf["R_ground_force_vy"].to_numpy()[: 2 * len(df)].reshape(-1, 2).mean(axis=1)
    np.testing.assert_allclose(df["Fz1"], pairs, rtol=1e-6, atol=1e-3)
    assert {"hip_flexion_r", "knee_angle_l"} <= set(df.columns)  # Plug-in Gait angles mapped by name
    assert df.attrs["naming"] == ["Vicon Plug-in Gait"]


def test_c3d_force_events_match_the_force_file(c3d_file):
    path, _, grf = c3d_file
    fast = recordings.read_c3d(path, rate="analog")
    s = recordings.detect_strides(recordings.columns.rename_known(fast))
    ref = recordings.detect_strides(grf).contacts
    got = s.contacts
    assert got["side"].tolist() == ref["side"].tolist() == ["right", "left"]  # sides told apart by the hips
    np.testing.assert_allclose(got["strike_s"], ref["strike_s"], atol=1 / 150)
    np.testing.assert_allclose(got["off_s"], ref["off_s"], atol=1 / 150)


def test_c3d_problems(tmp_path):
    p = tmp_path / "fake.c3d"
    p.write_text("time,a\n0,1\n")
    err = pytest.raises(RecordingError, recordings.read_recording, p).value
    assert "a C3D file" in str(err) and "fake.c3d" in str(err)


# ------------------------------------------------------------------------------------------------ names of systems
def test_plugin_gait_names():
    rec = recordings.read_recording(DATA / "plugin_gait_model_outputs.csv")
    assert rec.attrs["naming"] == ["Vicon Plug-in Gait"]
    for name in ("hip_flexion_r", "hip_flexion_l", "hip_adduction_r", "knee_angle_r", "ankle_angle_l",
                 "pelvis_rotation", "thorax_rotation", "arm_flex_r"):
        assert name in rec.columns, name
    assert "LPelvisAngles_Z" in rec.columns and "RPelvisAngles_X" in rec.columns  # mirrored copy, unsure sign: kept
    st = recordings.stride_stats(rec, recordings.detect_strides(rec))
    assert st.strides.method.startswith("foot strike: heel most forward")  # no force: kinematics
    assert {"hip_flexion", "knee_angle"} <= set(st.symmetry["variable"])
    cmp = recordings.compare_with_model(st, Runner(), 3.0)
    assert {"hip_flexion_rom_deg", "pelvis_rotation_rom_deg", "thorax_rotation_rom_deg"} <= set(cmp.index)


def test_gait2392_names_and_forces():
    ik = recordings.read_recording(DATA / "gait2392_ik.mot")
    assert all(is_angle(c) for c in ik.columns if not c.startswith("pelvis_t"))
    assert not any(is_angle(c) for c in ("pelvis_tx", "pelvis_ty", "pelvis_tz"))
    grf = recordings.read_recording(DATA / "gait2392_grf.mot")
    assert grf.attrs["naming"] == ["OpenSim gait2392 example forces"]
    assert split_side("r_ground_force_vy") == ("ground_force_vy", "right")
    s = recordings.detect_strides(grf)
    assert set(s.sides) == {"right", "left"} and s.method.startswith("vertical force")
    assert len(s.good("right")) == 2 and s.good("right")["duration_s"].round(3).tolist() == [0.8, 0.8]


def test_rajagopal_names_of_the_real_trial():
    ik = recordings.real_trial("angles")
    sided = {c: split_side(c) for c in ik.columns}
    assert sided["knee_angle_r_beta"] == ("knee_angle_beta", "right")
    assert sided["arm_flex_l"] == ("arm_flex", "left") and sided["lumbar_rotation"][1] is None
    angles = [c for c in ik.columns if is_angle(c)]
    assert len(angles) == len(ik.columns) - 3  # every coordinate but the pelvis translations


def test_markerless_names():
    oc = recordings.read_recording(DATA / "opencap_kinematics.mot")
    assert oc.attrs["renamed"] == {}  # OpenCap writes OpenSim names
    assert {"arm_flex", "elbow_flex", "pro_sup"} <= {split_side(c)[0] for c in oc.columns}
    mp = recordings.read_recording(DATA / "mediapipe_pose_world_landmarks.csv")
    assert not any(is_angle(c) for c in mp.columns)  # key-point coordinates are positions
    m = recordings.marker_measures(mp)
    assert m["pelvis_line_yaw"].max() == pytest.approx(6.0, abs=0.1)  # the fixture turns the hips 6 degrees
    assert m["shoulder_line_yaw"].max() == pytest.approx(9.0, abs=0.1)
    ev = recordings.kinematic_events(mp)
    assert ev is not None and len(ev.strikes["right"]) >= 2 and "right_heel" in ev.method
    xs = recordings.read_recording(DATA / "xsens_mvn_joint_angles.csv")
    assert xs.attrs["naming"] == ["Xsens MVN"] and "knee_angle_l" in xs.columns
    assert "Right Hip Abduction/Adduction" in xs.columns  # sign convention unsure: not renamed


def test_canonical_names_never_overwrite_a_column():
    mapping, _ = canonical_names(["RHipAngles_X", "hip_flexion_r"])
    assert mapping == {}


# ------------------------------------------------------------------------------------------------ export
def test_results_csv_neutralises_formulas_and_keeps_negative_numbers():
    rec = recordings.example_recording(strides=5, noise=0.0)
    rec = rec.rename(columns={"hip_flexion_r": "=HYPERLINK(\"http://x\")_r", "hip_flexion_l": "=HYPERLINK(\"http://x\")_l",
                              "arm_flex_r": "@SUM(A1)_r", "arm_flex_l": "+cmd_l", "pelvis_rotation": "-2+3"})
    st = recordings.stride_stats(rec)
    text = recordings.results_csv(st)
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    risky = 0
    for row in body:
        for name, cell in zip(header, row):
            if cell[:1] in ("=", "+", "-", "@"):
                assert name in ("value", "sd", "n"), (name, cell)
                float(cell)  # only plain numbers may start with a minus sign
            if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@"):
                risky += 1
    assert risky >= 12
    values = pd.read_csv(io.StringIO(text))["value"]
    assert (values < 0).any() and values.dtype == np.float64  # negative numbers stay numbers
    assert math.isfinite(values.dropna().min())
