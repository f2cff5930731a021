"""Execute every notebook on a fresh kernel and keep an executed copy for nbval to compare against.

    python tests/notebooks/execute.py notebooks test-artifacts/executed-notebooks

The copies live in a git-ignored folder. Widget state is not stored in them (plotly's bundle would make each copy
megabytes); only the cells' own outputs are kept. nbval then runs each copy again on a fresh kernel and compares the
outputs (after tests/notebooks/sanitize.cfg masks ids), so a notebook whose results change between two runs fails.
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def execute_one(path: Path, src_dir: Path, out_dir: Path) -> tuple[str, float, str]:
    """Execute one notebook on a fresh kernel; write the executed copy; return (name, seconds, status)."""
    rel = path.relative_to(src_dir)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                            store_widget_state=False)
    t0 = time.perf_counter()
    try:
        client.execute()
        status = "ok"
    except CellExecutionError as exc:
        status = "FAILED\n" + str(exc)[-2000:]
    seconds = time.perf_counter() - t0
    nb.metadata.pop("widgets", None)
    target = out_dir / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return str(rel), seconds, status


def execute(src_dir: Path, out_dir: Path, workers: int | None = None) -> int:
    """Execute every notebook under ``src_dir`` (as many at once as there are cores) into ``out_dir``."""
    notebooks = sorted(p for p in src_dir.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    workers = workers or max(1, min(len(notebooks), os.cpu_count() or 1))
    t0 = time.perf_counter()
    failures = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for rel, seconds, status in pool.map(execute_one, notebooks, [src_dir] * len(notebooks),
                                             [out_dir] * len(notebooks)):
            failures += status != "ok"
            print(f"executed {rel} in {seconds:.1f} s: {status}", flush=True)
    wall = time.perf_counter() - t0
    print(f"executed {len(notebooks)} notebooks in {wall:.1f} s wall time ({workers} at a time), {failures} failed",
          flush=True)
    return 1 if failures or not notebooks else 0


if __name__ == "__main__":
    sys.exit(execute(Path(sys.argv[1]), Path(sys.argv[2])))
