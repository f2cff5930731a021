"""Peak memory of reading a recording at the size limit (issue 14: peak RSS at most 3 x the file size).

Two files of about 195 MB (just under the 200 MB limit) are written to a temporary folder at benchmark time and
never kept: a CSV of short rows (time and one force column at 1 kHz, the case that peaked at 3.3 GB before the
block-wise reader) and a CSV of 40 columns (peaked at 1.6 GB). Each is read by ``read_recording`` in a fresh Python
process, several times; the peak resident set size of that process (``ru_maxrss``, which includes Python, numpy and
pandas themselves) is reported with the file size and their ratio, median and spread over the runs.

    python benchmarks/bench_memory.py            # prints the rows
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

TARGET_RATIO = 3.0
TARGET_MB = 195.0

_CHILD = r"""
import json, resource, sys, time
from runmech import recordings
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
df = recordings.read_recording(sys.argv[1])
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"peak_kb": peak, "base_kb": base, "rows": len(df), "cols": df.shape[1], "seconds": seconds}))
"""


def _write(path: Path, n_cols: int, target_mb: float) -> Path:
    """A CSV of about ``target_mb`` MB: time at 1 kHz and ``n_cols - 1`` signal columns, written in blocks."""
    rng = np.random.default_rng(0)
    names = ["time"] + (["vgrf_r"] if n_cols == 2 else [f"signal_{j}_r" if j % 2 else f"signal_{j}_l"
                                                       for j in range(n_cols - 1)])
    with open(path, "w", encoding="ascii") as fh:
        fh.write(",".join(names) + "\n")
        row = 0
        block = 100_000 if n_cols == 2 else 5_000
        while fh.tell() < target_mb * 1e6:
            t = (row + np.arange(block)) / 1000.0
            x = rng.normal(800.0, 400.0, (block, n_cols - 1))
            data = np.column_stack([t, x])
            np.savetxt(fh, data, fmt=["%.3f"] + ["%.2f"] * (n_cols - 1), delimiter=",")
            row += block
    return path


def _measure(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True,
                         timeout=900)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(repeats: int = 3) -> list[dict]:
    """Peak RSS of reading each big file, ``repeats`` fresh processes each [MB]."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, n_cols in (("short rows (2 columns)", 2), ("40 columns", 40)):
            path = _write(Path(tmp) / f"big_{n_cols}.csv", n_cols, TARGET_MB)
            size_mb = path.stat().st_size / 1e6
            runs = [_measure(path) for _ in range(repeats)]
            peaks = np.array([r["peak_kb"] / 1024 for r in runs])  # Linux reports kilobytes
            base = float(np.median([r["base_kb"] / 1024 for r in runs]))
            secs = np.array([r["seconds"] for r in runs])
            ratio = peaks / size_mb
            rows.append({
                "name": f"peak RSS reading a {size_mb:.0f} MB CSV, {label}",
                "median_ms": round(float(np.median(secs)) * 1000, 0),
                "p5_ms": round(float(np.min(secs)) * 1000, 0),
                "p95_ms": round(float(np.max(secs)) * 1000, 0),
                "peak_rss_mb_median": round(float(np.median(peaks)), 0),
                "peak_rss_mb_min": round(float(peaks.min()), 0),
                "peak_rss_mb_max": round(float(peaks.max()), 0),
                "ratio_to_file_median": round(float(np.median(ratio)), 2),
                "ratio_to_file_max": round(float(ratio.max()), 2),
                "baseline_rss_mb": round(base, 0),
                "file_mb": round(size_mb, 1),
                "rows": runs[0]["rows"],
                "target": f"peak RSS <= {TARGET_RATIO:g} x file",
                "ok": bool(ratio.max() <= TARGET_RATIO),
                "load_average": os.getloadavg(),
            })
            path.unlink()
    return rows


if __name__ == "__main__":
    for r in run():
        print(json.dumps(r))
