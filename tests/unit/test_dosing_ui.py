"""The dosing panels (ipywidgets, driven from Python): they follow the controls, show errors, keep the last result."""

from __future__ import annotations

import base64
import html
import datetime
import json
import re

import pytest

from runmech import Plan
from runmech.dosing.handout import render_html
from runmech.ui.dosing import dose_calculator_panel, plan_builder_panel


def _decode(links_html: str, css_class: str) -> str:
    m = re.search(rf'class="{css_class}"[^>]*href="data:[^;]+;charset=utf-8;base64,([^"]+)"', links_html)
    assert m, links_html[:300]
    return base64.b64decode(m.group(1)).decode("utf-8")


def test_calculator_follows_the_controls():
    p = dose_calculator_panel(40, 10)
    c = p.controls
    assert "53.3 kg (117.6 lb)" in c["summary"].value
    assert c["table"].value.count("<tr") == 9  # header + 8 methods
    c["sets"].value = "5, 4"
    assert "for 5 reps" in c["summary"].value and list(c["figure"].data[-1].x) == [5, 5]
    c["method"].value = "brzycki"
    assert "Brzycki estimates" in c["summary"].value
    assert c["figure"].data[1].line.width == 4 and c["figure"].data[0].line.width == 1.5


def test_calculator_asks_each_fact_once():
    c = dose_calculator_panel(40, 10).controls
    # one load box and one box of reps per set: no second reps control for the same set
    assert "reps" not in c and sum("reps" in (getattr(v, "description", "") or "") for v in c.values()) == 1
    c["sets"].value = "8, 11, 9"
    assert "for 11 reps (the best of today's sets)" in html.unescape(c["summary"].value)
    assert "from the best set (11 reps)" in c["table"].value


def test_calculator_title_and_legend_do_not_share_the_top():
    fig = dose_calculator_panel(40, 10).controls["figure"]
    assert fig.layout.title.text == "Load as a share of the 1RM, by reps"
    # the legend sits under the title and above the plot: the top margin holds the title row and every legend row
    from runmech.ui import style

    names = [t.name for t in fig.data if t.showlegend is not False]
    rows = style.legend_rows(names, font_px=fig.layout.legend.font.size)
    assert rows >= 2  # eight methods, the NSCA chart and the best set do not fit on one row
    assert fig.layout.legend.yref == "container" and fig.layout.legend.yanchor == "top"
    legend_top_px = (1.0 - fig.layout.legend.y) * fig.layout.height
    assert legend_top_px >= 30  # under the title's row
    assert fig.layout.margin.t >= legend_top_px + rows * 20  # and the plot starts below the legend's last row


def test_calculator_unit_toggle_converts_the_shown_load():
    p = dose_calculator_panel(40, 10)
    c = p.controls
    c["unit"].value = "lb"
    assert c["load"].value == pytest.approx(88.2) and "pounds" in c["load"].description
    assert "88.2 lb (40 kg)" in c["summary"].value
    c["unit"].value = "kg"
    assert c["load"].value == pytest.approx(40.0, abs=0.05)


def test_calculator_messages_sit_beside_their_box_and_keep_the_last_result():
    p = dose_calculator_panel(20, 12)
    c = p.controls
    c["sets"].value = "12, 12, 12"
    c["effort"].value = "easy"
    assert "heavier" in c["advice"].value and "22 kg" in c["advice"].value
    good = c["summary"].value
    c["sets"].value = "12, twelve"
    assert "reps in each set today must be whole numbers" in html.unescape(c["sets_message"].value)
    assert c["load_message"].value == "" and c["summary"].value == good
    c["sets"].value = "12, 0"
    assert "reps in each set today (set 2) must be a whole number from 1 to 50; got 0" in \
        html.unescape(c["sets_message"].value)
    c["load"].value = 0.0
    assert "load lifted today (kilograms) must be a finite number above 0" in html.unescape(c["load_message"].value)
    c["load"].value = 20.0
    c["sets"].value = "8, 8"
    assert c["sets_message"].value == "" and c["load_message"].value == "" and "build" in c["advice"].value
    # the message box is the one right under the reps box
    sets_box = next(ch for ch in p.children if getattr(ch, "children", None) and c["sets"] in ch.children)
    assert list(sets_box.children) == [c["sets"], c["sets_message"]]


def test_calculator_rejects_bad_start_values():
    with pytest.raises(ValueError, match="load_kg must be a finite number from 0.5 to 1000"):
        dose_calculator_panel(0, 10)
    with pytest.raises(ValueError, match="method must be one of"):
        dose_calculator_panel(40, 10, method="guess")
    with pytest.raises(ValueError, match="reps_per_set must be whole numbers"):
        dose_calculator_panel(40, 10, reps_per_set="ten")


def test_plan_builder_adds_removes_and_offers_downloads():
    p = plan_builder_panel()
    c = p.controls
    assert [o[1] for o in c["exercise"].options][:2] == ["thread_the_needle", "open_book"]
    c["exercise"].value = "plank_row"
    assert c["sets"].value == (2, 3) and c["reps"].value == (8, 12) and c["hold"].disabled
    c["load"].value = 8.0
    c["add"].click()
    c["region"].value = "hips"
    c["exercise"].value = "hip_90_90"
    assert c["load"].disabled
    c["extra_sets"].value = 1
    c["extra_side"].value = "left"
    c["add"].click()
    c["client"].value = 'Sam <script>alert("x")</script>'
    c["notes"].value = "Twice a week."
    assert [i.exercise_id for i in p.plan.exercises] == ["plank_row", "hip_90_90"]
    assert p.plan.exercises[0].load_kg == 8.0 and p.plan.exercises[1].extra_side == "left"
    links = c["downloads"].value
    assert 'class="runmech-download-handout"' in links and 'class="runmech-download-plan"' in links
    handout = _decode(links, "runmech-download-handout")
    assert handout == render_html(p.plan) and "<script>alert" not in handout
    assert Plan.from_json(_decode(links, "runmech-download-plan")) == p.plan
    assert "srcdoc=" in c["preview"].value and 'sandbox=""' in c["preview"].value
    assert "2 exercises" in c["listing"].value
    c["remove"].click()
    assert len(p.plan.exercises) == 1
    c["clear"].click()
    assert p.plan.exercises == []


