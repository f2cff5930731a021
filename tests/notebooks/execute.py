"""Execute every notebook on a fresh kernel and keep an executed copy for nbval to compare against.

    python tests/notebooks/execute.py notebooks test-artifacts/executed-notebooks

The copies live in a git-ignored folder. Widget state is not stored in them (plotly's bundle would make each copy
megabytes); only the cells' own outputs are kept. nbval then runs each copy again on a fresh kernel and compares the
outputs (after tests/notebooks/sanitize.cfg masks ids), so a notebook whose results change between two runs fails.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def execute(src_dir: Path, out_dir: Path) -> int:
    notebooks = sorted(p for p in src_dir.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    failures = 0
    total = 0.0
    for path in notebooks:
        rel = path.relative_to(src_dir)
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                                store_widget_state=False)
        t0 = time.perf_counter()
        try:
            client.execute()
            status = "ok"
        except CellExecutionError as exc:
            failures += 1
            status = "FAILED\n" + str(exc)[-2000:]
        seconds = time.perf_counter() - t0
        total += seconds
        nb.metadata.pop("widgets", None)
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
        print(f"executed {rel} in {seconds:.1f} s: {status}", flush=True)
    print(f"executed {len(notebooks)} notebooks in {total:.1f} s, {failures} failed", flush=True)
    return 1 if failures or not notebooks else 0


if __name__ == "__main__":
    sys.exit(execute(Path(sys.argv[1]), Path(sys.argv[2])))
