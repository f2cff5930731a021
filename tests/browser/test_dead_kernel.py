"""A dashboard whose Python kernel dies tells the participant so, and what to do (runmech's Voila template).

The torso dashboard is opened in Voila and drawn; then its kernel process is killed with SIGKILL, as the operating
system does when a machine runs out of memory. Voila's kernel manager starts a fresh kernel under the same id, but
that kernel never ran the notebook, so the page's controls are connected to nothing. The page must say so within a
timeout: a visible sentence in the template's status box with a reload button, and no traceback.
"""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.request
from pathlib import Path

from helpers import open_voila, screenshot, wait_for_plots

# Console errors a killed kernel is allowed to cause, each named: nothing else may reach the console.
EXPECTED_ERRORS: tuple[str, ...] = ()
MESSAGE_TIMEOUT_MS = 30_000


def _kernel_pid(kernel_id: str) -> int:
    """Process id of the kernel whose connection file is ``kernel-<kernel_id>.json`` (read from /proc)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:  # the process ended while we looked
            continue
        if any(arg.decode(errors="replace").endswith(f"kernel-{kernel_id}.json") for arg in cmdline):
            pids.append(int(entry.name))
    assert len(pids) == 1, f"expected one kernel process for {kernel_id}, found {pids}"
    return pids[0]


def _kernel_model(server, kernel_id: str) -> dict:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"{server.base}/api/kernels/{kernel_id}", timeout=5) as r:
        return json.loads(r.read())


def test_killed_kernel_shows_what_to_do(page, page_log, voila_server):
    open_voila(page, voila_server, "clinic/torso.ipynb")
    status = page.locator("#runmech-status")
    page.wait_for_function("() => document.getElementById('runmech-status').hidden", timeout=60_000)
    kernel_id = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    assert _kernel_model(voila_server, kernel_id)["id"] == kernel_id  # the server knows the page's kernel
    pid = _kernel_pid(kernel_id)

    os.kill(pid, signal.SIGKILL)
    t0 = time.monotonic()
    status.wait_for(state="visible", timeout=MESSAGE_TIMEOUT_MS)
    page.wait_for_function("() => document.getElementById('runmech-status').innerText.includes('stopped')",
                           timeout=MESSAGE_TIMEOUT_MS)
    waited = time.monotonic() - t0
    shot = screenshot(page, "clinic-dead-kernel")
    print(f"the dead-kernel message appeared {waited:.1f} s after SIGKILL; screenshot {shot}")

    text = status.inner_text()
    assert "This dashboard stopped working" in text, text
    assert "Reload the page" in text, text
    assert "Traceback" not in page.inner_text("body") and "Error" not in text, text
    assert "runmech-failed" in (status.get_attribute("class") or "")
    box = status.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 30 and box["y"] >= 0, f"the message is not in view: {box}"
    reload = status.get_by_role("button", name="Reload the page")
    assert reload.is_visible()
    page_log.assert_clean(ignore=EXPECTED_ERRORS)

    # what the message says to do works: the reload gives a fresh kernel that draws the dashboard again
    reload.click()
    page.wait_for_function("(old) => { const el = document.getElementById('jupyter-config-data');"
                           " return el && JSON.parse(el.textContent).kernelId !== old; }", arg=kernel_id,
                           timeout=120_000)
    wait_for_plots(page, 1, 120_000)
    page.wait_for_function("() => document.getElementById('runmech-status').hidden", timeout=60_000)
    page_log.assert_clean(ignore=EXPECTED_ERRORS)
