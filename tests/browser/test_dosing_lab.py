"""The dosing lab notebook in JupyterLab: run all, the calculator answers its one reps box, the figures move (in
output inserted after the page loaded, as JupyterLab shows it), the handout downloads.

One page load; every check shares it. (The same panels in Voila are covered by test_clinic.py.)
"""

from __future__ import annotations

from helpers import SCREENSHOTS, assert_no_blank_plot, open_lab_and_run, panel_at, panel_state, screenshot, wait_panel_changed


def _type(panel, label: str, text: str) -> None:
    box = panel.locator(".widget-inline-hbox", has_text=label).locator("input, textarea").first
    box.scroll_into_view_if_needed()
    box.fill(text)
    box.press("Enter")


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
    # one box for the reps of today's sets: the best set moves the chart and the sentence
    assert calc.locator(".widget-slider", has_text="reps").count() == 0
    _type(calc, "reps in each set today", "8, 7, 7")
    after = wait_panel_changed(calc, before)
    assert after["plots"] != before["plots"], "the reps did not move the chart"
    assert any("for 8 reps" in t for t in after["texts"]), after["texts"]
    # a typing slip: the message appears right under the box that holds it
    _type(calc, "reps in each set today", "8, seven")
    alert = calc.locator(".runmech-field", has_text="reps in each set today").locator("[role=alert]")
    alert.wait_for(timeout=15_000)
    box = calc.locator(".widget-text", has_text="reps in each set today").first.bounding_box()
    msg = alert.bounding_box()
    assert 0 <= msg["y"] - (box["y"] + box["height"]) < 40, (box, msg)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    calc.locator(".runmech-field", has_text="reps in each set today").first.screenshot(
        path=str(SCREENSHOTS / "lab-04-reps-message.png"))
    # the chart's title and its legend do not overlap
    boxes = calc.evaluate("""el => { const t = el.querySelector('.gtitle'), l = el.querySelector('.legend');
        const a = t.getBoundingClientRect(), b = l.getBoundingClientRect();
        return [a.top, a.bottom, a.left, a.right, b.top, b.bottom, b.left, b.right]; }""")
    t_top, t_bottom, t_left, t_right, l_top, l_bottom, l_left, l_right = boxes
    assert t_bottom <= l_top or l_bottom <= t_top or t_right <= l_left or l_right <= t_left, boxes
    screenshot(page, "lab-04_dosing_lab-calculator")

    # the exercises move: the figure's own CSS animation changes the drawn limbs over time, with no script
    gallery = page.locator(".runmech-exercise-gallery svg.runmech-figure-animated").first
    gallery.scroll_into_view_if_needed()
    shapes = "s => Array.from(s.querySelectorAll('path')).map(p => getComputedStyle(p).d)"
    first = gallery.evaluate(shapes)
    page.wait_for_timeout(900)
    later = gallery.evaluate(shapes)
    assert len(first) >= 8 and sum(a != b for a, b in zip(first, later)) >= 4, "the exercise figure does not move"
    assert "Start:" in page.locator(".runmech-exercise-gallery figcaption").first.inner_text()
    page.locator(".runmech-exercise-gallery").first.screenshot(path=str(SCREENSHOTS / "lab-04-gallery.png"))
    screenshot(page, "lab-04_dosing_lab-gallery")

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
    text = saved.read_text(encoding="utf-8")
    assert name in text and "<svg" in text, f"the handout does not show {name!r} with its drawing"
    screenshot(page, "lab-04_dosing_lab")
    page_log.assert_clean()
