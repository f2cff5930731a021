"""Voila under load: 20 dashboard page loads at once on loopback, against plain Voila with runmech's set-up.

One Voila server (``runmech.apps.servers.voila_command``: exactly what ``runmech clinic`` runs) on a free
127.0.0.1 port, with the kernel cap lowered to ``CAP`` so that the run also shows what the visitors past the cap get.
``LOADS`` clients then ask for the torso dashboard at the same moment (plain HTTP: the server runs each dashboard's
kernel to the end of the notebook, which is what the page waits for; the browser's drawing is measured by
``bench_dashboards``). Every request has a deadline, the number of requests is fixed, and the server is stopped at the
end: the test is bounded in count and time and touches only loopback.

Reported: how many dashboards were served, how many visitors got the "room is full" page (HTTP 503) and how many
anything else, the time to a finished page (median and p95 of the served ones), and the memory of the server with its
kernels (proportional set size).

    python benchmarks/bench_load.py            # or: python benchmarks/run.py --only load
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOADS = 20
CAP = 16
DEADLINE_S = 240.0
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float) -> tuple[int, str, float]:
    t0 = time.monotonic()
    try:
        with _OPENER.open(url, timeout=timeout) as r:
            return r.status, r.read().decode(errors="replace"), time.monotonic() - t0
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace"), time.monotonic() - t0
    except OSError as e:
        return 0, str(e), time.monotonic() - t0


def _pss_mb(pid: int) -> float:
    import psutil

    root = psutil.Process(pid)
    total = 0
    for p in (root, *root.children(recursive=True)):
        try:
            total += p.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total / 1e6


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def run(loads: int = LOADS, cap: int = CAP) -> list[dict]:
    from runmech.apps.servers import voila_command

    tmp = Path(tempfile.mkdtemp(prefix="runmech-load-"))
    root = tmp / "clinic"
    shutil.copytree(ROOT / "notebooks" / "clinic", root)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(RUNMECH_MAX_KERNELS=str(cap), JUPYTER_CONFIG_DIR=str(tmp / "cfg"), JUPYTER_RUNTIME_DIR=str(tmp / "rt"))
    log = open(tmp / "voila.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(voila_command(root, port), cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _get(f"{base}/voila/tree", 2)[0] != 200:
            time.sleep(0.3)
        load0 = os.getloadavg()[0]
        with ThreadPoolExecutor(max_workers=loads) as pool:
            results = list(pool.map(lambda _: _get(f"{base}/voila/render/torso.ipynb", DEADLINE_S), range(loads)))
        memory = _pss_mb(proc.pid)
        served = [t for code, body, t in results if code == 200 and "not medical advice" in body]
        full = [t for code, body, t in results if code == 503 and "The room is full" in body]
        other = [(code, body[:80]) for code, body, _ in results if code not in (200, 503)]
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)
    row = {
        "name": f"voila: {loads} torso loads at once (cap {cap} kernels)",
        "median_ms": statistics.median(served) * 1000 if served else None,
        "p5_ms": _pct(served, 0.05) * 1000 if served else None,
        "p95_ms": _pct(served, 0.95) * 1000 if served else None,
        "target": f"{min(loads, cap)} served, {max(0, loads - cap)} room-full pages, 0 other",
        "ok": len(served) == min(loads, cap) and len(full) == max(0, loads - cap) and not other,
        "served": len(served), "room_full": len(full), "other": other,
        "room_full_page_ms": statistics.median(full) * 1000 if full else None,
        "memory_mb": round(memory), "memory_per_kernel_mb": round(memory / max(1, len(served))),
        "load_avg_before": load0, "load_avg_after": os.getloadavg()[0],
    }
    return [row]


if __name__ == "__main__":  # pragma: no cover
    for r in run():
        print({k: (round(v, 1) if isinstance(v, float) else v) for k, v in r.items()})
    sys.exit(0)
