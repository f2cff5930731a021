"""A Binder rehearsal: the environment repo2docker builds, started as its image starts, driven as a workshop would.

1. A copy of the repository and a fresh virtual environment holding only what binder/ asks for: the lock
   (binder/requirements.txt, every package with its hash), then binder/postBuild (runmech itself).
2. The server started as repo2docker's image starts it: its CMD, ``jupyter notebook --ip ...`` (on 127.0.0.1 here,
   with a token, as root with --allow-root), with nothing runmech-specific on the command line: only what the
   installed files under the environment's etc/jupyter give (Voila's server extension and runmech's set-up).
3. Chromium opens ``01_torso`` in JupyterLab (run all) and the torso dashboard through ``/voila/render/`` (Binder's
   ``?urlpath=voila/render/...``) and the dashboard list through ``/voila/tree/``.

Each must take at most 2 MB over the websocket (plotly's 5 MB bundle comes once, as a cached file, not inside every
figure), the dashboard must use runmech's template, and no request may leave the machine.

(The lock is installed with uv's hash-checking install instead of repo2docker's pip for speed, 2 s against 40 s:
the same pins and hashes. repo2docker's Dockerfile itself is checked in tests/unit/test_lock.py.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import free_port, start_server
from helpers import ROOT, assert_no_blank_plot, screenshot, wait_for_plots

MAX_WS_BYTES = 2_000_000
BIN = Path(sys.executable).parent
IGNORE = shutil.ignore_patterns(".venv", ".git", "test-artifacts", "bench-results", "__pycache__", ".pytest_cache",
                                ".ipynb_checkpoints", "*.egg-info", "build", "dist", ".hypothesis")


def _run(cmd, **kw) -> None:
    res = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert res.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{res.stdout[-2000:]}\n{res.stderr[-3000:]}"


@pytest.fixture(scope="module")
def binder_server(tmp_path_factory):
    base = tmp_path_factory.mktemp("binder")
    repo = base / "repo"
    shutil.copytree(ROOT, repo, ignore=IGNORE)
    venv = base / "env"
    t0 = time.monotonic()
    _run([sys.executable, "-m", "venv", str(venv)])
    uv = BIN / "uv"
    assert uv.is_file(), "uv is missing (a test tool: make test installs it)"
    _run([str(uv), "pip", "install", "--python", str(venv / "bin" / "python"), "--require-hashes", "-q",
          "-r", str(repo / "binder" / "requirements.txt")], timeout=600)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH", "JUPYTER"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    _run(["bash", "binder/postBuild"], cwd=repo, env=env, timeout=300)
    setup_s = time.monotonic() - t0
    port, token = free_port(), uuid.uuid4().hex
    # repo2docker's CMD is ["jupyter", "notebook", "--ip", "0.0.0.0"]; JupyterHub (Binder) adds the port and token
    cmd = [str(venv / "bin" / "jupyter"), "notebook", "--ip", "127.0.0.1", "--port", str(port), "--no-browser",
           f"--IdentityProvider.token={token}", "--ServerApp.port_retries=0",
           "--LabApp.expose_app_in_browser=True"]  # lets the test run all cells through JupyterLab's command
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    server = start_server("binder-notebook", cmd, port, repo, f"/api/status?token={token}", base / "jupyter-env",
                          token=token, extra_env={"PATH": env["PATH"]})
    print(f"binder rehearsal: environment from binder/ in {setup_s:.1f} s")
    yield server
    server.stop()


class Websocket:
    """Bytes that crossed the page's websockets, both ways."""

    def __init__(self, page):
        self.bytes = 0
        page.on("websocket", self._watch)

    def _watch(self, ws) -> None:
        ws.on("framereceived", self._add)
        ws.on("framesent", self._add)

    def _add(self, payload) -> None:
        self.bytes += len(payload.encode() if isinstance(payload, str) else payload)


def _settle(page, ws: Websocket, quiet_s: float = 2.0, timeout_s: float = 60.0) -> None:
    """Wait until nothing has crossed the websocket for ``quiet_s`` seconds."""
    deadline = time.monotonic() + timeout_s
    last, since = ws.bytes, time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - since < quiet_s:
        page.wait_for_timeout(200)
        if ws.bytes != last:
            last, since = ws.bytes, time.monotonic()


def test_torso_notebook_in_binders_jupyterlab(page, page_log, binder_server):
    ws = Websocket(page)
    t0 = time.monotonic()
    page.goto(f"{binder_server.base}/lab/tree/notebooks/01_torso.ipynb?token={binder_server.token}&reset",
              wait_until="domcontentloaded")
    page.wait_for_function(
        """() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                   return w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel
                          && w.sessionContext.session.kernel.status === 'idle'; }""", timeout=180_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    wait_for_plots(page, 1, 180_000)
    first_s = time.monotonic() - t0
    page.wait_for_function(  # every cell has run: no cell left waiting ([*]) and the kernel idle again
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   const busy = Array.from(document.querySelectorAll('.jp-InputPrompt'))
                                     .some(p => p.textContent.includes('*'));
                   return !busy && w.sessionContext.session.kernel.status === 'idle'; }""", timeout=240_000)
    _settle(page, ws)
    all_s = time.monotonic() - t0
    assert_no_blank_plot(page)
    screenshot(page, "binder-lab-01_torso")
    bundle = [u for u in page_log.requests if u.endswith("/runmech/static/widgetbundle.js")]
    assert len(bundle) == 1, f"plotly's bundle should come once as a file from the server: {bundle}"
    print(f"binder lab 01_torso: {ws.bytes / 1e6:.2f} MB over the websocket, first plot {first_s:.1f} s, "
          f"all cells {all_s:.1f} s")
    assert ws.bytes <= MAX_WS_BYTES, f"01_torso took {ws.bytes / 1e6:.1f} MB over the websocket (at most 2 MB)"
    page_log.assert_clean()


def test_torso_dashboard_through_voila_render(page, page_log, binder_server):
    ws = Websocket(page)
    page.goto(f"{binder_server.base}/voila/tree/notebooks/clinic?token={binder_server.token}", wait_until="load")
    cards = page.locator(".rm-cards a")
    assert cards.count() == 4, "the dashboard list is not runmech's landing page"
    t0 = time.monotonic()
    page.goto(f"{binder_server.base}/voila/render/notebooks/clinic/torso.ipynb", wait_until="domcontentloaded")
    wait_for_plots(page, 1, 180_000)  # the dashboard shows one screen, and on it one plot, at a time
    ready_s = time.monotonic() - t0
    page.wait_for_function("() => document.getElementById('runmech-status').hidden", timeout=30_000)
    _settle(page, ws)
    assert_no_blank_plot(page)
    # runmech's template: its status box, its large slider handles, and no CDN style sheet
    assert page.locator("#runmech-status").count() == 1, "the dashboard does not use runmech's Voila template"
    box = page.locator(".runmech-panel .widget-slider .noUi-handle").first.bounding_box()
    assert box and box["width"] >= 24, f"slider handles are small (not runmech's template): {box}"
    assert "runmech.ui" not in page.inner_text("body"), "code is visible on the dashboard"
    screenshot(page, "binder-voila-torso")
    bundle = [u for u in page_log.requests if u.endswith("/runmech/static/widgetbundle.js")]
    assert len(bundle) == 1, bundle
    print(f"binder voila torso: {ws.bytes / 1e6:.2f} MB over the websocket, first screen drawn after {ready_s:.1f} s")
    assert ws.bytes <= MAX_WS_BYTES, f"the torso dashboard took {ws.bytes / 1e6:.1f} MB over the websocket"
    page_log.assert_clean()
