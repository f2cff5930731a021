"""The printable handout in headless Chromium: no network, inert injected text, one printed page, a screenshot.

The plan builder's download links are clicked too: the files that arrive are the handout and the plan.
"""

from __future__ import annotations

import json
import re

import pytest

from helpers import screenshot
from runmech import Plan
from runmech.dosing.handout import render_html
from runmech.ui.dosing import download_links

INJECTION = '<script>window.__pwned=1;alert("x")</script><img src="http://example.invalid/x" onerror="alert(2)">'


def typical_plan(n: int = 4) -> Plan:
    p = Plan(client='AJ "Al" <script>alert(1)</script>', date="2025-03-01",
             notes="Run easy on Tuesday and Thursday. Do the plan on the other days.\n" + INJECTION)
    p.add("plank_row", load_kg=8, note='Keep the hips level " onmouseover="alert(3)')
    p.add("thread_the_needle", extra_sets=1, extra_side="left")
    p.add("single_leg_calf_raise", load_kg=10)
    p.add("half_kneeling_hip_flexor_stretch")
    if n >= 5:
        p.add("standing_row", band="green")
    return p


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def _open(page, html: str, dialogs: list) -> None:
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_content(html, wait_until="load")
    page.wait_for_timeout(200)


def test_handout_renders_offline_inert_and_on_one_page(page, page_log):
    dialogs: list[str] = []
    _open(page, render_html(typical_plan()), dialogs)
    assert page.locator("li.ex").count() == 4
    assert page.locator("table.log").count() == 4
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.images.length") == 0
    assert page.evaluate("window.__pwned === undefined")
    assert not dialogs
    header = page.locator("header").inner_text()
    assert "<script>alert(1)</script>" in header and '"Al"' in header  # shown as text, not run
    assert "2–3 sets of 8–12 per side with 8 kg (17.6 lb)" in page.locator("li.ex").first.inner_text()
    path = screenshot(page, "handout-4-exercises")
    assert path.is_file()
    for fmt in ("Letter", "A4"):
        assert _pages(page.pdf(format=fmt, print_background=True)) == 1, fmt
    assert page_log.requests == [], page_log.requests
    page_log.assert_clean()


def test_five_exercises_still_fit_one_page(page, page_log):
    _open(page, render_html(typical_plan(5)), [])
    for fmt in ("Letter", "A4"):
        assert _pages(page.pdf(format=fmt)) == 1, fmt
    screenshot(page, "handout-5-exercises")
    assert page_log.requests == []
    page_log.assert_clean()


@pytest.mark.parametrize(("css_class", "suffix"), [("runmech-download-handout", ".html"),
                                                    ("runmech-download-plan", ".json")])
def test_download_links_deliver_the_files(page, page_log, css_class, suffix):
    plan = typical_plan()
    _open(page, f"<!DOCTYPE html><html><body>{download_links(plan)}</body></html>", [])
    with page.expect_download() as info:
        page.click(f"a.{css_class}")
    download = info.value
    assert download.suggested_filename.endswith(suffix)
    with open(download.path(), encoding="utf-8") as f:
        text = f.read()
    if suffix == ".json":
        assert Plan.from_dict(json.loads(text)) == plan
    else:
        assert text == render_html(plan)
    assert page_log.blocked_requests == []
