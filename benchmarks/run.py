"""``make bench``: run every ``benchmarks/bench_*.py`` module and report one table.

Each module exposes ``run() -> list[dict]``; a row has ``name, median_ms, p5_ms, p95_ms, target, ok`` (``ok`` is
True/False against the target, or None when the figure is only reported) and may carry more keys, which go to the
JSON file. The browser benchmark (``bench_dashboards``) runs last so the model benchmarks run on a quiet machine.

Results: printed, and written to ``bench-results/results.json`` and ``bench-results/results.md`` (git-ignored).

    python benchmarks/run.py                  # everything
    python benchmarks/run.py --only model io  # some modules (names without the bench_ prefix)
    python benchmarks/run.py --presses 20     # fewer key presses per dashboard
    python benchmarks/run.py --no-notebooks   # skip the notebook execution time

Benchmarks are measurements, not tests: the exit code is 0 unless a module crashed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import inspect
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "bench-results"
LAST = ("dashboards",)  # slow, browser-driven modules run after the others


def discover() -> list[str]:
    names = sorted(p.stem[len("bench_"):] for p in HERE.glob("bench_*.py"))
    return [n for n in names if n not in LAST] + [n for n in LAST if n in names]


def _fmt(x, digits: int = 2) -> str:
    if x is None:
        return "—"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, (int, float)):
        if abs(x) >= 1000:
            return f"{x:,.0f}"
        if abs(x) >= 100:
            return f"{x:.0f}"
        if abs(x) >= 10:
            return f"{x:.1f}"
        return f"{x:.{digits}f}"
    return str(x)


COLUMNS = [("name", "benchmark"), ("median_ms", "median (ms)"), ("p5_ms", "p5 (ms)"), ("p95_ms", "p95 (ms)"),
           ("ratio_median", "median ÷ baseline"), ("ratio_p95", "p95 ÷ baseline"),
           ("first_median_ms", "first plot changed, median (ms)"),
           ("redraw_ms_per_plot", "plotly redraw per plot (ms)"), ("tti_ms", "time to interactive (ms)"),
           ("peak_rss_mb_median", "peak RSS, median (MB)"), ("ratio_to_file_max", "peak RSS ÷ file, worst"),
           ("target", "target"), ("ok", "ok")]


def _cell(row: dict, key: str) -> str:
    if key == "ok":
        ok = row.get("ok")
        return "—" if ok is None else ("yes" if ok else "NO")
    return _fmt(row.get(key))


def table_text(rows: list[dict]) -> str:
    cols = [(k, h) for k, h in COLUMNS if any(r.get(k) is not None for r in rows) or k in ("name", "median_ms")]
    cells = [[h for _, h in cols]] + [[_cell(r, k) for k, _ in cols] for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(cols))]
    lines = []
    for j, c in enumerate(cells):
        lines.append("  ".join(v.ljust(w) if i == 0 or i == len(cols) - 2 else v.rjust(w)
                               for i, (v, w) in enumerate(zip(c, widths))))
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    errors = [f"  {r['name']}: {r['error']}" for r in rows if r.get("error")]
    return "\n".join(lines + (["", "errors:"] + errors if errors else []))


def table_markdown(rows: list[dict]) -> str:
    cols = [(k, h) for k, h in COLUMNS if any(r.get(k) is not None for r in rows) or k in ("name", "median_ms")]
    out = ["| " + " | ".join(h for _, h in cols) + " |", "|" + "|".join("---" if k == "name" else "---:"
                                                                       for k, _ in cols) + "|"]
    out += ["| " + " | ".join(_cell(r, k) for k, _ in cols) + " |" for r in rows]
    errors = [f"- {r['name']}: {r['error']}" for r in rows if r.get("error")]
    return "\n".join(out + (["", "Errors:", ""] + errors if errors else []))


def machine() -> dict:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "commit": commit,
            "python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "load_average_at_end": load}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/run.py", description="runmech speed benchmarks")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="modules to run (e.g. model io dashboards)")
    parser.add_argument("--presses", type=int, default=None, help="key presses per dashboard (default 40)")
    parser.add_argument("--no-notebooks", action="store_true", help="skip the notebook execution time")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(HERE))
    names = discover()
    if args.only:
        unknown = sorted(set(args.only) - set(names))
        if unknown:
            print(f"benchmarks/run.py: --only must name modules among {', '.join(names)}; got {', '.join(unknown)}",
                  file=sys.stderr)
            return 2
        names = [n for n in names if n in args.only]

    rows: list[dict] = []
    crashed = False
    t_all = time.perf_counter()
    try:
        load_start = os.getloadavg()
    except OSError:
        load_start = None
    for name in names:
        print(f"== bench_{name}", flush=True)
        t0 = time.perf_counter()
        try:
            mod = importlib.import_module(f"bench_{name}")
            params = inspect.signature(mod.run).parameters
            kwargs = {}
            if "presses" in params and args.presses:
                kwargs["presses"] = args.presses
            if "notebooks" in params and args.no_notebooks:
                kwargs["notebooks"] = False
            got = list(mod.run(**kwargs))
            for r in got:
                r.setdefault("module", name)
            rows += got
        except Exception as exc:  # noqa: BLE001 - report and go on with the other modules
            crashed = True
            traceback.print_exc()
            rows.append({"name": f"bench_{name}", "median_ms": None, "p5_ms": None, "p95_ms": None, "target": "",
                         "ok": False, "error": f"{type(exc).__name__}: {exc}"[:400], "module": name})
        print(f"   ({time.perf_counter() - t0:.0f} s)", flush=True)

    info = machine()
    info["seconds"] = round(time.perf_counter() - t_all, 1)
    info["load_average_at_start"] = load_start
    text = table_text(rows)
    print()
    print(text)
    print(f"\n{info['cpus']} CPUs, Python {info['python']}, commit {info['commit']}, {info['seconds']:.0f} s in all")
    busy = [x for x in (load_start, info.get("load_average_at_end")) if x]
    if busy and info["cpus"] and max(b[0] for b in busy) > info["cpus"]:
        print(f"note: the machine was busy (1-minute load average up to {max(b[0] for b in busy):.1f} on "
              f"{info['cpus']} CPUs): absolute times are inflated; the dashboard ratios are paired with the baseline "
              "and hold up better.")

    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps({"machine": info, "rows": rows}, indent=1, default=str) + "\n")
    md = [f"# runmech benchmarks ({info['date']}, commit {info['commit']}, {info['cpus']} CPUs)", "",
          table_markdown(rows), "",
          "Latency: from the key event that moves a dashboard's first slider to the last drawing change of the plots "
          "it moves, in headless Chromium; ratios are to a one-slider-one-line notebook measured in the same run. "
          "'First plot changed' is the same to the first drawing change. "
          "Time to interactive: from navigation to Voila showing the page with a plot drawn and a slider present.",
          "", f"Load average (1, 5, 15 min) at start {info.get('load_average_at_start')}, at end "
          f"{info.get('load_average_at_end')}.", ""]
    (OUT / "results.md").write_text("\n".join(md))
    print(f"written: {OUT / 'results.json'} and {OUT / 'results.md'}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
