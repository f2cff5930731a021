"""Small helpers shared by the browser tests (Playwright, sync API)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

# JavaScript: the data of every plotly graph on the page, as JSON-able lists (x/y/z/text/... of each trace).
_PLOT_DATA_JS = """
() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => (gd.data || []).map(t => {
    const out = {};
    for (const k of ['x', 'y', 'z', 'r', 'theta', 'text', 'name', 'type', 'visible']) {
        if (t[k] !== undefined) out[k] = (t[k] && t[k].length !== undefined && typeof t[k] !== 'string')
            ? Array.from(t[k]) : t[k];
    }
    return out;
}))
"""

# JavaScript: how many plotted points each graph actually drew (an empty graph draws none).
_DRAWN_JS = """
() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
    const r = gd.getBoundingClientRect();
    const marks = gd.querySelectorAll('.scatterlayer path.js-line, .scatterlayer .point, .barlayer path, '
        + '.scatterlayer path.js-fill, .heatmaplayer image, .polarlayer path, .shapelayer path').length;
    return {width: r.width, height: r.height, marks: marks};
})
"""


def wait_for_plots(page, count: int = 1, timeout_ms: int = 90_000) -> None:
    """Wait until at least ``count`` plotly graphs are on the page and have drawn something."""
    page.wait_for_function(
        f"() => document.querySelectorAll('.js-plotly-plot').length >= {count}", timeout=timeout_ms
    )
    page.wait_for_function(
        """(n) => Array.from(document.querySelectorAll('.js-plotly-plot')).slice(0, n)
                 .every(gd => gd.data && gd.data.length > 0
                      && gd.querySelectorAll('.scatterlayer path, .barlayer path, .polarlayer path, image').length > 0)""",
        arg=count,
        timeout=timeout_ms,
    )


def plot_data(page) -> list:
    """Trace data of every plotly graph on the page."""
    return page.evaluate(_PLOT_DATA_JS)


def drawn(page) -> list[dict]:
    """Size and number of drawn marks of every plotly graph (to catch blank plots)."""
    return page.evaluate(_DRAWN_JS)


def assert_no_blank_plot(page) -> None:
    """Every plotly graph on the page has a size and has drawn marks."""
    info = drawn(page)
    assert info, "no plotly graph on the page"
    for i, g in enumerate(info):
        assert g["width"] > 100 and g["height"] > 100, f"plot {i} has no size: {g}"
        assert g["marks"] > 0, f"plot {i} drew nothing (blank plot): {g}"


def summaries(page) -> list[str]:
    """Text of every live summary (class runmech-summary) on the page."""
    return page.eval_on_selector_all("div.runmech-summary", "els => els.map(e => e.innerText.trim())")


def sliders(page):
    """Locator of every ipywidgets slider handle on the page."""
    return page.locator(".widget-slider .noUi-handle")


def move_slider(page, index: int = 0, presses: int = 5, key: str = "ArrowRight") -> None:
    """Move the ``index``-th slider on the page by ``presses`` key presses (as a keyboard user would)."""
    handle = sliders(page).nth(index)
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(presses):
        handle.press(key)


def slider_by_label(page, label: str):
    """The slider widget whose description contains ``label``."""
    return page.locator(".widget-slider").filter(has=page.locator(".widget-label", has_text=label))


def move_slider_labelled(page, label: str, presses: int = 5, key: str = "ArrowRight") -> None:
    """Move the slider whose label contains ``label``."""
    handle = slider_by_label(page, label).locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(presses):
        handle.press(key)


def wait_changed(page, before, getter, timeout_s: float = 15.0):
    """Poll ``getter(page)`` until it differs from ``before``; return the new value (or the last one read)."""
    deadline = time.monotonic() + timeout_s
    now = getter(page)
    while now == before and time.monotonic() < deadline:
        page.wait_for_timeout(50)
        now = getter(page)
    # then wait until it has settled (no change for 400 ms): key presses may still be on their way
    stable_since = time.monotonic()
    while time.monotonic() - stable_since < 0.4 and time.monotonic() < deadline:
        page.wait_for_timeout(50)
        latest = getter(page)
        if latest != now:
            now, stable_since = latest, time.monotonic()
    return now


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[^A-Za-z0-9_.-]+", "_", name) + ".png")
    # Voila and JupyterLab scroll an inner element, so a "full page" shot would stop at the viewport: grow the
    # viewport to the tallest scrolling content for the shot, then restore it.
    size = page.viewport_size or {"width": 1280, "height": 900}
    tallest = page.evaluate(
        "() => { const c = document.querySelector('#rendered_cells');"
        "        if (c) return c.scrollHeight + 40;"
        "        const p = document.querySelector('.js-plotly-plot');"
        "        if (p) p.scrollIntoView({block: 'center'});"
        "        return 0; }")
    page.set_viewport_size({"width": size["width"], "height": int(min(max(tallest, size["height"]), 12000))})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def dumps(obj) -> str:
    return json.dumps(obj, sort_keys=True, default=str)


def open_voila(page, server, notebook: str, *, plots: int = 1, timeout_ms: int = 120_000) -> float:
    """Open a notebook in Voila and wait until ``plots`` plotly graphs have drawn; return seconds taken."""
    t0 = time.monotonic()
    page.goto(server.render(notebook), wait_until="domcontentloaded", timeout=timeout_ms)
    wait_for_plots(page, plots, timeout_ms)
    return time.monotonic() - t0


def open_lab_and_run(page, server, notebook: str, *, plots: int = 1, timeout_ms: int = 120_000) -> None:
    """Open a notebook in JupyterLab, run all cells and wait until ``plots`` plotly graphs have drawn."""
    page.goto(server.lab(notebook), wait_until="domcontentloaded", timeout=timeout_ms)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell && "
                           "document.querySelector('.jp-NotebookPanel .jp-Notebook')", timeout=timeout_ms)
    # wait for the kernel to be ready before running (the toolbar shows the kernel status)
    page.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   return w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel
                          && w.sessionContext.session.kernel.status === 'idle'; }""",
        timeout=timeout_ms)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    wait_for_plots(page, plots, timeout_ms)


