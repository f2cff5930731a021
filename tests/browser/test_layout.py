"""The layout check in a real browser: no title over a legend, no axis title cut off, no control label cut short.

Every panel of every notebook is measured here in JupyterLab (lab mode, as ``runmech lab`` starts it); every screen
and every "show" view of the clinic dashboards in Voila (clinic mode) by :func:`clinic_problems`, called from the
clinic tests, which have those pages open already; the region notebooks in Voila from the region tests. All at a
laptop's 1280 × 900 window. The boxes of
plotly's titles, legends, axis titles and tick labels and of every control label are read from the page
(:mod:`layout`); any overlap, anything that leaves its figure, and any label whose text does not fit fails the test,
naming the panel, the plot and the two things that collide. Screenshots: ``test-artifacts/screenshots/layout-*.png``.
"""

from __future__ import annotations

import pytest

from helpers import open_lab_and_run, screenshot
from layout import layout_problems

LAB_NOTEBOOKS = ["00_start_here", "01_torso", "02_hips", "03_lower_extremity", "04_dosing_lab", "05_your_data"]

# Waits until every plot inside an element has drawn (or the element holds none).
_DRAWN_IN_JS = """
el => Array.from(el.querySelectorAll('.js-plotly-plot')).every(gd => gd.data && gd.data.length
        && gd.querySelector('.scatterlayer path, .barlayer path, .polarlayer path, image'))
"""


def _settle(locator, timeout_ms: int = 60_000) -> None:
    locator.scroll_into_view_if_needed()
    locator.page.wait_for_function(f"el => ({_DRAWN_IN_JS})(el)", arg=locator.element_handle(), timeout=timeout_ms)
    locator.page.wait_for_timeout(300)  # plotly's automargins settle after the first draw


def _panels_problems(page) -> list[str]:
    found: list[str] = []
    panels = page.locator(".runmech-panel")
    for i in range(panels.count()):
        panel = panels.nth(i)
        if not panel.is_visible():
            continue
        _settle(panel)
        found += layout_problems(panel, expect_plots=panel.locator(".js-plotly-plot").count() > 0)
    return found


def _fail_on(found: list[str], where: str) -> None:
    assert not found, f"{where}: {len(found)} layout problem(s):\n  " + "\n  ".join(found)


# True once every code cell of the notebook in view has run (an execution count each) and the kernel is idle.
_ALL_RUN_JS = """
() => { const nb = window.jupyterapp.shell.currentWidget; const s = nb && nb.sessionContext.session;
        if (!s || !s.kernel || s.kernel.status !== 'idle') return false;
        return nb.content.widgets.filter(c => c.model.type === 'code')
                 .every(c => c.model.executionCount !== null); }
"""


@pytest.mark.parametrize("name", LAB_NOTEBOOKS)
def test_layout_in_jupyterlab(page, page_log, lab_server, name):
    open_lab_and_run(page, lab_server, f"{name}.ipynb", plots=1, timeout_ms=240_000)
    page.wait_for_function(_ALL_RUN_JS, timeout=240_000, polling=250)
    page.wait_for_timeout(1000)
    found = _panels_problems(page)
    screenshot(page, f"layout-lab-{name}")
    _fail_on(found, f"{name} in JupyterLab")


def clinic_problems(page, name: str) -> list[str]:
    """Layout problems of a clinic dashboard already open in ``page``: every screen, every "show" view."""
    found: list[str] = []
    steps = page.locator(".runmech-steps button")
    for s in range(max(1, steps.count())):
        if steps.count():
            steps.nth(s).click()
            page.wait_for_timeout(600)
        views = page.locator(".runmech-panel:visible .runmech-view button")
        for v in range(max(1, views.count())):
            if views.count():
                views.nth(v).click()
                page.wait_for_timeout(600)
            found += _panels_problems(page)
            screenshot(page, f"layout-clinic-{name}-{s}-{v}")
    return found
