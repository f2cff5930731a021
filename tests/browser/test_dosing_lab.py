"""The dosing lab notebook in JupyterLab: run all, the calculator answers its controls, the handout downloads.

One page load; every check shares it. (The same panels in Voila are covered by test_clinic.py.)
"""

from __future__ import annotations

from helpers import assert_no_blank_plot, move_in_panel, open_lab_and_run, panel_at, panel_state, screenshot, \
    wait_panel_changed


def test_dosing_lab_in_jupyterlab(page, page_log, lab_server, tmp_path):
    open_lab_and_run(page, lab_server, "04_dosing_lab.ipynb", plots=1)
    page.wait_for_function("() => document.querySelectorAll('.runmech-panel').length >= 2", timeout=120_000)
    assert_no_blank_plot(page)
    calc, builder = panel_at(page, 0), panel_at(page, 1)
    # JupyterLab draws cells lazily as they scroll into view: bring the calculator on screen first
    calc.locator(".runmech-summary").first.scroll_into_view_if_needed()
    page.wait_for_function("el => el.innerText.includes('for 10 reps')",
                           arg=calc.locator(".runmech-summary").first.element_handle(), timeout=30_000)
    before = panel_state(calc)
    assert any("From 60 kg" in t and "for 10 reps" in t for t in before["texts"]), before["texts"]
    move_in_panel(calc, "reps completed with it", 2, "ArrowLeft")
    after = wait_panel_changed(calc, before)
    assert after["plots"] != before["plots"], "the reps slider did not move the chart"
    assert any("for 8 reps" in t for t in after["texts"]), after["texts"]

    add = builder.locator("button", has_text="add to plan")
    add.scroll_into_view_if_needed()
    add.click()
    page.wait_for_function("el => el.innerText.includes('The plan has 1 exercise')",
                           arg=builder.element_handle(), timeout=30_000)
    name = builder.locator(".widget-dropdown", has_text="exercise").locator("select").first \
        .evaluate("s => s.options[s.selectedIndex].text").replace("\xa0", " ")
    link = builder.locator("a.runmech-download-handout")
    link.scroll_into_view_if_needed()
    with page.expect_download() as dl:
        link.click()
    saved = tmp_path / dl.value.suggested_filename
    dl.value.save_as(saved)
    assert name in saved.read_text(encoding="utf-8"), f"the handout does not list {name!r}"
    screenshot(page, "lab-04_dosing_lab")
    page_log.assert_clean()
