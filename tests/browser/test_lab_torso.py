"""The torso notebook (the one with the most figures) works in JupyterLab as `runmech lab` starts it."""

from __future__ import annotations

from helpers import dumps, move_slider, open_lab_and_run, plot_data, screenshot, summaries, wait_changed


def test_torso_notebook_in_jupyterlab(page, page_log, lab_server):
    open_lab_and_run(page, lab_server, "01_torso.ipynb", plots=1, timeout_ms=240_000)
    # the first panel (rotation basics) answers its first slider: plot and summary change
    first_plot = lambda p: dumps(plot_data(p)[0])  # noqa: E731
    before_plot, before_text = first_plot(page), summaries(page)[0]
    move_slider(page, 0, presses=5)
    assert wait_changed(page, before_plot, first_plot) != before_plot, "the first torso plot did not answer its slider"
    assert wait_changed(page, before_text, lambda p: summaries(p)[0]) != before_text, "its summary did not change"
    screenshot(page, "lab-01_torso")
    # plotly's browser bundle came once from the server as a static file, not inside every figure
    bundle_requests = [u for u in page_log.requests if u.endswith("/static/widgetbundle.js")]
    assert len(bundle_requests) == 1, bundle_requests
    page_log.assert_clean()
