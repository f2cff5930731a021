"""The your-data notebook works in a real browser (Voila and JupyterLab): plots drawn, no console errors, controls change plots and text."""

from __future__ import annotations

import time

from helpers import (
    assert_no_blank_plot,
    dumps,
    move_slider_labelled,
    open_lab_and_run,
    open_voila,
    plot_data,
    screenshot,
    summaries,
    wait_changed,
    wait_for_plots,
)

NOTEBOOK = "05_your_data.ipynb"


def _wait_for_text(page, needle: str, timeout_s: float) -> list[str]:
    """Poll the live summaries until one contains ``needle`` (each key press re-analyses the recording)."""
    deadline = time.monotonic() + timeout_s
    texts = summaries(page)
    while not any(needle in t for t in texts) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
        texts = summaries(page)
    assert any(needle in t for t in texts), f"no summary says {needle!r}: {texts}"
    return texts


def assert_axis_titles_fit(page) -> None:
    """No axis title runs past the edge of its figure (the cut-off "(model = 1" and "0 = symmetri" of issue 14)."""
    cut = page.eval_on_selector_all(
        ".js-plotly-plot",
        """els => els.flatMap(gd => { const box = gd.getBoundingClientRect();
            return Array.from(gd.querySelectorAll('.xtitle, .ytitle, .gtitle')).filter(t => {
                const r = t.getBoundingClientRect();
                return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
                                       || r.bottom > box.bottom + 1); }).map(t => t.textContent); })""")
    assert not cut, f"axis titles cut off at the figure's edge: {cut}"
    over = page.eval_on_selector_all(
        ".js-plotly-plot",
        """els => els.flatMap(gd => { const t = gd.querySelector('.gtitle'), l = gd.querySelector('.legend');
            if (!t || !l) return [];
            const a = t.getBoundingClientRect(), b = l.getBoundingClientRect();
            const hit = a.width > 0 && b.width > 0 && a.left < b.right && b.left < a.right && a.top < b.bottom
                        && b.top < a.bottom;
            return hit ? [t.textContent] : []; })""")
    assert not over, f"figure titles drawn over their legend: {over}"


def test_your_data_in_voila(page, page_log, voila_server):
    seconds = open_voila(page, voila_server, NOTEBOOK, plots=6)  # the lab's four plots and the real trial's two
    assert_no_blank_plot(page)
    texts = summaries(page)
    assert any("SYNTHETIC" in s for s in texts), texts
    assert any("Symmetry angle of" in s for s in texts), texts
    assert any("Model runner" in s for s in texts), texts
    # the real trial: its stances overlaid, its speed, and what it is too short to give
    assert any("every stance from foot strike" in s for s in texts), texts
    assert any("Speed of the recording 2.75 m/s" in s for s in texts), texts
    titles = page.eval_on_selector_all(".js-plotly-plot .gtitle", "els => els.map(e => e.textContent)")
    assert any(t.startswith("Every stance overlaid") for t in titles), titles
    assert_axis_titles_fit(page)
    assert page.locator("a[download]").count() >= 1
    href = page.locator("a[download]").first.get_attribute("href")
    assert href.startswith("data:text/csv")
    screenshot(page, "voila-05_your_data")

    # the main control: the synthetic runner's thorax rotation asymmetry, 10 % -> 20 %
    before_plot, before_text = dumps(plot_data(page)), summaries(page)
    move_slider_labelled(page, "asymmetry", presses=10, key="ArrowRight")
    after_text = _wait_for_text(page, "thorax rotation asymmetry 20 %", timeout_s=60)
    assert after_text != before_text, "moving the asymmetry slider did not change the summaries"
    after_plot = wait_changed(page, before_plot, lambda p: dumps(plot_data(p)), timeout_s=30)
    assert after_plot != before_plot, "moving the asymmetry slider did not change the plots"
    assert_no_blank_plot(page)

    # a second control: the variable shown
    before_plot = dumps(plot_data(page))
    page.locator(".widget-dropdown").filter(has_text="variable to look at").first.locator("select").select_option(
        "thorax_rotation")
    after_plot = wait_changed(page, before_plot, lambda p: dumps(plot_data(p)), timeout_s=30)
    assert after_plot != before_plot, "choosing another variable did not change the plots"
    assert any(s.startswith("thorax_rotation, every stride") for s in summaries(page))
    screenshot(page, "voila-05_your_data-after")
    page_log.assert_clean()
    print(f"voila time to first plot: {seconds:.1f} s")


def test_your_data_in_jupyterlab(page, page_log, lab_server):
    open_lab_and_run(page, lab_server, NOTEBOOK, plots=0, timeout_ms=180_000)
    # JupyterLab draws only the cells near the viewport: scroll down until the strides panel's plots are drawn
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        page.evaluate("() => { const s = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')"
                      " || document.querySelector('.jp-NotebookPanel-notebook'); if (s) s.scrollTop += 500; }")
        page.wait_for_timeout(500)
        if page.locator(".js-plotly-plot .scatterlayer path").count() > 0:
            break
    wait_for_plots(page, 1, timeout_ms=180_000)
    assert_no_blank_plot(page)
    texts = page.eval_on_selector_all("div.runmech-summary", "els => els.map(e => e.textContent.trim())")
    assert any("every stride from foot strike" in t for t in texts), texts  # textContent: cells may be off screen
    assert any("SYNTHETIC" in t for t in texts), texts
    screenshot(page, "lab-05_your_data")
    page_log.assert_clean()
