"""Clinic mode in a real browser: the landing page and every dashboard, served by the clinic launcher (Voila).

One page load per dashboard; all of its checks share it: every screen's plots draw, one screen shows at a time, no
code and no console error shows, no request leaves the computer, the controls are large, each main control changes
its plot and its text summary, the "show" switch draws a screen's other plot up to date, the sentences switch to the
client's words without redrawing a plot, icons still draw without the CDN icon fonts, the layout check passes on
every screen and view, and a screenshot of every screen is saved (test-artifacts/screenshots/clinic-*.png).
"""

from __future__ import annotations

import time

import pytest

from runmech.model.gait import self_selected_cadence
from test_layout import clinic_problems

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

# dashboard -> screens, each: (step button, plots drawn on it, [(slider label, presses, key, text expected or "")])
# On automatic the cadence slider shows the model's own cadence, so a slider unticked at 3.5 m/s starts there.
_AUTO_35 = round(self_selected_cadence(3.5))
# A step of "untick:<label>" clicks the check box labelled <label> first (e.g. automatic cadence).
DASHBOARDS = {
    "torso": [
        ("1 · Twisting", 1, [("speed (metres per second)", 5, "ArrowRight", "3.5 m/s"),
                             ("arm drive", 22, "ArrowLeft", "arms held still")]),
        ("2 · Shock", 1, [("spine stiffness", 5, "ArrowRight", "1.25 times normal"),
                          ("trunk muscle control", 5, "ArrowLeft", "0.75 times normal")]),
        ("3 · Symmetry", 1, [("one-sided spine stiffness", 10, "ArrowRight", "10 % stiffer against turning to the left"),
                             ("one arm weaker", 10, "ArrowRight", "left arm's drive 10 % weaker")]),
        ("4 · Sway", 1, [("side-to-side trunk lean", 4, "ArrowRight", "2.0 cm of extra sway")]),
    ],
    "hips": [
        ("1 · One stride", 1, [("speed (metres per second)", 5, "ArrowRight", "3.5 m/s"),
                               ("untick:automatic cadence", 0, "", ""),
                               ("cadence (steps per minute)", 5, "ArrowRight", f"{_AUTO_35 + 5} steps per minute")]),
        ("2 · Speed", 1, [("speed (metres per second)", 10, "ArrowRight", "4.0 m/s")]),
        ("3 · Symmetry", 1, [("one step longer", 10, "ArrowRight", "longer right step")]),
    ],
    "lower_leg": [
        ("1 · Ground force", 1, [("speed (metres per second)", 5, "ArrowRight", "3.5 m/s"),
                                 ("untick:automatic cadence", 0, "", ""),
                                 ("cadence (steps per minute)", 5, "ArrowRight", f"{_AUTO_35 + 5} steps per minute")]),
        ("2 · Impact", 1, [("speed (metres per second)", 5, "ArrowLeft", "2.5 m/s")]),
        ("3 · Side view", 2, [("speed (metres per second)", 10, "ArrowRight", "4.0 m/s")]),
    ],
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


def _visible_panel(page):
    return page.locator(".runmech-panel:visible").first


def _exercise(page, steps) -> None:
    panel = _visible_panel(page)
    for label, presses, key, expect in steps:
        before = panel_state(panel)
        if label.startswith("untick:"):
            box = panel.locator(".widget-checkbox", has_text=label.split(":", 1)[1]).locator("input")
            box.scroll_into_view_if_needed()
            assert box.is_checked()
            box.uncheck()
        else:
            move_in_panel(panel, label, presses, key)
        after = wait_panel_changed(panel, before)
        assert after["plots"] != before["plots"], f"'{label}': the plot did not change"
        assert after["texts"] != before["texts"], f"'{label}': the text summary did not change"
        if expect:  # the last key press's update may still be on its way on a busy machine: wait for it (20 s)
            deadline = time.monotonic() + 20
            while not any(expect in t for t in after["texts"]) and time.monotonic() < deadline:
                page.wait_for_timeout(100)
                after = panel_state(panel)
            assert any(expect in t for t in after["texts"]), f"'{label}': '{expect}' not in {after['texts']}"


def _words_for_the_client(page) -> None:
    """The sentences switch to the client's words and back, without touching a plot."""
    panel = _visible_panel(page)
    before = panel_state(panel)
    page.locator(".runmech-words button", has_text="for the client").click()
    page.wait_for_function("([el, t]) => !Array.from(el.querySelectorAll('div.runmech-summary'))"
                           ".some(e => t.includes(e.innerText.trim()))",
                           arg=[panel.element_handle(), before["texts"]], timeout=20_000)
    after = panel_state(panel)
    assert after["plots"] == before["plots"], "switching the words redrew a plot"
    assert not any(j in " ".join(after["texts"]) for j in ("N·m/kg", "kg·m²/s", "symmetry index")), after["texts"]
    page.locator(".runmech-words button", has_text="for the therapist").click()
    page.wait_for_function("([el, t]) => Array.from(el.querySelectorAll('div.runmech-summary'))"
                           ".some(e => t.includes(e.innerText.trim()))",
                           arg=[panel.element_handle(), before["texts"]], timeout=20_000)


def _second_view(page) -> None:
    """The "show" switch draws the screen's other plot, brought up to date with the controls moved before."""
    panel = _visible_panel(page)
    views = panel.locator(".runmech-view button")
    if views.count() < 2:
        return
    first = panel_state(panel)["plots"]
    views.nth(1).click()
    page.wait_for_function("([el, p]) => { const g = el.querySelector('.js-plotly-plot');"
                           " return g && g.data && JSON.stringify(g.data.map(t => [t.x, t.y, t.z, t.r, t.theta])) !== p"
                           " && g.querySelector('.scatterlayer path, .barlayer path'); }",
                           arg=[panel.element_handle(), first[0]], timeout=30_000)
    assert_no_blank_plot(page)
    views.nth(0).click()
    page.wait_for_timeout(500)


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
    screens = DASHBOARDS[name]
    seconds = open_voila(page, voila_server, f"clinic/{name}.ipynb", plots=screens[0][1])
    _common_checks(page, page_log, name)
    steps = page.locator(".runmech-steps button")
    assert [t.strip() for t in steps.all_inner_texts()] == [s[0] for s in screens]
    assert page.locator(".runmech-panel:visible").count() == 1, "one screen at a time"
    for i, (step, plots, controls) in enumerate(screens):
        steps.nth(i).click()
        page.wait_for_function("n => { const p = Array.from(document.querySelectorAll('.runmech-panel'))"
                               ".filter(e => e.offsetParent !== null)[0];"
                               " return p && p.querySelectorAll('.js-plotly-plot .scatterlayer, "
                               ".js-plotly-plot .barlayer').length >= n; }", arg=plots, timeout=60_000)
        page.wait_for_timeout(500)
        assert _visible_panel(page).locator(".js-plotly-plot").count() == plots, f"{step}: plots on screen"
        assert_no_blank_plot(page)
        screenshot(page, f"clinic-{name}-{i + 1}")
        _exercise(page, controls)
        _second_view(page)
        if i == 0:
            _words_for_the_client(page)
        if name == "lower_leg" and step.endswith("Side view"):
            _play_button_works(page)
    found = clinic_problems(page, name)
    assert not found, f"clinic dashboard {name}: layout problems:\n  " + "\n  ".join(found)
    page_log.assert_clean()
    print(f"{name}: first screen drawn {seconds:.1f} s after navigation")


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
    panel = _visible_panel(page)
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
    found = clinic_problems(page, "dosing")
    assert not found, "clinic dashboard dosing: layout problems:\n  " + "\n  ".join(found)
    page_log.assert_clean()
