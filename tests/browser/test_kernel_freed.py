"""Leaving or reloading a dashboard gives its kernel back at once (runmech's Voila prelaunch hook sets the cookie
Voila's shutdown request needs).

Voila's front end asks the server to shut the page's kernel down when the page goes away, with the token of the
``_xsrf`` cookie; Voila 0.5 never set that cookie on a dashboard opened directly, so the request was refused (403)
and each reload left a kernel of about 140 MB running until the culler came (10 minutes), counted against the
room's cap. In a workshop, where reloading is the first thing people try, that filled the room.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request

from helpers import open_voila, wait_for_plots


def _kernel_status(server, kernel_id: str) -> int:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{server.base}/api/kernels/{kernel_id}", timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as err:
        return err.code


def _kernel_id(page) -> str:
    return page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")


def test_reloading_a_dashboard_frees_its_kernel(page, page_log, voila_server):
    open_voila(page, voila_server, "clinic/hips.ipynb")
    old = _kernel_id(page)
    assert _kernel_status(voila_server, old) == 200
    assert "_xsrf" in {c["name"] for c in page.context.cookies()}, "the dashboard page set no _xsrf cookie"

    page.reload(wait_until="domcontentloaded")
    page.wait_for_function("(old) => { const el = document.getElementById('jupyter-config-data');"
                           " return el && JSON.parse(el.textContent).kernelId !== old; }", arg=old, timeout=120_000)
    wait_for_plots(page, 1, 120_000)
    deadline = time.monotonic() + 15
    while _kernel_status(voila_server, old) != 404 and time.monotonic() < deadline:
        time.sleep(0.25)
    assert _kernel_status(voila_server, old) == 404, "the reloaded page's old kernel is still running"
    assert _kernel_status(voila_server, _kernel_id(page)) == 200  # the new page has its own, running
    refused = re.findall(rf"^403 POST /voila/api/shutdown/{re.escape(old)}", voila_server.log_text(), re.M)
    assert not refused, f"the server refused the page's shutdown request: {refused}"
    page_log.assert_clean()
