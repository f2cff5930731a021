"""Clinic mode in a real browser: the landing page and every dashboard, served by the clinic launcher (Voila).

One page load per dashboard; all of its checks share it: every plot draws, no code and no console error shows, no
request leaves the computer, the controls are large, each main control changes its plot and its text summary, icons
still draw without the CDN icon fonts, and a screenshot is saved (test-artifacts/screenshots/clinic-*.png).
"""

from __future__ import annotations

import pytest
from helpers import (
    assert_no_blank_plot,
    icon_info,
    move_in_panel,
    open_voila,
    panel_at,
    panel_state,
    screenshot,
    wait_panel_changed,
)

# dashboard -> (number of plots, [(panel index, slider label, presses, key, text expected afterwards or "")])
# A step of "untick:<label>" clicks the check box labelled <label> in that panel first (e.g. automatic cadence).
DASHBOARDS = {
    "torso": (8, [
        (0, "speed (metres per second)", 5, "ArrowRight", "3.5 m/s"),
        (0, "arm swing", 22, "ArrowLeft", "arms held still"),
        (1, "spine stiffness", 5, "ArrowRight", "1.25 times normal"),
        (1, "trunk muscle control", 5, "ArrowLeft", "0.75 times normal"),
        (2, "rotation asymmetry", 10, "ArrowRight", "10 % more rotation to the right"),
        (3, "side-to-side sway", 4, "ArrowRight", "2.0 cm of extra sway"),
    ]),
    "hips": (5, [
        (0, "speed (metres per second)", 5, "ArrowRight", "3.5 m/s"),
        (0, "untick:automatic cadence", 0, "", ""),
        (0, "cadence (steps per minute)", 5, "ArrowRight", "175 steps per minute"),
        (1, "speed (metres per second)", 10, "ArrowRight", "4.0 m/s"),
        (2, "rotation asymmetry", 10, "ArrowRight", ""),
    ]),
    "lower_leg": (6, [
        (0, "speed (metres per second)", 5, "ArrowRight", "3.5 m/s"),
        (0, "untick:automatic cadence", 0, "", ""),
        (0, "cadence (steps per minute)", 5, "ArrowRight", "175 steps per minute"),
        (1, "speed (metres per second)", 5, "ArrowLeft", "2.5 m/s"),
        (2, "speed (metres per second)", 10, "ArrowRight", "4.0 m/s"),
    ]),
}


def _common_checks(page, page_log, name: str) -> None:
    assert_no_blank_plot(page)
    body = page.inner_text("body")
    assert "not medical advice" in body, "the dashboard does not say it is not medical advice"
    assert "runmech.ui" not in body and "_panel()" not in body, "code is visible on the dashboard"
    # large controls: the clinic template makes slider handles at least 24 px across
    box = page.locator(".runmech-panel .widget-slider .noUi-handle").first.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24, f"slider handles are small: {box}"
    page_log.assert_clean()


def _exercise(page, steps) -> None:
    for index, label, presses, key, expect in steps:
        panel = panel_at(page, index)
        before = panel_state(panel)
        if label.startswith("untick:"):
            box = panel.locator(".widget-checkbox", has_text=label.split(":", 1)[1]).locator("input")
            box.scroll_into_view_if_needed()
            assert box.is_checked()
            box.uncheck()
        else:
            move_in_panel(panel, label, presses, key)
        after = wait_panel_changed(panel, before)
        what = f"dashboard panel {index}, '{label}'"
        assert after["plots"] != before["plots"], f"{what}: the plot did not change"
        assert after["texts"] != before["texts"], f"{what}: the text summary did not change"
        if expect:
            assert any(expect in t for t in after["texts"]), f"{what}: '{expect}' not in {after['texts']}"


def test_landing_page_lists_the_dashboards(page, page_log, voila_server):
    page.goto(f"{voila_server.base}/voila/tree/clinic", wait_until="load")
    cards = page.locator(".rm-cards a")
    names = [t.split("\n")[0].strip() for t in cards.all_inner_texts()]
    assert names[:3] == ["Torso", "Hips", "Lower leg"], names
    hrefs = [cards.nth(i).get_attribute("href") for i in range(cards.count())]
    assert all(h.startswith("/voila/render/clinic/") and h.endswith(".ipynb") for h in hrefs), hrefs
    assert "not medical advice" in page.inner_text("body")
    big = cards.first.bounding_box()
    assert big and big["height"] >= 80, f"the dashboard buttons are small: {big}"
    screenshot(page, "clinic-landing")
    page_log.assert_clean()


@pytest.mark.parametrize("name", list(DASHBOARDS))
def test_dashboard(page, page_log, voila_server, name):
    plots, steps = DASHBOARDS[name]
    seconds = open_voila(page, voila_server, f"clinic/{name}.ipynb", plots=plots)
    assert page.locator(".js-plotly-plot").count() == plots
    _common_checks(page, page_log, name)
    screenshot(page, f"clinic-{name}")
    _exercise(page, steps)
    if name == "lower_leg":
        _play_button_works(page)
    page_log.assert_clean()
    print(f"{name}: first {plots} plots drawn {seconds:.1f} s after navigation")


def _play_button_works(page) -> None:
    """The side view's play button shows its icon (from the bundled icon font, not a CDN) and plays the stride."""
    play = page.locator(".widget-play").first
    play.scroll_into_view_if_needed()
    for icon in ("fa-play", "fa-stop", "fa-retweet"):
        info = icon_info(play.locator(f"i.{icon}"))
        assert info["content"] not in ("none", "normal", '""', ""), f"{icon}: no glyph ({info})"
        family = info["family"].replace(" ", "")
        assert "FontAwesome" in family and info["loaded"], f"{icon}: icon font not loaded ({info})"
        assert info["width"] >= 8, f"{icon}: drawn with no width ({info})"
    panel = panel_at(page, 2)
    frame = panel.locator(".widget-slider", has_text="position in the stride").locator(".noUi-handle")
    start = frame.get_attribute("aria-valuenow")
    play.locator("button").first.click()
    page.wait_for_function("([el, v]) => el.getAttribute('aria-valuenow') !== v",
                           arg=[frame.element_handle(), start], timeout=15_000)
    play.locator("button").first.click()  # pause again