# --- panel-scoped helpers (clinic dashboards put several panels, each with its own speed slider, on one page) -----
_PANEL_STATE_JS = """
el => ({plots: Array.from(el.querySelectorAll('.js-plotly-plot')).map(gd => JSON.stringify((gd.data || [])
            .map(t => [t.x, t.y, t.z, t.r, t.theta]))),
        texts: Array.from(el.querySelectorAll('div.runmech-summary')).map(e => e.innerText.trim())})
"""

# JavaScript: how an icon element (e.g. ``i.fa-play``) is drawn: its glyph, font, size and whether that font loaded.
_ICON_JS = """
el => {
    const before = getComputedStyle(el, '::before');
    const family = before.fontFamily || getComputedStyle(el).fontFamily;
    const first = family.split(',')[0].replace(/["']/g, '').trim();
    const faces = Array.from(document.fonts).filter(f => f.family.replace(/["']/g, '') === first);
    const r = el.getBoundingClientRect();
    return {content: before.content, family: family, width: r.width, height: r.height,
            loaded: faces.some(f => f.status === 'loaded'), faces: faces.map(f => f.status)};
}
"""


def panel_at(page, index: int):
    """Locator of the ``index``-th runmech panel (class ``runmech-panel``) on the page."""
    return page.locator(".runmech-panel").nth(index)


def panel_state(panel) -> dict:
    """Plot data (one JSON string per graph) and live summaries of one panel."""
    return panel.evaluate(_PANEL_STATE_JS)


def move_in_panel(panel, label: str, presses: int = 5, key: str = "ArrowRight") -> None:
    """Move the slider labelled ``label`` inside ``panel`` by ``presses`` key presses."""
    slider = panel.locator(".widget-slider").filter(has=panel.page.locator(".widget-label", has_text=label))
    handle = slider.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(presses):
        handle.press(key)


def wait_panel_changed(panel, before: dict, timeout_s: float = 20.0) -> dict:
    """Wait until both the plots and the summaries of ``panel`` differ from ``before`` (then until they settle)."""
    deadline = time.monotonic() + timeout_s
    now = panel_state(panel)
    while (now["plots"] == before["plots"] or now["texts"] == before["texts"]) and time.monotonic() < deadline:
        panel.page.wait_for_timeout(60)
        now = panel_state(panel)
    stable_since = time.monotonic()
    while time.monotonic() - stable_since < 0.4 and time.monotonic() < deadline:
        panel.page.wait_for_timeout(60)
        latest = panel_state(panel)
        if latest != now:
            now, stable_since = latest, time.monotonic()
    return now


def icon_info(locator) -> dict:
    """How an icon element is drawn: ``content`` of its ::before glyph, font family, size, whether the font loaded."""
    return locator.evaluate(_ICON_JS)
