"""A dashboard whose Python kernel dies tells the participant so, and what to do (runmech's Voila template).

The torso dashboard is opened in Voila and drawn; then its kernel goes, in one of two ways:

- its process is killed with SIGKILL, as the operating system does when a machine runs out of memory. Voila's kernel
  manager starts a fresh kernel under the same id, but that kernel never ran the notebook, so the page's controls
  are connected to nothing;
- the server shuts it down, as the culler does with a dashboard left idle.

The page must say so within a timeout: a visible sentence in the template's status box with a reload button, and no
traceback. The reload button must then bring the dashboard back with a new kernel.
"""

from __future__ import annotations

import json
import os
import re
import signal
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import open_voila, screenshot, wait_for_plots

# Console errors a dead kernel is allowed to cause, each named; nothing else may reach the console. The template
# asks GET /api/kernels/<id> whether the server still has the page's kernel; once the server has shut it down the
# answer is 404 and the browser logs this line (without the address); so does Voila's shutdown request on leaving
# the page once the kernel is gone. It is allowed only as often as the server logged such a 404 for this kernel.
KERNEL_404 = "Failed to load resource: the server responded with a status of 404 (Not Found)"
# Leaving a Voila page makes Voila's front end POST /voila/api/shutdown/<kernel id> with the _xsrf cookie's token
# (runmech's prelaunch hook sets that cookie; Voila 0.5.13 set none, and the server answered 403). Should the server
# still refuse it, the browser logs this line (without the address); it is allowed only as often as the server logged
# that 403 for this kernel (test_kernel_freed.py checks that a reload frees the kernel).
SHUTDOWN_403 = "Failed to load resource: the server responded with a status of 403 (Forbidden)"
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


def _assert_only_expected(page_log, server, kernel_id: str) -> None:
    """No console error but the named ones, each exactly as often as the server logged its cause for this kernel."""
    log = server.log_text()
    about = rf"(GET /api/kernels|POST /voila/api/shutdown)/{re.escape(kernel_id)} \(.*\) [0-9.]+ms$"
    expected = [(KERNEL_404, "^404 " + about), (SHUTDOWN_403, "^403 " + about)]
    for line, cause in expected:
        seen, logged = page_log.console_errors.count(line), len(re.findall(cause, log, re.M))
        assert seen == logged, f"{seen} console errors {line!r} but the server logged {logged} of {cause!r}"
    page_log.assert_clean(ignore=tuple(line for line, _ in expected))


def _shut_down_by_server(page, server, kernel_id: str) -> None:
    """The server shuts the kernel down, as the culler does with an idle dashboard (Voila's own shutdown route)."""
    status = page.evaluate(
        """async ([base, id]) => { document.cookie = '_xsrf=runmechtest; path=/';  // a token of the test's own
             const r = await fetch(base + 'voila/api/shutdown/' + id,
                                   {method: 'POST', headers: {'X-XSRFToken': 'runmechtest'}});
             return r.status; }""", ["/", kernel_id])
    assert status == 204, f"the server did not shut the kernel down: HTTP {status}"


@pytest.mark.parametrize("how", ["sigkill", "shut down by the server"])
def test_dead_kernel_shows_what_to_do(page, page_log, voila_server, how):
    open_voila(page, voila_server, "clinic/torso.ipynb")
    status = page.locator("#runmech-status")
    page.wait_for_function("() => document.getElementById('runmech-status').hidden", timeout=60_000)
    kernel_id = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    assert _kernel_model(voila_server, kernel_id)["id"] == kernel_id  # the server knows the page's kernel
    pid = _kernel_pid(kernel_id)

    t0 = time.monotonic()
    if how == "sigkill":
        os.kill(pid, signal.SIGKILL)  # Voila's kernel manager restarts it under the same id, with nothing run
    else:
        _shut_down_by_server(page, voila_server, kernel_id)
    status.wait_for(state="visible", timeout=MESSAGE_TIMEOUT_MS)
    page.wait_for_function("() => document.getElementById('runmech-status').innerText.includes('stopped')",
                           timeout=MESSAGE_TIMEOUT_MS)
    waited = time.monotonic() - t0
    shot = screenshot(page, f"clinic-dead-kernel-{how}")
    print(f"the dead-kernel message appeared {waited:.1f} s after the kernel went ({how}); screenshot {shot}")

    text = status.inner_text()
    assert "This dashboard stopped working" in text, text
    assert "Reload the page" in text, text
    assert "Traceback" not in page.inner_text("body") and "Error" not in text, text
    assert "runmech-failed" in (status.get_attribute("class") or "")
    box = status.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 30 and box["y"] >= 0, f"the message is not in view: {box}"
    reload = status.get_by_role("button", name="Reload the page")
    assert reload.is_visible()
    _assert_only_expected(page_log, voila_server, kernel_id)

    # what the message says to do works: the reload gives a fresh kernel that draws the dashboard again
    reload.click()
    page.wait_for_function("(old) => { const el = document.getElementById('jupyter-config-data');"
                           " return el && JSON.parse(el.textContent).kernelId !== old; }", arg=kernel_id,
                           timeout=120_000)
    wait_for_plots(page, 1, 120_000)
    page.wait_for_function("() => document.getElementById('runmech-status').hidden", timeout=60_000)
    _assert_only_expected(page_log, voila_server, kernel_id)
