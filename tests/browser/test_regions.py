"""The three region notebooks work in Voila: every plot draws, and every main control changes its plot and its text.

One Voila page load per notebook; all checks of that notebook share it. Controls are found inside their own panel
(``.runmech-panel``), because several panels have a speed slider.
"""

from __future__ import annotations

from helpers import assert_no_blank_plot, dumps, open_voila, screenshot
from layout import layout_problems

from runmech.model.gait import self_selected_cadence

# JavaScript run on one panel element: its plotly data and its live summaries.
_PANEL_PLOTS_JS = """
el => Array.from(el.querySelectorAll('.js-plotly-plot')).map(gd => (gd.data || []).map(t => {
    const out = {};
    for (const k of ['x', 'y']) {
        if (t[k] !== undefined) out[k] = (t[k] && t[k].length !== undefined) ? Array.from(t[k]) : t[k];
    }
    return out;
}))
"""
_PANEL_TEXT_JS = "el => Array.from(el.querySelectorAll('div.runmech-summary')).map(e => e.innerText.trim())"


def _panel(page, index: int):
    return page.locator(".runmech-panel").nth(index)


def _state(panel) -> tuple[str, list[str]]:
    return dumps(panel.evaluate(_PANEL_PLOTS_JS)), panel.evaluate(_PANEL_TEXT_JS)


def _move(panel, label: str, presses: int, key: str = "ArrowRight") -> None:
    slider = panel.locator(".widget-slider").filter(has=panel.page.locator(".widget-label", has_text=label))
    handle = slider.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(presses):
        handle.press(key)


def _check_control(panel, label: str, presses: int, expect: str, key: str = "ArrowRight",
                   timeout_s: float = 40.0) -> None:
    """Moving the slider ``label`` changes the panel's plot data and its summaries; ``expect`` shows up in the text."""
    import time

    before = _state(panel)
    _move(panel, label, presses, key)
    deadline = time.monotonic() + timeout_s
    now = _state(panel)
    while not (now[0] != before[0] and now[1] != before[1] and expect in " ".join(now[1])):
        if time.monotonic() > deadline:
            break
        panel.page.wait_for_timeout(80)
        now = _state(panel)
    assert now[0] != before[0], f"moving '{label}' did not change the plot"
    assert now[1] != before[1], f"moving '{label}' did not change the text summary"
    assert expect in " ".join(now[1]), f"after moving '{label}' the summary should mention {expect!r}: {now[1]}"


def _wait_text(locator, text: str, timeout_s: float = 20.0) -> str:
    """Poll a locator's text until it contains ``text`` (widgets replace their inner HTML, so no element handles)."""
    import time

    deadline = time.monotonic() + timeout_s
    now = locator.inner_text()
    while text not in now and time.monotonic() < deadline:
        locator.page.wait_for_timeout(80)
        now = locator.inner_text()
    assert text in now, f"expected {text!r} in {now[:300]!r}"
    return now


def _open(page, voila_server, notebook: str, plots: int, shot: str) -> float:
    seconds = open_voila(page, voila_server, notebook, plots=plots, timeout_ms=180_000)
    print(f"{notebook}: {plots} plots drawn in Voila after {seconds:.1f} s")
    page.wait_for_timeout(500)
    assert_no_blank_plot(page)
    screenshot(page, shot)
    found = layout_problems(page, expect_plots=True)
    assert not found, f"{notebook} in Voila: layout problems:\n  " + "\n  ".join(found)
    return seconds


