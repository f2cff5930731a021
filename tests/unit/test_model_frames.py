"""simulate's cycle table is built from its blocks (pandas's low-level constructor); older pandas build the same
table through concat. Both ways must give one table: same columns in the same order, same dtypes, same numbers."""

import numpy as np
import pandas as pd

from runmech import Runner, simulate
from runmech.model import compose


def test_the_concat_fallback_builds_the_same_cycle_table(monkeypatch):
    runner = Runner(mass_kg=61.0, height_m=1.66, sex="female")
    direct = simulate(runner, 3.4, arm_swing=0.6, rotation_asymmetry_pct=12.0)
    monkeypatch.setattr(compose, "_from_blocks", None)
    fallback = simulate(runner, 3.4, arm_swing=0.6, rotation_asymmetry_pct=12.0)
    pd.testing.assert_frame_equal(direct.cycle, fallback.cycle, check_exact=True)
    assert list(direct.cycle.columns) == list(fallback.cycle.columns)
    assert direct.cycle["stance_right"].dtype == bool and direct.cycle["pelvis_angle_deg"].dtype == float


def test_the_cycle_table_owns_its_numbers():
    """Two runs' tables share no memory, and editing one leaves the other as it was."""
    runner = Runner()
    a, b = simulate(runner, 3.0), simulate(runner, 3.0)
    before = a.cycle["pelvis_angle_deg"].to_numpy().copy()
    assert not np.shares_memory(a.cycle["pelvis_angle_deg"].to_numpy(), b.cycle["pelvis_angle_deg"].to_numpy())
    b.cycle.loc[:, "pelvis_angle_deg"] = -1e6
    assert (b.cycle["pelvis_angle_deg"] == -1e6).all()
    assert np.array_equal(a.cycle["pelvis_angle_deg"].to_numpy(), before)
