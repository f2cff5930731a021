"""The your-data panel: controls change plots and summaries, bad files show a message and keep the last good state."""

from __future__ import annotations

import base64
import datetime
import html
import re

import numpy as np
import pandas as pd
import pytest

from runmech import recordings
from runmech.ui.your_data import YourDataLab, your_data_panel


@pytest.fixture(scope="module")
def lab():
    return YourDataLab()


def _upload(lab, name: str, content: bytes) -> None:
    lab.controls["upload"].value = ({"name": name, "type": "text/plain", "size": len(content),
                                     "content": memoryview(content),
                                     "last_modified": datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)},)


def _csv_text(rec: pd.DataFrame) -> bytes:
    return rec.reset_index().rename(columns={"time_s": "time"}).to_csv(index=False).encode()


def test_starts_with_the_synthetic_recording_and_draws_everything(lab):
    assert lab.stats.synthetic
    assert "SYNTHETIC" in lab.summary("source")
    for key, fig in lab.figures.items():
        assert any(t.x is not None and len(t.x) for t in fig.data), f"figure {key} is empty"
    for key in lab.texts:
        assert lab.summary(key), f"summary {key} is empty"
    assert "healthy" in lab.figures["symmetry"].layout.annotations[0].text


def test_asymmetry_slider_changes_plot_and_summary(lab):
    fig = lab.figures["symmetry"]
    before = (list(fig.data[0].x) + list(fig.data[1].x), lab.summary("symmetry"))
    lab.controls["asymmetry"].value = -25.0
    after = (list(fig.data[0].x) + list(fig.data[1].x), lab.summary("symmetry"))
    assert after[1] != before[1]
    assert not np.allclose(np.nan_to_num(after[0]), np.nan_to_num(before[0]))
    assert "-25 %" in lab.summary("source")
    lab.controls["asymmetry"].value = 10.0


def test_variable_and_sides_change_the_overlay(lab):
    fig = lab.figures["strides"]
    lab.controls["variable"].value = "hip_flexion"
    before = list(fig.data[2].y)
    lab.controls["variable"].value = "thorax_rotation"
    assert list(fig.data[2].y) != before
    assert lab.summary("strides").startswith("thorax_rotation")
    lab.controls["variable"].value = "hip_flexion"
    lab.controls["sides"].value = "left"
    assert (fig.data[0].y is None or len(fig.data[0].y) == 0) and len(fig.data[1].y) > 0
    lab.controls["sides"].value = "both"


def test_bad_upload_shows_message_and_keeps_last_good_state(lab):
    good = lab.recording
    _upload(lab, "broken.csv", b"time,hip_flexion_r\n0,1\n0.01,abc\n")
    msg = lab.messages["file"].value
    assert "broken.csv" in msg and "line 3" in msg and "expected a number" in msg
    assert "Traceback" not in msg
    assert lab.recording is good
    _upload(lab, "short.csv", b"time,vgrf_r\n0,0\n0.01,1000\n0.02,0\n")
    assert "short.csv" in lab.messages["file"].value and lab.recording is good


def test_good_upload_replaces_the_recording_and_clears_the_message():
    lab = YourDataLab()
    rec = recordings.example_recording(strides=8, asymmetry_pct=-15.0, seed=9)
    _upload(lab, "my_run.csv", _csv_text(rec))
    assert lab.messages["file"].value == ""
    assert not lab.stats.synthetic
    assert "my_run.csv" in lab.summary("source")
    assert lab.stats.get("hip_flexion", side="right", what="n") == 8


def test_path_box_errors_and_success(tmp_path):
    lab = YourDataLab(data_dir=tmp_path)
    lab.controls["path"].value = str(tmp_path / "missing.mot")
    lab.controls["load"].click()
    assert "missing.mot" in lab.messages["file"].value and "an existing file" in lab.messages["file"].value
    path = recordings.write_opensim(recordings.example_recording(strides=6, seed=3), tmp_path / "trial.mot")
    lab.controls["path"].value = "trial.mot"  # relative to the data folder
    lab.controls["load"].click()
    assert lab.messages["file"].value == ""
    assert lab.recording.attrs["format"] == "opensim mot" and lab.recording.attrs["source"] == "trial.mot"
    lab.controls["path"].value = str(path)
    lab.controls["load"].click()
    assert lab.messages["file"].value == ""


