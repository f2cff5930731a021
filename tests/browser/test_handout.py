"""The printable handout in headless Chromium: no network, inert injected text, drawings, pages as promised.

Up to six exercises with their drawings print on one page, A4 and Letter, in English and Spanish; more flow onto a
second page and no exercise is split between pages (read back from the PDF Chromium prints). The plan builder's
download links are clicked too: the files that arrive are the handout and the plan.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata

import pytest
from pypdf import PdfReader

from helpers import SCREENSHOTS, screenshot
from runmech import Plan
from runmech.dosing import exercises
from runmech.dosing.handout import MAX_ONE_PAGE, render_html
from runmech.ui.dosing import download_links

INJECTION = '<script>window.__pwned=1;alert("x")</script><img src="http://example.invalid/x" onerror="alert(2)">'
SIX = ["plank_row", "thread_the_needle", "single_leg_calf_raise", "half_kneeling_hip_flexor_stretch",
       "standing_row", "glute_bridge"]


def typical_plan(n: int = 4, language: str = "en") -> Plan:
    p = Plan(client='AJ "Al" <script>alert(1)</script>', date="2025-03-01", therapist="J. Doe, PT",
             contact="clinic 555 0100", review_date="2025-03-29", language=language,
             notes="Run easy on Tuesday and Thursday. Do the plan on the other days.\n" + INJECTION)
    p.add("plank_row", load_kg=8, load_basis="1rm", test_load_kg=10, test_reps=6, one_rm_kg=12.0, tempo=(2, 1, 2),
          note='Keep the hips level " onmouseover="alert(3)')
    p.add("thread_the_needle", extra_sets=1, extra_side="left")
    p.add("single_leg_calf_raise", load_kg=10, load_basis="today")
    p.add("half_kneeling_hip_flexor_stretch")
    if n >= 5:
        p.add("standing_row", band="green")
    if n >= 6:
        p.add("glute_bridge")
    for ex in [e for e in exercises.ids() if e not in SIX][: max(0, n - 6)]:
        p.add(ex)
    return p


def _pdf_pages(pdf: bytes) -> list[str]:
    """Text of each printed page, with ligatures undone, spaces collapsed and words joined at hyphens."""
    texts = [unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    return [re.sub(r"-\s+", "-", re.sub(r"\s+", " ", t)) for t in texts]


def _save_pdf(name: str, pdf: bytes) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / name).write_bytes(pdf)


def _open(page, html: str, dialogs: list) -> None:
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_content(html, wait_until="load")
    page.wait_for_timeout(200)


def test_handout_renders_offline_inert_with_drawings(page, page_log):
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
    first = page.locator("li.ex").first.inner_text()
    assert "2–3 sets of 8–12 per side with 8 kg (17.6 lb)" in first and "estimated 1RM of 12 kg" in first
    # every drawing is drawn, inside its exercise, and named for a screen reader
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('li.ex')).map(li => {
        const s = li.querySelector('svg'), a = s.getBoundingClientRect(), b = li.getBoundingClientRect();
        return {w: a.width, h: a.height, inside: a.left >= b.left && a.right <= b.right && a.top >= b.top
                && a.bottom <= b.bottom + 0.5, label: s.getAttribute('aria-labelledby'),
                title: s.querySelector('title').textContent, shapes: s.querySelectorAll('polyline').length};
    })""")
    for b in boxes:
        assert b["w"] > 100 and b["h"] > 40 and b["inside"] and b["shapes"] > 6, b
    assert [b["title"] for b in boxes][:2] == ["Plank with row", "Thread the needle"]
    screenshot(page, "handout-4-exercises")
    page.emulate_media(media="print")
    screenshot(page, "handout-4-exercises-print")
    assert page_log.requests == [], page_log.requests
    page_log.assert_clean()


@pytest.mark.parametrize("language", ["en", "es"])
def test_six_exercises_with_drawings_fit_one_page_a4_and_letter(page, page_log, language):
    plan = typical_plan(MAX_ONE_PAGE, language)
    _open(page, render_html(plan), [])
    for fmt in ("Letter", "A4"):
        pdf = page.pdf(format=fmt, print_background=True)
        _save_pdf(f"handout-6-{language}-{fmt}.pdf", pdf)
        pages = _pdf_pages(pdf)
        assert len(pages) == 1, (language, fmt, len(pages))
        for n, item in enumerate(plan.exercises, 1):
            assert f"{n}." in pages[0]
    assert page_log.requests == []
    page_log.assert_clean()


def test_more_exercises_flow_to_a_second_page_without_splitting_one(page, page_log):
    plan = typical_plan(9)
    _open(page, render_html(plan), [])
    for fmt in ("Letter", "A4"):
        pdf = page.pdf(format=fmt, print_background=True)
        _save_pdf(f"handout-9-{fmt}.pdf", pdf)
        pages = _pdf_pages(pdf)
        assert len(pages) == 2, (fmt, len(pages))
        for n, item in enumerate(plan.exercises, 1):
            name = item.exercise.name
            first_cue = item.exercise.cues[0][:30]
            last_cue = item.exercise.cues[-1][-25:]
            where = {i for i, t in enumerate(pages) if f"{n}. {name}" in t}
            assert len(where) == 1, (fmt, name, where)
            (i,) = where
            assert first_cue in pages[i] and last_cue in pages[i], (fmt, name, "split across pages")
        assert "Pain guide" in pages[-1] and "not medical advice" in pages[-1]
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


def test_every_exercise_drawing_renders_inside_its_box(page, page_log):
    """All catalogue drawings on one sheet, as Chromium draws them: each figure's drawn extent (getBBox of every
    shape, strokes excluded) stays inside its viewBox; the sheet is saved for a person to look at."""
    from runmech.dosing import drawings

    cells = "".join(f'<div class="cell"><p>{e}</p>{drawings.still_svg(e)}</div>' for e in exercises.ids())
    _open(page, "<!DOCTYPE html><html><head><style>body{margin:8px;font:12px sans-serif;width:1320px}"
                ".cell{display:inline-block;margin:4px;border:1px solid #ccc}.cell p{margin:2px}</style></head>"
                f"<body>{cells}</body></html>", [])
    result = page.evaluate("""() => Array.from(document.querySelectorAll('svg')).map(s => {
        const vb = s.viewBox.baseVal, out = [];
        s.querySelectorAll('polyline, circle, line, rect, polygon').forEach(el => {
            const b = el.getBBox();
            if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5
                || b.y + b.height > vb.y + vb.height + 0.5) out.push(el.tagName);
        });
        return {outside: out, shapes: s.querySelectorAll('polyline').length, w: s.getBoundingClientRect().width};
    })""")
    assert len(result) == len(exercises.ids())
    for ex, r in zip(exercises.ids(), result):
        assert not r["outside"] and r["shapes"] >= 8 and r["w"] > 200, (ex, r)
    screenshot(page, "exercise-drawings")
    page_log.assert_clean()
