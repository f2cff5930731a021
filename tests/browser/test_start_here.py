"""The start notebook works in a real browser, in Voila and in JupyterLab."""

from __future__ import annotations

from helpers import assert_no_blank_plot, open_lab_and_run, open_voila, dumps, move_slider, plot_data, screenshot, summaries, wait_changed


def _slider_moves_plot_and_text(page):
    before_plot, before_text = dumps(plot_data(page)), summaries(page)
    assert any("5:33" in s for s in before_text), before_text  # 3.0 m/s is 5:33 per km
    move_slider(page, 0, presses=5)
    after_plot = wait_changed(page, before_plot, lambda p: dumps(plot_data(p)))
    assert after_plot != before_plot, "moving the speed slider did not change the plot"
    after_text = wait_changed(page, before_text, summaries)
    assert after_text != before_text, "moving the speed slider did not change the summary"
    # five steps of 0.1 m/s from 3.0 m/s: 3.5 m/s is 4:46 per km
    assert any("3.5 m/s" in s and "4:46" in s for s in after_text), after_text


def test_start_here_in_voila(page, page_log, voila_server):
    seconds = open_voila(page, voila_server, "00_start_here.ipynb")
    assert_no_blank_plot(page)
    assert page.locator(".widget-slider").count() == 1
    screenshot(page, "voila-00_start_here")
    _slider_moves_plot_and_text(page)
    page_log.assert_clean()
    print(f"voila time to first plot: {seconds:.1f} s")


def test_start_here_in_jupyterlab(page, page_log, lab_server):
    open_lab_and_run(page, lab_server, "00_start_here.ipynb")
    assert_no_blank_plot(page)
    page.wait_for_timeout(1500)  # JupyterLab shows its notifications once the page has settled
    # runmech lab disables the announcements plugin: no "notified about official Jupyter news?" prompt
    assert page.get_by_text("official Jupyter news").count() == 0, "JupyterLab asks about Jupyter news"
    assert "on their way" not in page.inner_text("body"), "the start page says notebooks are still to come"
    screenshot(page, "lab-00_start_here")
    _slider_moves_plot_and_text(page)
    page_log.assert_clean()
