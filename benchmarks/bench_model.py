"""Speed of the body model: simulate, a vectorised sweep over 100 speeds, and the cost of ``import runmech``.

Run on its own (``python benchmarks/bench_model.py``) it prints a table; ``benchmarks/run.py`` imports it and calls
:func:`run`. Timings use ``time.perf_counter`` with many repeats and report the median and the 5th/95th percentiles.
The import cost is measured in fresh interpreters, alternating ``import runmech`` and ``import pandas`` so both
see the same machine load, and reported as the ratio of their medians. It is a warm start, as a user sees it from
the second import on: compiled bytecode is cached (in a temporary ``PYTHONPYCACHEPREFIX`` folder, so the checkout
is not touched, and even when the environment sets ``PYTHONDONTWRITEBYTECODE``, which would otherwise make every
import of runmech recompile its sources while pandas uses its installed bytecode).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

TARGET_SIMULATE_MS = 2.0
TARGET_SWEEP_MS = 20.0
TARGET_IMPORT_RATIO = 1.2


def _timings(func, repeats: int, warmup: int = 5) -> np.ndarray:
    for _ in range(warmup):
        func()
    out = np.empty(repeats)
    for i in range(repeats):
        t0 = time.perf_counter()
        func()
        out[i] = time.perf_counter() - t0
    return out * 1000.0


def _row(name: str, ms: np.ndarray, target: float, unit_target: str) -> dict:
    med = float(np.median(ms))
    return {
        "name": name,
        "median_ms": round(med, 3),
        "p5_ms": round(float(np.percentile(ms, 5)), 3),
        "p95_ms": round(float(np.percentile(ms, 95)), 3),
        "repeats": int(ms.size),
        "target": unit_target,
        "ok": med <= target,
    }


def _import_seconds(module: str, env: dict) -> float:
    code = f"import time; t0 = time.perf_counter(); import {module}; print(time.perf_counter() - t0)"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return float(res.stdout.strip().splitlines()[-1])


def run(repeats_simulate: int = 500, repeats_sweep: int = 100, repeats_import: int = 15) -> list[dict]:
    """Benchmark rows: name, median_ms, p5_ms, p95_ms, repeats, target, ok.

    Examples
    --------
    >>> rows = run(repeats_simulate=5, repeats_sweep=3, repeats_import=1)
    >>> [r["name"] for r in rows]
    ['simulate', 'sweep_100_speeds', 'import_runmech_vs_pandas']
    """
    from runmech import Runner, simulate, sweep

    runner = Runner(mass_kg=73.0, height_m=1.74, sex="male")
    speeds = np.linspace(2.0, 5.0, 100)
    rows = [
        _row("simulate", _timings(lambda: simulate(runner, 3.0), repeats_simulate), TARGET_SIMULATE_MS,
             f"<= {TARGET_SIMULATE_MS:g} ms"),
        _row("sweep_100_speeds", _timings(lambda: sweep(runner, speeds), repeats_sweep), TARGET_SWEEP_MS,
             f"<= {TARGET_SWEEP_MS:g} ms"),
    ]
    rm, pd_ = [], []
    with tempfile.TemporaryDirectory(prefix="runmech-bench-pycache-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        _import_seconds("runmech", env)  # warm-up: writes the bytecode cache
        for _ in range(repeats_import):  # alternate so both see the same load
            rm.append(_import_seconds("runmech", env))
            pd_.append(_import_seconds("pandas", env))
    ratio = statistics.median(rm) / statistics.median(pd_)
    rows.append(
        {
            "name": "import_runmech_vs_pandas",
            "median_ms": round(statistics.median(rm) * 1000.0, 1),
            "p5_ms": round(float(np.percentile(rm, 5)) * 1000.0, 1),
            "p95_ms": round(float(np.percentile(rm, 95)) * 1000.0, 1),
            "repeats": repeats_import,
            "pandas_median_ms": round(statistics.median(pd_) * 1000.0, 1),
            "ratio": round(ratio, 3),
            "ratio_median": round(ratio, 3),
            "target": f"ratio <= {TARGET_IMPORT_RATIO:g}",
            "ok": ratio <= TARGET_IMPORT_RATIO,
        }
    )
    return rows


def main() -> int:
    rows = run()
    print(f"{'benchmark':<26} {'median':>9} {'p5':>9} {'p95':>9}  {'target':<16} ok")
    for r in rows:
        extra = f"  (ratio {r['ratio']:.2f}, pandas {r['pandas_median_ms']:.0f} ms)" if "ratio" in r else ""
        print(f"{r['name']:<26} {r['median_ms']:>7.2f}ms {r['p5_ms']:>7.2f}ms {r['p95_ms']:>7.2f}ms  "
              f"{r['target']:<16} {'yes' if r['ok'] else 'NO'}{extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