def test_path_box_never_reveals_files_outside_the_data_folder(tmp_path, monkeypatch):
    inside = tmp_path / "data"
    inside.mkdir()
    secret = tmp_path / "secret.csv"
    secret.write_text("SECRETWORD:x:0:0:secret line,hip_flexion_r\n0,1\n")
    (inside / "link.csv").symlink_to(secret)
    lab = YourDataLab(data_dir=inside)
    shown = lab.recording
    messages = []
    for typed in (str(secret), str(tmp_path / "no_such_file.csv"), "../secret.csv", "link.csv", "/etc/shadow",
                  "/etc/passwd", "~/../../etc/hostname"):
        lab.controls["path"].value = typed
        lab.controls["load"].click()
        msg = lab.messages["file"].value
        messages.append(msg.replace(html.escape(typed), ""))
        assert "only files inside the data folder" in msg, msg
        assert "SECRETWORD" not in msg and "secret line" not in msg and "existing" not in msg and "no file" not in msg
        assert lab.recording is shown
    assert len(set(messages)) == 1  # the same words whether the file exists or not
    upload = recordings.example_recording(strides=4, seed=1)
    _upload(lab, "anywhere.csv", _csv_text(upload))  # uploads always work
    assert lab.messages["file"].value == "" and lab.recording.attrs["source"] == "anywhere.csv"
    monkeypatch.setenv("RUNMECH_DATA_DIR", str(tmp_path))
    assert YourDataLab().data_dir == tmp_path.resolve()


def test_real_trial_says_what_needs_a_longer_recording():
    lab = YourDataLab()
    lab.controls["trial"].click()
    assert lab.messages["file"].value == ""
    assert not lab.stats.synthetic and "OpenSim" in lab.summary("source")
    assert "What needs a longer recording" in lab.summary("stats")
    assert "every stance from foot strike" in lab.summary("strides")
    assert lab.figures["strides"].layout.title.text.startswith("Every stance overlaid")
    for key, fig in lab.figures.items():
        assert any(t.x is not None and len(t.x) for t in fig.data), f"figure {key} is empty"
    assert lab.controls["speed"].value == 2.7 and "closest speed" in lab.summary("model")
    assert "cadence_spm" in lab.comparison.index and "peak_vgrf_bw" in lab.comparison.index


def test_marker_file_upload():
    lab = YourDataLab()
    _upload(lab, "markers.trc", recordings.trial_path("markers").read_bytes())
    assert lab.messages["file"].value == ""
    assert lab.recording.attrs["format"] == "trc"
    assert "Zeni 2008" in lab.strides.method
    assert "pelvis_line_yaw" in [o[1] for o in lab.controls["variable"].options]


def test_bad_stride_settings_keep_the_last_good_state():
    lab = YourDataLab()
    good = lab.stats
    lab.controls["force_right"].value = "(none)"
    lab.controls["force_left"].value = "(none)"
    assert "force columns" in lab.messages["strides"].value
    assert lab.stats is good
    lab.controls["force_right"].value = "(found automatically)"
    lab.controls["force_left"].value = "(found automatically)"
    lab.controls["threshold"].value = 10.0
    assert lab.messages["strides"].value == ""
    assert "10 % of its 99th percentile" in lab.summary("signal")


def test_runner_controls_update_the_comparison():
    lab = YourDataLab()
    before = lab.summary("model")
    lab.controls["speed"].value = 4.0
    assert "4.0 m/s" in lab.summary("model") and lab.summary("model") != before


def test_pairing_columns_by_hand():
    rec = recordings.example_recording(strides=6).rename(columns={"hip_flexion_r": "HipFlexR", "hip_flexion_l": "HipFlexL"})
    lab = YourDataLab(rec)
    assert not (lab.stats.symmetry["variable"] == "HipFlexR/HipFlexL").any()
    lab.controls["pair_right"].value, lab.controls["pair_left"].value = "HipFlexR", "HipFlexL"
    lab.controls["pair"].click()
    assert (lab.stats.symmetry["variable"] == "HipFlexR/HipFlexL").any()
    assert lab.controls["variable"].value == "HipFlexR/HipFlexL"


def test_export_link_holds_the_csv(lab):
    value = lab.export_link.value
    assert "download=" in value
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)", value).group(1)
    text = base64.b64decode(payload).decode()
    assert text.startswith("section,variable,column,side") and "SYNTHETIC" in text


def test_whole_panel_text():
    p = your_data_panel()
    text = p.summary_text()
    for heading in ("1 · Your recording", "2 · Strides", "3 · Statistics and symmetry",
                    "4 · Beside the model and healthy runners", "5 · Export"):
        assert heading in text
