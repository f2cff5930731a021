"""Speed of the your-data lab: read a 100 Hz, 60 s, 40-column OpenSim file and compute every per-stride statistic.

Target (issue 6): under 1 s. ``run()`` returns rows for ``benchmarks/run.py``; ``python benchmarks/bench_recordings.py`` prints
them.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

TARGET_MS = 1000.0


def make_file(folder: Path, *, seconds: float = 60.0, rate_hz: float = 100.0, columns: int = 40) -> Path:
    """A synthetic 40-column .mot: the example recording's 11 columns plus extra joint angles and moments."""
    from runmech import recordings

    strides = int(seconds / 0.77) + 1
    rec = recordings.example_recording(strides=strides, rate_hz=rate_hz, seed=3)
    rec = rec[rec.index < seconds]
    rng = np.random.default_rng(0)
    t = rec.index.to_numpy()
    extra = {}
    k = 0
    joints = ["knee_angle", "ankle_angle", "subtalar_angle", "hip_adduction", "hip_rotation", "mtp_angle",
              "elbow_flex", "arm_add", "arm_rot", "pro_sup", "wrist_flex", "wrist_dev", "knee_angle_moment",
              "ankle_angle_moment", "hip_adduction_moment"]
    while rec.shape[1] + len(extra) < columns:
        base = joints[k % len(joints)] + ("" if k < len(joints) else f"{k}")
        for side in ("r", "l"):
            if rec.shape[1] + len(extra) >= columns:
                break
            name = base.replace("_moment", f"_{side}_moment") if base.endswith("_moment") else f"{base}_{side}"
            extra[name] = 20 * np.sin(2 * np.pi * t / 0.77 + k) + rng.normal(0, 0.5, t.size)
        k += 1
    full = pd.concat([rec, pd.DataFrame(extra, index=rec.index)], axis=1)
    return recordings.write_opensim(full, folder / "bench_60s_40col.mot")


def _once(path: Path) -> float:
    from runmech import recordings

    t0 = time.perf_counter()
    rec = recordings.read_opensim(path)
    recordings.stride_stats(rec)
    return (time.perf_counter() - t0) * 1000.0


def run(repeats: int = 15) -> list[dict]:
    """Median and 5th/95th percentile wall time of read + all statistics [ms]."""
    with tempfile.TemporaryDirectory() as tmp:
        path = make_file(Path(tmp))
        _once(path)  # warm-up (imports, caches)
        times = np.array([_once(path) for _ in range(repeats)])
        from runmech import recordings

        rec = recordings.read_opensim(path)
        shape = rec.shape
    med = float(np.median(times))
    return [{
        "name": f"read+stats 100 Hz 60 s {shape[1]} col",
        "median_ms": round(med, 1),
        "p5_ms": round(float(np.percentile(times, 5)), 1),
        "p95_ms": round(float(np.percentile(times, 95)), 1),
        "target": f"< {TARGET_MS:.0f} ms",
        "ok": bool(np.percentile(times, 95) < TARGET_MS),
        "rows": int(shape[0]),
    }]


if __name__ == "__main__":
    rows = run()
    for r in rows:
        print(f"{r['name']}: median {r['median_ms']} ms (p5 {r['p5_ms']}, p95 {r['p95_ms']}) target {r['target']} "
              f"-> {'ok' if r['ok'] else 'TOO SLOW'}")
    sys.exit(0 if all(r["ok"] for r in rows) else 1)