def test_plan_builder_pounds_and_errors_beside_the_controls():
    p = plan_builder_panel()
    c = p.controls
    c["unit"].value = "lb"
    assert "pounds" in c["load"].description
    c["exercise"].value = "plank_row"
    c["load"].value = 20.0
    c["add"].click()
    assert p.plan.exercises[0].load_kg == pytest.approx(9.0718474)
    assert "20 lb (9.1 kg)" in c["listing"].value
    c["band"].value = "red"
    c["add"].click()
    assert "choose a load or a band colour, not both" in html.unescape(c["message"].value)
    assert len(p.plan.exercises) == 1
    c["exercise"].value = "thread_the_needle"
    c["extra_sets"].value = 1
    c["add"].click()
    assert "more limited side must be 'left' or 'right'" in html.unescape(c["message"].value)
    c["client"].value = "x" * 81
    assert "client must be text of at most 80 characters" in html.unescape(c["details_message"].value)
    assert p.plan.client == ""  # last good state kept
    # the downloads never offer a plan other than the one the boxes show: they pause, with the reason
    assert "runmech-download-handout" not in c["downloads"].value and "Downloads are paused" in c["downloads"].value
    assert "client must be text of at most 80 characters" in html.unescape(c["downloads"].value)
    c["client"].value = "Sam"
    assert _decode(c["downloads"].value, "runmech-download-handout") == render_html(p.plan)
    assert p.plan.client == "Sam"


def test_plan_builder_loads_a_plan_and_refuses_a_bad_one():
    p = plan_builder_panel()
    c = p.controls
    saved = Plan(client="Jo", unit="lb", date="2025-03-01").add("open_book").add("calf_raise", load_kg=5)
    c["upload"].value = ({"name": "jo.json", "type": "application/json", "size": 1,
                          "content": memoryview(saved.to_json().encode("utf-8")), "last_modified": datetime.datetime(2025, 3, 1, tzinfo=datetime.timezone.utc)},)
    assert p.plan == saved
    assert c["client"].value == "Jo" and c["unit"].value == "lb" and str(c["date"].value) == "2025-03-01"
    bad = json.loads(saved.to_json())
    bad["version"] = 9
    c["upload"].value = ({"name": "new.json", "type": "application/json", "size": 1,
                          "content": memoryview(json.dumps(bad).encode()), "last_modified": datetime.datetime(2025, 3, 1, tzinfo=datetime.timezone.utc)},)
    assert "new.json: version 9 was written by a newer runmech" in html.unescape(c["file_message"].value)
    assert p.plan == saved


def test_plan_builder_new_fields_reach_the_plan():
    p = plan_builder_panel()
    c = p.controls
    c["exercise"].value = "plank_row"
    assert "<svg" in c["drawing"].value and "@keyframes" in c["drawing"].value  # the exercise, moving
    c["basis"].value = "1rm"
    c["test_load"].value = 10.0
    c["test_reps"].value = 6
    assert c["load"].value == 8.0 and "1RM estimated from the test: 12 kg" in c["load_message"].value
    c["tempo"].value = "2-1-3"
    c["rest"].value = 120
    c["days"].value = 3
    c["add"].click()
    it = p.plan.exercises[0]
    assert (it.load_kg, it.load_basis, it.test_load_kg, it.test_reps, round(it.one_rm_kg, 1)) == (8.0, "1rm", 10.0, 6, 12.0)
    assert (it.tempo, it.rest_s, it.days_per_week) == ((2, 1, 3), 120.0, 3)
    c["tempo"].value = "fast"
    c["add"].click()
    assert "tempo must be three whole numbers" in html.unescape(c["message"].value) and len(p.plan.exercises) == 1
    c["therapist"].value = "J. Doe, PT"
    c["review_date"].value = datetime.date(2025, 4, 1)
    c["language"].value = "es"
    c["pain_limit"].value = 3
    assert (p.plan.therapist, p.plan.review_date, p.plan.language, p.plan.pain_limit) == \
        ("J. Doe, PT", "2025-04-01", "es", 3)
    handout = _decode(c["downloads"].value, "runmech-download-handout")
    assert "Tu plan de ejercicios" in handout and "J. Doe, PT" in handout and "llegar a 3 de 10" in handout


def test_plan_date_box_is_wide():
    c = plan_builder_panel().controls
    assert c["date"].layout.width == "100%" and c["review_date"].layout.width == "100%"


def test_calculator_sentence_in_plain_words_for_the_client():
    c = dose_calculator_panel(40, 10).controls
    therapist = html.unescape(c["summary"].value)
    assert "Epley estimates a 1RM" in therapist and "methods range" in therapist
    c["words"].value = "client"
    client = html.unescape(c["summary"].value)
    assert "Your best set today was 10 lifts of 40 kg (88.2 lb)" in client and "Epley" not in client
    assert "1RM" not in client and "53.3 kg" in client  # the same numbers, in plain words
    c["words"].value = "therapist"
    assert html.unescape(c["summary"].value) == therapist