def test_torso_notebook_in_voila(page, page_log, voila_server):
    _open(page, voila_server, "01_torso.ipynb", plots=14, shot="voila-01_torso")
    assert page.locator(".runmech-panel").count() == 6
    assert page.locator("table.runmech-table, .runmech-claims").count() + page.get_by_text(
        "No claims about the torso").count() >= 1
    basics, anim, shock, sym, sway, lab = (_panel(page, i) for i in range(6))

    _check_control(basics, "speed (metres per second)", 10, "4.0 m/s")
    assert "min/km" in basics.locator(".runmech-pace").inner_text()
    _check_control(basics, "arm drive", 20, "arms held still", key="ArrowLeft")

    # the animation: a frame slider step and the play button both move the drawing
    before = _state(anim)
    _move(anim, "position in the stride (percent)", 12)
    _wait_text(anim.locator(".runmech-caption"), "12 %")
    assert _state(anim)[0] != before[0], "moving the frame slider did not move the top-down drawing"
    before_play = _state(anim)[0]
    anim.locator(".widget-play button").first.click()  # play
    moved = False
    for _ in range(250):
        page.wait_for_timeout(80)
        if _state(anim)[0] != before_play:
            moved = True
            break
    anim.locator(".widget-play button").nth(1).click()  # pause
    assert moved, "pressing play did not animate the drawing"
    _check_control(anim, "speed (metres per second)", 5, "3.5 m/s")

    _check_control(shock, "spine stiffness (times normal)", 10, "1.50 times normal")
    _check_control(shock, "trunk muscle control", 14, "0.30 times normal", key="ArrowLeft")
    _check_control(sym, "one-sided spine stiffness", 10, "10 % stiffer against turning to the left")
    _check_control(sway, "side-to-side trunk lean", 10, "5.0 cm of extra sway")
    _check_control(lab, "spine stiffness (times normal)", 4, "1.20 times normal")
    screenshot(page, "voila-01_torso-after-controls")

    # bad input in the lab: a message, and the last good plots and text stay
    keep = _state(lab)
    mass = lab.locator(".widget-text").filter(has=page.locator(".widget-label", has_text="body mass")).locator("input")
    mass.fill("500")
    mass.press("Enter")
    _wait_text(lab.locator(".runmech-message").first, "mass_kg")
    assert _state(lab) == keep, "a bad body mass changed the plots or the text"
    mass.fill("80")
    mass.press("Enter")
    deadline = page.evaluate("() => Date.now()") + 20_000
    while lab.locator(".runmech-message").first.inner_text().strip() and page.evaluate("() => Date.now()") < deadline:
        page.wait_for_timeout(80)
    assert not lab.locator(".runmech-message").first.inner_text().strip(), "a good body mass did not clear the message"
    page_log.assert_clean()


def test_hips_notebook_in_voila(page, page_log, voila_server):
    _open(page, voila_server, "02_hips.ipynb", plots=12, shot="voila-02_hips")
    assert page.locator(".runmech-panel").count() == 5  # three panels, then the two validation panels  # three panels, then the two validation panels
    stride, speed, sym = (_panel(page, i) for i in range(3))
    _check_control(stride, "speed (metres per second)", 10, "4.0 m/s")
    stride.locator("input[type=checkbox]").first.uncheck()
    page.wait_for_timeout(800)
    _check_control(stride, "cadence (steps per minute)", 10, f"{round(self_selected_cadence(4.0)) + 10} steps per minute (your choice)")
    _check_control(speed, "speed (metres per second)", 5, "3.5 m/s")
    _check_control(sym, "one step longer", 10, "10 % longer right step")
    screenshot(page, "voila-02_hips-after-controls")
    page_log.assert_clean()


def test_lower_extremity_notebook_in_voila(page, page_log, voila_server):
    _open(page, voila_server, "03_lower_extremity.ipynb", plots=13, shot="voila-03_lower_extremity")
    assert page.locator(".runmech-panel").count() == 5  # three panels, then the two validation panels
    grf, side, impact = (_panel(page, i) for i in range(3))
    _check_control(grf, "speed (metres per second)", 10, "4.0 m/s")
    grf.locator("input[type=checkbox]").first.uncheck()
    page.wait_for_timeout(800)
    _check_control(grf, "cadence (steps per minute)", 10, f"{round(self_selected_cadence(4.0)) + 10} steps per minute (your choice)")
    before = _state(side)
    _move(side, "position in the stride (percent)", 20)
    _wait_text(side.locator(".runmech-caption"), "20 %")
    assert _state(side)[0] != before[0], "moving the frame slider did not move the leg drawing"
    _check_control(side, "speed (metres per second)", 5, "3.5 m/s")
    _check_control(impact, "speed (metres per second)", 5, "3.5 m/s")
    screenshot(page, "voila-03_lower_extremity-after-controls")
    page_log.assert_clean()
