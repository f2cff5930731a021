"""Speed of the dosing engine, the plan and the handout, and of one dose-calculator update (Python side).

Targets: a next-session recommendation under 5 ms, a one-page handout with six drawings under 150 ms, one exercise
drawing (start and end) under 20 ms and its animation under 60 ms, a calculator update under 50 ms (what a typed
change costs before the browser redraws). ``run()`` returns rows for ``benchmarks/run.py``;
``python benchmarks/bench_dosing.py`` prints them.
"""

from __future__ import annotations

import time

import numpy as np


def _time(fn, repeats: int) -> np.ndarray:
    fn()  # warm-up (imports, cached tables)
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000.0)
    return np.array(out)


def _row(name: str, times: np.ndarray, target_ms: float) -> dict:
    return {
        "name": name,
        "median_ms": round(float(np.median(times)), 3),
        "p5_ms": round(float(np.percentile(times, 5)), 3),
        "p95_ms": round(float(np.percentile(times, 95)), 3),
        "target": f"< {target_ms:g} ms",
        "ok": bool(np.percentile(times, 95) < target_ms),
    }


def _plan():
    from runmech import Plan

    p = Plan(client="Sam", date="2025-03-01", notes="Twice a week.")
    for ex, dose in (("plank_row", {"load_kg": 8}), ("thread_the_needle", {"extra_sets": 1, "extra_side": "left"}),
                     ("single_leg_calf_raise", {"load_kg": 10}), ("half_kneeling_hip_flexor_stretch", {}),
                     ("standing_row", {"band": "green"}), ("glute_bridge", {})):
        p.add(ex, **dose)
    return p


def run(repeats: int = 200) -> list[dict]:
    """Median and 5th/95th percentile wall times [ms]."""
    from runmech import Plan, dosing
    from runmech.dosing import drawings, poses
    from runmech.dosing.handout import render_html

    plan = _plan()
    text = plan.to_json()
    rows = [
        _row("estimate_1rm (Epley)", _time(lambda: dosing.estimate_1rm(40, 10), repeats), 1),
        _row("one_rm_table (8 methods)", _time(lambda: dosing.one_rm_table(40, 10), repeats), 10),
        _row("next_session (3x12 easy)", _time(lambda: dosing.next_session(20, [12, 12, 12], easy=True), repeats), 5),
        _row("plan JSON round trip (6 exercises)", _time(lambda: Plan.from_json(plan.to_json()), repeats), 20),
        _row("handout HTML (6 exercises with drawings)", _time(lambda: render_html(plan), max(repeats // 4, 20)), 150),
        _row("exercise drawing, start and end (glute bridge)",
             _time(lambda: drawings.still_svg("glute_bridge"), repeats // 2), 20),
        _row("exercise animation, 9 frames (glute bridge)",
             _time(lambda: drawings.animated_svg("glute_bridge"), repeats // 4), 60),
        _row("every catalogue drawing (22 stills)",
             _time(lambda: [drawings.still_svg(e) for e in poses.pose_ids()], 10), 400),
    ]
    assert Plan.from_json(text) == plan
    try:
        from runmech.ui.dosing import dose_calculator_panel
    except ImportError:  # ipywidgets/plotly missing: the core figures still stand
        return rows
    panel = dose_calculator_panel(40, 10)
    sets = panel.controls["sets"]
    values = iter(np.tile(["8, 8", "9, 8", "10, 9", "11, 10", "12, 12, 12"], repeats // 5 + 2).tolist())
    rows.append(_row("calculator update (reps of today's sets, Python side)",
                     _time(lambda: setattr(sets, "value", next(values)), max(repeats // 4, 20)), 50))
    return rows


if __name__ == "__main__":
    for r in run():
        print(f"{r['name']}: median {r['median_ms']} ms (p5 {r['p5_ms']}, p95 {r['p95_ms']}) target {r['target']} "
              f"{'ok' if r['ok'] else 'SLOW'}")
