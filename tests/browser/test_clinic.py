"""Clinic mode in a real browser: the landing page and every dashboard, served by the clinic launcher (Voila).

One page load per dashboard; all of its checks share it: every plot draws, no code and no console error shows, no
request leaves the computer, the controls are large, each main control changes its plot and its text summary, icons
still draw without the CDN icon fonts, and a screenshot is saved (test-artifacts/screenshots/clinic-*.png).
"""

from __future__ import annotations

import pytest

from runmech.model.gait import self_selected_cadence
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
# On automatic the cadence slider shows the model's own cadence, so a slider unticked at 3.5 m/s starts there.
_AUTO_35 = round(self_selected_cadence(3.5))
# A step of "untick:<label>" clicks the check box labelled <label> in that panel first (e.g. automatic cadence).
DASHBOARDS = {
    "torso": (8, [
        (0, "speed (metres per second)", 5, "ArrowRight", "3.5 m/s"),
        (0, "arm drive", 22, "ArrowLeft", "arms held still"),
        (1, "spine stiffness", 5, "ArrowRight", "1.25 times normal"),
        (1, "trunk muscle control", 5, "ArrowLeft", "0.75 times normal"),
        (2, "one-sided spine stiffness", 10, "ArrowRight", "10 % stiffer against turning to the left"),
        (3, "side-to-side trunk lean", 4, "ArrowRight", "2.0 cm of extra sway"),
    ]),
    "hips": (5, [
        (0, "speed (metres per second)", 5, "ArrowRight", "3.5 m/s"),
        (0, "untick:automatic cadence", 0, "", ""),
        (0, "cadence (steps per minute)", 5, "ArrowRight", f"{_AUTO_35 + 5} steps per minute"),
        (1, "speed (metres per second)", 10, "ArrowRight", "4.0 m/s"),
        (2, "one step longer", 10, "ArrowRight", "longer right step"),
    ]),
    "lower_leg": (6, [
        (0, "speed (metres per second)", 5, "ArrowRight", "3.5 m/s"),
        (0, "untick:automatic cadence", 0, "", ""),
        (0, "cadence (steps per minute)", 5, "ArrowRight", f"{_AUTO_35 + 5} steps per minute"),
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
    assert names == ["Torso", "Hips", "Lower leg", "Dosing"], names
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


def _select(panel, label: str, option: str) -> None:
    """Choose the option shown as ``option`` in the drop-down labelled ``label``."""
    sel = panel.locator(".widget-dropdown", has_text=label).locator("select")
    sel.scroll_into_view_if_needed()
    sel.select_option(label=option)


def _type(panel, label: str, text: str) -> None:
    box = panel.locator(".widget-inline-hbox", has_text=label).locator("input, textarea").first
    box.scroll_into_view_if_needed()
    box.fill(text)
    box.press("Enter")


def _texts(panel) -> list[str]:
    return panel_state(panel)["texts"]


def _wait_text(panel, predicate, timeout_ms: int = 20_000) -> list[str]:
    deadline_steps = timeout_ms // 60
    texts = _texts(panel)
    for _ in range(deadline_steps):
        if predicate(" ".join(texts)):
            break
        panel.page.wait_for_timeout(60)
        texts = _texts(panel)
    return texts


def test_dosing_dashboard(page, page_log, voila_server, tmp_path):
    open_voila(page, voila_server, "clinic/dosing.ipynb", plots=1)
    assert page.locator(".js-plotly-plot").count() == 1
    _common_checks(page, page_log, "dosing")
    calc, builder = panel_at(page, 0), panel_at(page, 1)
    screenshot(page, "clinic-dosing")

    # the reps of today's sets: the best set moves the chart's line and the sentence together
    before = panel_state(calc)
    _type(calc, "reps in each set today", "12, 11")
    after = wait_panel_changed(calc, before)
    assert after["plots"] != before["plots"] and after["texts"] != before["texts"]
    assert any("for 12 reps" in t for t in after["texts"]), after["texts"]

    # typed load and the unit switch change the sentence (the %1RM chart does not depend on the load)
    _type(calc, "load lifted", "50")
    texts = _wait_text(calc, lambda t: "From 50 kg" in t)
    assert any("From 50 kg" in t for t in texts), texts
    calc.locator(".widget-toggle-buttons button", has_text="pounds").click()
    texts = _wait_text(calc, lambda t: "lb (50 kg)" in t)
    assert any("lb (50 kg)" in t for t in texts), texts
    _select(calc, "method shown first", "Brzycki")
    texts = _wait_text(calc, lambda t: "Brzycki estimates" in t)
    assert any("Brzycki estimates" in t for t in texts), texts

    # a typing slip: the message shows beside the controls, the last good result stays
    good = _texts(calc)
    _type(calc, "reps in each set today", "12, twelve")
    alert = calc.locator(".runmech-message [role=alert]")
    alert.wait_for(timeout=15_000)
    assert "twelve" in alert.inner_text() or "reps" in alert.inner_text()
    assert _texts(calc) == good
    _type(calc, "reps in each set today", "12, 12, 12")
    _select(calc, "how the last set felt", "easy: 2 or more reps left")
    advice = calc.locator(".runmech-advice")
    page.wait_for_function("el => el.innerText.includes('heavier')", arg=advice.element_handle(), timeout=15_000)
    assert calc.locator(".runmech-message [role=alert]").count() == 0

    # plan builder: two exercises from two regions; their names reach the listing and the downloaded handout
    names = []
    for region in ("torso", "lower extremity"):
        _select(builder, "body region", region)
        page.wait_for_timeout(300)
        ex = builder.locator(".widget-dropdown", has_text="exercise").locator("select").first
        names.append(ex.evaluate("s => s.options[s.selectedIndex].text").replace("\xa0", " "))
        builder.locator("button", has_text="add to plan").click()
        _wait_text(builder, lambda t, n=names[-1]: n in t)
    listing = " ".join(_texts(builder))
    assert all(n in listing for n in names), (names, listing)
    for icon in ("fa-plus", "fa-minus", "fa-trash"):
        info = icon_info(builder.locator(f"button i.{icon}").first)
        assert info["content"] not in ("none", "normal", '""', "") and info["loaded"], f"{icon}: {info}"
    link = builder.locator("a.runmech-download-handout")
    link.scroll_into_view_if_needed()
    with page.expect_download() as dl:
        link.click()
    saved = tmp_path / dl.value.suggested_filename
    dl.value.save_as(saved)
    assert saved.suffix == ".html"
    content = saved.read_text(encoding="utf-8")
    import html as _html
    assert all(_html.escape(n) in content or n in content for n in names), names
    with page.expect_download() as dl_plan:
        builder.locator("a.runmech-download-plan").click()
    plan_file = tmp_path / dl_plan.value.suggested_filename
    dl_plan.value.save_as(plan_file)
    assert plan_file.suffix == ".json" and len(__import__("json").loads(plan_file.read_text())["exercises"]) == 2
    screenshot(page, "clinic-dosing-plan")
    page_log.assert_clean()
