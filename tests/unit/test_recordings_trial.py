"""The shipped real trial (OpenSim's running example, CC BY 4.0): one right and one left stance.

Kinematic events are checked against the force-plate events of the same trial (data the methods never saw), and
the short-trial analysis against numbers read off the force file by hand (README of the trial).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from runmech import Runner, recordings
from runmech.recordings.markers import estimate_speed


@pytest.fixture(scope="module")
def force_contacts():
    return recordings.detect_strides(recordings.real_trial("forces"), threshold=20.0).contacts


def test_force_events_of_the_trial_match_its_readme():
    # the README: vertical force above 50 N from 0.057 to 0.290 s (right) and 0.403 to 0.653 s (left)
    c = recordings.detect_strides(recordings.real_trial("forces"), threshold=50.0).contacts
    r, l_ = c[c["side"] == "right"].iloc[0], c[c["side"] == "left"].iloc[0]
    assert r["strike_s"] == pytest.approx(0.057, abs=0.005) and r["off_s"] == pytest.approx(0.290, abs=0.005)
    assert l_["strike_s"] == pytest.approx(0.403, abs=0.005) and l_["off_s"] == pytest.approx(0.653, abs=0.005)


@pytest.mark.parametrize("part", ["angles", "markers"])
def test_kinematic_events_against_the_force_plates(part, force_contacts, capsys):
    """Zeni's strike comes early in running (foot pulled back before landing); peak knee extension a little late.

    Reference: force above 20 N. Expected: the published accuracy plus the running bias measured here (foot strike
    -45 to -20 ms, toe-off 0 to +30 ms); a sign error, a wrong side or a swing-phase extremum would be 100 ms or
    more off.
    """
    ev = recordings.kinematic_events(recordings.real_trial(part))
    table = recordings.event_errors(ev, force_contacts)
    err = {f"{r.side} {'strike' if r.event == 'foot strike' else 'off'}": r.error_ms for r in table.itertuples()
           if np.isfinite(r.error_ms)}
    with capsys.disabled():
        print(f"\n{part}: kinematic minus force-plate event [ms]: "
              + ", ".join(f"{k} {v:+.0f}" for k, v in err.items()))
    assert "left strike" in err and "right off" in err and "left off" in err
    assert -45.0 <= err["left strike"] <= -20.0
    assert 0.0 <= err["right off"] <= 30.0 and 0.0 <= err["left off"] <= 30.0
    # the right foot lands 57 ms into the trial: its heel was most forward before the recording began, so no
    # right strike is claimed there (a claim would be a guess)
    assert "right strike" not in err


def test_kinematics_only_file_gives_strides_or_contacts():
    ik = recordings.real_trial("angles")
    s = recordings.detect_strides(ik)
    assert "Zeni 2008" in s.method and "Fellin 2010" in s.method and "16.7 ms" in s.method
    left = s.contacts[s.contacts["side"] == "left"].iloc[0]
    assert left["contact_s"] == pytest.approx(0.250, abs=0.08)  # force plate: 0.250 s


def test_one_stance_per_foot_gives_what_it_can():
    rec = recordings.real_trial()
    st = recordings.stride_stats(rec)
    t = st.table.set_index(["variable", "side", "measure"])
    # contact times and step time from the force plates (README: 0.057-0.290 s and 0.403-0.653 s above 50 N; the
    # default 5 % threshold is about 85 N, so contacts are a little shorter)
    assert t.loc[("contact_time_s", "right", "value"), "mean"] == pytest.approx(0.233 - 0.008, abs=0.01)
    assert t.loc[("contact_time_s", "left", "value"), "mean"] == pytest.approx(0.250 - 0.008, abs=0.01)
    assert t.loc[("step_time_s", "left", "value"), "mean"] == pytest.approx(0.403 - 0.057, abs=0.01)
    grf = recordings.real_trial("forces")
    peak_r = grf.loc[grf.index < 0.35, "R_ground_force_vy"].max()
    assert t.loc[("ground_force_vy", "right", "stance_max"), "mean"] == pytest.approx(peak_r, rel=0.01)
    hip = rec["hip_flexion_r"]
    assert t.loc[("hip_flexion", "right", "trial_rom"), "mean"] == pytest.approx(hip.max() - hip.min())
    sym = st.symmetry.set_index(["variable", "measure"])
    assert ("ground_force_vy", "stance_max") in sym.index and ("contact_time_s", "value") in sym.index
    text = " ".join(st.needs_longer)
    assert "two foot strikes of the same foot" in text and "right and left side" in text and "one stance" in text
    cmp = recordings.compare_with_model(st, Runner(mass_kg=70.0), 2.75)
    assert cmp.loc["cadence_spm", "measured"] == pytest.approx(60.0 / (0.403 - 0.057), rel=0.02)
    assert cmp.loc["cadence_spm", "from_columns"].startswith("step time")
    assert cmp.loc["peak_vgrf_bw", "measured"] == pytest.approx(
        (peak_r + grf["L_ground_force_vy"].max()) / 2 / (70.0 * 9.80665), rel=0.01)


def test_a_longer_recording_needs_nothing_more():
    st = recordings.stride_stats(recordings.example_recording(strides=12, noise=0.0))
    assert st.needs_longer == ()


def test_speed_of_the_trial():
    speed_ik, how = estimate_speed(recordings.real_trial("angles"))
    speed_mk, _ = estimate_speed(recordings.real_trial("markers"))
    assert how == "slope of pelvis_tx"
    assert speed_ik == pytest.approx(speed_mk, abs=0.02)  # two independent readings of the same run
    assert 2.5 < speed_ik < 3.0


def test_the_trial_is_cited():
    rec = recordings.real_trial()
    assert "CC BY 4.0" in rec.attrs["citation"] and "10.5281/zenodo.4599319" in rec.attrs["citation"]
    assert not rec.attrs["synthetic"]
    assert isinstance(rec, pd.DataFrame)
